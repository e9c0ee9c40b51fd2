import { builder } from './builder.js';
import { externalLinks } from './display.js';
import { SourceKindEnum } from './enums.js';
import { reads } from './lookahead.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Source, {
  ...nodeOptions('Source', 'Where a fact was read: a publication, registry record, dataset, news item or review. Secondary sources (news, reviews, aggregators) are marked.'),
  fields: (t) => ({
    kind: t.expose('kind', { description: 'What the source is.', type: SourceKindEnum }),
    primary: t.exposeBoolean('primary', { description: 'True for primary sources (publications, registries, datasets).' }),
    secondary: t.boolean({
      description: 'The opposite of primary: news, press, reviews, aggregator summaries.',
      extensions: reads('Source', 'primary'),
      resolve: (n) => !n.primary,
    }),
    register: t.exposeString('register', { nullable: true, description: 'Key in the curators’ fact sheet (S01 …).' }),
    title: t.exposeString('title', { description: 'Title.', nullable: true }),
    publisher: t.exposeString('publisher', { description: 'Journal, registry or site that published it.', nullable: true }),
    url: t.exposeString('url', { description: 'URL read.', nullable: true }),
    alsoAt: t.exposeStringList('alsoAt', { description: 'Other URLs where the same content was read.' }),
    doi: t.exposeString('doi', { description: 'DOI.', nullable: true }),
    pmid: t.exposeString('pmid', { description: 'PubMed id.', nullable: true }),
    nctId: t.exposeString('nctId', { description: 'ClinicalTrials.gov id (NCT…).', nullable: true }),
    published: t.exposeString('published', { description: 'Publication date, possibly partial (YYYY or YYYY-MM).', nullable: true }),
    note: t.exposeString('note', { description: 'Curator’s note on the source.', nullable: true }),
    links: t.stringList({
      description: 'Resolvable links: doi.org, PubMed, ClinicalTrials.gov, then the URLs read.',
      extensions: reads('Source', 'doi', 'pmid', 'nctId', 'url', 'alsoAt'),
      resolve: (n) => externalLinks(n),
    }),
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
