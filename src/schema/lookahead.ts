/**
 * Selection-set lookahead for relationship fields. When a resolver of a small relationship field
 * runs, it reads the query's selection below it and asks for the field together with every small
 * relationship field selected further down (a study's arms → their therapies → broader classes,
 * their outcomes) as one tree (db/tree.ts): one Cypher round trip for the whole subtree instead
 * of one per level. Growing (paged) fields are not part of a tree; their resolvers page on their
 * own and the small fields below them start trees of their own.
 *
 * The table below names, per GraphQL field, the relationship field its resolver reads. It only
 * decides what is read ahead: resolvers look for prefetched children by relationship field, so
 * an entry that disagreed with its resolver would cost a round trip, never change an answer.
 */
import {
  getDirectiveValues,
  getNamedType,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  GraphQLSkipDirective,
  Kind,
  type FieldNode,
  type GraphQLResolveInfo,
  type SelectionSetNode,
} from 'graphql';
import { EDGES, type EdgeName } from '../db/model.js';
import { isPrefetchable, mergePlans, type TreePlan } from '../db/tree.js';

interface FieldEdge {
  edge: EdgeName;
  /** For fields that wrap each child (a therapy use, an authorship): the wrapper's field holding the node. */
  via?: string;
}

/**
 * GraphQL fields whose name is not their relationship field's, or that wrap each child (a therapy
 * use, an authorship); null: a small relationship field with no GraphQL field of its name
 * (`Outcome.comparedArms` is read through `experimentalArm` and `controlArm`).
 */
const FIELD_EDGE_EXCEPTIONS: Readonly<Record<string, FieldEdge | null>> = {
  'Study.trials': { edge: 'Study.trials', via: 'trial' },
  'Study.investigators': { edge: 'Study.authors' },
  'Study.authors': { edge: 'Study.authors', via: 'investigator' },
  'Arm.therapies': { edge: 'Arm.therapies', via: 'therapy' },
  'Outcome.comparedArms': null,
  'Outcome.experimentalArm': { edge: 'Outcome.comparedArms' },
  'Outcome.controlArm': { edge: 'Outcome.comparedArms' },
};

/**
 * GraphQL field ("Type.field") → the relationship field its resolver loads: every small
 * relationship field under its own name (`Study.arms` loads `Study.arms`), then the exceptions.
 */
export const FIELD_EDGES: Readonly<Record<string, FieldEdge>> = Object.fromEntries(
  Object.entries({
    ...Object.fromEntries((Object.keys(EDGES) as EdgeName[]).filter(isPrefetchable).map((edge) => [edge, { edge }])),
    ...FIELD_EDGE_EXCEPTIONS,
  }).filter((entry): entry is [string, FieldEdge] => entry[1] !== null),
);

/**
 * Properties that resolvers of the parent field read from the children, besides what the
 * children's own selected fields read: `Study.findings(type:)` filters on a finding's type,
 * `Outcome.secondaryOnly` reads its sources' primary flag.
 */
const ALWAYS: Partial<Record<string, readonly string[]>> = { Finding: ['type'], Source: ['primary'] };

/** Per type and scalar field, the entity properties its resolver reads (learned once, see propertiesRead). */
const READS = new WeakMap<GraphQLObjectType, Map<string, readonly string[] | null>>();

/**
 * Which properties a scalar field's resolver reads, learned by running it once on a probe that
 * records every property asked for. null (read everything) when the resolver is not a plain
 * synchronous read of its parent: it throws on the probe (it needs the context or the database)
 * or returns a promise. A test resolves every such field of every seed node both ways and
 * compares.
 */
export function propertiesRead(type: GraphQLObjectType, field: string): readonly string[] | null {
  const byField = READS.get(type) ?? new Map<string, readonly string[] | null>();
  READS.set(type, byField);
  if (byField.has(field)) return byField.get(field) ?? null;
  const resolve = type.getFields()[field]?.resolve;
  let read: readonly string[] | null = null;
  if (resolve) {
    const seen = new Set<string>();
    const probe = new Proxy(
      {},
      {
        get: (_t, key) => {
          if (typeof key === 'string') seen.add(key);
          return undefined;
        },
      },
    );
    try {
      const out: unknown = resolve(probe, {}, {}, {} as GraphQLResolveInfo);
      if (!(out instanceof Promise)) read = [...seen].filter((k) => k !== 'label' && k !== 'then');
      else out.catch(() => undefined);
    } catch {
      read = null;
    }
  }
  byField.set(field, read);
  return read;
}

/** The properties to read for the nodes of `type` a selection asks for, or undefined for all of them. */
function propertiesFor(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo): string[] | undefined {
  const props = new Set<string>(ALWAYS[type.name] ?? []);
  for (const field of collectFields(sets, type, info)) {
    const name = field.name.value;
    if (name === '__typename' || FIELD_EDGES[`${type.name}.${name}`]) continue;
    // The global id is the type's name and the slug: nothing beyond `id`, always read.
    if (name === 'id' && type.getInterfaces().some((i) => i.name === 'Node')) continue;
    const read = propertiesRead(type, name);
    if (read === null) return undefined;
    for (const k of read) props.add(k);
  }
  return [...props].sort();
}

