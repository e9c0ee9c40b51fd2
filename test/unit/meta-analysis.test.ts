/**
 * Pooling checked against published worked examples: the BCG vaccine trials (Colditz et al.,
 * JAMA 1994;271(9):698–702; the `dat.bcg` data set that the R package metafor uses throughout
 * its documentation), pooled as log risk ratios computed here from the 2×2 counts as
 * escalc(measure = "RR") does. Every expected value is one metafor printed, compared at the
 * precision it was printed with (toBeCloseTo(x, d): within half a unit of the last printed digit).
 * Where each figure was printed: test/fixtures/bcg.ts ([RMA], [KNHA], [PRED], [METAN]).
 */
import { describe, expect, it } from 'vitest';
import {
  chiSquareUpperTail,
  dersimonianLaird,
  type Effect,
  logGamma,
  logRatioEffect,
  pool,
  poolLogEffects,
  poolRatios,
  tQuantile,
  tUpperTail,
  Z_975,
} from '../../src/analysis/meta-analysis.js';
import { BCG, expectPrinted, METAFOR } from '../fixtures/bcg.js';

/** Log risk ratio and its variance, as metafor's escalc(measure = "RR") computes them. */
const logRR = ([a, b, c, d]: [number, number, number, number]): Effect => ({
  y: Math.log(a / (a + b) / (c / (c + d))),
  v: 1 / a - 1 / (a + b) + 1 / c - 1 / (c + d),
});
const bcg = BCG.map(logRR);

describe('REML random-effects pooling (the default)', () => {
  it('reproduces metafor’s REML fit of the BCG trials: estimate, SE, normal CI, τ² and its SE, I², H², Q [RMA]', () => {
    const p = pool(bcg, { ci: 'NORMAL' });
    expect(p.method).toBe('REML');
    expect(p.ciMethod).toBe('NORMAL');
    expect(p.k).toBe(13);
    expectPrinted(p.estimate, METAFOR.reml.estimate);
    expectPrinted(p.se, METAFOR.reml.se);
    expectPrinted(p.ciLow, METAFOR.reml.ciLow);
    expectPrinted(p.ciHigh, METAFOR.reml.ciHigh);
    expectPrinted(p.tau2, METAFOR.reml.tau2);
    expectPrinted(p.tau2Se, METAFOR.reml.tau2Se);
    expectPrinted(p.i2, METAFOR.reml.i2);
    expectPrinted(p.h2, METAFOR.reml.h2);
    expectPrinted(p.q, METAFOR.reml.q);
    expect(p.qDf).toBe(METAFOR.reml.qDf);
    expect(p.qP).toBeLessThan(0.0001);
  });

  it('defaults to Hartung–Knapp and reproduces metafor’s test="knha" SE and CI [KNHA]', () => {
    const p = pool(bcg);
    expect(p.method).toBe('REML');
    expect(p.ciMethod).toBe('HARTUNG_KNAPP');
    expectPrinted(p.estimate, METAFOR.reml.estimate);
    expectPrinted(p.se, METAFOR.knha.se);
    expectPrinted(p.ciLow, METAFOR.knha.ciLow);
    expectPrinted(p.ciHigh, METAFOR.knha.ciHigh);
    // τ², I² and Q do not depend on the CI method (the same block is printed under test="knha").
    expectPrinted(p.tau2, METAFOR.reml.tau2);
    expectPrinted(p.i2, METAFOR.reml.i2);
  });

  it('gives the Hartung–Knapp prediction interval metafor prints, back on the risk-ratio scale [KNHA]', () => {
    const p = pool(bcg);
    expectPrinted(Math.exp(p.estimate), METAFOR.knha.exp.pred);
    expectPrinted(Math.exp(p.ciLow), METAFOR.knha.exp.ciLow);
    expectPrinted(Math.exp(p.ciHigh), METAFOR.knha.exp.ciHigh);
    expectPrinted(Math.exp(p.predictionLow!), METAFOR.knha.exp.piLow);
    expectPrinted(Math.exp(p.predictionHigh!), METAFOR.knha.exp.piHigh);
  });

  it('gives the normal-theory prediction interval metafor prints [PRED]', () => {
    const p = pool(bcg, { ci: 'NORMAL' });
    expectPrinted(p.predictionLow, METAFOR.pred.piLow);
    expectPrinted(p.predictionHigh, METAFOR.pred.piHigh);
    expect(p.predictionHigh! - p.predictionLow!).toBeGreaterThan(p.ciHigh - p.ciLow);
  });

  it('takes τ² = 0, I² = 0 and H² = 1 when the estimates agree more than chance allows', () => {
    const p = pool([
      { y: 0.1, v: 0.04 },
      { y: 0.3, v: 0.09 },
      { y: 0.2, v: 0.05 },
    ]);
    expect(p.tau2).toBe(0);
    expect(p.i2).toBe(0);
    expect(p.h2).toBe(1);
    expect(p.q).toBeLessThan(p.qDf);
    expect(p.qP).toBeGreaterThan(0.5);
  });
});

