import { builder } from '../builder.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Institution, {
  ...nodeOptions('Institution', 'A hospital, cancer centre or university where studies were conducted.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Display name.', resolve: (n) => required(n, 'name') }),
    aliases: t.stringList({ description: 'Other names it goes by (search finds them too).', resolve: (n) => strs(n, 'aliases') }),
    city: t.string({ description: 'City.', nullable: true, resolve: (n) => str(n, 'city') }),
    country: t.string({ description: 'Country.', nullable: true, resolve: (n) => str(n, 'country') }),
    investigators: t.field({ description: 'Investigators affiliated with it.', type: [NodeRefs.Investigator], resolve: (n, _a, ctx) => related(ctx, 'Institution.investigators', n) }),
    studies: t.field({ description: 'Studies conducted there.', type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Institution.studies', n) }),
    sources: t.field({ description: 'Where the institution’s part was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Institution.sources', n) }),
  }),
});
