/**
 * Reading root fields and relationship fields. A root list or lookup reads its page together with
 * every tree the query selects below it in one statement (db/statement.ts). A relationship field
 * takes the children a tree already read (no round trip), else reads itself with what the query
 * selects below it as one tree (one round trip for the whole subtree, batched across parents),
 * else the one-level batched loader.
 *
 * Children a tree already read are returned as plain values, not promises: the executor
 * (graphql-jit's compiled code, as graphql-js before it) completes a plain list in place, while
 * every promise costs it a tick and a closure per field, which on the nested benchmark query
 * (about 1,000 relationship fields) was a visible share of CPU.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Entity } from '../db/entities.js';
import type { KeyedPage, RootPageRead } from '../db/graph.js';
import type { EdgeHit, EdgeName, Label } from '../db/model.js';
import { readLookup, readRootPage } from '../db/statement.js';
import type { Context } from './context.js';
import { planFor, planLookup, planRoot } from './lookahead.js';

export type MaybePromise<T> = T | Promise<T>;

/** f applied to v, at once when v is a value, after it when v is a promise. */
export function after<T, U>(v: MaybePromise<T>, f: (value: T) => U): MaybePromise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** The neighbours with the relationship's own properties (an author's role, a dose). */
export function hits<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): MaybePromise<EdgeHit<E>[]> {
  const ahead = ctx.loaders.prefetched.get(n)?.get(edge);
  // Stored under this edge by the tree read: its hits are EdgeHit<E>; the store is keyed by name only.
  if (ahead) return ahead as EdgeHit<E>[];
  if (info && ctx.loaders.lookahead) {
    const plan = planFor(edge, info);
    // The plan's root is this edge, so the tree's hits are its hits.
    if (plan.children.length > 0) return ctx.loaders.tree.load({ plan, id: n.id }) as Promise<EdgeHit<E>[]>;
  }
  return ctx.loaders.edge(edge).load(n.id);
}

const nodesOf = <H extends { node: unknown }>(list: H[]): H['node'][] => list.map((h) => h.node);
const firstNode = <H extends { node: unknown }>(list: H[]): H['node'] | null => list[0]?.node ?? null;

/** The neighbours over a relationship field. */
export function related<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): MaybePromise<EdgeHit<E>['node'][]> {
  return after(hits(ctx, edge, n, info), nodesOf);
}

/** The neighbour over a to-one relationship field (a finding's study), or null. */
export function relatedOne<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): MaybePromise<EdgeHit<E>['node'] | null> {
  return after(hits(ctx, edge, n, info), firstNode);
}

/**
 * A root list's page, with everything the selection plans below its nodes read in the same
 * statement; `plain` is the page alone (lookahead off, or nothing to read ahead or project).
 */
export async function rootPage<L extends Label>(
  ctx: Context,
  info: GraphQLResolveInfo,
  read: RootPageRead,
  plain: () => Promise<KeyedPage<Entity<L>>>,
): Promise<KeyedPage<Entity<L>>> {
  if (!ctx.loaders.lookahead) return plain();
  const { plans, props } = planRoot(info);
  if (plans.length === 0 && !props) return plain();
  const rows = await readRootPage(ctx.store.db, read.name, read.params, plans, props, ctx.loaders.sink);
  // The page query `read.name` reads nodes of label L only (db/queries.ts rootPageParts).
  return rows as unknown as KeyedPage<Entity<L>>;
}

/** A root lookup by id, with the trees its selection plans below the node read in the same statement. */
export async function lookup(ctx: Context, info: GraphQLResolveInfo, id: string): Promise<Entity | null> {
  const plans = ctx.loaders.lookahead ? planLookup(info) : new Map<Label, never[]>();
  if (plans.size === 0) return ctx.loaders.node.load(id);
  const node = await readLookup(ctx.store.db, id, plans, ctx.loaders.sink);
  if (node) ctx.loaders.node.prime(id, node);
  return node;
}
