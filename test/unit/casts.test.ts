/**
 * A type assertion (`x as T`) tells the compiler to trust the author: in src/ each one carries a
 * comment on its line or the two above saying why it holds. Read with the TypeScript compiler's
 * own parser, so strings and comments that contain " as " do not count.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

function sources(dir: string = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [full] : [];
  });
}

/** "file:line: cast" for every assertion in `text` with no comment on its line or the two above (`as const` is no assertion). */
function uncommentedCasts(file: string, text: string): string[] {
  const sf = ts.createSourceFile(file, text, ts.ScriptTarget.Latest, true);
  const lines = text.split('\n');
  const out: string[] = [];
  const visit = (n: ts.Node): void => {
    if ((ts.isAsExpression(n) || ts.isTypeAssertionExpression(n)) && n.type.getText(sf) !== 'const') {
      const line = sf.getLineAndCharacterOfPosition(n.getStart(sf)).line;
      const near = lines.slice(Math.max(0, line - 2), line + 1).join('\n');
      if (!/\/\/|\*\//.test(near)) out.push(`${path.relative(SRC, file)}:${line + 1}: ${n.getText(sf).slice(0, 80)}`);
    }
    ts.forEachChild(n, visit);
  };
  visit(sf);
  return out;
}

describe('type assertions in src/', () => {
  it('each say why they hold, in a comment beside them', () => {
    const files = sources();
    expect(files.length).toBeGreaterThan(100);
    expect(files.flatMap((f) => uncommentedCasts(f, readFileSync(f, 'utf8')))).toEqual([]);
  });

  it('would report a bare cast, and not a commented one, an as const or " as " in a string', () => {
    const text = ['const a = x as string;', '// x is a label here', 'const b = x as Label;', "const c = ['a'] as const;", "const d = 'read as text';"].join('\n');
    expect(uncommentedCasts(path.join(SRC, 'example.ts'), text)).toEqual(['example.ts:1: x as string']);
  });
});
