/**
 * The one cost estimate: an upper bound on the rows a query will read from the graph, in the
 * unit the run-time budget counts (src/db/budget.ts charges one row per record, a tree row for
 * every hit at every level), computed from the document before any resolver runs.
 *
 * Every multiplier is min(page size, what the graph really holds): a root list reads at most
 * min(first + 1, rows of its label) (the count store), a relationship field at most
 * min(page + 1, the largest degree) children per parent, and over N parents at most N × its 95th
 * percentile plus, for the few parents above it (at most 5% of the label, plus one), the rest up
 * to the maximum; and never more distinct parents than the label has (the loaders read each
 * parent once per request). Each term grows with every page size, so asking for more never lowers it.
 * Fields the model does not describe (a ranking's rows, the graph view) count one row and do not
 * multiply: their cost is bounded at run time by the budget itself and by their own limits.
 */
import {
  type DocumentNode,
  type FieldNode,
  type FragmentDefinitionNode,
  type GraphQLField,
  GraphQLIncludeDirective,
  GraphQLInterfaceType,
  GraphQLObjectType,
  type GraphQLOutputType,
  type GraphQLSchema,
  GraphQLSkipDirective,
  getArgumentValues,
  getDirectiveValues,
  getNamedType,
  getOperationAST,
  isListType,
  isNonNullType,
  Kind,
  type SelectionSetNode,
} from 'graphql';
import { EDGES, type EdgeName, isEdgeName, isPaged, LIST_CAP } from '../db/model.js';
import { PAGE, RELATION_PAGE } from './limits.js';
import { FIELD_EDGES } from './lookahead.js';

export interface Degree {
  p95: number;
  max: number;
}

/** What the estimate knows of the graph: per relationship field its degrees, per label its node count. */
export interface GraphShape {
  degrees: ReadonlyMap<EdgeName, Degree>;
  labels: ReadonlyMap<string, number>;
}

/** The field that reads the most rows of a query, for the message that refuses it. */
export interface Widest {
  field: string;
  rows: number;
  degree?: Degree;
}

export interface Estimate {
  /** Rows the query reads at most. */
  rows: number;
  widest: Widest | undefined;
}

/** Paged relationship fields whose GraphQL name is not their relationship field's. */
const PAGED_EXCEPTIONS: Readonly<Record<string, EdgeName>> = { 'Investigator.authorships': 'Investigator.studies' };

/** The relationship field a GraphQL field ("Type.field") reads, with whether it is paged. */
function edgeOf(key: string): { edge: EdgeName; paged: boolean } | undefined {
  const small = FIELD_EDGES[key];
  if (small) return { edge: small.edge, paged: false };
  const paged = PAGED_EXCEPTIONS[key] ?? (isEdgeName(key) ? key : undefined);
  return paged && isPaged(paged) ? { edge: paged, paged: true } : undefined;
}

/**
 * Children read over `parents` parents, each giving at most `cap`: never more than the largest
 * degree each, and beyond the 95th percentile only for the parents that can be above it.
 */
export function childrenBound(parents: number, cap: number, degree: Degree | undefined, parentCount: number | undefined): number {
  if (parents <= 0) return 0;
  if (!degree) return parents * cap;
  const hi = Math.min(cap, degree.max);
  const lo = Math.min(cap, degree.p95);
  // percentileDisc(0.95): at most 5% of the label's parents lie above it (+1 for rounding).
  const above = parentCount === undefined ? parents : Math.min(parents, Math.ceil(0.05 * parentCount) + 1);
  return Math.min(parents * hi, parents * lo + above * (hi - lo));
}

const isList = (t: GraphQLOutputType): boolean => (isNonNullType(t) ? isListType(t.ofType) : isListType(t));

type Composite = GraphQLObjectType | GraphQLInterfaceType;

