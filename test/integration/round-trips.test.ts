/**
 * A nested query costs one Cypher statement per root field, whatever the number of parents and
 * levels: the root page or lookup and every relationship field planned below it (small lists and
 * paged connections) are read together; without lookahead (the batched fallback), one round
 * trip per level. The database layer counts the queries of each request; these tests pin the
 * exact numbers, both ways, and that both ways give the same answer.
 */
import { readFileSync } from 'node:fs';
import { beforeAll, describe, expect, it } from 'vitest';
import { generatedStatements } from '../../src/db/statement.js';
import { testApp, useSeededApp } from '../helpers.js';

const t = useSeededApp();
/** The same server with lookahead off: every level is its own batched query. */
let perLevel: ReturnType<typeof testApp>;
beforeAll(() => {
  perLevel = testApp(t.db, { loaderOptions: { lookahead: false } });
});

const NESTED = `{
  studies(first: 100) { edges { node { shortName
    arms { name therapies { order therapy { name broader { name } } } outcomes { measure value } }
    findings { statement biomarker { name } sources { url } } } } }
}`;

const BENCH_NESTED = readFileSync('bench/workloads/nested.abscopal.graphql', 'utf8');
const BENCH_REVERSE = readFileSync('bench/workloads/reverse-walk.abscopal.graphql', 'utf8');

/** Past the response cache: these documents run in more than one test. */
const FRESH = { 'cache-control': 'no-cache' };

/** The statement texts a request generated that no earlier request of this file had. */
async function statementOf(run: () => Promise<unknown>): Promise<string[]> {
  const before = new Set(generatedStatements().keys());
  await run();
  return [...generatedStatements().entries()].filter(([k]) => !before.has(k)).map(([, text]) => text);
}

