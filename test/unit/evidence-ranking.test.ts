import { describe, expect, it } from 'vitest';
import { parseEntity, type Finding } from '../../src/db/entities.js';
import { rankBiomarkers, type EvidenceInput } from '../../src/evidence/rank.js';

// Entities as the database layer parses them; only the properties a test varies are spelled out there.
const finding = (id: string, props: Record<string, unknown>): Finding =>
  parseEntity('Finding', {
    id,
    statement: id,
    biomarkerState: 'high',
    significance: 'BENEFIT',
    level: 'B',
    exploratory: true,
    direction: 'SUPPORTS',
    ...props,
  });
const row = (biomarker: string, f: Finding, study = 's1', trials: string[] = [], enrolled?: number): EvidenceInput => ({
  biomarker: parseEntity('Biomarker', { id: biomarker, name: biomarker, kind: 'GENOMIC' }),
  finding: f,
  study: parseEntity('Study', { id: study, shortName: study, kind: 'COHORT', summary: study, ...(enrolled === undefined ? {} : { enrolled }) }),
  trials,
});

describe('the biomarker evidence ranking', () => {
  it('ranks a biomarker with predictive support above one with only prognostic findings', () => {
    const ranked = rankBiomarkers([
      row('prognostic-only', finding('f1', { type: 'PROGNOSTIC', level: 'A', exploratory: false })),
      row('predictive', finding('f2', { type: 'PREDICTIVE' })),
    ]);
    expect(ranked.map((r) => [r.biomarker.id, r.verdict, r.rank])).toEqual([
      ['predictive', 'PREDICTIVE', 1],
      ['prognostic-only', 'NO_PREDICTIVE_EVIDENCE', 2],
    ]);
    expect(ranked[1]?.other).toEqual(['f1']);
  });

  it('subtracts findings that saw no interaction and calls the result contested', () => {
    const [r] = rankBiomarkers([
      row('pd-l1', finding('a', { type: 'PREDICTIVE', level: 'B', exploratory: false })),
      row('pd-l1', finding('b', { type: 'PREDICTIVE', direction: 'DOES_NOT_SUPPORT', level: 'B', exploratory: true })),
    ]);
    expect(r?.score).toBe(4 - 2);
    expect(r?.verdict).toBe('PREDICTIVE_CONTESTED');
    expect(r?.contradicting).toEqual(['b']);
  });

  it('halves exploratory findings and weighs levels A to E as 5 to 1', () => {
    const ranked = rankBiomarkers([
      row('x', finding('x1', { type: 'PREDICTIVE', level: 'A', exploratory: true })),
      row('y', finding('y1', { type: 'PREDICTIVE', level: 'C', exploratory: false })),
    ]);
    expect(ranked.map((r) => [r.biomarker.id, r.score])).toEqual([
      ['y', 3],
      ['x', 2.5],
    ]);
  });

  it('counts the patients of two analyses of one trial once', () => {
    const [r] = rankBiomarkers([
      row('tmb', finding('f1', { type: 'PREDICTIVE', patients: 72 }), 'huang', ['pembro-rt']),
      row('tmb', finding('f2', { type: 'PREDICTIVE' }), 'theelen', ['pembro-rt'], 76),
      row('tmb', finding('f3', { type: 'PREDICTIVE' }), 'other', [], 20),
    ]);
    expect(r?.patients).toBe(76 + 20);
    expect(r?.studies).toEqual(['huang', 'theelen', 'other']);
  });

  it('leaves patients empty when no source gives a number', () => {
    const [r] = rankBiomarkers([row('m', finding('f', { type: 'PREDICTIVE' }))]);
    expect(r?.patients).toBeNull();
  });

  it('counts two findings of one population once, so one study cannot outvote two', () => {
    const ranked = rankBiomarkers([
      row('one-study', finding('h', { type: 'PREDICTIVE', biomarkerState: 'high' }), 'spurr'),
      row('one-study', finding('l', { type: 'PREDICTIVE', biomarkerState: 'low', significance: 'NO_BENEFIT' }), 'spurr'),
      row('two-trials', finding('a', { type: 'PREDICTIVE' }), 'huang', ['pembro-rt']),
      row('two-trials', finding('b', { type: 'PREDICTIVE' }), 'pacific', ['pacific']),
    ]);
    expect(ranked.map((r) => [r.biomarker.id, r.score, r.populations, r.rank])).toEqual([
      ['two-trials', 4, 2, 1],
      ['one-study', 2, 1, 2],
    ]);
  });

  it('lets biomarkers equal under the rule share a rank, and puts uncontested before contested', () => {
    const ranked = rankBiomarkers([
      row('zeta', finding('z', { type: 'PREDICTIVE' }), 'a'),
      row('alpha', finding('x', { type: 'PREDICTIVE' }), 'b', [], 500),
      row('contested', finding('c1', { type: 'PREDICTIVE' }), 'c'),
      row('contested', finding('c2', { type: 'PREDICTIVE' }), 'd'),
      row('contested', finding('c3', { type: 'PREDICTIVE', direction: 'DOES_NOT_SUPPORT' }), 'e'),
    ]);
    expect(ranked.map((r) => [r.biomarker.id, r.score, r.verdict, r.rank])).toEqual([
      ['alpha', 2, 'PREDICTIVE', 1],
      ['zeta', 2, 'PREDICTIVE', 1],
      ['contested', 2, 'PREDICTIVE_CONTESTED', 3],
    ]);
  });

  it('counts patients of the predictive findings only, not of prognostic cohorts', () => {
    const [r] = rankBiomarkers([
      row('pd-l1', finding('p', { type: 'PREDICTIVE' }), 'pembro', ['pembro-rt'], 76),
      row('pd-l1', finding('q', { type: 'PROGNOSTIC' }), 'real-world', [], 1399),
    ]);
    expect(r?.patients).toBe(76);
  });
});
