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
