/**
 * Prefetch trees: one small relationship field together with the small relationship fields a
 * query selects below it (a study's arms, each arm's therapies and their broader classes, each
 * arm's outcomes), read for many parents in ONE Cypher round trip of nested COLLECT subqueries
 * instead of one round trip per level.
 *
 * The Cypher is stitched from the relationship fields' patterns and orderings in db/model.ts
 * (the same ones the one-level edge queries use), never from input: a plan names relationship
 * fields only, and only fields of the model can be named. Every level is capped at LIST_CAP per
 * parent like the one-level queries, so a tree is bounded by the cost estimate the request
 * already passed; its rows are charged to the request's budget by the Db chokepoint.
 */
import neo4j from 'neo4j-driver';
import { parseEntity, parseRel, type Entity } from './entities.js';
import { EDGES, LIST_CAP, boundPattern, isLabel, isPaged, relHasProps, type EdgeHit, type EdgeName, type EdgeSpec } from './model.js';
import type { Db, Row } from './run.js';

/** A relationship field and, below its children, the relationship fields to read with it. */
export interface TreePlan {
  edge: EdgeName;
  children: TreePlan[];
  /**
   * The children's properties to read (besides `id`), when every field the query selects on them
   * is known to read only these; absent: all of them. Fewer properties, less to send and parse.
   */
  props?: readonly string[];
}

/** A stable text for a plan: equal plans batch into one loader. Children are kept sorted. */
const KEYS = new WeakMap<TreePlan, string>();

export function planKey(plan: TreePlan): string {
  const known = KEYS.get(plan);
  if (known !== undefined) return known;
  const key = computeKey(plan);
  KEYS.set(plan, key);
  return key;
}

function computeKey(plan: TreePlan): string {
  const props = plan.props ? `[${plan.props.join(',')}]` : '';
  return plan.children.length === 0 ? `${plan.edge}${props}` : `${plan.edge}${props}{${plan.children.map(planKey).join(',')}}`;
}

