#!/usr/bin/env node
/**
 * Builds the explorer page: web/src/main.ts (+ cytoscape, fcose) → web/dist/assets/explorer.js,
 * web/src/styles.css → web/dist/assets/explorer.css, web/index.html → web/dist/index.html.
 * Everything is bundled: no CDN at run time.
 *
 *   node web/build.mjs            production build (minified, with source maps)
 *   node web/build.mjs --watch    rebuild on change
 */
import { copyFile, mkdir, rm } from 'node:fs/promises';
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
  logLevel: watch ? "info" : "warning",
  define: { 'process.env.NODE_ENV': JSON.stringify(watch ? 'development' : 'production') },
};

await rm(dist, { recursive: true, force: true });
await mkdir(path.join(dist, 'assets'), { recursive: true });
await copyFile(path.join(here, 'index.html'), path.join(dist, 'index.html'));

if (watch) {
  const ctx = await esbuild.context(options);
  await ctx.watch();
  console.log('watching web/src for changes…');
} else {
  const result = await esbuild.build({ ...options, metafile: true });
  const outputs = Object.entries(result.metafile.outputs)
    .filter(([file]) => !file.endsWith('.map') && !file.endsWith('.txt'))
    .map(([file, o]) => `${path.basename(file)} ${(o.bytes / 1024).toFixed(0)} kB`);
  console.log(`built web/dist: index.html, ${outputs.join(', ')}`);
}
