/**
 * Reading relationship fields: children a tree already read (no round trip), else the
 * relationship field with what the query selects below it as one tree (one round trip for the
 * whole subtree, batched across parents), else the one-level batched loader.
 */
import type { GraphQLResolveInfo } from 'graphql';
import type { Context } from '../context.js';
import type { EdgeHit, EdgeName } from '../db/model.js';
import { planFor } from './lookahead.js';

/** The neighbours with the relationship's own properties (an author's role, a dose). */
export function hits<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): Promise<EdgeHit<E>[]> | EdgeHit<E>[] {
  const ahead = ctx.loaders.prefetched.get(n)?.get(edge);
  if (ahead) return ahead as EdgeHit<E>[];
  if (info && ctx.loaders.lookahead) {
    const plan = planFor(edge, info);
    if (plan.children.length > 0) return ctx.loaders.tree.load({ plan, id: n.id }) as Promise<EdgeHit<E>[]>;
  }
  return ctx.loaders.edge(edge).load(n.id);
}

/** The neighbours over a relationship field. */
export async function related<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): Promise<EdgeHit<E>['node'][]> {
  return (await hits(ctx, edge, n, info)).map((h) => h.node);
}

/** The neighbour over a to-one relationship field (a finding's study), or null. */
export async function relatedOne<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }, info?: GraphQLResolveInfo): Promise<EdgeHit<E>['node'] | null> {
  return (await hits(ctx, edge, n, info))[0]?.node ?? null;
}
