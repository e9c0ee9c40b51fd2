/**
 * Object refs for every node type, declared apart from their fields so types can point at each
 * other across files without import cycles. The backing shape is the NodeRecord db/ returns.
 */
import { builder } from '../builder.js';
import type { EdgeName, Label, NodeRecord } from '../db/model.js';
import { userError } from '../errors.js';
import type { Context } from '../context.js';

export const NodeRefs = {
  Study: builder.objectRef<NodeRecord>('Study'),
  Trial: builder.objectRef<NodeRecord>('Trial'),
  Institution: builder.objectRef<NodeRecord>('Institution'),
  Investigator: builder.objectRef<NodeRecord>('Investigator'),
  Disease: builder.objectRef<NodeRecord>('Disease'),
  Therapy: builder.objectRef<NodeRecord>('Therapy'),
  Arm: builder.objectRef<NodeRecord>('Arm'),
  Outcome: builder.objectRef<NodeRecord>('Outcome'),
  Biomarker: builder.objectRef<NodeRecord>('Biomarker'),
  Finding: builder.objectRef<NodeRecord>('Finding'),
  Source: builder.objectRef<NodeRecord>('Source'),
} satisfies Record<Label, unknown>;

/** Node options shared by every type: global id from the slug, batched loading for `node`/`nodes`. */
export function nodeOptions(label: Label, description: string) {
  return {
    description,
    id: { resolve: (n: NodeRecord) => n.id },
    isTypeOf: (value: unknown) => (value as NodeRecord | null)?.label === label,
    loadMany: async (ids: string[], ctx: Context): Promise<(NodeRecord | null)[]> => {
      const nodes = await ctx.loaders.node.loadMany(ids);
      return nodes.map((n) => (n instanceof Error ? null : n && n.label === label ? n : null));
    },
  };
}

// ---- property accessors: db/ hands up plain props; these give them their GraphQL types.

export const str = (n: NodeRecord, key: string): string | null => {
  const v = n.props[key];
  return typeof v === 'string' ? v : null;
};
export const num = (n: NodeRecord, key: string): number | null => {
  const v = n.props[key];
  return typeof v === 'number' ? v : null;
};
export const bool = (n: NodeRecord, key: string): boolean | null => {
  const v = n.props[key];
  return typeof v === 'boolean' ? v : null;
};
export const strs = (n: NodeRecord, key: string): string[] => {
  const v = n.props[key];
  return Array.isArray(v) ? v.map(String) : [];
};
export const required = (n: NodeRecord, key: string): string => str(n, key) ?? n.id;

/** The neighbours over a relationship field, through the request's batched loader. */
export async function related(ctx: Context, edge: EdgeName, n: NodeRecord): Promise<NodeRecord[]> {
  return (await ctx.loaders.edge(edge).load(n.id)).map((h) => h.node);
}

export async function relatedOne(ctx: Context, edge: EdgeName, n: NodeRecord): Promise<NodeRecord | null> {
  return (await ctx.loaders.edge(edge).load(n.id))[0]?.node ?? null;
}

/** Page-size arguments get a clear error instead of a silent clamp. */
export function checkFirst(first: number | null | undefined, max: number, arg = 'first'): void {
  if (first === null || first === undefined) return;
  if (!Number.isInteger(first) || first < 0 || first > max) {
    throw userError(`${arg} must be between 0 and ${max}, got ${first}`, 'BAD_USER_INPUT', { argument: arg });
  }
}
