/**
 * Random-effects pooling as a methodologist expects it: τ² by restricted maximum likelihood
 * (REML, the default) or DerSimonian–Laird (DL); a 95% CI by Hartung–Knapp (the default) or
 * normal theory; a 95% prediction interval; τ² with its standard error, I², H², and Cochran's Q
 * with its p. Each step follows the R package metafor (Viechtbauer, J Stat Softw 2010,
 * doi:10.18637/jss.v036.i03; R/rma.uni.r and R/predict.rma.r) so that its printed results are
 * reproduced (test/unit/meta-analysis.test.ts); docs/pooling.md says what and why.
 *
 * Ratios (HRs) are pooled as log ratios with the standard error recovered from their 95% CI,
 * SE = (ln upper − ln lower) / (2 × 1.959964), the usual approach when a paper prints a ratio
 * and its CI only.
 *
 * The Student t and χ² distribution functions are implemented here (regularised incomplete beta
 * and gamma functions by continued fractions, Press et al., Numerical Recipes 3rd ed. 2007,
 * §6.1, 6.2 and 6.4, with Lentz's method, §5.2) instead of a dependency: the two functions need
 * some 80 lines, where the npm candidates bring a tree of @stdlib packages or a whole statistics
 * library (jstat). They are tested against closed forms.
 */
import { z } from 'zod';

/** The 97.5th percentile of the standard normal distribution. */
export const Z_975 = 1.959963984540054;

// ---------------------------------------------------------------------------------------------
// Distribution functions
// ---------------------------------------------------------------------------------------------

/** Lanczos approximation, g = 7, n = 9 (Godfrey's coefficients; relative error below 1e-15). */
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059, 12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6,
  1.5056327351493116e-7,
];

