/**
 * The Abscopal app as the benchmark serves it: its own process (so its memory can be read from
 * /proc), over the Neo4j in BENCH_NEO4J_URI, on 127.0.0.1:BENCH_PORT, configured as in
 * production apart from the per-response Cypher count it exposes. Prints "ready" when it listens; stops on SIGTERM.
 */
import { createServer } from 'node:http';
import { createApp } from '../src/http/app.js';
import { createLogger } from '../src/observability/logger.js';
import { createMetrics } from '../src/observability/metrics.js';
import { connect } from '../src/runtime/bootstrap.js';

const uri = process.env['BENCH_NEO4J_URI'];
const port = Number(process.env['BENCH_PORT']);
if (!uri || !Number.isInteger(port)) throw new Error('serve-abscopal needs BENCH_NEO4J_URI and BENCH_PORT');

const { db, driver } = await connect({ uri, user: 'neo4j', password: undefined, database: 'neo4j' });
const app = createApp({ db, logger: createLogger('error', 'bench-abscopal'), metrics: createMetrics(false), exposeQueryCount: true });
const server = createServer(app);
server.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void driver.close().then(() => process.exit(0)));
});
