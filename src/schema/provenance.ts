/**
 * Provenance in the API (every figure checkable by a reviewer): the quote behind every figure (Outcome, Finding, Arm and the
 * study's counts), a study's `analysed` count apart from `enrolled`, and for a Source its canonical
 * link first and the pages it was read on (`readAt`) apart.
 *
 * Added as fields on the existing types rather than by editing them, and read through this
 * module's own named query and per-request DataLoader, so the entity files stay as they are.
 */
import DataLoader from 'dataloader';
import { z } from 'zod';
import type { NodeRecord } from '../db/model.js';
import { ReadAtKind, ReadAtSchema } from '../seed-files/seed-schema.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { externalLinks } from './display.js';
import { describedValues, READ_AT_KIND } from './enum-values.js';
import { reads } from './lookahead.js';
import { NodeRefs } from './refs.js';

const Row = z.object({
  id: z.string(),
  quoteText: z.string().nullable(),
  quoteSource: z.string().nullable(),
  enrolledQuoteText: z.string().nullable(),
  enrolledQuoteSource: z.string().nullable(),
  analysedQuoteText: z.string().nullable(),
  analysedQuoteSource: z.string().nullable(),
  analysed: z.number().int().nullable(),
  readAtJson: z.string().nullable(),
  formerIds: z.array(z.string()).nullable(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  nctId: z.string().nullable(),
  url: z.string().nullable(),
});
type ProvenanceRow = z.infer<typeof Row>;
const ReadAtList = z.array(ReadAtSchema);

interface Quote {
  text: string;
  sourceId: string;
}
type ReadAt = z.infer<typeof ReadAtSchema>;

/**
 * One loader per request context. A WeakMap keyed by the context keeps nothing alive beyond the
 * request and shares nothing between requests; it saves editing the loaders module for one batch.
 */
const perRequest = new WeakMap<Context, DataLoader<string, ProvenanceRow | null>>();

function provenance(ctx: Context): DataLoader<string, ProvenanceRow | null> {
  let loader = perRequest.get(ctx);
  if (!loader) {
    loader = new DataLoader(async (ids) => {
      const rows = (await ctx.db.read('provenance-props', { ids: [...ids] })).map((r) => Row.parse(r));
      const byId = new Map(rows.map((r) => [r.id, r]));
      return ids.map((id) => byId.get(id) ?? null);
    });
    perRequest.set(ctx, loader);
  }
  return loader;
}

const quoteOf = (text: string | null | undefined, sourceId: string | null | undefined): Quote | null => (text && sourceId ? { text, sourceId } : null);

const QuoteRef = builder.objectRef<Quote>('Quote').implement({
  description:
    'The sentence (or table-cell text) of a source that states a figure, verbatim, and the source it is from. Absent when no such sentence was found in a source read: never guessed or paraphrased.',
  fields: (t) => ({
    text: t.exposeString('text', { description: 'Verbatim, as printed in the source (dashes, decimal points and all).' }),
    sourceSlug: t.string({ description: 'Slug of the source quoted.', resolve: (q) => q.sourceId }),
    source: t.field({
      type: NodeRefs.Source,
      nullable: true,
      description: 'The source quoted.',
      resolve: async (q, _a, ctx) => {
        const n = await ctx.loaders.node.load(q.sourceId);
        return n && n.label === 'Source' ? n : null;
      },
    }),
  }),
});

const ReadAtKindEnum = builder.enumType('ReadAtKind', {
  values: describedValues(ReadAtKind.options, READ_AT_KIND),
  description: 'What a page a source was read on is: a mirror of the record, an aggregator, the publisher, a registry.',
});

const ReadAtRef = builder.objectRef<ReadAt>('ReadAt').implement({
  description: 'A page the source was read on that is not its canonical record (a PubMed mirror, an aggregator summary, a repository copy).',
  fields: (t) => ({
    url: t.exposeString('url', { description: 'The page’s URL.' }),
    kind: t.field({ type: ReadAtKindEnum, description: 'What kind of page it is.', resolve: (r) => r.kind }),
    register: t.string({ nullable: true, description: 'Key of this page in the curators’ fact sheet (S17 …).', resolve: (r) => r.register ?? null }),
    note: t.string({ nullable: true, description: 'Curator’s note on the page.', resolve: (r) => r.note ?? null }),
  }),
});

const figureQuote = (n: NodeRecord, ctx: Context) =>
  provenance(ctx)
    .load(n.id)
    .then((r) => quoteOf(r?.quoteText, r?.quoteSource));

for (const ref of [NodeRefs.Outcome, NodeRefs.Finding, NodeRefs.Arm] as const) {
  builder.objectField(ref, 'quote', (t) =>
    t.field({
      type: QuoteRef,
      nullable: true,
      description: 'The source sentence that states this figure (for an arm: its n). Null when unquoted.',
      extensions: { reads: [] }, // the id only, always read
      resolve: (n, _a, ctx) => figureQuote(n, ctx),
    }),
  );
}

builder.objectFields(NodeRefs.Study, (t) => ({
  analysed: t.int({
    nullable: true,
    description: 'Patients analysed, when a source states that rather than (or besides) an enrolment. Not the same as enrolled.',
    extensions: reads('Study'),
    resolve: async (n, _a, ctx) => (await provenance(ctx).load(n.id))?.analysed ?? null,
  }),
  enrolledQuote: t.field({
    type: QuoteRef,
    nullable: true,
    description: 'The source sentence that states the enrolled count. Null when unquoted.',
    extensions: reads('Study'),
    resolve: async (n, _a, ctx) => {
      const r = await provenance(ctx).load(n.id);
      return quoteOf(r?.enrolledQuoteText, r?.enrolledQuoteSource);
    },
  }),
  analysedQuote: t.field({
    type: QuoteRef,
    nullable: true,
    description: 'The source sentence that states the analysed count. Null when unquoted.',
    extensions: reads('Study'),
    resolve: async (n, _a, ctx) => {
      const r = await provenance(ctx).load(n.id);
      return quoteOf(r?.analysedQuoteText, r?.analysedQuoteSource);
    },
  }),
}));

builder.objectFields(NodeRefs.Source, (t) => ({
  canonicalLink: t.string({
    nullable: true,
    description: 'Where the work itself lives: doi.org, else PubMed, else ClinicalTrials.gov, else its own URL. Never a mirror it was read on.',
    extensions: reads('Source'),
    resolve: async (n, _a, ctx) => {
      const r = await provenance(ctx).load(n.id);
      return r ? (externalLinks({ doi: r.doi ?? undefined, pmid: r.pmid ?? undefined, nctId: r.nctId ?? undefined, url: r.url ?? undefined })[0] ?? null) : null;
    },
  }),
  readAt: t.field({
    type: [ReadAtRef],
    description: 'Pages the work was read on besides its canonical record, shown as such.',
    extensions: reads('Source'),
    resolve: async (n, _a, ctx) => {
      const json = (await provenance(ctx).load(n.id))?.readAtJson;
      return json ? ReadAtList.parse(JSON.parse(json)) : [];
    },
  }),
  formerIds: t.stringList({
    description: 'Ids this source had before duplicate records of one work were merged.',
    extensions: reads('Source'),
    resolve: async (n, _a, ctx) => (await provenance(ctx).load(n.id))?.formerIds ?? [],
  }),
}));
