/** The committed schema matches the code, and every example query of docs/examples.md runs on the seed. */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { printedSchema } from '../../src/schema/index.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

const OPS = path.resolve('test/operations');

/** True when a value holds at least one scalar somewhere (an empty string or list does not count). */
function hasContent(value: unknown): boolean {
  if (value === null || value === undefined || value === '') return false;
  if (Array.isArray(value)) return value.some(hasContent);
  if (typeof value === 'object') return Object.values(value).some(hasContent);
  return true;
}

describe('the schema artifact', () => {
  it('schema.graphql is what the code builds (run `npm run schema` after API changes)', () => {
    expect(readFileSync('schema.graphql', 'utf8')).toBe(printedSchema());
  });
});

describe('the example queries (test/operations, printed in docs/examples.md)', () => {
  const files = readdirSync(OPS).filter((f) => f.endsWith('.graphql'));

  it('are all printed in docs/examples.md, comments included', () => {
    const examples = readFileSync('docs/examples.md', 'utf8');
    expect(files.length).toBeGreaterThan(0);
    for (const f of files) expect(examples, `${f} is not printed in docs/examples.md`).toContain(readFileSync(path.join(OPS, f), 'utf8').trim());
  });

  for (const file of files) {
    it(`${file} runs without errors and returns data`, async () => {
      const res = await t.gql(readFileSync(path.join(OPS, file), 'utf8'));
      expect(res.errors).toBeUndefined();
      const fields = Object.entries(res.data ?? {});
      expect(fields.length).toBeGreaterThan(0);
      // Every top-level field answers with something: a null, an empty list or an object of
      // empty lists would let an example rot while still "running without errors".
      for (const [field, value] of fields) expect(hasContent(value), `${file}: ${field} is empty`).toBe(true);
    });
  }
});
