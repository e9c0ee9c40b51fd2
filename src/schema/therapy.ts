import { builder } from '../builder.js';
import { TherapyKindEnum } from './enums.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Therapy, {
  ...nodeOptions('Therapy', 'A drug, drug class, radiotherapy technique or regimen. IS_A links narrower to broader: pembrolizumab → anti-PD-1 → immune checkpoint blockade.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    kind: t.field({ type: TherapyKindEnum, resolve: (n) => n.kind }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    description: t.string({ nullable: true, resolve: (n) => n.description ?? null }),
    broader: t.field({ type: [NodeRefs.Therapy], complexity: listComplexity('Therapy.broader'), resolve: (n, _a, ctx) => related(ctx, 'Therapy.broader', n) }),
    narrower: t.field({ type: [NodeRefs.Therapy], complexity: listComplexity('Therapy.narrower'), resolve: (n, _a, ctx) => related(ctx, 'Therapy.narrower', n) }),
    arms: t.connection(
      { type: NodeRefs.Arm, description: 'Arms that received this therapy itself (not a narrower one).', complexity: pagedComplexity('Therapy.arms'), resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.arms', n, args, (h) => h.node) },
      countable,
    ),
    studies: t.connection(
      { type: NodeRefs.Study, description: 'Studies with an arm that received this therapy itself.', complexity: pagedComplexity('Therapy.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.studies', n, args, (h) => h.node) },
      countable,
    ),
    findings: t.connection(
      { type: NodeRefs.Finding, complexity: pagedComplexity('Therapy.findings'), resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.findings', n, args, (h) => h.node) },
      countable,
    ),
  }),
});
