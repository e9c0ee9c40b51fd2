import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Trial, {
  ...nodeOptions('Trial', 'A registered clinical trial. Several studies can analyse one trial.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Trial name, e.g. PEMBRO-RT.', resolve: (n) => required(n, 'name') }),
    title: t.string({ description: 'Official title.', nullable: true, resolve: (n) => str(n, 'title') }),
    nctId: t.string({ description: 'ClinicalTrials.gov id (NCT…).', nullable: true, resolve: (n) => str(n, 'nctId') }),
    otherIds: t.stringList({ description: 'Other registry ids.', resolve: (n) => strs(n, 'otherIds') }),
    phase: t.string({ description: 'Phase as registered.', nullable: true, resolve: (n) => str(n, 'phase') }),
    sponsor: t.string({ description: 'Sponsor as registered.', nullable: true, resolve: (n) => str(n, 'sponsor') }),
    registryUrl: t.string({ description: 'ClinicalTrials.gov page of the trial.', nullable: true, resolve: (n) => externalLinks({ nctId: n.props['nctId'] })[0] ?? null }),
    studies: t.field({ type: [NodeRefs.Study], description: 'Studies linked to the trial, confirmed or candidate (see Study.trials for the status).', resolve: (n, _a, ctx) => related(ctx, 'Trial.studies', n) }),
    sources: t.field({ description: 'Where the trial was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Trial.sources', n) }),
  }),
});
