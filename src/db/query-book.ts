/**
 * Named Cypher. Hand-written queries live in cypher/queries/<name>.cypher; queries composed in
 * db/ from constant parts (labels and relationship types from the model, never user input) are
 * registered here too, so every query the server runs has a name that logs and counters use.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');

export class QueryBook {
  private readonly texts = new Map<string, string>();

  static fromDirectory(dir: string = path.join(CYPHER_DIR, 'queries')): QueryBook {
    const book = new QueryBook();
    for (const file of readdirSync(dir).filter((f) => f.endsWith('.cypher')).sort()) {
      book.define(file.replace(/\.cypher$/, ''), readFileSync(path.join(dir, file), 'utf8'));
    }
    return book;
  }

  define(name: string, text: string): void {
    if (this.texts.has(name)) throw new Error(`query "${name}" is defined twice`);
    this.texts.set(name, text);
  }

  text(name: string): string {
    const text = this.texts.get(name);
    if (text === undefined) throw new Error(`unknown query "${name}"`);
    return text;
  }

  has(name: string): boolean {
    return this.texts.has(name);
  }
}

/** Statements of a schema file, split on the semicolons that end them (comments dropped). */
export function splitStatements(text: string): string[] {
  return text
    .split('\n')
    .filter((line) => !line.trim().startsWith('//'))
    .join('\n')
    .split(/;\s*(?:\n|$)/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}
