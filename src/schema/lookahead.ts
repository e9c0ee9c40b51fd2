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
  type FieldNode,
  GraphQLIncludeDirective,
  GraphQLObjectType,
  type GraphQLResolveInfo,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  isAbstractType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import type { Entity } from '../db/entities.js';
import { EDGES, type EdgeName, isLabel, type Label, PAGED, type PagedEdge } from '../db/model.js';
import { isPrefetchable, mergePlans, type TreePlan } from '../db/tree.js';
import { keysOf } from '../model/narrow.js';
import { pageArgs } from './relation-page.js';

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
    ...Object.fromEntries(
      keysOf(EDGES)
        .filter(isPrefetchable)
        .map((edge) => [edge, { edge }]),
    ),
    ...FIELD_EDGE_EXCEPTIONS,
  }).filter((entry): entry is [string, FieldEdge] => entry[1] !== null),
);

/**
 * GraphQL connection fields over a paged relationship field: every paged field under its own name
 * (`Biomarker.findings`), then the ones that wrap each child (an investigator's authorships).
 */
export const FIELD_PAGES: Readonly<Record<string, { edge: PagedEdge; via?: string }>> = {
  ...Object.fromEntries(keysOf(PAGED).map((edge) => [edge, { edge }])),
  'Investigator.authorships': { edge: 'Investigator.studies', via: 'study' },
};

/**
 * Properties that resolvers of the parent field read from the children, besides what the
 * children's own selected fields read: `Study.findings(type:)` filters on a finding's type,
 * `Outcome.secondaryOnly` reads its sources' primary flag.
 */
const ALWAYS: Partial<Record<string, readonly string[]>> = { Finding: ['type'], Source: ['primary'] };

/**
 * Declares the properties of a `label` node that a computed scalar field reads, for its
 * `extensions` (`extensions: reads('Study', 'doi', 'pmid')`); the id is always read, so a field
 * that reads only the id declares none. Typed by the entity, so a misspelt property does not
 * compile. A test resolves every field of every seed node on the whole node and on the node cut
 * to what the field declares, and compares.
 */
export function reads<L extends Label>(_label: L, ...props: (keyof Entity<L> & string)[]): { reads: readonly string[] } {
  return { reads: props };
}

/**
 * The properties a scalar field of `type` reads: the one an exposed field exposes (Pothos'
 * `t.exposeString('title')` records it), else what it declares with `reads`, else null, read
 * everything (a field that declares nothing is never cut short; it only costs a whole node).
 */
export function propertiesRead(type: GraphQLObjectType, field: string): readonly string[] | null {
  const ext = type.getFields()[field]?.extensions as { pothosExposedField?: unknown; reads?: readonly string[] } | undefined;
  if (typeof ext?.pothosExposedField === 'string') return [ext.pothosExposedField];
  return ext?.reads ?? null;
}

