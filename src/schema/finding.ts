import { builder } from '../builder.js';
import {
  EvidenceLevelEnum,
  FindingDirectionEnum,
  FindingTypeEnum,
  OutcomeMeasureEnum,
  ScheduleEnum,
  SignificanceEnum,
  TherapyInteractionEnum,
} from './enums.js';
import { related, relatedOne } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Finding, {
  ...nodeOptions('Finding', 'An evidence statement (like a CIViC evidence item): a biomarker state, what it means for which therapies, how strong, and where it was read.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    statement: t.string({ resolve: (n) => n.statement }),
    biomarkerState: t.string({ resolve: (n) => n.biomarkerState }),
    type: t.field({ type: FindingTypeEnum, resolve: (n) => n.type }),
    direction: t.field({ type: FindingDirectionEnum, resolve: (n) => n.direction }),
    significance: t.field({ type: SignificanceEnum, resolve: (n) => n.significance }),
    therapyInteraction: t.field({ type: TherapyInteractionEnum, nullable: true, resolve: (n) => n.therapyInteraction ?? null }),
    schedule: t.field({ type: ScheduleEnum, nullable: true, resolve: (n) => n.schedule ?? null }),
    contrast: t.string({ nullable: true, description: 'What was compared, for predictive findings.', resolve: (n) => n.contrast ?? null }),
    level: t.field({ type: EvidenceLevelEnum, resolve: (n) => n.level }),
    exploratory: t.boolean({ resolve: (n) => n.exploratory }),
    patients: t.int({ nullable: true, description: 'Patients the finding rests on, when a source gives it.', resolve: (n) => n.patients ?? null }),
    measures: t.field({ type: [OutcomeMeasureEnum], resolve: (n) => n.measures }),
    biomarker: t.field({ type: NodeRefs.Biomarker, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.biomarker', n) }),
    study: t.field({ type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.study', n) }),
    therapies: t.field({ type: [NodeRefs.Therapy], complexity: listComplexity('Finding.therapies'), resolve: (n, _a, ctx) => related(ctx, 'Finding.therapies', n) }),
    outcomes: t.field({ type: [NodeRefs.Outcome], description: 'The figures the finding rests on (effect sizes).', complexity: listComplexity('Finding.outcomes'), resolve: (n, _a, ctx) => related(ctx, 'Finding.outcomes', n) }),
    arms: t.field({ type: [NodeRefs.Arm], description: 'The arms contrasted.', complexity: listComplexity('Finding.arms'), resolve: (n, _a, ctx) => related(ctx, 'Finding.arms', n) }),
    disease: t.field({ type: NodeRefs.Disease, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.disease', n) }),
    sources: t.field({ type: [NodeRefs.Source], complexity: listComplexity('Finding.sources'), resolve: (n, _a, ctx) => related(ctx, 'Finding.sources', n) }),
  }),
});
