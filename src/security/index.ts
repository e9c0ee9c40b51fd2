/**
 * Browser and production safety: the options and the CSRF header of the security plugins
 * (src/http/plugins/use-security.ts puts them in order): CSRF prevention and argument limits always;
 * trusted documents, introspection off and per-client rate limits as configured.
 */

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
