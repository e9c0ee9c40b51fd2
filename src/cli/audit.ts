/**
 * `npm run audit`: validate the seed, then check every figure against its quote and sources
 * (src/audit/audit.ts). Prints checked / quoted / unquoted / inconsistent and exits 1 when any
 * figure is inconsistent (or the seed does not validate). No database needed.
 */

import path from 'node:path';
import { Command } from 'commander';
import { auditPassed, auditSeed, formatReport } from '../audit/audit.js';
import { ConfigError, loadRuntimeConfig } from '../runtime/config.js';
import { readSeed, SeedValidationError } from '../seed-files/read-seed.js';

const program = new Command()
  .name('audit')
  .description('Check every figure of the seed against the quote that states it')
  .option('-d, --dir <dir>', 'seed directory (catalog/ and studies/); default SEED_DIR, else seed')
  .option('--unquoted', 'list every unquoted figure too')
  .option('--json', 'print the full report as JSON')
  .parse();

const opts = program.opts<{ dir?: string; unquoted?: boolean; json?: boolean }>();

async function main(): Promise<void> {
  // SEED_DIR from the environment or `.env`, as the server and `npm run seed` read it.
  const dir = opts.dir === undefined ? loadRuntimeConfig().seedDir : path.resolve(opts.dir);
  const bundle = await readSeed(dir);
  const report = auditSeed(bundle);
  console.log(opts.json ? JSON.stringify(report, null, 2) : formatReport(report, { listUnquoted: opts.unquoted ?? false }));
  if (!auditPassed(report)) process.exitCode = 1;
}

main().catch((err: unknown) => {
  console.error(err instanceof SeedValidationError || err instanceof ConfigError ? err.message : `audit failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exitCode = 1;
});
