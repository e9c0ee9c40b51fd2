/** Every Cypher statement the server can run is in the query book at start-up, and Neo4j can plan each one. */
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

describe('the query book', () => {
  it('holds the hand-written files and the composed relationship, list and write queries before any request', () => {
    const names = t.db.queries.names();
    for (const name of ['nodes-by-ids', 'biomarker-evidence', 'edge:Study.arms', 'edge:Source.supports', 'list:Biomarker', 'upsert:Finding', 'link:SOURCED_FROM']) {
      expect(names).toContain(name);
    }
  });

  it('has only statements Neo4j can plan (EXPLAIN on every one)', async () => {
    const failures: string[] = [];
    for (const name of t.db.queries.names()) {
      await t.db.explain(name).catch((err: Error) => failures.push(`${name}: ${err.message}`));
    }
    expect(failures).toEqual([]);
  }, 180_000);
});
