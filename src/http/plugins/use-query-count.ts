/**
 * Result phase: counts GraphQL executions in /metrics and, when `expose` is on (outside
 * production), adds `extensions.cypherQueries`: the Cypher round trips this request caused.
 */
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../../observability/metrics.js';
import type { Context } from '../../schema/context.js';

export function useQueryCount(metrics: Metrics, expose: boolean): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      metrics.requests.inc();
      return {
        onExecuteDone({ result, setResult }) {
          if (!expose || Symbol.asyncIterator in result) return;
          setResult({ ...result, extensions: { ...(result.extensions ?? {}), cypherQueries: ctx.queries.count } });
        },
      };
    },
  };
}
