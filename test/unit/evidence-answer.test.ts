/**
 * The evidence answer per clinical question (src/analysis/answer.ts, src/analysis/certainty.ts):
 * separate rankings, populations merged through shared trials, GRADE judgements with reasons,
 * Simon–Paik–Hayes levels, components, weights, and ties only when every component is equal.
 */
import { describe, expect, it } from 'vitest';
import { answerQuestions, type FindingFacts, harmonicSum, mergePopulations, type PopulationRow, type PredictiveGroup } from '../../src/analysis/answer.js';
import { type PopulationFacts, rateCertainty, simonPaikHayes } from '../../src/analysis/certainty.js';

const ADD_RT = 'ADD~advanced-nsclc~radiotherapy~immune-checkpoint-blockade~SEQUENTIAL~-~PFS';
const CONSOLIDATION = 'ADD~stage-iii-nsclc~immune-checkpoint-blockade~chemoradiotherapy~CONSOLIDATION~-~PFS';

function facts(id: string, over: Partial<FindingFacts['finding']> = {}, study: Partial<FindingFacts['study']> = {}, subgroups: FindingFacts['subgroups'] = []): FindingFacts {
  return {
    finding: {
      id,
      direction: 'SUPPORTS',
      level: 'B',
      exploratory: false,
      patients: null,
      schedule: null,
      interactionHr: null,
      interactionCiLow: null,
      interactionCiHigh: null,
      interactionP: null,
      interactionPrespecified: null,
      interactionSubgroups: null,
      ...over,
    },
    study: { id: `study-${id}`, shortName: `Study ${id}`, kind: 'TRIAL_REPORT', allocation: null, enrolled: null, ...study },
    agents: ['pembrolizumab', 'sbrt'],
    subgroups,
  };
}

function pop(key: string, trials: string[], top: FindingFacts[], patients: number | null = null): PopulationRow {
  const weight = Math.max(...top.map((f) => ({ A: 5, B: 4, C: 3, D: 2, E: 1 })[f.finding.level as 'A'] / (f.finding.exploratory ? 2 : 1)));
  return {
    key,
    trials,
    trialNames: trials.map((t) => t.toUpperCase()),
    weight,
    patients,
    forIds: top.filter((f) => f.finding.direction !== 'DOES_NOT_SUPPORT').map((f) => f.finding.id),
    againstIds: top.filter((f) => f.finding.direction === 'DOES_NOT_SUPPORT').map((f) => f.finding.id),
    top,
  };
}

function group(question: string, biomarker: string, populations: PopulationRow[]): PredictiveGroup {
  return {
    question,
    biomarker,
    populations,
    populationCount: populations.length,
    harmonic: harmonicSum(populations.map((p) => p.weight)),
    patients: null,
    supportingCount: populations.reduce((a, p) => a + p.forIds.length, 0),
    contradictingCount: populations.reduce((a, p) => a + p.againstIds.length, 0),
    supportingIds: populations.flatMap((p) => p.forIds).sort(),
    contradictingIds: populations.flatMap((p) => p.againstIds).sort(),
  };
}

const questions = [
  { id: ADD_RT, schedule: 'SEQUENTIAL', trials: ['pembro-rt', 'mdacc', 'keynote-001'] },
  { id: CONSOLIDATION, schedule: 'CONSOLIDATION', trials: ['pacific'] },
];

const PACIFIC_SUBGROUPS = [
  { id: 'tc-ge25', hr: 0.41, ciLow: 0.26, ciHigh: 0.65, population: 'TC ≥25%' },
  { id: 'tc-lt1', hr: 0.73, ciLow: 0.48, ciHigh: 1.11, population: 'TC <1%' },
];

