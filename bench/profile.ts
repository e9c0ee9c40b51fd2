/**
 * Where the CPU goes on one workload at the seed size: starts a throwaway Neo4j with the seed
 * (as `npm run seed` loads it), builds the app in this process, warms the query up, then runs
 * it `--requests` times, 8 in flight, uncached (Cache-Control: no-cache) and prints the top
 * self-time functions of this process's CPU profile:
 *
 *   npx tsx bench/profile.ts --workload nested [--requests 400] [--out summary.json]
 *
 * The profile is V8's sampling profiler (what `node --cpu-prof` writes), started through
 * node:inspector around the measured window only, so start-up, seeding and warm-up are not in it.
 */
import { writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { Session } from 'node:inspector/promises';
import os from 'node:os';
import path from 'node:path';
import { Command } from 'commander';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { connect, prepareGraph } from '../src/runtime/bootstrap.js';
import { freePort, startLocalNeo4j } from '../src/runtime/local-neo4j.js';
import { stepText, WORKLOADS } from './workloads/index.js';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  hitCount?: number;
}
interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** Self time per function (name + file:line), largest first, as shares of all samples. */
export function topSelfTime(profile: Profile, top: number): { fn: string; ms: number; share: number }[] {
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map<string, number>();
  let total = 0;
  profile.samples.forEach((id, i) => {
    const n = byId.get(id);
    const dt = (profile.timeDeltas[i] ?? 0) / 1000;
    total += dt;
    if (!n) return;
    const f = n.callFrame;
    const file = f.url ? `${f.url.replace(/^file:\/\/.*?node_modules\//, '').replace(/^file:\/\/.*?\/(src|bench)\//, '$1/')}:${f.lineNumber + 1}` : '';
    const key = `${f.functionName || '(anonymous)'}${file ? ` ${file}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  });
  return [...self.entries()]
    .sort((a, b) => b[1] - a[1])
    .slice(0, top)
    .map(([fn, ms]) => ({ fn, ms, share: total > 0 ? ms / total : 0 }));
}

const o = new Command()
  .option('--workload <name>', 'workload to profile', 'nested')
  .option('--requests <n>', 'measured requests', '400')
  .option('--top <n>', 'functions to list', '25')
  .option('--out <file>', 'also write the summary (JSON) here')
  .parse(process.argv)
  .opts<{ workload: string; requests: string; top: string; out?: string }>();
const w = WORKLOADS.find((x) => x.name === o.workload);
if (w?.steps.length !== 1) throw new Error(`--workload must name a one-step workload, got "${o.workload}"`);
const step = w.steps[0]!; // one step, checked just above
const query = stepText(step, 'abscopal');
if (!query) throw new Error(`no Abscopal text for ${step.file}`);

const log = createLogger('warn', 'profile');
const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-profile-'));
const neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '768m', pageCache: '256m', log, timeoutMs: 300_000 });
const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
try {
  await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);
  const app = createApp({ db, logger: createLogger('silent'), metrics: createMetrics(false), exposeQueryCount: true });
  const run = async (): Promise<void> => {
    const res = await app.fetch('http://bench/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'cache-control': 'no-cache' },
      body: JSON.stringify({ query, variables: step.vars({ reverseBiomarker: 'tumor-aneuploidy', reverseBiomarkerFindings: 0 }, undefined) }),
    });
    const body = (await res.json()) as { errors?: { message: string }[] };
    if (body.errors?.length) throw new Error(`${o.workload}: ${body.errors[0]?.message}`);
  };
  const inFlight = async (n: number): Promise<number> => {
    let left = n;
    const t0 = performance.now();
    await Promise.all(
      Array.from({ length: 8 }, async () => {
        while (left-- > 0) await run();
      }),
    );
    return performance.now() - t0;
  };
  await inFlight(100);
  const session = new Session();
  session.connect();
  await session.post('Profiler.enable');
  await session.post('Profiler.start');
  const ms = await inFlight(Number(o.requests));
  const { profile } = (await session.post('Profiler.stop')) as { profile: Profile };
  session.disconnect();
  const top = topSelfTime(profile, Number(o.top));
  const cpuMs = profile.timeDeltas.reduce((a, b) => a + b, 0) / 1000;
  console.log(`${o.workload}: ${o.requests} requests, 8 in flight, ${(ms / Number(o.requests)).toFixed(2)} ms wall per request; profile ${cpuMs.toFixed(0)} ms`);
  console.log('| self ms | share | function |\n|---|---|---|');
  for (const t of top) console.log(`| ${t.ms.toFixed(0)} | ${(100 * t.share).toFixed(1)}% | ${t.fn.replace(/\|/g, '\\|')} |`);
  if (o.out) writeFileSync(o.out, JSON.stringify({ workload: o.workload, requests: Number(o.requests), wallMsPerRequest: ms / Number(o.requests), top }, null, 2));
} finally {
  await driver.close();
  await neo4j.stop();
  await rm(dataDir, { recursive: true, force: true });
}
