/**
 * Expected failures as GraphQLErrors with stable `extensions.code`s clients can switch on.
 * Anything else is masked by yoga ("Unexpected error.") and logged with its cause.
 */
import { GraphQLError } from 'graphql';

export type ErrorCode =
  | 'NOT_FOUND'
  | 'BAD_USER_INPUT'
  | 'SERVICE_UNAVAILABLE'
  | 'QUERY_TOO_COMPLEX'
  | 'RESULT_TOO_LARGE'
  | 'TIMEOUT'
  | 'BUSY'
  | 'UNAUTHENTICATED'
  | 'FORBIDDEN'
  | 'RATE_LIMITED'
  | 'PERSISTED_QUERY_NOT_FOUND';

export function userError(message: string, code: ErrorCode = 'BAD_USER_INPUT', extra: Record<string, unknown> = {}): GraphQLError {
  return new GraphQLError(message, { extensions: { code, ...extra } });
}

export const notFound = (what: string, id: string): GraphQLError => userError(`${what} "${id}" does not exist`, 'NOT_FOUND', { id });

/** Neo4j error codes that mean "the database is not there right now", not "the server is broken". */
const UNAVAILABLE = new Set(['ServiceUnavailable', 'SessionExpired', 'Neo.TransientError.General.DatabaseUnavailable']);

/** Maps driver errors to client-facing ones where the client can act on them; returns undefined otherwise. */
export function mapDatabaseError(err: unknown): GraphQLError | undefined {
  const code = (err as { code?: unknown } | null)?.code;
  if (typeof code === 'string' && UNAVAILABLE.has(code)) {
    return userError('the knowledge graph database is unreachable; try again shortly', 'SERVICE_UNAVAILABLE');
  }
  return undefined;
}

/** The same error (message, path, locations) with extensions added or replaced; drops the cause. */
export function withExtensions(error: GraphQLError, extensions: Record<string, unknown>): GraphQLError {
  return new GraphQLError(error.message, { path: error.path ?? null, nodes: error.nodes ?? null, extensions: { ...error.extensions, ...extensions } });
}

/** The message of anything thrown: an Error's message, else the value as text (a rejected promise may carry anything). */
export function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
