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
    const res = await t.gql<{ biomarkers: { edges: { node: { findings: { study: { institutions: unknown[] } }[] } }[] } }>(`{
      biomarkers(first: 100) { edges { node { name findings { statement study { shortName institutions { name } } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const findings = res.data!.biomarkers.edges.flatMap((e) => e.node.findings);
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
});
