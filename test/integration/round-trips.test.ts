/**
 * A nested query costs one Cypher round trip per level, whatever the number of parents. The
 * database layer counts the queries of each request; these tests pin the exact numbers.
 */
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

describe('batched resolvers', () => {
  it('answer studies → arms → therapies → broader classes over every seed study in four queries', async () => {
    const res = await t.gql<{ studies: { edges: { node: { arms: { therapies: { therapy: { broader: unknown[] } }[] }[] } }[] } }>(`{
      studies(first: 100) { edges { node { shortName arms { name therapies { order therapy { name broader { name } } } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const studies = res.data!.studies.edges;
    const arms = studies.flatMap((e) => e.node.arms);
    expect(studies.length).toBeGreaterThanOrEqual(14);
    expect(arms.length).toBeGreaterThan(10);
    // 1 studies page + 1 arms batch + 1 RECEIVED batch + 1 IS_A batch, for all parents at once.
    expect(res.extensions?.cypherQueries).toBe(4);
  });

  it('answer biomarkers → findings → studies → institutions in four queries', async () => {
    const res = await t.gql<{ biomarkers: { edges: { node: { findings: { edges: { node: { study: { institutions: unknown[] } } }[] } } }[] } }>(`{
      biomarkers(first: 100) { edges { node { name findings(first: 50) { edges { node { statement study { shortName institutions { name } } } } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const findings = res.data!.biomarkers.edges.flatMap((e) => e.node.findings.edges.map((f) => f.node));
    expect(findings.length).toBeGreaterThan(10);
    expect(res.extensions?.cypherQueries).toBe(4);
  });

  it('count totalCount with one extra query only when it is selected', async () => {
    const without = await t.gql('{ studies(first: 3) { edges { node { shortName } } } }');
    const withCount = await t.gql('{ studies(first: 3) { totalCount edges { node { shortName } } } }');
    expect(without.extensions?.cypherQueries).toBe(1);
    expect(withCount.extensions?.cypherQueries).toBe(2);
  });

  it('serve a node already loaded as a neighbour from the request cache', async () => {
    const res = await t.gql<{ entity: { arms: { study: { shortName: string } }[] } }>(`{
      entity(slug: "pembro-rt-theelen-2019") { ... on Study { arms { study { shortName } } } }
    }`);
    expect(res.errors).toBeUndefined();
    // entity lookup + arms batch + Arm.study batch
    expect(res.extensions?.cypherQueries).toBe(3);
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
