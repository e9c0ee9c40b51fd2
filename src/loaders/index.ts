/**
 * Per-request DataLoaders. Made fresh for every request (never at module scope), so one user's
 * cache never answers another's and a request sees one consistent snapshot of what it read.
 * Each loader turns one level of a GraphQL query into one batched Cypher round trip.
 */
import DataLoader from 'dataloader';
import type { GraphStore } from '../db/graph.js';
import type { EdgeHit, EdgeName, NodeRecord } from '../db/model.js';
import { traceBatch } from '../tracing.js';

/**
 * The DataLoader contract: the i-th result belongs to the i-th key, and there are exactly as
 * many results as keys. Databases return rows in their own order and omit missing keys, so
 * every batch function maps its rows back through this.
 */
export function orderByKeys<V>(keys: readonly string[], found: ReadonlyMap<string, V>, missing: V): V[] {
  return keys.map((k) => found.get(k) ?? missing);
}

export interface Loaders {
  node: DataLoader<string, NodeRecord | null>;
  edge(name: EdgeName): DataLoader<string, EdgeHit[]>;
}

export interface LoaderOptions {
  /** false turns batching off: one query per parent, the N+1 baseline the benchmark measures. */
  batch?: boolean;
}

export function createLoaders(store: GraphStore, options: LoaderOptions = {}): Loaders {
  const dl = { batch: options.batch ?? true };
  const node = new DataLoader<string, NodeRecord | null>(async (ids) => {
    const found = await traceBatch('node', ids.length, () => store.nodesByIds(ids));
    return orderByKeys(ids, found, null);
  }, dl);
  const edges = new Map<EdgeName, DataLoader<string, EdgeHit[]>>();
  return {
    node,
    edge(name) {
      let loader = edges.get(name);
      if (!loader) {
        loader = new DataLoader<string, EdgeHit[]>(async (keys) => {
          const found = await traceBatch(name, keys.length, () => store.edges(name, keys));
          const hits = orderByKeys(keys, found, []);
          // Prime the node cache: a later `node(id)` for a neighbour costs no round trip.
          for (const list of hits) for (const h of list) node.prime(h.node.id, h.node);
          return hits;
        }, dl);
        edges.set(name, loader);
      }
      return loader;
    },
  };
}
