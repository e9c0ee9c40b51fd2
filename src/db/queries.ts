/**
 * The queries composed from the model's constants (labels, relationship types, relationship
 * fields, orderings), built once at import time: never from input, never registered lazily.
 * Together with cypher/queries/*.cypher they are the whole query book (QueryBook.fromDirectory).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { keysOf } from '../model/narrow.js';
import { CYPHER_DIR } from './cypher-dir.js';
import { LISTED_LABELS, type ListedLabel } from './list-keys.js';
import { countQuery, degreeQuery, EDGES, edgeQuery, LABELS, PAGED, pageQuery, REL_TYPES } from './model.js';

export type StudyOrder = 'YEAR_DESC' | 'YEAR_ASC' | 'TITLE';

/**
 * The stored, RANGE-indexed key each studies ordering pages through (db/list-keys.ts): one string
 * per study that sorts as (year, id), (year descending, id) or (title, id), so ORDER BY is the
 * index's own order and a page starts with a seek past the cursor.
 */
export const STUDY_ORDER_KEY: Record<StudyOrder, 'sortYearDesc' | 'sortYearAsc' | 'sortName'> = {
  YEAR_DESC: 'sortYearDesc',
  YEAR_ASC: 'sortYearAsc',
  TITLE: 'sortName',
};

/**
 * Where the candidates of a filtered studies page come from: the institution, the biomarker or
 * the therapy (with its IS_A descendants) when the filter names one, so the query walks out from
 * one node instead of scanning every study; else the text filter's TEXT index; the ordering's own
 * index only when the filter names none of these.
 */
export const STUDY_STARTS = {
  institution: 'MATCH (:Institution {id: $institution})<-[:CONDUCTED_AT]-(c:Study)',
  biomarker: 'MATCH (:Biomarker {id: $biomarker})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(s:Study)\nWITH DISTINCT s AS c, therapyClass, fb',
  therapy: 'UNWIND therapyClass AS t\nMATCH (t)<-[:RECEIVED]-(:Arm)<-[:HAS_ARM]-(s:Study)\nWITH DISTINCT s AS c, therapyClass, fb',
  text: 'MATCH (c:Study) USING TEXT INDEX c:Study(findText)\nWHERE c.findText CONTAINS toString($text)\nWITH c, therapyClass, fb',
  all: 'MATCH (c:Study)',
} as const;
export type StudyStart = keyof typeof STUDY_STARTS;

/**
 * The root-list filters on candidate studies `c`, one condition per filter field, each true when
 * its parameter is null. Checked after a start (above) and before a page or count tail; the
 * therapy and biomarker checks walk out from the candidate (a few arms or findings) to the nodes
 * study-filter-nodes.cypher found once (therapyClass, fb). `$text` is lower-cased by the caller
 * and matched against the stored lower-cased title and short name (findText, db/list-keys.ts).
 */
const STUDY_CONDITIONS: readonly { field: string; cypher: string }[] = [
  { field: 'yearFrom', cypher: '($yearFrom IS NULL OR c.year >= $yearFrom)' },
  { field: 'yearTo', cypher: '($yearTo IS NULL OR c.year <= $yearTo)' },
  { field: 'phase', cypher: '($phase IS NULL OR c.phase = $phase)' },
  { field: 'kind', cypher: '($kind IS NULL OR c.kind = $kind)' },
  { field: 'therapy', cypher: '($therapy IS NULL OR EXISTS { MATCH (c)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(t:Therapy) WHERE t IN therapyClass })' },
  { field: 'biomarker', cypher: '($biomarker IS NULL OR EXISTS { MATCH (c)-[:HAS_FINDING]->(:Finding)-[:ABOUT]->(fb) })' },
  { field: 'text', cypher: '($text IS NULL OR c.findText CONTAINS toString($text))' },
];

/** The WHERE clause of the conditions a start leaves to check. */
function studyWhere(settled: readonly string[]): string {
  return `WHERE ${STUDY_CONDITIONS.filter((c) => !settled.includes(c.field))
    .map((c) => c.cypher)
    .join('\n  AND ')}`;
}

/** Per start, the node filters every candidate already meets or the filter cannot hold (studyStart's order: institution, biomarker, text, therapy). */
const STUDY_SETTLED: Record<StudyStart, readonly string[]> = {
  institution: [],
  biomarker: ['biomarker'],
  text: ['biomarker'],
  therapy: ['biomarker', 'therapy'],
  all: ['biomarker', 'therapy'],
};

const fragment = (name: string): string => readFileSync(path.join(CYPHER_DIR, 'fragments', `${name}.cypher`), 'utf8');

