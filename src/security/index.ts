/**
 * Browser and production safety, as yoga plugins: CSRF prevention and argument limits always;
 * trusted documents, introspection off and per-client rate limits as configured.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import { useInputLimits } from './input-limits.js';
import { useRateLimit } from './rate-limit.js';
import { loadManifest, useTrustedDocuments } from './trusted-documents.js';

export interface SecurityOptions {
  /** A trusted-documents manifest file: only its operations run. */
  trustedDocuments?: string | undefined;
  /** false: introspection queries are refused (the production default). */
  introspection?: boolean;
  /** GraphQL requests per client per minute; 0 or absent: no limit. */
  rateLimitPerMinute?: number;
  trustProxy?: boolean;
}

/** The header that, besides a JSON content type, marks a request as not a cross-site form post. */
export const CSRF_HEADER = 'x-graphql-yoga-csrf';

export function securityPlugins(opts: SecurityOptions = {}, graphqlEndpoint = '/graphql'): Plugin[] {
  const plugins: Plugin[] = [];
  if (opts.rateLimitPerMinute) plugins.push(useRateLimit({ perMinute: opts.rateLimitPerMinute, trustProxy: opts.trustProxy ?? false, graphqlEndpoint }));
  // A request a browser sends cross-site without a preflight (form post, text/plain, GET without
  // a custom header) is refused with 403; JSON POSTs (GraphiQL, the explorer, curl -H) pass.
  plugins.push(useCSRFPrevention({ requestHeaders: [CSRF_HEADER] }));
  if (opts.trustedDocuments) plugins.push(...useTrustedDocuments(loadManifest(opts.trustedDocuments)));
  if (opts.introspection === false) plugins.push(useDisableIntrospection());
  plugins.push(useInputLimits());
  return plugins;
}