/** The properties to read for the nodes of `type` a selection asks for, or undefined for all of them. */
function propertiesFor(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo): string[] | undefined {
  const props = new Set<string>(ALWAYS[type.name] ?? []);
  for (const field of collectFields(sets, type, info)) {
    const name = field.name.value;
    // Relationship fields, small or paged, read the node's id only (their loaders key on it).
    if (name === '__typename' || FIELD_EDGES[`${type.name}.${name}`] || FIELD_PAGES[`${type.name}.${name}`]) continue;
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
  // Every selection node has directives in that shape; getDirectiveValues only reads them.
  const n = node as Parameters<typeof getDirectiveValues>[1];
  if (getDirectiveValues(GraphQLSkipDirective, n, info.variableValues)?.['if'] === true) return false;
  if (getDirectiveValues(GraphQLIncludeDirective, n, info.variableValues)?.['if'] === false) return false;
  return true;
}

/** The fields selected on `type`, through fragments whose condition `type` meets, honouring @skip/@include. */
function collectFields(
  sets: readonly (SelectionSetNode | undefined)[],
  type: GraphQLObjectType,
  info: GraphQLResolveInfo,
  out: FieldNode[] = [],
  seen = new Set<string>(),
): FieldNode[] {
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
function childSelections(
  nodes: readonly FieldNode[],
  type: GraphQLObjectType,
  via: string | undefined,
  info: GraphQLResolveInfo,
): { sets: (SelectionSetNode | undefined)[]; type: GraphQLObjectType } | null {
  if (!via) return { sets: nodes.map((n) => n.selectionSet), type };
  const inner = objectTypeOf(type, via);
  if (!inner) return null;
  const sets = collectFields(
    nodes.map((n) => n.selectionSet),
    type,
    info,
  )
    .filter((f) => f.name.value === via)
    .map((f) => f.selectionSet);
  return { sets, type: inner };
}

function plansBelow(sets: readonly (SelectionSetNode | undefined)[], type: GraphQLObjectType, info: GraphQLResolveInfo, depth: number): TreePlan[] {
  if (depth >= MAX_DEPTH) return [];
  const plans: TreePlan[] = [];
  for (const field of collectFields(sets, type, info)) {
    const name = `${type.name}.${field.name.value}`;
    const target = objectTypeOf(type, field.name.value);
    if (!target) continue;
    const entry = FIELD_EDGES[name];
    if (entry && isPrefetchable(entry.edge)) {
      plans.push(planOf(entry.edge, childSelections([field], target, entry.via, info), info, depth + 1));
      continue;
    }
    // A paged field is planned only on a root field's own nodes, which are distinct. Deeper, one
    // node can sit below many parents (a disease below every finding made in it); a tree would
    // read its page once per occurrence, where the page loader reads it once per request, and
    // the cost estimate counts each parent once (estimate.ts). Deeper pages use the page loader.
    const paged = depth === 0 ? FIELD_PAGES[name] : undefined;
    const plan = paged ? pagedPlan(paged, field, type, target, info, depth + 1) : null;
    if (plan) plans.push(plan);
  }
  return mergePlans(plans);
}

/**
 * A paged connection field as a plan entry: its page arguments (checked as its resolver checks
 * them; bad ones are not planned, so the resolver reports them), whether totalCount is selected,
 * and the plans below its nodes (`edges { node { … } }`).
 */
function pagedPlan(
  paged: { edge: PagedEdge; via?: string },
  field: FieldNode,
  parent: GraphQLObjectType,
  connection: GraphQLObjectType,
  info: GraphQLResolveInfo,
  depth: number,
): TreePlan | null {
  const def = parent.getFields()[field.name.value];
  if (!def) return null;
  let page: { first: number; after: readonly (string | number)[] | null };
  let raw: Record<string, unknown>;
  try {
    raw = getArgumentValues(def, field, info.variableValues);
    page = pageArgs(paged.edge, raw);
  } catch {
    return null;
  }
  const type = 'typeFilter' in PAGED[paged.edge] && typeof raw['type'] === 'string' ? raw['type'] : null;
  const conn = collectFields([field.selectionSet], connection, info);
  const count = conn.some((f) => f.name.value === 'totalCount');
  const edgeType = objectTypeOf(connection, 'edges');
  const nodeType = edgeType ? objectTypeOf(edgeType, 'node') : null;
  if (!edgeType || !nodeType) return null;
  const nodes = collectFields(
    conn.filter((f) => f.name.value === 'edges').map((f) => f.selectionSet),
    edgeType,
    info,
  ).filter((f) => f.name.value === 'node');
  const plan = planOf(paged.edge, childSelections(nodes, nodeType, paged.via, info), info, depth);
  plan.page = { first: page.first, after: page.after, type, count };
  return plan;
}

/**
 * The plans below a root connection field's nodes (`studies { edges { node { … } } }`) and the
 * properties those nodes' selected fields read (undefined: all).
 */
export function planRoot(info: GraphQLResolveInfo): { plans: TreePlan[]; props: string[] | undefined } {
  const connection = getNamedType(info.returnType);
  const edgeType = connection instanceof GraphQLObjectType ? objectTypeOf(connection, 'edges') : null;
  const nodeType = edgeType ? objectTypeOf(edgeType, 'node') : null;
  if (!(connection instanceof GraphQLObjectType) || !edgeType || !nodeType) return { plans: [], props: undefined };
  const edges = collectFields(
    info.fieldNodes.map((n) => n.selectionSet),
    connection,
    info,
  ).filter((f) => f.name.value === 'edges');
  const sets = collectFields(
    edges.map((f) => f.selectionSet),
    edgeType,
    info,
  )
    .filter((f) => f.name.value === 'node')
    .map((f) => f.selectionSet);
  return { plans: plansBelow(sets, nodeType, info, 0), props: propertiesFor(sets, nodeType, info) };
}

/** Per label the root lookup's node may have, the plans its selection asks for below it. */
export function planLookup(info: GraphQLResolveInfo): Map<Label, TreePlan[]> {
  const out = new Map<Label, TreePlan[]>();
  const returned = getNamedType(info.returnType);
  const types = returned instanceof GraphQLObjectType ? [returned] : isAbstractType(returned) ? info.schema.getPossibleTypes(returned) : [];
  for (const type of types) {
    if (!isLabel(type.name)) continue;
    const plans = plansBelow(
      info.fieldNodes.map((n) => n.selectionSet),
      type,
      info,
      0,
    );
    if (plans.length > 0) out.set(type.name, plans);
  }
  return out;
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
