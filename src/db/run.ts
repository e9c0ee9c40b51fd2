/**
 * The data-access chokepoint: the only code that runs Cypher. Every query is named, parameterised,
 * counted (per request, for the round-trip tests and the response extension, and globally for
 * /metrics) and timed. Nothing above db/ sees a driver type.
 */
import neo4j, { type Driver, type ManagedTransaction } from 'neo4j-driver';
import { traceQuery } from '../observability/tracing.js';
import type { RequestBudget } from './budget.js';
import type { QueryBook } from './query-book.js';

export type Params = Record<string, unknown>;
export type Row = Record<string, unknown>;

/** Per-request tally of the Cypher round trips a request caused. */
export class QueryCounter {
  count = 0;
  readonly names: string[] = [];
  record(name: string): void {
    this.count += 1;
    this.names.push(name);
  }
}

export type QueryObserver = (name: string, seconds: number, ok: boolean) => void;

export interface WriteStats {
  nodesCreated: number;
  nodesDeleted: number;
  relationshipsCreated: number;
  relationshipsDeleted: number;
  propertiesSet: number;
}

export const emptyStats = (): WriteStats => ({
  nodesCreated: 0,
  nodesDeleted: 0,
  relationshipsCreated: 0,
  relationshipsDeleted: 0,
  propertiesSet: 0,
});

/** The counters of two write units together (a seed load, a synthetic graph in batches). */
export function addStats(a: WriteStats, b: WriteStats): WriteStats {
  return {
    nodesCreated: a.nodesCreated + b.nodesCreated,
    nodesDeleted: a.nodesDeleted + b.nodesDeleted,
    relationshipsCreated: a.relationshipsCreated + b.relationshipsCreated,
    relationshipsDeleted: a.relationshipsDeleted + b.relationshipsDeleted,
    propertiesSet: a.propertiesSet + b.propertiesSet,
  };
}

export interface WriteTx {
  run(name: string, params?: Params): Promise<Row[]>;
  /** What the transaction's statements changed so far (Neo4j's own counters). */
  readonly stats: WriteStats;
}

/** Neo4j's codes for a transaction that ran past its timeout. */
const TIMED_OUT = new Set(['Neo.ClientError.Transaction.TransactionTimedOut', 'Neo.ClientError.Transaction.TransactionTimedOutClientConfiguration']);
const isTimeout = (err: unknown): boolean => TIMED_OUT.has(String((err as { code?: unknown } | null)?.code));

/** A counter of committed writes, shared by every view of one database. */
export class WriteClock {
  version = 0;
  tick(): void {
    this.version += 1;
  }
}

/** What a Db is made of; every view (observed, withCounter, …) shares the driver and the write clock. */
export interface DbOptions {
  driver: Driver;
  database: string;
  queries: QueryBook;
  /** Told of every query (metrics). */
  observe?: QueryObserver | undefined;
  /** Counts one request's queries. */
  counter?: QueryCounter;
  /** Charges one request's reads (rows, bytes, time). */
  budget?: RequestBudget;
  writes?: WriteClock;
}

export class Db {
  private readonly driver: Driver;
  private readonly database: string;
  readonly queries: QueryBook;
  private readonly observe: QueryObserver;
  private readonly counter: QueryCounter | undefined;
  private readonly budget: RequestBudget | undefined;
  private readonly writes: WriteClock;

  constructor(private readonly options: DbOptions) {
    this.driver = options.driver;
    this.database = options.database;
    this.queries = options.queries;
    this.observe = options.observe ?? (() => undefined);
    this.counter = options.counter;
    this.budget = options.budget;
    this.writes = options.writes ?? new WriteClock();
  }

  /** This database with `change`, sharing its write clock. */
  private view(change: Partial<DbOptions>): Db {
    return new Db({ ...this.options, writes: this.writes, ...change });
  }

  /** The same database, reporting every query to `observe` (metrics). */
  observed(observe: QueryObserver): Db {
    return this.view({ observe });
  }

  /** The same database, counting this request's queries into `counter`. */
  withCounter(counter: QueryCounter): Db {
    return this.view({ counter });
  }

  /** The same database, charging this request's reads to `budget` (rows, bytes, time). */
  withBudget(budget: RequestBudget): Db {
    return this.view({ budget });
  }

  /** The same database, with `extra` named statements next to the book's (a test's or the benchmark's own checks); the shared book is unchanged. */
  withStatements(extra: Iterable<readonly [string, string]>): Db {
    return this.view({ queries: this.queries.extended(extra) });
  }

