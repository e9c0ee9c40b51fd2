/**
 * Where Monaco (GraphiQL's editor) starts its web workers: files the server serves beside the
 * bundle (built by web/build.mjs), not blob: URLs or a CDN, so the page runs with no network
 * and under a Content-Security-Policy of worker-src 'self'. Imported before GraphiQL so the
 * environment is in place when Monaco loads.
 */
import type { Environment } from 'monaco-editor';

const WORKERS: Record<string, string> = {
  json: 'json.worker.js',
  graphql: 'graphql.worker.js',
};

// Monaco's documented configuration hook (a global its types declare).
const environment: Environment = {
  getWorker(_workerId, label) {
    const file = WORKERS[label] ?? 'editor.worker.js';
    return new Worker(new URL(`/assets/graphiql/${file}`, window.location.origin), { name: label });
  },
};
window.MonacoEnvironment = environment;
