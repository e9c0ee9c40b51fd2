/**
 * The release each request is answered from, and the response cache's settings and counters.
 * The plugins that use them are src/http/plugins/use-release.ts and use-response-cache.ts:
 *
 * - Every GraphQL response carries `extensions.release` (and the `x-abscopal-release` header):
 *   the release the request was answered from.
 * - Query responses are cached in memory, keyed by document + variables + operation name + the
 *   release id (passed as the cache "session"), so a write, which makes a new release, makes
 *   every older entry unreachable at once on every instance; an LRU bound evicts them.
 *   Mutations are never cached (and mark the release for re-checking). Requests with an
 *   Authorization header, or with `x-abscopal-cache: bypass`, skip the cache: the benchmark
 *   uses the header to measure uncached figures next to cached ones.
 * - Hits and misses are counted in /metrics.
 */
import { Counter, type Registry } from 'prom-client';
import type { Release, ReleaseTracker } from './release.js';

export const CACHE_BYPASS_HEADER = 'x-abscopal-cache';
export const RELEASE_HEADER = 'x-abscopal-release';

export interface ResponseCacheOptions {
  enabled: boolean;
  /** Most entries kept (LRU). */
  maxEntries?: number;
}

/**
 * The release each request is answered from, fixed once per request: the cache key, the
 * context, the extension and the header all use the same one.
 */
export class RequestReleases {
  private readonly byRequest = new WeakMap<Request, Release>();
  constructor(readonly tracker: ReleaseTracker) {}

  async of(request: Request): Promise<Release> {
    const known = this.byRequest.get(request);
    if (known) return known;
    const current = await this.tracker.current();
    this.byRequest.set(request, current);
    return current;
  }

  seen(request: Request): Release | null {
    return this.byRequest.get(request) ?? this.tracker.peek();
  }
}

export interface CacheCounters {
  hits: Counter;
  misses: Counter;
}

export function cacheCounters(registry: Registry): CacheCounters {
  return {
    hits: new Counter({ name: 'abscopal_response_cache_hits_total', help: 'GraphQL responses served from the response cache.', registers: [registry] }),
    misses: new Counter({
      name: 'abscopal_response_cache_misses_total',
      help: 'GraphQL responses computed and stored in the response cache (cache misses).',
      registers: [registry],
    }),
  };
}
