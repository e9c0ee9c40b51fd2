import neo4j from 'neo4j-driver';
const driver = neo4j.driver('bolt://127.0.0.1:7631', undefined, { disableLosslessIntegers: true });
const q1 = 'UNWIND $keys AS key MATCH (p:Finding {id: key})-[r:ABOUT]->(c:Biomarker) RETURN key, properties(c) AS props';
const q2 = 'UNWIND $keys AS key MATCH (p:Finding {id: key})-[r:SOURCED_FROM]->(c:Source) RETURN key, properties(c) AS props';
const keys = (await driver.executeQuery('MATCH (f:Finding) RETURN collect(f.id) AS ids')).records[0]!.get('ids');
type Mode = 'eq' | 'eqNoBm' | 'session';
async function one(q: string, mode: Mode) {
  if (mode === 'eq') return driver.executeQuery(q, { keys }, { routing: neo4j.routing.READ });
  if (mode === 'eqNoBm') return driver.executeQuery(q, { keys }, { routing: neo4j.routing.READ, bookmarkManager: null as any });
  const s = driver.session({ defaultAccessMode: neo4j.session.READ }); try { return await s.executeRead(tx => tx.run(q, { keys })); } finally { await s.close(); }
}
for (const mode of ['eq', 'eqNoBm', 'session'] as Mode[]) {
  for (const par of [false, true]) {
    const ts: number[] = [];
    for (let i = 0; i < 40; i++) {
      const t0 = performance.now();
      if (par) await Promise.all([one(q1, mode), one(q2, mode)]); else { await one(q1, mode); await one(q2, mode); }
      ts.push(performance.now() - t0);
    }
    ts.sort((a, b) => a - b);
    console.log(mode, par ? 'parallel' : 'sequential', 'p50', ts[20]!.toFixed(1), 'p90', ts[36]!.toFixed(1));
  }
}
await driver.close();
