/** Per-request context: a counting view of the database and fresh loaders, nothing shared. */
import type { CurationServices } from '../curation/transport.js';
import { Aggregates } from '../db/aggregates.js';
import { type BudgetLimits, RequestBudget } from '../db/budget.js';
import { Fanout } from '../db/degrees.js';
import { GraphStore } from '../db/graph.js';
import { type Db, QueryCounter } from '../db/run.js';
import { createLoaders, type LoaderOptions, type Loaders } from '../loaders/index.js';
import type { Release, ReleaseTracker } from '../release/release.js';
import { AGGREGATES, BUDGET } from './limits.js';

export interface Context {
  /** The database as this request sees it: every query it runs is counted and charged to this request's budget. */
  db: Db;
  budget: RequestBudget;
  /** The graph's fan-out per relationship field, for the cost estimate (and what it found widest). */
  fanout: Fanout;
  store: GraphStore;
  loaders: Loaders;
  queries: QueryCounter;
  /** The HTTP request, for what depends on it (credentials, client address, tracing headers). */
  request: Request | undefined;
  /** Whole-graph aggregates kept per graph version, shared by the app's requests (db/aggregates.ts). */
  aggregates: Aggregates;
  /** The release this request is answered from, and the tracker (set by the release plugin). */
  release?: { current: Release; tracker: ReleaseTracker };
  /** Set by useCuration; absent when a context is built without the app (then writes are refused). */
  curation?: CurationServices;
}

/** What a request's context is built from besides the database; each has a default for tools and tests. */
export interface ContextOptions {
  loaderOptions?: LoaderOptions;
  /** The HTTP request (none for a context built outside the server). */
  request?: Request;
  limits?: BudgetLimits;
  /** The graph's fan-out per relationship field (default: none known, the cost estimate's floor). */
  fanout?: Fanout;
  /** Shared by the app's requests; a context of its own gets a fresh store. */
  aggregates?: Aggregates;
}

export function createContext(db: Db, options: ContextOptions = {}): Context {
  const queries = new QueryCounter();
  const budget = new RequestBudget(options.limits ?? BUDGET);
  const counted = db.withCounter(queries).withBudget(budget);
  const store = new GraphStore(counted);
  return {
    db: counted,
    budget,
    fanout: options.fanout ?? new Fanout(new Map()),
    store,
    loaders: createLoaders(store, options.loaderOptions ?? {}),
    queries,
    request: options.request,
    aggregates: options.aggregates ?? new Aggregates(AGGREGATES),
  };
}
