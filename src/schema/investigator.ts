import { builder } from './builder.js';
import { AuthorshipRef } from './common.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Investigator, {
  ...nodeOptions('Investigator', 'A named author of one or more studies.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Full name.' }),
    aliases: t.exposeStringList('aliases', { description: 'Other spellings of the name (search finds them too).' }),
    title: t.exposeString('title', { nullable: true, description: 'Academic title as a source gives it.' }),
    institutions: t.field({
      description: 'Institutions the investigator is affiliated with.',
      type: [NodeRefs.Institution],
      complexity: listComplexity('Investigator.institutions'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Investigator.institutions', n, info),
    }),
    studies: t.connection(
      {
        description: 'Studies authored. Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Study,
        complexity: pagedComplexity('Investigator.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Investigator.studies', n, args, (h) => h.node),
      },
      countable,
    ),
    authorships: t.connection(
      {
        description: 'The studies authored, each with the author role, in the same order as studies. Paged: first (default 20, at most 100) and after.',
        type: AuthorshipRef,
        complexity: pagedComplexity('Investigator.studies'),
        resolve: (n, args, ctx) =>
          relationPage(ctx, 'Investigator.studies', n, args, (h) => ({ role: h.rel.role, position: h.rel.position ?? null, investigator: n, study: h.node })),
      },
      countable,
    ),
    sources: t.field({
      description: 'Where the investigator’s part was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Investigator.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Investigator.sources', n, info),
    }),
  }),
});
