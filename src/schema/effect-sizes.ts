/**
 * effectSizes: every comparative effect for a biomarker, side by side, pooled only where
 * comparable, by the τ² estimator and CI method the caller names (REML and Hartung–Knapp by
 * default; docs/pooling.md).
 */

import { type EffectEstimate, type EffectGroup, type EffectSizes, effectSizes } from '../analysis/effect-sizes.js';
import type { PoolOptions } from '../analysis/meta-analysis.js';
import { loadNode, loadNodes, requireIds } from './analysis-args.js';
import { builder } from './builder.js';
import { IntervalMethodEnum, OutcomeMeasureEnum, PoolingMethodEnum } from './enums.js';
import { NodeRefs } from './refs.js';

type Pooled = NonNullable<EffectGroup['pooled']>;

const EffectEstimateRef = builder.objectRef<EffectEstimate>('EffectEstimate').implement({
  description: 'One comparative effect as its source prints it (HR with 95% CI, or a p for an arm-vs-arm comparison).',
  fields: (t) => ({
    outcome: t.field({
      description: 'The outcome (recorded figure) this estimate is.',
      type: NodeRefs.Outcome,
      nullable: true,
      resolve: (e, _a, ctx) => loadNode(ctx, 'Outcome', e.outcome),
    }),
    outcomeSlug: t.string({ description: 'Slug of that outcome.', resolve: (e) => e.outcome }),
    measure: t.string({ description: 'The endpoint, as an OutcomeMeasure value, e.g. OS or PFS.', resolve: (e) => e.measure }),
    hr: t.float({ nullable: true, description: 'Hazard ratio, experimental vs control, as the source prints it.', resolve: (e) => e.hr }),
    ciLow: t.float({ nullable: true, description: 'Lower bound of the HR’s 95% CI.', resolve: (e) => e.ciLow }),
    ciHigh: t.float({ nullable: true, description: 'Upper bound of the HR’s 95% CI.', resolve: (e) => e.ciHigh }),
    p: t.string({ nullable: true, description: 'p-value in the source’s own notation.', resolve: (e) => e.p }),
    state: t.string({ description: 'The subgroup: the outcome’s population, else the finding’s biomarker state.', resolve: (e) => e.state }),
    population: t.string({ nullable: true, description: 'Subgroup or population the figure is for, in the source’s terms.', resolve: (e) => e.population }),
    contrast: t.string({ nullable: true, description: 'Experimental arm vs control arm.', resolve: (e) => e.contrast }),
    contrastKind: t.string({
      nullable: true,
      description: 'The kinds of arms compared (schedule:therapy roots), which comparability requires to match.',
      resolve: (e) => e.contrastKind,
    }),
    populationKey: t.string({ description: 'The patient population (confirmed trial, else study): estimates sharing one are not independent.', resolve: (e) => e.populationKey }),
    primary: t.boolean({ description: 'At least one source of the figure is primary.', resolve: (e) => e.primary }),
    study: t.field({ description: 'The study that reported the figure.', type: NodeRefs.Study, nullable: true, resolve: (e, _a, ctx) => loadNode(ctx, 'Study', e.study) }),
    findings: t.field({ type: [NodeRefs.Finding], description: 'The findings that rest on the figure.', resolve: (e, _a, ctx) => loadNodes(ctx, 'Finding', e.findings) }),
  }),
});

const PooledRef = builder.objectRef<Pooled>('PooledEstimate').implement({
  description: 'A random-effects pooled HR over comparable, independent estimates, with how it was pooled, its prediction interval and its heterogeneity.',
  fields: (t) => ({
    method: t.string({ description: 'How the estimates were pooled, in words (τ² estimator, CI method, SE of each log HR from its 95% CI).', resolve: (p) => p.description }),
    poolingMethod: t.field({ type: PoolingMethodEnum, description: 'The τ² estimator used.', resolve: (p) => p.method }),
    intervalMethod: t.field({ type: IntervalMethodEnum, description: 'How the CI and the prediction interval were built.', resolve: (p) => p.ciMethod }),
    k: t.int({ description: 'Estimates pooled.', resolve: (p) => p.k }),
    hr: t.float({ description: 'Pooled hazard ratio (exp of the pooled log HR).', resolve: (p) => p.ratio }),
    ciLow: t.float({ description: 'Lower bound of the pooled HR’s 95% CI.', resolve: (p) => p.ciLow }),
    ciHigh: t.float({ description: 'Upper bound of the pooled HR’s 95% CI.', resolve: (p) => p.ciHigh }),
    seLogHr: t.float({ description: 'Standard error of the pooled log HR (Hartung–Knapp-scaled under HARTUNG_KNAPP).', resolve: (p) => p.se }),
    predictionLow: t.float({
      nullable: true,
      description:
        'Lower bound of the 95% prediction interval: where the true HR of a new comparable study is expected (Riley et al. 2011). Null when fewer than 3 estimates are pooled.',
      resolve: (p) => p.predictionLow,
    }),
    predictionHigh: t.float({
      nullable: true,
      description: 'Upper bound of the 95% prediction interval; null when fewer than 3 estimates are pooled.',
      resolve: (p) => p.predictionHigh,
    }),
    tau2: t.float({ description: 'Between-study variance τ² (log HR scale), truncated at 0.', resolve: (p) => p.tau2 }),
    tau2Se: t.float({ description: 'Standard error of τ² (metafor’s formula for the estimator used).', resolve: (p) => p.tau2Se }),
    i2: t.float({
      description: 'I², percent: 100 τ² / (τ² + s²), s² the typical within-study variance (metafor’s definition; for DL it equals (Q − df) / Q).',
      resolve: (p) => p.i2,
    }),
    h2: t.float({ description: 'H² = τ² / s² + 1: total over sampling variability.', resolve: (p) => p.h2 }),
    q: t.float({ description: 'Cochran’s Q (inverse-variance weights 1 / v).', resolve: (p) => p.q }),
    qDf: t.int({ description: 'Degrees of freedom of Q: k − 1.', resolve: (p) => p.qDf }),
    qP: t.float({ description: 'p of Q against χ² with k − 1 df.', resolve: (p) => p.qP }),
    pooledOutcomes: t.stringList({ description: 'Slugs of the outcomes pooled.', resolve: (p) => p.pooledOutcomes }),
  }),
});

