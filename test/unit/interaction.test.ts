/**
 * The treatment × biomarker interaction from two subgroup HRs, checked against a hand calculation
 * on PACIFIC's PD-L1 subgroups (Paz-Ares et al., Ann Oncol 2020: PFS, durvalumab vs placebo,
 * TC ≥25% HR 0.41 (0.26–0.65), TC <1% HR 0.73 (0.48–1.11)):
 *   ratio = 0.41 / 0.73 = 0.56164
 *   SE_a = (ln 0.65 − ln 0.26) / (2 × 1.959964) = 0.91629 / 3.91993 = 0.23375
 *   SE_b = (ln 1.11 − ln 0.48) / 3.91993 = 0.83833 / 3.91993 = 0.21386
 *   SE = √(0.23375² + 0.21386²) = 0.31683
 *   95% CI = exp(ln 0.56164 ± 1.959964 × 0.31683) = 0.3019 – 1.0451
 *   z = ln 0.56164 / 0.31683 = −1.8209, two-sided p = 0.0686
 */
import { describe, expect, it } from 'vitest';
import { excludesNoEffect, interactionOf, normalCdf, ratioOfHrs, statedBelow } from '../../src/analysis/interaction.js';

const HIGH = { id: 'tc-ge25-pfs', hr: 0.41, ciLow: 0.26, ciHigh: 0.65, population: 'PD-L1 TC ≥25%' };
const NEGATIVE = { id: 'tc-lt1-pfs', hr: 0.73, ciLow: 0.48, ciHigh: 1.11, population: 'PD-L1 TC <1%' };

describe('the ratio of two subgroup hazard ratios', () => {
  it('matches the hand calculation on the PACIFIC PD-L1 subgroups', () => {
    const e = ratioOfHrs(HIGH, NEGATIVE);
    expect(e.basis).toBe('COMPUTED');
    expect(e.ratio).toBeCloseTo(0.56164, 4);
    expect(e.se).toBeCloseTo(0.31683, 4);
    expect(e.ciLow).toBeCloseTo(0.3019, 3);
    expect(e.ciHigh).toBeCloseTo(1.0451, 3);
    expect(e.z).toBeCloseTo(-1.8209, 3);
    expect(e.pComputed).toBeCloseTo(0.0686, 3);
    expect(excludesNoEffect(e)).toBe(false);
  });

  it('inverts when the subgroups are swapped', () => {
    const a = ratioOfHrs(HIGH, NEGATIVE);
    const b = ratioOfHrs(NEGATIVE, HIGH);
    expect((a.ratio ?? 0) * (b.ratio ?? 0)).toBeCloseTo(1, 10);
    expect(b.se).toBeCloseTo(a.se ?? 0, 12);
  });

  it('prefers a ratio the source states, keeping the subgroups and the stated p beside it', () => {
    const e = interactionOf({ hr: 0.5, ciLow: 0.3, ciHigh: 0.9, p: '0.02' }, [HIGH, NEGATIVE]);
    expect(e?.basis).toBe('STATED');
    expect(e?.ratio).toBe(0.5);
    expect(e?.pStated).toBe('0.02');
    expect(e?.subgroups?.[0].id).toBe('tc-ge25-pfs');
    expect(excludesNoEffect(e!)).toBe(true);
  });

  it('shows a stated p for interaction alone when no figures are printed', () => {
    const e = interactionOf({ hr: null, ciLow: null, ciHigh: null, p: '<0.001' }, null);
    expect(e).toMatchObject({ basis: 'STATED_P', ratio: null, pStated: '<0.001' });
    expect(excludesNoEffect(e!)).toBe(true);
    expect(interactionOf(null, null)).toBeNull();
  });

  it('refuses a CI whose bounds are not 0 < lower < upper, naming them', () => {
    expect(() => ratioOfHrs({ ...HIGH, ciLow: 0.7, ciHigh: 0.5 }, NEGATIVE)).toThrow(/0 < lower < upper \(got 0.7–0.5\)/);
  });

  it('reads printed p-values the way a reader does', () => {
    expect(statedBelow('<0.001', 0.05)).toBe(true);
    expect(statedBelow('0.07', 0.05)).toBe(false);
    expect(statedBelow('>0.05', 0.05)).toBe(false);
    expect(statedBelow('.04', 0.05)).toBe(true);
  });

  it('has a normal CDF accurate to the tables', () => {
    expect(normalCdf(1.959964)).toBeCloseTo(0.975, 6);
    expect(normalCdf(-1)).toBeCloseTo(0.158655, 6);
    expect(normalCdf(0)).toBeCloseTo(0.5, 7);
  });
});
