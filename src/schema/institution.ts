import { builder } from './builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Institution, {
  ...nodeOptions('Institution', 'A hospital, cancer centre or university where studies were conducted.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other names it goes by (search finds them too).' }),
    city: t.exposeString('city', { description: 'City.', nullable: true }),
    country: t.exposeString('country', { description: 'Country.', nullable: true }),
    investigators: t.connection(
      {
        description: 'Investigators affiliated with it, ordered by name. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Investigator,
        complexity: pagedComplexity('Institution.investigators'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Institution.investigators', n, args, (h) => h.node),
      },
      countable,
    ),
    studies: t.connection(
      {
        description: 'Studies conducted there. Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Study,
        complexity: pagedComplexity('Institution.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Institution.studies', n, args, (h) => h.node),
      },
      countable,
    ),
    sources: t.field({
      description: 'Where the institution’s part was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Institution.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Institution.sources', n, info),
    }),
  }),
});
