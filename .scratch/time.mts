import { createApp } from '/work/wt/readpath/src/app.js';
import { connect } from '/work/wt/readpath/src/bootstrap.js';
import { createLogger } from '/work/wt/readpath/src/logger.js';
import { createMetrics } from '/work/wt/readpath/src/metrics.js';
const { db, driver } = await connect({ uri: 'bolt://127.0.0.1:7631', user: 'neo4j', password: undefined, database: 'neo4j' });
const app = createApp({ db, logger: createLogger('silent'), metrics: createMetrics(false), exposeQueryCount: true });
const Q: Record<string, string> = {
  bio: '{ findings(first: 100) { edges { node { biomarker { name } } } } }',
  src: '{ findings(first: 100) { edges { node { sources { url } } } } }',
  both: '{ findings(first: 100) { edges { node { biomarker { name } sources { url } } } } }',
  nested: `{ studies(first: 100) { edges { node { shortName arms { name therapies { order therapy { name broader { name } } } outcomes { measure value } } findings { statement biomarker { name } sources { url } } } } } }`,
  reverse: `{ biomarkers(first: 100) { edges { node { name findings { statement study { shortName year institutions { name city } authors { investigator { name } } } } } } } }`,
  evidence: `{ biomarkerEvidence { ranking { rank score biomarker { name } supporting { statement study { shortName } } sources { links } } } }`,
};
const only = process.argv.slice(2);
async function run(q: string) {
  const res = await app.fetch('http://t/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: q }) });
  const b = await res.json() as any; if (b.errors) throw new Error(JSON.stringify(b.errors)); return b.extensions?.cypherQueries;
}
for (const [name, q] of Object.entries(Q)) {
  if (only.length && !only.includes(name)) continue;
  for (let i = 0; i < 10; i++) await run(q);
  const ts: number[] = []; let n = 0;
  for (let i = 0; i < 40; i++) { const t0 = performance.now(); n = await run(q); ts.push(performance.now() - t0); }
  ts.sort((a, b) => a - b);
  // concurrency 8 throughput
  const t0 = performance.now(); let done = 0;
  await Promise.all(Array.from({ length: 8 }, async () => { while (performance.now() - t0 < 2000) { await run(q); done++; } }));
  const rps = done / ((performance.now() - t0) / 1000);
  console.log(`${name.padEnd(9)} p50 ${ts[20]!.toFixed(1)} ms p95 ${ts[38]!.toFixed(1)} ms  c8 ${rps.toFixed(0)} req/s  queries ${n}`);
}
await driver.close();