/** Plans for the same parent merged by field, children sorted: `a{b}` and `a{c}` become `a{b,c}`. */
export function mergePlans(plans: readonly TreePlan[]): TreePlan[] {
  const byEdge = new Map<EdgeName, TreePlan[]>();
  for (const p of plans) byEdge.set(p.edge, [...(byEdge.get(p.edge) ?? []), p]);
  return [...byEdge.entries()]
    .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
    .map(([edge, same]) => {
      const merged: TreePlan = { edge, children: mergePlans(same.flatMap((p) => p.children)) };
      // Projected only when every selection of the field is; then the union of their properties.
      if (same.every((p) => p.props)) merged.props = [...new Set(same.flatMap((p) => p.props ?? []))].sort();
      return merged;
    });
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;

/** The pattern of `spec` with its parent bound to `parent` and its variables suffixed by depth. */
function levelPattern(spec: EdgeSpec, parent: string, d: number): string {
  return boundPattern(spec, parent)
    .replace('(c:', `(c${d}:`)
    .replace('[r:', `[r${d}:`);
}

const renamed = (expr: string, d: number): string => expr.replace(/\bc\./g, `c${d}.`).replace(/\br\./g, `r${d}.`);

/** One level: the children of `parent` over `plan.edge` as [label, props, rel, ...grandchildren]. */
function level(plan: TreePlan, parent: string, d: number, indent: string): string {
  const spec = EDGES[plan.edge];
  const multiHop = spec.rel === null;
  const c = `c${d}`;
  const rel = relHasProps(spec.rel) ? `properties(r${d})` : '{}';
  // Property names come from the entity schemas (lookahead), never from input; checked anyway.
  const props = plan.props ? `${c} {.id${plan.props.filter((k) => k !== 'id' && PROPERTY_NAME.test(k)).map((k) => `, .${k}`).join('')}}` : `properties(${c})`;
  const kids = plan.children.map((k) => `,\n${indent}  COLLECT {\n${level(k, c, d + 1, `${indent}    `)}\n${indent}  }`).join('');
  return [
    `${indent}MATCH ${levelPattern(spec, parent, d)}`,
    multiHop ? `${indent}WITH DISTINCT ${c}` : '',
    `${indent}RETURN [[l IN labels(${c}) WHERE l <> 'Entity'][0], ${props}, ${rel}${kids}] AS hit`,
    `${indent}ORDER BY ${renamed(spec.orderBy, d)}`,
    `${indent}LIMIT $cap`,
  ]
    .filter(Boolean)
    .join('\n');
}

/**
 * Trees for many parents at once, one row per parent key: every plan is one column, so sibling
 * fields of one parent type (a study's arms and its findings) share the round trip. All plans
 * must start from the same label.
 */
export function treeQuery(plans: readonly TreePlan[]): string {
  const from = EDGES[plans[0]!.edge].from;
  if (plans.some((p) => EDGES[p.edge].from !== from)) throw new Error('one tree query reads from one parent label');
  const columns = plans.map((plan, i) => `COLLECT {\n${level(plan, 'p0', 1, '  ')}\n} AS t${i}`);
  return ['UNWIND $keys AS key', `MATCH (p0:${from} {id: key})`, `RETURN key, ${columns.join(',\n')}`].join('\n');
}

/** Relationship fields a plan may hold: the small ones (growing fields are paged by their own resolvers). */
export function isPrefetchable(edge: EdgeName): boolean {
  return !isPaged(edge);
}

/** Where the children read below a hit go: the per-request prefetch store, and the capped flag. */
export interface TreeSink {
  attach(node: Entity, edge: EdgeName, hits: EdgeHit[]): void;
  capped(edge: EdgeName): void;
}

function parseLevel(plan: TreePlan, parentId: string, raw: unknown, sink: TreeSink): EdgeHit[] {
  const spec = EDGES[plan.edge];
  const list = (raw ?? []) as unknown[][];
  if (list.length > LIST_CAP) {
    list.length = LIST_CAP;
    sink.capped(plan.edge);
  }
  return list.map((h) => {
    const label = h[0];
    if (typeof label !== 'string' || !isLabel(label)) throw new Error(`unexpected node label ${String(label)}`);
    // A projection names absent properties as null; the entity schemas want them absent.
    const node = plan.props ? parseEntity(label, withoutNulls(h[1]), true) : parseEntity(label, h[1]);
    const rel = relHasProps(spec.rel) ? parseRel(spec.rel, parentId, node.id, h[2]) : undefined;
    plan.children.forEach((kid, i) => sink.attach(node, kid.edge, parseLevel(kid, node.id, h[3 + i], sink)));
    return { node, rel } as EdgeHit;
  });
}

/**
 * Reads plans for many parents in one round trip: per plan, the root field's hits per parent key;
 * everything below is handed to `sink` as it is parsed, so the resolvers of those fields find it
 * without a round trip.
 */
export async function readTrees(db: Db, plans: readonly TreePlan[], keys: readonly string[], sink: TreeSink): Promise<Map<string, EdgeHit[]>[]> {
  const name = `tree:${plans.map((p) => p.edge).join('+')}`;
  const rows: Row[] = await db.readComposed(name, treeQuery(plans), { keys: [...keys], cap: neo4j.int(LIST_CAP + 1) }, countHits);
  return plans.map((plan, i) => new Map(rows.map((r) => [String(r['key']), parseLevel(plan, String(r['key']), r[`t${i}`], sink)])));
}

/** Drops the nulls a projection gives absent properties, in place: the row is ours, and a copy per node was garbage. */
function withoutNulls(props: unknown): Record<string, unknown> {
  const out = (props ?? {}) as Record<string, unknown>;
  for (const k in out) if (out[k] === null) delete out[k];
  return out;
}

/** Rows a tree row stands for, for the request's row budget: every hit at every level. */
function countHits(row: Row): number {
  const walk = (hits: unknown): number => {
    if (!Array.isArray(hits)) return 0;
    let n = 0;
    for (const h of hits as unknown[][]) {
      n += 1;
      for (let i = 3; i < h.length; i++) n += walk(h[i]);
    }
    return n;
  };
  let n = 0;
  for (const [k, v] of Object.entries(row)) if (k !== 'key') n += walk(v);
  return Math.max(1, n);
}
