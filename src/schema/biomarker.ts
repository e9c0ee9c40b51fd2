import { builder } from './builder.js';
import { BiomarkerKindEnum, FindingTypeEnum } from './enums.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Biomarker, {
  ...nodeOptions('Biomarker', 'Something measured in a patient or tumour whose state may predict, or go with, outcome.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    kind: t.expose('kind', { description: 'What kind of measurement it is.', type: BiomarkerKindEnum }),
    aliases: t.exposeStringList('aliases', { description: 'Other names it goes by (search finds them too).' }),
    description: t.exposeString('description', { description: 'What is measured, and its states.', nullable: true }),
    findings: t.connection(
      {
        description: 'Findings about this biomarker, optionally of one type. Ordered by finding type, then slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Finding,
        args: { type: t.arg({ description: 'Only findings of this type (default: all).', type: FindingTypeEnum, required: false }) },
        complexity: pagedComplexity('Biomarker.findings'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Biomarker.findings', n, args, (h) => h.node, args.type ?? null),
      },
      countable,
    ),
    studies: t.connection(
      {
        description:
          'Studies with a finding about this biomarker. Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Study,
        complexity: pagedComplexity('Biomarker.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Biomarker.studies', n, args, (h) => h.node),
      },
      countable,
    ),
  }),
});
