/** The provenance audit: numbers found as printed, and every kind of inconsistency it must catch. */
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { AuditError, assertAudited, auditPassed, auditSeed, auditStudy, formatReport } from '../../src/audit/audit.js';
import { hasPValue, hasValueWithUnit, numbersIn } from '../../src/audit/numbers.js';
import { readSeed, resolveFormerIds, type SeedBundle } from '../../src/seed-files/read-seed.js';
import type { Catalog, StudySeed } from '../../src/seed-files/seed-schema.js';
import { interactionFromProps, interactionProps, quoteFromProps, quoteProps, readAtFromProps, sourceProps } from '../../src/seed-files/write-seed.js';

const values = (text: string) => numbersIn(text).map((t) => t.value);

describe('numbers as sources print them', () => {
  it('reads en-dash CIs, Lancet decimal points, thousands separators and leading-dot p-values', () => {
    expect(values('HR 0·66 (0·37–1·18)')).toEqual([0.66, 0.37, 1.18]);
    expect(values('the full analysis set included 1,154 participants')).toEqual([1154]);
    expect(hasPValue('(P =.07)', '.07')).toBe(true);
    expect(hasPValue('P<0.001', '<0.001')).toBe(true);
  });

  it('does not take gene and drug-target names for numbers', () => {
    expect(values('STK11, KEAP1, CD8, PD-L1, PD-1, CTLA-4 and KEYNOTE-001')).toEqual([]);
  });

  it('reads small counts written as words', () => {
    expect(values('enrolling twenty patients')).toContain(20);
    expect(values('Thirty seven of the patients')).toContain(37);
    expect(values('in one responding patient')).toContain(1);
  });

  it('requires the comparator of a p-value and the percent sign of a percentage', () => {
    expect(hasPValue('P = 0.001', '<0.001')).toBe(false);
    expect(hasValueWithUnit('ORR 22% vs 25 patients', 25, 'percent')).toBe(false);
    expect(hasValueWithUnit('ORR 22% vs 25%', 25, 'percent')).toBe(true);
    expect(hasValueWithUnit('PFS was 4.4 m vs 8.3 m', 8.3, 'months')).toBe(true);
  });
});

async function seedCopy(): Promise<SeedBundle> {
  return structuredClone(await readSeed(path.resolve('seed')));
}

function study(bundle: SeedBundle, id: string): StudySeed {
  const found = bundle.studies.find((s) => s.study.id === id)?.study;
  if (!found) throw new Error(`no study ${id}`);
  return found;
}

const problemsOf = (bundle: SeedBundle, studyId: string) =>
  auditStudy(study(bundle, studyId), bundle.catalog)
    .figures.filter((f) => f.status === 'INCONSISTENT')
    .flatMap((f) => f.problems);

