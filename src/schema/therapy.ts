import { builder } from '../builder.js';
import { TherapyKindEnum } from './enums.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';

builder.node(NodeRefs.Therapy, {
  ...nodeOptions('Therapy', 'A drug, drug class, radiotherapy technique or regimen. IS_A links narrower to broader: pembrolizumab → anti-PD-1 → immune checkpoint blockade.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    kind: t.field({ type: TherapyKindEnum, resolve: (n) => n.kind }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    description: t.string({ nullable: true, resolve: (n) => n.description ?? null }),
    broader: t.field({ type: [NodeRefs.Therapy], resolve: (n, _a, ctx) => related(ctx, 'Therapy.broader', n) }),
    narrower: t.field({ type: [NodeRefs.Therapy], resolve: (n, _a, ctx) => related(ctx, 'Therapy.narrower', n) }),
    arms: t.field({ type: [NodeRefs.Arm], description: 'Arms that received this therapy itself (not a narrower one).', resolve: (n, _a, ctx) => related(ctx, 'Therapy.arms', n) }),
    studies: t.field({ type: [NodeRefs.Study], description: 'Studies with an arm that received this therapy itself.', resolve: (n, _a, ctx) => related(ctx, 'Therapy.studies', n) }),
    findings: t.field({ type: [NodeRefs.Finding], resolve: (n, _a, ctx) => related(ctx, 'Therapy.findings', n) }),
  }),
});
