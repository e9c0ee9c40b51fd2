/** effectSizes: every comparative effect for a biomarker, side by side, pooled only where comparable. */
import { builder } from '../builder.js';
import { effectSizes, type EffectEstimate, type EffectGroup, type EffectSizes } from '../analysis/effect-sizes.js';
import { loadNode, loadNodes, requireIds } from './analysis-args.js';
import { OutcomeMeasureEnum } from './enums.js';
import { NodeRefs } from './refs.js';

type Of<K extends keyof typeof NodeRefs> = (typeof NodeRefs)[K]['$inferType'];
type Pooled = NonNullable<EffectGroup['pooled']>;

const EffectEstimateRef = builder.objectRef<EffectEstimate>('EffectEstimate').implement({
  description: 'One comparative effect as its source prints it (HR with 95% CI, or a p for an arm-vs-arm comparison).',
  fields: (t) => ({
    outcome: t.field({ description: 'The outcome (recorded figure) this estimate is.', type: NodeRefs.Outcome, nullable: true, resolve: (e, _a, ctx) => loadNode<Of<'Outcome'>>(ctx, e.outcome) }),
    outcomeSlug: t.string({ description: 'Slug of that outcome.', resolve: (e) => e.outcome }),
    measure: t.string({ description: 'The endpoint, as an OutcomeMeasure value, e.g. OS or PFS.', resolve: (e) => e.measure }),
    hr: t.float({ nullable: true, description: 'Hazard ratio, experimental vs control, as the source prints it.', resolve: (e) => e.hr }),
    ciLow: t.float({ nullable: true, description: 'Lower bound of the HR’s 95% CI.', resolve: (e) => e.ciLow }),
    ciHigh: t.float({ nullable: true, description: 'Upper bound of the HR’s 95% CI.', resolve: (e) => e.ciHigh }),
    p: t.string({ nullable: true, description: 'p-value in the source’s own notation.', resolve: (e) => e.p }),
    state: t.string({ description: 'The subgroup: the outcome’s population, else the finding’s biomarker state.', resolve: (e) => e.state }),
    population: t.string({ nullable: true, description: 'Subgroup or population the figure is for, in the source’s terms.', resolve: (e) => e.population }),
    contrast: t.string({ nullable: true, description: 'Experimental arm vs control arm.', resolve: (e) => e.contrast }),
    contrastKind: t.string({ nullable: true, description: 'The kinds of arms compared (schedule:therapy roots), which comparability requires to match.', resolve: (e) => e.contrastKind }),
    populationKey: t.string({ description: 'The patient population (confirmed trial, else study): estimates sharing one are not independent.', resolve: (e) => e.populationKey }),
    primary: t.boolean({ description: 'At least one source of the figure is primary.', resolve: (e) => e.primary }),
    study: t.field({ description: 'The study that reported the figure.', type: NodeRefs.Study, nullable: true, resolve: (e, _a, ctx) => loadNode<Of<'Study'>>(ctx, e.study) }),
    findings: t.field({ type: [NodeRefs.Finding], description: 'The findings that rest on the figure.', resolve: (e, _a, ctx) => loadNodes<Of<'Finding'>>(ctx, e.findings) }),
  }),
});

const PooledRef = builder.objectRef<Pooled>('PooledEstimate').implement({
  description: 'A random-effects pooled HR over comparable, independent estimates.',
  fields: (t) => ({
    method: t.string({ description: 'How the estimates were pooled (DerSimonian–Laird random effects on log HR, SE from the 95% CI).', resolve: (p) => p.method }),
    k: t.int({ description: 'Estimates pooled.', resolve: (p) => p.k }),
    hr: t.float({ description: 'Pooled hazard ratio.', resolve: (p) => p.ratio }),
    ciLow: t.float({ description: 'Lower bound of the pooled HR’s 95% CI.', resolve: (p) => p.ciLow }),
    ciHigh: t.float({ description: 'Upper bound of the pooled HR’s 95% CI.', resolve: (p) => p.ciHigh }),
    tau2: t.float({ description: 'Between-study variance τ² (log HR scale).', resolve: (p) => p.tau2 }),
    i2: t.float({ description: 'I², percent.', resolve: (p) => p.i2 }),
    q: t.float({ description: 'Cochran’s Q.', resolve: (p) => p.q }),
    pooledOutcomes: t.stringList({ description: 'Slugs of the outcomes pooled.', resolve: (p) => p.pooledOutcomes }),
  }),
});

const EffectGroupRef = builder.objectRef<EffectGroup>('EffectGroup').implement({
  description: 'Estimates that agree on subgroup, measure and the kinds of arms compared; pooled only when independent and with CIs.',
  fields: (t) => ({
    state: t.string({ description: 'The subgroup the estimates share (see EffectEstimate.state).', resolve: (g) => g.state }),
    measure: t.string({ description: 'The endpoint the estimates share, e.g. OS or PFS.', resolve: (g) => g.measure }),
    contrastKind: t.string({ nullable: true, description: 'The kinds of arms compared that the estimates share; null when the arms are not recorded.', resolve: (g) => g.contrastKind }),
    estimates: t.field({ type: [EffectEstimateRef], description: 'The estimates in the group.', resolve: (g) => g.estimates }),
    pooled: t.field({ type: PooledRef, nullable: true, description: 'The pooled HR; null when the estimates cannot be pooled (see reason).', resolve: (g) => g.pooled }),
    reason: t.string({ nullable: true, description: 'Why there is no pooled estimate.', resolve: (g) => g.reason }),
  }),
});

const EffectSizesRef = builder.objectRef<EffectSizes & { biomarker: string }>('EffectSizes').implement({
  description: 'The answer to effectSizes: every comparative estimate for the biomarker, and the same estimates grouped by comparability.',
  fields: (t) => ({
    biomarker: t.field({ type: NodeRefs.Biomarker, nullable: true, description: 'The biomarker asked about.', resolve: (r, _a, ctx) => loadNode<Of<'Biomarker'>>(ctx, r.biomarker) }),
    estimates: t.field({ type: [EffectEstimateRef], description: 'Every estimate, ungrouped.', resolve: (r) => r.estimates }),
    groups: t.field({ type: [EffectGroupRef], description: 'The estimates grouped by subgroup, endpoint and kinds of arms compared, each pooled where possible.', resolve: (r) => r.groups }),
  }),
});

builder.queryField('effectSizes', (t) =>
  t.field({
    type: EffectSizesRef,
    description:
      'Every hazard ratio (or other comparative effect) behind the findings about a biomarker and its states, with CI, population, contrast, study and primary flag; grouped by comparability, with a DerSimonian–Laird pooled HR only where two or more independent estimates are comparable, and otherwise the reason.',
    args: {
      biomarker: t.arg.string({ required: true, description: 'Biomarker slug.' }),
      measure: t.arg({ type: OutcomeMeasureEnum, description: 'Only this endpoint (default: all).' }),
    },
    resolve: async (_p, args, ctx) => {
      await requireIds(ctx, 'biomarker', [args.biomarker], 'Biomarker');
      return { ...(await effectSizes(ctx.db, args.biomarker, args.measure ?? null)), biomarker: args.biomarker };
    },
  }),
);
