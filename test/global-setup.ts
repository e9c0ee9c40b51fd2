/**
 * Starts a throwaway Neo4j on a free port with a temporary data directory (never the
 * `npm start` data), applies the schema, loads the seed, and serves the app on a free port for
 * the browser tests. Everything is removed afterwards.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:http';
import os from 'node:os';
import path from 'node:path';
import type { TestProject } from 'vitest/node';
import { createLogger } from '../src/observability/logger.js';
import { connect, prepareGraph } from '../src/runtime/bootstrap.js';
import { freePort, startLocalNeo4j } from '../src/runtime/local-neo4j.js';
import { testApp } from './helpers.js';

declare module 'vitest' {
  export interface ProvidedContext {
    neo4jUri: string;
    baseUrl: string;
  }
}

interface TestEnv {
  neo4jUri: string;
  baseUrl: string;
  stop(): Promise<void>;
}

/**
 * Each project that lists this file runs it, in one process but in its own module graph, so the
 * shared environment hangs off globalThis with a count of the projects using it.
 */
const shared = globalThis as typeof globalThis & { abscopalTestEnv?: { env: Promise<TestEnv>; users: number } };

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  shared.abscopalTestEnv ??= { env: start(), users: 0 };
  const holder = shared.abscopalTestEnv;
  holder.users += 1;
  const env = await holder.env;
  project.provide('neo4jUri', env.neo4jUri);
  project.provide('baseUrl', env.baseUrl);
  return async () => {
    holder.users -= 1;
    if (holder.users > 0) return;
    delete shared.abscopalTestEnv;
    await env.stop();
  };
}

async function start(): Promise<TestEnv> {
  const log = createLogger(process.env['LOG_LEVEL'] ?? 'warn', 'test-setup');
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-test-neo4j-'));
  const neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '768m', log });
  const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);

  // The one test app (test/helpers.ts), logging warnings: this one serves the browser tests over real HTTP.
  const { app } = testApp(db, { logger: createLogger('warn', 'test-app') });
  const server = createServer(app);
  const port = await freePort();
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const baseUrl = `http://127.0.0.1:${port}`;

  process.env['ABSCOPAL_TEST_URL'] = baseUrl;
  process.env['ABSCOPAL_TEST_NEO4J_URI'] = neo4j.uri;

  return {
    neo4jUri: neo4j.uri,
    baseUrl,
    async stop() {
      await new Promise((resolve) => server.close(resolve));
      await driver.close();
      await neo4j.stop();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
