/**
 * Growing relationship fields as Relay connections: `first` (default and maximum in limits.ts)
 * and `after`, a keyset cursor (the child's sort values), so page 1000 costs what page 1 costs;
 * `totalCount` runs its count only when selected. Every parent's page at one level is one query.
 */

import type { Fanout } from '../db/degrees.js';
import type { EdgeHit, PagedEdge } from '../db/model.js';
import { countKey, pageKey } from '../db/tree.js';
import { userError } from '../errors.js';
import type { SchemaTypesOf } from './builder.js';
import type { Context } from './context.js';
import { checkFirst, RELATION_PAGE } from './limits.js';

type SortKey = (string | number)[];

const encode = (key: SortKey): string => Buffer.from(JSON.stringify(key)).toString('base64url');

function decode(cursor: string): SortKey {
  try {
    const key: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length > 0 && key.every((v) => typeof v === 'string' || typeof v === 'number')) return key;
  } catch {
    // fall through to the error below
  }
  throw userError(`after: "${cursor}" is not a cursor this field handed out`, 'BAD_USER_INPUT', { argument: 'after' });
}

export interface RelationArgs {
  first?: number | null | undefined;
  after?: string | null | undefined;
  last?: number | null | undefined;
  before?: string | null | undefined;
}

/** The complexity option of a paged field: its page size, bounded by the graph's largest fan-out. */
export const pagedComplexity =
  (edge: PagedEdge) =>
  (args: RelationArgs, ctx: { fanout: Fanout }): { field: number; multiplier: number } => ({
    field: 1,
    multiplier: ctx.fanout.multiplier(edge, args.first ?? RELATION_PAGE.defaultSize),
  });

/** The complexity option of a small capped list. */
export const listComplexity =
  (edge: Parameters<Fanout['multiplier']>[0]) =>
  (_args: unknown, ctx: { fanout: Fanout }): { field: number; multiplier: number } => ({ field: 1, multiplier: ctx.fanout.multiplier(edge, null) });

/** A paged field's page arguments, checked: the page size and the decoded cursor. Throws on bad input. */
export function pageArgs(edge: PagedEdge, args: RelationArgs): { first: number; after: SortKey | null } {
  if (args.last != null || args.before != null) {
    throw userError(`${edge} pages forward only: use first and after`, 'BAD_USER_INPUT', { argument: args.last != null ? 'last' : 'before' });
  }
  checkFirst(args.first, RELATION_PAGE.maxSize);
  return { first: args.first ?? RELATION_PAGE.defaultSize, after: args.after ? decode(args.after) : null };
}

export async function relationPage<E extends PagedEdge, T>(
  ctx: Context,
  edge: E,
  parent: { id: string },
  args: RelationArgs,
  map: (hit: EdgeHit<E>) => T,
  type: string | null = null,
) {
  const { first, after } = pageArgs(edge, args);
  // Read already by the tree or root statement above, with these arguments: no round trip.
  const ahead = ctx.loaders.prefetchedPages.get(parent);
  const known = ahead?.get(pageKey(edge, first, after, type));
  // A tree page's hits were read over this very field (db/tree.ts): they are this field's hits.
  const page =
    typeof known === 'object'
      ? // A tree page stored under this edge holds this edge's hits.
        (known as { items: { hit: EdgeHit<E>; sortKey: SortKey }[]; hasNextPage: boolean })
      : await ctx.loaders.page(edge, { first, after, type }).load(parent.id);
  const total = ahead?.get(countKey(edge, type));
  const edges = page.items.map(({ hit, sortKey }) => ({ cursor: encode(sortKey), node: map(hit) }));
  return {
    edges,
    pageInfo: {
      hasNextPage: page.hasNextPage,
      hasPreviousPage: after !== null,
      startCursor: edges[0]?.cursor ?? null,
      endCursor: edges[edges.length - 1]?.cursor ?? null,
    },
    totalCount: () => (typeof total === 'number' ? Promise.resolve(total) : ctx.loaders.count(edge, type).load(parent.id)),
  };
}

/** totalCount runs its count query only when selected: the resolver calls the connection's thunk. */
export const countable = {
  fields: (t: PothosSchemaTypes.ObjectFieldBuilder<SchemaTypesOf, { totalCount: () => Promise<number> }>) => ({
    totalCount: t.int({ description: 'All items matching the arguments, across pages.', resolve: (conn) => conn.totalCount() }),
  }),
};