describe('DerSimonian–Laird pooling (method DL)', () => {
  it('reproduces the DL fit metafor checks against Stata’s metan [METAN]', () => {
    const p = pool(bcg, { method: 'DL', ci: 'NORMAL' });
    expect(p.method).toBe('DL');
    expectPrinted(p.estimate, METAFOR.dl.estimate);
    expectPrinted(p.ciLow, METAFOR.dl.ciLow);
    expectPrinted(p.ciHigh, METAFOR.dl.ciHigh);
    expectPrinted(p.tau2, METAFOR.dl.tau2);
    expectPrinted(p.i2, METAFOR.dl.i2);
    // Q is computed with τ² = 0 (fixed-effect weights), so DL's Q is the one printed under [RMA].
    expectPrinted(p.q, METAFOR.reml.q);
    // For DL, metafor's I² equals Higgins & Thompson's (Q − df) / Q.
    expect(p.i2).toBeCloseTo((100 * (p.q - p.qDf)) / p.q, 10);
  });

  it('keeps dersimonianLaird as DL with a normal CI, and REML’s I² is not (Q − df) / Q', () => {
    expect(dersimonianLaird(bcg)).toEqual(pool(bcg, { method: 'DL', ci: 'NORMAL' }));
    const reml = pool(bcg);
    expect(Math.abs(reml.i2! - (100 * (reml.q - reml.qDf)) / reml.q)).toBeGreaterThan(0.05);
  });

  it('gives the same answer from ratios with 95% CIs as from log effects with variances [METAN]', () => {
    const ratios = bcg.map((e) => ({
      ratio: Math.exp(e.y),
      ciLow: Math.exp(e.y - Z_975 * Math.sqrt(e.v)),
      ciHigh: Math.exp(e.y + Z_975 * Math.sqrt(e.v)),
    }));
    const p = poolRatios(ratios, { method: 'DL', ci: 'NORMAL' });
    expectPrinted(p.ratio, METAFOR.dl.ratio.pred);
    expectPrinted(p.ciLow, METAFOR.dl.ratio.ciLow);
    expectPrinted(p.ciHigh, METAFOR.dl.ratio.ciHigh);
    expectPrinted(p.tau2, METAFOR.dl.tau2);
    // With no options, ratios are pooled by REML with a Hartung–Knapp CI [KNHA].
    const d = poolRatios(ratios);
    expect([d.method, d.ciMethod]).toEqual(['REML', 'HARTUNG_KNAPP']);
    expectPrinted(d.predictionLow, METAFOR.knha.exp.piLow);
    expectPrinted(d.predictionHigh, METAFOR.knha.exp.piHigh);
  });
});

describe('few estimates', () => {
  it('gives no prediction interval for two estimates, but a Hartung–Knapp CI on 1 df', () => {
    const two = [bcg[0]!, bcg[1]!];
    const p = pool(two);
    expect(p.k).toBe(2);
    expect(p.predictionLow).toBeNull();
    expect(p.predictionHigh).toBeNull();
    // t(0.975, 1) = tan(0.475π) = 12.706: the CI is wide, as it should be with two trials.
    expect(p.ciHigh - p.estimate).toBeCloseTo(Math.tan(0.475 * Math.PI) * p.se, 10);
  });

  it('returns a single estimate as it is, with a normal CI, no prediction interval and no heterogeneity figures', () => {
    const p = pool([bcg[0]!]);
    expect(p.k).toBe(1);
    expect(p.estimate).toBe(bcg[0]!.y);
    expect(p.se).toBeCloseTo(Math.sqrt(bcg[0]!.v), 12);
    expect(p.ciMethod).toBe('NORMAL');
    expect(p.ciLow).toBeCloseTo(bcg[0]!.y - Z_975 * Math.sqrt(bcg[0]!.v), 12);
    expect([p.predictionLow, p.predictionHigh, p.i2, p.h2, p.qP, p.tau2Se]).toEqual([null, null, null, null, null, null]);
  });

  it('pools interaction estimates given as log effects with standard errors', () => {
    const p = poolLogEffects(bcg.map((e) => ({ y: e.y, se: Math.sqrt(e.v) })));
    expectPrinted(p.estimate, METAFOR.reml.estimate);
    expectPrinted(p.se, METAFOR.knha.se);
  });
});

