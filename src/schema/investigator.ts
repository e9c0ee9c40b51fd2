import { builder } from '../builder.js';
import { AuthorshipRef } from './common.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Investigator, {
  ...nodeOptions('Investigator', 'A named author of one or more studies.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    title: t.string({ nullable: true, description: 'Academic title as a source gives it.', resolve: (n) => n.title ?? null }),
    institutions: t.field({ type: [NodeRefs.Institution], complexity: listComplexity('Investigator.institutions'), resolve: (n, _a, ctx) => related(ctx, 'Investigator.institutions', n) }),
    studies: t.connection(
      { type: NodeRefs.Study, complexity: pagedComplexity('Investigator.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Investigator.studies', n, args, (h) => h.node) },
      countable,
    ),
    authorships: t.connection(
      {
        type: AuthorshipRef,
        complexity: pagedComplexity('Investigator.studies'),
        resolve: (n, args, ctx) =>
          relationPage(ctx, 'Investigator.studies', n, args, (h) => ({ role: h.rel.role, position: h.rel.position ?? null, investigator: n, study: h.node })),
      },
      countable,
    ),
    sources: t.field({ type: [NodeRefs.Source], complexity: listComplexity('Investigator.sources'), resolve: (n, _a, ctx) => related(ctx, 'Investigator.sources', n) }),
  }),
});
