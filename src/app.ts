/**
 * createApp(deps) -> a yoga instance with no listener, so tests call app.fetch() directly and
 * server.ts decides where it listens.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import { GraphQLError } from 'graphql';
import { createYoga, maskError, useReadinessCheck, type Plugin, type YogaServerInstance } from 'graphql-yoga';
import { createContext, type Context } from './context.js';
import type { Db } from './db/run.js';
import type { LoaderOptions } from './loaders/index.js';
import { mapDatabaseError } from './errors.js';
import type { Logger } from './logger.js';
import type { Metrics } from './metrics.js';
import { exportPlugin } from './export/routes.js';
import { RequestReleases, releasePlugin, responseCachePlugin, type ResponseCacheOptions } from './release/plugin.js';
import { ReleaseTracker } from './release/release.js';
import { buildSchema } from './schema/index.js';
import { staticResponse } from './static.js';

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
  /** The release this instance serves; by default one tracker per app over `db`. */
  release?: ReleaseTracker;
  /** The response cache (on unless `enabled: false`). */
  responseCache?: ResponseCacheOptions;
}

export const GRAPHIQL_EXAMPLE = `# Which biomarkers predict benefit from radiotherapy + immune checkpoint blockade?
# Every line leads back to a study and a source. Press ▶ to run.
query WhichBiomarkersPredictBenefit {
  biomarkerEvidence {
    rule
    ranking {
      rank
      verdict
      score
      biomarker { name }
      bestLevel
      patients
      supporting { biomarkerState statement schedule study { shortName } }
      studies { shortName year institutions { name } }
      sources { kind secondary links }
    }
  }
}
`;

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

export function createApp(deps: AppDeps): YogaServerInstance<Record<string, never>, Context> {
  const timeout = deps.readinessTimeoutMs ?? 2000;
  const db = deps.db.observed(deps.metrics.observeQuery);
  const release = deps.release ?? new ReleaseTracker(db);
  const releases = new RequestReleases(release);
  return createYoga<Record<string, never>, Context>({
    schema: buildSchema(),
    context: ({ request }) => createContext(db, deps.loaderOptions, request),
    graphqlEndpoint: '/graphql',
    landingPage: false,
    graphiql: { title: 'Abscopal — RT + ICB evidence graph', defaultQuery: GRAPHIQL_EXAMPLE },
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
      maxTokensPlugin({ n: ARMOR.maxTokens }),
      maxAliasesPlugin({ n: ARMOR.maxAliases }),
      maxDirectivesPlugin({ n: ARMOR.maxDirectives }),
      useReadinessCheck({
        endpoint: '/ready',
        check: async () => {
          // A stalled connection must not hang the probe: fail after `timeout`. Returning false
          // (not throwing) keeps driver messages, with host names, out of the public response.
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
      exportPlugin(db, release),
      // Release before the cache (its id keys the cache); the cache before the query count, so a
      // cached response stores no count and a hit reports the 0 queries it cost.
      releasePlugin(releases),
      responseCachePlugin(releases, deps.responseCache ?? { enabled: true }, deps.metrics.registry),
      queryCountExtension(deps),
    ],
  });
}
