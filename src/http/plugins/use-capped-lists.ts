/** Result phase: names the relationship lists cut at their cap (`extensions.capped`), so a client knows an answer is partial. */
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../../schema/context.js';

export function useCappedLists(): Plugin<Context> {
  return {
    onExecute({ args }) {
      const ctx = args.contextValue;
      return {
        onExecuteDone({ result, setResult }) {
          if (Symbol.asyncIterator in result || ctx.loaders.capped.size === 0) return;
          setResult({ ...result, extensions: { ...(result.extensions ?? {}), capped: [...ctx.loaders.capped].sort() } });
        },
      };
    },
  };
}
