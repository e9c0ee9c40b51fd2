import { builder } from '../builder.js';
import { AuthorshipRef } from './common.js';
import { hits, related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';

builder.node(NodeRefs.Investigator, {
  ...nodeOptions('Investigator', 'A named author of one or more studies.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    title: t.string({ nullable: true, description: 'Academic title as a source gives it.', resolve: (n) => n.title ?? null }),
    institutions: t.field({ type: [NodeRefs.Institution], resolve: (n, _a, ctx) => related(ctx, 'Investigator.institutions', n) }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Investigator.studies', n) }),
    authorships: t.field({
      type: [AuthorshipRef],
      resolve: async (n, _a, ctx) =>
        (await hits(ctx, 'Investigator.studies', n)).map((h) => ({ role: h.rel.role, position: h.rel.position ?? null, investigator: n, study: h.node })),
    }),
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Investigator.sources', n) }),
  }),
});
