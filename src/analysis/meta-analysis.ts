/**
 * Random-effects pooling, DerSimonian–Laird (DerSimonian & Laird, Control Clin Trials 1986),
 * on a log scale: ratios (HRs) are pooled as log ratios with the standard error recovered from
 * their 95% CI, SE = (ln upper − ln lower) / (2 × 1.959964), the usual approach when a paper
 * prints a ratio and its CI only.
 */

/** The 97.5th percentile of the standard normal distribution. */
export const Z_975 = 1.959963984540054;

export interface Effect {
  /** Effect on the analysis scale (for ratios: the natural log). */
  y: number;
  /** Its sampling variance. */
  v: number;
}

export interface Pooled {
  k: number;
  estimate: number;
  se: number;
  ciLow: number;
  ciHigh: number;
  /** Between-study variance (DL moment estimate, truncated at 0). */
  tau2: number;
  /** Cochran's Q and the I² heterogeneity share, in percent. */
  q: number;
  i2: number;
}

export function dersimonianLaird(effects: readonly Effect[]): Pooled {
  const k = effects.length;
  if (k < 2) throw new Error('pooling needs at least two estimates');
  if (effects.some((e) => !(e.v > 0) || !Number.isFinite(e.y))) throw new Error('every estimate needs a finite effect and a positive variance');
  const w = effects.map((e) => 1 / e.v);
  const sw = w.reduce((a, b) => a + b, 0);
  const fixed = effects.reduce((a, e, i) => a + w[i]! * e.y, 0) / sw;
  const q = effects.reduce((a, e, i) => a + w[i]! * (e.y - fixed) ** 2, 0);
  const df = k - 1;
  const c = sw - w.reduce((a, b) => a + b * b, 0) / sw;
  const tau2 = Math.max(0, (q - df) / c);
  const ws = effects.map((e) => 1 / (e.v + tau2));
  const sws = ws.reduce((a, b) => a + b, 0);
  const estimate = effects.reduce((a, e, i) => a + ws[i]! * e.y, 0) / sws;
  const se = Math.sqrt(1 / sws);
  const i2 = q > df ? ((q - df) / q) * 100 : 0;
  return { k, estimate, se, ciLow: estimate - Z_975 * se, ciHigh: estimate + Z_975 * se, tau2, q, i2 };
}

export interface RatioWithCi {
  ratio: number;
  ciLow: number;
  ciHigh: number;
}

/** A ratio and its 95% CI as a log effect with variance ((ln hi − ln lo) / (2 z))². */
export function logRatioEffect(r: RatioWithCi): Effect {
  if (!(r.ratio > 0 && r.ciLow > 0 && r.ciHigh > r.ciLow)) throw new Error('a ratio needs 0 < lower < upper and a positive value');
  const se = (Math.log(r.ciHigh) - Math.log(r.ciLow)) / (2 * Z_975);
  return { y: Math.log(r.ratio), v: se * se };
}

export interface PooledRatio extends Omit<Pooled, 'estimate' | 'ciLow' | 'ciHigh'> {
  ratio: number;
  ciLow: number;
  ciHigh: number;
}

/** Pools ratios (HRs) on the log scale and reports the result back as a ratio. */
export function poolRatios(rs: readonly RatioWithCi[]): PooledRatio {
  const p = dersimonianLaird(rs.map(logRatioEffect));
  return { k: p.k, se: p.se, tau2: p.tau2, q: p.q, i2: p.i2, ratio: Math.exp(p.estimate), ciLow: Math.exp(p.ciLow), ciHigh: Math.exp(p.ciHigh) };
}
