/**
 * `npm run bench`: speed and memory of the API on the seed graph, each reported as a ratio
 * against a baseline measured in the same run on the same database:
 *   - nested query with batched DataLoaders vs the same loaders with batching off (N+1);
 *   - the evidence question vs a single-node lookup (what the ranking costs on top of a round trip);
 *   - heap per request, batched vs unbatched.
 * Then the explorer page in headless chromium against a server over the same database
 * (bench/explorer.ts): 3000 vs 300 elements for a fresh load, zoom/pan frames and JS heap, plus
 * 100 nodes added onto the 3000. Skipped, with a line saying why, when chromium is missing.
 * Results go to stdout and bench/results/latest.json.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { connect, prepareGraph } from '../src/bootstrap.js';
import { freePort, startLocalNeo4j } from '../src/local-neo4j.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';
import { WEB_DIST } from '../src/static.js';
import { benchExplorer, CHROMIUM, type ExplorerBench } from './explorer.js';

const NESTED = `{ studies(first: 100) { edges { node { shortName arms { name therapies { order therapy { name broader { name } } } outcomes { measure value } } findings { statement biomarker { name } sources { url } } } } } }`;
const EVIDENCE = `{ biomarkerEvidence { ranking { rank score biomarker { name } supporting { statement study { shortName } } sources { links } } } }`;
const LOOKUP = `{ entity(slug: "tumor-aneuploidy") { id } }`;
const ROUNDS = Number(process.env['BENCH_ROUNDS'] ?? 60);
const WARMUP = 15;

type App = ReturnType<typeof createApp>;

async function run(app: App, query: string): Promise<number> {
  const res = await app.fetch('http://bench/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  const body = (await res.json()) as { errors?: unknown[]; extensions?: { cypherQueries?: number } };
  if (body.errors) throw new Error(`bench query failed: ${JSON.stringify(body.errors)}`);
  return body.extensions?.cypherQueries ?? 0;
}

async function measure(app: App, query: string): Promise<{ medianMs: number; p95Ms: number; queries: number; heapKbPerRequest: number }> {
  for (let i = 0; i < WARMUP; i++) await run(app, query);
  const times: number[] = [];
  let queries = 0;
  let allocated = 0;
  for (let i = 0; i < ROUNDS; i++) {
    // With --expose-gc (npm run bench sets it) each request starts from a collected heap, so the
    // growth across it approximates what it allocates; without it the figure is a lower bound.
    global.gc?.();
    const h0 = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    queries = await run(app, query);
    const elapsed = Number(process.hrtime.bigint() - t0) / 1e6;
    allocated += Math.max(0, process.memoryUsage().heapUsed - h0);
    times.push(elapsed);
  }
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), queries, heapKbPerRequest: allocated / ROUNDS / 1024 };
}

const f = (n: number): string => n.toFixed(2);

/** Why the explorer part cannot run here, or undefined when it can (builds web/dist if it is missing). */
function explorerSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium was not found at ${CHROMIUM} (install it with \`apt-get install chromium\`, or set ABSCOPAL_CHROMIUM)`;
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    console.log(`explorer: ${path.relative(process.cwd(), WEB_DIST)}/index.html is missing, running \`npm run build:web\` first`);
    const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(path.join(WEB_DIST, 'index.html'))) return '`npm run build:web` failed, so there is no explorer page to measure';
  }
  return undefined;
}

function printExplorer(e: ExplorerBench): void {
  const kib = (bytes: number): string => (bytes / 1024).toFixed(0);
  console.log(`explorer page (headless chromium ${e.chromiumVersion}, ${e.repetitions} repetition${e.repetitions === 1 ? "" : "s"}, ${e.totalSeconds.toFixed(1)} s):`);
  console.log(`  fresh load of ${e.freshLoad.large.elements} elements (${e.freshLoad.large.layout}) median ${f(e.freshLoad.large.medianMs)} ms vs ${e.freshLoad.smallBaseline.elements} elements (${e.freshLoad.smallBaseline.layout}) ${f(e.freshLoad.smallBaseline.medianMs)} ms (baseline) => ${f(e.freshLoad.ratio)}x`);
  console.log(`  +${e.addOnto.addedNodes} nodes onto ${e.addOnto.ontoElements} elements (${e.addOnto.layout}) median ${f(e.addOnto.medianMs)} ms => ${f(e.addOnto.ratioToFreshLarge)}x a fresh ${e.freshLoad.large.elements}-element load`);
  const frames = (z: ExplorerBench['zoomPan']['large']): string => `mean frame ${f(z.meanFrameMs)} ms (median ${f(z.medianFrameMs)}, p95 ${f(z.p95FrameMs)}), work ${f(z.medianWorkMs)} ms/frame`;
  console.log(`  zoom/pan gesture (${e.zoomPan.large.frames} frames) at ${e.zoomPan.large.elements} elements: ${frames(e.zoomPan.large)} vs ${e.zoomPan.smallBaseline.elements} elements: ${frames(e.zoomPan.smallBaseline)} (baseline) => frame ${f(e.zoomPan.frameRatio)}x, work ${f(e.zoomPan.workRatio)}x`);
  console.log(`  JS heap after loading ${e.heap.large.elements} elements ${kib(e.heap.large.loadedBytes)} KiB (+${kib(e.heap.large.growthBytes)} over an empty canvas) vs ${e.heap.smallBaseline.elements} elements ${kib(e.heap.smallBaseline.loadedBytes)} KiB (+${kib(e.heap.smallBaseline.growthBytes)}) (baseline) => ${f(e.heap.ratio)}x, growth ${f(e.heap.growthRatio)}x`);
}

