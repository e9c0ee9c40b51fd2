/**
 * createApp(deps) -> a yoga instance with no listener, so tests call app.fetch() directly and
 * server.ts decides where it listens. The whole request pipeline is the `plugins` list below,
 * one src/http/plugins/use-*.ts per plugin, in the order they run.
 */
import { GraphQLError } from 'graphql';
import { createYoga, maskError, type YogaServerInstance } from 'graphql-yoga';
import { Aggregates } from '../db/aggregates.js';
import { DegreeStats } from '../db/degrees.js';
import type { Db } from '../db/run.js';
import { mapDatabaseError } from '../errors.js';
import type { LoaderOptions } from '../loaders/index.js';
import type { Logger } from '../observability/logger.js';
import type { Metrics } from '../observability/metrics.js';
import { ReleaseTracker } from '../release/release.js';
import { RequestReleases, type ResponseCacheOptions } from '../release/request-releases.js';
import { type Context, createContext } from '../schema/context.js';
import { buildSchema } from '../schema/index.js';
import { AGGREGATES } from '../schema/limits.js';
import type { SecurityOptions } from '../security/index.js';
import { DatabaseAvailability } from './availability.js';
import { graphiqlPage } from './graphiql/page.js';
import { useArmor } from './plugins/use-armor.js';
import { useCappedLists } from './plugins/use-capped-lists.js';
import { useContentSecurityPolicy } from './plugins/use-content-security-policy.js';
import { useCost } from './plugins/use-cost.js';
import { useCuration } from './plugins/use-curation.js';
import { useDatabaseFailFast } from './plugins/use-database-fail-fast.js';
import { useExports } from './plugins/use-exports.js';
import { useGraphQlJit } from './plugins/use-graphql-jit.js';
import { useMetricsEndpoint } from './plugins/use-metrics-endpoint.js';
import { useQueryCount } from './plugins/use-query-count.js';
import { useReadiness } from './plugins/use-readiness.js';
import { useRelease } from './plugins/use-release.js';
import { useResponseCache } from './plugins/use-response-cache.js';
import { useSecurity } from './plugins/use-security.js';
import { useStaticFiles } from './plugins/use-static-files.js';
import { useTracing } from './plugins/use-tracing.js';

const GRAPHQL_ENDPOINT = '/graphql';

export interface AppDeps {
  db: Db;
  logger: Logger;
  metrics: Metrics;
  /** Adds `extensions.cypherQueries` to every response (on outside production). */
  exposeQueryCount: boolean;
  readinessTimeoutMs?: number;
  /** Tests turn lookahead off, to compare the per-level fallback with the planned read. */
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

/** By name, not instanceof: a plugin may carry its own copy of graphql-js. */
function isGraphQLError(e: unknown): boolean {
  return e instanceof GraphQLError || (typeof e === 'object' && e !== null && (e as Error).name === 'GraphQLError');
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
    context: async ({ request }) => createContext(db, { loaderOptions: deps.loaderOptions ?? {}, request, fanout: await degrees.fanout(), aggregates }),
    graphqlEndpoint: GRAPHQL_ENDPOINT,
    landingPage: false,
    // GraphiQL bundled by web/build.mjs (assets under /assets/graphiql/): works with no network.
    graphiql: true,
    renderGraphiQL: () => graphiqlPage(),
    logging: deps.logger,
    maskedErrors: {
      maskError(error, message, isDev) {
        // isGraphQLError also accepts a GraphQLError from another copy of graphql-js, which instanceof misses.
        const original = isGraphQLError(error) ? (error as GraphQLError).originalError : error;
        const mapped = mapDatabaseError(original);
        if (mapped) return mapped;
        // Expected errors (ours, validation, armor limits) pass through with their codes.
        if (isGraphQLError(error) && (original === undefined || isGraphQLError(original))) return error as Error;
        deps.logger.error({ err: original }, 'unexpected error while executing');
        return maskError(error, message, isDev);
      },
    },
    // Order matters only between plugins that share a hook (two onExecute hooks run in list
    // order; a hook that stops execution skips every later one); each group says why it stands
    // where it does. Context building and the result hooks run in their own phase wherever a
    // plugin sits, so the groups below follow yoga's phases except where a shared hook says not.
    plugins: [
      // The executor, first: it replaces the execute function, so every plugin that wraps
      // execution (tracing's active span, fail-fast's deadline) must come after it and wrap the
      // compiled one.
      useGraphQlJit(),
      // Request: what is answered or refused from the HTTP request alone, before any GraphQL
      // work. Tracing first, so every later plugin's work and every error is inside its span;
      // then the rate limit and CSRF (and, at validation, trusted documents, introspection and
      // argument limits); then the endpoints that are not GraphQL.
      useTracing(),
      ...useSecurity(deps.security),
      useReadiness({ ping: () => db.ping(), logger: deps.logger, timeoutMs: timeout, isDraining: deps.isDraining }),
      useMetricsEndpoint(deps.metrics),
      useStaticFiles(),
      useExports(db, release),
      useContentSecurityPolicy(GRAPHQL_ENDPOINT),
      // Parse and validate: a document too large in tokens, aliases or directives never runs.
      ...useArmor(),
      // Context: curation hands resolvers its write limiter; before the execute guards, so a
      // mutation that did not arrive as a JSON POST is refused before anything else is weighed.
      useCuration(deps.curationWritesPerMinute === undefined ? {} : { writesPerMinute: deps.curationWritesPerMinute }),
      // Execute: refuse what cannot run, before anything reads the database and before the
      // result plugins below register their hooks (a refused query is neither cached nor counted):
      // a dead database first (no estimate needed), then the cost estimate and its queue.
      useDatabaseFailFast({ availability, unavailableAfterMs, retryAfterSeconds: deps.dbRetryAfterSeconds ?? 5 }),
      useCost(),
      // Result: the release (it also fixes the context's release) before the cache, since its id
      // keys the cache; the cache before the query count, so a cached response stores no count
      // and a hit reports the 0 queries it cost; then the capped lists.
      useRelease(releases),
      useResponseCache(releases, deps.responseCache ?? { enabled: true }, deps.metrics.registry),
      useQueryCount(deps.metrics, deps.exposeQueryCount),
      useCappedLists(),
    ],
  });
}
