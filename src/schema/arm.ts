import { builder } from '../builder.js';
import { TherapyUseRef, relNum, relStr } from './common.js';
import { ArmRoleEnum, ScheduleEnum } from './enums.js';
import { NodeRefs, nodeOptions, num, related, relatedOne, required, str } from './refs.js';

builder.node(NodeRefs.Arm, {
  ...nodeOptions('Arm', 'A treatment arm: its patients, schedule and the therapies it received in order.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'The arm’s name as the source labels it.', resolve: (n) => required(n, 'name') }),
    role: t.field({ description: 'The part the arm plays in its study.', type: ArmRoleEnum, resolve: (n) => (str(n, 'role') ?? 'SINGLE_ARM') as 'CONTROL' }),
    schedule: t.field({ description: 'How radiotherapy and immunotherapy are timed in this arm.', type: ScheduleEnum, resolve: (n) => (str(n, 'schedule') ?? 'MONOTHERAPY') as 'CONCURRENT' }),
    n: t.int({ nullable: true, description: 'Patients in the arm, when a source gives it.', resolve: (n) => num(n, 'n') }),
    description: t.string({ description: 'The arm as the source describes it.', nullable: true, resolve: (n) => str(n, 'description') }),
    study: t.field({ description: 'The study the arm belongs to.', type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Arm.study', n) }),
    therapies: t.field({
      description: 'The therapies the arm received, in order, with dose and fractions.',
      type: [TherapyUseRef],
      resolve: async (n, _a, ctx) =>
        (await ctx.loaders.edge('Arm.therapies').load(n.id)).map((h) => ({
          order: relNum(h.rel, 'order') ?? 1,
          dose: relStr(h.rel, 'dose'),
          fractions: relStr(h.rel, 'fractions'),
          note: relStr(h.rel, 'note'),
          therapy: h.node,
          arm: n,
        })),
    }),
    outcomes: t.field({ type: [NodeRefs.Outcome], description: 'Per-arm results and comparisons this arm takes part in.', resolve: (n, _a, ctx) => related(ctx, 'Arm.outcomes', n) }),
    sources: t.field({ description: 'Where the arm was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Arm.sources', n) }),
  }),
});
