import { builder } from '../builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';

builder.node(NodeRefs.Institution, {
  ...nodeOptions('Institution', 'A hospital, cancer centre or university where studies were conducted.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    city: t.string({ nullable: true, resolve: (n) => n.city ?? null }),
    country: t.string({ nullable: true, resolve: (n) => n.country ?? null }),
    investigators: t.field({ type: [NodeRefs.Investigator], resolve: (n, _a, ctx) => related(ctx, 'Institution.investigators', n) }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Institution.studies', n) }),
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Institution.sources', n) }),
  }),
});
