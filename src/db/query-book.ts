/**
 * Named Cypher, complete and frozen at start-up. Hand-written queries live in
 * cypher/queries/<name>.cypher; queries composed from the model's constants (never user input),
 * the seed writer's and the importers' upserts and links included, come from db/queries.ts. Every
 * query the server can run is listed by `names()` (a test EXPLAINs each one) and has the name
 * that logs and counters use. Once built the book is frozen: a statement defined later throws, so
 * nothing registers queries lazily; a test or the benchmark that needs statements of its own asks
 * for an extended copy (`extended`, through Db.withStatements) and leaves the shared book alone.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { CYPHER_DIR } from './cypher-dir.js';
import { COMPOSED_QUERIES } from './queries.js';

export { CYPHER_DIR };

export class QueryBook {
  private readonly texts = new Map<string, string>();
  private frozen = false;

  /** The whole book, frozen: every file in `dir` plus the composed queries. */
  static fromDirectory(dir: string = path.join(CYPHER_DIR, 'queries')): QueryBook {
    const book = new QueryBook();
    for (const file of readdirSync(dir)
      .filter((f) => f.endsWith('.cypher'))
      .sort()) {
      book.define(file.replace(/\.cypher$/, ''), readFileSync(path.join(dir, file), 'utf8'));
    }
    for (const [name, text] of COMPOSED_QUERIES) book.define(name, text);
    return book.freeze();
  }

  /** No statement may be added from now on. */
  freeze(): this {
    this.frozen = true;
    return this;
  }

  get isFrozen(): boolean {
    return this.frozen;
  }

  /** A frozen copy of this book with `extra` statements added (a test's or the benchmark's own); this book is unchanged. */
  extended(extra: Iterable<readonly [string, string]>): QueryBook {
    const book = new QueryBook();
    for (const [name, text] of this.texts) book.define(name, text);
    for (const [name, text] of extra) book.define(name, text);
    return book.freeze();
  }

  names(): string[] {
    return [...this.texts.keys()];
  }

  define(name: string, text: string): void {
    if (this.frozen) throw new Error(`query "${name}": the query book is frozen once built; define statements before (QueryBook.extended, Db.withStatements)`);
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