/** ln Γ(x) for x > 0. */
export function logGamma(x: number): number {
  if (!(x > 0) || !Number.isFinite(x)) throw new RangeError(`logGamma needs a finite x > 0, got ${x}`);
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  for (let i = 1; i < LANCZOS.length; i++) a += LANCZOS[i]! / (z + i);
  const t = z + 7.5;
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

const TINY = 1e-300;
const EPS = Number.EPSILON;
const MAX_TERMS = 10_000;

/** The continued fraction for the incomplete beta function (Numerical Recipes `betacf`), by Lentz's method. */
function betaFraction(a: number, b: number, x: number): number {
  const qab = a + b;
  const qap = a + 1;
  const qam = a - 1;
  let c = 1;
  let d = 1 - (qab * x) / qap;
  if (Math.abs(d) < TINY) d = TINY;
  d = 1 / d;
  let h = d;
  for (let m = 1; m <= MAX_TERMS; m++) {
    const m2 = 2 * m;
    let aa = (m * (b - m) * x) / ((qam + m2) * (a + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    h *= d * c;
    aa = (-(a + m) * (qab + m) * x) / ((a + m2) * (qap + m2));
    d = 1 + aa * d;
    if (Math.abs(d) < TINY) d = TINY;
    c = 1 + aa / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return h;
  }
  throw new Error(`incomplete beta: continued fraction did not converge for a=${a}, b=${b}, x=${x}`);
}

/**
 * The regularised incomplete beta function I_x(a, b); `y` is 1 − x, passed separately so that
 * a value of x close to 1 keeps its precision.
 */
export function regularizedBeta(x: number, a: number, b: number, y: number = 1 - x): number {
  if (x <= 0) return 0;
  if (y <= 0) return 1;
  const front = Math.exp(logGamma(a + b) - logGamma(a) - logGamma(b) + a * Math.log(x) + b * Math.log(y));
  return x < (a + 1) / (a + b + 2) ? (front * betaFraction(a, b, x)) / a : 1 - (front * betaFraction(b, a, y)) / b;
}

/** P(T > t) for Student's t with `df` degrees of freedom (Abramowitz & Stegun 26.7.1 via I_x). */
export function tUpperTail(t: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`the t distribution needs df > 0, got ${df}`);
  if (Number.isNaN(t)) return Number.NaN;
  if (t === Number.POSITIVE_INFINITY) return 0;
  if (t === Number.NEGATIVE_INFINITY) return 1;
  const t2 = t * t;
  const half = 0.5 * regularizedBeta(df / (df + t2), df / 2, 0.5, t2 / (df + t2));
  return t >= 0 ? half : 1 - half;
}

/** The p quantile of Student's t with `df` degrees of freedom, by bisection on the upper tail to full double precision. */
export function tQuantile(p: number, df: number): number {
  if (!(p > 0 && p < 1)) throw new RangeError(`a quantile needs 0 < p < 1, got ${p}`);
  if (!(df > 0)) throw new RangeError(`the t distribution needs df > 0, got ${df}`);
  if (p === 0.5) return 0;
  if (p < 0.5) return -tQuantile(1 - p, df);
  const upper = 1 - p;
  let lo = 0;
  let hi = 1;
  while (tUpperTail(hi, df) > upper) {
    lo = hi;
    hi *= 2;
    if (!Number.isFinite(hi)) throw new RangeError(`t quantile out of range for p=${p}, df=${df}`);
  }
  for (let i = 0; i < 2000 && hi - lo > 4 * EPS * hi; i++) {
    const mid = (lo + hi) / 2;
    if (tUpperTail(mid, df) > upper) lo = mid;
    else hi = mid;
  }
  return (lo + hi) / 2;
}

/** The regularised lower incomplete gamma function P(a, x) by its series (Numerical Recipes `gser`), for x < a + 1. */
function gammaSeries(a: number, x: number): number {
  let ap = a;
  let del = 1 / a;
  let sum = del;
  for (let n = 0; n < MAX_TERMS; n++) {
    ap += 1;
    del *= x / ap;
    sum += del;
    if (Math.abs(del) < Math.abs(sum) * EPS) return sum * Math.exp(-x + a * Math.log(x) - logGamma(a));
  }
  throw new Error(`incomplete gamma: series did not converge for a=${a}, x=${x}`);
}

/** The regularised upper incomplete gamma function Q(a, x) by its continued fraction (Numerical Recipes `gcf`), for x ≥ a + 1. */
function gammaFraction(a: number, x: number): number {
  let b = x + 1 - a;
  let c = 1 / TINY;
  let d = 1 / b;
  let h = d;
  for (let i = 1; i <= MAX_TERMS; i++) {
    const an = -i * (i - a);
    b += 2;
    d = an * d + b;
    if (Math.abs(d) < TINY) d = TINY;
    c = b + an / c;
    if (Math.abs(c) < TINY) c = TINY;
    d = 1 / d;
    const del = d * c;
    h *= del;
    if (Math.abs(del - 1) <= EPS) return Math.exp(-x + a * Math.log(x) - logGamma(a)) * h;
  }
  throw new Error(`incomplete gamma: continued fraction did not converge for a=${a}, x=${x}`);
}

/** P(X > q) for a χ² variable with `df` degrees of freedom: Q(df/2, q/2). */
export function chiSquareUpperTail(q: number, df: number): number {
  if (!(df > 0)) throw new RangeError(`the χ² distribution needs df > 0, got ${df}`);
  if (Number.isNaN(q)) return Number.NaN;
  if (q <= 0) return 1;
  if (q === Number.POSITIVE_INFINITY) return 0;
  const a = df / 2;
  const x = q / 2;
  return x < a + 1 ? 1 - gammaSeries(a, x) : gammaFraction(a, x);
}

// ---------------------------------------------------------------------------------------------
// Pooling
// ---------------------------------------------------------------------------------------------

export interface Effect {
  /** Effect on the analysis scale (for ratios: the natural log). */
  y: number;
  /** Its sampling variance. */
  v: number;
}

export const POOLING_METHODS = ['REML', 'DL'] as const;
export const INTERVAL_METHODS = ['HARTUNG_KNAPP', 'NORMAL'] as const;
/** How τ² is estimated: restricted maximum likelihood, or DerSimonian–Laird's moment estimator. */
export type PoolingMethod = (typeof POOLING_METHODS)[number];
/** How the CI of the pooled estimate is built: Hartung–Knapp (t, k − 1 df, scaled SE) or normal theory (z). */
export type IntervalMethod = (typeof INTERVAL_METHODS)[number];

export interface PoolOptions {
  /** Default REML. */
  method?: PoolingMethod;
  /** Default HARTUNG_KNAPP. */
  ci?: IntervalMethod;
}

export interface Pooled {
  method: PoolingMethod;
  /** How the CI (and the prediction interval) was built; NORMAL for a single estimate whatever was asked (no degrees of freedom for t), as metafor does. */
  ciMethod: IntervalMethod;
  k: number;
  estimate: number;
  /** Standard error of the estimate (Hartung–Knapp-scaled under HARTUNG_KNAPP). */
  se: number;
  ciLow: number;
  ciHigh: number;
  /** 95% prediction interval for the true effect in a new study; null when k < 3. */
  predictionLow: number | null;
  predictionHigh: number | null;
  /** Between-study variance (truncated at 0); 0 for a single estimate, where it cannot be estimated. */
  tau2: number;
  /** Its standard error (metafor's formulas); null for a single estimate. */
  tau2Se: number | null;
  /** I², percent: 100·τ² / (τ² + s²), s² the typical within-study variance; null for a single estimate. */
  i2: number | null;
  /** H² = τ² / s² + 1; null for a single estimate. */
  h2: number | null;
  /** Cochran's Q, its degrees of freedom (k − 1) and its χ² p; the p is null for a single estimate. */
  q: number;
  qDf: number;
  qP: number | null;
}

/** REML's Fisher scoring did not converge; the estimates cannot be pooled by that method. */
export class PoolingConvergenceError extends Error {
  override name = 'PoolingConvergenceError';
}

/** metafor's control defaults for the iterative τ² estimators (rma.uni: threshold, maxiter, tol). */
const REML_THRESHOLD = 1e-5;
const REML_MAXITER = 100;
const LL_TOL = EPS ** 0.25;

const EffectInput = z.object({
  y: z.number({ error: 'must be a finite number' }),
  v: z.number({ error: 'must be a finite number' }).positive({ error: 'must be a positive sampling variance' }),
});
const EffectsInput = z.array(EffectInput).min(1, { error: 'needs at least one estimate' });
const LogEffectsInput = z.array(
  z.object({
    y: z.number({ error: 'must be a finite number' }),
    se: z.number({ error: 'must be a finite number' }).positive({ error: 'must be a positive standard error' }),
  }),
);
const OptionsInput = z
  .object({
    method: z.enum(POOLING_METHODS, { error: `must be one of ${POOLING_METHODS.join(', ')}` }).default('REML'),
    ci: z.enum(INTERVAL_METHODS, { error: `must be one of ${INTERVAL_METHODS.join(', ')}` }).default('HARTUNG_KNAPP'),
  })
  .strict();

/** Parses with zod and throws one message that names the argument and the element at fault. */
function parseOrThrow<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const r = schema.safeParse(value);
  if (r.success) return r.data;
  const at = (path: readonly PropertyKey[]) => path.map((p) => (typeof p === 'number' ? `[${p}]` : `.${String(p)}`)).join('');
  throw new Error(r.error.issues.map((i) => `${what}${at(i.path)}: ${i.message}`).join('; '));
}

const sum = (xs: readonly number[]): number => xs.reduce((a, b) => a + b, 0);

/** Inverse-variance quantities of one weighting: Σw, the weighted mean and the traces metafor's P matrix needs. */
function weighted(y: readonly number[], w: readonly number[]) {
  const sw = sum(w);
  const sw2 = sum(w.map((x) => x * x));
  const sw3 = sum(w.map((x) => x * x * x));
  const mu = sum(y.map((yi, i) => w[i]! * yi)) / sw;
  const rss = sum(y.map((yi, i) => w[i]! * (yi - mu) ** 2));
  // P = W − w wᵀ / Σw (intercept-only model): tr P and tr P² in closed form.
  const trP = sw - sw2 / sw;
  const trPP = sw2 - (2 * sw3) / sw + (sw2 * sw2) / (sw * sw);
  return { sw, mu, rss, trP, trPP };
}

/** The restricted log-likelihood at τ² (metafor's ll.REML without the constant it drops in the comparison). */
function remlLogLik(y: readonly number[], v: readonly number[], tau2: number): number {
  const w = v.map((vi) => 1 / (vi + tau2));
  const { sw, rss } = weighted(y, w);
  return -0.5 * (y.length - 1) * Math.log(2 * Math.PI) - 0.5 * sum(v.map((vi) => Math.log(vi + tau2))) - 0.5 * Math.log(sw) - 0.5 * rss;
}

/**
 * REML τ² by Fisher scoring exactly as metafor's rma.uni: start from the Hedges (HE) estimate
 * truncated at 0, step (y′PPy − tr P) / tr PP, halve a step that would go below 0, stop when τ²
 * changes by at most 1e-5, fail after 100 iterations; then, if τ² = 0 has the higher restricted
 * likelihood (by more than metafor's tolerance), take τ² = 0.
 */
function remlTau2(y: readonly number[], v: readonly number[]): number {
  const k = y.length;
  const ybar = sum(y) / k;
  const he = (sum(y.map((yi) => (yi - ybar) ** 2)) - ((k - 1) / k) * sum(v)) / (k - 1);
  let tau2 = Math.max(0, he);
  let change = REML_THRESHOLD + 1;
  let iter = 0;
  while (change > REML_THRESHOLD) {
    iter += 1;
    const old = tau2;
    const w = v.map((vi) => 1 / (vi + tau2));
    const { mu, trP, trPP } = weighted(y, w);
    const yPPy = sum(y.map((yi, i) => w[i]! * w[i]! * (yi - mu) ** 2));
    let adj = (yPPy - trP) / trPP;
    if (Number.isNaN(adj)) adj = 0;
    while (tau2 + adj < 0) adj /= 2;
    tau2 += adj;
    change = Math.abs(old - tau2);
    if (iter > REML_MAXITER) {
      throw new PoolingConvergenceError(`REML: Fisher scoring did not converge in ${REML_MAXITER} iterations (τ² still changing by ${change.toPrecision(3)})`);
    }
  }
  if (remlLogLik(y, v, 0) - remlLogLik(y, v, tau2) > LL_TOL && tau2 > REML_THRESHOLD) tau2 = 0;
  return Math.max(0, tau2);
}

/** DerSimonian–Laird's moment estimate of τ², truncated at 0. */
function dlTau2(fe: ReturnType<typeof weighted>, k: number): number {
  return Math.max(0, (fe.rss - (k - 1)) / fe.trP);
}

/**
 * Pools effects on their analysis scale (log ratios for ratios). Defaults: REML τ² with a
 * Hartung–Knapp CI (metafor: method="REML", test="knha"; the s² multiplier is not truncated at
 * 1, which is test="adhoc"). A single estimate is returned as it is, with a normal CI.
 */
export function pool(effects: readonly Effect[], options: PoolOptions = {}): Pooled {
  const es = parseOrThrow(EffectsInput, effects, 'effects');
  const { method, ci } = parseOrThrow(OptionsInput, options, 'options');
  const k = es.length;
  const y = es.map((e) => e.y);
  const v = es.map((e) => e.v);
  if (k === 1) {
    const se = Math.sqrt(v[0]!);
    const est = y[0]!;
    return {
      method,
      ciMethod: 'NORMAL',
      k,
      estimate: est,
      se,
      ciLow: est - Z_975 * se,
      ciHigh: est + Z_975 * se,
      predictionLow: null,
      predictionHigh: null,
      tau2: 0,
      tau2Se: null,
      i2: null,
      h2: null,
      q: 0,
      qDf: 0,
      qP: null,
    };
  }
  const df = k - 1;
  const fe = weighted(
    y,
    v.map((vi) => 1 / vi),
  );
  const q = Math.max(0, fe.rss);
  const tau2 = method === 'REML' ? remlTau2(y, v) : dlTau2(fe, k);

  const w = v.map((vi) => 1 / (vi + tau2));
  const re = weighted(y, w);
  // Hartung–Knapp: scale the variance by s²_w = Σ w (y − μ̂)² / (k − 1); metafor sets it to 0
  // when that sum is at rounding level (all estimates equal).
  const s2w = ci === 'HARTUNG_KNAPP' ? (re.rss <= EPS ? 0 : re.rss / df) : 1;
  const se = Math.sqrt(s2w / re.sw);
  const crit = ci === 'HARTUNG_KNAPP' ? tQuantile(0.975, df) : Z_975;
  const piHalf = k >= 3 ? crit * Math.sqrt(se * se + tau2) : null;

  const typicalV = df / fe.trP;
  const tau2Se = method === 'REML' ? Math.sqrt(2 / re.trPP) : Math.sqrt((2 * df + 4 * tau2 * fe.trP + 2 * tau2 * tau2 * fe.trPP) / (fe.trP * fe.trP));
  return {
    method,
    ciMethod: ci,
    k,
    estimate: re.mu,
    se,
    ciLow: re.mu - crit * se,
    ciHigh: re.mu + crit * se,
    predictionLow: piHalf === null ? null : re.mu - piHalf,
    predictionHigh: piHalf === null ? null : re.mu + piHalf,
    tau2,
    tau2Se,
    i2: (100 * tau2) / (typicalV + tau2),
    h2: tau2 / typicalV + 1,
    q,
    qDf: df,
    qP: chiSquareUpperTail(q, df),
  };
}

/** DerSimonian–Laird with a normal-theory CI, the method this module had first; needs two or more estimates. */
export function dersimonianLaird(effects: readonly Effect[]): Pooled {
  if (effects.length < 2) throw new Error('pooling needs at least two estimates');
  return pool(effects, { method: 'DL', ci: 'NORMAL' });
}

/**
 * Pools log-scale estimates given with their standard errors, e.g. treatment × biomarker
 * interactions as log ratios of HRs with their SEs; the result is on the same log scale.
 */
export function poolLogEffects(effects: readonly { y: number; se: number }[], options: PoolOptions = {}): Pooled {
  const es = parseOrThrow(LogEffectsInput, effects, 'effects');
  return pool(
    es.map((e) => ({ y: e.y, v: e.se * e.se })),
    options,
  );
}

export interface RatioWithCi {
  ratio: number;
  ciLow: number;
  ciHigh: number;
}

/** A ratio and its 95% CI as a log effect with variance ((ln hi − ln lo) / (2 z))². */
export function logRatioEffect(r: RatioWithCi): Effect {
  if (!(r.ratio > 0 && r.ciLow > 0 && r.ciHigh > r.ciLow && Number.isFinite(r.ciHigh))) {
    throw new Error(`a ratio needs 0 < lower < upper and a positive value, got ${r.ratio} (${r.ciLow} to ${r.ciHigh})`);
  }
  const se = (Math.log(r.ciHigh) - Math.log(r.ciLow)) / (2 * Z_975);
  return { y: Math.log(r.ratio), v: se * se };
}

export interface PooledRatio extends Omit<Pooled, 'estimate' | 'ciLow' | 'ciHigh' | 'predictionLow' | 'predictionHigh'> {
  /** The pooled ratio, exp of the pooled log ratio; `se` stays on the log scale. */
  ratio: number;
  ciLow: number;
  ciHigh: number;
  predictionLow: number | null;
  predictionHigh: number | null;
}

/** Pools ratios (HRs) on the log scale and reports the result back as ratios (τ² and se on the log scale). */
export function poolRatios(rs: readonly RatioWithCi[], options: PoolOptions = {}): PooledRatio {
  const effects = rs.map((r, i) => {
    try {
      return logRatioEffect(r);
    } catch (e) {
      throw new Error(`ratios[${i}]: ${e instanceof Error ? e.message : String(e)}`);
    }
  });
  const { estimate, ciLow, ciHigh, predictionLow, predictionHigh, ...rest } = pool(effects, options);
  const exp = (x: number | null) => (x === null ? null : Math.exp(x));
  return { ...rest, ratio: Math.exp(estimate), ciLow: Math.exp(ciLow), ciHigh: Math.exp(ciHigh), predictionLow: exp(predictionLow), predictionHigh: exp(predictionHigh) };
}
