/**
 * The @neo4j/graphql baseline, served the same way as Abscopal (graphql-yoga over node:http, its
 * own process) over the same Neo4j: typeDefs in bench/neo4j-graphql.typedefs.graphql. Its driver
 * comes from the project's one driver factory. Prints "ready" when it listens; stops on SIGTERM.
 */
import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Neo4jGraphQL } from '@neo4j/graphql';
import { createYoga } from 'graphql-yoga';
import { createDriver } from '../src/db/driver.js';

const uri = process.env['BENCH_NEO4J_URI'];
const port = Number(process.env['BENCH_PORT']);
if (!uri || !Number.isInteger(port)) throw new Error('serve-neo4j-graphql needs BENCH_NEO4J_URI and BENCH_PORT');

const typeDefs = readFileSync(path.join(path.dirname(fileURLToPath(import.meta.url)), 'neo4j-graphql.typedefs.graphql'), 'utf8');
const driver = createDriver({ uri, user: 'neo4j', password: undefined });
const schema = await new Neo4jGraphQL({ typeDefs, driver }).getSchema();
const yoga = createYoga({ schema, graphqlEndpoint: '/graphql', landingPage: false, graphiql: false, logging: 'error' });
const server = createServer(yoga);
server.listen(port, '127.0.0.1', () => console.log('ready'));
process.on('SIGTERM', () => {
  server.closeAllConnections();
  server.close(() => void driver.close().then(() => process.exit(0)));
});
