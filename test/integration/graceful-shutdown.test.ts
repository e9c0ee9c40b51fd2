/**
 * SIGTERM with requests in flight: the real server (a child process on its own port, against the
 * seeded test database) answers every one of them with data before it closes the driver and
 * exits, and readiness turns 503 as soon as shutdown begins.
 */
import { describe, expect, inject, it } from 'vitest';
import { getText, postGraphQLHeld, startServer } from '../../scripts/server-process.js';
import { freePort } from '../../src/runtime/local-neo4j.js';
import { testApp, testDb } from '../helpers.js';

// The nested query the benchmark measures: every study, its arms, therapies, outcomes, findings.
// Each request names its answer differently, so every one runs its queries during the drain
// rather than leaving from the response cache.
const nested = (i: number): string =>
  `{ studies${i}: studies(first: 100) { edges { node { shortName arms { name therapies { order therapy { name broader { name } } } outcomes { measure value } } findings { statement biomarker { name } sources { url } } } } } }`;
const IN_FLIGHT = 30;

async function inFlight(url: string): Promise<number> {
  const { body } = await getText(`${url}/metrics`);
  const m = /^abscopal_http_requests_in_flight (\d+)/m.exec(body);
  // The /metrics request itself is one of them.
  return m ? Number(m[1]) - 1 : 0;
}

describe('graceful shutdown', () => {
  it('answers readiness 503 once shutdown has begun', async () => {
    const { db, close } = await testDb();
    try {
      let draining = false;
      const app = testApp(db, { exposeQueryCount: false, isDraining: () => draining }).app;
      expect((await app.fetch('http://test/ready')).status).toBe(200);
      draining = true;
      expect((await app.fetch('http://test/ready')).status).toBe(503);
      expect((await app.fetch('http://test/health')).status).toBe(200);
    } finally {
      await close();
    }
  });

  it(`answers all ${IN_FLIGHT} requests in flight at SIGTERM with data, then closes the driver and exits 0`, { timeout: 240_000 }, async () => {
    const server = await startServer({
      PORT: String(await freePort()),
      NEO4J_URI: inject('neo4jUri'),
      SEED_ON_START: 'never',
      SHUTDOWN_GRACE_MS: '60000',
      // This test is about the drain; on a busy CI machine 30 nested queries can take longer than
      // the fail-fast bound, which the fail-fast test covers.
      DB_UNAVAILABLE_AFTER_MS: '60000',
      NODE_ENV: 'test',
    });
    try {
      // Each request's body stops halfway until released, so all 30 are in the server (counted in
      // flight) and none can have finished when SIGTERM arrives, however fast the machine. Racing
      // fast answers against a poll failed in CI once the nested query got faster.
      const held = Array.from({ length: IN_FLIGHT }, (_, i) => postGraphQLHeld(server.url, nested(i)));
      const answers = held.map((h) =>
        h.answer.then(
          (a) => a,
          (err: Error) => err,
        ),
      );
      const deadline = Date.now() + 60_000;
      let seen = await inFlight(server.url);
      while (seen < IN_FLIGHT && Date.now() < deadline) seen = await inFlight(server.url);
      expect(seen, 'all requests were in flight when SIGTERM was sent').toBe(IN_FLIGHT);
      server.kill('SIGTERM');
      // The rest of each body arrives once the drain has begun: the queries run while draining.
      await server.waitForLog((l) => l.msg?.startsWith('shutting down') === true, 30_000);
      for (const h of held) h.release();
      const results = await Promise.all(answers);
      const withData = results.filter((r, i) => {
        if (r instanceof Error || r.status !== 200) return false;
        const body = JSON.parse(r.body) as { data?: Record<string, unknown>; errors?: unknown };
        return body.data?.[`studies${i}`] !== undefined && !body.errors;
      });
      expect(results.filter((r) => r instanceof Error).map(String)).toEqual([]);
      expect(withData.length).toBe(IN_FLIGHT);
      expect(await server.exited).toEqual({ code: 0, signal: null });
      const order = server.logs.map((l) => l.msg).filter((m) => m === 'drained' || m === 'stopped' || m?.startsWith('shutting down'));
      expect(order).toEqual(['shutting down: readiness 503, no new connections, draining', 'drained', 'stopped']);
      expect(server.logs.find((l) => l.msg?.startsWith('shutting down'))?.['inFlight']).toBe(IN_FLIGHT);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
