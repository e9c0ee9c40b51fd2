/**
 * Environment parsed once into a typed, frozen config. A bad value stops start-up with a
 * message that names the variable, instead of failing later somewhere deep in the driver.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { parseEnv } from 'node:util';
import { z } from 'zod';

const LogLevel = z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']);

const EnvSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(4000),
  HOST: z.string().min(1).default('127.0.0.1'),
  NODE_ENV: z.enum(['development', 'production', 'test']).default('development'),
  LOG_LEVEL: LogLevel.default('info'),
  NEO4J_URI: z
    .string()
    .regex(/^(bolt|neo4j)(\+s|\+ssc)?:\/\/[^\s/]+/, 'must be a bolt://, neo4j://, bolt+s:// or neo4j+s:// URI such as bolt://localhost:7687')
    .optional(),
  NEO4J_USER: z.string().default('neo4j'),
  NEO4J_PASSWORD: z.string().optional(),
  NEO4J_DATABASE: z
    .string()
    .regex(/^[A-Za-z][A-Za-z0-9.-]{0,62}$/, 'must be a Neo4j database name')
    .default('neo4j'),
  NEO4J_LOCAL_PORT: z.coerce.number().int().min(1024).max(65535).default(7690),
  NEO4J_LOCAL_DATA: z.string().min(1).default('.neo4j-local/data'),
  NEO4J_LOCAL_HEAP: z
    .string()
    .regex(/^\d+[mg]$/, 'must be a JVM size such as 512m or 1g')
    .default('512m'),
  SEED_ON_START: z.enum(['auto', 'always', 'never']).default('auto'),
  SEED_DIR: z.string().min(1).default('seed'),
  // Reliability and production safety (docs/operations.md, "Production mode, limits and errors").
  SHUTDOWN_GRACE_MS: z.coerce.number().int().min(0).max(300_000).default(10_000),
  DB_UNAVAILABLE_AFTER_MS: z.coerce.number().int().min(100).max(60_000).default(3_000),
  DB_RETRY_AFTER_S: z.coerce.number().int().min(1).max(3600).default(5),
  TRUSTED_DOCUMENTS: z.string().min(1).optional(),
  INTROSPECTION: z.enum(['true', 'false']).optional(),
  RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(0).max(1_000_000).optional(),
  TRUST_PROXY: z.enum(['true', 'false']).default('false'),
  OTEL_EXPORTER_OTLP_ENDPOINT: z.url().optional(),
  OTEL_SERVICE_NAME: z.string().min(1).default('abscopal'),
});

export interface Neo4jTarget {
  /** Where the server connects. With `local`, a Neo4j is started from neo4j-local/ first. */
  kind: 'remote' | 'local';
  uri: string;
  user: string;
  password: string | undefined;
  database: string;
}

export interface Config {
  port: number;
  host: string;
  env: 'development' | 'production' | 'test';
  logLevel: z.infer<typeof LogLevel>;
  neo4j: Neo4jTarget;
  local: { port: number; dataDir: string; heap: string };
  seedOnStart: 'auto' | 'always' | 'never';
  seedDir: string;
  /** How long in-flight requests may run after SIGTERM before their connections are cut. */
  shutdownGraceMs: number;
  /** A request whose database work has not answered in this long gets SERVICE_UNAVAILABLE. */
  dbUnavailableAfterMs: number;
  /** The retry hint (Retry-After, extensions.retryAfterSeconds) while the database is down. */
  dbRetryAfterSeconds: number;
  /** A trusted-documents manifest: only its operations run. Unset: any operation runs. */
  trustedDocuments: string | undefined;
  /** Introspection on (default outside production) or off (default in production). */
  introspection: boolean;
  /** GraphQL requests per client per minute; 0 turns the limit off (default 600 in production, off otherwise). */
  rateLimitPerMinute: number;
  /** Take the client address from X-Forwarded-For (only behind a proxy that sets it). */
  trustProxy: boolean;
  /** OTLP/HTTP endpoint for traces; unset: tracing off. */
  otlpEndpoint: string | undefined;
  serviceName: string;
}

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/**
 * Fills `env` from the `.env` file in `cwd` (see .env.example) with the variables `env` does not
 * set: the environment always wins over the file, as with `process.loadEnvFile`. Returns the file
 * read, or undefined when there is none. Node's own parser, so quoting and comments follow Node.
 */
