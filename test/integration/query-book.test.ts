/** Every Cypher statement the server can run is in the query book at start-up, and Neo4j can plan each one. */
import { describe, expect, it } from 'vitest';
import { EDGES, type EdgeName } from '../../src/db/model.js';
import { isPrefetchable, type TreePlan, treeQuery } from '../../src/db/tree.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

describe('the query book', () => {
  it('holds the hand-written files and the composed relationship, list, seed-writer and importer queries before any request, so EXPLAIN plans them all', () => {
    const names = t.db.queries.names();
    for (const name of [
      'nodes-by-ids',
      'biomarker-evidence',
      'edge:Study.arms',
      'edge:Source.supports',
      'list:Biomarker',
      'upsert:Finding',
      'link:SOURCED_FROM',
      'import-upsert:Study',
      'import-link:ANALYZES',
    ]) {
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

  it('plans every prefetch tree fragment: each small relationship field with every small field below its children', async () => {
    const small = (Object.keys(EDGES) as EdgeName[]).filter(isPrefetchable);
    const below = (e: EdgeName): EdgeName[] => small.filter((k) => EDGES[k].from === EDGES[e].to);
    const failures: string[] = [];
    let fragments = 0;
    for (const edge of small) {
      // Two levels under each field: every fragment appears as a root, as a child and as a grandchild.
      const plan: TreePlan = { edge, children: below(edge).map((k) => ({ edge: k, children: below(k).map((g) => ({ edge: g, children: [] })) })) };
      fragments += 1 + plan.children.length;
      await t.db.explain(`tree:${edge}`, treeQuery([plan])).catch((err: Error) => failures.push(`tree:${edge}: ${err.message}`));
    }
    expect(failures).toEqual([]);
    expect(small.length).toBeGreaterThan(25);
    expect(fragments).toBeGreaterThan(small.length);
  }, 180_000);
});
