/**
 * Issue 13 at size: a graph of at least 50k synthetic studies (the bench's deterministic
 * generator) on top of the seed, in its own Neo4j (the shared test database keeps the seed
 * alone, so every other test's answers are unchanged), served by a real server process whose peak
 * resident memory (VmHWM) is read from /proc. Runs after the other projects (vitest.config.ts).
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, readdirSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connect, prepareGraph } from '../../src/bootstrap.js';
import { freePort, startLocalNeo4j, type LocalNeo4j } from '../../src/local-neo4j.js';
import { createLogger } from '../../src/logger.js';
import { generateSyntheticGraph } from '../../src/synthetic/generate.js';

const STUDIES = Number(process.env['ABSCOPAL_SIZE_STUDIES'] ?? 50_000);
const CODED = ['QUERY_TOO_COMPLEX', 'RESULT_TOO_LARGE', 'TIMEOUT', 'BUSY'];

/** Issue 13's walk in today's shapes, at the largest pages the API allows. */
const WALK_MAX = `{ biomarkers(first: 100) { edges { node { name findings(first: 100) { edges { node { statement
  study { shortName year institutions { name city } authors { investigator { name } } } } } } } } } }`;
/** The same walk with a smaller estimate, so it passes the cost check and meets the run-time budget. */
const WALK_RUNS = `{ biomarkers(first: 100) { edges { node { name findings(first: 100) { edges { node { statement study { shortName year } } } } } } } }`;
/** The walk as issue 13 sent it, before Biomarker.findings was paginated. */
const WALK_OLD = `{ biomarkers(first: 100) { edges { node { name findings { statement study { shortName year institutions { name city } authors { investigator { name } } } } } } } }`;

interface Answer {
  data?: unknown;
  errors?: { message: string; extensions?: { code?: string } }[];
}

let neo4j: LocalNeo4j | undefined;
let server: ChildProcess | undefined;
let dataDir = '';
let baseUrl = '';

async function gql(query: string): Promise<Answer> {
  const res = await fetch(`${baseUrl}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query }) });
  return (await res.json()) as Answer;
}

/** Peak resident set of the server process so far, in MB. */
function peakRssMb(pid: number): number {
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmHWM:'));
  return Number(line?.replace(/\D+/g, '') ?? 0) / 1024;
}

async function waitReady(url: string, ms: number): Promise<void> {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    const ok = await fetch(`${url}/ready`).then((r) => r.status === 200, () => false);
    if (ok) return;
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`server at ${url} not ready after ${ms} ms`);
}

beforeAll(async () => {
  const log = createLogger(process.env['LOG_LEVEL'] ?? 'warn', 'size-test');
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-size-neo4j-'));
  neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '1g', pageCache: '512m', log, timeoutMs: 300_000 });
  const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  try {
    await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);
    await generateSyntheticGraph(db, { studies: STUDIES, seed: 13 });
  } finally {
    await driver.close();
  }
  const port = await freePort();
  baseUrl = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, ['--import', 'tsx', 'src/server.ts'], {
    env: { ...process.env, PORT: String(port), HOST: '127.0.0.1', NEO4J_URI: neo4j.uri, NEO4J_PASSWORD: '', SEED_ON_START: 'never', LOG_LEVEL: 'warn', NODE_ENV: 'production' },
    stdio: ['ignore', 'ignore', 'inherit'],
  });
  await waitReady(baseUrl, 120_000);
}, 45 * 60_000);

afterAll(async () => {
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((r) => server!.once('exit', r));
  }
  await neo4j?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
}, 120_000);

describe(`a graph of ${STUDIES} synthetic studies on top of the seed`, () => {
  it('holds at least 50k studies', async () => {
    const res = (await gql('{ graphStats { nodes { name count } } }')) as { data: { graphStats: { nodes: { name: string; count: number }[] } } };
    expect(res.data.graphStats.nodes.find((n) => n.name === 'Study')!.count).toBeGreaterThanOrEqual(Math.min(STUDIES, 50_000));
  });

  it('refuses the biomarkers → findings → studies walk at the largest pages, naming the field and the estimate', async () => {
    const res = await gql(WALK_MAX);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.errors?.[0]?.message).toMatch(/query complexity \d+ exceeds the maximum of \d+; it fans out most at \w+\.\w+/);
  });

  it('answers the walk with smaller pages with data, or stops it at the run-time budget with a code', async () => {
    const res = await gql(WALK_RUNS);
    if (res.errors) expect(CODED).toContain(res.errors[0]?.extensions?.code);
    else expect(JSON.stringify(res.data).length).toBeGreaterThan(1000);
  });

  it('rejects the walk as issue 13 sent it: findings is a page now', async () => {
    const res = await gql(WALK_OLD);
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
  });

  it('stays up, under 500 MB resident, through eight walks at once, each answered with data or a coded error', async () => {
    const answers = await Promise.all([...Array(4)].flatMap(() => [gql(WALK_MAX), gql(WALK_RUNS)]));
    for (const a of answers) {
      if (a.errors) expect(CODED).toContain(a.errors[0]?.extensions?.code);
      else expect(a.data).toBeTruthy();
    }
    expect((await fetch(`${baseUrl}/health`)).status).toBe(200);
    const after = await gql('{ entity(slug: "pembro-rt-theelen-2019") { ... on Study { shortName } } }');
    expect(after.errors).toBeUndefined();
    expect(peakRssMb(server!.pid!)).toBeLessThan(500);
  });

  it('answers every README example with data or a coded error', async () => {
    const dir = path.resolve('test/operations');
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.graphql'))) {
      const res = await gql(readFileSync(path.join(dir, file), 'utf8'));
      if (res.errors) expect(CODED, `${file}: ${res.errors[0]?.message}`).toContain(res.errors[0]?.extensions?.code);
      else expect(res.data, file).toBeTruthy();
    }
  });
});
