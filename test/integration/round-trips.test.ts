/**
 * A nested query costs at most one Cypher round trip per level, whatever the number of parents:
 * with lookahead, a relationship field and the small relationship fields selected below it are
 * one round trip together; without it (the batched fallback), one per level. The database layer
 * counts the queries of each request; these tests pin the exact numbers, both ways.
 */
import { beforeAll, describe, expect, it } from 'vitest';
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

describe('batched resolvers', () => {
  it('answer studies → arms → therapies → broader classes over every seed study in two queries, or four level by level', async () => {
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
    // 1 studies page + 1 tree (arms with their therapies and those therapies' broader classes).
    expect(res.extensions?.cypherQueries).toBe(2);
    // Level by level: 1 studies page + 1 arms batch + 1 RECEIVED batch + 1 IS_A batch, for all parents at once.
    const levels = await perLevel.gql(q);
    expect(levels.extensions?.cypherQueries).toBe(4);
    expect(levels.data).toEqual(res.data);
  });

  it('answer the benchmark’s nested query in two queries and exactly as level by level does in eight', async () => {
    const res = await t.gql(NESTED);
    expect(res.errors).toBeUndefined();
    // 1 studies page + 1 tree query holding both trees of each study (arms…, findings…).
    expect(res.extensions?.cypherQueries).toBe(2);
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
    expect(runs.map((r) => r.extensions?.cypherQueries)).toEqual([2, 2, 2]);
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
    // 1 studies page + 1 tree query (arms with therapies, broader, outcomes; findings with sources).
    expect(all.extensions?.cypherQueries).toBe(2);
    expect((await perLevel.gql(q, { withSources: true, noBroader: false })).data).toEqual(all.data);
    const fewer = await t.gql(q, { withSources: false, noBroader: true });
    expect(fewer.errors).toBeUndefined();
    // 1 studies page + 1 arms tree (therapies, outcomes) + 1 findings batch (nothing below it to read ahead).
    expect(fewer.extensions?.cypherQueries).toBe(3);
    expect((await perLevel.gql(q, { withSources: false, noBroader: true })).extensions?.cypherQueries).toBe(5);
  });

  it('answer biomarkers → findings → studies → institutions in three queries, or four level by level', async () => {
    const q = `{
      biomarkers(first: 100) { edges { node { name findings(first: 50) { edges { node { statement study { shortName institutions { name } } } } } } } }
    }`;
    const res = await t.gql<{ biomarkers: { edges: { node: { findings: { edges: { node: { study: { institutions: unknown[] } } }[] } } }[] } }>(q);
    expect(res.errors).toBeUndefined();
    const findings = res.data!.biomarkers.edges.flatMap((e) => e.node.findings.edges.map((f) => f.node));
    expect(findings.length).toBeGreaterThan(10);
    // 1 biomarkers page + 1 findings page (growing field: paged on its own) + 1 tree (study, institutions).
    expect(res.extensions?.cypherQueries).toBe(3);
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

  it('read the biomarker ranking and a filtered count once per graph version: asked again, they cost only the lookups around them', async () => {
    const ranking = '{ biomarkerEvidence { answers { ranking { rank score biomarker { slug } } } } }';
    const first = await t.gql<{ biomarkerEvidence: { answers: { ranking: unknown[] }[] } }>(ranking);
    expect(first.errors).toBeUndefined();
    const answered = first.data!.biomarkerEvidence.answers.length;
    expect(answered).toBeGreaterThan(2);
    expect(first.data!.biomarkerEvidence.answers.flatMap((a) => a.ranking).length).toBeGreaterThan(3);
    // The question counts + one read per question answered + the biomarkers' findings elsewhere + one batched load of the biomarkers; then the load alone.
    expect(first.extensions?.cypherQueries).toBe(3 + answered);
    // Past the response cache, which would answer a repeated document without any query.
    const fresh = { 'cache-control': 'no-cache' };
    const again = await t.gql(ranking, {}, fresh);
    expect(again.extensions?.cypherQueries).toBe(1);
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
    // entity lookup + one tree (arms and each arm's study)
    expect(res.extensions?.cypherQueries).toBe(2);
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
    // entity lookup + one page query + one count query
    expect(first.extensions?.cypherQueries).toBe(3);
    const seen = [first.data!.entity.findings.edges[0]!.node.slug];
    let cursor = first.data!.entity.findings.pageInfo.endCursor;
    while (cursor) {
      const next = await q(cursor, false);
      expect(next.extensions?.cypherQueries).toBe(2);
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
