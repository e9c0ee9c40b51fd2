import { builder } from './builder.js';
import { externalLinks } from './display.js';
import { SourceKindEnum } from './enums.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Source, {
  ...nodeOptions('Source', 'Where a fact was read: a publication, registry record, dataset, news item or review. Secondary sources (news, reviews, aggregators) are marked.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    kind: t.field({ description: 'What the source is.', type: SourceKindEnum, resolve: (n) => n.kind }),
    primary: t.boolean({ description: 'True for primary sources (publications, registries, datasets).', resolve: (n) => n.primary }),
    secondary: t.boolean({ description: 'The opposite of primary: news, press, reviews, aggregator summaries.', resolve: (n) => !n.primary }),
    register: t.string({ nullable: true, description: 'Key in the curators’ fact sheet (S01 …).', resolve: (n) => n.register ?? null }),
    title: t.string({ description: 'Title.', nullable: true, resolve: (n) => n.title ?? null }),
    publisher: t.string({ description: 'Journal, registry or site that published it.', nullable: true, resolve: (n) => n.publisher ?? null }),
    url: t.string({ description: 'URL read.', nullable: true, resolve: (n) => n.url ?? null }),
    alsoAt: t.stringList({ description: 'Other URLs where the same content was read.', resolve: (n) => n.alsoAt }),
    doi: t.string({ description: 'DOI.', nullable: true, resolve: (n) => n.doi ?? null }),
    pmid: t.string({ description: 'PubMed id.', nullable: true, resolve: (n) => n.pmid ?? null }),
    nctId: t.string({ description: 'ClinicalTrials.gov id (NCT…).', nullable: true, resolve: (n) => n.nctId ?? null }),
    published: t.string({ description: 'Publication date, possibly partial (YYYY or YYYY-MM).', nullable: true, resolve: (n) => n.published ?? null }),
    note: t.string({ description: 'Curator’s note on the source.', nullable: true, resolve: (n) => n.note ?? null }),
    links: t.stringList({ description: 'Resolvable links: doi.org, PubMed, ClinicalTrials.gov, then the URLs read.', resolve: (n) => externalLinks(n) }),
    supports: t.connection(
      {
        type: builder.nodeInterfaceRef(),
        description: 'The studies, trials, arms, outcomes, findings and people this source is cited for. Ordered by slug. Paged: first (default 20, at most 100) and after.',
        complexity: pagedComplexity('Source.supports'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Source.supports', n, args, (h) => h.node),
      },
      countable,
    ),
  }),
});
