import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR, splitStatements } from './query-book.js';
import type { Db } from './run.js';

/** Applies cypher/schema/*.cypher in file order. Every statement is IF NOT EXISTS, so re-running is a no-op. */
export async function applySchema(db: Db, dir: string = path.join(CYPHER_DIR, 'schema')): Promise<number> {
  let applied = 0;
  for (const file of readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort()) {
    for (const statement of splitStatements(readFileSync(path.join(dir, file), 'utf8'))) {
      await db.runSchemaStatement(statement);
      applied += 1;
    }
  }
  // Full-text indexes populate asynchronously; wait so a search right after start-up sees the seed.
  await db.runSchemaStatement('CALL db.awaitIndexes(60)');
  return applied;
}
