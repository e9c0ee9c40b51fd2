import { builder } from './builder.js';
import { EvidenceLevelEnum, FindingDirectionEnum, FindingTypeEnum, OutcomeMeasureEnum, ScheduleEnum, SignificanceEnum, TherapyInteractionEnum } from './enums.js';
import { related, relatedOne } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Finding, {
  ...nodeOptions('Finding', 'An evidence statement (like a CIViC evidence item): a biomarker state, what it means for which therapies, how strong, and where it was read.'),
  fields: (t) => ({
    statement: t.exposeString('statement', { description: 'The evidence statement in words.' }),
    biomarkerState: t.exposeString('biomarkerState', { description: 'The biomarker state the statement is about, e.g. high or negative.' }),
    type: t.expose('type', { description: 'Predictive, prognostic, associated or pharmacodynamic.', type: FindingTypeEnum }),
    direction: t.expose('direction', { description: 'Whether the study supports the statement.', type: FindingDirectionEnum }),
    significance: t.expose('significance', { description: 'What the biomarker state means for the patient.', type: SignificanceEnum }),
    therapyInteraction: t.expose('therapyInteraction', { description: 'How the therapies are combined.', type: TherapyInteractionEnum, nullable: true }),
    schedule: t.expose('schedule', {
      description: 'How radiotherapy and immunotherapy were timed, when it matters to the finding.',
      type: ScheduleEnum,
      nullable: true,
    }),
    contrast: t.exposeString('contrast', { nullable: true, description: 'What was compared, for predictive findings.' }),
    level: t.expose('level', { description: 'CIViC evidence level, A (validated) to E (inferential).', type: EvidenceLevelEnum }),
    exploratory: t.exposeBoolean('exploratory', { description: 'True for subgroup, post hoc or secondary analyses (half weight in the ranking).' }),
    patients: t.exposeInt('patients', { nullable: true, description: 'Patients the finding rests on, when a source gives it.' }),
    measures: t.expose('measures', { description: 'The outcome measures the finding rests on.', type: [OutcomeMeasureEnum] }),
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
