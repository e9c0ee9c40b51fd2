/** Shared test plumbing: a counting app over the seeded test database, and a GraphQL caller. */
import { afterAll, beforeAll, inject } from 'vitest';
import type { Db } from '../src/db/run.js';
import { type AppDeps, createApp } from '../src/http/app.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { connect } from '../src/runtime/bootstrap.js';

export interface GqlResult<T = Record<string, unknown>> {
  data?: T;
  errors?: { message: string; extensions?: { code?: string } & Record<string, unknown> }[];
  extensions?: { cypherQueries?: number };
}

/**
 * The database with a test's own named statements next to the book's: the shared query book is
 * frozen at start-up, so a test's checks (and fixtures' Cypher) go into an extended copy here.
 */
export function withStatements(db: Db, statements: Record<string, string>): Db {
  return db.withStatements(Object.entries(statements));
}

export async function testDb(): Promise<{ db: Db; close: () => Promise<void> }> {
  const { db, driver } = await connect({ uri: inject('neo4jUri'), user: 'neo4j', password: undefined, database: 'neo4j' });
  return { db, close: () => driver.close() };
}

/**
 * The one way a test builds the app: over `db`, silent, with its own metrics registry and the
 * query count exposed; `options` overrides any of createApp's other dependencies (a readiness
 * timeout, security, a release tracker, a curation rate …). `gql` posts one operation to it.
 */
export function testApp(db: Db, options: Partial<Omit<AppDeps, 'db'>> = {}) {
  const metrics = options.metrics ?? createMetrics(false);
  const app = createApp({ db, logger: createLogger('silent'), exposeQueryCount: true, ...options, metrics });
  async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, headers: Record<string, string> = {}): Promise<GqlResult<T>> {
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...headers },
      body: JSON.stringify({ query, variables }),
    });
    return (await res.json()) as GqlResult<T>;
  }
  return { app, gql, metrics };
}

/**
 * Registers beforeAll/afterAll hooks that connect to the seeded test database and build an app
 * over it; the returned object is filled in before the first test runs.
 */
export function useSeededApp(): { db: Db; gql: ReturnType<typeof testApp>['gql']; app: ReturnType<typeof testApp>['app'] } {
  const ctx = {} as { db: Db; gql: ReturnType<typeof testApp>['gql']; app: ReturnType<typeof testApp>['app'] };
  let close: () => Promise<void> = async () => undefined;
  beforeAll(async () => {
    const opened = await testDb();
    close = opened.close;
    ctx.db = opened.db;
    Object.assign(ctx, testApp(opened.db));
  });
  afterAll(() => close());
  return ctx;
}
