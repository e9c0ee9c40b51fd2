import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Trial, {
  ...nodeOptions('Trial', 'A registered clinical trial. Several studies can analyse one trial.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    title: t.string({ nullable: true, resolve: (n) => n.title ?? null }),
    nctId: t.string({ nullable: true, resolve: (n) => n.nctId ?? null }),
    otherIds: t.stringList({ resolve: (n) => n.otherIds }),
    phase: t.string({ nullable: true, resolve: (n) => n.phase ?? null }),
    sponsor: t.string({ nullable: true, resolve: (n) => n.sponsor ?? null }),
    registryUrl: t.string({ nullable: true, resolve: (n) => externalLinks({ nctId: n.nctId })[0] ?? null }),
    studies: t.connection(
      { type: NodeRefs.Study, description: 'Studies linked to the trial, confirmed or candidate (see Study.trials for the status).', complexity: pagedComplexity('Trial.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Trial.studies', n, args, (h) => h.node) },
      countable,
    ),
    sources: t.field({ type: [NodeRefs.Source], complexity: listComplexity('Trial.sources'), resolve: (n, _a, ctx) => related(ctx, 'Trial.sources', n) }),
  }),
});
