/** Entry point only: config, database (local Neo4j when NEO4J_URI is unset), listen, shutdown. */
import { existsSync } from 'node:fs';
import { createServer, type Server } from 'node:http';
import { createApp } from './app.js';
import { openDatabase, prepareGraph } from './bootstrap.js';
import { ConfigError, loadConfig } from './config.js';
import { createLogger } from './logger.js';
import { createMetrics } from './metrics.js';

async function main(): Promise<void> {
  // A .env file (see .env.example) fills in variables the environment does not set.
  if (existsSync('.env')) process.loadEnvFile('.env');
  let config;
  try {
    config = loadConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const started = Date.now();
  const metrics = createMetrics();
  const opened = await openDatabase(config, log);
  let server: Server | undefined;
  let closing = false;
  const shutdown = async (signal: string): Promise<void> => {
    if (closing) return;
    closing = true;
    log.info({ signal }, 'shutting down');
    server?.close();
    await opened.close();
    log.info('stopped');
    process.exit(0);
  };
  // Handlers first: a Ctrl-C during seeding must still stop the local Neo4j cleanly.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await prepareGraph(opened.db, config, log);
  const app = createApp({ db: opened.db, logger: log, metrics, exposeQueryCount: config.env !== 'production' });
  server = createServer(app);
  server.listen(config.port, config.host, () => {
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    log.info({ ms: Date.now() - started, neo4j: config.neo4j.uri }, `ready: GraphiQL ${base}/graphql, explorer ${base}/`);
  });
}

main().catch((err: unknown) => {
  console.error(`abscopal failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
