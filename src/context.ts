/** Per-request context: a counting view of the database and fresh loaders, nothing shared. */
import { GraphStore } from './db/graph.js';
import { QueryCounter, type Db } from './db/run.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders/index.js';

export interface Context {
  /** The database as this request sees it: every query it runs is counted for this request. */
  db: Db;
  store: GraphStore;
  loaders: Loaders;
  queries: QueryCounter;
  /** The HTTP request, for what depends on it (credentials, client address, tracing headers). */
  request: Request | undefined;
}

export function createContext(db: Db, loaderOptions: LoaderOptions = {}, request?: Request): Context {
  const queries = new QueryCounter();
  const counted = db.withCounter(queries);
  const store = new GraphStore(counted);
  return { db: counted, store, loaders: createLoaders(store, loaderOptions), queries, request };
}
