import { builder } from '../builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Institution, {
  ...nodeOptions('Institution', 'A hospital, cancer centre or university where studies were conducted.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    city: t.string({ nullable: true, resolve: (n) => n.city ?? null }),
    country: t.string({ nullable: true, resolve: (n) => n.country ?? null }),
    investigators: t.connection(
      { type: NodeRefs.Investigator, complexity: pagedComplexity('Institution.investigators'), resolve: (n, args, ctx) => relationPage(ctx, 'Institution.investigators', n, args, (h) => h.node) },
      countable,
    ),
    studies: t.connection(
      { type: NodeRefs.Study, complexity: pagedComplexity('Institution.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Institution.studies', n, args, (h) => h.node) },
      countable,
    ),
    sources: t.field({ type: [NodeRefs.Source], complexity: listComplexity('Institution.sources'), resolve: (n, _a, ctx) => related(ctx, 'Institution.sources', n) }),
  }),
});
