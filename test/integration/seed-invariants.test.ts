/** The curated seed, checked on the real database after the global setup loaded it. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../src/db/graph.js';
import type { Db } from '../../src/db/run.js';
import { readSeed, type SeedBundle } from '../../src/seed-files/read-seed.js';
import { writeSeed } from '../../src/seed-files/write-seed.js';
import { testDb, withStatements } from '../helpers.js';

let db: Db;
let close: () => Promise<void>;
let bundle: SeedBundle;

beforeAll(async () => {
  ({ db, close } = await testDb());
  bundle = await readSeed(path.resolve('seed'));
});
afterAll(() => close());

async function rows(cypherName: string, text: string): Promise<Record<string, unknown>[]> {
  return withStatements(db, { [cypherName]: text }).read(cypherName);
}

describe('the seeded knowledge graph', () => {
  it('holds as many nodes per label as the seed files define', async () => {
    const { nodes } = await new GraphStore(db).stats();
    const studies = bundle.studies.map((s) => s.study);
    const count = (xs: unknown[] | undefined) => xs?.length ?? 0;
    expect(nodes).toMatchObject({
      Study: studies.length,
      Arm: studies.reduce((n, s) => n + count(s.arms), 0),
      Outcome: studies.reduce((n, s) => n + count(s.outcomes), 0),
      Finding: studies.reduce((n, s) => n + count(s.findings), 0),
      Source: bundle.catalog.sources.length,
      Therapy: bundle.catalog.therapies.length,
      Biomarker: bundle.catalog.biomarkers.length,
      Institution: bundle.catalog.institutions.length,
      Investigator: bundle.catalog.investigators.length,
      Trial: bundle.catalog.trials.length,
      Disease: bundle.catalog.diseases.length,
    });
    expect(studies.length).toBeGreaterThanOrEqual(14);
  });

  it('links every study, trial, arm, outcome and finding to at least one source', async () => {
    const unsourced = await rows(
      'test:unsourced',
      `MATCH (n) WHERE (n:Study OR n:Trial OR n:Arm OR n:Outcome OR n:Finding) AND NOT (n)-[:SOURCED_FROM]->(:Source)
       RETURN n.id AS id`,
    );
    expect(unsourced).toEqual([]);
  });

  it('has no orphan nodes, and every used source is cited', async () => {
    const orphans = await rows('test:orphans', 'MATCH (n:Entity) WHERE NOT (n)--() RETURN n.id AS id ORDER BY id');
    expect(orphans).toEqual([]);
  });

  it('marks news, review and aggregator sources as secondary', async () => {
    const wrong = await rows('test:secondary', "MATCH (s:Source) WHERE s.kind IN ['NEWS', 'REVIEW', 'PRESS_RELEASE', 'AGGREGATOR'] AND s.primary <> false RETURN s.id AS id");
    expect(wrong).toEqual([]);
  });

  it('changes nothing when the seed is loaded a second time', async () => {
    const store = new GraphStore(db);
    const before = await store.stats();
    const report = await writeSeed(db, bundle);
    expect(report.stats).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await store.stats()).toEqual(before);
  }, 120_000); // rewrites every study: seconds on an idle machine, far more on the shared 2-core one

  it('keeps the link of the aneuploidy study to NCT03223155 a candidate, not a confirmed one', async () => {
    const links = await rows('test:spurr-trial', "MATCH (s:Study)-[a:ANALYZES]->(t:Trial {nctId: 'NCT03223155'}) RETURN s.shortName AS study, a.link AS link");
    expect(links.length).toBeGreaterThan(0);
    for (const l of links) expect(l['link']).toBe('CANDIDATE');
  });

  it('carries the Johns Hopkins figures exactly: 72 = 37 + 35 and median PFS 5.2 vs 1.81 months from a secondary source', async () => {
    const arms = await rows('test:huang-arms', "MATCH (s:Study)-[:HAS_ARM]->(a:Arm) WHERE s.doi = '10.1038/s43018-025-01018-w' RETURN a.n AS n ORDER BY n");
    expect(arms.map((a) => a['n'])).toEqual([35, 37]);
    const pfs = await rows(
      'test:huang-pfs',
      `MATCH (s:Study)-[:REPORTS]->(o:Outcome {measure: 'PFS'})-[:SOURCED_FROM]->(src:Source)
       WHERE s.doi = '10.1038/s43018-025-01018-w' AND o.value IS NOT NULL
       RETURN o.value AS value, o.unit AS unit, collect(src.primary) AS primary ORDER BY value`,
    );
    expect(pfs.map((o) => [o['value'], o['unit']])).toEqual([
      [1.81, 'months'],
      [5.2, 'months'],
    ]);
    for (const o of pfs) expect(o['primary']).toEqual([false]);
  });
});
