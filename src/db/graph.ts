/**
 * Batch-shaped reads over the knowledge graph. Every method takes many keys and makes one
 * round trip, so DataLoaders above can serve a whole level of a GraphQL query with one query.
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { keysOf } from '../model/narrow.js';
import { type Entity, parseEntity, parseRel, type Study } from './entities.js';
import { LISTED_LABELS, type ListedLabel, listKeys, normaliseText, yearAscPrefix, yearDescPrefix } from './list-keys.js';
import { EDGES, type EdgeHit, type EdgeName, isLabel, type Label, LIST_CAP, type PagedEdge, relHasProps } from './model.js';
import type { StudyOrder, StudyStart } from './queries.js';
import type { Db, Row } from './run.js';

export type { StudyOrder };

export interface StudyFilter {
  yearFrom: number | null;
  yearTo: number | null;
  phase: string | null;
  kind: string | null;
  therapy: string | null;
  biomarker: string | null;
  institution: string | null;
  text: string | null;
}

export interface SearchHit {
  node: Entity;
  score: number;
}

export interface ExpandRow {
  from: string;
  to: string;
  type: string;
  /** The relationship's telling property for a graph view (author role, trial link, dose), if any. */
  detail: string | null;
  neighbour: Entity;
  /** Position in the frontier of the node this row expanded. */
  fromIndex: number;
}

/** JS numbers travel as floats; SKIP and LIMIT need Cypher integers. */
const int = (n: number): ReturnType<typeof neo4j.int> => neo4j.int(Math.trunc(n));

function toNode(label: unknown, props: unknown): Entity {
  if (typeof label !== 'string' || !isLabel(label)) throw new Error(`unexpected node label ${String(label)}`);
  return parseEntity(label, props);
}

// The rows of the book's queries, parsed at the boundary: a query whose columns drift from these fails loudly here.
// Node properties are left to parseEntity (db/entities.ts), which knows each label's schema.
const count = z
  .number()
  .nullable()
  .transform((n) => n ?? 0);
const Rows = {
  node: z.object({ key: z.string(), label: z.string(), props: z.unknown() }),
  hit: z.object({ key: z.string(), label: z.string(), props: z.unknown(), rel: z.unknown() }),
  pageHit: z.object({ key: z.string(), label: z.string(), props: z.unknown(), rel: z.unknown(), sortKey: z.array(z.union([z.string(), z.number()])) }),
  keyedCount: z.object({ key: z.string(), total: count }),
  total: z.object({ total: count }),
  degree: z.object({ field: z.enum(keysOf(EDGES)), p95: count, max: count }),
  sorted: z.object({ props: z.unknown(), sortKey: z.union([z.string(), z.number()]).transform(String) }),
  missingKeys: z.object({ id: z.string(), props: z.record(z.string(), z.unknown()) }),
  searchHit: z.object({ label: z.string(), props: z.unknown(), score: z.number() }),
  expand: z.object({ i: z.number(), from: z.string(), to: z.string(), type: z.string(), rel: z.unknown(), label: z.string(), props: z.unknown() }),
  stat: z.object({ kind: z.enum(['node', 'relationship']), name: z.string(), count: z.number() }),
};
const parseRows = <S extends z.ZodType>(schema: S, rows: readonly Row[]): z.infer<S>[] => rows.map((r) => schema.parse(r));

/** Which book query reads a root list page, with its parameters. */
export interface RootPageRead {
  name: string;
  params: Record<string, unknown>;
}

/** A page of a root list: each node with its keyset position (the cursor's content). */
export type KeyedPage<T> = { node: T; sortKey: string }[];

/**
 * The smallest side a studies filter names: one institution, then one biomarker, then the text
 * (a TEXT index seek), then one therapy class (classes are broad); else the ordering's index.
 */
function studyStart(filter: StudyFilter): StudyStart {
  if (filter.institution !== null) return 'institution';
  if (filter.biomarker !== null) return 'biomarker';
  if (filter.text !== null) return 'text';
  if (filter.therapy !== null) return 'therapy';
  return 'all';
}

/** A filter naming nothing: its count is Neo4j's count store, as cheap as a lookup. */
export const isUnfiltered = (filter: StudyFilter): boolean => Object.values(filter).every((v) => v === null);

/** The filter as query parameters: the text lower-cased, as the stored findText is. */
const studyParams = (filter: StudyFilter): Record<string, unknown> => ({ ...filter, text: filter.text === null ? null : normaliseText(filter.text) });

/**
 * Where a page's seek starts and ends on the ordering's key: after the cursor, and, for a year
 * ordering with a year bound on its leading side, not before that year's first key, nor (on the
 * trailing side) past the bound's last, so the seek reads no study the year filter drops.
 */
