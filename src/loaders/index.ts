/**
 * Per-request DataLoaders. Made fresh for every request (never at module scope), so one user's
 * cache never answers another's and a request sees one consistent snapshot of what it read.
 * Each loader turns one level of a GraphQL query into one batched Cypher round trip.
 */
import DataLoader from 'dataloader';
import type { Entity } from '../db/entities.js';
import type { GraphStore } from '../db/graph.js';
import type { EdgeHit, EdgeName, PagedEdge } from '../db/model.js';
import { EDGES } from '../db/model.js';
import { planKey, readTrees, type TreePage, type TreePlan, type TreeSink } from '../db/tree.js';
import { traceBatch } from '../observability/tracing.js';

/**
 * The DataLoader contract: the i-th result belongs to the i-th key, and there are exactly as
 * many results as keys. Databases return rows in their own order and omit missing keys, so
 * every batch function maps its rows back through this.
 */
export function orderByKeys<V>(keys: readonly string[], found: ReadonlyMap<string, V>, missing: V): V[] {
  return keys.map((k) => found.get(k) ?? missing);
}

/** One parent's page of a growing relationship field, with the keyset of each child for its cursor. */
export interface Page<E extends PagedEdge> {
  items: { hit: EdgeHit<E>; sortKey: (string | number)[] }[];
  hasNextPage: boolean;
}

export interface PageArgs {
  first: number;
  after: readonly (string | number)[] | null;
  type: string | null;
}

export interface Loaders {
  /** Relationship fields ("Study.arms") whose list was cut at LIST_CAP for some parent in this request. */
  capped: Set<string>;
  /** A page of a growing field for many parents at once: one loader per (field, arguments). */
  page<E extends PagedEdge>(name: E, args: PageArgs): DataLoader<string, Page<E>>;
  /** Children per parent of a growing field (totalCount). */
  count(name: PagedEdge, type: string | null): DataLoader<string, number>;
  /** Any node by slug, as the typed entity backing its GraphQL type (null when there is none). */
  node: DataLoader<string, Entity | null>;
  edge<E extends EdgeName>(name: E): DataLoader<string, EdgeHit<E>[]>;
  /**
   * A relationship field with the fields selected below it (db/tree.ts). Everything asked for in
   * one tick from parents of one label (a study's arms tree and its findings tree, for every
   * study) is one round trip; what is read below the fields' own children lands in `prefetched`.
   */
  tree: DataLoader<{ plan: TreePlan; id: string }, EdgeHit[], string>;
  /** Children already read by a tree, per node object and relationship field. */
  prefetched: WeakMap<object, Map<EdgeName, EdgeHit[]>>;
  /**
   * Pages (db/tree.ts pageKey) and totalCounts (countKey) of paged fields already read by a tree
   * or a root field's one statement, per node object.
   */
  prefetchedPages: WeakMap<object, Map<string, TreePage | number>>;
  /** Where trees and one-statement root reads hand what they read below a node. */
  sink: TreeSink;
  /** Whether resolvers may read ahead (off in tests of the per-level fallback). */
  lookahead: boolean;
}

export interface LoaderOptions {
  /** false turns selection-set lookahead off: one batched query per level (the fallback path), for tests and comparison. */
  lookahead?: boolean;
}