describe('bad input', () => {
  it('names the estimate and the field at fault', () => {
    expect(() => pool([])).toThrow('effects: needs at least one estimate');
    expect(() => pool([bcg[0]!, { y: 0.2, v: 0 }])).toThrow('effects[1].v: must be a positive sampling variance');
    expect(() => pool([{ y: Number.NaN, v: 0.1 }, bcg[0]!])).toThrow('effects[0].y: must be a finite number');
    expect(() => pool([bcg[0]!, { y: Number.POSITIVE_INFINITY, v: 0.1 }])).toThrow('effects[1].y');
    expect(() => poolLogEffects([{ y: 0.1, se: -0.2 }])).toThrow('effects[0].se: must be a positive standard error');
  });

  it('refuses an unknown method, and the old DL entry point still refuses fewer than two estimates', () => {
    expect(() => pool(bcg, { method: 'PM' as never })).toThrow(/options\.method: must be one of REML, DL/);
    expect(() => pool(bcg, { ci: 'WALD' as never })).toThrow(/options\.ci: must be one of HARTUNG_KNAPP, NORMAL/);
    expect(() => dersimonianLaird([{ y: 0, v: 1 }])).toThrow(/at least two/);
  });

  it('refuses a CI that is not a CI, naming which ratio', () => {
    expect(() => logRatioEffect({ ratio: 0.7, ciLow: 0.9, ciHigh: 0.5 })).toThrow(/lower < upper/);
    expect(() =>
      poolRatios([
        { ratio: 0.7, ciLow: 0.5, ciHigh: 0.9 },
        { ratio: 0.7, ciLow: 0, ciHigh: 0.9 },
      ]),
    ).toThrow(/^ratios\[1\]: a ratio needs/);
  });

  it('recovers the standard error of a log HR from its 95% CI', () => {
    // HR 0.73 (0.48–1.11): SE = (ln 1.11 − ln 0.48) / 3.919928
    const e = logRatioEffect({ ratio: 0.73, ciLow: 0.48, ciHigh: 1.11 });
    expect(Math.sqrt(e.v)).toBeCloseTo((Math.log(1.11) - Math.log(0.48)) / 3.919928, 6);
    expect(e.y).toBeCloseTo(Math.log(0.73), 10);
  });
});

describe('the t and χ² distribution functions', () => {
  it('match the closed forms: t with 1 df (Cauchy) and 2 df, χ² with 2 and 4 df', () => {
    for (const p of [0.6, 0.9, 0.975, 0.995]) {
      expect(tQuantile(p, 1)).toBeCloseTo(Math.tan(Math.PI * (p - 0.5)), 9);
      expect(tQuantile(p, 2)).toBeCloseTo((2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
      expect(tQuantile(1 - p, 2)).toBeCloseTo(-(2 * p - 1) / Math.sqrt(2 * p * (1 - p)), 9);
    }
    for (const t of [-3, -0.5, 0, 0.7, 4, 40]) {
      expect(tUpperTail(t, 1)).toBeCloseTo(0.5 - Math.atan(t) / Math.PI, 13);
      expect(tUpperTail(t, 2)).toBeCloseTo(0.5 - t / (2 * Math.sqrt(2 + t * t)), 13);
    }
    for (const x of [0.01, 1, 5, 30, 152.233]) {
      expect(chiSquareUpperTail(x, 2) / Math.exp(-x / 2)).toBeCloseTo(1, 12);
      expect(chiSquareUpperTail(x, 4) / (Math.exp(-x / 2) * (1 + x / 2))).toBeCloseTo(1, 12);
    }
  });

  it('approach the normal for large df, and invert each other', () => {
    expect(tQuantile(0.975, 1e7)).toBeCloseTo(Z_975, 6);
    for (const df of [1, 3, 12, 50]) for (const p of [0.025, 0.5, 0.9, 0.999]) expect(1 - tUpperTail(tQuantile(p, df), df)).toBeCloseTo(p, 12);
    expect(logGamma(0.5)).toBeCloseTo(0.5 * Math.log(Math.PI), 14);
    expect(logGamma(11)).toBeCloseTo(Math.log(3628800), 12);
    expect(() => tQuantile(1, 3)).toThrow(/0 < p < 1/);
  });
});
