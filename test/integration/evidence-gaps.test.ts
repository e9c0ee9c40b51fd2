/**
 * The evidence-gap, effect-size and explanation checks on the seed graph: where each biomarker's evidence sits in the
 * gap map, the PD-L1 effect sizes, and the explanation paths. Every expectation is read from
 * the API's answers; the tests name the seed's findings only to say what must be found.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

interface Cell {
  schedule: string;
  setting: { slug: string } | null;
  evidence: string;
  patients: number | null;
  findings: { slug: string; type: string; direction: string; biomarkerState: string }[];
  studies: { shortName: string }[];
  trials: { link: string; reportsBiomarker: boolean; trial: { name: string; nctId: string | null } | null; biomarkerFocus: { slug: string }[] }[];
}
interface GapMap {
  evidenceGaps: { schedules: string[]; settings: { slug: string }[]; rows: { biomarker: { slug: string; name: string }; cells: Cell[] }[] };
}

async function gapMap(): Promise<GapMap['evidenceGaps']> {
  const res = await t.gql<GapMap>(readFileSync('test/operations/evidence-gaps.graphql', 'utf8'));
  expect(res.errors).toBeUndefined();
  return res.data!.evidenceGaps;
}

const cellsWith = (map: GapMap['evidenceGaps'], biomarker: string, evidence: (e: string) => boolean) =>
  map.rows.find((r) => r.biomarker.slug === biomarker)!.cells.filter((c) => evidence(c.evidence));
const place = (c: Cell): string => `${c.schedule} × ${c.setting?.slug}`;
const predictive = (e: string): boolean => e.startsWith('PREDICTIVE');

describe('the evidence-gap map on the seed graph', () => {
  it('has a cell for every schedule × setting in every row, schedules of a combination without MONOTHERAPY', async () => {
    const map = await gapMap();
    expect(map.schedules).toEqual(['CONCURRENT', 'SEQUENTIAL', 'CONSOLIDATION']);
    expect(map.settings.map((s) => s.slug)).toEqual(expect.arrayContaining(['metastatic-nsclc', 'stage-iii-nsclc', 'early-stage-nsclc']));
    for (const row of map.rows) expect(row.cells).toHaveLength(map.schedules.length * map.settings.length);
  });

  it('puts aneuploidy’s predictive evidence in the concurrent × metastatic cell only', async () => {
    const map = await gapMap();
    const cells = cellsWith(map, 'tumor-aneuploidy', predictive);
    expect(cells.map(place)).toEqual(['CONCURRENT × metastatic-nsclc']);
    expect(cells[0]!.evidence).toBe('PREDICTIVE');
    expect(cells[0]!.studies.map((s) => s.shortName).join()).toMatch(/Spurr/);
    // The trial that could confirm it is there, and flagged as already looking at aneuploidy.
    expect(cells[0]!.trials.find((x) => x.trial?.nctId === 'NCT03223155')).toMatchObject({ link: 'CANDIDATE', reportsBiomarker: true });
  });

  it('puts low TMB, PD-L1 null and Wnt-mutated in the sequential × metastatic cell, from Huang 2025', async () => {
    const map = await gapMap();
    for (const biomarker of ['tmb', 'pd-l1', 'wnt-pathway-mutation']) {
      const cell = map.rows.find((r) => r.biomarker.slug === biomarker)!.cells.find((c) => place(c) === 'SEQUENTIAL × metastatic-nsclc')!;
      expect(cell.evidence, biomarker).toBe('PREDICTIVE');
      expect(cell.studies.map((s) => s.shortName).join(), biomarker).toMatch(/Huang/);
      // Huang's are the cell's predictive findings; a single-arm study may add associations beside them (Bauml 2019: PD-L1 and PFS).
      const predictiveHere = cell.findings.filter((f) => f.type === 'PREDICTIVE');
      expect(predictiveHere.length, biomarker).toBeGreaterThan(0);
      expect(
        predictiveHere.every((f) => f.direction === 'SUPPORTS'),
        biomarker,
      ).toBe(true);
    }
    const states = ['tmb', 'pd-l1', 'wnt-pathway-mutation'].map(
      (b) =>
        map.rows
          .find((r) => r.biomarker.slug === b)!
          .cells.find((c) => place(c) === 'SEQUENTIAL × metastatic-nsclc')!
          .findings.find((f) => f.type === 'PREDICTIVE')!.biomarkerState,
    );
    expect(states).toEqual(['low', expect.stringMatching(/null/), 'mutated']);
  });

  it('shows only prognostic evidence in TMB’s consolidation × stage III cell', async () => {
    const map = await gapMap();
    const cell = map.rows.find((r) => r.biomarker.slug === 'tmb')!.cells.find((c) => place(c) === 'CONSOLIDATION × stage-iii-nsclc')!;
    expect(cell.evidence).toBe('PROGNOSTIC_OR_ASSOCIATED');
    expect(cell.findings.length).toBeGreaterThan(0);
    expect(cell.findings.every((f) => f.type === 'PROGNOSTIC')).toBe(true);
    expect(cellsWith(map, 'tmb', predictive).map(place)).not.toContain('CONSOLIDATION × stage-iii-nsclc');
  });

  it('shows contested predictive evidence in PD-L1’s consolidation × stage III cell, from PACIFIC', async () => {
    const map = await gapMap();
    const cell = map.rows.find((r) => r.biomarker.slug === 'pd-l1')!.cells.find((c) => place(c) === 'CONSOLIDATION × stage-iii-nsclc')!;
    expect(cell.evidence).toBe('PREDICTIVE_CONTESTED');
    const pacific = cell.findings.filter((f) => f.type === 'PREDICTIVE');
    expect(new Set(pacific.map((f) => f.direction))).toEqual(new Set(['SUPPORTS', 'DOES_NOT_SUPPORT']));
    expect(cell.studies.map((s) => s.shortName).join()).toMatch(/PACIFIC/);
    expect(cell.trials.map((x) => x.trial?.name)).toContain('PACIFIC');
  });

  it('leaves a cell with no finding empty, and still names the trials that cover it', async () => {
    const map = await gapMap();
    const cell = map.rows.find((r) => r.biomarker.slug === 'tumor-aneuploidy')!.cells.find((c) => place(c) === 'CONSOLIDATION × stage-iii-nsclc')!;
    expect(cell).toMatchObject({ evidence: 'NONE', findings: [], patients: null });
    expect(cell.trials.length).toBeGreaterThan(0);
    expect(cell.trials.every((x) => !x.reportsBiomarker)).toBe(true);
  });

  it('answers an unknown therapy class or disease with NOT_FOUND naming the argument', async () => {
    const res = await t.gql('{ evidenceGaps(therapyClasses: ["radiotherapy", "no-such-drug"]) { schedules } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    expect(res.errors?.[0]?.message).toMatch(/therapyClasses\[1\].*no-such-drug/);
    const bad = await t.gql('{ evidenceGaps(disease: "pembrolizumab") { schedules } }');
    expect(bad.errors?.[0]?.message).toMatch(/disease: no disease with slug "pembrolizumab"/);
  });
});

interface Estimate {
  state: string;
  measure: string;
  hr: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  contrast: string | null;
  primary: boolean;
  populationKey: string;
  study: { shortName: string };
}
interface Sizes {
  effectSizes: {
    estimates: Estimate[];
    groups: { state: string; estimates: { outcome: { slug: string }; hr: number | null }[]; pooled: { k: number } | null; reason: string | null }[];
  };
}

describe('PD-L1 effect sizes on the seed graph', () => {
  it('include the PACIFIC subgroup hazard ratios with their CIs', async () => {
    const res = await t.gql<Sizes>(readFileSync('test/operations/effect-sizes.graphql', 'utf8'));
    expect(res.errors).toBeUndefined();
    const pacific = res.data!.effectSizes.estimates.filter((e) => e.study.shortName.includes('PACIFIC'));
    expect(pacific.length).toBeGreaterThanOrEqual(4);
    for (const e of pacific) {
      expect(e.hr).toBeGreaterThan(0);
      expect(e.ciLow).toBeLessThan(e.hr!);
      expect(e.ciHigh).toBeGreaterThan(e.hr!);
      expect(e.contrast).toMatch(/ vs /);
    }
    expect(pacific.map((e) => e.state)).toEqual(expect.arrayContaining([expect.stringMatching(/<1%/), expect.stringMatching(/≥1%/)]));
  });

  it('make no pooled estimate from incomparable subgroups, and say why', async () => {
    const res = await t.gql<Sizes>(readFileSync('test/operations/effect-sizes.graphql', 'utf8'));
    const groups = res.data!.effectSizes.groups;
    expect(groups.length).toBeGreaterThanOrEqual(4);
    for (const g of groups) {
      expect(g.pooled).toBeNull();
      expect(g.reason).toMatch(/only one estimate|not independent|no HR/);
    }
    // Each subgroup is its own group: nothing mixes TC <1% with TC ≥1%.
    expect(new Set(groups.map((g) => g.state)).size).toBe(groups.length);
  });

  it('refuse to pool two analyses of one trial (not independent)', async () => {
    const res = await t.gql<Sizes>('{ effectSizes(biomarker: "prior-radiotherapy") { estimates { state populationKey } groups { state estimates { hr } pooled { k } reason } } }');
    expect(res.errors).toBeUndefined();
    const { estimates, groups } = res.data!.effectSizes;
    expect(new Set(estimates.map((e) => e.populationKey)).size).toBe(1);
    expect(groups.length).toBeGreaterThan(0);
    expect(groups.every((g) => g.pooled === null && g.reason !== null)).toBe(true);
  });

  it('take the pooling and interval method as arguments, REML and Hartung–Knapp by default', async () => {
    const args = await t.gql<{ __type: { fields: { name: string; args: { name: string; defaultValue: string | null; type: { name: string } }[] }[] } }>(
      '{ __type(name: "Query") { fields { name args { name defaultValue type { name } } } } }',
    );
    const field = args.data!.__type.fields.find((f) => f.name === 'effectSizes')!;
    expect(field.args.filter((a) => a.name.endsWith('Method')).sort((a, b) => a.name.localeCompare(b.name))).toEqual([
      { name: 'intervalMethod', defaultValue: 'HARTUNG_KNAPP', type: { name: 'IntervalMethod' } },
      { name: 'poolingMethod', defaultValue: 'REML', type: { name: 'PoolingMethod' } },
    ]);
    const query = `query ($pm: PoolingMethod, $im: IntervalMethod) {
      effectSizes(biomarker: "pd-l1", measure: PFS, poolingMethod: $pm, intervalMethod: $im) {
        groups { state pooled { poolingMethod intervalMethod predictionLow predictionHigh tau2 tau2Se i2 h2 q qDf qP } reason }
      }
    }`;
    const dl = await t.gql<Sizes>(query, { pm: 'DL', im: 'NORMAL' });
    expect(dl.errors).toBeUndefined();
    // Nothing on the seed graph is poolable, whichever method is asked for: the reasons stay.
    const byDefault = await t.gql<Sizes>(query);
    expect(dl.data!.effectSizes.groups).toEqual(byDefault.data!.effectSizes.groups);
    expect(dl.data!.effectSizes.groups.length).toBeGreaterThan(0);
    const bad = await t.gql(query, { pm: 'PAULE_MANDEL' });
    expect(bad.errors?.[0]?.message).toMatch(/\$pm.*PAULE_MANDEL.*PoolingMethod/);
  });
});

interface Explained {
  explain: {
    biomarker: { name: string };
    paths: {
      role: string;
      study: { shortName: string };
      trial: { name: string } | null;
      trialLink: string | null;
      institutions: { name: string }[];
      sources: { links: string[] }[];
    }[];
    nodes: { id: string; slug: string; type: string }[];
    edges: { source: string; target: string; type: string }[];
  }[];
}

describe('explain', () => {
  it('gives every aneuploidy path from finding to sourced study, trial and institution, and a graph whose edges join its nodes', async () => {
    const res = await t.gql<Explained>(readFileSync('test/operations/explain-aneuploidy.graphql', 'utf8'));
    expect(res.errors).toBeUndefined();
    const [x] = res.data!.explain;
    expect(x!.biomarker.name).toMatch(/aneuploidy/i);
    const supporting = x!.paths.filter((p) => p.role === 'SUPPORTING');
    expect(supporting.length).toBeGreaterThan(0);
    for (const p of supporting) {
      expect(p.study.shortName).toMatch(/Spurr/);
      expect(p.institutions.length).toBeGreaterThan(0);
      expect(p.sources.flatMap((s) => s.links).length).toBeGreaterThan(0);
    }
    expect(supporting.some((p) => p.trial !== null && p.trialLink === 'CANDIDATE')).toBe(true);
    const ids = new Set(x!.nodes.map((n) => n.id));
    for (const e of x!.edges) expect(ids.has(e.source) && ids.has(e.target)).toBe(true);
    expect(new Set(x!.nodes.map((n) => n.type))).toEqual(new Set(['Biomarker', 'Finding', 'Study', 'Trial', 'Institution', 'Investigator', 'Source']));
  });
});
