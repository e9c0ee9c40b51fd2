import { builder } from './builder.js';
import { TherapyKindEnum } from './enums.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Therapy, {
  ...nodeOptions('Therapy', 'A drug, drug class, radiotherapy technique or regimen. IS_A links narrower to broader: pembrolizumab → anti-PD-1 → immune checkpoint blockade.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    kind: t.expose('kind', { description: 'Drug, drug class, radiotherapy, modality or regimen.', type: TherapyKindEnum }),
    aliases: t.exposeStringList('aliases', { description: 'Other names it goes by, e.g. brand names (search finds them too).' }),
    description: t.exposeString('description', { description: 'What the therapy is.', nullable: true }),
    broader: t.field({
      description: 'Broader therapies this one IS_A.',
      type: [NodeRefs.Therapy],
      complexity: listComplexity('Therapy.broader'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Therapy.broader', n, info),
    }),
    narrower: t.field({
      description: 'Narrower therapies that are a kind of this one.',
      type: [NodeRefs.Therapy],
      complexity: listComplexity('Therapy.narrower'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Therapy.narrower', n, info),
    }),
    arms: t.connection(
      {
        type: NodeRefs.Arm,
        description: 'Arms that received this therapy itself (not a narrower one). Ordered by slug. Paged: first (default 20, at most 100) and after.',
        complexity: pagedComplexity('Therapy.arms'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.arms', n, args, (h) => h.node),
      },
      countable,
    ),
    studies: t.connection(
      {
        type: NodeRefs.Study,
        description:
          'Studies with an arm that received this therapy itself. Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        complexity: pagedComplexity('Therapy.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.studies', n, args, (h) => h.node),
      },
      countable,
    ),
    findings: t.connection(
      {
        description: 'Findings about this therapy. Ordered by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Finding,
        complexity: pagedComplexity('Therapy.findings'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Therapy.findings', n, args, (h) => h.node),
      },
      countable,
    ),
  }),
});
