import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Trial, {
  ...nodeOptions('Trial', 'A registered clinical trial. Several studies can analyse one trial.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Trial name, e.g. PEMBRO-RT.', resolve: (n) => n.name }),
    title: t.string({ description: 'Official title.', nullable: true, resolve: (n) => n.title ?? null }),
    nctId: t.string({ description: 'ClinicalTrials.gov id (NCT…).', nullable: true, resolve: (n) => n.nctId ?? null }),
    otherIds: t.stringList({ description: 'Other registry ids.', resolve: (n) => n.otherIds }),
    phase: t.string({ description: 'Phase as registered.', nullable: true, resolve: (n) => n.phase ?? null }),
    sponsor: t.string({ description: 'Sponsor as registered.', nullable: true, resolve: (n) => n.sponsor ?? null }),
    registryUrl: t.string({ description: 'ClinicalTrials.gov page of the trial.', nullable: true, resolve: (n) => externalLinks({ nctId: n.nctId })[0] ?? null }),
    studies: t.connection(
      { type: NodeRefs.Study, description: 'Studies linked to the trial, confirmed or candidate (see Study.trials for the status). Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.', complexity: pagedComplexity('Trial.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Trial.studies', n, args, (h) => h.node) },
      countable,
    ),
    sources: t.field({ description: 'Where the trial was read.', type: [NodeRefs.Source], complexity: listComplexity('Trial.sources'), resolve: (n, _a, ctx, info) => related(ctx, 'Trial.sources', n, info) }),
  }),
});
