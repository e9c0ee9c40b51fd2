/**
 * Readiness follows the database: 503 while Neo4j is down, 200 again once it is back, with no
 * server restart. Under `npm start` the local Neo4j is supervised, so killing it brings it back.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/observability/logger.js';
import { connect } from '../../src/runtime/bootstrap.js';
import { freePort, superviseLocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { testApp } from '../helpers.js';

async function statusWithin(fetchStatus: () => Promise<number>, want: number, ms: number): Promise<number> {
  const until = Date.now() + ms;
  let status = await fetchStatus();
  while (status !== want && Date.now() < until) {
    await new Promise((r) => setTimeout(r, 250));
    status = await fetchStatus();
  }
  return status;
}

describe('the readiness endpoint', () => {
  it('answers 503 when the local Neo4j is killed and 200 once the supervisor has restarted it, without restarting the server', { timeout: 120_000 }, async () => {
    const log = createLogger('silent');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-ready-'));
    const neo4j = await superviseLocalNeo4j({ dataDir, port: await freePort(), heap: '256m', log });
    const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
    const app = testApp(db, { exposeQueryCount: false, readinessTimeoutMs: 2000 }).app;
    const ready = async () => (await app.fetch('http://test/ready')).status;
    try {
      expect(await ready()).toBe(200);
      const firstPid = neo4j.pid;
      process.kill(firstPid, 'SIGKILL');
      expect(await statusWithin(ready, 503, 10_000)).toBe(503);
      expect((await app.fetch('http://test/health')).status).toBe(200);
      expect(await statusWithin(ready, 200, 90_000)).toBe(200);
      expect(neo4j.pid).not.toBe(firstPid);
    } finally {
      await driver.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
