/** Resolvers' way to a whole-graph aggregate kept per graph version (db/aggregates.ts). */
import type { Context } from '../context.js';
import { GraphStore } from '../db/graph.js';

/**
 * The answer to `question` for the release this request reads. `question` must name everything
 * the answer depends on (query and arguments): it is the key the answer is kept under.
 */
export function keptAggregate<T>(ctx: Context, question: string, compute: (store: GraphStore) => Promise<T>): Promise<T> {
  return ctx.aggregates.get(ctx.release?.current.id ?? '', question, ctx.db, ctx.budget, (db) => compute(new GraphStore(db)));
}
