/**
 * Context phase: fixes the release a request is answered from (src/release/request-releases.ts)
 * and puts it in the context, the response extensions and the x-abscopal-release header.
 */
import type { DefinitionNode } from 'graphql';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { RELEASE_HEADER, type RequestReleases } from '../../release/request-releases.js';
import type { Context } from '../../schema/context.js';

/** Adds the release to the context, the response extensions and a response header. */
export function useRelease(releases: RequestReleases): Plugin<YogaInitialContext & Pick<Context, 'release'>> {
  const tracker = releases.tracker;
  return {
    async onContextBuilding({ context, extendContext }) {
      const request = context.request;
      const current = request ? await releases.of(request) : await tracker.current();
      extendContext({ release: { current, tracker } });
    },
    onExecute({ args }) {
      const isMutation = args.document.definitions.some((d: DefinitionNode) => d.kind === 'OperationDefinition' && d.operation === 'mutation');
      if (isMutation) tracker.invalidate();
    },
    onResultProcess({ request, result, setResult }) {
      const release = releases.seen(request);
      if (!release || Array.isArray(result) || Symbol.asyncIterator in result) return;
      setResult({ ...result, extensions: { ...(result.extensions ?? {}), release: release.id } });
    },
    onResponse({ request, response }) {
      const release = releases.seen(request);
      if (release && !response.headers.has(RELEASE_HEADER)) response.headers.set(RELEASE_HEADER, release.id);
    },
  };
}
