/** What users touch: the evidence question, search, the graph view, lookups and errors. */
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

interface Ranked {
  rank: number;
  verdict: string;
  biomarker: { slug: string; name: string };
  supporting: { schedule: string | null; biomarkerState: string; study: { shortName: string } }[];
  sources: { links: string[] }[];
  studies: { shortName: string }[];
}

describe('biomarkerEvidence', () => {
  it('ranks tumor aneuploidy and the cold-tumor features as predictive of RT+ICB benefit, with studies and sources', async () => {
    const res = await t.gql<{ biomarkerEvidence: { ranking: Ranked[] } }>(`{
      biomarkerEvidence { ranking { rank verdict biomarker { slug name } supporting { schedule biomarkerState study { shortName } } sources { links } studies { shortName } } }
    }`);
    expect(res.errors).toBeUndefined();
    const ranking = res.data!.biomarkerEvidence.ranking;
    const by = (slug: string) => ranking.find((r) => r.biomarker.slug === slug);
    for (const slug of ['tumor-aneuploidy', 'tmb', 'pd-l1']) {
      const r = by(slug);
      expect(r, slug).toBeDefined();
      expect(['PREDICTIVE', 'PREDICTIVE_CONTESTED']).toContain(r!.verdict);
      expect(r!.supporting.length).toBeGreaterThan(0);
      expect(r!.sources.flatMap((s) => s.links).length).toBeGreaterThan(0);
    }
    expect(by('tumor-aneuploidy')!.supporting.some((f) => f.schedule === 'CONCURRENT')).toBe(true);
    expect(by('tmb')!.supporting.some((f) => /low/i.test(f.biomarkerState))).toBe(true);
    // Predictive biomarkers rank above those with only prognostic or associated evidence, which
    // the seed has (serum IFN-β, T-cell clonal expansion): the comparison is never vacuous.
    const nonPredictive = ranking.filter((r) => r.verdict === 'NO_PREDICTIVE_EVIDENCE');
    expect(nonPredictive.map((r) => r.biomarker.slug)).toEqual(expect.arrayContaining(['serum-ifn-beta', 't-cell-clonal-expansion']));
    for (const r of nonPredictive) expect(by('tumor-aneuploidy')!.rank).toBeLessThan(r.rank);
  });

  it('narrows to one schedule: concurrent keeps aneuploidy and drops the sequential PEMBRO-RT evidence', async () => {
    const all = await t.gql<{ biomarkerEvidence: { ranking: Ranked[] } }>('{ biomarkerEvidence { ranking { biomarker { slug } supporting { schedule study { shortName } } } } }');
    const tmb = all.data!.biomarkerEvidence.ranking.find((r) => r.biomarker.slug === 'tmb');
    expect(tmb?.supporting.map((f) => [f.schedule, f.study.shortName])).toContainEqual(['SEQUENTIAL', expect.stringMatching(/PEMBRO-RT/)]);
    const res = await t.gql<{ biomarkerEvidence: { ranking: Ranked[] } }>(`{
      biomarkerEvidence(schedules: [CONCURRENT]) { ranking { biomarker { slug } supporting { schedule study { shortName } } } }
    }`);
    const ranking = res.data!.biomarkerEvidence.ranking;
    expect(ranking.map((r) => r.biomarker.slug)).toContain('tumor-aneuploidy');
    const supporting = ranking.flatMap((r) => r.supporting);
    expect(supporting.length).toBeGreaterThan(0);
    for (const f of supporting) expect(f.schedule).toBe('CONCURRENT');
    // Unfiltered, TMB ranks on the sequential PEMBRO-RT analysis; the concurrent view drops it.
    expect(ranking.map((r) => r.biomarker.slug)).not.toContain('tmb');
    expect(supporting.map((f) => f.study.shortName).join(' ')).not.toMatch(/PEMBRO-RT/);
  });

  it('rejects an unknown therapy class with NOT_FOUND naming it', async () => {
    const res = await t.gql('{ biomarkerEvidence(therapyClasses: ["radiotherapy", "homeopathy"]) { rule } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toContain('therapyClasses[1]: no therapy with slug "homeopathy"');
  });
});

describe('studies filters', () => {
  type Slugs = { edges: { node: { slug: string } }[] };
  const slugs = (c: Slugs) => c.edges.map((e) => e.node.slug).sort();

  it('find by biomarker, institution and therapy class the same studies the relationship fields list', async () => {
    const res = await t.gql<{
      byBiomarker: Slugs;
      byInstitution: Slugs;
      byTherapy: Slugs;
      biomarker: { studies: Slugs };
      institution: { studies: Slugs };
      therapy: { narrower: { studies: Slugs; narrower: { studies: Slugs }[] }[]; studies: Slugs };
    }>(`{
      byBiomarker: studies(first: 100, filter: { biomarker: "tmb" }) { edges { node { slug } } }
      biomarker: entity(slug: "tmb") { ... on Biomarker { studies(first: 100) { edges { node { slug } } } } }
      byInstitution: studies(first: 100, filter: { institution: "university-of-chicago-medicine" }) { edges { node { slug } } }
      institution: entity(slug: "university-of-chicago-medicine") { ... on Institution { studies(first: 100) { edges { node { slug } } } } }
      byTherapy: studies(first: 100, filter: { therapy: "anti-pd-1" }) { edges { node { slug } } }
      therapy: entity(slug: "anti-pd-1") { ... on Therapy { studies(first: 100) { edges { node { slug } } } narrower { studies(first: 100) { edges { node { slug } } } narrower { studies(first: 100) { edges { node { slug } } } } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const d = res.data!;
    expect(slugs(d.byBiomarker).length).toBeGreaterThan(0);
    expect(slugs(d.byBiomarker)).toEqual(slugs(d.biomarker.studies));
    expect(slugs(d.byInstitution).length).toBeGreaterThan(0);
    expect(slugs(d.byInstitution)).toEqual(slugs(d.institution.studies));
    // The class and everything narrower (two levels in the seed's hierarchy).
    const viaArms = new Set([d.therapy.studies, ...d.therapy.narrower.flatMap((n) => [n.studies, ...n.narrower.map((m) => m.studies)])].flatMap(slugs));
    expect(viaArms.size).toBeGreaterThan(0);
    expect(slugs(d.byTherapy)).toEqual([...viaArms].sort());
  });
});

describe('search', () => {
  it('finds tumor aneuploidy by a prefix among the first three hits, with its type', async () => {
    const res = await t.gql<{ search: { type: string; slug: string }[] }>('{ search(text: "aneupl", first: 3) { type slug score } }');
    expect(res.data!.search).toContainEqual(expect.objectContaining({ type: 'Biomarker', slug: 'tumor-aneuploidy' }));
  });

  it('restricts results to the requested types', async () => {
    const res = await t.gql<{ search: { type: string }[] }>('{ search(text: "pembrolizumab", types: [Study]) { type } }');
    expect(res.data!.search.length).toBeGreaterThan(0);
    expect(new Set(res.data!.search.map((h) => h.type))).toEqual(new Set(['Study']));
  });

  it('survives Lucene syntax in user text', async () => {
    const res = await t.gql<{ search: unknown[] }>('{ search(text: "PD-L1 (TC") { slug } }');
    expect(res.errors).toBeUndefined();
  });
});

describe('neighborhood', () => {
  it('returns Cytoscape-ready nodes and edges whose ends are among the nodes', async () => {
    const res = await t.gql<{ neighborhood: { nodes: { id: string }[]; edges: { source: string; target: string; type: string }[]; truncated: boolean } }>(
      '{ neighborhood(ids: ["tumor-aneuploidy"], depth: 2) { nodes { id type label } edges { id source target type } truncated } }',
    );
    const view = res.data!.neighborhood;
    const ids = new Set(view.nodes.map((n) => n.id));
    expect(view.nodes.length).toBeGreaterThan(3);
    for (const e of view.edges) {
      expect(ids.has(e.source)).toBe(true);
      expect(ids.has(e.target)).toBe(true);
    }
  });

  it('stops at the limit and says it was truncated', async () => {
    const res = await t.gql<{ neighborhood: { nodes: unknown[]; truncated: boolean } }>(
      '{ neighborhood(ids: ["immune-checkpoint-blockade"], depth: 3, limit: 5) { nodes { id } truncated } }',
    );
    expect(res.data!.neighborhood.nodes).toHaveLength(5);
    expect(res.data!.neighborhood.truncated).toBe(true);
  });
});

describe('errors', () => {
  it('explain a malformed global ID', async () => {
    const res = await t.gql('{ node(id: "not-a-global-id") { id } }');
    expect(res.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT' } });
    expect(res.errors?.[0]?.message).toContain('"not-a-global-id" is not a valid global ID');
  });

  it('reject a negative or huge page size before touching Neo4j', async () => {
    for (const first of [-1, 1000]) {
      const res = await t.gql(`{ studies(first: ${first}) { edges { cursor } } }`);
      expect(res.errors?.[0]?.message).toBe(`first must be between 0 and 100, got ${first}`);
      expect(res.extensions?.cypherQueries).toBe(0);
    }
  });

  it('name an unknown enum value', async () => {
    const res = await t.gql('{ biomarkerEvidence(schedules: [SOMETIMES]) { rule } }');
    expect(res.errors?.[0]?.message).toMatch(/SOMETIMES.*Schedule|Schedule.*SOMETIMES/);
  });

  it('reject a query nested too deep before any database work', async () => {
    let nested = 'shortName';
    for (let i = 0; i < 8; i++) nested = `arms { study { ${nested} } }`;
    const res = await t.gql(`{ studies(first: 1) { edges { node { ${nested} } } } }`);
    expect(res.errors?.[0]?.message).toMatch(/query depth \d+ exceeds the maximum of 12/);
    expect(res.errors?.[0]?.extensions?.code).toBe('QUERY_TOO_COMPLEX');
    expect(res.extensions?.cypherQueries ?? 0).toBe(0);
  });

  it('reject a flood of aliases', async () => {
    const aliases = Array.from({ length: 40 }, (_, i) => `a${i}: graphStats { nodes { name } }`).join(' ');
    const res = await t.gql(`{ ${aliases} }`);
    expect(res.errors?.[0]?.message).toMatch(/aliases/i);
  });

  it('answer NOT_FOUND for an unknown slug', async () => {
    const res = await t.gql('{ entity(slug: "no-such-thing") { id } }');
    expect(res.errors?.[0]).toMatchObject({ message: 'entity "no-such-thing" does not exist', extensions: { code: 'NOT_FOUND' } });
  });
});

describe('operational endpoints', () => {
  it('expose the Cypher query counter for Prometheus', async () => {
    await t.gql('{ graphStats { nodes { name } } }');
    const text = await (await t.app.fetch('http://test/metrics')).text();
    expect(text).toMatch(/abscopal_cypher_queries_total\{[^}]*query="graph-stats"[^}]*\} [1-9]\d*/);
  });

  it('serve GraphiQL with the evidence question as its example', async () => {
    const res = await t.app.fetch('http://test/graphql', { headers: { accept: 'text/html' } });
    const html = await res.text();
    expect(res.status).toBe(200);
    // The examples are compiled into the page's bundle (web/build.mjs), served by this server.
    expect(html).toContain('/assets/graphiql/graphiql.js');
    expect(await (await t.app.fetch('http://test/assets/graphiql/graphiql.js')).text()).toContain('query WhichBiomarkersPredict');
  });
});
