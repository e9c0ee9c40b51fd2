/**
 * Request and validate phases: browser and production safety (src/security/): the per-client
 * rate limit, CSRF prevention, trusted documents, introspection off, argument limits.
 */
import { useCSRFPrevention } from '@graphql-yoga/plugin-csrf-prevention';
import { useDisableIntrospection } from '@graphql-yoga/plugin-disable-introspection';
import type { Plugin } from 'graphql-yoga';
import { CSRF_HEADER, type SecurityOptions } from '../../security/index.js';
import { useInputLimits } from '../../security/input-limits.js';
import { useRateLimit } from '../../security/rate-limit.js';
import { loadManifest, useTrustedDocuments } from '../../security/trusted-documents.js';

/** The security plugins `opts` asks for, in the order they must run. */
export function useSecurity(opts: SecurityOptions = {}, graphqlEndpoint = '/graphql'): Plugin[] {
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
