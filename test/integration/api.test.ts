/** What users touch: the evidence question, search, the graph view, lookups and errors. */
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

interface Line {
  rank: number;
  verdict: string;
  score: number;
  biomarker: { slug: string };
  components: { certainty: number; modification: number; replication: number };
  certainty: { level: string; judgements: { domain: string; change: number; reason: string }[] } | null;
  evidenceLevel: { level: string } | null;
  populations: { key: string }[];
  patients: number | null;
  supporting: { slug: string; schedule: string | null; study: { shortName: string } }[];
  contradicting: { slug: string }[];
  indirectFindings: { slug: string; question: { id: string } }[];
  sources: { links: string[] }[];
}
interface Answer {
  question: { id: string; label: string; kind: string; setting: { slug: string } | null };
  ranking: Line[];
}

const LINE = `rank verdict score biomarker { slug } components { certainty modification replication }
  certainty { level judgements { domain change reason } } evidenceLevel { level } populations { key } patients
  supporting { slug schedule study { shortName } } contradicting { slug } indirectFindings { slug question { id } } sources { links }`;

async function answers(args = ''): Promise<Answer[]> {
  const res = await t.gql<{ biomarkerEvidence: { answers: Answer[] } }>(
    `{ biomarkerEvidence${args} { answers { question { id label kind setting { slug } } ranking { ${LINE} } } } }`,
  );
  expect(res.errors).toBeUndefined();
  return res.data!.biomarkerEvidence.answers;
}

const ADD_SBRT = (a: Answer) =>
  a.question.kind === 'ADD' &&
  a.question.setting?.slug === 'advanced-nsclc' &&
  a.question.id.includes('~radiotherapy~immune-checkpoint-blockade~SEQUENTIAL~') &&
  a.question.id.endsWith('~PFS');
const CONSOLIDATION_PFS = (a: Answer) => a.question.setting?.slug === 'stage-iii-nsclc' && a.question.id.includes('~CONSOLIDATION~') && a.question.id.endsWith('~PFS');

