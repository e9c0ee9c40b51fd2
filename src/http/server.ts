/**
 * Entry point only: config, tracing, database (local Neo4j when NEO4J_URI is unset), listen, and
 * the shutdown order on SIGTERM/SIGINT: readiness 503 at once, the listener stops accepting,
 * in-flight requests finish (SHUTDOWN_GRACE_MS), then the driver closes, then the local Neo4j stops.
 */
import { createServer, type Server } from 'node:http';
import { Gauge } from 'prom-client';
import { createLogger, endLog } from '../observability/logger.js';
import { createMetrics } from '../observability/metrics.js';
import { startTracing } from '../observability/tracing.js';
import { openDatabase, prepareGraph } from '../runtime/bootstrap.js';
import { ConfigError, loadRuntimeConfig } from '../runtime/config.js';
import { createApp } from './app.js';
import { drainServer, trackInFlight } from './shutdown.js';

async function main(): Promise<void> {
  let config: ReturnType<typeof loadRuntimeConfig>;
  try {
    // A .env file (see .env.example) fills in variables the environment does not set.
    config = loadRuntimeConfig();
  } catch (err) {
    if (err instanceof ConfigError) {
      console.error(err.message);
      process.exit(2);
    }
    throw err;
  }
  const log = createLogger(config.logLevel);
  const started = Date.now();
  const tracing = startTracing({ serviceName: config.serviceName, endpoint: config.otlpEndpoint });
  const metrics = createMetrics();
  const opened = await openDatabase(config, log);
  let server: Server | undefined;
  let draining = false;
  let inFlightCount = (): number => 0;
  const shutdown = async (signal: string): Promise<void> => {
    if (draining) return;
    draining = true;
    const t0 = Date.now();
    log.info({ signal, inFlight: inFlightCount(), graceMs: config.shutdownGraceMs }, 'shutting down: readiness 503, no new connections, draining');
    if (server) {
      // One turn of the event loop first: connections the kernel has already completed are
      // accepted and served, instead of being reset when the listening socket closes.
      await new Promise((resolve) => setImmediate(resolve));
      const drained = await drainServer(
        server,
        {
          get count() {
            return inFlightCount();
          },
        },
        config.shutdownGraceMs,
      );
      log.info({ ms: Date.now() - t0, ...drained }, drained.timedOut ? 'grace period over: cut the remaining connections' : 'drained');
    }
    await tracing.shutdown();
    await opened.close();
    log.info({ ms: Date.now() - t0 }, 'stopped');
    // Every line out before exit, in order (see endLog).
    await endLog(log);
    process.exit(0);
  };
  // Handlers first: a Ctrl-C during seeding must still stop the local Neo4j cleanly.
  process.on('SIGINT', () => void shutdown('SIGINT'));
  process.on('SIGTERM', () => void shutdown('SIGTERM'));
  await prepareGraph(opened.db, config, log);
  const app = createApp({
    db: opened.db,
    logger: log,
    metrics,
    exposeQueryCount: config.env !== 'production',
    security: {
      trustedDocuments: config.trustedDocuments,
      introspection: config.introspection,
      rateLimitPerMinute: config.rateLimitPerMinute,
      trustProxy: config.trustProxy,
    },
    dbUnavailableAfterMs: config.dbUnavailableAfterMs,
    dbRetryAfterSeconds: config.dbRetryAfterSeconds,
    isDraining: () => draining,
  });
  const tracked = trackInFlight(app, () => draining);
  inFlightCount = () => tracked.inFlight.count;
  new Gauge({
    name: 'abscopal_http_requests_in_flight',
    help: 'HTTP requests received and not yet answered.',
    registers: [metrics.registry],
    collect() {
      this.set(tracked.inFlight.count);
    },
  });
  server = createServer(tracked.handler);
  server.listen(config.port, config.host, () => {
    const base = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${config.port}`;
    log.info({ ms: Date.now() - started, neo4j: config.neo4j.uri, pid: process.pid }, `ready: GraphiQL ${base}/graphql, explorer ${base}/`);
  });
}

main().catch((err: unknown) => {
  console.error(`abscopal failed to start: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
