import { builder } from '../builder.js';
import { BiomarkerKindEnum, FindingTypeEnum } from './enums.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Biomarker, {
  ...nodeOptions('Biomarker', 'Something measured in a patient or tumour whose state may predict, or go with, outcome.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Display name.', resolve: (n) => required(n, 'name') }),
    kind: t.field({ description: 'What kind of measurement it is.', type: BiomarkerKindEnum, resolve: (n) => (str(n, 'kind') ?? 'COMPOSITE') as 'GENOMIC' }),
    aliases: t.stringList({ description: 'Other names it goes by (search finds them too).', resolve: (n) => strs(n, 'aliases') }),
    description: t.string({ description: 'What is measured, and its states.', nullable: true, resolve: (n) => str(n, 'description') }),
    findings: t.field({
      description: 'Findings about this biomarker.',
      type: [NodeRefs.Finding],
      args: { type: t.arg({ description: 'Only findings of this type.', type: FindingTypeEnum, required: false }) },
      resolve: async (n, args, ctx) => (await related(ctx, 'Biomarker.findings', n)).filter((f) => !args.type || f.props['type'] === args.type),
    }),
    studies: t.field({ description: 'Studies with a finding about this biomarker.', type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Biomarker.studies', n) }),
  }),
});