describe('auditing the curated seed', () => {
  it('finds no inconsistency and quotes nearly every figure', async () => {
    const report = auditSeed(await readSeed(path.resolve('seed')));
    expect(report.inconsistent).toBe(0);
    expect(report.general).toEqual([]);
    expect(auditPassed(report)).toBe(true);
    expect(report.quoted + report.unquoted).toBe(report.checked);
    // 160 of 174 today: the 14 unquoted are listed by `npm run audit -- --unquoted` (the four
    // studies added with the importers carry arm and enrolment counts read in sources whose sentence
    // was not kept, and three outcomes whose stored pages end before the figure). Never guessed.
    expect(report.quoted / report.checked).toBeGreaterThan(0.9);
  });

  it('catches a hazard ratio that differs from the sentence it is quoted from', async () => {
    const bundle = await seedCopy();
    const hr = study(bundle, 'pembro-rt-theelen-2019').outcomes!.find((o) => o.id === 'pembrort-pfs-hr')!;
    hr.hr = 0.72; // the abstract prints 0.71
    expect(problemsOf(bundle, 'pembro-rt-theelen-2019')).toContain('hr 0.72 is not printed in its quote');
    expect(auditPassed(auditSeed(bundle))).toBe(false);
    expect(() => assertAudited(auditSeed(bundle))).toThrow(AuditError);
  });

  it('catches a wrong CI bound, a wrong p-value and a percentage quoted without its unit', async () => {
    const bundle = await seedCopy();
    const s = study(bundle, 'pacific-r-os-filippi-2024');
    const os = s.outcomes!.find((o) => o.id === 'pacific-r-os-3y')!;
    os.ciHigh = 65.8;
    const pem = study(bundle, 'pembro-rt-theelen-2019').outcomes!.find((o) => o.id === 'pembrort-orr-12w-comparison')!;
    pem.p = '.007';
    const orr = study(bundle, 'pembro-rt-theelen-2019').outcomes!.find((o) => o.id === 'pembrort-orr-12w-control')!;
    orr.quote = { source: orr.quote!.source, text: 'The ORR at 12 weeks was 18 in the control arm.' };
    expect(problemsOf(bundle, 'pacific-r-os-filippi-2024')).toContain('ciHigh 65.8 is not printed in its quote');
    const pemProblems = problemsOf(bundle, 'pembro-rt-theelen-2019');
    expect(pemProblems).toContain('p .007 is not printed in its quote');
    expect(pemProblems).toContain('value 18 is printed without its unit (percent)');
  });

  it('catches a quote taken from a source the figure does not cite', async () => {
    const bundle = await seedCopy();
    const o = study(bundle, 'mdacc-welsh-2020').outcomes![0]!;
    o.quote = { source: 'src-s25-cancertherapyadvisor-keynote-001', text: o.quote!.text };
    expect(problemsOf(bundle, 'mdacc-welsh-2020').join('\n')).toMatch(/quote is from "src-s25-cancertherapyadvisor-keynote-001", which is not one of the figure's sources/);
  });

  it("catches a patients count that is not printed in the finding's quote, or exceeds its study", async () => {
    const bundle = await seedCopy();
    const f = study(bundle, 'pembro-rt-theelen-2019').findings![0]!;
    f.patients = 451;
    const problems = problemsOf(bundle, 'pembro-rt-theelen-2019');
    expect(problems).toContain('patients 451 is not printed in its quote');
    expect(problems).toContain("patients 451 exceeds the study's 92");
  });

  it('catches an arm resting on the registry record of a trial the study is only a CANDIDATE for', async () => {
    const bundle = await seedCopy();
    const arm = study(bundle, 'spurr-2022-aneuploidy-rt-icb').arms![0]!;
    arm.n = 12;
    arm.sources.push('src-s05-clinicaltrialexchange-nct03223155');
    expect(problemsOf(bundle, 'spurr-2022-aneuploidy-rt-icb').join('\n')).toMatch(/record of a trial this study is only a CANDIDATE for/);
  });

  it('catches a news or aggregator source marked primary', async () => {
    const bundle = await seedCopy();
    bundle.catalog.sources.find((s) => s.id === 'src-s23-delveinsight-asco-9548')!.primary = true;
    const report = auditSeed(bundle);
    expect(report.general.join('\n')).toMatch(/src-s23-delveinsight-asco-9548.*AGGREGATOR source is marked primary/);
    expect(formatReport(report)).toMatch(/inconsistent: 1/);
  });

  it('reports a figure without a quote as unquoted, which does not fail the audit', async () => {
    const bundle = await seedCopy();
    delete study(bundle, 'mdacc-welsh-2020').outcomes![0]!.quote;
    const report = auditStudy(study(bundle, 'mdacc-welsh-2020'), bundle.catalog);
    expect(report.unquoted).toBe(1);
    expect(auditPassed(report)).toBe(true);
  });
});

describe('allocations and interactions against their quotes', () => {
  it('quotes every allocation it holds and catches one its quote contradicts', async () => {
    const report = auditSeed(await readSeed(path.resolve('seed')));
    const allocations = report.figures.filter((f) => f.kind === 'STUDY_ALLOCATION');
    expect(allocations.length).toBeGreaterThanOrEqual(20);
    expect(allocations.every((f) => f.status === 'QUOTED')).toBe(true);

    const bundle = await seedCopy();
    study(bundle, 'keynote-799-jabbour-2021').allocation = 'RANDOMIZED'; // its quote names a "Nonrandomized Trial"
    study(bundle, 'pembro-rt-theelen-2019').allocation = 'NON_RANDOMIZED'; // "76 were randomized"
    expect(problemsOf(bundle, 'keynote-799-jabbour-2021')).toContain('allocation RANDOMIZED: its quote does not say the patients were randomised');
    expect(problemsOf(bundle, 'pembro-rt-theelen-2019').join('\n')).toMatch(/allocation NON_RANDOMIZED: its quote names no non-randomised design/);
  });

  it('leaves an allocation without a quote unquoted, like any other figure', async () => {
    const bundle = await seedCopy();
    delete study(bundle, 'pembro-rt-theelen-2019').allocationQuote;
    const fig = auditStudy(study(bundle, 'pembro-rt-theelen-2019'), bundle.catalog).figures.find((f) => f.kind === 'STUDY_ALLOCATION')!;
    expect(fig).toMatchObject({ status: 'UNQUOTED', problems: ['allocation RANDOMIZED: no quote'] });
  });

  it('catches a stated interaction figure its quote does not print, and a pre-specified flag its quote contradicts', async () => {
    const bundle = await seedCopy();
    const f = study(bundle, 'pacific-pdl1-paz-ares-2020').findings!.find((x) => x.id === 'pacific-pdl1-tc-lt1-pfs-not-predictive')!;
    expect(auditStudy(study(bundle, 'pacific-pdl1-paz-ares-2020'), bundle.catalog).figures.find((x) => x.kind === 'INTERACTION')).toMatchObject({ status: 'QUOTED', id: f.id });
    f.interaction = { ...f.interaction!, hr: 1.78, ciLow: 1.02, ciHigh: 3.1, p: '0.04', prespecified: true };
    const problems = problemsOf(bundle, 'pacific-pdl1-paz-ares-2020');
    expect(problems).toEqual(
      expect.arrayContaining([
        'interaction hr 1.78 is not printed in its quote',
        'interaction ciLow 1.02 is not printed in its quote',
        'interaction p 0.04 is not printed in its quote',
      ]),
    );
    // A quote that never says the analysis was planned cannot carry prespecified: true.
    f.interaction = { ...f.interaction, quote: { source: 'pub-paz-ares-2020-ann-oncol', text: 'Treatment-effect HRs were estimated post hoc.' } };
    delete f.interaction.hr;
    delete f.interaction.ciLow;
    delete f.interaction.ciHigh;
    delete f.interaction.p;
    expect(problemsOf(bundle, 'pacific-pdl1-paz-ares-2020')).toContain('prespecified: its quote does not say the analysis was pre-specified');
  });

  it('catches interaction subgroups that are not outcomes the finding rests on', async () => {
    const bundle = await seedCopy();
    const f = study(bundle, 'denault-2023-real-world-durvalumab-pdl1').findings![0]!;
    f.outcomes = [f.outcomes![0]!];
    expect(problemsOf(bundle, 'denault-2023-real-world-durvalumab-pdl1')).toContain('subgroups[1] "denault-os-hr-pdl1-lt1" is not one of the finding\'s outcomes');
  });
});

describe('merged sources', () => {
  it('resolve the ids they replaced, so study files written before the merge still point at the work', () => {
    const catalog: Catalog = {
      sources: [{ id: 'pub-x', kind: 'PUBLICATION', primary: true, doi: '10.9999/x', formerIds: ['old-mirror', 'old-publisher'] }],
      institutions: [],
      investigators: [],
      therapies: [],
      biomarkers: [],
      diseases: [],
      trials: [],
    };
    const s = {
      id: 's',
      shortName: 'S',
      kind: 'COHORT',
      summary: 'x',
      diseases: ['d'],
      sources: ['old-mirror', 'old-publisher'],
      outcomes: [{ id: 'o', measure: 'OS', value: 1, unit: 'months', quote: { source: 'old-mirror', text: '1 month' }, sources: ['old-mirror'] }],
    } as StudySeed;
    expect(resolveFormerIds(catalog, [{ file: 'studies/s.json', study: s }])).toEqual([]);
    expect(s.sources).toEqual(['pub-x']);
    expect(s.outcomes![0]!.quote!.source).toBe('pub-x');
  });
});

describe('provenance in node properties', () => {
  it('round-trips quotes and read-at pages through the flat properties Neo4j stores, for a seed export', () => {
    const quote = { source: 'pub-x', text: 'HR 0·66 (0·37–1·18)' };
    expect(quoteFromProps(quoteProps(quote, 'analysedQuote'), 'analysedQuote')).toEqual(quote);
    expect(quoteFromProps({})).toBeUndefined();
    const readAt = [{ url: 'http://mirror.example/1', kind: 'MIRROR' as const, note: 'a copy' }];
    expect(readAtFromProps(sourceProps({ id: 'pub-x', kind: 'PUBLICATION', primary: true, doi: '10.9999/x', readAt }))).toEqual(readAt);
  });

  it('flattens an interaction to scalar properties and reads the same block back', () => {
    const interaction = {
      subgroups: ['a-hr', 'b-hr'] as [string, string],
      hr: 1.78,
      ciLow: 1.02,
      ciHigh: 3.1,
      p: '0.04',
      prespecified: false,
      quote: { source: 'pub-x', text: 'ratio of HRs 1.78 (1.02–3.1), p=0.04, post hoc' },
    };
    const props = interactionProps(interaction);
    expect(Object.values(props).every((v) => typeof v !== 'object' || Array.isArray(v))).toBe(true);
    expect(props).toMatchObject({ interactionSubgroups: ['a-hr', 'b-hr'], interactionHr: 1.78, interactionPrespecified: false, interactionQuoteSource: 'pub-x' });
    expect(interactionFromProps(props)).toEqual(interaction);
    expect(interactionFromProps({ quoteText: 'x', quoteSource: 'y' })).toBeUndefined();
  });
});
