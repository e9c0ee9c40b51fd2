/**
 * Opens the database the config names: starts the local Neo4j when NEO4J_URI is unset, connects,
 * applies the schema and seeds an empty graph. Shared by the server, the seed command and tests.
 */
import type { Driver } from 'neo4j-driver';
import { applySchema } from '../db/apply-schema.js';
import { createDriver } from '../db/driver.js';
import { GraphStore } from '../db/graph.js';
import { QueryBook } from '../db/query-book.js';
import { Db, type QueryObserver } from '../db/run.js';
import { messageOf } from '../errors.js';
import type { Logger } from '../observability/logger.js';
import { refreshRelease } from '../release/release.js';
import { readSeed } from '../seed-files/read-seed.js';
import { type SeedReport, writeSeed } from '../seed-files/write-seed.js';
import type { Config, Neo4jTarget } from './config.js';
import { type LocalNeo4j, superviseLocalNeo4j } from './local-neo4j.js';

export interface Opened {
  db: Db;
  driver: Driver;
  local: LocalNeo4j | undefined;
  close(): Promise<void>;
}

export async function connect(
  target: Pick<Neo4jTarget, 'uri' | 'user' | 'password' | 'database'>,
  observe?: QueryObserver,
  unavailableAfterMs?: number,
): Promise<{ db: Db; driver: Driver }> {
  const driver = createDriver(target, unavailableAfterMs);
  try {
    await driver.verifyConnectivity({ database: target.database });
  } catch (err) {
    await driver.close();
    throw new Error(`cannot reach Neo4j at ${target.uri} (database "${target.database}"): ${messageOf(err)}`);
  }
  return { db: new Db({ driver, database: target.database, queries: QueryBook.fromDirectory(), observe }), driver };
}

export async function openDatabase(config: Config, log: Logger, observe?: QueryObserver): Promise<Opened> {
  let local: LocalNeo4j | undefined;
  if (config.neo4j.kind === 'local') {
    local = await superviseLocalNeo4j({ dataDir: config.local.dataDir, port: config.local.port, heap: config.local.heap, log });
  }
  try {
    const { db, driver } = await connect(config.neo4j, observe, config.dbUnavailableAfterMs);
    return {
      db,
      driver,
      local,
      async close() {
        await driver.close();
        await local?.stop();
      },
    };
  } catch (err) {
    await local?.stop();
    throw err;
  }
}

export async function isEmpty(db: Db): Promise<boolean> {
  const rows = await db.read('entity-count');
  return Number(rows[0]?.['total'] ?? 0) === 0;
}

/** Schema always (idempotent); the seed when asked, or when the graph is empty under `auto`. */
export async function prepareGraph(db: Db, config: Pick<Config, 'seedOnStart' | 'seedDir'>, log: Logger): Promise<SeedReport | undefined> {
  const statements = await applySchema(db);
  log.info({ statements }, 'schema applied');
  // A graph written before the root lists' derived keys existed gets them now (none missing: one cheap scan per label).
  const keyed = await new GraphStore(db).backfillListKeys();
  if (keyed > 0) log.info({ nodes: keyed }, 'list keys backfilled');
  const seed = config.seedOnStart === 'always' || (config.seedOnStart === 'auto' && (await isEmpty(db)));
  if (!seed) return undefined;
  const bundle = await readSeed(config.seedDir);
  const report = await writeSeed(db, bundle);
  log.info({ studies: report.studies, ...report.stats }, 'seed loaded');
  const release = await refreshRelease(db, `seed loaded on start: ${report.studies} studies from ${config.seedDir}`);
  log.info({ release: release.id, ms: Math.round(release.ms) }, 'release recorded');
  return report;
}
