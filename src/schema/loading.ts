/** Reading relationship fields through the request's batched loaders. */
import type { Context } from '../context.js';
import type { EdgeHit, EdgeName } from '../db/model.js';

/** The neighbours over a relationship field. */
export async function related<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }): Promise<EdgeHit<E>['node'][]> {
  return (await ctx.loaders.edge(edge).load(n.id)).map((h) => h.node);
}

/** The neighbour over a to-one relationship field (a finding's study), or null. */
export async function relatedOne<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }): Promise<EdgeHit<E>['node'] | null> {
  return (await ctx.loaders.edge(edge).load(n.id))[0]?.node ?? null;
}

/** The neighbours with the relationship's own properties (an author's role, a dose). */
export function hits<E extends EdgeName>(ctx: Context, edge: E, n: { id: string }): Promise<EdgeHit<E>[]> {
  return ctx.loaders.edge(edge).load(n.id);
}
