/**
 * Request phase: the export downloads at stable URLs (the formats are src/export/routes.ts's
 * EXPORTS), answered before GraphQL is involved, stamped with the release they were read from.
 */
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../../db/run.js';
import { EXPORTS } from '../../export/routes.js';
import { textStream } from '../../export/text-stream.js';
import type { ReleaseTracker } from '../../release/release.js';
import { RELEASE_HEADER } from '../../release/request-releases.js';

export function useExports(db: Db, tracker: ReleaseTracker): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' && request.method !== 'HEAD') return;
      const spec = EXPORTS[url.pathname];
      if (!spec) return;
      const release = (await tracker.current()).id;
      const ext = url.pathname.slice(url.pathname.lastIndexOf('.'));
      const headers = {
        'content-type': spec.contentType,
        'content-disposition': `attachment; filename="abscopal-${spec.file}-${release}${ext}"`,
        [RELEASE_HEADER]: release,
        // The same URL serves a new file after a write; the release header says which one.
        'cache-control': 'no-cache',
        etag: `"${release}"`,
      };
      if (request.headers.get('if-none-match') === `"${release}"`) {
        endResponse(new Response(null, { status: 304, headers }));
        return;
      }
      endResponse(new Response(request.method === 'HEAD' ? null : textStream(spec.chunks(db, release)), { headers }));
    },
  };
}
