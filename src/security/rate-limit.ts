/**
 * Per-client rate limiting of GraphQL requests (rate-limiter-flexible, in memory per instance).
 * Over the limit: HTTP 429 with a Retry-After header and a GraphQL error coded RATE_LIMITED, so
 * both HTTP-aware clients and GraphQL clients know what happened and when to come back.
 */
import type { IncomingMessage } from 'node:http';
import type { Plugin } from 'graphql-yoga';
import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';

export interface RateLimitOptions {
  /** GraphQL requests per client per minute (> 0). */
  perMinute: number;
  /** Take the client from the first X-Forwarded-For address (only behind a proxy that sets it). */
  trustProxy: boolean;
  graphqlEndpoint: string;
}

/** The client key: the socket's address, or the proxy's word for it when told to trust it. */
export function clientKey(request: Request, req: IncomingMessage | undefined, trustProxy: boolean): string {
  if (trustProxy) {
    const forwarded = request.headers.get('x-forwarded-for')?.split(',')[0]?.trim();
    if (forwarded) return forwarded;
  }
  return req?.socket?.remoteAddress ?? 'local';
}

export function useRateLimit(opts: RateLimitOptions): Plugin {
  const limiter = new RateLimiterMemory({ points: opts.perMinute, duration: 60 });
  return {
    async onRequest({ request, url, serverContext, endResponse }) {
      if (url.pathname !== opts.graphqlEndpoint) return;
      // Under Node's http server, yoga's server context carries the IncomingMessage as req.
      const key = clientKey(request, (serverContext as { req?: IncomingMessage }).req, opts.trustProxy);
      try {
        await limiter.consume(key);
      } catch (res) {
        if (!(res instanceof RateLimiterRes)) throw res;
        const retryAfterSeconds = Math.max(1, Math.ceil(res.msBeforeNext / 1000));
        const body = {
          errors: [
            {
              message: `too many requests: at most ${opts.perMinute} per minute per client; try again in ${retryAfterSeconds} s`,
              extensions: { code: 'RATE_LIMITED', retryAfterSeconds },
            },
          ],
        };
        endResponse(
          new Response(JSON.stringify(body), {
            status: 429,
            headers: { 'content-type': 'application/json; charset=utf-8', 'retry-after': String(retryAfterSeconds) },
          }),
        );
      }
    },
  };
}
