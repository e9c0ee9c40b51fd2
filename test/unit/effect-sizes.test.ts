/**
 * Grouping and pooling of effect sizes without a database: what a group's pooled HR carries
 * (its method and CI method in words and as values, the prediction interval, τ², I², Q and its
 * p) and that the caller's choice of method reaches it. The ratios are the 13 BCG trials'
 * risk ratios with their 95% CIs (Colditz et al., JAMA 1994), entered as if they were HRs of
 * 13 independent trials, so that the pooled figures can be checked against the values metafor
 * prints for those data (sources in test/unit/meta-analysis.test.ts: [KNHA] metafor README.md
 * lines 135–166, [METAN] tests/testthat/test_misc_metan_vs_rma.uni_with_dat.bcg.r lines 39–52).
 */
import { describe, expect, it } from 'vitest';
import { type EffectEstimate, groupAndPool } from '../../src/analysis/effect-sizes.js';
import { Z_975 } from '../../src/analysis/meta-analysis.js';
import { BCG, expectPrinted, METAFOR } from '../fixtures/bcg.js';

/** One estimate per trial, each from its own population, all the same subgroup, measure and contrast. */
function estimates(rows: [number, number, number, number][], populationOf: (i: number) => string = (i) => `trial:t${i}`): EffectEstimate[] {
  return rows.map(([a, b, c, d], i) => {
    const y = Math.log(a / (a + b) / (c / (c + d)));
    const se = Math.sqrt(1 / a - 1 / (a + b) + 1 / c - 1 / (c + d));
    return {
      outcome: `outcome-${i}`,
      measure: 'OS',
      hr: Math.exp(y),
      ciLow: Math.exp(y - Z_975 * se),
      ciHigh: Math.exp(y + Z_975 * se),
      p: null,
      state: 'all patients',
      population: null,
      findings: [`finding-${i}`],
      study: `study-${i}`,
      populationKey: populationOf(i),
      contrast: 'RT + ICB vs ICB',
      contrastKind: 'SEQUENTIAL:immune-checkpoint-blockade+radiotherapy vs ?:immune-checkpoint-blockade',
      primary: true,
    };
  });
}

describe('a pooled group of effect sizes', () => {
  it('is pooled by REML with a Hartung–Knapp CI unless asked otherwise, and says so [KNHA]', () => {
    const [g] = groupAndPool(estimates(BCG));
    const p = g!.pooled!;
    expect(g!.reason).toBeNull();
    expect([p.method, p.ciMethod]).toEqual(['REML', 'HARTUNG_KNAPP']);
    expect(p.description).toMatch(/^REML random effects on log HR; Hartung–Knapp 95% CI/);
    expect(p.k).toBe(13);
    expectPrinted(p.ratio, METAFOR.knha.exp.pred);
    expectPrinted(p.ciLow, METAFOR.knha.exp.ciLow);
    expectPrinted(p.ciHigh, METAFOR.knha.exp.ciHigh);
    expectPrinted(p.predictionLow, METAFOR.knha.exp.piLow);
    expectPrinted(p.predictionHigh, METAFOR.knha.exp.piHigh);
    expectPrinted(p.se, METAFOR.knha.se);
    expectPrinted(p.tau2, METAFOR.reml.tau2);
    expectPrinted(p.tau2Se, METAFOR.reml.tau2Se);
    expectPrinted(p.i2, METAFOR.reml.i2);
    expectPrinted(p.h2, METAFOR.reml.h2);
    expectPrinted(p.q, METAFOR.reml.q);
    expect(p.qDf).toBe(METAFOR.reml.qDf);
    expect(p.qP).toBeLessThan(0.0001);
    expect(p.pooledOutcomes).toHaveLength(13);
  });

  it('follows the method the caller names: DerSimonian–Laird with a normal CI [METAN]', () => {
    const p = groupAndPool(estimates(BCG), { method: 'DL', ci: 'NORMAL' })[0]!.pooled!;
    expect([p.method, p.ciMethod]).toEqual(['DL', 'NORMAL']);
    expect(p.description).toMatch(/^DerSimonian–Laird random effects on log HR; normal-theory 95% CI/);
    expectPrinted(p.ratio, METAFOR.dl.ratio.pred);
    expectPrinted(p.ciLow, METAFOR.dl.ratio.ciLow);
    expectPrinted(p.ciHigh, METAFOR.dl.ratio.ciHigh);
    expectPrinted(p.tau2, METAFOR.dl.tau2);
    expectPrinted(p.i2, METAFOR.dl.i2);
  });

  it('has no prediction interval when only two trials are pooled', () => {
    const p = groupAndPool(estimates(BCG.slice(0, 2)))[0]!.pooled!;
    expect(p.k).toBe(2);
    expect(p.predictionLow).toBeNull();
    expect(p.predictionHigh).toBeNull();
    expect(p.ciLow).toBeLessThan(p.ratio);
    expect(p.ciHigh).toBeGreaterThan(p.ratio);
  });

  it('is still not pooled when two of its estimates come from one population', () => {
    const [g] = groupAndPool(estimates(BCG.slice(0, 3), (i) => (i < 2 ? 'trial:same' : 'trial:other')));
    expect(g!.pooled).toBeNull();
    expect(g!.reason).toMatch(/not independent: outcome-0 and outcome-1 come from the same population \(trial:same\)/);
  });
});
