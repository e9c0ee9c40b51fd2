import { builder } from '../builder.js';
import { TherapyUseRef, relNum, relStr } from './common.js';
import { ArmRoleEnum, ScheduleEnum } from './enums.js';
import { NodeRefs, nodeOptions, num, related, relatedOne, required, str } from './refs.js';

builder.node(NodeRefs.Arm, {
  ...nodeOptions('Arm', 'A treatment arm: its patients, schedule and the therapies it received in order.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => required(n, 'name') }),
    role: t.field({ type: ArmRoleEnum, resolve: (n) => (str(n, 'role') ?? 'SINGLE_ARM') as 'CONTROL' }),
    schedule: t.field({ type: ScheduleEnum, resolve: (n) => (str(n, 'schedule') ?? 'MONOTHERAPY') as 'CONCURRENT' }),
    n: t.int({ nullable: true, description: 'Patients in the arm, when a source gives it.', resolve: (n) => num(n, 'n') }),
    description: t.string({ nullable: true, resolve: (n) => str(n, 'description') }),
    study: t.field({ type: NodeRefs.Study, nullable: true, resolve: (n, _a, ctx) => relatedOne(ctx, 'Arm.study', n) }),
    therapies: t.field({
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
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Arm.sources', n) }),
  }),
});
