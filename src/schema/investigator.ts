import { builder } from '../builder.js';
import { AuthorshipRef, relNum, relStr } from './common.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Investigator, {
  ...nodeOptions('Investigator', 'A named author of one or more studies.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Full name.', resolve: (n) => required(n, 'name') }),
    aliases: t.stringList({ description: 'Other spellings of the name (search finds them too).', resolve: (n) => strs(n, 'aliases') }),
    title: t.string({ nullable: true, description: 'Academic title as a source gives it.', resolve: (n) => str(n, 'title') }),
    institutions: t.field({ description: 'Institutions the investigator is affiliated with.', type: [NodeRefs.Institution], resolve: (n, _a, ctx) => related(ctx, 'Investigator.institutions', n) }),
    studies: t.field({ description: 'Studies authored.', type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Investigator.studies', n) }),
    authorships: t.field({
      description: 'The studies authored, each with the role.',
      type: [AuthorshipRef],
      resolve: async (n, _a, ctx) =>
        (await ctx.loaders.edge('Investigator.studies').load(n.id)).map((h) => ({
          role: relStr(h.rel, 'role') ?? 'AUTHOR',
          position: relNum(h.rel, 'position'),
          investigator: n,
          study: h.node,
        })),
    }),
    sources: t.field({ description: 'Where the investigator’s part was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Investigator.sources', n) }),
  }),
});
