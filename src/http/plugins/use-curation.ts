/**
 * Execute phase: the curation plugin hands resolvers the per-app write limiter (through the
 * context, not a module-scope singleton) and refuses mutations that do not arrive as a POST with
 * a JSON body (the rule is src/curation/transport.ts).
 */
import { GraphQLError, getOperationAST } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { WriteRateLimiter } from '../../curation/rate-limit.js';
import { type CurationServices, mutationTransportProblem } from '../../curation/transport.js';
import type { Context } from '../../schema/context.js';

export interface CurationOptions {
  /** Writes (submissions and reviews) per token per minute; default 60. */
  writesPerMinute?: number;
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
      const problem = mutationTransportProblem(args.contextValue.request);
      if (problem !== undefined) setResultAndStopExecution({ errors: [new GraphQLError(problem, { extensions: { code: 'FORBIDDEN' } })] });
    },
  };
}
