/**
 * Request phase: while Neo4j is unreachable, answer SERVICE_UNAVAILABLE at once (the breaker is
 * src/http/availability.ts); bound every execution by the time a dead database may take.
 */
import { GraphQLError } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { mapDatabaseError, userError } from '../../errors.js';
import type { DatabaseAvailability } from '../availability.js';

export interface FailFastOptions {
  availability: DatabaseAvailability;
  unavailableAfterMs: number;
  retryAfterSeconds: number;
}

const UNAVAILABLE = 'SERVICE_UNAVAILABLE';

function unavailable(retryAfterSeconds: number, why: string): GraphQLError {
  return userError(`the knowledge graph database is unreachable (${why}); try again in ${retryAfterSeconds} s`, UNAVAILABLE, { retryAfterSeconds });
}

/**
 * True when the driver said the database is not there (refused or broken connection). Not our
 * own deadline answers: a slow request must not open the breaker for everyone.
 */
function isDatabaseUnavailable(e: GraphQLError): boolean {
  return mapDatabaseError(e.originalError) !== undefined;
}

/**
 * The driver's pool had no connection free within connectionAcquisitionTimeout: Neo4j is there
 * but saturated. The driver gives this no code (only a message), so it is recognised by that.
 */
function isPoolExhausted(e: GraphQLError): boolean {
  return typeof e.originalError?.message === 'string' && e.originalError.message.startsWith('Connection acquisition timed out');
}

/**
 * The yoga plugin: answers at once while the database is down, bounds every execution by
 * `unavailableAfterMs`, adds the retry hint (extensions.retryAfterSeconds and a Retry-After
 * header) to every SERVICE_UNAVAILABLE answer.
 */
export function useDatabaseFailFast(opts: FailFastOptions): Plugin<YogaInitialContext> {
  const hinted = new WeakSet<Request>();
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const request = args.contextValue.request;
      if (opts.availability.down) {
        if (request) hinted.add(request);
        setResultAndStopExecution({ errors: [unavailable(opts.retryAfterSeconds, 'it did not answer a moment ago')] });
        return;
      }
      setExecuteFn((execArgs) => {
        // A slow request is not a dead database. At the bound: if any query has succeeded
        // lately, Neo4j is there and merely busy, so wait on (checking again each bound). If
        // none has, ping it, giving the ping the bound again; neither an answer nor any other
        // query succeeding meanwhile means a stalled connection or a hung server, and this request
        // answers SERVICE_UNAVAILABLE (within twice the bound; a refused connection fails in about
        // a second through the driver). Only this one: a timeout proves less than a refused
        // connection, so it does not open the breaker for everyone.
        let timer: NodeJS.Timeout | undefined;
        let finished = false;
        const bound = opts.unavailableAfterMs;
        const deadline = new Promise<{ errors: GraphQLError[] }>((resolve) => {
          const check = (): void => {
            if (finished) return;
            if (opts.availability.aliveWithin(bound)) {
              arm(bound);
              return;
            }
            void opts.availability.ping(bound).then((ok) => {
              if (finished) return;
              if (ok || opts.availability.aliveWithin(bound)) return arm(bound);
              if (request) hinted.add(request);
              resolve({ errors: [unavailable(opts.retryAfterSeconds, `no answer within ${2 * bound} ms`)] });
            });
          };
          const arm = (ms: number): void => {
            if (finished) return;
            timer = setTimeout(check, ms);
            timer.unref();
          };
          arm(bound);
        });
        const run = Promise.resolve(executeFn(execArgs));
        // The losing execution keeps running; its late failure must not become an unhandled rejection.
        run.catch(() => undefined);
        return Promise.race([run, deadline]).finally(() => {
          finished = true;
          clearTimeout(timer);
        });
      });
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || !result.errors?.some((e) => isDatabaseUnavailable(e) || isPoolExhausted(e))) return;
          // isDatabaseUnavailable matched a driver error, which carries Neo4j's code.
          const cause = result.errors.find(isDatabaseUnavailable)?.originalError as (Error & { code?: string }) | undefined;
          if (cause) opts.availability.markDown(`a query failed: ${cause.code ?? ''} ${cause.message}`);
          if (request) hinted.add(request);
          // Our message, the error's path: the driver's own message may name hosts.
          const gone = unavailable(opts.retryAfterSeconds, 'a query could not reach it');
          const busy = userError(`the knowledge graph database is busy; try again in ${opts.retryAfterSeconds} s`, UNAVAILABLE, { retryAfterSeconds: opts.retryAfterSeconds });
          setResult({
            ...result,
            errors: result.errors.map((e) => {
              const u = isDatabaseUnavailable(e) ? gone : isPoolExhausted(e) ? busy : undefined;
              return u ? new GraphQLError(u.message, { path: e.path ?? null, nodes: e.nodes ?? null, extensions: u.extensions }) : e;
            }),
          });
        },
      };
    },
    onResponse({ request, response }) {
      if (hinted.has(request)) response.headers.set('retry-after', String(opts.retryAfterSeconds));
    },
  };
}