describe('the evidence answer per clinical question', () => {
  const pdl1Rt = group(ADD_RT, 'pd-l1', [pop('trial:pembro-rt', ['pembro-rt'], [facts('pembrort-pdl1', { patients: 47 }, { allocation: 'RANDOMIZED' })], 47)]);
  const pdl1Pacific = group(CONSOLIDATION, 'pd-l1', [
    pop(
      'trial:pacific',
      ['pacific'],
      [
        facts(
          'pacific-pdl1',
          { direction: 'DOES_NOT_SUPPORT', interactionSubgroups: ['tc-ge25', 'tc-lt1'] },
          { allocation: 'RANDOMIZED', kind: 'SUBGROUP_ANALYSIS' },
          PACIFIC_SUBGROUPS,
        ),
      ],
      713,
    ),
  ]);
  const tmb = group(ADD_RT, 'tmb', [pop('trial:pembro-rt', ['pembro-rt'], [facts('huang-tmb', { exploratory: true }, { kind: 'TRANSLATIONAL' })])]);

  it('answers each question apart, and another question’s evidence neither supports nor contests', () => {
    // What the database lists per biomarker of a question: its predictive findings answering other questions.
    const indirect = [
      { question: ADD_RT, biomarker: 'pd-l1', ids: ['pacific-pdl1'], count: 1 },
      { question: CONSOLIDATION, biomarker: 'pd-l1', ids: ['pembrort-pdl1'], count: 1 },
    ];
    const answers = answerQuestions({ questions, predictive: [pdl1Rt, pdl1Pacific, tmb], other: [], indirect, cap: 10 });
    expect(answers.map((a) => a.question)).toEqual([ADD_RT, CONSOLIDATION].sort());
    const rt = answers.find((a) => a.question === ADD_RT)!;
    const line = rt.lines.find((l) => l.biomarker === 'pd-l1')!;
    expect(line.verdict).toBe('PREDICTIVE');
    expect(line.contradicting).toEqual([]);
    expect(line.indirect).toEqual(['pacific-pdl1']);
    expect(line.indirectCount).toBe(1);
    expect(line.populations.map((p) => p.key)).toEqual(['trial:pembro-rt']);
    const pacific = answers.find((a) => a.question === CONSOLIDATION)!.lines[0]!;
    expect(pacific.verdict).toBe('NOT_PREDICTIVE');
    expect(pacific.populations[0]!.interaction?.ratio).toBeCloseTo(0.56164, 4);
  });

  it('ranks a randomised trial’s biomarker above a translational reanalysis of its samples, without a tie', () => {
    const rt = answerQuestions({ questions, predictive: [pdl1Rt, tmb], other: [], indirect: [], cap: 10 }).find((a) => a.question === ADD_RT)!;
    expect(rt.lines.map((l) => [l.biomarker, l.rank])).toEqual([
      ['pd-l1', 1],
      ['tmb', 2],
    ]);
    // Both are VERY_LOW (GRADE's floor), but the randomised contrast started higher and stays above.
    expect(rt.lines.map((l) => l.certainty?.level)).toEqual(['VERY_LOW', 'VERY_LOW']);
    expect(rt.lines[0]!.components.certainty).toBeGreaterThan(rt.lines[1]!.components.certainty);
  });

  it('shares a rank only when every component is equal', () => {
    const twin = group(ADD_RT, 'wnt', [pop('trial:pembro-rt', ['pembro-rt'], [facts('huang-wnt', { exploratory: true }, { kind: 'TRANSLATIONAL' })])]);
    const rt = answerQuestions({ questions, predictive: [tmb, twin], other: [], indirect: [], cap: 10 })[0]!;
    expect(rt.lines.map((l) => l.rank)).toEqual([1, 1]);
    expect(rt.lines[0]!.components).toEqual(rt.lines[1]!.components);
  });

  it('lets weights reorder the components', () => {
    // Two small replicated populations against one randomised trial: replication wins only when weighted up.
    const replicated = group(ADD_RT, 'ctdna', [
      pop('study:a', [], [facts('a', { level: 'C' })]),
      pop('study:b', [], [facts('b', { level: 'C' })]),
      pop('study:c', [], [facts('c', { level: 'C' })]),
    ]);
    const compared = group(ADD_RT, 'pd-l1', [
      pop(
        'trial:pembro-rt',
        ['pembro-rt'],
        [facts('pembrort-pdl1', { interactionSubgroups: ['tc-ge25', 'tc-lt1'], interactionPrespecified: true }, { allocation: 'RANDOMIZED' }, PACIFIC_SUBGROUPS)],
        300,
      ),
    ]);
    const first = (w?: { certainty: number; modification: number; replication: number }) =>
      answerQuestions({ questions, predictive: [compared, replicated], other: [], indirect: [], weights: w, cap: 10 })[0]!.lines[0]!.biomarker;
    expect(first()).toBe('pd-l1');
    expect(first({ certainty: 0, modification: 0, replication: 1 })).toBe('ctdna');
  });

  it('merges a pooled reanalysis with the trials it pools into one population', () => {
    const rows = [
      pop('trial:pembro-rt', ['pembro-rt'], [facts('p1')]),
      pop('trial:mdacc+pembro-rt', ['mdacc', 'pembro-rt'], [facts('p2')]),
      pop('trial:mdacc', ['mdacc'], [facts('p3')]),
      pop('study:other', [], [facts('p4')]),
    ];
    expect(mergePopulations(rows).map((g) => g.map((r) => r.key).sort())).toEqual([['trial:mdacc', 'trial:mdacc+pembro-rt', 'trial:pembro-rt'], ['study:other']]);
    const line = answerQuestions({ questions, predictive: [group(ADD_RT, 'x', rows)], other: [], indirect: [], cap: 10 })[0]!.lines[0]!;
    expect(line.populationCount).toBe(2);
    expect(line.openTrials).toEqual(['keynote-001']);
  });

  it('pools interactions of independent populations by REML with Hartung–Knapp and names the method', () => {
    const trial = (id: string, hrs: [number, number, number, number, number, number]) =>
      pop(
        `trial:${id}`,
        [id],
        [
          facts(`${id}-f`, { interactionSubgroups: [`${id}-a`, `${id}-b`] }, { allocation: 'RANDOMIZED' }, [
            { id: `${id}-a`, hr: hrs[0], ciLow: hrs[1], ciHigh: hrs[2], population: 'high' },
            { id: `${id}-b`, hr: hrs[3], ciLow: hrs[4], ciHigh: hrs[5], population: 'low' },
          ]),
        ],
        300,
      );
    const g = group(ADD_RT, 'x', [trial('t1', [0.41, 0.26, 0.65, 0.73, 0.48, 1.11]), trial('t2', [0.5, 0.3, 0.83, 0.9, 0.6, 1.35])]);
    const line = answerQuestions({ questions, predictive: [g], other: [], indirect: [], cap: 10 })[0]!.lines[0]!;
    expect(line.pooled).toMatchObject({ method: 'REML', ciMethod: 'HARTUNG_KNAPP', k: 2 });
    expect(line.certainty?.start).toBe('HIGH');
    expect(line.components.modification).toBeGreaterThan(0);
  });
});