/** How deep a tree may reach: deeper fields load through their own batched loaders. */
const MAX_DEPTH = 6;

function included(node: { directives?: readonly unknown[] | undefined }, info: GraphQLResolveInfo): boolean {
  const n = node as Parameters<typeof getDirectiveValues>[1];
  if (getDirectiveValues(GraphQLSkipDirective, n, info.variableValues)?.['if'] === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, n, info.variableValues)?.['if'] === false) return false;
  return true;
}

/** The fields selected on `type`, through fragments whose condition `type` meets, honouring @skip/@include. */
function collectFields(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo, out: FieldNode[] = [], seen = new Set<string>()): FieldNode[] {
  const applies = (cond: string | undefined): boolean => cond === undefined || cond === type.name || type.getInterfaces().some((i) => i.name === cond);
  for (const set of sets) {
    for (const sel of set?.selections ?? []) {
      if (!included(sel, info)) continue;
      if (sel.kind === Kind.FIELD) out.push(sel);
      else if (sel.kind === Kind.INLINE_FRAGMENT) {
        if (applies(sel.typeCondition?.name.value)) collectFields([sel.selectionSet], type, info, out, seen);
      } else {
        const name = sel.name.value;
        const frag = info.fragments[name];
        if (frag && !seen.has(name) && applies(frag.typeCondition.name.value)) {
          seen.add(name);
          collectFields([frag.selectionSet], type, info, out, seen);
        }
      }
    }
  }
  return out;
}

/** The object type a field returns (lists and non-null unwrapped), or null for scalars, enums, interfaces. */
function objectTypeOf(type: GraphQLObjectType, field: string): GraphQLObjectType | null {
  const t = type.getFields()[field]?.type;
  const named = t ? getNamedType(t) : null;
  return named instanceof GraphQLObjectType ? named : null;
}

/** The selection sets below `nodes` on `type`, stepping through the wrapper field when there is one. */
function childSelections(nodes: readonly FieldNode[], type: GraphQLObjectType, via: string | undefined, info: GraphQLResolveInfo): { sets: (SelectionSetNode | undefined)[]; type: GraphQLObjectType } | null {
  if (!via) return { sets: nodes.map((n) => n.selectionSet), type };
  const inner = objectTypeOf(type, via);
  if (!inner) return null;
  const sets = collectFields(nodes.map((n) => n.selectionSet), type, info)
    .filter((f) => f.name.value === via)
    .map((f) => f.selectionSet);
  return { sets, type: inner };
}

function plansBelow(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo, depth: number): TreePlan[] {
  if (depth >= MAX_DEPTH) return [];
  const plans: TreePlan[] = [];
  for (const field of collectFields(sets, type, info)) {
    const entry = FIELD_EDGES[`${type.name}.${field.name.value}`];
    const target = objectTypeOf(type, field.name.value);
    if (!entry || !target || !isPrefetchable(entry.edge)) continue;
    const below = childSelections([field], target, entry.via, info);
    plans.push(planOf(entry.edge, below, info, depth + 1));
  }
  return mergePlans(plans);
}

/**
 * The tree to read for the relationship field `edge` that the resolver described by `info` is
 * resolving: the field and the small relationship fields selected below it.
 */
export function planFor(edge: EdgeName, info: GraphQLResolveInfo): TreePlan {
  // The same field of every parent in a list shares one plan: graphql-js hands each parent the
  // same fieldNodes array, and a request's variables (for @skip/@include) do not change.
  const byVariables = PLANS.get(info.fieldNodes) ?? new WeakMap<object, TreePlan>();
  PLANS.set(info.fieldNodes, byVariables);
  const cached = byVariables.get(info.variableValues);
  if (cached?.edge === edge) return cached;
  const plan = computePlan(edge, info);
  byVariables.set(info.variableValues, plan);
  return plan;
}

const PLANS = new WeakMap<readonly FieldNode[], WeakMap<object, TreePlan>>();

function computePlan(edge: EdgeName, info: GraphQLResolveInfo): TreePlan {
  const parent = info.parentType;
  const entry = FIELD_EDGES[`${parent.name}.${info.fieldName}`];
  const target = objectTypeOf(parent, info.fieldName);
  if (!entry || entry.edge !== edge || !target) return { edge, children: [] };
  return planOf(edge, childSelections(info.fieldNodes, target, entry.via, info), info, 1);
}

function planOf(edge: EdgeName, below: { sets: (SelectionSetNode | undefined)[]; type: GraphQLObjectType } | null, info: GraphQLResolveInfo, depth: number): TreePlan {
  if (!below) return { edge, children: [] };
  const plan: TreePlan = { edge, children: plansBelow(below.sets, below.type, info, depth) };
  const props = propertiesFor(below.sets, below.type, info);
  if (props) plan.props = props;
  return plan;
}
