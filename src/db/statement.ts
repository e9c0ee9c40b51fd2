/**
 * One Cypher statement per root field: the root list's page (or the root lookup) together with
 * every tree the query selects below it (db/tree.ts), so a nested query such as studies → arms →
 * therapies, findings → biomarker costs one round trip instead of one for the root and one per
 * tree. The root part is the book's own page query (db/queries.ts rootPageParts), ordered and
 * limited before the trees run, so the trees read below the page's rows only. Everything read
 * below a root node is handed to the request's prefetch sink; the resolvers of those fields find
 * it there without a round trip.
 *
 * The text is stitched from the model and the plan's shape only (page arguments are parameters),
 * so equal shapes share one text, kept in a bounded cache.
 */
import { type Entity, parseEntity, parseProjected, projectedAsEntity } from './entities.js';
import { isLabel, type Label } from './model.js';
import { rootPageParts } from './queries.js';
import type { Db, Row } from './run.js';
import { attachColumns, column, Params, shapeKey, type TreePlan, type TreeSink, weighColumn } from './tree.js';

/** Generated texts by shape; a shape is a few hundred bytes, and a server sees few distinct ones. */
const TEXTS = new Map<string, string>();
const MAX_TEXTS = 500;

function cached(key: string, make: () => string): string {
  const known = TEXTS.get(key);
  if (known !== undefined) return known;
  const text = make();
  // Maps iterate in insertion order: the first key is the oldest text.
  if (TEXTS.size >= MAX_TEXTS) {
    for (const oldest of TEXTS.keys()) {
      TEXTS.delete(oldest);
      break;
    }
  }
  TEXTS.set(key, text);
  return text;
}

/** The statements generated so far, by shape key (for tests that pin the generated text). */
export function generatedStatements(): ReadonlyMap<string, string> {
  return TEXTS;
}

const PROPERTY_NAME = /^[A-Za-z][A-Za-z0-9_]*$/;
const projection = (props: readonly string[] | undefined): string =>
  props
    ? `c {.id${props
        .filter((k) => k !== 'id' && PROPERTY_NAME.test(k))
        .map((k) => `, .${k}`)
        .join('')}}`
    : 'properties(c)';

/** Text and parameters for plans below `c`; the text is built once per shape, the parameters every time. */
function columns(plans: readonly TreePlan[], params: Params, guard?: (i: number) => string | null): string[] {
  return plans.map((plan, i) => {
    const col = column(plan, 'c', 1, '', params);
    const g = guard?.(i);
    return `${g ? `CASE WHEN ${g} THEN ${col} END` : col} AS t${i}`;
  });
}

/** What a root read answers: each root node (its children already in the sink) with its page position. */
export interface RootRow {
  node: Entity;
  sortKey: string;
}

/**
 * A root list's page (`name` and `params` of a book page query, `limit` included) with every tree
 * in `plans` below each of its rows, in one statement. `props`: the root nodes' properties to
 * read, or undefined for all of them.
 */
export async function readRootPage(
  db: Db,
  name: string,
  rootParams: Record<string, unknown>,
  plans: readonly TreePlan[],
  props: readonly string[] | undefined,
  sink: TreeSink,
): Promise<RootRow[]> {
  const parts = rootPageParts(name);
  const params = new Params();
  // The columns' text is the same for every call of one shape; written again, it also numbers the parameters.
  const cols = columns(plans, params);
  const key = `${name}|${props?.join(',') ?? '*'}|${plans.map(shapeKey).join(';')}`;
  const text = cached(key, () =>
    [
      parts.body,
      'WITH c',
      `ORDER BY ${parts.key}`,
      'LIMIT $limit',
      `RETURN ${parts.key} AS sortKey, ${projection(props)} AS props${cols.map((c) => `,\n${c}`).join('')}`,
      'ORDER BY sortKey',
    ].join('\n'),
  );
  const rows: Row[] = await db.readComposed(`one:${name}`, text, { ...params.values, ...rootParams }, (row) => 1 + plans.reduce((n, p, i) => n + weighColumn(p, row[`t${i}`]), 0));
  return rows.map((r) => {
    const node = props ? projectedAsEntity(parseProjected(parts.label, withoutNulls(r['props']))) : parseEntity(parts.label, r['props']);
    attachColumns(
      plans,
      node,
      plans.map((_p, i) => r[`t${i}`]),
      0,
      sink,
    );
    return { node, sortKey: String(r['sortKey']) };
  });
}

/**
 * Any node by id with, per label it may have, the trees the selection asks for below it (a
 * lookup's type is known only once read: each label's columns are guarded by the label). The
 * node's own properties are read whole: it primes the request's node cache.
 */
export async function readLookup(db: Db, id: string, byLabel: ReadonlyMap<Label, readonly TreePlan[]>, sink: TreeSink): Promise<Entity | null> {
  const entries = [...byLabel.entries()].filter(([, plans]) => plans.length > 0).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  const plans = entries.flatMap(([, p]) => p);
  const labels = entries.flatMap(([label, p]) => p.map(() => label));
  const params = new Params();
  const cols = columns(plans, params, (i) => `c:${labels[i]}`);
  const key = `lookup|${entries.map(([label, p]) => `${label}:${p.map(shapeKey).join(';')}`).join('|')}`;
  const text = cached(key, () =>
    ['MATCH (c:Entity {id: $id})', `RETURN [l IN labels(c) WHERE l <> 'Entity'][0] AS label, properties(c) AS props${cols.map((c) => `,\n${c}`).join('')}`].join('\n'),
  );
  const rows: Row[] = await db.readComposed('one:lookup', text, { ...params.values, id }, (row) => 1 + plans.reduce((n, p, i) => n + weighColumn(p, row[`t${i}`]), 0));
  const r = rows[0];
  if (!r) return null;
  const label = r['label'];
  if (typeof label !== 'string' || !isLabel(label)) throw new Error(`unexpected node label ${String(label)}`);
  const node = parseEntity(label, r['props']);
  const mine = byLabel.get(label) ?? [];
  const at = labels.indexOf(label);
  if (mine.length > 0)
    attachColumns(
      mine,
      node,
      plans.map((_p, i) => r[`t${i}`]),
      at,
      sink,
    );
  return node;
}

/** Drops the nulls a projection gives absent properties, in place (the row is ours). */
function withoutNulls(props: unknown): Record<string, unknown> {
  const out = (props ?? {}) as Record<string, unknown>;
  for (const k in out) if (out[k] === null) delete out[k];
  return out;
}