function studyBounds(filter: StudyFilter, order: StudyOrder, after: string | null): { after: string; upto: string } {
  let from = after ?? '';
  let upto = '3'; // above every year key ('0', '1' or '2' first)
  if (order === 'YEAR_ASC') {
    if (filter.yearFrom !== null && yearAscPrefix(filter.yearFrom) > from) from = yearAscPrefix(filter.yearFrom);
    if (filter.yearTo !== null) upto = yearAscPrefix(filter.yearTo + 1);
  } else if (order === 'YEAR_DESC') {
    if (filter.yearTo !== null && yearDescPrefix(filter.yearTo) > from) from = yearDescPrefix(filter.yearTo);
    if (filter.yearFrom !== null) upto = yearDescPrefix(filter.yearFrom - 1);
  }
  return { after: from, upto };
}

/** The one relationship property a graph view shows next to the type: a role, a trial link or a dose. */
function relDetail(rel: unknown): string | null {
  const r = (rel ?? {}) as { role?: unknown; link?: unknown; dose?: unknown };
  const detail = r.role ?? r.link ?? r.dose;
  return typeof detail === 'string' ? detail : null;
}

export class GraphStore {
  constructor(readonly db: Db) {}

  async nodesByIds(ids: readonly string[]): Promise<Map<string, Entity>> {
    const rows = parseRows(Rows.node, await this.db.read('nodes-by-ids', { ids: [...ids] }));
    return new Map(rows.map((r) => [r.key, toNode(r.label, r.props)]));
  }

  /**
   * A small relationship field for many parents, at most LIST_CAP children each. `capped` holds
   * the parents whose list was cut at the cap.
   */
  async edges<E extends EdgeName>(name: E, keys: readonly string[]): Promise<{ hits: Map<string, EdgeHit<E>[]>; capped: Set<string> }> {
    const rows = await this.db.read(`edge:${name}`, { keys: [...keys], cap: int(LIST_CAP + 1) });
    const hits = this.toHits(name, rows);
    const capped = new Set<string>();
    for (const [key, list] of hits) {
      if (list.length > LIST_CAP) {
        list.length = LIST_CAP;
        capped.add(key);
      }
    }
    return { hits, capped };
  }

  /** One page of a growing relationship field for many parents: up to `limit` children each after the keyset `after`. */
  async page<E extends PagedEdge>(
    name: E,
    keys: readonly string[],
    limit: number,
    after: readonly (string | number)[] | null,
    type: string | null,
  ): Promise<Map<string, { hit: EdgeHit<E>; sortKey: (string | number)[] }[]>> {
    const rows = parseRows(Rows.pageHit, await this.db.read(`page:${name}`, { keys: [...keys], limit: int(limit), after, type }));
    const out = new Map<string, { hit: EdgeHit<E>; sortKey: (string | number)[] }[]>();
    for (const r of rows) {
      const list = out.get(r.key) ?? [];
      list.push({ hit: this.toHit(name, r), sortKey: r.sortKey });
      out.set(r.key, list);
    }
    return out;
  }

  /** How many children a growing field has, per parent. */
  async countEdges(name: PagedEdge, keys: readonly string[], type: string | null): Promise<Map<string, number>> {
    const rows = parseRows(Rows.keyedCount, await this.db.read(`count:${name}`, { keys: [...keys], type }));
    return new Map(rows.map((r) => [r.key, r.total]));
  }

  /** Per relationship field, the 95th percentile and the maximum of children per parent. */
  async degreeStats(): Promise<Map<EdgeName, { p95: number; max: number }>> {
    const rows = parseRows(Rows.degree, await this.db.read('degree-stats'));
    return new Map(rows.map((r) => [r.field, { p95: r.p95, max: r.max }]));
  }

  private toHits<E extends EdgeName>(name: E, rows: Row[]): Map<string, EdgeHit<E>[]> {
    const byKey = new Map<string, EdgeHit<E>[]>();
    for (const r of parseRows(Rows.hit, rows)) {
      const list = byKey.get(r.key) ?? [];
      list.push(this.toHit(name, r));
      byKey.set(r.key, list);
    }
    return byKey;
  }

  private toHit<E extends EdgeName>(name: E, r: z.infer<typeof Rows.hit>): EdgeHit<E> {
    const spec = EDGES[name];
    const node = toNode(r.label, r.props);
    const rel = relHasProps(spec.rel) ? parseRel(spec.rel, r.key, node.id, r.rel) : undefined;
    // The node is of the edge's target label and rel parsed by its rel type: EdgeHit<E>, which a generic E cannot show.
    return { node, rel } as EdgeHit<E>;
  }