describe('biomarkerEvidence', () => {
  it('answers adding SBRT to anti-PD-1 in advanced NSCLC apart from consolidation after chemoradiotherapy in stage III', async () => {
    const all = await answers();
    const sbrt = all.find(ADD_SBRT);
    const pacific = all.find(CONSOLIDATION_PFS);
    expect(sbrt, 'the SBRT + pembrolizumab question').toBeDefined();
    expect(pacific, 'the consolidation question').toBeDefined();
    expect(sbrt!.question.id).not.toBe(pacific!.question.id);
    expect(sbrt!.question.label).toMatch(/radiotherapy/i);
    // Each question's ranking holds only findings that answer it.
    const pdl1 = sbrt!.ranking.find((l) => l.biomarker.slug === 'pd-l1')!;
    expect(pdl1.supporting.map((f) => f.study.shortName).join(' ')).toMatch(/PEMBRO-RT/);
    expect(pdl1.supporting.map((f) => f.slug).join(' ')).not.toMatch(/pacific/);
  });

  it('never lets PACIFIC support or contest PD-L1 in the SBRT question: it is listed as indirect', async () => {
    const sbrt = (await answers()).find(ADD_SBRT)!;
    const pdl1 = sbrt.ranking.find((l) => l.biomarker.slug === 'pd-l1')!;
    expect(pdl1.contradicting).toEqual([]);
    expect(pdl1.verdict).toBe('PREDICTIVE');
    const indirect = pdl1.indirectFindings.map((f) => f.slug);
    expect(indirect.some((s) => s.startsWith('pacific'))).toBe(true);
    for (const f of pdl1.indirectFindings) expect(f.question.id).not.toBe(sbrt.question.id);
  });

  it('gives every predictive line a certainty with reasons, a Simon–Paik–Hayes level and its components', async () => {
    const lines = (await answers()).flatMap((a) => a.ranking).filter((l) => l.verdict !== 'NO_PREDICTIVE_EVIDENCE');
    expect(lines.length).toBeGreaterThan(4);
    for (const l of lines) {
      expect(l.certainty, l.biomarker.slug).not.toBeNull();
      expect(l.certainty!.judgements.map((j) => j.domain)).toEqual(['DESIGN', 'RISK_OF_BIAS', 'INCONSISTENCY', 'INDIRECTNESS', 'IMPRECISION', 'REPLICATION']);
      for (const j of l.certainty!.judgements) expect(j.reason.length).toBeGreaterThan(10);
      expect(['I', 'II', 'III', 'IV', 'V']).toContain(l.evidenceLevel?.level);
      expect(l.populations.length).toBeGreaterThan(0);
      expect(l.sources.flatMap((s) => s.links).length).toBeGreaterThan(0);
    }
  });

  it('ties two biomarkers only when every component is equal', async () => {
    for (const a of await answers()) {
      for (const [i, l] of a.ranking.entries()) {
        const next = a.ranking[i + 1];
        if (next && next.rank === l.rank) expect(next.components, `${a.question.id}: ${l.biomarker.slug} and ${next.biomarker.slug}`).toEqual(l.components);
        if (next && next.rank !== l.rank) expect(next.score).toBeLessThanOrEqual(l.score);
      }
    }
  });

  it('answers one question when asked, and names a malformed question id', async () => {
    const sbrt = (await answers()).find(ADD_SBRT)!;
    const one = await answers(`(question: "${sbrt.question.id}")`);
    expect(one.map((a) => a.question.id)).toEqual([sbrt.question.id]);
    expect(one[0]!.ranking.map((l) => l.biomarker.slug)).toEqual(sbrt.ranking.map((l) => l.biomarker.slug));
    const bad = await t.gql('{ biomarkerEvidence(question: "pd-l1") { rule } }');
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(bad.errors?.[0]?.message).toContain('question: "pd-l1" is not a clinical question id');
  });

  it('lists the clinical questions with their counts, and every finding says which it answers', async () => {
    const res = await t.gql<{
      clinicalQuestions: { id: string; findings: number; predictiveFindings: number; studies: number; trialCount: number; patients: number | null }[];
      finding: { question: { id: string } | null } | null;
    }>(
      `{ clinicalQuestions(predictiveOnly: true) { id findings predictiveFindings studies trialCount patients }
         finding: node(id: "${Buffer.from('Finding:pacific-pdl1-tc-lt1-pfs-not-predictive').toString('base64')}") { ... on Finding { question { id } } } }`,
    );
    expect(res.errors).toBeUndefined();
    const qs = res.data!.clinicalQuestions;
    expect(qs.length).toBeGreaterThan(2);
    for (const q of qs) {
      expect(q.predictiveFindings).toBeGreaterThan(0);
      expect(q.findings).toBeGreaterThanOrEqual(q.predictiveFindings);
      expect(q.studies).toBeGreaterThan(0);
    }
    expect(qs.map((q) => q.id)).toContain(res.data!.finding?.question?.id);
  });

  it('returns a window of each ranking, best first, and says how many lines the whole ranking has', async () => {
    type Windowed = { biomarkerEvidence: { answers: { question: { id: string }; lineCount: number; ranking: { rank: number; biomarker: { slug: string } }[] }[] } };
    const q = `question: "${(await answers()).find(ADD_SBRT)!.question.id}"`;
    const whole = await t.gql<Windowed>(`{ biomarkerEvidence(${q}, lines: 200) { answers { question { id } lineCount ranking { rank biomarker { slug } } } } }`);
    const all = whole.data!.biomarkerEvidence.answers[0]!;
    expect(all.ranking.length).toBeGreaterThan(2);
    expect(all.lineCount).toBe(all.ranking.length);
    const page = await t.gql<Windowed>(`{ biomarkerEvidence(${q}, lines: 2, offset: 1) { answers { lineCount ranking { rank biomarker { slug } } } } }`);
    const window = page.data!.biomarkerEvidence.answers[0]!;
    expect(window.lineCount).toBe(all.lineCount);
    expect(window.ranking.map((l) => l.biomarker.slug)).toEqual(all.ranking.slice(1, 3).map((l) => l.biomarker.slug));
    const tooMany = await t.gql(`{ biomarkerEvidence(lines: 201) { rule } }`);
    expect(tooMany.errors?.[0]?.message).toBe('lines must be between 1 and 200, got 201');
  });

  it('rejects a negative weight naming it', async () => {
    const res = await t.gql('{ biomarkerEvidence(weights: { certainty: -1 }) { rule } }');
    expect(res.errors?.[0]?.message).toBe('weights.certainty must be a finite number ≥ 0, got -1');
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
    const res = await t.gql('{ clinicalQuestions(kind: SOMETIMES) { id } }');
    expect(res.errors?.[0]?.message).toMatch(/SOMETIMES.*ContrastKind|ContrastKind.*SOMETIMES/);
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
