/**
 * DerSimonian–Laird pooling checked against a published worked example: the BCG vaccine trials
 * (Colditz et al., JAMA 1994; the `dat.bcg` data set of the R package metafor), pooled as log
 * risk ratios. Reference values are the ones metafor's own test suite checks against Stata's
 * `metan ..., randomi rr` (metafor, tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r,
 * "RE model w/ DL estimator, measure='RR'"): estimate −0.7141, 95% CI −1.0644 to −0.3638,
 * τ² 0.3088, I² 92.1173%; as a risk ratio 0.4896 (0.3449 to 0.6950); Q 152.2330.
 */
import { describe, expect, it } from 'vitest';
import { dersimonianLaird, logRatioEffect, poolRatios, Z_975, type Effect } from '../../src/analysis/meta-analysis.js';

// trial: tpos, tneg (vaccinated), cpos, cneg (control) — dat.bcg, 13 trials.
const BCG: [number, number, number, number][] = [
  [4, 119, 11, 128],
  [6, 300, 29, 274],
  [3, 228, 11, 209],
  [62, 13536, 248, 12619],
  [33, 5036, 47, 5761],
  [180, 1361, 372, 1079],
  [8, 2537, 10, 619],
  [505, 87886, 499, 87892],
  [29, 7470, 45, 7232],
  [17, 1699, 65, 1600],
  [186, 50448, 141, 27197],
  [5, 2493, 3, 2338],
  [27, 16886, 29, 17825],
];

/** Log risk ratio and its variance, as metafor's escalc(measure = "RR") computes them. */
const logRR = ([a, b, c, d]: [number, number, number, number]): Effect => ({
  y: Math.log(a / (a + b) / (c / (c + d))),
  v: 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d),
});

describe('DerSimonian–Laird random-effects pooling', () => {
  it('reproduces the published BCG worked example (estimate, CI, τ², I², Q)', () => {
    const p = dersimonianLaird(BCG.map(logRR));
    expect(p.k).toBe(13);
    expect(p.estimate).toBeCloseTo(-0.7141, 4);
    expect(p.ciLow).toBeCloseTo(-1.0644, 4);
    expect(p.ciHigh).toBeCloseTo(-0.3638, 4);
    expect(p.tau2).toBeCloseTo(0.3088, 4);
    expect(p.i2).toBeCloseTo(92.1173, 3);
    expect(p.q).toBeCloseTo(152.233, 3);
  });

  it('gives the same answer from ratios with 95% CIs as from log effects with variances', () => {
    const ratios = BCG.map(logRR).map((e) => ({
      ratio: Math.exp(e.y),
      ciLow: Math.exp(e.y - Z_975 * Math.sqrt(e.v)),
      ciHigh: Math.exp(e.y + Z_975 * Math.sqrt(e.v)),
    }));
    const p = poolRatios(ratios);
    expect(p.ratio).toBeCloseTo(0.4896, 4);
    expect(p.ciLow).toBeCloseTo(0.3449, 4);
    expect(p.ciHigh).toBeCloseTo(0.695, 4);
    expect(p.tau2).toBeCloseTo(0.3088, 4);
  });

  it('recovers the standard error of a log HR from its 95% CI', () => {
    // HR 0.73 (0.48–1.11): SE = (ln 1.11 − ln 0.48) / 3.919928
    const e = logRatioEffect({ ratio: 0.73, ciLow: 0.48, ciHigh: 1.11 });
    expect(Math.sqrt(e.v)).toBeCloseTo((Math.log(1.11) - Math.log(0.48)) / 3.919928, 6);
    expect(e.y).toBeCloseTo(Math.log(0.73), 10);
  });

  it('sets τ² to zero and I² to zero when the estimates agree more than chance allows', () => {
    const p = dersimonianLaird([
      { y: 0.1, v: 0.04 },
      { y: 0.1, v: 0.09 },
    ]);
    expect(p.tau2).toBe(0);
    expect(p.i2).toBe(0);
    expect(p.estimate).toBeCloseTo(0.1, 10);
  });

  it('refuses to pool fewer than two estimates or a CI that is not a CI', () => {
    expect(() => dersimonianLaird([{ y: 0, v: 1 }])).toThrow(/at least two/);
    expect(() => logRatioEffect({ ratio: 0.7, ciLow: 0.9, ciHigh: 0.5 })).toThrow(/lower < upper/);
  });
});
