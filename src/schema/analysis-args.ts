/** Argument checks and node loading shared by the analysis fields (gaps, effect sizes, explain). */

import type { Entity } from '../db/entities.js';
import type { Label } from '../db/model.js';
import { userError } from '../errors.js';
import type { Context } from './context.js';
import { isOf } from './refs.js';

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

/**
 * A node of `label` through the request's node loader, or null when there is none. A node of
 * another label is a broken reference in an analysis' answer, not an absent one: it fails the
 * field (an error naming both labels) rather than resolving as the wrong type.
 */
function checked<L extends Label>(label: L, id: string, n: Entity | null | Error): Entity<L> | null {
  if (n instanceof Error) throw n;
  if (n === null) return null;
  if (!isOf(label)(n)) throw new Error(`node "${id}" is a ${n.label}, not a ${label}`);
  return n;
}

export async function loadNode<L extends Label>(ctx: Context, label: L, id: string | null): Promise<Entity<L> | null> {
  return id === null ? null : checked(label, id, await ctx.loaders.node.load(id));
}

/** The nodes of `label` among `ids`, in order; ids with no node are left out. */
export async function loadNodes<L extends Label>(ctx: Context, label: L, ids: readonly string[]): Promise<Entity<L>[]> {
  const loaded = await ctx.loaders.node.loadMany([...ids]);
  return loaded.map((n, i) => checked(label, ids[i] ?? '', n)).filter((n): n is Entity<L> => n !== null);
}

export const DEFAULT_CLASSES = ['radiotherapy', 'immune-checkpoint-blockade'];