async function main(): Promise<void> {
  const log = createLogger('warn', 'bench');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-bench-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '768m', log });
  const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  try {
    await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);
    const make = (batch: boolean) => createApp({ db, logger: log, metrics: createMetrics(false), exposeQueryCount: true, loaderOptions: { batch } });
    const batched = make(true);
    const unbatched = make(false);
    const nestedBatched = await measure(batched, NESTED);
    const nestedUnbatched = await measure(unbatched, NESTED);
    const lookup = await measure(batched, LOOKUP);
    const evidence = await measure(batched, EVIDENCE);
    const results: Record<string, unknown> = {
      rounds: ROUNDS,
      node: process.version,
      nested: { batched: nestedBatched, unbatchedBaseline: nestedUnbatched, speedup: nestedUnbatched.medianMs / nestedBatched.medianMs, queryRatio: nestedUnbatched.queries / nestedBatched.queries, heapRatio: nestedBatched.heapKbPerRequest / nestedUnbatched.heapKbPerRequest },
      evidence: { question: evidence, lookupBaseline: lookup, costRatio: evidence.medianMs / lookup.medianMs },
    };
    const save = (): void => {
      mkdirSync('bench/results', { recursive: true });
      writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
    };
    save();
    console.log(`nested 3-level query over all studies (${ROUNDS} rounds):`);
    console.log(`  batched   median ${f(nestedBatched.medianMs)} ms, p95 ${f(nestedBatched.p95Ms)} ms, ${nestedBatched.queries} Cypher queries, ~${f(nestedBatched.heapKbPerRequest)} KiB heap/request`);
    console.log(`  unbatched median ${f(nestedUnbatched.medianMs)} ms, p95 ${f(nestedUnbatched.p95Ms)} ms, ${nestedUnbatched.queries} Cypher queries, ~${f(nestedUnbatched.heapKbPerRequest)} KiB heap/request (baseline)`);
    console.log(`  => batched is ${f(nestedUnbatched.medianMs / nestedBatched.medianMs)}x faster, ${f(nestedUnbatched.queries / nestedBatched.queries)}x fewer queries, heap ratio ${f(nestedBatched.heapKbPerRequest / nestedUnbatched.heapKbPerRequest)}`);
    console.log(`biomarkerEvidence: median ${f(evidence.medianMs)} ms vs single lookup ${f(lookup.medianMs)} ms => ${f(evidence.medianMs / lookup.medianMs)}x a one-query lookup`);

    // The explorer page, against a real HTTP server over the same database.
    const skip = explorerSkipReason();
    if (skip) {
      results['explorer'] = { skipped: skip };
      save();
      console.log(`explorer: skipped: ${skip}`);
      return;
    }
    const server = createServer(batched);
    const port = await freePort();
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    try {
      const explorer = await benchExplorer(`http://127.0.0.1:${port}`);
      results['explorer'] = explorer;
      save();
      printExplorer(explorer);
    } catch (err) {
      // The API figures above are already written; record the failure and fail the run.
      const message = err instanceof Error ? err.message : String(err);
      results['explorer'] = { error: message };
      save();
      console.error(`explorer: FAILED: ${message}`);
      process.exitCode = 1;
    } finally {
      server.closeAllConnections();
      await new Promise((resolve) => server.close(resolve));
    }
  } finally {
    await driver.close();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

main().catch((err: unknown) => {
  console.error(err);
  process.exit(1);
});
