import { builder } from './builder.js';
import { TherapyUseRef } from './common.js';
import { ArmRoleEnum, ScheduleEnum } from './enums.js';
import { after, hits, related, relatedOne } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Arm, {
  ...nodeOptions('Arm', 'A treatment arm: its patients, schedule and the therapies it received in order.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'The arm’s name as the source labels it.' }),
    role: t.expose('role', {
      description: 'The part the arm plays in its study; null where the source does not say (an arm imported from a registry record).',
      type: ArmRoleEnum,
      nullable: true,
    }),
    schedule: t.expose('schedule', {
      description: 'How radiotherapy and immunotherapy are timed in this arm; null where the source does not say (an arm imported from a registry record).',
      type: ScheduleEnum,
      nullable: true,
    }),
    scheduleBasis: t.exposeString('scheduleBasis', {
      description: "Where a registry arm's schedule was read (a derived value: the registry's arm description in its own words).",
      nullable: true,
    }),
    n: t.exposeInt('n', { nullable: true, description: 'Patients in the arm, when a source gives it.' }),
    description: t.exposeString('description', { description: 'The arm as the source describes it.', nullable: true }),
    study: t.field({ description: 'The study the arm belongs to.', type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Arm.study', n, info) }),
    therapies: t.field({
      description: 'The therapies the arm received, in order, with dose and fractions.',
      type: [TherapyUseRef],
      complexity: listComplexity('Arm.therapies'),
      resolve: (n, _a, ctx, info) =>
        after(hits(ctx, 'Arm.therapies', n, info), (list) =>
          list.map((h) => ({
            order: h.rel.order ?? null,
            dose: h.rel.dose ?? null,
            fractions: h.rel.fractions ?? null,
            note: h.rel.note ?? null,
            therapy: h.node,
            arm: n,
          })),
        ),
    }),
    outcomes: t.field({
      type: [NodeRefs.Outcome],
      description: 'Per-arm results and comparisons this arm takes part in.',
      complexity: listComplexity('Arm.outcomes'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Arm.outcomes', n, info),
    }),
    sources: t.field({
      description: 'Where the arm was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Arm.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Arm.sources', n, info),
    }),
  }),
});
