import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Trial, {
  ...nodeOptions('Trial', 'A registered clinical trial. Several studies can analyse one trial.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => required(n, 'name') }),
    title: t.string({ nullable: true, resolve: (n) => str(n, 'title') }),
    nctId: t.string({ nullable: true, resolve: (n) => str(n, 'nctId') }),
    otherIds: t.stringList({ resolve: (n) => strs(n, 'otherIds') }),
    phase: t.string({ nullable: true, resolve: (n) => str(n, 'phase') }),
    sponsor: t.string({ nullable: true, resolve: (n) => str(n, 'sponsor') }),
    registryUrl: t.string({ nullable: true, resolve: (n) => externalLinks({ nctId: n.props['nctId'] })[0] ?? null }),
    studies: t.field({ type: [NodeRefs.Study], description: 'Studies linked to the trial, confirmed or candidate (see Study.trials for the status).', resolve: (n, _a, ctx) => related(ctx, 'Trial.studies', n) }),
    sources: t.field({ type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Trial.sources', n) }),
  }),
});
