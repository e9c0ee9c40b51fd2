/**
 * The layering rule, checked on the source: requests flow http -> schema -> loaders/analysis -> db,
 * so nothing below the schema imports the schema or the HTTP layer, the schema does not import
 * the HTTP layer, and no module under src/ imports itself back through others. Import specifiers
 * are read from the text (type-only and dynamic imports count: a type cycle is still a cycle a
 * reader has to untangle).
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';

const SRC = path.resolve(import.meta.dirname, '../../src');

/** Every .ts file under `dir`, relative to src/ ("db/run.ts"). */
function sources(dir: string = SRC): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const full = path.join(dir, e.name);
    if (e.isDirectory()) return sources(full);
    return e.name.endsWith('.ts') ? [path.relative(SRC, full)] : [];
  });
}

// `declare module '…'` counts too: augmenting another module's interface depends on it.
const SPECIFIER = /(?:\bfrom\s*|\bimport\s*\(\s*|^\s*import\s+|\bdeclare\s+module\s+)['"](\.{1,2}\/[^'"]+)['"]/gm;

/** The files under src/ that `file` imports by a relative specifier ("./x.js" -> "dir/x.ts"). */
function importsOf(file: string, text: string): string[] {
  return [...text.matchAll(SPECIFIER)].map((m) => path.normalize(path.join(path.dirname(file), (m[1] ?? '').replace(/\.js$/, '.ts'))));
}

function graph(): Map<string, string[]> {
  const files = new Set(sources());
  return new Map([...files].map((f) => [f, importsOf(f, readFileSync(path.join(SRC, f), 'utf8')).filter((t) => files.has(t))]));
}

/** Strongly connected components with more than one file, or a file importing itself (Tarjan). */
function cycles(edges: Map<string, string[]>): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const stack: string[] = [];
  const onStack = new Set<string>();
  const found: string[][] = [];
  let next = 0;
  const visit = (v: string): void => {
    index.set(v, next);
    low.set(v, next);
    next += 1;
    stack.push(v);
    onStack.add(v);
    for (const w of edges.get(v) ?? []) {
      if (!index.has(w)) {
        visit(w);
        low.set(v, Math.min(low.get(v) ?? 0, low.get(w) ?? 0));
      } else if (onStack.has(w)) low.set(v, Math.min(low.get(v) ?? 0, index.get(w) ?? 0));
    }
    if (low.get(v) === index.get(v)) {
      const component: string[] = [];
      for (;;) {
        const w = stack.pop();
        if (w === undefined) break;
        onStack.delete(w);
        component.push(w);
        if (w === v) break;
      }
      if (component.length > 1 || (edges.get(v) ?? []).includes(v)) found.push(component.sort());
    }
  };
  for (const v of [...edges.keys()].sort()) if (!index.has(v)) visit(v);
  return found;
}

/**
 * Which top-level folders a folder may not import from: the HTTP layer sits on top, the schema
 * below it, and every other folder (db, loaders, analysis, curation, importers, release, …)
 * below the schema, so none of those imports either.
 */
function forbidden(folder: string): readonly string[] {
  if (folder === 'http') return [];
  if (folder === 'schema') return ['http'];
  // The database layer is the bottom: it knows the model, not what reads it.
  if (folder === 'db') return ['schema', 'http', 'loaders', 'analysis', 'curation', 'importers', 'release', 'export', 'audit'];
  return ['schema', 'http'];
}

function upwardImports(edges: Map<string, string[]>): string[] {
  const top = (f: string): string => f.split(path.sep)[0] ?? '';
  return [...edges].flatMap(([from, targets]) => targets.filter((t) => forbidden(top(from)).includes(top(t))).map((t) => `${from} -> ${t}`));
}

describe('the layers of src/', () => {
  it('reads the imports of the real source tree, type-only ones included', () => {
    const edges = graph();
    expect(edges.size).toBeGreaterThan(100);
    // A type-only import of the request context from the schema's own folder.
    expect(edges.get(path.join('schema', 'loading.ts'))).toContain(path.join('schema', 'context.ts'));
  });

  it('has no import cycle under src/', () => {
    expect(cycles(graph())).toEqual([]);
  });

  it('has no import into schema/ or http/ from any folder below them, nor from schema/ into http/, nor from db/ into any folder that reads it', () => {
    expect(upwardImports(graph())).toEqual([]);
  });

  it('would report a cycle and an upward import if one were written', () => {
    const edges = new Map([
      [path.join('db', 'a.ts'), [path.join('db', 'b.ts')]],
      [path.join('db', 'b.ts'), [path.join('db', 'a.ts'), path.join('schema', 'c.ts')]],
      [path.join('schema', 'c.ts'), []],
    ]);
    expect(cycles(edges)).toEqual([[path.join('db', 'a.ts'), path.join('db', 'b.ts')]]);
    expect(upwardImports(edges)).toEqual([`${path.join('db', 'b.ts')} -> ${path.join('schema', 'c.ts')}`]);
  });
});
