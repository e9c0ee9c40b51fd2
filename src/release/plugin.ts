/**
 * Yoga plugins for releases and the response cache.
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
import { createInMemoryCache, useResponseCache, type Cache } from '@graphql-yoga/plugin-response-cache';
import type { DocumentNode } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { Counter, type Registry } from 'prom-client';
import type { Release, ReleaseTracker } from './release.js';

export const CACHE_BYPASS_HEADER = 'x-abscopal-cache';
export const RELEASE_HEADER = 'x-abscopal-release';

export interface ResponseCacheOptions {
  enabled: boolean;
  /** Most entries kept (LRU). */
  maxEntries?: number;
}

declare module '../schema/context.js' {
  interface Context {
    /** The release this request is answered from, and the tracker (set by the release plugin). */
    release?: { current: Release; tracker: ReleaseTracker };
  }
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

/** Adds the release to the context, the response extensions and a response header. */
export function releasePlugin(releases: RequestReleases): Plugin {
  const tracker = releases.tracker;
  return {
    async onContextBuilding({ context, extendContext }) {
      const request = (context as { request?: Request }).request;
      const current = request ? await releases.of(request) : await tracker.current();
      extendContext({ release: { current, tracker } } as never);
    },
    onExecute({ args }) {
      const isMutation = (args.document as DocumentNode).definitions.some((d) => d.kind === 'OperationDefinition' && d.operation === 'mutation');
      if (isMutation) tracker.invalidate();
    },
    onResultProcess({ request, result, setResult }) {
      const release = releases.seen(request);
      if (!release || Array.isArray(result) || Symbol.asyncIterator in result) return;
      setResult({ ...result, extensions: { ...(result.extensions ?? {}), release: release.id } });
    },
    onResponse({ request, response }) {
      const release = releases.seen(request);
      if (release && !response.headers.has(RELEASE_HEADER)) response.headers.set(RELEASE_HEADER, release.id);
    },
  };
}

export interface CacheCounters {
  hits: Counter;
  misses: Counter;
}

export function cacheCounters(registry: Registry): CacheCounters {
  return {
    hits: new Counter({ name: 'abscopal_response_cache_hits_total', help: 'GraphQL responses served from the response cache.', registers: [registry] }),
    misses: new Counter({ name: 'abscopal_response_cache_misses_total', help: 'GraphQL responses computed and stored in the response cache (cache misses).', registers: [registry] }),
  };
}

function bypassed(request: Request): boolean {
  // Cache-Control: no-cache / no-store is what HTTP clients (and the benchmark) already send to ask
  // for a fresh answer; honour it as well as our own header.
  const cacheControl = request.headers.get('cache-control')?.toLowerCase() ?? '';
  return (
    request.headers.get(CACHE_BYPASS_HEADER)?.toLowerCase() === 'bypass' ||
    /\bno-(cache|store)\b/.test(cacheControl) ||
    request.headers.has('authorization')
  );
}

export function responseCachePlugin(releases: RequestReleases, options: ResponseCacheOptions, registry: Registry): Plugin {
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
  return useResponseCache({
    cache,
    // The release id as the "session": entries of an older release are never read again. Yoga
    // looks the cache up before it builds the GraphQL context, so the release is fixed here.
    session: async (request) => (await releases.of(request)).id,
    enabled: (request) => options.enabled && !bypassed(request),
    // extensions.responseCache.hit tells a client (and the benchmark) what it got.
    includeExtensionMetadata: true,
  });
}
