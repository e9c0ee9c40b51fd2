import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { SourceKindEnum } from './enums.js';
import { NodeRefs, bool, nodeOptions, related, str, strs } from './refs.js';

builder.node(NodeRefs.Source, {
  ...nodeOptions('Source', 'Where a fact was read: a publication, registry record, dataset, news item or review. Secondary sources (news, reviews, aggregators) are marked.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    kind: t.field({ description: 'What the source is.', type: SourceKindEnum, resolve: (n) => (str(n, 'kind') ?? 'PUBLICATION') as 'NEWS' }),
    primary: t.boolean({ description: 'True for primary sources (publications, registries, datasets).', resolve: (n) => bool(n, 'primary') ?? false }),
    secondary: t.boolean({ description: 'The opposite of primary: news, press, reviews, aggregator summaries.', resolve: (n) => bool(n, 'primary') === false }),
    register: t.string({ nullable: true, description: 'Key in the curators’ fact sheet (S01 …).', resolve: (n) => str(n, 'register') }),
    title: t.string({ description: 'Title.', nullable: true, resolve: (n) => str(n, 'title') }),
    publisher: t.string({ description: 'Journal, registry or site that published it.', nullable: true, resolve: (n) => str(n, 'publisher') }),
    url: t.string({ description: 'URL read.', nullable: true, resolve: (n) => str(n, 'url') }),
    alsoAt: t.stringList({ description: 'Other URLs where the same content was read.', resolve: (n) => strs(n, 'alsoAt') }),
    doi: t.string({ description: 'DOI.', nullable: true, resolve: (n) => str(n, 'doi') }),
    pmid: t.string({ description: 'PubMed id.', nullable: true, resolve: (n) => str(n, 'pmid') }),
    nctId: t.string({ description: 'ClinicalTrials.gov id (NCT…).', nullable: true, resolve: (n) => str(n, 'nctId') }),
    published: t.string({ description: 'Publication date, possibly partial (YYYY or YYYY-MM).', nullable: true, resolve: (n) => str(n, 'published') }),
    note: t.string({ description: 'Curator’s note on the source.', nullable: true, resolve: (n) => str(n, 'note') }),
    links: t.stringList({ description: 'Resolvable links: doi.org, PubMed, ClinicalTrials.gov, then the URLs read.', resolve: (n) => externalLinks(n.props) }),
    supports: t.field({
      type: [builder.nodeInterfaceRef()],
      description: 'The studies, trials, arms, outcomes, findings and people this source is cited for.',
      resolve: (n, _a, ctx) => related(ctx, 'Source.supports', n),
    }),
  }),
});
