/**
 * `npm run release`: show the graph's current release; `--refresh` re-hashes the accepted graph
 * and records it (after writes made outside the writers, e.g. hand-run Cypher); `--tag NAME`
 * tags the current release. Uses NEO4J_URI when set (the environment, else `.env`), else the local
 * Neo4j on its port.
 */
import { Command } from 'commander';
import { findRelease, ReleaseTracker, refreshRelease, tagRelease } from '../release/release.js';
import { connect } from '../runtime/bootstrap.js';
import { ConfigError, describeTarget, loadRuntimeConfig } from '../runtime/config.js';

const program = new Command()
  .name('release')
  .description('Show, refresh or tag the release (content hash) of the knowledge graph')
  .option('--refresh', 're-hash the graph and record the release')
  .option('--tag <name>', 'tag the current release with a name')
  .parse();

const opts = program.opts<{ refresh?: boolean; tag?: string }>();

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  console.error(`release: ${describeTarget(config)}`);
  const { db, driver } = await connect(config.neo4j);
  try {
    const refreshed = opts.refresh ? await refreshRelease(db, 'npm run release -- --refresh') : null;
    if (refreshed) console.log(`hashed in ${Math.round(refreshed.ms)} ms`);
    const release = refreshed ?? (await new ReleaseTracker(db).current());
    if (opts.tag) {
      if (!/^[A-Za-z0-9][A-Za-z0-9._-]{0,63}$/.test(opts.tag)) throw new ConfigError(`--tag: "${opts.tag}" must be 1–64 letters, digits, dots, dashes or underscores`);
      await tagRelease(db, opts.tag, release.id);
    }
    const shown = (await findRelease(db, { id: release.id })) ?? release;
    console.log(JSON.stringify(shown, null, 2));
  } finally {
    await driver.close();
  }
}

main().catch((err: unknown) => {
  console.error(err instanceof ConfigError ? err.message : `release failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
