import { builder } from '../builder.js';
import { TherapyKindEnum } from './enums.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Therapy, {
  ...nodeOptions('Therapy', 'A drug, drug class, radiotherapy technique or regimen. IS_A links narrower to broader: pembrolizumab → anti-PD-1 → immune checkpoint blockade.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Display name.', resolve: (n) => required(n, 'name') }),
    kind: t.field({ description: 'Drug, drug class, radiotherapy, modality or regimen.', type: TherapyKindEnum, resolve: (n) => (str(n, 'kind') ?? 'MODALITY') as 'DRUG' }),
    aliases: t.stringList({ description: 'Other names it goes by, e.g. brand names (search finds them too).', resolve: (n) => strs(n, 'aliases') }),
    description: t.string({ description: 'What the therapy is.', nullable: true, resolve: (n) => str(n, 'description') }),
    broader: t.field({ description: 'Broader therapies this one IS_A.', type: [NodeRefs.Therapy], resolve: (n, _a, ctx) => related(ctx, 'Therapy.broader', n) }),
    narrower: t.field({ description: 'Narrower therapies that are a kind of this one.', type: [NodeRefs.Therapy], resolve: (n, _a, ctx) => related(ctx, 'Therapy.narrower', n) }),
    arms: t.field({ type: [NodeRefs.Arm], description: 'Arms that received this therapy itself (not a narrower one).', resolve: (n, _a, ctx) => related(ctx, 'Therapy.arms', n) }),
    studies: t.field({ type: [NodeRefs.Study], description: 'Studies with an arm that received this therapy itself.', resolve: (n, _a, ctx) => related(ctx, 'Therapy.studies', n) }),
    findings: t.field({ description: 'Findings about this therapy.', type: [NodeRefs.Finding], resolve: (n, _a, ctx) => related(ctx, 'Therapy.findings', n) }),
  }),
});
