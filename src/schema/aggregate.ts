/** Resolvers' way to a whole-graph aggregate kept per graph version (db/aggregates.ts). */

import type { Db } from '../db/run.js';
import type { Context } from './context.js';

/**
 * The answer to `question` for the release this request reads. `question` must name everything
 * the answer depends on (query and arguments): it is the key the answer is kept under.
 */
export function keptAggregate<T>(ctx: Context, question: string, compute: (db: Db) => Promise<T>): Promise<T> {
  return ctx.aggregates.get(ctx.release?.current.id ?? '', question, ctx.db, ctx.budget, compute);
}
