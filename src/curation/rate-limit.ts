/**
 * Writes per token per minute, counted in a fixed window in this process. A few lines instead of
 * a library: the limit guards against a runaway client, not an attacker with many instances (the
 * reliability layer's global limits do that), and several server instances each applying it is
 * acceptable for that purpose.
 */
import { userError } from '../errors.js';

export class WriteRateLimiter {
  private readonly windows = new Map<string, { start: number; count: number }>();

  constructor(
    readonly perMinute: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Counts one write for `key`; throws RATE_LIMITED when the window's budget is spent. */
  take(key: string): void {
    const t = this.now();
    let w = this.windows.get(key);
    if (w === undefined || t - w.start >= 60_000) {
      w = { start: t, count: 0 };
      this.windows.set(key, w);
    }
    if (w.count >= this.perMinute) {
      const retryAfter = Math.ceil((w.start + 60_000 - t) / 1000);
      throw userError(`too many writes with this token: at most ${this.perMinute} per minute; retry in ${retryAfter} s`, 'RATE_LIMITED', { retryAfterSeconds: retryAfter });
    }
    w.count += 1;
  }
}
