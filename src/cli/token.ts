/**
 * `npm run token -- create --name alice --scope curate` prints a new API token once (only its
 * sha-256 hash is stored); `list` shows every token's metadata; `revoke <id>` withdraws one.
 * Connects like `npm run seed`: NEO4J_URI when set (the environment, else `.env`), else the local
 * Neo4j (joining a running `npm start` on its port, or starting it for the duration of the command).
 */
import { Command } from 'commander';
import { createToken, listTokens, revokeToken } from '../curation/tokens.js';
import { applySchema } from '../db/apply-schema.js';
import type { Db } from '../db/run.js';
import { createLogger } from '../observability/logger.js';
import { connect, openDatabase } from '../runtime/bootstrap.js';
import { ConfigError, describeTarget, loadRuntimeConfig } from '../runtime/config.js';
import { portIsFree } from '../runtime/local-neo4j.js';

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadRuntimeConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'token');
  // stderr, so `TOKEN=$(npm run -s token -- create …)` still captures the token alone.
  console.error(`token: ${describeTarget(config)}`);
  const joinRunning = config.neo4j.kind === 'local' && !(await portIsFree(config.local.port));
  // A running `npm start` holds the local store: talk to it over Bolt instead of starting another.
  const opened = joinRunning ? await connect(config.neo4j).then(({ db, driver }) => ({ db, close: () => driver.close() })) : await openDatabase(config, log);
  try {
    await applySchema(opened.db);
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

const collect = (value: string, previous: string[]): string[] => [...previous, value];

const program = new Command().name('token').description('Manage API tokens for curation (submit: curate, accept/reject: review)');

program
  .command('create')
  .description('create a token and print it once')
  .requiredOption('--name <name>', 'who the token belongs to; submissions and reviews are attributed to this name')
  .requiredOption('--scope <scope>', 'curate or review (repeat for both)', collect, [])
  .action(async (opts: { name: string; scope: string[] }) => {
    const created = await withDb((db) => createToken(db, opts.name, opts.scope));
    console.error(`created ${created.id} for "${created.name}" with scope ${created.scopes.join(', ')}; this is the only time the token is shown:`);
    console.log(created.token);
  });

program
  .command('list')
  .description('list tokens (never the tokens themselves)')
  .action(async () => {
    const tokens = await withDb((db) => listTokens(db));
    if (tokens.length === 0) console.log('no tokens');
    for (const t of tokens) console.log(`${t.id}\t${t.name}\t${t.scopes.join(',')}\tcreated ${t.createdAt}${t.revokedAt ? `\trevoked ${t.revokedAt}` : ''}`);
  });

program
  .command('revoke <id>')
  .description('revoke a token by id (see list)')
  .action(async (id: string) => {
    const ok = await withDb((db) => revokeToken(db, id));
    if (!ok) throw new Error(`no token has the id "${id}"`);
    console.log(`revoked ${id}`);
  });

program.parseAsync().catch((err: unknown) => {
  if (err instanceof ConfigError) console.error(err.message);
  else console.error(`token failed: ${err instanceof Error ? err.message : String(err)}`);
  process.exit(1);
});
