/**
 * createApp(deps) -> a yoga instance with no listener, so tests call app.fetch() directly and
 * server.ts decides where it listens.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError, type DocumentNode, type ExecutionArgs } from 'graphql';
import { useGraphQlJit } from '@envelop/graphql-jit';
import { createYoga, maskError, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { DatabaseAvailability, useDatabaseFailFast } from './availability.js';
import { createContext, type Context } from '../schema/context.js';
import { Aggregates } from '../db/aggregates.js';
import type { Db } from '../db/run.js';
import type { LoaderOptions } from '../loaders/index.js';
import { mapDatabaseError } from '../errors.js';
import { useContentSecurityPolicy } from './graphiql/content-security-policy.js';
import { graphiqlPage } from './graphiql/page.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { DegreeStats, costPlugin } from '../schema/cost.js';
import { exportPlugin } from '../export/routes.js';
import { RequestReleases, releasePlugin, responseCachePlugin, type ResponseCacheOptions } from '../release/plugin.js';
import { ReleaseTracker } from '../release/release.js';
import { buildSchema } from '../schema/index.js';
import { AGGREGATES } from '../schema/limits.js';
import { useCuration } from '../curation/plugin.js';
import { securityPlugins, type SecurityOptions } from '../security/index.js';
import { staticResponse } from './static.js';
import { useTracing } from '../observability/tracing.js';

const GRAPHQL_ENDPOINT = '/graphql';

export const ARMOR = { maxTokens: 2000, maxAliases: 30, maxDirectives: 20 } as const;

export interface AppDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  /** Adds `extensions.cypherQueries` to every response (on outside production). */
  exposeQueryCount: boolean;
  readinessTimeoutMs?: number;
  /** Only the benchmark turns batching off, to measure the N+1 baseline. */
  loaderOptions?: LoaderOptions;
  /** Curation writes (submissions, reviews) per token per minute; default 60. */
  curationWritesPerMinute?: number;
  /** CSRF, limits, trusted documents, introspection, rate limit (src/security/). */
  security?: SecurityOptions;
  /** Fail fast while Neo4j is unreachable (src/http/availability.ts); defaults 3000 ms and 5 s. */
  dbUnavailableAfterMs?: number;
  dbRetryAfterSeconds?: number;
  /** True once shutdown has begun: readiness answers 503 so load balancers stop sending. */
  isDraining?: () => boolean;
  /** The release this instance serves; by default one tracker per app over `db`. */
  release?: ReleaseTracker;
  /** The response cache (on unless `enabled: false`). */
  responseCache?: ResponseCacheOptions;
}

/**
 * When a document is worth compiling: graphql-jit's compilation of a new document (about 30 ms
 * for the nested benchmark query) is more than graphql-js takes to run it once, so a document
 * runs through graphql-js until it has been seen `after` times, and only then through the code
 * graphql-jit compiles for it. Counted per parsed document: yoga's parse cache hands back the same
 * DocumentNode for the same text, so a repeated query is one key, an ad hoc one (a fresh alias or
 * operation name) a new key that never pays the compile; a WeakMap, so a document yoga's cache
 * drops is forgotten here too.
 */
export function compileAfterSeen(after: number): (args: Pick<ExecutionArgs, 'document'>) => boolean {
  const seen = new WeakMap<DocumentNode, number>();
  return ({ document }) => {
    const n = (seen.get(document) ?? 0) + 1;
    seen.set(document, n);
    return n >= after;
  };
}

/** A document's runs through graphql-js before graphql-jit compiles it (see compileAfterSeen). */
export const JIT_AFTER_SEEN = 2;

/** By name, not instanceof: a plugin may carry its own copy of graphql-js. */
function isGraphQLError(e: unknown): boolean {
  return e instanceof GraphQLError || (typeof e === 'object' && e !== null && (e as Error).name === 'GraphQLError');
}

function metricsAndStatic(metrics: Metrics): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      if (url.pathname === '/metrics') {
        endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
        return;
      }
      const res = await staticResponse(url.pathname);
      if (res) endResponse(res);
    },
  };
}

function queryCountExtension(deps: AppDeps): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      deps.metrics.requests.inc();
      return {
        onExecuteDone({ result, setResult }) {
          if (!deps.exposeQueryCount || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...(result.extensions ?? {}), cypherQueries: ctx.queries.count } });
        },
      };
    },
  };
}

