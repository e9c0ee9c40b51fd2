/** Readiness follows the database: 503 while Neo4j is down, 200 again once it is back, no restart. */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { createApp } from '../../src/app.js';
import { connect } from '../../src/bootstrap.js';
import { freePort, startLocalNeo4j } from '../../src/local-neo4j.js';
import { createLogger } from '../../src/logger.js';
import { createMetrics } from '../../src/metrics.js';

describe('the readiness endpoint', () => {
  it('answers 503 while Neo4j is stopped and 200 after it restarts, without restarting the server', { timeout: 120_000 }, async () => {
    const log = createLogger('silent');
    const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-ready-'));
    const port = await freePort();
    let neo4j = await startLocalNeo4j({ dataDir, port, heap: '256m', log });
    const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
    const app = createApp({ db, logger: log, metrics: createMetrics(false), exposeQueryCount: false, readinessTimeoutMs: 3000 });
    try {
      expect((await app.fetch('http://test/ready')).status).toBe(200);
      await neo4j.stop();
      expect((await app.fetch('http://test/ready')).status).toBe(503);
      expect((await app.fetch('http://test/health')).status).toBe(200);
      neo4j = await startLocalNeo4j({ dataDir, port, heap: '256m', log });
      let status = 0;
      for (let i = 0; i < 20 && status !== 200; i++) {
        status = (await app.fetch('http://test/ready')).status;
        if (status !== 200) await new Promise((r) => setTimeout(r, 500));
      }
      expect(status).toBe(200);
    } finally {
      await driver.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    }
  });
});
