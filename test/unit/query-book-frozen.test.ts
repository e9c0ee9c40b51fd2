/**
 * The query book is complete and frozen at start-up: the seed writer's and the importers' writes
 * are in it before the first request, and nothing can register a statement later.
 */
import { describe, expect, it } from 'vitest';
import { LABELS, REL_TYPES } from '../../src/db/model.js';
import { QueryBook } from '../../src/db/query-book.js';

describe('the query book', () => {
  it('holds the seed writer’s and the importers’ upserts and links for every label and relationship type from the start', () => {
    const book = QueryBook.fromDirectory();
    for (const label of LABELS) {
      expect(book.text(`upsert:${label}`)).toContain(`MERGE (n:Entity:${label} {id: row.id})`);
      expect(book.text(`import-upsert:${label}`)).toContain('ON CREATE SET n = row.props');
    }
    for (const rel of REL_TYPES) {
      expect(book.text(`link:${rel}`)).toContain(`MERGE (a)-[r:${rel}]->(b)`);
      expect(book.text(`import-link:${rel}`)).toContain(`MERGE (a)-[r:${rel}]->(b)`);
    }
  });

  it('refuses a statement defined after it was built, naming the statement', () => {
    const book = QueryBook.fromDirectory();
    expect(book.isFrozen).toBe(true);
    expect(() => book.define('late:statement', 'RETURN 1 AS one')).toThrow(/"late:statement".*frozen/);
    expect(book.has('late:statement')).toBe(false);
  });

  it('gives a test its own statements in an extended copy, leaving the shared book unchanged', () => {
    const book = QueryBook.fromDirectory();
    const extended = book.extended([['test:one', 'RETURN 1 AS one']]);
    expect(extended.text('test:one')).toBe('RETURN 1 AS one');
    expect(extended.names()).toHaveLength(book.names().length + 1);
    expect(book.has('test:one')).toBe(false);
    expect(() => extended.define('test:two', 'RETURN 2 AS two')).toThrow(/frozen/);
    expect(() => book.extended([['upsert:Study', 'RETURN 1']])).toThrow(/defined twice/);
  });

  it('builds each studies filter from its list of conditions, leaving out what the start already settles (texts pinned)', () => {
    const book = QueryBook.fromDirectory();
    // The plain scan (the filter names neither therapy nor biomarker) checks the rest; a biomarker start settles the biomarker.
    expect(book.text('studies-count:all')).toMatchInlineSnapshot(`
      "MATCH (c:Study)
      WHERE ($yearFrom IS NULL OR c.year >= $yearFrom)
        AND ($yearTo IS NULL OR c.year <= $yearTo)
        AND ($phase IS NULL OR c.phase = $phase)
        AND ($kind IS NULL OR c.kind = $kind)
        AND ($text IS NULL OR c.findText CONTAINS toString($text))
      RETURN count(c) AS total"
    `);
    expect(book.text('studies-page:biomarker:TITLE')).toMatchInlineSnapshot(`
      "// Fragment: the nodes a studies filter names, found once before the candidates (db/queries.ts):
      // therapyClass, the therapy with its IS_A descendants ([] without a therapy filter); fb, the
      // biomarker (null when not filtered on, or when no node has that id). No institution: a filter
      // naming one always starts from it (db/graph.ts, studyStart), so no candidate is checked for it.
      // params: $therapy, $biomarker: string|null
      OPTIONAL MATCH (:Therapy {id: $therapy})<-[:IS_A*0..]-(tc:Therapy)
      WITH collect(DISTINCT tc) AS therapyClass
      OPTIONAL MATCH (fb:Biomarker {id: $biomarker})
      WITH therapyClass, fb
      MATCH (:Biomarker {id: $biomarker})<-[:ABOUT]-(:Finding)<-[:HAS_FINDING]-(s:Study)
      WITH DISTINCT s AS c, therapyClass, fb
      WHERE ($yearFrom IS NULL OR c.year >= $yearFrom)
        AND ($yearTo IS NULL OR c.year <= $yearTo)
        AND ($phase IS NULL OR c.phase = $phase)
        AND ($kind IS NULL OR c.kind = $kind)
        AND ($therapy IS NULL OR EXISTS { MATCH (c)-[:HAS_ARM]->(:Arm)-[:RECEIVED]->(t:Therapy) WHERE t IN therapyClass })
        AND ($text IS NULL OR c.findText CONTAINS toString($text))
        AND c.sortName > toString($after)
      RETURN 'Study' AS label, properties(c) AS props, c.sortName AS sortKey
      ORDER BY c.sortName
      LIMIT $limit"
    `);
  });
});
