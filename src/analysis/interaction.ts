/**
 * Treatment × biomarker interaction: does the treatment effect differ between two biomarker
 * states? Where a study reports the hazard ratio of the same contrast in two subgroups, the ratio
 * of the two HRs estimates the interaction (Altman & Bland, BMJ 2003, "Interaction revisited: the
 * difference between two estimates"): on the log scale, log ROR = log HR_a − log HR_b, with
 * SE = √(SE_a² + SE_b²) for independent subgroups, each SE recovered from its 95% CI as
 * (ln upper − ln lower) / (2 × 1.96). A figure the source states itself (an interaction HR with CI,
 * a p for interaction) is shown and preferred over the computed one. Interactions are estimated
 * within a trial and only then pooled across independent trials (Fisher et al., J Clin Epidemiol
 * 2011): comparing subgroup effects across trials mixes populations (ecological bias).
 */
import { Z_975 } from './meta-analysis.js';

export interface SubgroupHr {
  /** The outcome's id. */
  id: string;
  hr: number;
  ciLow: number;
  ciHigh: number;
  /** The subgroup in the source's terms ("PD-L1 TC ≥25%"). */
  population: string | null;
}

export interface StatedInteraction {
  hr: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** As printed ("0.04", "<0.001"). */
  p: string | null;
}

export interface InteractionEstimate {
  /** STATED: the source's own ratio with CI; COMPUTED: from two subgroup HRs; STATED_P: only a p for interaction is printed. */
  basis: 'STATED' | 'COMPUTED' | 'STATED_P';
  /** Ratio of HRs (subgroup over reference subgroup) with its 95% CI; null when only a p is stated. */
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  /** Standard error of the log ratio. */
  se: number | null;
  /** z of the log ratio, and its two-sided p (normal theory). */
  z: number | null;
  pComputed: number | null;
  /** The p for interaction the source prints, shown beside (and preferred over) the computed one. */
  pStated: string | null;
  /** [subgroup, reference subgroup] when computed (also kept when a stated figure is preferred). */
  subgroups: [SubgroupHr, SubgroupHr] | null;
}

/** SE of a log ratio from its 95% CI. */
export function seFromCi(ciLow: number, ciHigh: number): number {
  if (!(ciLow > 0 && ciHigh > ciLow)) throw new Error(`a 95% CI needs 0 < lower < upper (got ${ciLow}–${ciHigh})`);
  return (Math.log(ciHigh) - Math.log(ciLow)) / (2 * Z_975);
}

/** Standard normal CDF, via the complementary error function (W. J. Cody's rational approximations are overkill here; Abramowitz & Stegun 7.1.26, |error| < 1.5e-7). */
export function normalCdf(x: number): number {
  const z = Math.abs(x) / Math.SQRT2;
  const t = 1 / (1 + 0.3275911 * z);
  const poly = t * (0.254829592 + t * (-0.284496736 + t * (1.421413741 + t * (-1.453152027 + t * 1.061405429))));
  const erfc = poly * Math.exp(-z * z);
  return x >= 0 ? 1 - erfc / 2 : erfc / 2;
}

export const twoSidedP = (z: number): number => 2 * (1 - normalCdf(Math.abs(z)));

/** The ratio of two subgroup HRs, HR_a / HR_b, with its 95% CI and p. */
export function ratioOfHrs(a: SubgroupHr, b: SubgroupHr): InteractionEstimate {
  const y = Math.log(a.hr) - Math.log(b.hr);
  const se = Math.sqrt(seFromCi(a.ciLow, a.ciHigh) ** 2 + seFromCi(b.ciLow, b.ciHigh) ** 2);
  const z = y / se;
  return {
    basis: 'COMPUTED',
    ratio: Math.exp(y),
    ciLow: Math.exp(y - Z_975 * se),
    ciHigh: Math.exp(y + Z_975 * se),
    se,
    z,
    pComputed: twoSidedP(z),
    pStated: null,
    subgroups: [a, b],
  };
}

/** The estimate a finding carries: the stated ratio when printed with its CI, else the computed one (with any stated p), else the stated p alone. */
export function interactionOf(stated: StatedInteraction | null, subgroups: [SubgroupHr, SubgroupHr] | null): InteractionEstimate | null {
  const computed = subgroups ? ratioOfHrs(subgroups[0], subgroups[1]) : null;
  if (stated?.hr != null && stated.ciLow != null && stated.ciHigh != null) {
    const se = seFromCi(stated.ciLow, stated.ciHigh);
    const z = Math.log(stated.hr) / se;
    return { basis: 'STATED', ratio: stated.hr, ciLow: stated.ciLow, ciHigh: stated.ciHigh, se, z, pComputed: twoSidedP(z), pStated: stated.p, subgroups };
  }
  if (computed) return { ...computed, pStated: stated?.p ?? null };
  if (stated?.p != null) return { basis: 'STATED_P', ratio: null, ciLow: null, ciHigh: null, se: null, z: null, pComputed: null, pStated: stated.p, subgroups: null };
  return null;
}

/** Whether the estimate's 95% CI excludes no effect (1); a stated p alone counts when below 0.05. */
export function excludesNoEffect(e: InteractionEstimate): boolean {
  if (e.ciLow !== null && e.ciHigh !== null) return e.ciHigh < 1 || e.ciLow > 1;
  return e.pStated !== null && statedBelow(e.pStated, 0.05);
}

/** "<0.001" and "0.01" are below 0.05; "0.07" and ">0.05" are not. */
export function statedBelow(p: string, alpha: number): boolean {
  const m = /^([<>=≤]?)\s*(0?\.\d+)$/.exec(p.trim());
  if (!m) return false;
  const value = Number(m[2]);
  return m[1] === '>' ? false : value < alpha || ((m[1] === '<' || m[1] === '≤') && value <= alpha);
}
