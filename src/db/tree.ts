/**
 * Prefetch trees: one relationship field together with the relationship fields a query selects
 * below it (a study's arms, each arm's therapies and their broader classes, each arm's outcomes;
 * a biomarker's page of findings and each finding's study), read for many parents in ONE Cypher
 * round trip of nested COLLECT subqueries instead of one round trip per level. A paged (growing)
 * field is a level like the others, bounded by its page: its arguments (first, after, type) go in
 * as parameters, so the text depends only on the plan's shape.
 *
 * The Cypher is stitched from the relationship fields' patterns and orderings in db/model.ts
 * (the same ones the one-level edge queries use), never from input: a plan names relationship
 * fields only, and only fields of the model can be named. Every level is capped at LIST_CAP per
 * parent like the one-level queries, so a tree is bounded by the cost estimate the request
 * already passed; its rows are charged to the request's budget by the Db chokepoint.
 */
import neo4j from 'neo4j-driver';
import { type Entity, parseEntity, parseProjected, parseRel, projectedAsEntity } from './entities.js';
import { boundPattern, EDGES, type EdgeHit, type EdgeName, type EdgeSpec, isLabel, isPaged, LIST_CAP, PAGED, type PagedEdge, relHasProps } from './model.js';
import type { Db, Row } from './run.js';

/** A paged field's arguments as one plan entry holds them; `count`: its totalCount is selected. */
export interface PagePlan {
  first: number;
  after: readonly (string | number)[] | null;
  type: string | null;
  count: boolean;
}

/** A relationship field and, below its children, the relationship fields to read with it. */
export interface TreePlan {
  edge: EdgeName;
  children: TreePlan[];
  /**
   * The children's properties to read (besides `id`), when every field the query selects on them
   * is known to read only these; absent: all of them. Fewer properties, less to send and parse.
   */
  props?: readonly string[];
  /** Set on a paged (growing) field: one page of it per parent, with these arguments. */
  page?: PagePlan;
}

/** Where a prefetched page of a paged field is kept on its parent: the field and its arguments. */
export function pageKey(edge: PagedEdge, first: number, after: readonly (string | number)[] | null, type: string | null): string {
  return `${edge}\u0000${first}\u0000${after === null ? '' : JSON.stringify(after)}\u0000${type ?? ''}`;
}

/** Where a prefetched totalCount of a paged field is kept on its parent: the field and its type filter. */
export function countKey(edge: PagedEdge, type: string | null): string {
  return `${edge}\u0000${type ?? ''}`;
}

/** A stable text for a plan, argument values included: equal plans batch into one loader. Children are kept sorted. */
const KEYS = new WeakMap<TreePlan, string>();
/** The same without the page arguments' values: plans of one shape share one generated text. */
const SHAPES = new WeakMap<TreePlan, string>();

export function planKey(plan: TreePlan): string {
  const known = KEYS.get(plan);
  if (known !== undefined) return known;
  const key = computeKey(plan, true);
  KEYS.set(plan, key);
  return key;
}

export function shapeKey(plan: TreePlan): string {
  const known = SHAPES.get(plan);
  if (known !== undefined) return known;
  const key = computeKey(plan, false);
  SHAPES.set(plan, key);
  return key;
}

function computeKey(plan: TreePlan, withArgs: boolean): string {
  const props = plan.props ? `[${plan.props.join(',')}]` : '';
  const p = plan.page;
  const page = p ? `(${withArgs ? `${p.first},${JSON.stringify(p.after)},${p.type ?? ''}` : 'page'}${p.count ? ',count' : ''})` : '';
  const kids = plan.children.map((k) => (withArgs ? planKey(k) : shapeKey(k)));
  return kids.length === 0 ? `${plan.edge}${page}${props}` : `${plan.edge}${page}${props}{${kids.join(',')}}`;
}

/** What may merge: the same field, and for a paged field the same arguments (two pages are two entries). */
const mergeKey = (p: TreePlan): string => (p.page ? `${p.edge}(${p.page.first},${JSON.stringify(p.page.after)},${p.page.type ?? ''})` : p.edge);

/**
 * Plans for the same parent merged by field, children sorted: `a{b}` and `a{c}` become `a{b,c}`.
 * Two selections of a paged field with different arguments stay two entries.
 */
