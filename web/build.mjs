#!/usr/bin/env node
/**
 * Builds the explorer page: web/src/main.ts (+ cytoscape, fcose) → web/dist/assets/explorer.js,
 * web/src/styles.css → web/dist/assets/explorer.css, web/index.html → web/dist/index.html.
 * And GraphiQL (served at /graphql): web/src/graphiql/main.tsx (+ graphiql, react, monaco, the
 * explorer plugin) → web/dist/assets/graphiql/, its three Monaco editor workers as separate
 * files beside it (so the page needs no blob: workers), web/graphiql.html → web/dist/graphiql.html.
 * The example operations in test/operations/*.graphql are compiled in as GraphiQL's tabs.
 * Everything is bundled: no CDN at run time.
 *
 *   node web/build.mjs            production build (minified, with source maps)
 *   node web/build.mjs --watch    rebuild on change
 */
import { copyFile, mkdir, readdir, readFile, rm } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const here = path.dirname(fileURLToPath(import.meta.url));
const dist = path.join(here, 'dist');
const watch = process.argv.includes('--watch');

/** @type {import('esbuild').BuildOptions} */
const options = {
  absWorkingDir: here,
  entryPoints: [
    { in: 'src/main.ts', out: 'explorer' },
    { in: 'src/styles.css', out: 'explorer' },
  ],
  outdir: path.join(dist, 'assets'),
  bundle: true,
  format: 'esm',
  platform: 'browser',
  target: ['es2022', 'chrome110', 'firefox110', 'safari16'],
  minify: !watch,
  sourcemap: true,
  legalComments: 'linked',
  logLevel: watch ? 'info' : 'warning',
  define: { 'process.env.NODE_ENV': JSON.stringify(watch ? 'development' : 'production') },
};

const OPERATIONS = path.join(here, '..', 'test', 'operations');
/** The evidence question opens first; the other examples follow by file name. */
const FIRST_EXAMPLE = 'which-biomarkers-predict.graphql';

/**
 * `import { examples } from 'abscopal:examples'` → every test/operations/*.graphql file (the
 * examples of docs/examples.md, which an integration test runs), with its leading comment as description.
 * @type {import('esbuild').Plugin}
 */
const examplesPlugin = {
  name: 'abscopal-examples',
  setup(build) {
    build.onResolve({ filter: /^abscopal:examples$/ }, (args) => ({ path: args.path, namespace: 'abscopal-examples' }));
    build.onLoad({ filter: /.*/, namespace: 'abscopal-examples' }, async () => {
      const files = (await readdir(OPERATIONS)).filter((f) => f.endsWith('.graphql'));
      files.sort((a, b) => (a === FIRST_EXAMPLE ? -1 : b === FIRST_EXAMPLE ? 1 : a.localeCompare(b)));
      const examples = [];
      for (const file of files) {
        const query = await readFile(path.join(OPERATIONS, file), 'utf8');
        const name = /^\s*(?:query|mutation|subscription)\s+(\w+)/m.exec(query)?.[1];
        if (!name) throw new Error(`test/operations/${file}: no named operation`);
        const description = query
          .split('\n')
          .filter((l) => l.startsWith('#'))
          .map((l) => l.replace(/^#\s?/, ''))
          .join(' ');
        examples.push({ file, name, description, query });
      }
      return { contents: `export const examples = ${JSON.stringify(examples)};`, loader: 'js', watchFiles: files.map((f) => path.join(OPERATIONS, f)) };
    });
  },
};

/**
 * Monaco's modules import their own CSS; graphiql/style.css already carries all of it (and the
 * codicon font inline), so those imports are dropped rather than emitted as duplicate .css files
 * next to lazily loaded chunks, where no page would load them anyway.
 * @type {import('esbuild').Plugin}
 */
const monacoCssInGraphiqlStyle = {
  name: 'monaco-css-in-graphiql-style',
  setup(build) {
    build.onResolve({ filter: /\.css$/ }, (args) =>
      args.importer.includes(`${path.sep}node_modules${path.sep}monaco-editor${path.sep}`) ? { path: args.path, namespace: 'monaco-css' } : undefined,
    );
    build.onLoad({ filter: /.*/, namespace: 'monaco-css' }, () => ({ contents: '', loader: 'css' }));
  },
};

const mode = JSON.stringify(watch ? 'development' : 'production');

/** @type {import('esbuild').BuildOptions} GraphiQL: code-split so Monaco loads after the first paint. */
const graphiqlOptions = {
  ...options,
  entryPoints: [{ in: 'src/graphiql/main.tsx', out: 'graphiql' }],
  outdir: path.join(dist, 'assets', 'graphiql'),
  splitting: true,
  chunkNames: 'chunks/[name]-[hash]',
  jsx: 'automatic',
  // @graphiql/toolkit imports graphql-ws only for subscriptions over websockets, which this API
  // does not have; leaving it out keeps the dynamic import unreachable rather than failing the build.
  external: ['graphql-ws'],
  plugins: [examplesPlugin, monacoCssInGraphiqlStyle],
  define: { 'process.env.NODE_ENV': mode },
};

/**
 * The Monaco workers as classic (IIFE) scripts: every browser can start them with
 * `new Worker(url)`, from the server's own origin (CSP worker-src 'self').
 * @type {import('esbuild').BuildOptions}
 */
const workerOptions = {
  ...options,
  entryPoints: [
    { in: 'monaco-editor/esm/vs/editor/editor.worker.js', out: 'editor.worker' },
    { in: 'monaco-editor/esm/vs/language/json/json.worker.js', out: 'json.worker' },
    { in: 'monaco-graphql/esm/graphql.worker.js', out: 'graphql.worker' },
  ],
  outdir: path.join(dist, 'assets', 'graphiql'),
  format: 'iife',
  define: { 'process.env.NODE_ENV': mode },
};

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });
await copyFile(path.join(here, 'index.html'), path.join(dist, 'index.html'));
await copyFile(path.join(here, 'graphiql.html'), path.join(dist, 'graphiql.html'));
await copyFile(path.join(here, 'favicon.svg'), path.join(dist, 'assets', 'favicon.svg'));

if (watch) {
  for (const o of [options, graphiqlOptions, workerOptions]) await (await esbuild.context(o)).watch();
  console.log('watching web/src for changes…');
} else {
  const results = await Promise.all([options, graphiqlOptions, workerOptions].map((o) => esbuild.build({ ...o, metafile: true })));
  const outputs = results.flatMap((r) => Object.entries(r.metafile.outputs)).filter(([file]) => !file.endsWith('.map') && !file.endsWith('.txt') && !file.includes('/chunks/'));
  const chunks = results.flatMap((r) => Object.entries(r.metafile.outputs)).filter(([file]) => file.includes('/chunks/') && !file.endsWith('.map'));
  const kb = (bytes) => `${(bytes / 1024).toFixed(0)} kB`;
  console.log(
    `built web/dist: index.html, graphiql.html, ${outputs.map(([file, o]) => `${path.relative('dist/assets', file)} ${kb(o.bytes)}`).join(', ')}` +
      `, ${chunks.length} graphiql chunks ${kb(chunks.reduce((n, [, o]) => n + o.bytes, 0))}`,
  );
}
