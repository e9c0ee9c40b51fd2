/**
 * `npm run bench`: speed and memory of the API on the seed graph, each reported as a ratio
 * against a baseline measured in the same run on the same database:
 *   - nested query with batched DataLoaders vs the same loaders with batching off (N+1);
 *   - the evidence question vs a single-node lookup (what the ranking costs on top of a round trip);
 *   - heap per request, batched vs unbatched.
 * Results go to stdout and bench/results/latest.json.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { createApp } from '../src/app.js';
import { connect, prepareGraph } from '../src/bootstrap.js';
import { freePort, startLocalNeo4j } from '../src/local-neo4j.js';
import { createLogger } from '../src/logger.js';
import { createMetrics } from '../src/metrics.js';

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
  global.gc?.();
  const heapBefore = process.memoryUsage().heapUsed;
  let allocated = 0;
  for (let i = 0; i < ROUNDS; i++) {
    const h0 = process.memoryUsage().heapUsed;
    const t0 = process.hrtime.bigint();
    queries = await run(app, query);
    times.push(Number(process.hrtime.bigint() - t0) / 1e6);
    allocated += Math.max(0, process.memoryUsage().heapUsed - h0);
  }
  void heapBefore;
  times.sort((a, b) => a - b);
  const at = (q: number) => times[Math.min(times.length - 1, Math.floor(q * times.length))] ?? 0;
  return { medianMs: at(0.5), p95Ms: at(0.95), queries, heapKbPerRequest: allocated / ROUNDS / 1024 };
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
    const results = {
      rounds: ROUNDS,
      node: process.version,
      nested: { batched: nestedBatched, unbatchedBaseline: nestedUnbatched, speedup: nestedUnbatched.medianMs / nestedBatched.medianMs, queryRatio: nestedUnbatched.queries / nestedBatched.queries, heapRatio: nestedBatched.heapKbPerRequest / nestedUnbatched.heapKbPerRequest },
      evidence: { question: evidence, lookupBaseline: lookup, costRatio: evidence.medianMs / lookup.medianMs },
    };
    mkdirSync('bench/results', { recursive: true });
    writeFileSync('bench/results/latest.json', JSON.stringify(results, null, 2));
    const f = (n: number) => n.toFixed(2);
    console.log(`nested 3-level query over all studies (${ROUNDS} rounds):`);
    console.log(`  batched   median ${f(nestedBatched.medianMs)} ms, p95 ${f(nestedBatched.p95Ms)} ms, ${nestedBatched.queries} Cypher queries, ~${f(nestedBatched.heapKbPerRequest)} KiB heap/request`);
    console.log(`  unbatched median ${f(nestedUnbatched.medianMs)} ms, p95 ${f(nestedUnbatched.p95Ms)} ms, ${nestedUnbatched.queries} Cypher queries, ~${f(nestedUnbatched.heapKbPerRequest)} KiB heap/request (baseline)`);
    console.log(`  => batched is ${f(results.nested.speedup)}x faster, ${f(results.nested.queryRatio)}x fewer queries, heap ratio ${f(results.nested.heapRatio)}`);
    console.log(`biomarkerEvidence: median ${f(evidence.medianMs)} ms vs single lookup ${f(lookup.medianMs)} ms => ${f(results.evidence.costRatio)}x a one-query lookup`);
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
