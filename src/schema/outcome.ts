import { builder } from './builder.js';
import { OutcomeMeasureEnum } from './enums.js';
import { after, hits, related, relatedOne } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Outcome, {
  ...nodeOptions('Outcome', 'A measured result, exactly as the source prints it: per arm (value, CI) or a comparison of two arms (HR, CI, p).'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    measure: t.field({ description: 'The endpoint measured.', type: OutcomeMeasureEnum, resolve: (n) => n.measure }),
    population: t.string({ nullable: true, description: 'Subgroup or population the figure is for, in the source’s terms.', resolve: (n) => n.population ?? null }),
    value: t.float({ description: 'The figure itself (median, rate …) in unit.', nullable: true, resolve: (n) => n.value ?? null }),
    unit: t.string({ nullable: true, description: 'months, percent, patients or ratio.', resolve: (n) => n.unit ?? null }),
    ciLow: t.float({ nullable: true, description: '95% confidence interval, lower bound.', resolve: (n) => n.ciLow ?? null }),
    ciHigh: t.float({ description: '95% confidence interval, upper bound.', nullable: true, resolve: (n) => n.ciHigh ?? null }),
    ciNote: t.string({ nullable: true, description: 'E.g. "upper bound not reached".', resolve: (n) => n.ciNote ?? null }),
    timepoint: t.string({ description: 'When it was measured, e.g. 12 months, as the source gives it.', nullable: true, resolve: (n) => n.timepoint ?? null }),
    hr: t.float({ nullable: true, description: 'Hazard ratio, experimental vs control.', resolve: (n) => n.hr ?? null }),
    hrCiLow: t.float({ description: 'Hazard ratio 95% confidence interval, lower bound.', nullable: true, resolve: (n) => n.hrCiLow ?? null }),
    hrCiHigh: t.float({ description: 'Hazard ratio 95% confidence interval, upper bound.', nullable: true, resolve: (n) => n.hrCiHigh ?? null }),
    p: t.string({ nullable: true, description: 'p-value in the source’s own notation.', resolve: (n) => n.p ?? null }),
    note: t.string({ description: "Curator’s note on the figure (for a registry figure, the registry's own comment).", nullable: true, resolve: (n) => n.note ?? null }),
    title: t.string({ nullable: true, description: "A registry outcome measure's title, verbatim (what an OTHER measure measured).", resolve: (n) => n.title ?? null }),
    outcomeType: t.string({
      nullable: true,
      description: "A registry outcome measure's type: PRIMARY, SECONDARY, OTHER_PRE_SPECIFIED or POST_HOC.",
      resolve: (n) => n.outcomeType ?? null,
    }),
    unitOfMeasure: t.string({
      nullable: true,
      description: "The unit as the registry prints it (unit holds the vocabulary's unit where it says exactly that).",
      resolve: (n) => n.unitText ?? null,
    }),
    paramType: t.string({ nullable: true, description: 'What a registry value is: MEAN, MEDIAN, NUMBER, COUNT_OF_PARTICIPANTS …', resolve: (n) => n.paramType ?? null }),
    dispersionType: t.string({
      nullable: true,
      description: "The registry's dispersion: Standard Deviation, Standard Error, 95% Confidence Interval …",
      resolve: (n) => n.dispersionType ?? null,
    }),
    valueText: t.string({
      nullable: true,
      description: "The registry's value as printed (value is it as a number, where it is one).",
      resolve: (n) => n.valueText ?? n.estimateText ?? null,
    }),
    spread: t.string({ nullable: true, description: "The registry's spread (SD, SE) as printed.", resolve: (n) => n.spreadText ?? null }),
    lowerLimit: t.string({ nullable: true, description: "Lower limit of the registry's dispersion or CI, as printed.", resolve: (n) => n.lowerLimitText ?? n.ciLowerText ?? null }),
    upperLimit: t.string({ nullable: true, description: "Upper limit of the registry's dispersion or CI, as printed.", resolve: (n) => n.upperLimitText ?? n.ciUpperText ?? null }),
    participants: t.int({ nullable: true, description: 'Participants the registry counts for this group.', resolve: (n) => n.n ?? null }),
    estimateType: t.string({
      nullable: true,
      description: "A registry statistical analysis's estimate: Odds Ratio (OR), Hazard Ratio (HR), Mean Difference …",
      resolve: (n) => n.estimateType ?? null,
    }),
    ciPercent: t.string({ nullable: true, description: "The confidence level of a registry analysis's interval, e.g. 95.", resolve: (n) => n.ciPct ?? null }),
    method: t.string({ nullable: true, description: "A registry analysis's statistical method, verbatim.", resolve: (n) => n.method ?? null }),
    study: t.field({ description: 'The study that reported it.', type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Outcome.study', n, info) }),
    arm: t.field({ type: NodeRefs.Arm, nullable: true, description: 'Set for per-arm results.', resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Outcome.arm', n, info) }),
    experimentalArm: t.field({
      type: NodeRefs.Arm,
      nullable: true,
      description: 'Set for comparisons.',
      resolve: (n, _a, ctx, info) => after(hits(ctx, 'Outcome.comparedArms', n, info), (list) => list.find((h) => h.rel.role === 'EXPERIMENTAL')?.node ?? null),
    }),
    controlArm: t.field({
      description: 'Set for comparisons: the control arm.',
      type: NodeRefs.Arm,
      nullable: true,
      resolve: (n, _a, ctx, info) => after(hits(ctx, 'Outcome.comparedArms', n, info), (list) => list.find((h) => h.rel.role === 'CONTROL')?.node ?? null),
    }),
    findings: t.field({
      description: 'Findings that rest on this figure.',
      type: [NodeRefs.Finding],
      complexity: listComplexity('Outcome.findings'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Outcome.findings', n, info),
    }),
    sources: t.field({
      description: 'Where the figure was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Outcome.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Outcome.sources', n, info),
    }),
    secondaryOnly: t.boolean({
      description: 'True when every source of this figure is secondary (news, review, aggregator): treat with care.',
      complexity: listComplexity('Outcome.sources'),
      resolve: (n, _a, ctx, info) => after(related(ctx, 'Outcome.sources', n, info), (list) => list.every((s) => !s.primary)),
    }),
  }),
});
