import { builder } from './builder.js';
import { OutcomeMeasureEnum } from './enums.js';
import { after, hits, related, relatedOne } from './loading.js';
import { reads } from './lookahead.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Outcome, {
  ...nodeOptions('Outcome', 'A measured result, exactly as the source prints it: per arm (value, CI) or a comparison of two arms (HR, CI, p).'),
  fields: (t) => ({
    measure: t.expose('measure', { description: 'The endpoint measured.', type: OutcomeMeasureEnum }),
    population: t.exposeString('population', { nullable: true, description: 'Subgroup or population the figure is for, in the source’s terms.' }),
    value: t.exposeFloat('value', { description: 'The figure itself (median, rate …) in unit.', nullable: true }),
    unit: t.exposeString('unit', { nullable: true, description: 'months, percent, patients or ratio.' }),
    ciLow: t.exposeFloat('ciLow', { nullable: true, description: '95% confidence interval, lower bound.' }),
    ciHigh: t.exposeFloat('ciHigh', { description: '95% confidence interval, upper bound.', nullable: true }),
    ciNote: t.exposeString('ciNote', { nullable: true, description: 'E.g. "upper bound not reached".' }),
    timepoint: t.exposeString('timepoint', { description: 'When it was measured, e.g. 12 months, as the source gives it.', nullable: true }),
    hr: t.exposeFloat('hr', { nullable: true, description: 'Hazard ratio, experimental vs control.' }),
    hrCiLow: t.exposeFloat('hrCiLow', { description: 'Hazard ratio 95% confidence interval, lower bound.', nullable: true }),
    hrCiHigh: t.exposeFloat('hrCiHigh', { description: 'Hazard ratio 95% confidence interval, upper bound.', nullable: true }),
    p: t.exposeString('p', { nullable: true, description: 'p-value in the source’s own notation.' }),
    note: t.exposeString('note', { description: "Curator’s note on the figure (for a registry figure, the registry's own comment).", nullable: true }),
    title: t.exposeString('title', { nullable: true, description: "A registry outcome measure's title, verbatim (what an OTHER measure measured)." }),
    outcomeType: t.exposeString('outcomeType', {
      nullable: true,
      description: "A registry outcome measure's type: PRIMARY, SECONDARY, OTHER_PRE_SPECIFIED or POST_HOC.",
    }),
    unitOfMeasure: t.exposeString('unitText', {
      nullable: true,
      description: "The unit as the registry prints it (unit holds the vocabulary's unit where it says exactly that).",
    }),
    paramType: t.exposeString('paramType', { nullable: true, description: 'What a registry value is: MEAN, MEDIAN, NUMBER, COUNT_OF_PARTICIPANTS …' }),
    dispersionType: t.exposeString('dispersionType', {
      nullable: true,
      description: "The registry's dispersion: Standard Deviation, Standard Error, 95% Confidence Interval …",
    }),
    valueText: t.string({
      nullable: true,
      description: "The registry's value as printed (value is it as a number, where it is one).",
      extensions: reads('Outcome', 'valueText', 'estimateText'),
      resolve: (n) => n.valueText ?? n.estimateText ?? null,
    }),
    spread: t.exposeString('spreadText', { nullable: true, description: "The registry's spread (SD, SE) as printed." }),
    lowerLimit: t.string({
      nullable: true,
      description: "Lower limit of the registry's dispersion or CI, as printed.",
      extensions: reads('Outcome', 'lowerLimitText', 'ciLowerText'),
      resolve: (n) => n.lowerLimitText ?? n.ciLowerText ?? null,
    }),
    upperLimit: t.string({
      nullable: true,
      description: "Upper limit of the registry's dispersion or CI, as printed.",
      extensions: reads('Outcome', 'upperLimitText', 'ciUpperText'),
      resolve: (n) => n.upperLimitText ?? n.ciUpperText ?? null,
    }),
    participants: t.exposeInt('n', { nullable: true, description: 'Participants the registry counts for this group.' }),
    estimateType: t.exposeString('estimateType', {
      nullable: true,
      description: "A registry statistical analysis's estimate: Odds Ratio (OR), Hazard Ratio (HR), Mean Difference …",
    }),
    ciPercent: t.exposeString('ciPct', { nullable: true, description: "The confidence level of a registry analysis's interval, e.g. 95." }),
    method: t.exposeString('method', { nullable: true, description: "A registry analysis's statistical method, verbatim." }),
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
      extensions: reads('Outcome'),
      resolve: (n, _a, ctx, info) => after(related(ctx, 'Outcome.sources', n, info), (list) => list.every((s) => !s.primary)),
    }),
  }),
});