function compose(): Map<string, string> {
  const q = new Map<string, string>();
  for (const [name, spec] of Object.entries(EDGES)) q.set(`edge:${name}`, edgeQuery(spec));
  for (const name of keysOf(PAGED)) {
    const page = PAGED[name];
    q.set(`page:${name}`, pageQuery(EDGES[name], page));
    q.set(`count:${name}`, countQuery(EDGES[name], page));
  }
  q.set(
    'degree-stats',
    Object.entries(EDGES)
      .map(([name, spec]) => degreeQuery(name, spec))
      .join('\nUNION ALL\n'),
  );
  for (const label of LABELS) {
    // MERGE on both labels: an id already used by a node of another label fails the Entity.id
    // constraint instead of silently gaining a second type.
    q.set(`upsert:${label}`, `UNWIND $rows AS row\nMERGE (n:Entity:${label} {id: row.id})\nSET n = row.props`);
  }
  // Root lists: a seek on the sortName RANGE index past the cursor, in the index's order, or the
  // findText TEXT index for a name filter; counts from the count store when unfiltered.
  for (const label of LISTED_LABELS) {
    const page = `RETURN '${label}' AS label, properties(c) AS props, c.sortName AS sortKey\nORDER BY c.sortName\nLIMIT $limit`;
    const text = `MATCH (c:${label}) USING TEXT INDEX c:${label}(findText)\nWHERE c.findText CONTAINS toString($text)`;
    const listBody = `MATCH (c:${label}) USING INDEX c:${label}(sortName)\nWHERE c.sortName > toString($after)`;
    const textBody = `${text} AND c.sortName > toString($after)`;
    q.set(`list:${label}`, `${listBody}\n${page}`);
    q.set(`list-text:${label}`, `${textBody}\n${page}`);
    ROOT_PAGE_PARTS.set(`list:${label}`, { body: listBody, key: 'c.sortName', label });
    ROOT_PAGE_PARTS.set(`list-text:${label}`, { body: textBody, key: 'c.sortName', label });
    q.set(`count:${label}`, `MATCH (c:${label})\nRETURN count(c) AS total`);
    q.set(`count-text:${label}`, `${text}\nRETURN count(c) AS total`);
    q.set(`list-keys-missing:${label}`, `MATCH (c:${label})\nWHERE c.sortName IS NULL\nRETURN c.id AS id, properties(c) AS props\nLIMIT $limit`);
  }
  for (const rel of REL_TYPES) {
    q.set(
      `link:${rel}`,
      `UNWIND $rows AS row\nMATCH (a:Entity {id: row.from})\nMATCH (b:Entity {id: row.to})\nMERGE (a)-[r:${rel}]->(b)\nSET r = row.props\nRETURN count(r) AS linked`,
    );
  }
  // The importers' writes (importers/write-plan.ts): curated nodes and relationships are never
  // overwritten; only the record that created a node may rewrite it.
  for (const label of LABELS) {
    q.set(
      `import-upsert:${label}`,
      [
        'UNWIND $rows AS row',
        `MERGE (n:Entity:${label} {id: row.id})`,
        'ON CREATE SET n = row.props',
        'WITH n, row WHERE n.importedFrom = row.props.importedFrom',
        'SET n = row.props',
        'RETURN count(n) AS written',
      ].join('\n'),
    );
  }
  for (const rel of REL_TYPES) {
    q.set(
      `import-link:${rel}`,
      [
        'UNWIND $rows AS row',
        'MATCH (a:Entity {id: row.from})',
        'MATCH (b:Entity {id: row.to})',
        `MERGE (a)-[r:${rel}]->(b)`,
        'ON CREATE SET r = row.props',
        'RETURN count(r) AS linked',
      ].join('\n'),
    );
  }
  // The filter's own nodes, found once before the candidates: the therapy class with its IS_A
  // descendants (a handful of nodes), the biomarker and the institution. The filter then checks
  // each candidate by walking out from the candidate to these nodes; left to itself, the planner
  // walked in from the therapy class instead, through every arm that received it (60,000 at 100k
  // studies), once per candidate.
  const nodes = fragment('study-filter-nodes').trimEnd();
  for (const start of keysOf(STUDY_STARTS)) {
    const match = STUDY_STARTS[start];
    // A start already meets its own condition, and the starts earlier in studyStart's order are
    // not in the filter at all (db/graph.ts): neither is checked again per candidate (checking
    // the biomarker again was half the work of a biomarker-started page). The 'all' start has
    // none of them, needs none of the filter's nodes, and keeps its plain index-ordered seek.
    const where = studyWhere(STUDY_SETTLED[start]);
    const head = start === 'all' ? '' : `${nodes}\n`;
    for (const [order, key] of Object.entries(STUDY_ORDER_KEY)) {
      // From the ordering's index when nothing smaller is named; $upto ends a year-bounded scan.
      const from = `${head}${start === 'all' ? `${match} USING INDEX c:Study(${key})` : match}`;
      const bounds = key === 'sortName' ? `c.${key} > toString($after)` : `c.${key} > toString($after) AND c.${key} < toString($upto)`;
      const body = `${from}\n${where}\n  AND ${bounds}`;
      q.set(`studies-page:${start}:${order}`, `${body}\nRETURN 'Study' AS label, properties(c) AS props, c.${key} AS sortKey\nORDER BY c.${key}\nLIMIT $limit`);
      ROOT_PAGE_PARTS.set(`studies-page:${start}:${order}`, { body, key: `c.${key}`, label: 'Study' });
    }
    q.set(`studies-count:${start}`, `${head}${match}\n${where}\nRETURN count(c) AS total`);
  }
  // No filter at all: the count store answers without touching a study.
  q.set('studies-count:unfiltered', 'MATCH (c:Study)\nRETURN count(c) AS total');
  return q;
}

/**
 * A root list page in parts, for the one-statement read of a root field (db/statement.ts): the
 * MATCH … WHERE that finds the page's candidates as `c`, the ordering key, and the label. The
 * page query in the book is these parts plus its RETURN … ORDER BY key LIMIT $limit.
 */
export interface RootPageParts {
  body: string;
  key: string;
  label: ListedLabel;
}

const ROOT_PAGE_PARTS = new Map<string, RootPageParts>();

/** The parts of the root page query `name` (a `list:*`, `list-text:*` or `studies-page:*` name). */
export function rootPageParts(name: string): RootPageParts {
  const parts = ROOT_PAGE_PARTS.get(name);
  if (!parts) throw new Error(`${name} is not a root page query`);
  return parts;
}

export const COMPOSED_QUERIES: ReadonlyMap<string, string> = compose();
