/**
 * Exports at stable URLs, each stamped with the release it was read from (header, file name,
 * and inside the file: GraphML graph data, the JSON `release` field, a CSV column):
 * /export/graph.graphml, /export/graph.json, /export/findings.csv, /export/outcomes.csv.
 * Streamed page by page, so memory stays flat whatever the size of the graph.
 */
import type { Db } from '../db/run.js';
import { cytoscapeJson, graphml } from './graph-formats.js';
import { findingsCsv, outcomesCsv } from './tables.js';

export interface ExportSpec {
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
