import { builder } from '../builder.js';
import { BiomarkerKindEnum, FindingTypeEnum } from './enums.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Biomarker, {
  ...nodeOptions('Biomarker', 'Something measured in a patient or tumour whose state may predict, or go with, outcome.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    kind: t.field({ type: BiomarkerKindEnum, resolve: (n) => n.kind }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    description: t.string({ nullable: true, resolve: (n) => n.description ?? null }),
    findings: t.connection(
      {
        type: NodeRefs.Finding,
        args: { type: t.arg({ type: FindingTypeEnum, required: false }) },
        complexity: pagedComplexity('Biomarker.findings'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Biomarker.findings', n, args, (h) => h.node, args.type ?? null),
      },
      countable,
    ),
    studies: t.connection(
      { type: NodeRefs.Study, complexity: pagedComplexity('Biomarker.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Biomarker.studies', n, args, (h) => h.node) },
      countable,
    ),
  }),
});
