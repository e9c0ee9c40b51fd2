import { builder } from '../builder.js';
import { externalLinks } from './display.js';
import { SourceKindEnum } from './enums.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Source, {
  ...nodeOptions('Source', 'Where a fact was read: a publication, registry record, dataset, news item or review. Secondary sources (news, reviews, aggregators) are marked.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    kind: t.field({ type: SourceKindEnum, resolve: (n) => n.kind }),
    primary: t.boolean({ resolve: (n) => n.primary }),
    secondary: t.boolean({ description: 'The opposite of primary: news, press, reviews, aggregator summaries.', resolve: (n) => !n.primary }),
    register: t.string({ nullable: true, description: 'Key in the curators’ fact sheet (S01 …).', resolve: (n) => n.register ?? null }),
    title: t.string({ nullable: true, resolve: (n) => n.title ?? null }),
    publisher: t.string({ nullable: true, resolve: (n) => n.publisher ?? null }),
    url: t.string({ nullable: true, resolve: (n) => n.url ?? null }),
    alsoAt: t.stringList({ resolve: (n) => n.alsoAt }),
    doi: t.string({ nullable: true, resolve: (n) => n.doi ?? null }),
    pmid: t.string({ nullable: true, resolve: (n) => n.pmid ?? null }),
    nctId: t.string({ nullable: true, resolve: (n) => n.nctId ?? null }),
    published: t.string({ nullable: true, resolve: (n) => n.published ?? null }),
    note: t.string({ nullable: true, resolve: (n) => n.note ?? null }),
    links: t.stringList({ description: 'Resolvable links: doi.org, PubMed, ClinicalTrials.gov, then the URLs read.', resolve: (n) => externalLinks(n) }),
    supports: t.connection(
      {
        type: builder.nodeInterfaceRef(),
        description: 'The studies, trials, arms, outcomes, findings and people this source is cited for.',
        complexity: pagedComplexity('Source.supports'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Source.supports', n, args, (h) => h.node),
      },
      countable,
    ),
  }),
});