export function mergePlans(plans: readonly TreePlan[]): TreePlan[] {
  const byKey = new Map<string, TreePlan[]>();
  for (const p of plans) byKey.set(mergeKey(p), [...(byKey.get(mergeKey(p)) ?? []), p]);
  const merged = [...byKey.values()].map((same) => {
    const first = same[0]!;
    const out: TreePlan = { edge: first.edge, children: mergePlans(same.flatMap((p) => p.children)) };
    // Projected only when every selection of the field is; then the union of their properties.
    if (same.every((p) => p.props)) out.props = [...new Set(same.flatMap((p) => p.props ?? []))].sort();
    if (first.page) out.page = { ...first.page, count: same.some((p) => p.page?.count) };
    return out;
  });
  const order = (p: TreePlan): string => `${shapeKey(p)}\u0000${planKey(p)}`;
  return merged.sort((a, b) => (order(a) < order(b) ? -1 : order(a) > order(b) ? 1 : 0));
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The pattern of `spec` with its parent bound to `parent` and its variables suffixed by depth. */
function levelPattern(spec: EdgeSpec, parent: string, d: number): string {
  return boundPattern(spec, parent).replace('(c:', `(c${d}:`).replace('[r:', `[r${d}:`);
}

const renamed = (expr: string, d: number): string => expr.replace(/\bc\./g, `c${d}.`).replace(/\br\./g, `r${d}.`);

/** `(k1, k2, …) > $after` over a keyset, written out because Cypher has no tuple comparison. */
function keysetAfter(keys: readonly string[], param: string, i = 0): string {
  const k = keys[i];
  if (k === undefined) return 'false';
  const gt = `${k} > $${param}[${i}]`;
  return i === keys.length - 1 ? gt : `(${gt} OR (${k} = $${param}[${i}] AND ${keysetAfter(keys, param, i + 1)}))`;
}

/**
 * Collects a statement's parameters while its text is written: each paged entry gets the next
 * number, in the order the text is written, so the same shape always gets the same names.
 */
export class Params {
  readonly values: Record<string, unknown> = { cap: neo4j.int(LIST_CAP + 1) };
  private n = 0;
  page(p: PagePlan): string {
    const name = `pg${this.n++}`;
    this.values[`${name}_after`] = p.after;
    this.values[`${name}_type`] = p.type;
    // One more than asked says whether there is a next page; never more than a small field's cap.
    this.values[`${name}_limit`] = neo4j.int(Math.min(p.first + 1, LIST_CAP + 1));
    return name;
  }
}

/** Where a level's children columns start in a hit: after label, props, rel (and a page's sort key). */
const kidsAt = (plan: TreePlan): number => (plan.page ? 4 : 3);

/** The hits of `plan` below `parent`, as a list expression (a paged field with totalCount: [list, count]). */
export function column(plan: TreePlan, parent: string, d: number, indent: string, params: Params): string {
  const spec = EDGES[plan.edge];
  const c = `c${d}`;
  const multiHop = spec.rel === null;
  const rel = relHasProps(spec.rel) ? `properties(r${d})` : '{}';
  // Property names come from the field declarations (lookahead), never from input; checked anyway.
  const props = plan.props
    ? `${c} {.id${plan.props
        .filter((k) => k !== 'id' && PROPERTY_NAME.test(k))
        .map((k) => `, .${k}`)
        .join('')}}`
    : `properties(${c})`;
  const pg = plan.page && isPaged(plan.edge) ? { plan: plan.page, spec: PAGED[plan.edge], name: params.page(plan.page) } : null;
  const kids = plan.children.map((k) => `,\n${indent}  ${column(k, c, d + 1, `${indent}  `, params)}`).join('');
  const keys = pg ? pg.spec.keys.map((k) => renamed(k, d)) : [];
  const typed = pg && 'typeFilter' in pg.spec ? ` AND ($${pg.name}_type IS NULL OR ${c}.type = $${pg.name}_type)` : '';
  const where = pg ? `${indent}  WHERE ($${pg.name}_after IS NULL OR ${keysetAfter(keys, `${pg.name}_after`)})${typed}` : '';
  const list = [
    'COLLECT {',
    `${indent}  MATCH ${levelPattern(spec, parent, d)}`,
    multiHop ? `${indent}  WITH DISTINCT ${c}` : '',
    where,
    `${indent}  RETURN [[l IN labels(${c}) WHERE l <> 'Entity'][0], ${props}, ${rel}${pg ? `, [${keys.join(', ')}]` : ''}${kids}] AS hit`,
    `${indent}  ORDER BY ${pg ? keys.join(', ') : renamed(spec.orderBy, d)}`,
    `${indent}  LIMIT ${pg ? `$${pg.name}_limit` : '$cap'}`,
    `${indent}}`,
  ]
    .filter(Boolean)
    .join('\n');
  if (!pg?.plan.count) return list;
  const counted = typed ? `\n${indent}  WHERE $${pg.name}_type IS NULL OR ${c}.type = $${pg.name}_type` : '';
  return `[${list}, COUNT {\n${indent}  MATCH ${levelPattern(spec, parent, d)}${counted}\n${indent}  RETURN DISTINCT ${c}\n${indent}}]`;
}

/**
 * Trees for many parents at once, one row per parent key: every plan is one column, so sibling
 * fields of one parent type (a study's arms and its findings) share the round trip. All plans
 * must start from the same label.
 */
export function treeQuery(plans: readonly TreePlan[], params = new Params()): string {
  const from = EDGES[plans[0]!.edge].from;
  if (plans.some((p) => EDGES[p.edge].from !== from)) throw new Error('one tree query reads from one parent label');
  const columns = plans.map((plan, i) => `${column(plan, 'p0', 1, '', params)} AS t${i}`);
  return ['UNWIND $keys AS key', `MATCH (p0:${from} {id: key})`, `RETURN key, ${columns.join(',\n')}`].join('\n');
}

/** Relationship fields a tree may start from: the small ones (a paged field below is a level of the tree). */
export function isPrefetchable(edge: EdgeName): boolean {
  return !isPaged(edge);
}

/** One parent's page of a paged field as a tree read it: the children with their keyset, and whether more follow. */
export interface TreePage {
  items: { hit: EdgeHit; sortKey: (string | number)[] }[];
  hasNextPage: boolean;
}

/** Where the children read below a hit go: the per-request prefetch store, and the capped flag. */
export interface TreeSink {
  attach(node: Entity, edge: EdgeName, hits: EdgeHit[]): void;
  attachPage(node: Entity, key: string, page: TreePage): void;
  attachCount(node: Entity, key: string, total: number): void;
  capped(edge: EdgeName): void;
}

/** One hit of `plan` (label, props, rel, [sort key], kids…), its kids attached to the node it holds. */
function parseHit(plan: TreePlan, parentId: string, h: unknown[], sink: TreeSink): EdgeHit {
  const spec = EDGES[plan.edge];
  const label = h[0];
  if (typeof label !== 'string' || !isLabel(label)) throw new Error(`unexpected node label ${String(label)}`);
  // A projection names absent properties as null; the entity schemas want them absent.
  const node = plan.props ? projectedAsEntity(parseProjected(label, withoutNulls(h[1]))) : parseEntity(label, h[1]);
  const rel = relHasProps(spec.rel) ? parseRel(spec.rel, parentId, node.id, h[2]) : undefined;
  attachColumns(plan.children, node, h, kidsAt(plan), sink);
  // The rel schema matches the field's (relHasProps above); the node's label is the field's target.
  return { node, rel } as EdgeHit;
}

/** The children of `node` read by `plans`, from `raw[at…]`, handed to the sink. */
export function attachColumns(plans: readonly TreePlan[], node: Entity, raw: readonly unknown[], at: number, sink: TreeSink): void {
  plans.forEach((kid, i) => {
    const value = raw[at + i];
    if (!kid.page || !isPaged(kid.edge)) {
      sink.attach(node, kid.edge, parseSmall(kid, node.id, value, sink));
      return;
    }
    const p = kid.page;
    const key = pageKey(kid.edge, p.first, p.after, p.type);
    // With totalCount the column is [page, count]; else the page alone.
    const [list, total] = p.count ? ((value ?? [[], 0]) as [unknown, unknown]) : [value, null];
    const items = ((list ?? []) as unknown[][]).map((h) => ({ hit: parseHit(kid, node.id, h, sink), sortKey: h[3] as (string | number)[] }));
    sink.attachPage(node, key, { items: items.slice(0, p.first), hasNextPage: items.length > p.first });
    if (p.count) sink.attachCount(node, countKey(kid.edge, p.type), Number(total));
  });
}

function parseSmall(plan: TreePlan, parentId: string, raw: unknown, sink: TreeSink): EdgeHit[] {
  // A COLLECT column is a list of hit lists, as written by column().
  const list = (raw ?? []) as unknown[][];
  if (list.length > LIST_CAP) {
    list.length = LIST_CAP;
    sink.capped(plan.edge);
  }
  return list.map((h) => parseHit(plan, parentId, h, sink));
}

/**
 * Reads plans for many parents in one round trip: per plan, the root field's hits per parent key;
 * everything below is handed to `sink` as it is parsed, so the resolvers of those fields find it
 * without a round trip.
 */
export async function readTrees(db: Db, plans: readonly TreePlan[], keys: readonly string[], sink: TreeSink): Promise<Map<string, EdgeHit[]>[]> {
  const name = `tree:${plans.map((p) => p.edge).join('+')}`;
  const params = new Params();
  const text = treeQuery(plans, params);
  const rows: Row[] = await db.readComposed(name, text, { ...params.values, keys: [...keys] }, (row) =>
    Math.max(
      1,
      plans.reduce((n, p, i) => n + weighColumn(p, row[`t${i}`]), 0),
    ),
  );
  return plans.map((plan, i) => new Map(rows.map((r) => [String(r['key']), parseSmall(plan, String(r['key']), r[`t${i}`], sink)])));
}

/** Drops the nulls a projection gives absent properties, in place: the row is ours, and a copy per node was garbage. */
function withoutNulls(props: unknown): Record<string, unknown> {
  const out = (props ?? {}) as Record<string, unknown>;
  for (const k in out) if (out[k] === null) delete out[k];
  return out;
}

/**
 * Rows a column stands for, for the request's row budget: every hit at every level, and one for
 * a page's count (what the per-level count query would have read for the parent).
 */
export function weighColumn(plan: TreePlan, raw: unknown): number {
  const [list, counted] = plan.page?.count ? [Array.isArray(raw) ? raw[0] : [], 1] : [raw, 0];
  if (!Array.isArray(list)) return counted;
  const at = kidsAt(plan);
  let n = counted;
  // A tree column is a list of hits, each a list (label, props, rel, kids…) built by treeQuery.
  for (const h of list as unknown[][]) {
    n += 1;
    plan.children.forEach((kid, i) => {
      n += weighColumn(kid, h[at + i]);
    });
  }
  return n;
}
