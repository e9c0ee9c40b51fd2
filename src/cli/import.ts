/**
 * `npm run import -- ctgov <file|dir|NCT…>` and `npm run import -- pubmed <file|dir|PMID…>`:
 * validate every record, resolve names against the graph, write each record in its own
 * transaction, print a summary; exit 1 when any record was rejected. With --fetch, NCT ids and
 * PMIDs are fetched from the public APIs (rate-limited, retried); files need no network.
 * Living update: `ctgov --fetch --query TERM --since DATE` pages the registry's studies updated
 * since DATE (and `--known` re-reads every trial the graph already holds); the report lists new,
 * changed (field, before, after) and unchanged records. CTGOV_BASE_URL points at another API v2
 * host (a mirror, or a test's stub). Registry records outside the graph's scope are refused unless
 * --allow-out-of-scope; site institutions are created only with --sites. With --review, new and
 * changed records become pending curation submissions (REGISTRY_UPDATE) that a reviewer accepts
 * or rejects through the curation API; the graph is not written until then.
 * Database: NEO4J_URI when set, else the local Neo4j (joining a running `npm start`).
 */

import path from 'node:path';
import { Presets, SingleBar } from 'cli-progress';
import { Command } from 'commander';
import { applySchema } from '../db/apply-schema.js';
import type { Db } from '../db/run.js';
import { readAliases } from '../importers/aliases.js';
import { NCT_ID } from '../importers/ctgov.js';
import { CTGOV_API, ctgovSearchPages, ctgovUpdatedSince, fetchCtgovStudy, fetchPubmedXml, PoliteClient } from '../importers/http.js';
import { formatSummary, type Loaded, parseCtgovJson, parsePubmed, readInputFiles, runImport } from '../importers/run.js';
import { createLogger } from '../observability/logger.js';
import { connect, openDatabase } from '../runtime/bootstrap.js';
import { ConfigError, describeTarget, loadRuntimeConfig } from '../runtime/config.js';
import { portIsFree } from '../runtime/local-neo4j.js';

interface Options {
  fetch?: boolean;
  query?: string;
  since?: string;
  known?: boolean;
  sites?: boolean;
  allowOutOfScope?: boolean;
  check?: boolean;
  review?: boolean;
  author: string;
  aliases: string;
  maxPages: string;
}

const merge = (a: Loaded, b: Loaded): Loaded => ({ records: [...a.records, ...b.records], rejected: [...a.rejected, ...b.rejected] });

/** CTGOV_BASE_URL (an API v2 base such as https://clinicaltrials.gov/api/v2), checked before any request. */
function ctgovBase(): string {
  const raw = process.env['CTGOV_BASE_URL'];
  if (raw === undefined || raw === '') return CTGOV_API;
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    throw new ConfigError(`CTGOV_BASE_URL: "${raw}" is not a URL (expected e.g. https://clinicaltrials.gov/api/v2)`);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new ConfigError(`CTGOV_BASE_URL: "${raw}" must be an http(s) URL`);
  return raw.replace(/\/+$/, '');
}

async function knownNctIds(): Promise<string[]> {
  return withDb(async (db) => (await db.read('trials-known-nct')).map((r) => String(r['nctId'])));
}

async function loadCtgov(args: string[], opts: Options, client: PoliteClient): Promise<Loaded> {
  const ids = args.filter((a) => NCT_ID.test(a.toUpperCase()));
  const files = args.filter((a) => !NCT_ID.test(a.toUpperCase()));
  const read = await readInputFiles(files, '.json');
  let loaded: Loaded = { records: [], rejected: read.rejected };
  for (const t of read.texts) loaded = merge(loaded, parseCtgovJson(t.text, t.origin));
  const remote = [...ids, opts.query, opts.since && `--since ${opts.since}`, opts.known && '--known'].filter(Boolean);
  if (remote.length && !opts.fetch) throw new Error(`NCT ids, --query, --since and --known need --fetch (network access to ClinicalTrials.gov): ${remote.join(', ')}`);
  if (opts.known && !opts.since) throw new Error('--known re-reads the trials the graph holds that changed since a date: give --since YYYY-MM-DD');
  const base = ctgovBase();
  for (const id of ids) loaded = merge(loaded, parseCtgovJson(await fetchCtgovStudy(client, id.toUpperCase(), base), `${base}/studies/${id.toUpperCase()}`));
  const searches: Record<string, string>[] = [];
  if (opts.since) {
    if (opts.query) searches.push({ 'query.term': opts.query, ...ctgovUpdatedSince(opts.since) });
    // Known trials are asked for by id, 50 at a time, whatever the search term: a re-read finds their changes.
    if (opts.known) {
      const known = await knownNctIds();
      for (let i = 0; i < known.length; i += 50) searches.push({ 'filter.ids': known.slice(i, i + 50).join(','), ...ctgovUpdatedSince(opts.since) });
    }
  } else if (opts.query) searches.push({ 'query.term': opts.query });
  const seen = new Set(loaded.records.map((r) => (r.kind === 'ctgov' ? r.study.protocolSection.identificationModule.nctId : '')));
  for (const params of searches) {
    let page = 0;
    for await (const text of ctgovSearchPages(client, params, base)) {
      page += 1;
      const got = parseCtgovJson(text, `${base} search page ${page}`);
      // A study a known-trial re-read and the term search both return is one record, not a duplicate.
      const fresh = got.records.filter((r) => r.kind !== 'ctgov' || !seen.has(r.study.protocolSection.identificationModule.nctId));
      for (const r of fresh) if (r.kind === 'ctgov') seen.add(r.study.protocolSection.identificationModule.nctId);
      loaded = merge(loaded, { records: fresh, rejected: got.rejected });
      if (page >= Number(opts.maxPages)) break;
    }
  }
  return loaded;
}

