import { builder } from '../builder.js';
import { BiomarkerKindEnum, FindingTypeEnum } from './enums.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';

builder.node(NodeRefs.Biomarker, {
  ...nodeOptions('Biomarker', 'Something measured in a patient or tumour whose state may predict, or go with, outcome.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    kind: t.field({ type: BiomarkerKindEnum, resolve: (n) => n.kind }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    description: t.string({ nullable: true, resolve: (n) => n.description ?? null }),
    findings: t.field({
      type: [NodeRefs.Finding],
      args: { type: t.arg({ type: FindingTypeEnum, required: false }) },
      resolve: async (n, args, ctx) => (await related(ctx, 'Biomarker.findings', n)).filter((f) => !args.type || f.type === args.type),
    }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Biomarker.studies', n) }),
  }),
});
