/** The schema files apply in one unambiguous order: every file has a number of its own. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { schemaFiles } from '../../src/db/apply-schema.js';

const dirs: string[] = [];
function dirWith(...files: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'abscopal-schema-'));
  dirs.push(dir);
  for (const f of files) writeFileSync(path.join(dir, f), 'CREATE INDEX x IF NOT EXISTS FOR (n:X) ON (n.x);\n');
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('the schema migrations', () => {
  it('in cypher/schema each carry a three-digit number no other file has, applied in that order', () => {
    const files = schemaFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    const numbers = files.map((f) => f.slice(0, 3));
    expect(new Set(numbers).size).toBe(files.length);
    expect(numbers).toEqual([...numbers].sort());
    expect(files).toContain('004-releases.cypher');
    expect(files).toContain('005-list-keys.cypher');
  });

  it('are refused, naming both files, when two share a number', () => {
    const dir = dirWith('001-a.cypher', '003-curation.cypher', '003-releases.cypher');
    expect(() => schemaFiles(dir)).toThrow(/share a number: 003-curation\.cypher and 003-releases\.cypher/);
  });

  it('are refused, naming the file, when one is not named NNN-topic.cypher', () => {
    const dir = dirWith('001-a.cypher', 'extra.cypher');
    expect(() => schemaFiles(dir)).toThrow(/extra\.cypher: a schema file is named NNN-topic\.cypher/);
  });
});
