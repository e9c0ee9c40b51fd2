import { decodeGlobalID, encodeGlobalID } from '@pothos/plugin-relay';
import { neighbourhood, type View, type ViewEdge } from '../analysis/graph-view.js';
import type { Entity } from '../db/entities.js';
import { notFound, userError } from '../errors.js';
import { builder } from './builder.js';
import { displayName } from './display.js';
import { EntityTypeEnum } from './enums.js';
import { NEIGHBOURHOOD } from './limits.js';

const globalId = (n: Entity): string => encodeGlobalID(n.label, n.id);
const DISPLAY_KEYS = [
  'kind',
  'year',
  'phase',
  'schedule',
  'n',
  'type',
  'level',
  'measure',
  'value',
  'unit',
  'hr',
  'p',
  'biomarkerState',
  'primary',
  'nctId',
  'doi',
  'status',
] as const;
type DisplayKey = (typeof DISPLAY_KEYS)[number];

/** The display properties a node of any type has, in a fixed order (a graph view's tooltip). */
function displayProperties(n: Entity): KeyValue[] {
  const known = n as Partial<Record<DisplayKey, string | number | boolean>>;
  const out: KeyValue[] = [];
  for (const key of DISPLAY_KEYS) {
    const value = known[key];
    if (value !== undefined && value !== null) out.push({ key, value: String(value) });
  }
  return out;
}

interface KeyValue {
  key: string;
  value: string;
}

const KeyValueRef = builder.objectRef<KeyValue>('KeyValue').implement({
  description: 'One display property of a graph node, as text.',
  fields: (t) => ({
    key: t.string({ description: 'Property name.', resolve: (kv) => kv.key }),
    value: t.string({ description: 'Property value as text.', resolve: (kv) => kv.value }),
  }),
});

const GraphNodeRef = builder.objectRef<Entity>('GraphNode').implement({
  description: 'A node of a graph view, shaped for Cytoscape.js: { data: { id, type, label, ... } }.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID, usable with node(id).', resolve: globalId }),
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    type: t.field({ description: 'Node type.', type: EntityTypeEnum, resolve: (n) => n.label }),
    label: t.string({ description: 'Display name.', resolve: displayName }),
    properties: t.field({
      type: [KeyValueRef],
      description: 'A few display properties (kind, year, schedule, value …).',
      resolve: displayProperties,
    }),
  }),
});

interface EdgeShape {
  edge: ViewEdge;
  byId: Map<string, Entity>;
}

const GraphEdgeRef = builder.objectRef<EdgeShape>('GraphEdge').implement({
  description: 'A relationship of a graph view; id is stable ("from-TYPE-to" by slugs), source and target are GraphNode ids.',
  fields: (t) => ({
    id: t.id({ description: 'Stable id of the relationship in the view.', resolve: (e) => e.edge.id }),
    source: t.id({ description: 'Global id of the start node (a GraphNode id).', resolve: (e) => globalIdOf(e, e.edge.source) }),
    target: t.id({ description: 'Global id of the end node (a GraphNode id).', resolve: (e) => globalIdOf(e, e.edge.target) }),
    type: t.string({ description: 'Relationship type, e.g. HAS_ARM.', resolve: (e) => e.edge.type }),
    label: t.string({
      description: 'Type plus a telling property, e.g. "AUTHORED (SENIOR)".',
      resolve: (e) => (e.edge.detail === null ? e.edge.type : `${e.edge.type} (${e.edge.detail})`),
    }),
  }),
});

function globalIdOf(e: EdgeShape, slug: string): string {
  const n = e.byId.get(slug);
  return n ? globalId(n) : slug;
}

const NeighborhoodRef = builder.objectRef<View>('Neighborhood').implement({
  description: 'A graph view around some nodes: nodes and edges ready for Cytoscape.js.',
  fields: (t) => ({
    nodes: t.field({ description: 'Nodes of the view, the start nodes among them.', type: [GraphNodeRef], resolve: (v) => v.nodes }),
    edges: t.field({
      description: 'Relationships between the nodes of the view.',
      type: [GraphEdgeRef],
      resolve: (v) => {
        const byId = new Map(v.nodes.map((n) => [n.id, n]));
        return v.edges.map((edge) => ({ edge, byId }));
      },
    }),
    truncated: t.boolean({ description: 'True when `limit` cut the view short: expand fewer nodes or raise the limit.', resolve: (v) => v.truncated }),
  }),
});

/** Accepts global IDs (what the API hands out) and, for convenience in GraphiQL, plain slugs. */
function toSlug(id: string): string {
  try {
    const { id: slug } = decodeGlobalID(id);
    if (slug) return slug;
  } catch {
    // not base64 "Type:slug": treat it as a slug
  }
  return id;
}

builder.queryField('neighborhood', (t) =>
  t.field({
    type: NeighborhoodRef,
    description: 'The nodes around the given ones, up to `depth` hops and `limit` nodes, with the relationships between them: ready for a graph view.',
    args: {
      ids: t.arg.idList({ required: true, description: 'Global IDs (or slugs) to start from.' }),
      depth: t.arg.int({ defaultValue: 1, description: `1 to ${NEIGHBOURHOOD.maxDepth}.` }),
      limit: t.arg.int({ defaultValue: NEIGHBOURHOOD.defaultLimit, description: `Most nodes returned, 1 to ${NEIGHBOURHOOD.maxLimit}.` }),
      types: t.arg({ type: [EntityTypeEnum], description: 'Only expand into these types (start nodes always stay).' }),
    },
    complexity: (args) => ({ field: Math.ceil((args.limit ?? NEIGHBOURHOOD.defaultLimit) / 10), multiplier: 1 }),
    resolve: async (_p, args, ctx) => {
      const depth = args.depth ?? 1;
      const limit = args.limit ?? NEIGHBOURHOOD.defaultLimit;
      if (depth < 1 || depth > NEIGHBOURHOOD.maxDepth)
        throw userError(`depth must be between 1 and ${NEIGHBOURHOOD.maxDepth}, got ${depth}`, 'BAD_USER_INPUT', { argument: 'depth' });
      if (limit < 1 || limit > NEIGHBOURHOOD.maxLimit)
        throw userError(`limit must be between 1 and ${NEIGHBOURHOOD.maxLimit}, got ${limit}`, 'BAD_USER_INPUT', { argument: 'limit' });
      if (args.ids.length === 0 || args.ids.length > NEIGHBOURHOOD.maxIds)
        throw userError(`ids must hold 1 to ${NEIGHBOURHOOD.maxIds} ids, got ${args.ids.length}`, 'BAD_USER_INPUT', { argument: 'ids' });
      const slugs = args.ids.map((id) => toSlug(String(id)));
      const found = await ctx.loaders.node.loadMany(slugs);
      const start = found.map((n, i) => {
        // A failed load is the database's failure (SERVICE_UNAVAILABLE), not a missing node.
        if (n instanceof Error) throw n;
        if (!n) throw notFound('node', String(args.ids[i]));
        return n;
      });
      return neighbourhood(ctx.store, start, depth, limit, args.types ?? []);
    },
  }),
);