/** The estimate for the operation `operationName` of `document` (undefined when there is no such operation). */
export function estimateRows(
  schema: GraphQLSchema,
  document: DocumentNode,
  operationName: string | null | undefined,
  variables: Record<string, unknown>,
  shape: GraphShape,
): Estimate | undefined {
  const operation = getOperationAST(document, operationName ?? undefined);
  if (!operation) return undefined;
  const root = operation.operation === 'query' ? schema.getQueryType() : operation.operation === 'mutation' ? schema.getMutationType() : schema.getSubscriptionType();
  if (!root) return undefined;
  const fragments = new Map<string, FragmentDefinitionNode>();
  for (const d of document.definitions) if (d.kind === Kind.FRAGMENT_DEFINITION) fragments.set(d.name.value, d);
  let widest: Widest | undefined;
  const note = (field: string, rows: number, degree?: Degree): void => {
    if (!widest || rows > widest.rows) widest = { field, rows, ...(degree ? { degree } : {}) };
  };

  const skipped = (node: { directives?: readonly unknown[] | undefined }): boolean => {
    if (!node.directives?.length) return false;
    // Directive nodes as graphql-js hands them to its own collectFields.
    const n = node as Parameters<typeof getDirectiveValues>[1];
    if (getDirectiveValues(GraphQLSkipDirective, n, variables)?.['if'] === true) return true;
    return getDirectiveValues(GraphQLIncludeDirective, n, variables)?.['if'] === false;
  };

  const typeNamed = (name: string): Composite | undefined => {
    const t = schema.getType(name);
    return t instanceof GraphQLObjectType || t instanceof GraphQLInterfaceType ? t : undefined;
  };

  const args = (def: GraphQLField<unknown, unknown>, node: FieldNode): Record<string, unknown> => {
    try {
      return getArgumentValues(def, node, variables);
    } catch {
      return {}; // a bad argument fails validation or its resolver, with its own message
    }
  };
  /** Rows a page of `first` reads: one more, to tell whether there is a next page; none for an empty page. */
  const ahead = (first: number): number => (first > 0 ? first + 1 : 0);
  const firstOf = (a: Record<string, unknown>, fallback: number): number => (typeof a['first'] === 'number' && a['first'] >= 0 ? a['first'] : fallback);

  function walkSet(set: SelectionSetNode, type: Composite, parents: number, isRoot: boolean): number {
    let rows = 0;
    for (const sel of set.selections) {
      if (skipped(sel)) continue;
      if (sel.kind === Kind.FIELD) rows += walkField(sel, type, parents, isRoot);
      else if (sel.kind === Kind.INLINE_FRAGMENT) rows += walkSet(sel.selectionSet, (sel.typeCondition && typeNamed(sel.typeCondition.name.value)) || type, parents, isRoot);
      else {
        const f = fragments.get(sel.name.value);
        if (f) rows += walkSet(f.selectionSet, typeNamed(f.typeCondition.name.value) ?? type, parents, isRoot);
      }
    }
    return rows;
  }

  function walkField(node: FieldNode, type: Composite, parents: number, isRoot: boolean): number {
    const name = node.name.value;
    if (name.startsWith('__')) return 0;
    const def = type.getFields()[name];
    if (!def) return 0;
    const named = getNamedType(def.type);
    const target = named instanceof GraphQLObjectType || named instanceof GraphQLInterfaceType ? named : undefined;
    const below = (n: number): number => (node.selectionSet && target ? walkSet(node.selectionSet, target, n, false) : 0);
    const key = `${type.name}.${name}`;

    if (isRoot) {
      const a = args(def, node);
      const label = target ? connectionNode(target) : undefined;
      if (label) {
        // A root page reads first + 1 rows (the extra says whether there is a next page), never
        // more than the label holds; totalCount one more.
        const count = shape.labels.get(label);
        const first = firstOf(a, PAGE.defaultSize);
        const read = Math.min(ahead(first), count ?? Number.POSITIVE_INFINITY);
        note(key, read);
        return read + 1 + below(Math.min(first, count ?? first));
      }
      if (isList(def.type)) {
        const n = firstOf(a, LIST_CAP);
        note(key, n);
        return n + below(n);
      }
      return 1 + below(1);
    }

    const rel = edgeOf(key);
    if (rel) {
      const degree = shape.degrees.get(rel.edge);
      const cap = rel.paged ? ahead(firstOf(args(def, node), RELATION_PAGE.defaultSize)) : LIST_CAP + 1;
      const parentCount = shape.labels.get(EDGES[rel.edge].from);
      // The loaders read each parent once however often it recurs (by id, per request): never
      // more distinct parents than the label has.
      const distinct = Math.min(parents, parentCount ?? parents);
      const children = childrenBound(distinct, cap, degree, parentCount);
      note(rel.edge, children, degree);
      // Besides the children: a row per parent (a tree answers every key; a page its count).
      return children + distinct * (rel.paged ? 2 : 1) + below(children);
    }
    // Not a relationship (a connection's edges and node, a wrapper such as an authorship, an
    // object-valued property): it reads nothing of its own and does not multiply.
    return below(parents);
  }

  /** The label a connection type pages over (its edges' node type), if it is one. */
  function connectionNode(t: Composite): string | undefined {
    const edges = t.getFields()['edges'];
    if (!edges || !t.getFields()['pageInfo']) return undefined;
    const edge = getNamedType(edges.type);
    if (!(edge instanceof GraphQLObjectType)) return undefined;
    const node = edge.getFields()['node'];
    return node ? getNamedType(node.type).name : undefined;
  }

  const rows = walkSet(operation.selectionSet, root, 1, true);
  return { rows, widest };
}