const base: PopulationFacts = {
  label: 'PACIFIC',
  randomised: true,
  trial: true,
  studyKind: 'TRIAL_REPORT',
  supports: true,
  exploratory: false,
  prespecified: true,
  interaction: { basis: 'STATED', ratio: 0.5, ciLow: 0.3, ciHigh: 0.8, se: 0.25, z: -2.8, pComputed: 0.005, pStated: null, subgroups: null },
  patients: 700,
  agents: 'durvalumab',
  scheduleDiffers: false,
  weight: 5,
};

describe('certainty, GRADE-style', () => {
  it('starts HIGH for a randomised within-trial comparison and rates down a single population once, saying why', () => {
    const c = rateCertainty([base], null)!;
    expect(c.start).toBe('HIGH');
    expect(c.level).toBe('MODERATE');
    expect(c.judgements.find((j) => j.domain === 'REPLICATION')).toMatchObject({ change: -1, reason: 'a single population: not replicated' });
  });

  it('rates down for post hoc subsets, a CI including 1, few patients and disagreement', () => {
    const weak: PopulationFacts = {
      ...base,
      label: 'B',
      prespecified: null,
      studyKind: 'TRANSLATIONAL',
      interaction: { ...base.interaction!, ciLow: 0.4, ciHigh: 1.2 },
      patients: 40,
      supports: false,
    };
    const c = rateCertainty([base, weak], null)!;
    const change = Object.fromEntries(c.judgements.map((j) => [j.domain, j.change]));
    expect(change).toMatchObject({ INCONSISTENCY: -1, REPLICATION: 0 });
    const lone = rateCertainty([{ ...weak, weight: 9 }], null)!;
    const loneChange = Object.fromEntries(lone.judgements.map((j) => [j.domain, j.change]));
    expect(loneChange).toMatchObject({ RISK_OF_BIAS: -2, IMPRECISION: -2 });
    expect(lone.level).toBe('VERY_LOW');
    expect(lone.judgements.find((j) => j.domain === 'IMPRECISION')?.reason).toMatch(/includes 1.*40 patients/);
  });

  it('starts LOW without randomisation', () => {
    expect(rateCertainty([{ ...base, randomised: false }], null)?.start).toBe('LOW');
    expect(rateCertainty([], null)).toBeNull();
  });
});

describe('the Simon–Paik–Hayes level', () => {
  it('is I for a pre-specified randomised analysis, II for one post hoc, IV for a non-randomised trial, V for a cohort', () => {
    expect(simonPaikHayes([base])?.level).toBe('I');
    expect(simonPaikHayes([{ ...base, prespecified: null }])?.level).toBe('II');
    expect(
      simonPaikHayes([
        { ...base, prespecified: null },
        { ...base, label: 'B', prespecified: false },
      ])?.level,
    ).toBe('I');
    expect(simonPaikHayes([{ ...base, randomised: false }])?.level).toBe('IV');
    expect(simonPaikHayes([{ ...base, randomised: false, trial: false }])).toMatchObject({ level: 'V', category: 'D' });
  });
});
