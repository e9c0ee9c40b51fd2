/**
 * Effect sizes side by side: every comparative effect behind the findings about a biomarker,
 * grouped by what would make them comparable, and pooled on log HR (REML with a Hartung–Knapp
 * CI by default, DerSimonian–Laird and normal-theory CIs on request; see docs/pooling.md) only
 * where a group has two or more independent estimates with CIs. Every group without a pooled
 * number says why.
 *
 * Comparable = same subgroup (the outcome's population, else the finding's biomarker state),
 * same measure, same contrast between the same kinds of arms (schedule and therapy roots of
 * the experimental and the control arm), from independent populations (different confirmed
 * trials, or different studies without one: two analyses of one trial are one population).
 */
import { z } from 'zod';
import type { Db } from '../db/run.js';
import { type IntervalMethod, type PooledRatio, PoolingConvergenceError, type PoolingMethod, type PoolOptions, poolRatios } from './meta-analysis.js';

const numOrNull = z.unknown().transform((v) => (v === null || v === undefined ? null : Number(v)));
const Arm = z.object({ id: z.string(), name: z.string().nullable(), schedule: z.string().nullable(), roots: z.array(z.string()) }).nullable();
const Row = z.object({
  outcome: z.string(),
  measure: z.string(),
  hr: numOrNull,
  hrCiLow: numOrNull,
  hrCiHigh: numOrNull,
  p: z.string().nullable(),
  population: z.string().nullable(),
  findings: z.array(z.string()),
  states: z.array(z.string()),
  study: z.string(),
  trials: z.array(z.string()),
  primary: z
    .boolean()
    .nullable()
    .transform((v) => v ?? false),
  experimental: Arm,
  control: Arm,
});

export interface EffectEstimate {
  outcome: string;
  measure: string;
  hr: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p: string | null;
  /** The subgroup the figure is for: the outcome's population, else the finding's biomarker state. */
  state: string;
  population: string | null;
  findings: string[];
  study: string;
  /** The patient population it comes from: a confirmed trial, else the study. */
  populationKey: string;
  /** "experimental arm vs control arm", by name. */
  contrast: string | null;
  /** The kinds of arms compared: schedule and therapy roots of each side. */
  contrastKind: string | null;
  /** At least one source of the figure is primary. */
  primary: boolean;
}

/**
 * A pooled HR over two or more estimates: the heterogeneity figures that only a single estimate
 * lacks are always there.
 */
export interface PooledHr extends Omit<PooledRatio, 'i2' | 'h2' | 'qP' | 'tau2Se'> {
  i2: number;
  h2: number;
  qP: number;
  tau2Se: number;
  /** The method in words, e.g. for a forest plot's caption. */
  description: string;
  pooledOutcomes: string[];
}

export interface EffectGroup {
  state: string;
  measure: string;
  contrastKind: string | null;
  estimates: EffectEstimate[];
  pooled: PooledHr | null;
  /** Why no pooled number, when there is none. */
  reason: string | null;
}

export interface EffectSizes {
  estimates: EffectEstimate[];
  groups: EffectGroup[];
}

const METHOD_WORDS: Record<PoolingMethod, string> = { REML: 'REML', DL: 'DerSimonian–Laird' };
const INTERVAL_WORDS: Record<IntervalMethod, string> = { HARTUNG_KNAPP: 'Hartung–Knapp 95% CI (t, k − 1 df)', NORMAL: 'normal-theory 95% CI' };

/** How a group was pooled, in words. */
export const poolingDescription = (method: PoolingMethod, ci: IntervalMethod): string =>
  `${METHOD_WORDS[method]} random effects on log HR; ${INTERVAL_WORDS[ci]}; SE of each log HR from its 95% CI`;

const armKind = (a: z.infer<typeof Arm>): string => (a ? `${a.schedule ?? '?'}:${[...new Set(a.roots)].sort().join('+') || '?'}` : '?');

function toEstimate(r: z.infer<typeof Row>): EffectEstimate {
  const states = [...r.states].sort();
  return {
    outcome: r.outcome,
    measure: r.measure,
    hr: r.hr,
    ciLow: r.hrCiLow,
    ciHigh: r.hrCiHigh,
    p: r.p,
    state: r.population ?? states.join(' / '),
    population: r.population,
    findings: [...r.findings].sort(),
    study: r.study,
    populationKey: r.trials.length > 0 ? `trial:${[...r.trials].sort().join('+')}` : `study:${r.study}`,
    contrast: r.experimental && r.control ? `${r.experimental.name ?? r.experimental.id} vs ${r.control.name ?? r.control.id}` : null,
    contrastKind: r.experimental && r.control ? `${armKind(r.experimental)} vs ${armKind(r.control)}` : null,
    primary: r.primary,
  };
}

export function groupAndPool(estimates: EffectEstimate[], options: PoolOptions = {}): EffectGroup[] {
  const groups = new Map<string, EffectEstimate[]>();
  for (const e of estimates) {
    const key = JSON.stringify([e.state, e.measure, e.contrastKind]);
    groups.set(key, [...(groups.get(key) ?? []), e]);
  }
  return [...groups.values()].map((list) => {
    const first = list[0]!;
    const base = { state: first.state, measure: first.measure, contrastKind: first.contrastKind, estimates: list };
    const noPool = (reason: string): EffectGroup => ({ ...base, pooled: null, reason });
    if (list.length < 2) {
      return noPool('only one estimate with this subgroup, endpoint and comparison; the others differ in one of them');
    }
    if (first.contrastKind === null) return noPool('the arms compared are not recorded, so comparability cannot be judged');
    const withCi = list.filter((e) => e.hr !== null && e.ciLow !== null && e.ciHigh !== null);
    if (withCi.length < list.length) return noPool(`${list.length - withCi.length} of ${list.length} estimates have no HR with a 95% CI`);
    const populations = new Map<string, string[]>();
    for (const e of list) populations.set(e.populationKey, [...(populations.get(e.populationKey) ?? []), e.outcome]);
    const shared = [...populations].filter(([, outs]) => outs.length > 1);
    if (shared.length > 0) {
      return noPool(`not independent: ${shared.map(([pop, outs]) => `${outs.join(' and ')} come from the same population (${pop})`).join('; ')}`);
    }
    let pooled: PooledRatio;
    try {
      pooled = poolRatios(
        withCi.map((e) => ({ ratio: e.hr!, ciLow: e.ciLow!, ciHigh: e.ciHigh! })),
        options,
      );
    } catch (e) {
      if (e instanceof PoolingConvergenceError) return noPool(`not pooled: ${e.message}; DerSimonian–Laird (poolingMethod: DL) has no iteration to fail`);
      throw e;
    }
    const { i2, h2, qP, tau2Se } = pooled;
    // Two or more estimates always have these; a null here would be a bug in the pooling.
    if (i2 === null || h2 === null || qP === null || tau2Se === null) throw new Error(`pooling ${withCi.length} estimates gave no heterogeneity figures`);
    return {
      ...base,
      pooled: { ...pooled, i2, h2, qP, tau2Se, description: poolingDescription(pooled.method, pooled.ciMethod), pooledOutcomes: list.map((e) => e.outcome) },
      reason: null,
    };
  });
}

export async function effectSizes(db: Db, biomarker: string, measure: string | null, options: PoolOptions = {}): Promise<EffectSizes> {
  const rows = await db.read('effect-sizes', { biomarker, measure });
  const estimates = rows.map((r) => toEstimate(Row.parse(r)));
  return { estimates, groups: groupAndPool(estimates, options) };
}