  /** Counts committed writes, for what is derived from the graph (degree statistics, caches). */
  get writeClock(): WriteClock {
    return this.writes;
  }

  /**
   * One auto-commit read. Records are consumed as they stream in and charged to the request's
   * budget, so an oversized answer stops at the limit instead of being buffered whole; the time
   * the request has left goes to Neo4j as the transaction timeout.
   */
  async read(name: string, params: Params = {}): Promise<Row[]> {
    return this.stream(name, this.queries.text(name), params, undefined);
  }

  /**
   * A read whose text is stitched from the model's fragments per request shape (db/tree.ts), so
   * it cannot be listed in the book ahead of time; `name` is its family, for counters and logs.
   * `weigh` says how many rows one record stands for (a tree row carries a whole subtree).
   */
  async readComposed(name: string, text: string, params: Params, weigh: (row: Row) => number): Promise<Row[]> {
    return this.stream(name, text, params, weigh);
  }

  private async stream(name: string, text: string, params: Params, weigh: ((row: Row) => number) | undefined): Promise<Row[]> {
    return this.timed(name, async () => {
      const budget = this.budget;
      const timeout = budget ? Math.max(1, Math.ceil(budget.remainingMs(name))) : undefined;
      const session = this.driver.session({
        database: this.database,
        defaultAccessMode: neo4j.session.READ,
        bookmarkManager: this.driver.executeQueryBookmarkManager,
      });
      try {
        const rows: Row[] = [];
        const result = session.run(text, params, timeout === undefined ? {} : { timeout });
        for await (const record of result) {
          // A record's keys are its RETURN columns; values are checked by each caller's row schema.
          const row = record.toObject() as Row;
          budget?.charge(row, name, weigh ? weigh(row) : 1);
          rows.push(row);
        }
        return rows;
      } catch (err) {
        if (budget && isTimeout(err)) throw budget.timeout(name);
        throw err;
      } finally {
        await session.close();
      }
    });
  }

  /** Runs `work` in one write transaction: all of it commits, or none of it does. */
  async write<T>(work: (tx: WriteTx) => Promise<T>): Promise<T> {
    const session = this.driver.session({
      database: this.database,
      defaultAccessMode: neo4j.session.WRITE,
      bookmarkManager: this.driver.executeQueryBookmarkManager,
    });
    try {
      const out = await session.executeWrite((mtx: ManagedTransaction) => {
        // Fresh stats per attempt: executeWrite retries transient failures from the start.
        const stats = emptyStats();
        return work({
          stats,
          run: (name, params = {}) =>
            this.timed(name, async () => {
              const result = await mtx.run(this.queries.text(name), params);
              const u = result.summary.counters.updates();
              stats.nodesCreated += u.nodesCreated;
              stats.nodesDeleted += u.nodesDeleted;
              stats.relationshipsCreated += u.relationshipsCreated;
              stats.relationshipsDeleted += u.relationshipsDeleted;
              stats.propertiesSet += u.propertiesSet;
              // A record's keys are its RETURN columns; values are checked by each caller's row schema.
              return result.records.map((r) => r.toObject() as Row);
            }),
        });
      });
      this.writes.tick();
      return out;
    } finally {
      await session.close();
    }
  }

  /** Schema statements (constraints, indexes) cannot share a transaction with writes. */
  async runSchemaStatement(statement: string): Promise<void> {
    await this.driver.executeQuery(statement, {}, { database: this.database });
  }

  /** Plans a named query (or a composed one's text) without running it (EXPLAIN), so a test can check the whole book. */
  async explain(name: string, text: string = this.queries.text(name)): Promise<void> {
    await this.driver.executeQuery(`EXPLAIN ${text}`, {}, { database: this.database });
  }

  /** Throws unless the database answers a trivial query now. */
  async ping(): Promise<void> {
    await this.driver.executeQuery('RETURN 1 AS ok', {}, { database: this.database, routing: neo4j.routing.READ });
  }

  private async timed<T>(name: string, fn: () => Promise<T>): Promise<T> {
    this.counter?.record(name);
    const started = process.hrtime.bigint();
    let ok = false;
    try {
      const out = await traceQuery(name, fn);
      ok = true;
      return out;
    } finally {
      this.observe(name, Number(process.hrtime.bigint() - started) / 1e9, ok);
    }
  }
}