export function loadDotEnv(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): string | undefined {
  const file = path.join(cwd, '.env');
  if (!existsSync(file)) return undefined;
  for (const [name, value] of Object.entries(parseEnv(readFileSync(file, 'utf8')))) {
    if (value !== undefined && env[name] === undefined) env[name] = value;
  }
  return file;
}

/**
 * What every entry point (the server and each CLI) calls: `.env` from the working directory
 * into the environment, then the validated config. One function, so no command reads a
 * different database than the server would.
 */
export function loadRuntimeConfig(cwd: string = process.cwd(), env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  loadDotEnv(cwd, env);
  return loadConfig(env, cwd);
}

/** Where a command acts, for the line it prints before touching the database. */
export function describeTarget(config: Pick<Config, 'neo4j' | 'local'>): string {
  const n = config.neo4j;
  return n.kind === 'remote' ? `Neo4j at ${n.uri} (database "${n.database}", user "${n.user}")` : `the local Neo4j on port ${config.local.port} (data in ${config.local.dataDir})`;
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env, cwd: string = process.cwd()): Readonly<Config> {
  // Empty strings (as left by `.env` templates) mean "not set".
  const cleaned = Object.fromEntries(Object.entries(env).filter(([, v]) => v !== undefined && v !== ''));
  const parsed = EnvSchema.safeParse(cleaned);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((i) => `  ${i.path.join('.')}: ${i.message} (got ${JSON.stringify(cleaned[String(i.path[0])])})`);
    throw new ConfigError(`invalid configuration:\n${lines.join('\n')}`);
  }
  const e = parsed.data;
  const local = { port: e.NEO4J_LOCAL_PORT, dataDir: path.resolve(cwd, e.NEO4J_LOCAL_DATA), heap: e.NEO4J_LOCAL_HEAP };
  const neo4j: Neo4jTarget = e.NEO4J_URI
    ? { kind: 'remote', uri: e.NEO4J_URI, user: e.NEO4J_USER, password: e.NEO4J_PASSWORD, database: e.NEO4J_DATABASE }
    : { kind: 'local', uri: `bolt://127.0.0.1:${local.port}`, user: e.NEO4J_USER, password: undefined, database: 'neo4j' };
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    env: e.NODE_ENV,
    logLevel: e.LOG_LEVEL,
    neo4j: Object.freeze(neo4j),
    local: Object.freeze(local),
    seedOnStart: e.SEED_ON_START,
    seedDir: path.resolve(cwd, e.SEED_DIR),
    shutdownGraceMs: e.SHUTDOWN_GRACE_MS,
    dbUnavailableAfterMs: e.DB_UNAVAILABLE_AFTER_MS,
    dbRetryAfterSeconds: e.DB_RETRY_AFTER_S,
    trustedDocuments: e.TRUSTED_DOCUMENTS === undefined ? undefined : path.resolve(cwd, e.TRUSTED_DOCUMENTS),
    introspection: e.INTROSPECTION === undefined ? e.NODE_ENV !== 'production' : e.INTROSPECTION === 'true',
    rateLimitPerMinute: e.RATE_LIMIT_PER_MINUTE ?? (e.NODE_ENV === 'production' ? 600 : 0),
    trustProxy: e.TRUST_PROXY === 'true',
    otlpEndpoint: e.OTEL_EXPORTER_OTLP_ENDPOINT,
    serviceName: e.OTEL_SERVICE_NAME,
  });
}
