/**
 * Object refs for every node type, declared apart from their fields so types can point at each
 * other across files without import cycles. Each is backed by the typed entity db/ parses.
 */

import type { Entity } from '../db/entities.js';
import type { Label } from '../db/model.js';
import { builder } from './builder.js';
import type { Context } from './context.js';

const ref = <L extends Label>(label: L) => builder.objectRef<Entity<L>>(label);

export const NodeRefs = {
  Study: ref('Study'),
  Trial: ref('Trial'),
  Institution: ref('Institution'),
  Investigator: ref('Investigator'),
  Disease: ref('Disease'),
  Therapy: ref('Therapy'),
  Arm: ref('Arm'),
  Outcome: ref('Outcome'),
  Biomarker: ref('Biomarker'),
  Finding: ref('Finding'),
  Source: ref('Source'),
} satisfies { [L in Label]: unknown };

// Every node type's readable id, defined once (the slug is the node's id property).
for (const ref of Object.values(NodeRefs)) {
  builder.objectField(ref, 'slug', (t) => t.exposeString('id', { description: 'Stable readable id.' }));
}

/** Whether a loaded value is a node of `label` (not null, not a load error, not another label). */
export const isOf =
  <L extends Label>(label: L) =>
  (n: unknown): n is Entity<L> =>
    typeof n === 'object' && n !== null && !(n instanceof Error) && 'label' in n && n.label === label;

/** Node options shared by every type: global id from the slug, batched loading for `node`/`nodes`. */
export function nodeOptions<L extends Label>(label: L, description: string) {
  const is = isOf(label);
  return {
    description,
    id: { resolve: (n: Entity<L>) => n.id },
    isTypeOf: is,
    loadMany: async (ids: string[], ctx: Context): Promise<(Entity<L> | null)[]> => {
      const nodes = await ctx.loaders.node.loadMany(ids);
      return nodes.map((n) => (is(n) ? n : null));
    },
  };
}
