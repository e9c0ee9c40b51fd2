import { builder } from '../builder.js';
import { BiomarkerKindEnum, FindingTypeEnum } from './enums.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Biomarker, {
  ...nodeOptions('Biomarker', 'Something measured in a patient or tumour whose state may predict, or go with, outcome.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => required(n, 'name') }),
    kind: t.field({ type: BiomarkerKindEnum, resolve: (n) => (str(n, 'kind') ?? 'COMPOSITE') as 'GENOMIC' }),
    aliases: t.stringList({ resolve: (n) => strs(n, 'aliases') }),
    description: t.string({ nullable: true, resolve: (n) => str(n, 'description') }),
    findings: t.field({
      type: [NodeRefs.Finding],
      args: { type: t.arg({ type: FindingTypeEnum, required: false }) },
      resolve: async (n, args, ctx) => (await related(ctx, 'Biomarker.findings', n)).filter((f) => !args.type || f.props['type'] === args.type),
    }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Biomarker.studies', n) }),
  }),
});
