/**
 * Execute phase: a repeated document runs through code graphql-jit compiles for it (kept with
 * yoga's parsed document, so bounded by its cache): the nested benchmark query's CPU per request
 * fell from about 30 to 23 ms in-process. A document's first run goes through graphql-js, so an
 * ad hoc query does not pay the compilation (see compileAfterSeen).
 */
import { useGraphQlJit as useEnvelopGraphQlJit } from '@envelop/graphql-jit';
import type { DocumentNode, ExecutionArgs } from 'graphql';

/**
 * When a document is worth compiling: graphql-jit's compilation of a new document (about 30 ms
 * for the nested benchmark query) is more than graphql-js takes to run it once, so a document
 * runs through graphql-js until it has been seen `after` times, and only then through the code
 * graphql-jit compiles for it. Counted per parsed document: yoga's parse cache hands back the same
 * DocumentNode for the same text, so a repeated query is one key, an ad hoc one (a fresh alias or
 * operation name) a new key that never pays the compile; a WeakMap, so a document yoga's cache
 * drops is forgotten here too.
 */
export function compileAfterSeen(after: number): (args: Pick<ExecutionArgs, 'document'>) => boolean {
  const seen = new WeakMap<DocumentNode, number>();
  return ({ document }) => {
    const n = (seen.get(document) ?? 0) + 1;
    seen.set(document, n);
    return n >= after;
  };
}

/** A document's runs through graphql-js before graphql-jit compiles it (see compileAfterSeen). */
export const JIT_AFTER_SEEN = 2;

export function useGraphQlJit(after: number = JIT_AFTER_SEEN): ReturnType<typeof useEnvelopGraphQlJit> {
  return useEnvelopGraphQlJit({}, { enableIf: compileAfterSeen(after) });
}
