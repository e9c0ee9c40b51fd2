/**
 * The clinical question a finding answers, derived from its arms, therapies, schedules, disease
 * and endpoint, on the shapes the seed holds (PEMBRO-RT, PACIFIC, Spurr's timing contrast).
 */
import { describe, expect, it } from 'vitest';
import { type ArmFacts, deriveQuestion, parseQuestionId, questionId, questionLabel, settingOf, type TherapyFacts } from '../../src/analysis/questions.js';

const therapy = (id: string, roots: string[], kind = 'DRUG', regimen: string | null = null): TherapyFacts => ({ id, kind, regimen, roots });
const SBRT = therapy('sbrt', ['radiotherapy'], 'RADIOTHERAPY');
const PEMBRO = therapy('pembrolizumab', ['immune-checkpoint-blockade']);
const DURVA = therapy('durvalumab', ['immune-checkpoint-blockade']);
const CRT = therapy('chemoradiotherapy', ['chemotherapy', 'radiotherapy'], 'REGIMEN', 'chemoradiotherapy');
const PLACEBO = therapy('placebo', ['placebo'], 'PLACEBO');
const arm = (id: string, role: string | null, schedule: ArmFacts['schedule'], therapies: TherapyFacts[]): ArmFacts => ({ id, role, schedule, therapies });
const METASTATIC = [['metastatic-nsclc', 'advanced-nsclc', 'nsclc']];
const STAGE_III = [['stage-iii-nsclc', 'nsclc']];

describe('the clinical question a finding answers', () => {
  it('is "adding radiotherapy to checkpoint blockade" for SBRT then pembrolizumab vs pembrolizumab, in the advanced stage group', () => {
    const q = deriveQuestion({
      arms: [arm('pembro', 'CONTROL', 'MONOTHERAPY', [PEMBRO]), arm('sbrt-pembro', 'EXPERIMENTAL', 'SEQUENTIAL', [SBRT, PEMBRO])],
      therapies: [],
      schedule: 'SEQUENTIAL',
      diseasePaths: METASTATIC,
      endpoint: 'PFS',
    });
    expect(q).toMatchObject({ kind: 'ADD', setting: 'advanced-nsclc', added: ['radiotherapy'], base: ['immune-checkpoint-blockade'], schedule: 'SEQUENTIAL', endpoint: 'PFS' });
  });

  it('is consolidation checkpoint blockade after chemoradiotherapy for PACIFIC, placebo adding nothing', () => {
    const q = deriveQuestion({
      arms: [arm('placebo', 'CONTROL', 'CONSOLIDATION', [CRT, PLACEBO]), arm('durva', 'EXPERIMENTAL', 'CONSOLIDATION', [CRT, DURVA])],
      therapies: [],
      schedule: null,
      diseasePaths: STAGE_III,
      endpoint: 'OS',
    });
    expect(q).toMatchObject({ kind: 'ADD', setting: 'stage-iii-nsclc', added: ['immune-checkpoint-blockade'], base: ['chemoradiotherapy'], schedule: 'CONSOLIDATION' });
    expect(questionLabel(q, (id) => id)).toBe('Immune-checkpoint-blockade as consolidation after chemoradiotherapy — stage-iii-nsclc — OS');
  });

  it('tells the experimental arm by its classes when both arms are subgroups', () => {
    const q = deriveQuestion({
      arms: [arm('without', 'SUBGROUP', 'MONOTHERAPY', [CRT]), arm('with', 'SUBGROUP', 'CONSOLIDATION', [CRT, DURVA])],
      therapies: [],
      schedule: null,
      diseasePaths: STAGE_III,
      endpoint: null,
    });
    expect(q).toMatchObject({ kind: 'ADD', added: ['immune-checkpoint-blockade'], base: ['chemoradiotherapy'], schedule: 'CONSOLIDATION', endpoint: null });
  });

  it('is a timing question for concurrent vs sequential RT + ICB (Spurr)', () => {
    const q = deriveQuestion({
      arms: [arm('conc', 'EXPERIMENTAL', 'CONCURRENT', [SBRT, PEMBRO]), arm('seq', 'CONTROL', 'SEQUENTIAL', [SBRT, PEMBRO])],
      therapies: [],
      schedule: 'CONCURRENT',
      diseasePaths: METASTATIC,
      endpoint: 'OS',
    });
    expect(q).toMatchObject({ kind: 'TIMING', added: ['immune-checkpoint-blockade', 'radiotherapy'], schedule: 'CONCURRENT', versus: 'SEQUENTIAL' });
  });

  it('has no contrast for one arm, nor for biomarker subgroups treated alike', () => {
    const single = deriveQuestion({ arms: [arm('a', 'SINGLE_ARM', 'CONCURRENT', [SBRT, PEMBRO])], therapies: [], schedule: null, diseasePaths: METASTATIC, endpoint: 'ORR' });
    expect(single).toMatchObject({ kind: 'NONE', schedule: 'CONCURRENT', endpoint: 'ORR' });
    const alike = deriveQuestion({
      arms: [arm('mut', 'SUBGROUP', 'CONSOLIDATION', [CRT, DURVA]), arm('wt', 'SUBGROUP', 'CONSOLIDATION', [CRT, DURVA])],
      therapies: [],
      schedule: null,
      diseasePaths: STAGE_III,
      endpoint: 'PFS',
    });
    expect(alike.kind).toBe('NONE');
    const noArms = deriveQuestion({ arms: [], therapies: [SBRT], schedule: null, diseasePaths: METASTATIC, endpoint: null });
    expect(noArms).toMatchObject({ kind: 'NONE', added: ['radiotherapy'], schedule: null });
  });

  it('puts a disease in the stage group just below the root', () => {
    expect(settingOf(METASTATIC)).toBe('advanced-nsclc');
    expect(settingOf([['nsclc']])).toBe('nsclc');
    expect(settingOf([])).toBeNull();
  });

  it('round-trips its id, and refuses what is not one', () => {
    const q = deriveQuestion({ arms: [], therapies: [SBRT, PEMBRO], schedule: 'MIXED', diseasePaths: METASTATIC, endpoint: 'PFS' });
    expect(parseQuestionId(q.id)).toEqual(q);
    expect(questionId(q)).toBe(q.id);
    expect(parseQuestionId('ADD~x')).toBeNull();
    expect(parseQuestionId('MAYBE~a~b~c~d~e~f')).toBeNull();
  });
});
