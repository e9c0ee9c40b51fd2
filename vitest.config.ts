import { createRequire } from 'node:module';
import path from 'node:path';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships ESM and CJS builds; yoga loads one, our code the other under vite's resolver, and
  // graphql-js refuses objects from "another realm". One path for everyone.
  resolve: { alias: [{ find: /^graphql$/, replacement: path.join(path.dirname(require.resolve('graphql/package.json')), 'index.mjs') }] },
  test: {
    // Inlined so they resolve graphql through the alias above too.
    server: { deps: { inline: [/@pothos\//, /graphql-yoga/, /@graphql-yoga\//, /@envelop\//, /@graphql-tools\//] } },
    reporters: ['default', ['json', { outputFile: 'test-artifacts/vitest-results.json' }]],
    projects: [
      // Unit tests do no I/O: no database is started for them.
      { extends: true, test: { name: 'unit', include: ['test/unit/**/*.test.ts'] } },
      // One throwaway Neo4j (and one server for the browser tests), shared by the projects that
      // need it: the setup starts it for the first of them and stops it after the last.
      {
        extends: true,
        test: { name: 'integration', include: ['test/integration/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
      // Issue 13 at size: ≥ 50k synthetic studies in a Neo4j of its own, after every other project.
      {
        extends: true,
        test: { name: 'size', include: ['test/size/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 45 * 60_000, sequence: { groupOrder: 1 } },
      },
      {
        // Imports write into the test database: this project runs after every other one
        // (groupOrder 1), so no other test sees imported nodes, and it removes them at the end.
        extends: true,
        test: { name: 'import', include: ['test/import/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000, sequence: { groupOrder: 1 } },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
