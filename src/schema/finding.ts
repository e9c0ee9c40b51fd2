import { builder } from './builder.js';
import { EvidenceLevelEnum, FindingDirectionEnum, FindingTypeEnum, OutcomeMeasureEnum, ScheduleEnum, SignificanceEnum, TherapyInteractionEnum } from './enums.js';
import { related, relatedOne } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Finding, {
  ...nodeOptions('Finding', 'An evidence statement (like a CIViC evidence item): a biomarker state, what it means for which therapies, how strong, and where it was read.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    statement: t.string({ description: 'The evidence statement in words.', resolve: (n) => n.statement }),
    biomarkerState: t.string({ description: 'The biomarker state the statement is about, e.g. high or negative.', resolve: (n) => n.biomarkerState }),
    type: t.field({ description: 'Predictive, prognostic, associated or pharmacodynamic.', type: FindingTypeEnum, resolve: (n) => n.type }),
    direction: t.field({ description: 'Whether the study supports the statement.', type: FindingDirectionEnum, resolve: (n) => n.direction }),
    significance: t.field({ description: 'What the biomarker state means for the patient.', type: SignificanceEnum, resolve: (n) => n.significance }),
    therapyInteraction: t.field({ description: 'How the therapies are combined.', type: TherapyInteractionEnum, nullable: true, resolve: (n) => n.therapyInteraction ?? null }),
    schedule: t.field({
      description: 'How radiotherapy and immunotherapy were timed, when it matters to the finding.',
      type: ScheduleEnum,
      nullable: true,
      resolve: (n) => n.schedule ?? null,
    }),
    contrast: t.string({ nullable: true, description: 'What was compared, for predictive findings.', resolve: (n) => n.contrast ?? null }),
    level: t.field({ description: 'CIViC evidence level, A (validated) to E (inferential).', type: EvidenceLevelEnum, resolve: (n) => n.level }),
    exploratory: t.boolean({ description: 'True for subgroup, post hoc or secondary analyses (half weight in the ranking).', resolve: (n) => n.exploratory }),
    patients: t.int({ nullable: true, description: 'Patients the finding rests on, when a source gives it.', resolve: (n) => n.patients ?? null }),
    measures: t.field({ description: 'The outcome measures the finding rests on.', type: [OutcomeMeasureEnum], resolve: (n) => n.measures }),
    biomarker: t.field({
      description: 'The biomarker the finding is about.',
      type: NodeRefs.Biomarker,
      nullable: true,
      resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Finding.biomarker', n, info),
    }),
    study: t.field({
      description: 'The study that reported the finding.',
      type: NodeRefs.Study,
      nullable: true,
      resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Finding.study', n, info),
    }),
    therapies: t.field({
      description: 'The therapies the finding is about.',
      type: [NodeRefs.Therapy],
      complexity: listComplexity('Finding.therapies'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Finding.therapies', n, info),
    }),
    outcomes: t.field({
      type: [NodeRefs.Outcome],
      description: 'The figures the finding rests on (effect sizes).',
      complexity: listComplexity('Finding.outcomes'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Finding.outcomes', n, info),
    }),
    arms: t.field({
      type: [NodeRefs.Arm],
      description: 'The arms contrasted.',
      complexity: listComplexity('Finding.arms'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Finding.arms', n, info),
    }),
    disease: t.field({
      description: 'The disease the finding was made in.',
      type: NodeRefs.Disease,
      nullable: true,
      resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Finding.disease', n, info),
    }),
    sources: t.field({
      description: 'Where the finding was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Finding.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Finding.sources', n, info),
    }),
  }),
});