async function loadPubmed(args: string[], opts: Options, client: PoliteClient): Promise<Loaded> {
  const pmids = args.filter((a) => /^\d{1,9}$/.test(a));
  const files = args.filter((a) => !/^\d{1,9}$/.test(a));
  const read = await readInputFiles(files, '.xml');
  let loaded: Loaded = { records: [], rejected: read.rejected };
  for (const t of read.texts) loaded = merge(loaded, parsePubmed(t.text, t.origin));
  if (pmids.length && !opts.fetch) throw new Error(`PMIDs need --fetch (network access to PubMed E-utilities): ${pmids.join(', ')}`);
  if (pmids.length) {
    let batch = 0;
    for await (const xml of fetchPubmedXml(client, pmids, undefined, process.env['NCBI_API_KEY'])) {
      batch += 1;
      loaded = merge(loaded, parsePubmed(xml, `efetch batch ${batch}`));
    }
  }
  return loaded;
}

async function withDb<T>(work: (db: Db) => Promise<T>): Promise<T> {
  const config = loadRuntimeConfig();
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel, 'import');
  console.error(`import: ${describeTarget(config)}`);
  const joinRunning = config.neo4j.kind === 'local' && !(await portIsFree(config.local.port));
  if (joinRunning) {
    const { db, driver } = await connect(config.neo4j);
    try {
      return await work(db);
    } finally {
      await driver.close();
    }
  }
  const opened = await openDatabase(config, log);
  try {
    await applySchema(opened.db);
    return await work(opened.db);
  } finally {
    await opened.close();
  }
}

async function main(kind: 'ctgov' | 'pubmed', args: string[], opts: Options): Promise<number> {
  const started = process.hrtime.bigint();
  const client = new PoliteClient(
    kind === 'ctgov'
      ? { minIntervalMs: 1_200, retries: 4, backoffMs: 2_000, userAgent: 'abscopal-import' }
      : { minIntervalMs: process.env['NCBI_API_KEY'] ? 110 : 350, retries: 4, backoffMs: 1_000, userAgent: 'abscopal-import' },
  );
  const loaded = kind === 'ctgov' ? await loadCtgov(args, opts, client) : await loadPubmed(args, opts, client);
  console.log(`read ${loaded.records.length} valid record(s), ${loaded.rejected.length} rejected`);
  if (opts.check) {
    for (const r of loaded.rejected) console.log(`  rejected ${r.origin}${r.key ? ` [${r.key}]` : ''}: ${r.reason}`);
    return loaded.rejected.length ? 1 : 0;
  }
  const aliases = await readAliases(path.resolve(opts.aliases));
  // A bar only where a person watches (a TTY); logs and CI get the summary alone.
  const bar =
    process.stdout.isTTY && loaded.records.length > 1 ? new SingleBar({ format: '{bar} {value}/{total} {key} {outcome}', hideCursor: true }, Presets.shades_classic) : undefined;
  bar?.start(loaded.records.length, 0, { key: '', outcome: '' });
  const summary = await withDb((db) =>
    runImport(db, loaded, {
      aliases,
      allowOutOfScope: opts.allowOutOfScope ?? false,
      sites: opts.sites ?? false,
      ...(opts.review ? { review: { author: opts.author } } : {}),
      onRecord: (done, _total, key, outcome) => bar?.update(done, { key, outcome }),
    }),
  );
  bar?.stop();
  console.log(formatSummary(summary));
  console.log(`took ${(Number(process.hrtime.bigint() - started) / 1e9).toFixed(2)} s`);
  return summary.rejected.length > 0 ? 1 : 0;
}

const program = new Command().name('import').description('Import ClinicalTrials.gov registry records and PubMed papers into the graph');
for (const kind of ['ctgov', 'pubmed'] as const) {
  program
    .command(kind)
    .description(
      kind === 'ctgov' ? 'ClinicalTrials.gov API v2 study JSON: files, directories, or NCT ids with --fetch' : 'PubMed efetch XML: files, directories, or PMIDs with --fetch',
    )
    .argument('[inputs...]', kind === 'ctgov' ? 'files, directories or NCT ids' : 'files, directories or PMIDs')
    .option('--fetch', 'fetch ids from the public API (needs network access)')
    .option('--check', 'validate only; write nothing')
    .option('--review', 'propose new and changed records as curation submissions for a reviewer instead of writing them')
    .option('--author <name>', 'with --review: the name the proposals are submitted under (a reviewer must be someone else)', 'import')
    .option('--aliases <file>', 'curated aliases for entity resolution', 'seed/catalog/aliases.json')
    .option('--max-pages <n>', 'at most this many search pages (ctgov --query)', '20')
    .action(async (inputs: string[], opts: Options) => {
      try {
        process.exitCode = await main(kind, inputs, opts);
      } catch (err) {
        console.error(err instanceof ConfigError ? err.message : `import failed: ${err instanceof Error ? err.message : String(err)}`);
        process.exitCode = 1;
      }
    });
  if (kind === 'ctgov') {
    program.commands
      .at(-1)
      ?.option('--query <term>', 'with --fetch: every study matching this ClinicalTrials.gov search (query.term), page by page')
      .option('--since <date>', 'with --fetch: only studies whose last update was posted on or after this date (YYYY-MM-DD)')
      .option('--known', 'with --fetch --since: also re-read every trial the graph already holds')
      .option('--sites', "create the records' site institutions (default: countries and site counts only)")
      .option('--allow-out-of-scope', 'take records whose conditions map to no catalog disease or whose interventions touch neither radiotherapy nor checkpoint blockade');
  }
}
await program.parseAsync();