  /**
   * One page of a root list in sortName order, after the keyset `after` (a sortName; null for the
   * first page), optionally only nodes whose name contains `text` (case-insensitive).
   */
  async list<L extends ListedLabel>(label: L, text: string | null, after: string | null, limit: number): Promise<KeyedPage<Entity<L>>> {
    const { name, params } = this.listRead(label, text, after, limit);
    const rows = parseRows(Rows.sorted, await this.db.read(name, params));
    return rows.map((r) => ({ node: parseEntity(label, r.props), sortKey: r.sortKey }));
  }

  /** The query and parameters of a root list page, for list() and for the one-statement read of the field (db/statement.ts). */
  listRead(label: ListedLabel, text: string | null, after: string | null, limit: number): RootPageRead {
    return { name: text === null ? `list:${label}` : `list-text:${label}`, params: { text: text === null ? null : normaliseText(text), after: after ?? '', limit: int(limit) } };
  }

  /** The query and parameters of a studies page, for studies() and for the one-statement read of the field. */
  studiesRead(filter: StudyFilter, order: StudyOrder, after: string | null, limit: number): RootPageRead {
    return { name: `studies-page:${studyStart(filter)}:${order}`, params: { ...studyParams(filter), ...studyBounds(filter, order, after), limit: int(limit) } };
  }

  async count(label: ListedLabel, text: string | null): Promise<number> {
    const rows = parseRows(Rows.total, await this.db.read(text === null ? `count:${label}` : `count-text:${label}`, { text: text === null ? null : normaliseText(text) }));
    return rows[0]?.total ?? 0;
  }

  /** One page of studies: filtered from the smallest side the filter names, in `order`, after the keyset `after`. */
  async studies(filter: StudyFilter, order: StudyOrder, after: string | null, limit: number): Promise<KeyedPage<Study>> {
    const { name, params } = this.studiesRead(filter, order, after, limit);
    const rows = parseRows(Rows.sorted, await this.db.read(name, params));
    return rows.map((r) => ({ node: parseEntity('Study', r.props), sortKey: r.sortKey }));
  }

  async countStudies(filter: StudyFilter): Promise<number> {
    const rows = parseRows(Rows.total, await this.db.read(isUnfiltered(filter) ? 'studies-count:unfiltered' : `studies-count:${studyStart(filter)}`, studyParams(filter)));
    return rows[0]?.total ?? 0;
  }

  /**
   * Adds the derived list keys to nodes written before they existed (a graph from an older
   * version): a batch at a time, per listed label, until none is missing. Returns how many it set.
   */
  async backfillListKeys(batch = 5000): Promise<number> {
    let total = 0;
    for (const label of LISTED_LABELS) {
      for (;;) {
        const rows = parseRows(Rows.missingKeys, await this.db.read(`list-keys-missing:${label}`, { limit: int(batch) }));
        if (rows.length === 0) break;
        const keyed = rows.map((r) => ({ id: r.id, keys: listKeys(label, r.props) }));
        await this.db.write((tx) => tx.run('list-keys-set', { rows: keyed }));
        total += rows.length;
      }
    }
    return total;
  }

  async search(luceneQuery: string, labels: readonly Label[], limit: number): Promise<SearchHit[]> {
    const rows = parseRows(Rows.searchHit, await this.db.read('search', { query: luceneQuery, labels: [...labels], limit: int(limit) }));
    return rows.map((r) => ({ node: toNode(r.label, r.props), score: r.score }));
  }

  /** Up to `limit` relationships of the frontier, at most `perNode` per frontier node (cypher/queries/expand.cypher). */
  async expand(frontier: readonly string[], labels: readonly Label[], perNode: number, limit: number): Promise<ExpandRow[]> {
    const rows = parseRows(Rows.expand, await this.db.read('expand', { frontier: [...frontier], labels: [...labels], perNode: int(perNode), limit: int(limit) }));
    return rows.map((r) => ({ fromIndex: r.i, from: r.from, to: r.to, type: r.type, detail: relDetail(r.rel), neighbour: toNode(r.label, r.props) }));
  }

  async stats(): Promise<{ nodes: Record<string, number>; relationships: Record<string, number> }> {
    const rows = parseRows(Rows.stat, await this.db.read('graph-stats'));
    const nodes: Record<string, number> = {};
    const relationships: Record<string, number> = {};
    for (const r of rows) (r.kind === 'node' ? nodes : relationships)[r.name] = r.count;
    return { nodes, relationships };
  }
}
