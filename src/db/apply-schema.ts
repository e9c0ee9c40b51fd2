import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR, splitStatements } from './query-book.js';
import type { Db } from './run.js';

const MIGRATION_NAME = /^(\d{3})-[a-z0-9][a-z0-9-]*\.cypher$/;

/**
 * The schema files of `dir` in the order they apply: each named `NNN-topic.cypher` with a number
 * no other file holds, so "after 004" means one file. A badly named or twice-numbered file is
 * refused here, naming the files, before any statement runs.
 */
export function schemaFiles(dir: string = path.join(CYPHER_DIR, 'schema')): string[] {
  const files = readdirSync(dir)
    .filter((f) => f.endsWith('.cypher'))
    .sort();
  const byNumber = new Map<string, string[]>();
  for (const file of files) {
    const number = MIGRATION_NAME.exec(file)?.[1];
    if (number === undefined) throw new Error(`${path.join(dir, file)}: a schema file is named NNN-topic.cypher (three digits, lower-case topic)`);
    byNumber.set(number, [...(byNumber.get(number) ?? []), file]);
  }
  const twice = [...byNumber.values()].filter((names) => names.length > 1);
  if (twice.length > 0) throw new Error(`${dir}: schema files share a number: ${twice.map((names) => names.join(' and ')).join('; ')}`);
  return files;
}

/**
 * Applies cypher/schema/*.cypher in number order. Every statement is IF NOT EXISTS and nothing is
 * recorded per file (no applied-migrations list keyed by name), so re-running is a no-op and a
 * renumbered file applies to an already-migrated database as a no-op too.
 */
export async function applySchema(db: Db, dir: string = path.join(CYPHER_DIR, 'schema')): Promise<number> {
  let applied = 0;
  for (const file of schemaFiles(dir)) {
    for (const statement of splitStatements(readFileSync(path.join(dir, file), 'utf8'))) {
      await db.runSchemaStatement(statement);
      applied += 1;
    }
  }
  // Full-text indexes populate asynchronously; wait so a search right after start-up sees the seed.
  await db.runSchemaStatement('CALL db.awaitIndexes(60)');
  return applied;
}
