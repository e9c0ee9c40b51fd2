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
});