const EffectGroupRef = builder.objectRef<EffectGroup>('EffectGroup').implement({
  description: 'Estimates that agree on subgroup, measure and the kinds of arms compared; pooled only when independent and with CIs.',
  fields: (t) => ({
    state: t.string({ description: 'The subgroup the estimates share (see EffectEstimate.state).', resolve: (g) => g.state }),
    measure: t.string({ description: 'The endpoint the estimates share, e.g. OS or PFS.', resolve: (g) => g.measure }),
    contrastKind: t.string({
      nullable: true,
      description: 'The kinds of arms compared that the estimates share; null when the arms are not recorded.',
      resolve: (g) => g.contrastKind,
    }),
    estimates: t.field({ type: [EffectEstimateRef], description: 'The estimates in the group.', resolve: (g) => g.estimates }),
    pooled: t.field({ type: PooledRef, nullable: true, description: 'The pooled HR; null when the estimates cannot be pooled (see reason).', resolve: (g) => g.pooled }),
    reason: t.string({ nullable: true, description: 'Why there is no pooled estimate.', resolve: (g) => g.reason }),
  }),
});

const EffectSizesRef = builder.objectRef<EffectSizes & { biomarker: string }>('EffectSizes').implement({
  description: 'The answer to effectSizes: every comparative estimate for the biomarker, and the same estimates grouped by comparability.',
  fields: (t) => ({
    biomarker: t.field({
      type: NodeRefs.Biomarker,
      nullable: true,
      description: 'The biomarker asked about.',
      resolve: (r, _a, ctx) => loadNode(ctx, 'Biomarker', r.biomarker),
    }),
    estimates: t.field({ type: [EffectEstimateRef], description: 'Every estimate, ungrouped.', resolve: (r) => r.estimates }),
    groups: t.field({
      type: [EffectGroupRef],
      description: 'The estimates grouped by subgroup, endpoint and kinds of arms compared, each pooled where possible.',
      resolve: (r) => r.groups,
    }),
  }),
});

builder.queryField('effectSizes', (t) =>
  t.field({
    type: EffectSizesRef,
    description:
      'Every hazard ratio (or other comparative effect) behind the findings about a biomarker and its states, with CI, population, contrast, study and primary flag; grouped by comparability, with a random-effects pooled HR (REML and a Hartung–Knapp CI unless asked otherwise) only where two or more independent estimates are comparable, and otherwise the reason.',
    args: {
      biomarker: t.arg.string({ required: true, description: 'Biomarker slug.' }),
      measure: t.arg({ type: OutcomeMeasureEnum, description: 'Only this endpoint (default: all).' }),
      poolingMethod: t.arg({ type: PoolingMethodEnum, defaultValue: 'REML', description: 'τ² estimator for the pooled HRs (default REML).' }),
      intervalMethod: t.arg({
        type: IntervalMethodEnum,
        defaultValue: 'HARTUNG_KNAPP',
        description: 'CI and prediction-interval method for the pooled HRs (default HARTUNG_KNAPP).',
      }),
    },
    resolve: async (_p, args, ctx) => {
      await requireIds(ctx, 'biomarker', [args.biomarker], 'Biomarker');
      const options: PoolOptions = { method: args.poolingMethod ?? 'REML', ci: args.intervalMethod ?? 'HARTUNG_KNAPP' };
      return { ...(await effectSizes(ctx.db, args.biomarker, args.measure ?? null, options)), biomarker: args.biomarker };
    },
  }),
);
