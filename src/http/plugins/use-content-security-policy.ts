/**
 * The Content-Security-Policy of the pages this server serves (GraphiQL at /graphql, the graph
 * explorer at / and any other HTML): only the server's own origin, so a dependency that someday
 * reaches for a CDN fails in the browser tests instead of in a user's browser on a closed network.
 */
import { createHash } from 'node:crypto';
import type { Plugin } from 'graphql-yoga';

type Directives = Readonly<Record<string, readonly string[]>>;

const SELF_ONLY: Directives = {
  'default-src': ["'self'"],
  'script-src': ["'self'"],
  'style-src': ["'self'"],
  'img-src': ["'self'"],
  'font-src': ["'self'"],
  'connect-src': ["'self'"],
  'worker-src': ["'self'"],
  'object-src': ["'none'"],
  'base-uri': ["'self'"],
  'form-action': ["'self'"],
  'frame-ancestors': ["'self'"],
};

/** A CSP source that allows exactly one inline <style> element, the one with this text. */
function styleHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text).digest('base64')}'`;
}

/** Cytoscape's renderer adds one <style> element with exactly this rule (cytoscape.esm.mjs, BRp.init). */
const CYTOSCAPE_STYLE = '.__________cytoscape_container { position: relative; }';

const EXPLORER: Directives = {
  ...SELF_ONLY,
  'style-src': ["'self'", styleHash(CYTOSCAPE_STYLE)],
};

const GRAPHIQL: Directives = {
  ...SELF_ONLY,
  // Monaco renders editor lines as HTML strings with style="…" attributes and adds <style>
  // elements for its themes and decorations; no hash or nonce can cover those, so GraphiQL's
  // page allows inline styles. Scripts stay 'self' only: no inline script, no eval.
  'style-src': ["'self'", "'unsafe-inline'"],
  // GraphiQL's stylesheet embeds its fonts and a few small images as data: URIs, which make no
  // request.
  'img-src': ["'self'", 'data:'],
  'font-src': ["'self'", 'data:'],
  // Monaco's editor workers are files under /assets/graphiql/, started with new Worker(url).
  'worker-src': ["'self'"],
};

function serialize(directives: Directives): string {
  return Object.entries(directives)
    .map(([name, sources]) => `${name} ${sources.join(' ')}`)
    .join('; ');
}

/** The policy of the explorer page and any other HTML the server sends. */
export const PAGE_POLICY = serialize(EXPLORER);
/** The policy of the GraphiQL page: as strict, except for what its editor needs (see above). */
export const GRAPHIQL_POLICY = serialize(GRAPHIQL);

/** Adds the policy to every HTML response: GraphiQL's at the GraphQL endpoint, the strict one elsewhere. */
export function useContentSecurityPolicy(graphqlEndpoint: string): Plugin {
  return {
    onResponse({ request, response }) {
      if (!response.headers.get('content-type')?.startsWith('text/html')) return;
      const { pathname } = new URL(request.url, 'http://localhost');
      const isGraphiQL = pathname === graphqlEndpoint || pathname === `${graphqlEndpoint}/`;
      response.headers.set('content-security-policy', isGraphiQL ? GRAPHIQL_POLICY : PAGE_POLICY);
    },
  };
}