describe('one statement per root field', () => {
  it('writes the benchmark’s nested query as this one statement', async () => {
    const texts = await statementOf(() => t.gql(BENCH_NESTED));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchInlineSnapshot(`
      "MATCH (c:Study) USING INDEX c:Study(sortYearDesc)
      WHERE ($yearFrom IS NULL OR c.year >= $yearFrom)
        AND ($yearTo IS NULL OR c.year <= $yearTo)
        AND ($phase IS NULL OR c.phase = $phase)
        AND ($kind IS NULL OR c.kind = $kind)
        AND ($text IS NULL OR c.findText CONTAINS toString($text))
        AND c.sortYearDesc > toString($after) AND c.sortYearDesc < toString($upto)
      WITH c
      ORDER BY c.sortYearDesc
      LIMIT $limit
      RETURN c.sortYearDesc AS sortKey, c {.id, .shortName, .year} AS props,
      COLLECT {
        MATCH (c)-[r1:HAS_ARM]->(c1:Arm)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], c1 {.id, .name}, {},
        COLLECT {
          MATCH (c1)<-[:FOR_ARM|COMPARES]-(c2:Outcome)
          WITH DISTINCT c2
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], c2 {.id, .hr, .measure, .value}, {}] AS hit
          ORDER BY c2.measure, c2.id
          LIMIT $cap
        },
        COLLECT {
          MATCH (c1)-[r2:RECEIVED]->(c2:Therapy)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], c2 {.id, .name}, properties(r2),
          COLLECT {
            MATCH (c2)-[r3:IS_A]->(c3:Therapy)
            RETURN [[l IN labels(c3) WHERE l <> 'Entity'][0], c3 {.id, .name}, {}] AS hit
            ORDER BY c3.name
            LIMIT $cap
          }] AS hit
          ORDER BY r2.order, c2.name
          LIMIT $cap
        }] AS hit
        ORDER BY c1.id
        LIMIT $cap
      } AS t0,
      COLLECT {
        MATCH (c)-[r1:HAS_FINDING]->(c1:Finding)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], c1 {.id, .statement, .type}, {},
        COLLECT {
          MATCH (c1)-[r2:ABOUT]->(c2:Biomarker)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], c2 {.id, .name}, {}] AS hit
          ORDER BY c2.id
          LIMIT $cap
        },
        COLLECT {
          MATCH (c1)-[r2:SOURCED_FROM]->(c2:Source)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], c2 {.id, .primary, .url}, {}] AS hit
          ORDER BY c2.id
          LIMIT $cap
        }] AS hit
        ORDER BY c1.type, c1.id
        LIMIT $cap
      } AS t1
      ORDER BY sortKey"
    `);
  });

  it('writes the benchmark’s reverse walk as this one statement, its page arguments as parameters', async () => {
    const texts = await statementOf(() => t.gql(BENCH_REVERSE, { biomarker: 'tumor-aneuploidy' }));
    expect(texts).toHaveLength(1);
    expect(texts[0]).toMatchInlineSnapshot(`
      "MATCH (c:Entity {id: $id})
      RETURN [l IN labels(c) WHERE l <> 'Entity'][0] AS label, properties(c) AS props,
      CASE WHEN c:Biomarker THEN COLLECT {
        MATCH (c)<-[r1:ABOUT]-(c1:Finding)
        WHERE ($pg0_after IS NULL OR (c1.type > $pg0_after[0] OR (c1.type = $pg0_after[0] AND c1.id > $pg0_after[1]))) AND ($pg0_type IS NULL OR c1.type = $pg0_type)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], c1 {.id, .statement, .type}, {}, [c1.type, c1.id],
        COLLECT {
          MATCH (c1)<-[r2:HAS_FINDING]-(c2:Study)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], c2 {.id, .shortName, .year}, {},
          COLLECT {
            MATCH (c2)<-[r3:AUTHORED]-(c3:Investigator)
            RETURN [[l IN labels(c3) WHERE l <> 'Entity'][0], c3 {.id, .name}, properties(r3)] AS hit
            ORDER BY CASE r3.role WHEN 'FIRST' THEN 0 WHEN 'AUTHOR' THEN 1 ELSE 2 END, r3.position, c3.name
            LIMIT $cap
          },
          COLLECT {
            MATCH (c2)-[r3:CONDUCTED_AT]->(c3:Institution)
            RETURN [[l IN labels(c3) WHERE l <> 'Entity'][0], c3 {.id, .city, .name}, {}] AS hit
            ORDER BY c3.name
            LIMIT $cap
          }] AS hit
          ORDER BY c2.id
          LIMIT $cap
        }] AS hit
        ORDER BY c1.type, c1.id
        LIMIT $pg0_limit
      } END AS t0"
    `);
    // Another page size is the same shape: the same text, no new statement.
    const again = await statementOf(() => t.gql(BENCH_REVERSE.replace('first: 100', 'first: 3'), { biomarker: 'tumor-aneuploidy' }));
    expect(again).toEqual([]);
  });

  it('answers the benchmark’s nested query in one round trip, exactly as level by level does in eight', async () => {
    const res = await t.gql<{ studies: { edges: { node: { arms: unknown[]; findings: unknown[] } }[] } }>(BENCH_NESTED, {}, FRESH);
    expect(res.errors).toBeUndefined();
    expect(res.data!.studies.edges.length).toBeGreaterThanOrEqual(14);
    expect(res.data!.studies.edges.flatMap((e) => e.node.findings).length).toBeGreaterThan(10);
    expect(res.extensions?.cypherQueries).toBe(1);
    const levels = await perLevel.gql(BENCH_NESTED, {}, FRESH);
    expect(levels.extensions?.cypherQueries).toBe(8);
    expect(levels.data).toEqual(res.data);
  });

  it('answers the benchmark’s reverse walk (a lookup, a page of findings, their studies) in one round trip, exactly as level by level', async () => {
    const vars = { biomarker: 'tumor-aneuploidy' };
    const res = await t.gql<{ entity: { findings: { edges: { node: { study: { authors: unknown[] } } }[] } } }>(BENCH_REVERSE, vars, FRESH);
    expect(res.errors).toBeUndefined();
    const findings = res.data!.entity.findings.edges;
    expect(findings.length).toBeGreaterThan(1);
    expect(findings.flatMap((f) => f.node.study.authors).length).toBeGreaterThan(0);
    expect(res.extensions?.cypherQueries).toBe(1);
    const levels = await perLevel.gql(BENCH_REVERSE, vars, FRESH);
    // lookup + findings page + studies + institutions + authorships.
    expect(levels.extensions?.cypherQueries).toBe(5);
    expect(levels.data).toEqual(res.data);
  });

  it('keeps two selections of one paged field with different arguments apart, and answers aliases, fragments and @skip as level by level', async () => {
    const q = `query($skip: Boolean!) {
      entity(slug: "tumor-aneuploidy") {
        ... on Biomarker {
          one: findings(first: 1) { totalCount edges { cursor node { slug study { shortName } } } pageInfo { hasNextPage endCursor } }
          predictive: findings(first: 5, type: PREDICTIVE) { totalCount edges { node { ...F } } }
          all: findings(first: 100) { edges { node { slug type } } }
          studies(first: 2) { edges { node { shortName arms { name } } } }
        }
      }
      biomarkers(first: 3) { edges { node { name findings(first: 2) @skip(if: $skip) { edges { node { statement } } } } } }
    }
    fragment F on Finding { statement s: study { year institutions { name } } sources { url } }`;
    type R = { entity: { one: { totalCount: number; edges: unknown[] }; predictive: { totalCount: number; edges: unknown[] }; all: { edges: { node: { type: string } }[] } } };
    for (const skip of [false, true]) {
      const res = await t.gql<R>(q, { skip });
      expect(res.errors).toBeUndefined();
      const e = res.data!.entity;
      expect(e.one.edges).toHaveLength(1);
      expect(e.predictive.totalCount).toBe(e.all.edges.filter((f) => f.node.type === 'PREDICTIVE').length);
      expect(e.one.totalCount).toBe(e.all.edges.length);
      // One statement per root field: the lookup and the biomarkers page.
      expect(res.extensions?.cypherQueries).toBe(2);
      expect((await perLevel.gql(q, { skip })).data).toEqual(res.data);
    }
  });

  it('reads what it cannot plan (deeper than the plan reaches) through the per-level loaders, with the same answer', async () => {
    const q = `{ studies(first: 5) { edges { node { slug arms { study { arms { study { arms { study { arms { name } } } } } } } } } } }`;
    const res = await t.gql(q);
    expect(res.errors).toBeUndefined();
    // One statement down to the plan's depth, then one tree for the rest.
    expect(res.extensions?.cypherQueries).toBe(2);
    expect((await perLevel.gql(q)).data).toEqual(res.data);
  });
});