/** Names the relationship lists cut at their cap, so a client knows an answer is partial. */
function cappedExtension(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue as Context;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || ctx.loaders.capped.size === 0) return;
          setResult({ ...result, extensions: { ...(result.extensions ?? {}), capped: [...ctx.loaders.capped].sort() } });
        },
      };
    },
  };
}

export function createApp(deps: AppDeps): YogaServerInstance<Record<string, never>, Context> {
  const timeout = deps.readinessTimeoutMs ?? 2000;
  const unavailableAfterMs = deps.dbUnavailableAfterMs ?? 3000;
  const availability = new DatabaseAvailability({ ping: () => db.ping(), log: deps.logger, probeTimeoutMs: Math.min(timeout, unavailableAfterMs) });
  const db = deps.db.observed((name, seconds, ok) => {
    deps.metrics.observeQuery(name, seconds, ok);
    availability.recordQuery(ok);
  });
  const degrees = new DegreeStats(deps.db);
  const aggregates = new Aggregates(AGGREGATES);
  const release = deps.release ?? new ReleaseTracker(db);
  const releases = new RequestReleases(release);
  return createYoga<Record<string, never>, Context>({
    schema: buildSchema(),
    context: async ({ request }) => createContext(db, deps.loaderOptions, request, undefined, await degrees.fanout(), aggregates),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // GraphiQL bundled by web/build.mjs (assets under /assets/graphiql/): works with no network.
    graphiql: true,
    renderGraphiQL: () => graphiqlPage(),
    logging: deps.logger,
    maskedErrors: {
      maskError(error, message, isDev) {
        const original = isGraphQLError(error) ? (error as GraphQLError).originalError : error;
        const mapped = mapDatabaseError(original);
        if (mapped) return mapped;
        // Expected errors (ours, validation, armor limits) pass through with their codes.
        if (isGraphQLError(error) && (original === undefined || isGraphQLError(original))) return error as Error;
        deps.logger.error({ err: original }, 'unexpected error while executing');
        return maskError(error, message, isDev);
      },
    },
    plugins: [
      // Executes a repeated document through code graphql-jit compiles for it (kept with yoga's
      // parsed document, so bounded by its cache): the nested benchmark query's CPU per request
      // fell from about 30 to 23 ms in-process. A document's first run goes through graphql-js,
      // so an ad hoc query does not pay the compilation (see compileAfterSeen).
      useGraphQlJit({}, { enableIf: compileAfterSeen(JIT_AFTER_SEEN) }),
      useTracing(),
      ...securityPlugins(deps.security),
      useDatabaseFailFast({ availability, unavailableAfterMs, retryAfterSeconds: deps.dbRetryAfterSeconds ?? 5 }),
      maxTokensPlugin({ n: ARMOR.maxTokens }),
      maxAliasesPlugin({ n: ARMOR.maxAliases }),
      maxDirectivesPlugin({ n: ARMOR.maxDirectives }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          // A stalled connection must not hang the probe: fail after `timeout`. Returning false
          // (not throwing) keeps driver messages, with host names, out of the public response.
          if (deps.isDraining?.()) return false;
          try {
            await Promise.race([
              db.ping(),
              new Promise((_, reject) => setTimeout(() => reject(new Error('neo4j did not answer in time')), timeout).unref()),
            ]);
            return true;
          } catch (err) {
            deps.logger.warn({ err: (err as Error).message }, 'readiness: neo4j unreachable');
            return false;
          }
        },
      }),
      metricsAndStatic(deps.metrics),
      costPlugin(),
      useContentSecurityPolicy(GRAPHQL_ENDPOINT),
      exportPlugin(db, release),
      // Release before the cache (its id keys the cache); the cache before the query count, so a
      // cached response stores no count and a hit reports the 0 queries it cost.
      releasePlugin(releases),
      responseCachePlugin(releases, deps.responseCache ?? { enabled: true }, deps.metrics.registry),
      queryCountExtension(deps),
      cappedExtension(),
      useCuration(deps.curationWritesPerMinute === undefined ? {} : { writesPerMinute: deps.curationWritesPerMinute }),
    ],
  });
}
