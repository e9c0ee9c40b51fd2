/**
 * Reading relationship fields: children a tree already read (no round trip), else the
 * relationship field with what the query selects below it as one tree (one round trip for the
 * whole subtree, batched across parents), else the one-level batched loader.
 *
 * Children a tree already read are returned as plain values, not promises: the executor
 * (graphql-jit's compiled code, as graphql-js before it) completes a plain list in place, while
 * every promise costs it a tick and a closure per field, which on the nested benchmark query
 * (about 1,000 relationship fields) was a visible share of CPU.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from './context.js';
import type { EdgeHit, EdgeName } from '../db/model.js';
import { planFor } from './lookahead.js';

export type MaybePromise<T> = T | Promise<T>;

/** f applied to v, at once when v is a value, after it when v is a promise. */
export function after<T, U>(v: MaybePromise<T>, f: (value: T) => U): MaybePromise<U> {
  return v instanceof Promise ? v.then(f) : f(v);
}

/** The neighbours with the relationship's own properties (an author's role, a dose). */
export function hits<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): MaybePromise<EdgeHit<E>[]> {
  const ahead = ctx.loaders.prefetched.get(n)?.get(edge);
  if (ahead) return ahead as EdgeHit<E>[];
  if (info && ctx.loaders.lookahead) {
    const plan = planFor(edge, info);
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
