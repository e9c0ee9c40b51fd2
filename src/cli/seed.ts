/**
 * `npm run seed`: validate every seed file, then write them (catalog, then one transaction per
 * study). `--check` validates only. Uses NEO4J_URI when set (the environment, else `.env`); otherwise the local Neo4j, joining
 * a running `npm start` on its port or starting one for the duration of the command.
 * `--export DIR` does the reverse: writes the graph as it stands (API changes included) in the
 * seed format, so it can be committed to seed/ and a fresh load reproduces the same graph.
 */

import path from 'node:path';
import { Command } from 'commander';
import { AuditError, assertAudited, auditSeed } from '../audit/audit.js';
import { applySchema } from '../db/apply-schema.js';
import { createLogger } from '../observability/logger.js';
import { refreshRelease } from '../release/release.js';
import { connect, openDatabase } from '../runtime/bootstrap.js';
import { ConfigError, describeTarget, loadRuntimeConfig } from '../runtime/config.js';
import { portIsFree } from '../runtime/local-neo4j.js';
import { exportSeed, writeSeedDir } from '../seed-files/export-seed.js';
import { readSeed, SeedValidationError } from '../seed-files/read-seed.js';
import { writeSeed } from '../seed-files/write-seed.js';

const program = new Command()
  .name('seed')
  .description('Validate and load the curated knowledge graph')
  .option('-d, --dir <dir>', 'seed directory (catalog/ and studies/); default SEED_DIR, else seed')
  .option('--check', 'validate only; write nothing')
  .option('--export <dir>', 'write the current graph to <dir> in the seed format instead of loading')
  .parse();

const opts = program.opts<{ dir?: string; check?: boolean; export?: string }>();

async function main(): Promise<void> {
  const config = loadRuntimeConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'seed');
  if (opts.export !== undefined) return exportTo(path.resolve(opts.export), config, log);
  const dir = opts.dir === undefined ? config.seedDir : path.resolve(opts.dir);
  const bundle = await readSeed(dir);
  console.log(`valid: ${bundle.studies.length} studies, ${bundle.catalog.sources.length} sources in ${dir}`);
  // The same gate as `npm run audit`: a figure that its quote contradicts is never written.
  const audit = auditSeed(bundle);
  assertAudited(audit);
  console.log(`audit: ${audit.checked} figures, ${audit.quoted} quoted, ${audit.unquoted} unquoted, 0 inconsistent`);
  if (opts.check) return;

  console.error(`seed: ${describeTarget(config)}`);
  const joinRunning = config.neo4j.kind === 'local' && !(await portIsFree(config.local.port));
  // A running `npm start` holds the local store: talk to it over Bolt instead of starting another.
  const opened = joinRunning ? await joinLocal(config) : await openDatabase(config, log);
  try {
    await applySchema(opened.db);
    const report = await writeSeed(opened.db, bundle, (f) => console.log(`  wrote ${f.file}`));
    const s = report.stats;
    console.log(
      `loaded ${report.studies} studies: ${s.nodesCreated} nodes and ${s.relationshipsCreated} relationships created, ` +
        `${s.nodesDeleted} nodes and ${s.relationshipsDeleted} relationships removed`,
    );
    // Every running server picks the new release up from the marker this moves.
    const release = await refreshRelease(opened.db, `npm run seed: ${report.studies} studies`);
    console.log(`release ${release.id} (hashed in ${Math.round(release.ms)} ms)`);
  } finally {
    await opened.close();
  }
}

async function exportTo(dir: string, config: ReturnType<typeof loadRuntimeConfig>, log: ReturnType<typeof createLogger>): Promise<void> {
  console.error(`seed: ${describeTarget(config)}`);
  const joinRunning = config.neo4j.kind === 'local' && !(await portIsFree(config.local.port));
  const opened = joinRunning ? await joinLocal(config) : await openDatabase(config, log);
  try {
    const seed = await exportSeed((name, params) => opened.db.read(name, params));
    const { files } = await writeSeedDir(dir, seed);
    console.log(`exported ${seed.studies.length} studies (${files} files) to ${dir}`);
  } finally {
    await opened.close();
  }
}

async function joinLocal(config: ReturnType<typeof loadRuntimeConfig>): Promise<{ db: Awaited<ReturnType<typeof connect>>['db']; close: () => Promise<void> }> {
  const { db, driver } = await connect(config.neo4j);
  return { db, close: () => driver.close() };
}

main().catch((err: unknown) => {
  if (err instanceof SeedValidationError || err instanceof ConfigError || err instanceof AuditError) console.error(err.message);
  else console.error(`seed failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
