/**
 * Fail fast while Neo4j is unreachable, recover by itself when it is back.
 *
 * The driver alone would make every client wait for its own retry loop (connection refused is a
 * retryable error, retried for maxTransactionRetryTime). Instead, the first request that meets a
 * dead database marks it down; from then on requests answer SERVICE_UNAVAILABLE at once, without
 * touching the driver, while one background probe pings Neo4j every `probeIntervalMs`. The first
 * successful ping marks it up again, so service resumes without a restart. A request still
 * running at `unavailableAfterMs` while no query has succeeded lately pings Neo4j; if that gets
 * no answer either (a stalled connection, a hung server) the request answers SERVICE_UNAVAILABLE.
 */
import { GraphQLError } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { mapDatabaseError, userError } from '../errors.js';
import type { Logger } from '../observability/logger.js';

export interface AvailabilityOptions {
  ping: () => Promise<void>;
  log: Logger;
  /** A ping slower than this counts as a failure. */
  probeTimeoutMs: number;
  probeIntervalMs?: number;
}

export class DatabaseAvailability {
  private isDown = false;
  private probing = false;
  private stopped = false;
  private downSince = 0;
  private lastSuccess = 0;

  constructor(private readonly opts: AvailabilityOptions) {}

  get down(): boolean {
    return this.isDown;
  }

  /** Every query's outcome (from the Db observer): a success proves Neo4j alive, at no cost. */
  recordQuery(ok: boolean): void {
    if (ok) this.lastSuccess = Date.now();
  }

  /** Some query succeeded within the last `ms`: the database is there, maybe just busy. */
  aliveWithin(ms: number): boolean {
    return Date.now() - this.lastSuccess < ms;
  }

  /** Records that a request saw the database unreachable; probes until it answers again. */
  markDown(reason: string): void {
    if (this.stopped) return;
    if (!this.isDown) {
      this.isDown = true;
      this.downSince = Date.now();
      this.opts.log.warn({ reason }, 'neo4j unreachable: answering SERVICE_UNAVAILABLE until it is back');
    }
    this.startProbing();
  }

  /** One ping, bounded by `timeoutMs` (default probeTimeoutMs); true when Neo4j answered. */
  async ping(timeoutMs = this.opts.probeTimeoutMs): Promise<boolean> {
    let timer: NodeJS.Timeout | undefined;
    try {
      await Promise.race([
        this.opts.ping(),
        new Promise((_, reject) => {
          timer = setTimeout(() => reject(new Error('ping timed out')), timeoutMs);
          timer.unref();
        }),
      ]);
      return true;
    } catch {
      return false;
    } finally {
      clearTimeout(timer);
    }
  }

  /** Ends probing (shutdown). */
  stop(): void {
    this.stopped = true;
  }

  private startProbing(): void {
    if (this.probing) return;
    this.probing = true;
    const interval = this.opts.probeIntervalMs ?? 500;
    const tick = async (): Promise<void> => {
      if (this.stopped) {
        this.probing = false;
        return;
      }
      if (await this.ping()) {
        this.probing = false;
        if (this.isDown) {
          this.isDown = false;
          this.opts.log.info({ downMs: Date.now() - this.downSince }, 'neo4j reachable again');
        }
        return;
      }
      setTimeout(() => void tick(), interval).unref();
    };
    setTimeout(() => void tick(), interval).unref();
  }
}

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
export function useDatabaseFailFast(opts: FailFastOptions): Plugin {
  const hinted = new WeakSet<Request>();
  return {
    onExecute({ args, executeFn, setExecuteFn, setResultAndStopExecution }) {
      const request = (args.contextValue as { request?: Request }).request;
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