describe('batched resolvers', () => {
  it('answer studies → arms → therapies → broader classes over every seed study in one query, or four level by level', async () => {
    const q = `{
      studies(first: 100) { edges { node { shortName arms { name therapies { order therapy { name broader { name } } } } } } }
    }`;
    const res = await t.gql<{ studies: { edges: { node: { arms: { therapies: { therapy: { broader: unknown[] } }[] }[] } }[] } }>(q);
    expect(res.errors).toBeUndefined();
    const studies = res.data!.studies.edges;
    const arms = studies.flatMap((e) => e.node.arms);
    expect(studies.length).toBeGreaterThanOrEqual(14);
    expect(arms.length).toBeGreaterThan(10);
    expect(arms.flatMap((a) => a.therapies).some((u) => u.therapy.broader.length > 0)).toBe(true);
    // The studies page with the tree (arms with their therapies and those therapies' broader classes) in one statement.
    expect(res.extensions?.cypherQueries).toBe(1);
    // Level by level: 1 studies page + 1 arms batch + 1 RECEIVED batch + 1 IS_A batch, for all parents at once.
    const levels = await perLevel.gql(q);
    expect(levels.extensions?.cypherQueries).toBe(4);
    expect(levels.data).toEqual(res.data);
  });

  it('answer a nested query in one query and exactly as level by level does in eight', async () => {
    const res = await t.gql(NESTED);
    expect(res.errors).toBeUndefined();
    // The studies page holding both trees of each study (arms…, findings…).
    expect(res.extensions?.cypherQueries).toBe(1);
    const levels = await perLevel.gql(NESTED);
    expect(levels.extensions?.cypherQueries).toBe(8);
    expect(levels.data).toEqual(res.data);
  });

  it('answer a document the same on its first run (graphql-js) as on its third (graphql-jit), in the same round trips', async () => {
    // A fresh operation name makes this a document the app has not seen; no-cache skips the
    // response cache, so each run executes.
    const doc = NESTED.replace('{', 'query NestedFirstAndThird {');
    const runs = [];
    for (let i = 0; i < 3; i += 1) runs.push(await t.gql(doc, {}, { 'cache-control': 'no-cache' }));
    for (const r of runs) expect(r.errors).toBeUndefined();
    expect(runs[2]!.data).toEqual(runs[0]!.data);
    expect(runs.map((r) => r.extensions?.cypherQueries)).toEqual([1, 1, 1]);
  });

  it('read ahead through fragments, aliases and @include, and not into what @skip drops', async () => {
    const q = `query($withSources: Boolean!, $noBroader: Boolean!) {
      studies(first: 100) { edges { node { ...S } } }
    }
    fragment O on Arm { n outcomes { measure } }
    fragment S on Study {
      a: arms { name ... on Arm { therapies { t: therapy { name broader @skip(if: $noBroader) { name } } } } ...O }
      findings { statement sources @include(if: $withSources) { url } }
    }`;
    const all = await t.gql(q, { withSources: true, noBroader: false });
    expect(all.errors).toBeUndefined();
    // One statement: the studies page, arms with therapies, broader, outcomes; findings with sources.
    expect(all.extensions?.cypherQueries).toBe(1);
    expect((await perLevel.gql(q, { withSources: true, noBroader: false })).data).toEqual(all.data);
    const fewer = await t.gql(q, { withSources: false, noBroader: true });
    expect(fewer.errors).toBeUndefined();
    // Still one statement: what @skip drops is not read.
    expect(fewer.extensions?.cypherQueries).toBe(1);
    const fewerLevels = await perLevel.gql(q, { withSources: false, noBroader: true });
    expect(fewerLevels.extensions?.cypherQueries).toBe(5);
    expect(fewerLevels.data).toEqual(fewer.data);
  });

  it('answer biomarkers → findings → studies → institutions in one query, or four level by level', async () => {
    const q = `{
      biomarkers(first: 100) { edges { node { name findings(first: 50) { edges { node { statement study { shortName institutions { name } } } } } } } }
    }`;
    const res = await t.gql<{ biomarkers: { edges: { node: { findings: { edges: { node: { study: { institutions: unknown[] } } }[] } } }[] } }>(q);
    expect(res.errors).toBeUndefined();
    const findings = res.data!.biomarkers.edges.flatMap((e) => e.node.findings.edges.map((f) => f.node));
    expect(findings.length).toBeGreaterThan(10);
    // The biomarkers page with each biomarker's findings page (a paged level) and their studies, institutions.
    expect(res.extensions?.cypherQueries).toBe(1);
    const levels = await perLevel.gql(q);
    expect(levels.extensions?.cypherQueries).toBe(4);
    expect(levels.data).toEqual(res.data);
  });

  it('count totalCount with one extra query only when it is selected', async () => {
    const without = await t.gql('{ studies(first: 3) { edges { node { shortName } } } }');
    const withCount = await t.gql('{ studies(first: 3) { totalCount edges { node { shortName } } } }');
    expect(without.extensions?.cypherQueries).toBe(1);
    expect(withCount.extensions?.cypherQueries).toBe(2);
  });

  it('read the biomarker ranking and a filtered count once per graph version: asked again, the ranking costs no query and the count only its page', async () => {
    const ranking = '{ biomarkerEvidence { answers { ranking { rank score biomarker { slug } } } } }';
    const first = await t.gql<{ biomarkerEvidence: { answers: { ranking: unknown[] }[] } }>(ranking);
    expect(first.errors).toBeUndefined();
    const answered = first.data!.biomarkerEvidence.answers.length;
    expect(answered).toBeGreaterThan(2);
    expect(first.data!.biomarkerEvidence.answers.flatMap((a) => a.ranking).length).toBeGreaterThan(3);
    // The question counts + the biomarkers' findings elsewhere + one read per question answered + one batched read of the lines' biomarkers, all kept; then nothing.
    expect(first.extensions?.cypherQueries).toBe(3 + answered);
    // Past the response cache, which would answer a repeated document without any query.
    const fresh = { 'cache-control': 'no-cache' };
    const again = await t.gql(ranking, {}, fresh);
    expect(again.extensions?.cypherQueries).toBe(0);
    expect(again.data).toEqual(first.data);

    const count = '{ studies(first: 2, filter: { therapy: "anti-pd-1", yearFrom: 2018 }) { totalCount edges { node { slug } } } }';
    const counted = await t.gql<{ studies: { totalCount: number } }>(count);
    expect(counted.data!.studies.totalCount).toBeGreaterThan(2);
    expect(counted.extensions?.cypherQueries).toBe(2);
    const recounted = await t.gql(count, {}, fresh);
    expect(recounted.extensions?.cypherQueries).toBe(1);
    expect(recounted.data).toEqual(counted.data);
  });

  it('serve a node already loaded as a neighbour from the request cache', async () => {
    const res = await t.gql<{ entity: { arms: { study: { shortName: string } }[] } }>(`{
      entity(slug: "pembro-rt-theelen-2019") { ... on Study { arms { study { shortName } } } }
    }`);
    expect(res.errors).toBeUndefined();
    // The lookup with its tree (arms and each arm's study) in one statement.
    expect(res.extensions?.cypherQueries).toBe(1);
  });

  it('page a growing relationship field with a keyset cursor, one query per level for every parent, and count only when asked', async () => {
    type Page = { totalCount?: number; edges: { cursor: string; node: { slug: string } }[]; pageInfo: { hasNextPage: boolean; endCursor: string | null } };
    const q = (after: string | null, withCount: boolean) =>
      t.gql<{ entity: { findings: Page } }>(
        `query($after: String) { entity(slug: "tumor-aneuploidy") { ... on Biomarker { findings(first: 1, after: $after) { ${withCount ? 'totalCount' : ''} edges { cursor node { slug } } pageInfo { hasNextPage endCursor } } } } }`,
        { after },
      );
    const first = await q(null, true);
    expect(first.errors).toBeUndefined();
    const total = first.data!.entity.findings.totalCount!;
    expect(total).toBeGreaterThan(1);
    // The lookup with the page and its count in one statement.
    expect(first.extensions?.cypherQueries).toBe(1);
    const seen = [first.data!.entity.findings.edges[0]!.node.slug];
    let cursor = first.data!.entity.findings.pageInfo.endCursor;
    while (cursor) {
      const next = await q(cursor, false);
      expect(next.extensions?.cypherQueries).toBe(1);
      const page = next.data!.entity.findings;
      seen.push(...page.edges.map((e) => e.node.slug));
      cursor = page.pageInfo.hasNextPage ? page.pageInfo.endCursor : null;
    }
    expect(seen).toHaveLength(total);
    expect(new Set(seen).size).toBe(total);
  });

  it('refuse a cursor it did not hand out', async () => {
    const res = await t.gql('{ entity(slug: "tumor-aneuploidy") { ... on Biomarker { findings(after: "bm90LWEtY3Vyc29y") { totalCount } } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
