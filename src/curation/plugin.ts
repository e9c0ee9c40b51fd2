/**
 * The curation plugin: hands resolvers the per-app write limiter (through the context, not a
 * module-scope singleton) and refuses mutations that do not arrive as a POST with a JSON body.
 * Yoga already refuses mutations over GET; the content-type rule closes the other browser hole:
 * an HTML form (or any "simple" cross-site request) can only send form-urlencoded, multipart or
 * text/plain bodies, which yoga would otherwise parse and execute. This makes the curation API
 * CSRF-safe on its own, with or without the global CSRF plugin.
 */
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../schema/context.js';
import { WriteRateLimiter } from './rate-limit.js';

export interface CurationServices {
  limiter: WriteRateLimiter;
}

declare module '../schema/context.js' {
  interface Context {
    /** Set by useCuration; absent when a context is built without the app (then writes are refused). */
    curation?: CurationServices;
  }
}

export interface CurationOptions {
  /** Writes (submissions and reviews) per token per minute; default 60. */
  writesPerMinute?: number;
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

export function useCuration(options: CurationOptions = {}): Plugin<Context> {
  const services: CurationServices = { limiter: new WriteRateLimiter(options.writesPerMinute ?? 60) };
  return {
    onContextBuilding({ extendContext }) {
      extendContext({ curation: services });
    },
    onExecute({ args, setResultAndStopExecution }) {
      const op = getOperationAST(args.document, args.operationName);
      if (op?.operation !== 'mutation') return;
      const problem = mutationTransportProblem((args.contextValue as Context).request);
      if (problem !== undefined) setResultAndStopExecution({ errors: [new GraphQLError(problem, { extensions: { code: 'FORBIDDEN' } })] });
    },
  };
}
