import { builder } from '../builder.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Institution, {
  ...nodeOptions('Institution', 'A hospital, cancer centre or university where studies were conducted.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => required(n, 'name') }),
    aliases: t.stringList({ resolve: (n) => strs(n, 'aliases') }),
    city: t.string({ nullable: true, resolve: (n) => str(n, 'city') }),
    country: t.string({ nullable: true, resolve: (n) => str(n, 'country') }),
    investigators: t.field({ type: [NodeRefs.Investigator], resolve: (n, _a, ctx) => related(ctx, 'Institution.investigators', n) }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Institution.studies', n) }),
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Institution.sources', n) }),
  }),
});
