/**
 * The queries composed from the model's constants (labels, relationship types, relationship
 * fields, orderings), built once at import time: never from input, never registered lazily.
 * Together with cypher/queries/*.cypher they are the whole query book (QueryBook.fromDirectory).
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR } from './cypher-dir.js';
import { EDGES, LABELS, PAGED, REL_TYPES, countQuery, degreeQuery, edgeQuery, pageQuery } from './model.js';

export type StudyOrder = 'YEAR_DESC' | 'YEAR_ASC' | 'TITLE';

const STUDY_ORDER: Record<StudyOrder, string> = {
  YEAR_DESC: 'c.year DESC, c.id',
  YEAR_ASC: 'c.year ASC, c.id',
  TITLE: 'toLower(coalesce(c.title, c.shortName)), c.id',
};

/**
 * Where the candidates of a filtered studies page come from: the institution, the biomarker or
 * the therapy (with its IS_A descendants) when the filter names one, so the query walks out from
 * one node instead of scanning every study; the whole label only when it names none.
 */
export const STUDY_STARTS = {
  institution: 'MATCH (:Institution {id: $institution})<-[:CONDUCTED_AT]-(c:Study)',
  biomarker: 'MATCH (:Biomarker {id: $biomarker})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(s:Study)\nWITH DISTINCT s AS c',
  therapy: 'MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(:Therapy)<-[:RECEIVED]-(:Arm)<-[:HAS_ARM]-(s:Study)\nWITH DISTINCT s AS c',
  all: 'MATCH (c:Study)',
} as const;
export type StudyStart = keyof typeof STUDY_STARTS;

const fragment = (name: string): string => readFileSync(path.join(CYPHER_DIR, 'fragments', `${name}.cypher`), 'utf8');

function compose(): Map<string, string> {
  const q = new Map<string, string>();
  for (const [name, spec] of Object.entries(EDGES)) q.set(`edge:${name}`, edgeQuery(spec));
  for (const [name, page] of Object.entries(PAGED)) {
    q.set(`page:${name}`, pageQuery(EDGES[name as keyof typeof PAGED], page));
    q.set(`count:${name}`, countQuery(EDGES[name as keyof typeof PAGED], page));
  }
  q.set('degree-stats', Object.entries(EDGES).map(([name, spec]) => degreeQuery(name, spec)).join('\nUNION ALL\n'));
  for (const label of LABELS) {
    const match = `MATCH (c:${label}) WHERE $text IS NULL OR toLower(coalesce(c.name, c.title, c.shortName, c.statement, c.id)) CONTAINS toLower($text)`;
    q.set(`list:${label}`, `${match}\nRETURN '${label}' AS label, properties(c) AS props\nORDER BY toLower(coalesce(c.name, c.title, c.shortName, c.id)), c.id\nSKIP $offset LIMIT $limit`);
    q.set(`count:${label}`, `${match}\nRETURN count(c) AS total`);
    // MERGE on both labels: an id already used by a node of another label fails the Entity.id
    // constraint instead of silently gaining a second type.
    q.set(`upsert:${label}`, `UNWIND $rows AS row\nMERGE (n:Entity:${label} {id: row.id})\nSET n = row.props`);
  }
  for (const rel of REL_TYPES) {
    q.set(
      `link:${rel}`,
      `UNWIND $rows AS row\nMATCH (a:Entity {id: row.from})\nMATCH (b:Entity {id: row.to})\nMERGE (a)-[r:${rel}]->(b)\nSET r = row.props\nRETURN count(r) AS linked`,
    );
  }
  const where = fragment('study-filter');
  for (const [start, match] of Object.entries(STUDY_STARTS)) {
    const filter = `${match}\n${where}`;
    for (const [order, expr] of Object.entries(STUDY_ORDER)) {
      q.set(`studies-page:${start}:${order}`, `${filter}\nRETURN 'Study' AS label, properties(c) AS props\nORDER BY ${expr}\nSKIP $offset LIMIT $limit`);
    }
    q.set(`studies-count:${start}`, `${filter}\nRETURN count(c) AS total`);
  }
  return q;
}

export const COMPOSED_QUERIES: ReadonlyMap<string, string> = compose();
