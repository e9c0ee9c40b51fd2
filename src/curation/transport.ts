/**
 * What the curation plugin (src/http/plugins/use-curation.ts) hands resolvers, and its transport
 * rule: mutations only as a POST with a JSON body. Yoga already refuses mutations over GET; the
 * content-type rule closes the other browser hole: an HTML form (or any "simple" cross-site
 * request) can only send form-urlencoded, multipart or text/plain bodies, which yoga would
 * otherwise parse and execute. This makes the curation API CSRF-safe on its own, with or without
 * the global CSRF plugin.
 */
import type { WriteRateLimiter } from './rate-limit.js';

export interface CurationServices {
  limiter: WriteRateLimiter;
}

const JSON_TYPES = new Set(['application/json', 'application/graphql-response+json']);

/** Why a request may not carry a mutation, or undefined when it may. */
export function mutationTransportProblem(request: Request | undefined): string | undefined {
  if (request === undefined) return 'mutations are accepted over HTTP only';
  if (request.method !== 'POST') return 'mutations are accepted over POST only';
  const type = request.headers.get('content-type')?.split(';')[0]?.trim().toLowerCase();
  if (type === undefined || !JSON_TYPES.has(type)) {
    return 'mutations need a JSON body (Content-Type: application/json); form and text posts are refused so another site cannot submit on a curator’s behalf';
  }
  return undefined;
}
