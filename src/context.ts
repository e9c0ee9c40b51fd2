/** Per-request context: a counting view of the database and fresh loaders, nothing shared. */
import { GraphStore } from './db/graph.js';
import { QueryCounter, type Db } from './db/run.js';
import { createLoaders, type LoaderOptions, type Loaders } from './loaders/index.js';

export interface Context {
  store: GraphStore;
  loaders: Loaders;
  queries: QueryCounter;
}

export function createContext(db: Db, loaderOptions: LoaderOptions = {}): Context {
  const queries = new QueryCounter();
  const store = new GraphStore(db.withCounter(queries));
  return { store, loaders: createLoaders(store, loaderOptions), queries };
}
