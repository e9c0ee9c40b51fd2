/**
 * A dead database makes no client wait: with the local Neo4j killed, a request answers
 * SERVICE_UNAVAILABLE within the configured bound, with a retry hint; /ready is 503 and /health
 * 200; once the supervisor has Neo4j back, the same app answers with data again, no restart.
 * Uses its own throwaway Neo4j (never the shared test database): it is killed here.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { applySchema } from '../../src/db/apply-schema.js';
import { createLogger } from '../../src/observability/logger.js';
import { connect } from '../../src/runtime/bootstrap.js';
import { freePort, superviseLocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { testApp } from '../helpers.js';

const BOUND_MS = 3000;
const QUERY = '{ graphStats { nodes { name count } } }';

describe('a database that goes away', () => {
  it('answers SERVICE_UNAVAILABLE within the bound while Neo4j is dead, and data again once it is back, without a restart', { timeout: 240_000 }, async () => {
    const log = createLogger('silent');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-failfast-'));
    const neo4j = await superviseLocalNeo4j({ dataDir, port: await freePort(), heap: '256m', log });
    const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' }, undefined, BOUND_MS);
    await applySchema(db);
    const app = testApp(db, {
      exposeQueryCount: false,
      dbUnavailableAfterMs: BOUND_MS,
      dbRetryAfterSeconds: 2,
      // What is under test is the path to the database: a cached answer would not need it.
      responseCache: { enabled: false },
    }).app;
    const ask = async () => {
      const started = Date.now();
      const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: QUERY }) });
      const body = (await res.json()) as { data?: unknown; errors?: { extensions?: Record<string, unknown> }[] };
      return { ms: Date.now() - started, status: res.status, retryAfter: res.headers.get('retry-after'), body };
    };
    try {
      // Precondition: data while Neo4j is up (a cold JVM on a busy machine may need a few tries).
      const warm = Date.now() + 60_000;
      let up = await ask();
      while (!up.body.data && Date.now() < warm) up = await ask();
      expect(up.body.data).toBeTruthy();
      const firstPid = neo4j.pid;
      process.kill(firstPid, 'SIGKILL');

      // The first request meets the dead connection; the next ones are answered by the breaker.
      for (let i = 0; i < 3; i++) {
        const down = await ask();
        expect(down.body.errors?.[0]?.extensions).toMatchObject({ code: 'SERVICE_UNAVAILABLE', retryAfterSeconds: 2 });
        expect(down.retryAfter).toBe('2');
        // The bound is the contract under test (DB_UNAVAILABLE_AFTER_MS); 1 s of slack for a busy machine.
        expect(down.ms).toBeLessThan(BOUND_MS + 1000);
      }
      expect((await app.fetch('http://test/ready')).status).toBe(503);
      expect((await app.fetch('http://test/health')).status).toBe(200);

      // Back without a restart of the app: poll until data comes again.
      const until = Date.now() + 180_000;
      let last = await ask();
      while (!last.body.data && Date.now() < until) {
        await new Promise((r) => setTimeout(r, 250));
        last = await ask();
      }
      expect(last.body.errors).toBeUndefined();
      expect(last.body.data).toBeTruthy();
      expect(neo4j.pid).not.toBe(firstPid);
      expect((await app.fetch('http://test/ready')).status).toBe(200);
    } finally {
      await driver.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
