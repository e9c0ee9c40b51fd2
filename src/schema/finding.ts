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
import { NodeRefs, bool, nodeOptions, num, related, relatedOne, str, strs } from './refs.js';

builder.node(NodeRefs.Finding, {
  ...nodeOptions('Finding', 'An evidence statement (like a CIViC evidence item): a biomarker state, what it means for which therapies, how strong, and where it was read.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    statement: t.string({ description: 'The evidence statement in words.', resolve: (n) => str(n, 'statement') ?? '' }),
    biomarkerState: t.string({ description: 'The biomarker state the statement is about, e.g. high or negative.', resolve: (n) => str(n, 'biomarkerState') ?? '' }),
    type: t.field({ description: 'Predictive, prognostic, associated or pharmacodynamic.', type: FindingTypeEnum, resolve: (n) => (str(n, 'type') ?? 'ASSOCIATED') as 'PREDICTIVE' }),
    direction: t.field({ description: 'Whether the study supports the statement.', type: FindingDirectionEnum, resolve: (n) => (str(n, 'direction') ?? 'SUPPORTS') as 'SUPPORTS' }),
    significance: t.field({ description: 'What the biomarker state means for the patient.', type: SignificanceEnum, resolve: (n) => (str(n, 'significance') ?? 'BENEFIT') as 'BENEFIT' }),
    therapyInteraction: t.field({ description: 'How the therapies are combined.', type: TherapyInteractionEnum, nullable: true, resolve: (n) => str(n, 'therapyInteraction') as 'COMBINATION' | null }),
    schedule: t.field({ description: 'How radiotherapy and immunotherapy were timed, when it matters to the finding.', type: ScheduleEnum, nullable: true, resolve: (n) => str(n, 'schedule') as 'CONCURRENT' | null }),
    contrast: t.string({ nullable: true, description: 'What was compared, for predictive findings.', resolve: (n) => str(n, 'contrast') }),
    level: t.field({ description: 'CIViC evidence level, A (validated) to E (inferential).', type: EvidenceLevelEnum, resolve: (n) => (str(n, 'level') ?? 'E') as 'A' }),
    exploratory: t.boolean({ description: 'True for subgroup, post hoc or secondary analyses (half weight in the ranking).', resolve: (n) => bool(n, 'exploratory') ?? true }),
    patients: t.int({ nullable: true, description: 'Patients the finding rests on, when a source gives it.', resolve: (n) => num(n, 'patients') }),
    measures: t.field({ description: 'The outcome measures the finding rests on.', type: [OutcomeMeasureEnum], resolve: (n) => strs(n, 'measures') as 'OS'[] }),
    biomarker: t.field({ description: 'The biomarker the finding is about.', type: NodeRefs.Biomarker, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.biomarker', n) }),
    study: t.field({ description: 'The study that reported the finding.', type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.study', n) }),
    therapies: t.field({ description: 'The therapies the finding is about.', type: [NodeRefs.Therapy], resolve: (n, _a, ctx) => related(ctx, 'Finding.therapies', n) }),
    outcomes: t.field({ type: [NodeRefs.Outcome], description: 'The figures the finding rests on (effect sizes).', resolve: (n, _a, ctx) => related(ctx, 'Finding.outcomes', n) }),
    arms: t.field({ type: [NodeRefs.Arm], description: 'The arms contrasted.', resolve: (n, _a, ctx) => related(ctx, 'Finding.arms', n) }),
    disease: t.field({ description: 'The disease the finding was made in.', type: NodeRefs.Disease, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Finding.disease', n) }),
    sources: t.field({ description: 'Where the finding was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Finding.sources', n) }),
  }),
});
