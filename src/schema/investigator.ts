import { builder } from '../builder.js';
import { AuthorshipRef, relNum, relStr } from './common.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Investigator, {
  ...nodeOptions('Investigator', 'A named author of one or more studies.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => required(n, 'name') }),
    aliases: t.stringList({ resolve: (n) => strs(n, 'aliases') }),
    title: t.string({ nullable: true, description: 'Academic title as a source gives it.', resolve: (n) => str(n, 'title') }),
    institutions: t.field({ type: [NodeRefs.Institution], resolve: (n, _a, ctx) => related(ctx, 'Investigator.institutions', n) }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Investigator.studies', n) }),
    authorships: t.field({
      type: [AuthorshipRef],
      resolve: async (n, _a, ctx) =>
        (await ctx.loaders.edge('Investigator.studies').load(n.id)).map((h) => ({
          role: relStr(h.rel, 'role') ?? 'AUTHOR',
          position: relNum(h.rel, 'position'),
          investigator: n,
          study: h.node,
        })),
    }),
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Investigator.sources', n) }),
  }),
});
