/**
 * Parse phase: query responses cached in memory under the release id (a write makes a new
 * release, so every older entry becomes unreachable at once); Authorization, Cache-Control
 * no-cache/no-store or `x-abscopal-cache: bypass` skip it. Hits and misses are counted in /metrics.
 */
import { type Cache, createInMemoryCache, useResponseCache as useYogaResponseCache } from '@graphql-yoga/plugin-response-cache';
import type { Plugin } from 'graphql-yoga';
import type { Registry } from 'prom-client';
import { CACHE_BYPASS_HEADER, cacheCounters, type RequestReleases, type ResponseCacheOptions } from '../../release/request-releases.js';

function bypassed(request: Request): boolean {
  // Cache-Control: no-cache / no-store is what HTTP clients (and the benchmark) already send to ask
  // for a fresh answer; honour it as well as our own header.
  const cacheControl = request.headers.get('cache-control')?.toLowerCase() ?? '';
  return request.headers.get(CACHE_BYPASS_HEADER)?.toLowerCase() === 'bypass' || /\bno-(cache|store)\b/.test(cacheControl) || request.headers.has('authorization');
}

export function useResponseCache(releases: RequestReleases, options: ResponseCacheOptions, registry: Registry): Plugin {
  const counters = cacheCounters(registry);
  const inner = createInMemoryCache({ max: options.maxEntries ?? 1000 });
  const cache: Cache = {
    async get(key) {
      // Yoga looks a key up twice on a miss (before parsing, then at execution): count hits
      // here and misses where the computed answer is stored.
      const found = await inner.get(key);
      if (found) counters.hits.inc();
      return found;
    },
    set: (...args) => {
      counters.misses.inc();
      return inner.set(...args);
    },
    invalidate: (...args) => inner.invalidate(...args),
  };
  return useYogaResponseCache({
    cache,
    // The release id as the "session": entries of an older release are never read again. Yoga
    // looks the cache up before it builds the GraphQL context, so the release is fixed here.
    session: async (request) => (await releases.of(request)).id,
    enabled: (request) => options.enabled && !bypassed(request),
    // extensions.responseCache.hit tells a client (and the benchmark) what it got.
    includeExtensionMetadata: true,
  });
}
