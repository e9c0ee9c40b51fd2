/** Argument checks and node loading shared by the analysis fields (gaps, effect sizes, explain). */

import { userError } from '../errors.js';
import type { Context } from './context.js';

/** Fails with NOT_FOUND naming the argument when an id is not an accepted node of the type. */
export async function requireIds(ctx: Context, argument: string, ids: readonly string[], label: string): Promise<void> {
  if (ids.length === 0) return;
  const rows = await ctx.db.read('analysis-check-ids', { ids: [...ids] });
  const found = new Map(rows.map((r) => [String(r['id']), r['label'] === null ? null : String(r['label'])]));
  ids.forEach((id, i) => {
    if (found.get(id) !== label) {
      const where = ids.length > 1 ? `${argument}[${i}]` : argument;
      throw userError(`${where}: no ${label.toLowerCase()} with slug "${id}"`, 'NOT_FOUND', { argument });
    }
  });
}

export function requireClasses(classes: readonly string[] | null | undefined): string[] {
  const list = [...(classes ?? [])];
  if (list.length === 0) throw userError('therapyClasses must name at least one therapy', 'BAD_USER_INPUT', { argument: 'therapyClasses' });
  return list;
}

/** Backing objects for GraphQL node types, only through the request's node loader. */
export async function loadNodes<T>(ctx: Context, ids: readonly string[]): Promise<NonNullable<T>[]> {
  const loaded = (await ctx.loaders.node.loadMany([...ids])) as unknown as (T | Error | null)[];
  return loaded.filter((n): n is NonNullable<T> => n !== null && n !== undefined && !(n instanceof Error));
}

export async function loadNode<T>(ctx: Context, id: string | null): Promise<T | null> {
  if (id === null) return null;
  return ((await ctx.loaders.node.load(id)) as unknown as T | null) ?? null;
}

export const DEFAULT_CLASSES = ['radiotherapy', 'immune-checkpoint-blockade'];
