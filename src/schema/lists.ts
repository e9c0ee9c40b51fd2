/**
 * Root lookups and paginated root lists (Relay connections; totalCount is counted only when
 * asked). Each reads its page or node together with what its selection plans below in one
 * statement (loading.ts rootPage, lookup). Lists page forward through indexes with keyset cursors: a cursor is the last row's
 * stored sort key (db/list-keys.ts), tagged with the ordering it belongs to, so page 1000 is one
 * index seek like page 1 (cost stays flat as the graph grows).
 */

import { GraphStore, isUnfiltered, type KeyedPage, type StudyFilter } from '../db/graph.js';
import type { ListedLabel } from '../db/list-keys.js';
import { notFound, userError } from '../errors.js';
import { keptAggregate } from './aggregate.js';
import { builder } from './builder.js';
import { StudyKindEnum, StudyOrderEnum } from './enums.js';
import { checkFirst, PAGE } from './limits.js';
import { lookup, rootPage } from './loading.js';
import { NodeRefs } from './refs.js';
import { countable } from './relation-page.js';

const StudyFilterInput = builder.inputType('StudyFilter', {
  description: 'All given conditions must hold.',
  fields: (t) => ({
    yearFrom: t.int({ description: 'Published in this year or later.' }),
    yearTo: t.int({ description: 'Published in this year or earlier.' }),
    phase: t.string({ description: 'Exact phase as recorded, e.g. "II", "III", "I/II".' }),
    kind: t.field({ description: 'What kind of analysis.', type: StudyKindEnum }),
    therapy: t.string({ description: 'Therapy slug; narrower therapies count (immune-checkpoint-blockade finds pembrolizumab arms).' }),
    biomarker: t.string({ description: 'Biomarker slug: studies with a finding about it.' }),
    institution: t.string({ description: 'Institution slug.' }),
    text: t.string({ description: 'Case-insensitive substring of the title or the short name (a TEXT index serves it).' }),
  }),
});

interface PageArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** What a cursor holds: the ordering it was handed out under, and the last row's sort key. */
const encodeCursor = (order: string, key: string): string => Buffer.from(JSON.stringify([order, key])).toString('base64url');

function decodeCursor(cursor: string, order: string): string {
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
  } catch {
    parsed = undefined;
  }
  if (Array.isArray(parsed) && parsed.length === 2 && parsed[0] === order && typeof parsed[1] === 'string') return parsed[1];
  const other = Array.isArray(parsed) && typeof parsed[0] === 'string' && parsed[0] !== order ? ` (it belongs to the ${parsed[0]} order, this page is ${order})` : '';
  throw userError(`after: "${cursor}" is not a cursor this list handed out${other}; pass an endCursor from the same field and order`, 'BAD_USER_INPUT', { argument: 'after' });
}

/** Forward keyset paging only: one more row than asked tells whether a next page exists. */
export async function keysetPage<T>(args: PageArgs, order: string, fetch: (after: string | null, limit: number) => Promise<KeyedPage<T>>) {
  if (args.last != null || args.before != null) {
    throw userError('root lists page forward only: use first and after (endCursor)', 'BAD_USER_INPUT', { argument: args.last != null ? 'last' : 'before' });
  }
  checkFirst(args.first, PAGE.maxSize, 'first');
  const first = args.first ?? PAGE.defaultSize;
  const after = args.after ? decodeCursor(args.after, order) : null;
  const rows = first === 0 ? [] : await fetch(after, first + 1);
  const edges = rows.slice(0, first).map((r) => ({ cursor: encodeCursor(order, r.sortKey), node: r.node }));
  return {
    edges,
    pageInfo: {
      hasNextPage: rows.length > first,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
  };
}

export const PAGING =
  " Pages forward: `first` (default 20, at most 100) and `after` (a page's `endCursor`); `last`/`before` are refused. Every page, the first or the thousandth, is one index seek. Names and titles order by their first 100 characters, then id.";

builder.queryFields((t) => ({
  entity: t.field({
    type: builder.nodeInterfaceRef(),
    description: 'Any node by its slug (the readable id, e.g. "pembro-rt-2019"). NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ description: 'The readable id, e.g. "tumor-aneuploidy".', required: true }) },
    resolve: async (_p, { slug }, ctx, info) => {
      const n = await lookup(ctx, info, slug);
      if (!n) throw notFound('entity', slug);
      return n;
    },
  }),
  studies: t.connection(
    {
      type: NodeRefs.Study,
      description: `Studies, filtered and ordered.${PAGING} A cursor belongs to its orderBy.`,
      args: {
        filter: t.arg({ description: 'Conditions the studies must meet.', type: StudyFilterInput }),
        orderBy: t.arg({ description: 'Order of the list.', type: StudyOrderEnum, defaultValue: 'YEAR_DESC' }),
      },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? PAGE.defaultSize }),
      resolve: async (_p, args, ctx, info) => {
        const f = args.filter;
        const filter: StudyFilter = {
          yearFrom: f?.yearFrom ?? null,
          yearTo: f?.yearTo ?? null,
          phase: f?.phase ?? null,
          kind: f?.kind ?? null,
          therapy: f?.therapy ?? null,
          biomarker: f?.biomarker ?? null,
          institution: f?.institution ?? null,
          text: f?.text ?? null,
        };
        const order = args.orderBy ?? 'YEAR_DESC';
        const conn = await keysetPage(args, order, (after, limit) =>
          rootPage(ctx, info, ctx.store.studiesRead(filter, order, after, limit), () => ctx.store.studies(filter, order, after, limit)),
        );
        // A filtered count reads every matching study: kept per graph version (db/aggregates.ts).
        // The unfiltered one is Neo4j's count store, as cheap as the lookup.
        const totalCount = isUnfiltered(filter)
          ? () => ctx.store.countStudies(filter)
          : () => keptAggregate(ctx, `studies-count${JSON.stringify(filter)}`, (db) => new GraphStore(db).countStudies(filter));
        return { ...conn, totalCount };
      },
    },
    countable,
  ),
}));

/** A simple paginated list per type, by name, with an optional case-insensitive name filter. */
function listField(field: string, label: Exclude<ListedLabel, 'Study' | 'Trial'>, description: string): void {
  builder.queryField(field, (t) =>
    t.connection(
      {
        type: NodeRefs[label],
        description: `${description} Ordered by name (case-insensitive; title or short name where there is no name, the id where there is none), then id.${PAGING}`,
        args: {
          name: t.arg.string({
            description: "Case-insensitive substring of the name (else the title or short name; a finding's statement), served by a TEXT index.",
          }),
        },
        complexity: (args) => ({ field: 1, multiplier: args.first ?? PAGE.defaultSize }),
        resolve: async (_p, args, ctx, info) => {
          const text = args.name ?? null;
          const conn = await keysetPage(args, 'NAME', (after, limit) =>
            rootPage(ctx, info, ctx.store.listRead(label, text, after, limit), () => ctx.store.list(label, text, after, limit)),
          );
          return { ...conn, totalCount: () => ctx.store.count(label, text) };
        },
      },
      countable,
    ),
  );
}

listField('institutions', 'Institution', 'Institutions, by name.');
listField('investigators', 'Investigator', 'Investigators, by name.');
listField('diseases', 'Disease', 'Diseases by stage and setting.');
listField('therapies', 'Therapy', 'Drugs, drug classes, radiotherapy techniques and regimens.');
listField('biomarkers', 'Biomarker', 'Biomarkers, by name.');
listField('findings', 'Finding', 'Evidence statements.');
listField('sources', 'Source', 'Every source a fact was read in.');
