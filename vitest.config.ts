import { createRequire } from 'node:module';
import { defineConfig } from 'vitest/config';

const require = createRequire(import.meta.url);

export default defineConfig({
  // graphql ships ESM and CJS builds. Node loads its CJS build for everyone (no "exports" map),
  // but vite's resolver prefers the ESM one, and graphql-js refuses objects from "another realm":
  // the schema built from one and graphql-jit (CJS, `require`) reading it with the other. Every
  // `graphql` import resolves as Node resolves it, so tests run what the server runs.
  plugins: [
    {
      name: 'graphql-as-node-resolves-it',
      enforce: 'pre',
      resolveId: (source: string) => (source === 'graphql' || source.startsWith('graphql/') ? require.resolve(source) : undefined),
    },
  ],
  test: {
    // Inlined so they resolve graphql through the plugin above too.
    server: { deps: { inline: [/@pothos\//, /graphql-yoga/, /@graphql-yoga\//, /@envelop\//, /graphql-jit/, /@graphql-tools\//] } },
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
      // Bounded at size: ≥ 50k synthetic studies in a Neo4j of its own, after every other project.
      {
        extends: true,
        test: { name: 'size', include: ['test/size/**/*.test.ts'], testTimeout: 300_000, hookTimeout: 45 * 60_000, sequence: { groupOrder: 1 } },
      },
      {
        // Imports write into the test database: this project runs after every other one
        // (groupOrder 1), so no other test sees imported nodes, and it removes them at the end.
        extends: true,
        test: {
          name: 'import',
          include: ['test/import/**/*.test.ts'],
          globalSetup: ['test/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          sequence: { groupOrder: 1 },
        },
      },
      {
        extends: true,
        test: { name: 'browser', include: ['test/browser/**/*.test.ts'], globalSetup: ['test/global-setup.ts'], testTimeout: 60_000, hookTimeout: 60_000 },
      },
    ],
  },
});
