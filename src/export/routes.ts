/**
 * Exports at stable URLs, each stamped with the release it was read from (header, file name,
 * and inside the file: GraphML graph data, the JSON `release` field, a CSV column):
 * /export/graph.graphml, /export/graph.json, /export/findings.csv, /export/outcomes.csv.
 * Streamed page by page, so memory stays flat whatever the size of the graph.
 */
import type { Plugin } from 'graphql-yoga';
import type { Db } from '../db/run.js';
import { RELEASE_HEADER } from '../release/plugin.js';
import type { ReleaseTracker } from '../release/release.js';
import { cytoscapeJson, graphml } from './graph-formats.js';
import { findingsCsv, outcomesCsv } from './tables.js';
import { textStream } from './text-stream.js';

interface ExportSpec {
  file: string;
  contentType: string;
  chunks: (db: Db, release: string) => AsyncGenerator<string>;
}

export const EXPORTS: Record<string, ExportSpec> = {
  '/export/graph.graphml': { file: 'graph', contentType: 'application/graphml+xml; charset=utf-8', chunks: graphml },
  '/export/graph.json': { file: 'graph', contentType: 'application/json; charset=utf-8', chunks: cytoscapeJson },
  '/export/findings.csv': { file: 'findings', contentType: 'text/csv; charset=utf-8; header=present', chunks: findingsCsv },
  '/export/outcomes.csv': { file: 'outcomes', contentType: 'text/csv; charset=utf-8; header=present', chunks: outcomesCsv },
};

export function exportPlugin(db: Db, tracker: ReleaseTracker): Plugin {
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