export function createLoaders(store: GraphStore, options: LoaderOptions = {}): Loaders {
  const lookahead = options.lookahead ?? true;
  const node = new DataLoader<string, Entity | null>(async (ids) => {
    const found = await traceBatch('node', ids.length, () => store.nodesByIds(ids));
    return orderByKeys(ids, found, null);
  });
  const edges = new Map<EdgeName, DataLoader<string, EdgeHit[]>>();
  const pages = new Map<string, DataLoader<string, Page<PagedEdge>>>();
  const counts = new Map<string, DataLoader<string, number>>();
  const capped = new Set<string>();
  const prefetched = new WeakMap<object, Map<EdgeName, EdgeHit[]>>();
  const prefetchedPages = new WeakMap<object, Map<string, TreePage | number>>();
  const keep = (n: Entity, key: string, value: TreePage | number): void => {
    const byKey = prefetchedPages.get(n) ?? new Map<string, TreePage | number>();
    byKey.set(key, value);
    prefetchedPages.set(n, byKey);
  };
  const sink: TreeSink = {
    attach(n: Entity, edge: EdgeName, hits: EdgeHit[]): void {
      const byEdge = prefetched.get(n) ?? new Map<EdgeName, EdgeHit[]>();
      byEdge.set(edge, hits);
      prefetched.set(n, byEdge);
    },
    attachPage: keep,
    attachCount: keep,
    capped(edge: EdgeName): void {
      capped.add(edge);
    },
  };
  return {
    node,
    capped,
    prefetched,
    prefetchedPages,
    sink,
    lookahead,
    tree: new DataLoader<{ plan: TreePlan; id: string }, EdgeHit[], string>(
      async (asks) => {
        // Group by parent label: one query per label, every plan a column of it.
        const groups = new Map<string, { plans: Map<string, TreePlan>; ids: Set<string> }>();
        for (const { plan, id } of asks) {
          const from = EDGES[plan.edge].from;
          const g = groups.get(from) ?? { plans: new Map(), ids: new Set() };
          g.plans.set(planKey(plan), plan);
          g.ids.add(id);
          groups.set(from, g);
        }
        const found = new Map<string, Map<string, EdgeHit[]>>();
        await Promise.all(
          [...groups.values()].map(async (g) => {
            const plans = [...g.plans.values()];
            const ids = [...g.ids];
            const results = await traceBatch(`tree:${plans.map((p) => p.edge).join('+')}`, ids.length, () => readTrees(store.db, plans, ids, sink));
            plans.forEach((plan, i) => found.set(planKey(plan), results[i]!));
          }),
        );
        return asks.map(({ plan, id }) => found.get(planKey(plan))?.get(id) ?? []);
      },
      { cacheKeyFn: ({ plan, id }) => `${planKey(plan)}\u0000${id}` },
    ),
    page<E extends PagedEdge>(name: E, args: PageArgs): DataLoader<string, Page<E>> {
      const id = JSON.stringify([name, args.first, args.after, args.type]);
      // The map holds one loader per key, each made for its own edge (the key names it): a Map
      // cannot type its values by key, so the loader is cast back to its edge's type here and on set.
      let loader = pages.get(id) as DataLoader<string, Page<E>> | undefined;
      if (!loader) {
        loader = new DataLoader<string, Page<E>>(async (keys) => {
          // One more than asked tells whether there is a next page.
          const found = await traceBatch(name, keys.length, () => store.page(name, keys, args.first + 1, args.after, args.type));
          return keys.map((k) => {
            const items = found.get(k) ?? [];
            // An edge's hit node is an entity of the edge's target label; the node cache holds any.
            for (const { hit } of items) node.prime(hit.node.id, hit.node as Entity);
            return { items: items.slice(0, args.first), hasNextPage: items.length > args.first };
          });
        });
        // Stored under its edge's key; cast back on get (above).
        pages.set(id, loader as unknown as DataLoader<string, Page<PagedEdge>>);
      }
      return loader;
    },
    count(name, type) {
      const id = JSON.stringify([name, type]);
      let loader = counts.get(id);
      if (!loader) {
        loader = new DataLoader<string, number>(async (keys) => orderByKeys(keys, await store.countEdges(name, keys, type), 0));
        counts.set(id, loader);
      }
      return loader;
    },
    edge<E extends EdgeName>(name: E): DataLoader<string, EdgeHit<E>[]> {
      // One loader per edge, typed by the edge: cast back to it here and on set (see page above).
      let loader = edges.get(name) as DataLoader<string, EdgeHit<E>[]> | undefined;
      if (!loader) {
        loader = new DataLoader<string, EdgeHit<E>[]>(async (keys) => {
          const found = await traceBatch(name, keys.length, () => store.edges(name, keys));
          if (found.capped.size > 0) capped.add(name);
          const hits = orderByKeys(keys, found.hits, []);
          // Prime the node cache: a later `node(id)` for a neighbour costs no round trip.
          // (A hit node of a generic edge is typed by its target label; the node cache holds any entity.)
          for (const list of hits) for (const h of list) node.prime(h.node.id, h.node as Entity);
          return hits;
        });
        // Stored under its edge's name; cast back on get (above).
        edges.set(name, loader as unknown as DataLoader<string, EdgeHit[]>);
      }
      return loader;
    },
  };
}
