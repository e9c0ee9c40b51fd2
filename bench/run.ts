/**
 * `npm run bench`: Abscopal against @neo4j/graphql and the raw-Cypher floor, in one run, on one Neo4j per graph size (`seed`: the curated seed alone, loaded as
 * `npm run seed` loads it; N: the seed plus a synthetic graph of N studies from
 * src/synthetic/generate.ts). Every workload in two request modes (bench/systems.ts RequestMode:
 * the same document repeated, or a new document per request). Per workload, system and mode:
 * p50/p95 at concurrency 1, throughput at concurrency 8 and 32, the server's peak RSS under 32,
 * Cypher round trips per request, and the number of scalar values answered (the systems must
 * agree on it). `--baseline DIR` also serves another checkout's Abscopal (main's code, say) over
 * the same Neo4j, for before/after in one run. Results go to bench/results/<timestamp>.json (and
 * --out); one table of figures and one of ratios per size are printed.
 * Then (full runs, when Chromium is there) the explorer page benchmark (bench/explorer.ts).
 *
 *   npm run bench -- --studies seed,1000,10000,100000 [--baseline ../main-bench]
 *   npm run bench -- --quick            # CI smoke: a tiny graph, a few requests, no timing claims
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { Command, InvalidArgumentError } from 'commander';
import { emptyStats } from '../src/db/run.js';
import { WEB_DIST } from '../src/http/static.js';
import { createLogger } from '../src/observability/logger.js';
import { connect, prepareGraph } from '../src/runtime/bootstrap.js';
import { freePort, startLocalNeo4j } from '../src/runtime/local-neo4j.js';
import { generateSyntheticGraph, type SyntheticReport } from '../src/synthetic/generate.js';
import { benchExplorer, CHROMIUM, type ExplorerBench } from './explorer.js';
import { cpuSeconds, type Latency, rssMiB, rssSampler, sequential, type Throughput, throughput } from './measure.js';
import { type Answer, type Client, floorClient, httpClient, MODES, type RequestMode, type Server, SYSTEMS, type SystemName, startServer } from './systems.js';
import { type GraphParams, pickQueryText, REVERSE_WALK_FINDINGS, supports, WORKLOADS } from './workloads/index.js';

interface Options {
  /** Synthetic studies per size; 0 is the seed alone. */
  studies: number[];
  modes: RequestMode[];
  /** Another checkout whose Abscopal is measured too, as `abscopal-baseline`. */
  baseline: string | undefined;
  /** Send the baseline its own checkout's workload texts (an API that changed shape, measured as each version asks it). */
  baselineWorkloads: boolean;
  quick: boolean;
  out: string | undefined;
  seed: number;
  durationMs: number;
  rounds: number;
  /** Warm-up under load before measuring, in ms (0: none). */
  warmupMs: number;
  workloads: string[] | undefined;
  cached: boolean;
  explorer: boolean;
}

interface Cell {
  workload: string;
  system: SystemName | 'abscopal-cached';
  mode: RequestMode;
  /** The workload was answered (sequentially); false with `error` when it was not. */
  ok: boolean;
  error?: string;
  /** Requests that failed under concurrency 8 or 32 (the throughput counts only answered ones). */
  loadErrors?: string;
  answer?: Answer;
  /** The workload's first request (ms): for Abscopal, the one that computes what is kept per graph version (db/aggregates.ts). */
  firstMs?: number;
  latency?: Latency;
  c8?: Throughput;
  c32?: Throughput;
  /** Server RSS (MiB) before the workload, and the peak while 32 requests were in flight. */
  rssBeforeMiB?: number | null;
  rssPeak32MiB?: number | null;
}

interface SizeResult {
  studies: number;
  synthetic: SyntheticReport & { neo4jCpuSeconds: number | null; benchCpuSeconds: number };
  graph: Record<string, number>;
  params: GraphParams;
  neo4j: { heap: string; pageCache: string };
  serverRssIdleMiB: Record<string, number | null>;
  cells: Cell[];
  seconds: number;
}

/** A size: `seed` (the curated graph alone, 0 synthetic studies) or a positive number of synthetic studies. */
const sizeArg = (v: string): number => (v === 'seed' ? 0 : positiveInt(v));

const positiveInt = (v: string): number => {
  const n = Number(v);
  if (!Number.isInteger(n) || n < 1) throw new InvalidArgumentError(`"${v}" is not a positive integer`);
  return n;
};

function parseOptions(argv: string[]): Options {
  const program = new Command()
    .name('npm run bench --')
    .description('Abscopal vs @neo4j/graphql vs the raw-Cypher floor, on the seed plus a synthetic graph per size')
    .option('--studies <list>', 'sizes, comma-separated: seed (the curated graph alone) or synthetic studies (e.g. seed,1000,10000,100000)', 'seed,1000,10000')
    .option('--modes <list>', `request modes (${MODES.join(', ')})`, MODES.join(','))
    .option('--baseline <dir>', 'also measure the Abscopal of this checkout (e.g. a copy of main) as abscopal-baseline')
    .option('--baseline-workloads', "with --baseline: send the baseline its own checkout's workload texts (when a workload's API changed shape)", false)
    .option('--quick', 'CI smoke run: 200 studies, both modes, a few requests per figure (seconds; figures mean nothing)', false)
    .option('--out <file>', 'also write the results JSON here')
    .option('--seed <n>', 'synthetic graph seed', '1')
    .option('--duration <seconds>', 'length of each throughput run', '4')
    .option('--rounds <n>', 'sequential requests for p50/p95', '40')
    .option('--workloads <list>', `only these workloads (${WORKLOADS.map((w) => w.name).join(', ')})`)
    .option('--cached', 'also measure Abscopal with its response cache allowed (no Cache-Control: no-cache)', false)
    .option('--no-explorer', 'skip the explorer page benchmark')
    .parse(argv);
  const o = program.opts<{
    studies: string;
    modes: string;
    baseline?: string;
    baselineWorkloads: boolean;
    quick: boolean;
    out?: string;
    seed: string;
    duration: string;
    rounds: string;
    workloads?: string;
    cached: boolean;
    explorer: boolean;
  }>();
  const studies = o.quick ? [200] : o.studies.split(',').map((s) => sizeArg(s.trim()));
  const modes = o.modes.split(',').map((s) => s.trim());
  for (const m of modes) if (!MODES.includes(m as RequestMode)) program.error(`unknown request mode "${m}" (${MODES.join(', ')})`);
  if (o.baseline !== undefined && !existsSync(path.join(o.baseline, 'bench', 'serve-abscopal.ts'))) program.error(`--baseline ${o.baseline} has no bench/serve-abscopal.ts`);
  const workloads = o.workloads?.split(',').map((s) => s.trim());
  for (const w of workloads ?? []) if (!WORKLOADS.some((x) => x.name === w)) program.error(`unknown workload "${w}"`);
  return {
    studies,
    // Checked against MODES just above.
    modes: modes as RequestMode[],
    baseline: o.baseline,
    baselineWorkloads: o.baselineWorkloads,
    quick: o.quick,
    out: o.out,
    seed: Number(o.seed),
    durationMs: o.quick ? 150 : Number(o.duration) * 1000,
    rounds: o.quick ? 2 : positiveInt(o.rounds),
    warmupMs: o.quick ? 0 : Number(o.duration) * 1000,
    workloads,
    cached: o.cached,
    explorer: o.explorer && !o.quick,
  };
}

/** Neo4j memory by graph size: the curated graph needs little, 100k studies about 2 GB of store. */
function neo4jMemory(studies: number): { heap: string; pageCache: string } {
  if (studies >= 50_000) return { heap: '2g', pageCache: '2g' };
  if (studies >= 5_000) return { heap: '1g', pageCache: '512m' };
  return { heap: '768m', pageCache: '256m' };
}

const log = createLogger(process.env['LOG_LEVEL'] ?? 'warn', 'bench');
const say = (msg: string): void => console.log(`[${new Date().toISOString().slice(11, 19)}] ${msg}`);

async function measureCell(client: Client, system: Cell['system'], w: (typeof WORKLOADS)[number], g: GraphParams, opts: Options, cache: boolean, mode: RequestMode): Promise<Cell> {
  const request = (): Promise<Answer> => client.run(w, g, cache, mode);
  const cell: Cell = { workload: w.name, system, mode, ok: false };
  try {
    const t0 = performance.now();
    cell.answer = await request();
    cell.firstMs = performance.now() - t0;
    // Warm up under the load measured next, as long as it: five requests left V8 and Neo4j's own
    // JIT warming up during the first system's measurement (a nested query at 1k measured 36 req/s
    // cold and 55 warm), and each system's query shapes warm separately.
    if (opts.warmupMs > 0) await throughput(request, 8, opts.warmupMs);
    cell.latency = await sequential(request, opts.rounds, Math.max(opts.durationMs * 2, 1000));
    cell.c8 = await throughput(request, 8, opts.durationMs);
    cell.rssBeforeMiB = client.pid === undefined ? null : rssMiB(client.pid);
    const sampler = rssSampler(client.pid);
    cell.c32 = await throughput(request, 32, opts.durationMs);
    cell.rssPeak32MiB = sampler.stop();
    // Answered one at a time: the system handles the workload. Errors under concurrency (a system
    // exhausting its driver's connection pool, say) are figures, reported with the cell.
    cell.ok = true;
    const failed = [cell.c8, cell.c32].find((t) => t.errors > 0);
    if (failed) cell.loadErrors = `${failed.errors} error(s) at concurrency ${failed.concurrency}: ${failed.firstError}`;
  } catch (err) {
    cell.error = err instanceof Error ? err.message : String(err);
  }
  return cell;
}

async function benchSize(studies: number, opts: Options, explorerHook: ((baseUrl: string) => Promise<void>) | undefined): Promise<SizeResult> {
  const started = performance.now();
  const memory = neo4jMemory(studies);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-bench-'));
  const label = studies === 0 ? 'seed' : String(studies);
  say(`size ${label}: starting Neo4j (heap ${memory.heap}, page cache ${memory.pageCache})`);
  const neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: memory.heap, pageCache: memory.pageCache, log, timeoutMs: 300_000 });
  const { db, driver } = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  const servers: Server[] = [];
  try {
    await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);
    say(`size ${label}: seed loaded${studies > 0 ? `; generating ${studies} synthetic studies (seed ${opts.seed})` : ''}`);
    let lastTenth = 0;
    // CPU seconds, besides wall time: on a shared machine they say what loading costs.
    const cpu0 = cpuSeconds(neo4j.pid);
    const ownCpu0 = process.cpuUsage();
    const generated: SyntheticReport =
      studies === 0
        ? noSynthetic()
        : await generateSyntheticGraph(db, {
            studies,
            seed: opts.seed,
            onProgress: (done, total) => {
              const tenth = Math.floor((10 * done) / total);
              if (tenth > lastTenth) {
                lastTenth = tenth;
                say(`  ${done}/${total} studies written`);
              }
            },
          });
    const cpu1 = cpuSeconds(neo4j.pid);
    const ownCpu = process.cpuUsage(ownCpu0);
    const synthetic = { ...generated, neo4jCpuSeconds: cpu0 === null || cpu1 === null ? null : cpu1 - cpu0, benchCpuSeconds: (ownCpu.user + ownCpu.system) / 1e6 };
    await db.runSchemaStatement('CALL db.awaitIndexes(600)');
    const graph: Record<string, number> = {};
    for (const row of await db.read('graph-stats')) graph[`${String(row['kind'])}:${String(row['name'])}`] = Number(row['count']);
    say(
      `size ${label}: ${synthetic.nodes} synthetic nodes, ${synthetic.stats.relationshipsCreated} relationships in ${(synthetic.ms / 1000).toFixed(1)} s (Neo4j ${fmt(synthetic.neo4jCpuSeconds)} CPU s, bench ${fmt(synthetic.benchCpuSeconds)} CPU s)`,
    );

    const picker = db.withStatements([['bench-pick:reverse-biomarker', pickQueryText('pick-reverse-biomarker')]]);
    const pick = (await picker.read('bench-pick:reverse-biomarker', { target: REVERSE_WALK_FINDINGS }))[0];
    const params: GraphParams = { reverseBiomarker: String(pick?.['id']), reverseBiomarkerFindings: Number(pick?.['findings'] ?? 0) };

    const env = { BENCH_NEO4J_URI: neo4j.uri };
    const abscopal = await startServer('abscopal', 'serve-abscopal.ts', env);
    servers.push(abscopal);
    const baseline = opts.baseline ? await startServer('abscopal-baseline', 'serve-abscopal.ts', env, opts.baseline) : undefined;
    if (baseline) servers.push(baseline);
    const ngql = await startServer('neo4j-graphql', 'serve-neo4j-graphql.ts', env);
    servers.push(ngql);
    const clients: Partial<Record<SystemName, Client>> = {
      abscopal: httpClient('abscopal', 'abscopal', abscopal),
      ...(baseline
        ? {
            'abscopal-baseline': httpClient(
              'abscopal-baseline',
              'abscopal',
              baseline,
              opts.baselineWorkloads && opts.baseline ? path.join(opts.baseline, 'bench', 'workloads') : undefined,
            ),
          }
        : {}),
      'neo4j-graphql': httpClient('neo4j-graphql', 'neo4j-graphql', ngql),
      floor: floorClient(db),
    };
    const serverRssIdleMiB = Object.fromEntries(servers.map((s) => [s.name, rssMiB(s.pid)]));

    const cells: Cell[] = [];
    // Who goes first pays for what the others then find warm (Neo4j's plan cache and pages for
    // the workload's statements): the order of the systems turns by one for every workload and mode.
    let turn = 0;
    for (const w of WORKLOADS.filter((x) => !opts.workloads || opts.workloads.includes(x.name))) {
      for (const mode of opts.modes) {
        const order = [...SYSTEMS.slice(turn % SYSTEMS.length), ...SYSTEMS.slice(0, turn % SYSTEMS.length)];
        turn += 1;
        for (const system of order) {
          const client = clients[system];
          if (!client || !supports(w, client.kind)) continue;
          const cell = await measureCell(client, system, w, params, opts, false, mode);
          cells.push(cell);
          say(
            `  ${w.name.padEnd(18)} ${system.padEnd(17)} ${mode.padEnd(8)} ${cell.ok ? `p50 ${fmt(cell.latency?.p50Ms)} ms, ${fmt(cell.c8?.rps)} req/s at 8${cell.loadErrors ? `; ${cell.loadErrors}` : ''}` : `FAILED: ${cell.error}`}`,
          );
        }
      }
      if (opts.cached && clients.abscopal) {
        const cell = await measureCell(clients.abscopal, 'abscopal-cached', w, params, opts, true, 'repeated');
        cells.push(cell);
        say(
          `  ${w.name.padEnd(18)} ${'abscopal-cached'.padEnd(17)} ${'repeated'.padEnd(8)} ${cell.ok ? `p50 ${fmt(cell.latency?.p50Ms)} ms, ${fmt(cell.c8?.rps)} req/s at 8` : `FAILED: ${cell.error}`}`,
        );
      }
    }
    if (explorerHook) await explorerHook(abscopal.url.replace(/\/graphql$/, ''));
    return { studies, synthetic, graph, params, neo4j: memory, serverRssIdleMiB, cells, seconds: (performance.now() - started) / 1000 };
  } finally {
    for (const s of servers) await s.stop();
    await driver.close();
    await neo4j.stop();
    await rm(dataDir, { recursive: true, force: true });
  }
}

/** What the report says about synthetic data at the `seed` size: none was generated. */
function noSynthetic(): SyntheticReport {
  return {
    seed: 0,
    studies: 0,
    prefix: '',
    pools: { institutions: 0, investigators: 0, trials: 0, sharedSources: 0, syntheticBiomarkers: 0 },
    nodes: 0,
    alreadyPresent: false,
    stats: emptyStats(),
    ms: 0,
  };
}

const fmt = (n: number | null | undefined, digits = 1): string => (n === null || n === undefined || Number.isNaN(n) ? '—' : n.toFixed(digits));
/** Throughput: whole numbers, except below 10 req/s where the tenths still tell systems apart. */
const rate = (n: number | null | undefined): string => fmt(n, n !== null && n !== undefined && n < 10 ? 1 : 0);
const ratio = (a: number | null | undefined, b: number | null | undefined): string => (a && b ? `${(a / b).toFixed(2)}×` : '—');

function cellOf(r: SizeResult, workload: string, system: Cell['system'], mode: RequestMode): Cell | undefined {
  return r.cells.find((c) => c.workload === workload && c.system === system && (c.mode ?? 'repeated') === mode && c.ok);
}

const sizeLabel = (n: number): string => (n === 0 ? 'seed' : n >= 1000 && n % 1000 === 0 ? `${n / 1000}k` : String(n));

/**
 * One table per size: each system's figures per request mode, then Abscopal's ratios against the
 * others, per mode, and its ad hoc p50 against its repeated p50 (the price of a new document).
 */
export function renderTable(r: SizeResult): string {
  const lines: string[] = [];
  const studyCount = r.graph['node:Study'] ?? r.studies;
  const nodes = Object.entries(r.graph)
    .filter(([k]) => k.startsWith('node:'))
    .reduce((n, [, v]) => n + v, 0);
  const what = r.studies === 0 ? 'the seed alone' : `${r.studies} synthetic studies + the seed`;
  lines.push(`\n${what} (${studyCount} studies, ${nodes} nodes); reverse walk from ${r.params.reverseBiomarker} (${r.params.reverseBiomarkerFindings} findings)`);
  lines.push('| workload | system | mode | first ms | p50 ms | p95 ms | req/s @8 | req/s @32 | peak RSS @32 MiB | Cypher/request | values |');
  lines.push('|---|---|---|---|---|---|---|---|---|---|---|');
  for (const w of WORKLOADS) {
    for (const c of r.cells.filter((x) => x.workload === w.name)) {
      const mode = c.mode ?? 'repeated';
      if (!c.ok) {
        // The server's own log line says more than a masked "Unexpected error".
        const why = /\(server log: (.*)\)$/.exec(c.error ?? '')?.[1] ?? c.error ?? '';
        lines.push(`| ${w.name} | ${c.system} | ${mode} | failed: ${why.slice(0, 110)} | | | | | | | |`);
        continue;
      }
      const errs = (t: Throughput | undefined): string => (t?.errors ? ` (${t.errors} failed)` : '');
      lines.push(
        `| ${w.name} | ${c.system} | ${mode} | ${fmt(c.firstMs)} | ${fmt(c.latency?.p50Ms)} | ${fmt(c.latency?.p95Ms)} | ${rate(c.c8?.rps)}${errs(c.c8)} | ${rate(c.c32?.rps)}${errs(c.c32)} | ${fmt(c.rssPeak32MiB, 0)} | ${c.answer?.queries ?? '—'} | ${c.answer?.leaves ?? '—'} |`,
      );
    }
  }
  lines.push('');
  const modes = MODES.filter((m) => r.cells.some((c) => (c.mode ?? 'repeated') === m));
  const withCache = r.cells.some((c) => c.system === 'abscopal-cached');
  const withBaseline = r.cells.some((c) => c.system === 'abscopal-baseline');
  const both = modes.includes('adhoc') && modes.includes('repeated');
  lines.push(
    `| workload | mode | throughput @8 vs @neo4j/graphql | p50 vs @neo4j/graphql | p50 vs floor |${withBaseline ? ' throughput @8 vs baseline | p50 vs baseline |' : ''}${both ? ' p50 ad hoc vs repeated |' : ''}${withCache ? ' throughput @8 cached vs uncached |' : ''} same values as the others |`,
  );
  lines.push(`|---|---|---|---|---|${withBaseline ? '---|---|' : ''}${both ? '---|' : ''}${withCache ? '---|' : ''}---|`);
  for (const w of WORKLOADS) {
    for (const mode of modes) {
      const a = cellOf(r, w.name, 'abscopal', mode);
      if (!a) continue;
      const n = cellOf(r, w.name, 'neo4j-graphql', mode);
      const f = cellOf(r, w.name, 'floor', mode);
      const b = cellOf(r, w.name, 'abscopal-baseline', mode);
      const others = [n, f, b].filter((c): c is Cell => c !== undefined);
      const same = others.every((c) => c.answer?.leaves === a.answer?.leaves) ? 'yes' : `no (${[a, ...others].map((c) => `${c.system} ${c.answer?.leaves}`).join(', ')})`;
      const base = withBaseline ? ` ${ratio(a.c8?.rps, b?.c8?.rps)} | ${ratio(a.latency?.p50Ms, b?.latency?.p50Ms)} |` : '';
      const adhoc = both ? ` ${mode === 'adhoc' ? ratio(a.latency?.p50Ms, cellOf(r, w.name, 'abscopal', 'repeated')?.latency?.p50Ms) : ''} |` : '';
      const cached = withCache ? ` ${mode === 'repeated' ? ratio(cellOf(r, w.name, 'abscopal-cached', 'repeated')?.c8?.rps, a.c8?.rps) : ''} |` : '';
      lines.push(
        `| ${w.name} | ${mode} | ${ratio(a.c8?.rps, n?.c8?.rps)} | ${ratio(a.latency?.p50Ms, n?.latency?.p50Ms)} | ${ratio(a.latency?.p50Ms, f?.latency?.p50Ms)} |${base}${adhoc}${cached} ${same} |`,
      );
    }
  }
  return lines.join('\n');
}

/** Why the explorer part cannot run here, or undefined when it can (builds web/dist if missing). */
function explorerSkipReason(): string | undefined {
  if (!existsSync(CHROMIUM)) return `Chromium was not found at ${CHROMIUM} (install it with \`apt-get install chromium\`, or set ABSCOPAL_CHROMIUM)`;
  if (!existsSync(path.join(WEB_DIST, 'index.html'))) {
    const build = spawnSync('npm', ['run', 'build:web'], { stdio: 'inherit' });
    if (build.status !== 0 || !existsSync(path.join(WEB_DIST, 'index.html'))) return '`npm run build:web` failed, so there is no explorer page to measure';
  }
  return undefined;
}

function machine(): Record<string, unknown> {
  const cpus = os.cpus();
  return {
    cpus: cpus.length,
    cpuModel: cpus[0]?.model ?? 'unknown',
    memGiB: Math.round(os.totalmem() / 2 ** 30),
    loadAvgAtStart: os.loadavg().map((x) => Math.round(x * 10) / 10),
    node: process.version,
    platform: `${os.type()} ${os.release()}`,
  };
}

async function main(): Promise<void> {
  const opts = parseOptions(process.argv);
  const stamp = new Date().toISOString().replace(/[:.]/g, '-');
  const results: Record<string, unknown> = {
    startedAt: new Date().toISOString(),
    command: `npm run bench -- ${process.argv.slice(2).join(' ')}`.trim(),
    machine: machine(),
    options: opts,
  };
  const sizes: SizeResult[] = [];
  const tables: string[] = [];
  results['sizes'] = sizes;
  results['tables'] = tables;
  const save = (): void => {
    mkdirSync('bench/results', { recursive: true });
    const text = JSON.stringify(results, null, 2);
    writeFileSync(path.join('bench/results', `${stamp}.json`), text);
    if (opts.out) writeFileSync(opts.out, text);
  };
  let explorerDone = !opts.explorer;
  for (const studies of opts.studies) {
    const hook = explorerDone
      ? undefined
      : async (baseUrl: string): Promise<void> => {
          explorerDone = true;
          const skip = explorerSkipReason();
          if (skip) {
            results['explorer'] = { skipped: skip };
            say(`explorer: skipped: ${skip}`);
            return;
          }
          say('explorer page benchmark (headless Chromium)');
          try {
            const e: ExplorerBench = await benchExplorer(baseUrl);
            results['explorer'] = e;
            say(
              `explorer: fresh ${e.freshLoad.large.elements} elements ${fmt(e.freshLoad.large.medianMs)} ms vs ${e.freshLoad.smallBaseline.elements} ${fmt(e.freshLoad.smallBaseline.medianMs)} ms; +${e.addOnto.addedNodes} nodes ${fmt(e.addOnto.medianMs)} ms; zoom/pan mean frame ${fmt(e.zoomPan.large.meanFrameMs)} ms vs ${fmt(e.zoomPan.smallBaseline.meanFrameMs)} ms`,
            );
          } catch (err) {
            results['explorer'] = { error: err instanceof Error ? err.message : String(err) };
            say(`explorer: FAILED: ${String(results['explorer'] && (results['explorer'] as { error: string }).error)}`);
            process.exitCode = 1;
          }
        };
    const r = await benchSize(studies, opts, hook);
    sizes.push(r);
    const table = renderTable(r);
    console.log(table);
    tables.push(table);
    save();
  }
  const across = renderSizeTable(sizes);
  if (across) {
    console.log(across);
    tables.push(across);
  }
  const ratios = renderRatioTable(sizes);
  console.log(ratios);
  tables.push(ratios);
  results['finishedAt'] = new Date().toISOString();
  save();
  const failed = sizes.flatMap((s) => s.cells.filter((c) => !c.ok).map((c) => `${sizeLabel(s.studies)} ${c.workload} ${c.system} ${c.mode}: ${c.error}`));
  say(`results: bench/results/${stamp}.json${opts.out ? ` and ${opts.out}` : ''}`);
  if (failed.length > 0) {
    console.error(`\n${failed.length} measurement(s) failed:\n${failed.join('\n')}`);
    // A smoke run must catch a broken system or workload; a full run reports a workload a system
    // could not answer (say, out of memory at 100k studies) and still exits non-zero.
    process.exitCode = 1;
  }
}

/**
 * One table across sizes: per workload and system, p50 and throughput at 8 at every size, and the
 * largest size's p50 as a multiple of the smallest's (flat cost means at most 1.5×).
 */
export function renderSizeTable(sizes: readonly SizeResult[]): string {
  if (sizes.length < 2) return '';
  const heads = sizes.map((r) => sizeLabel(r.studies));
  const lines = [
    `\n| workload | system | mode | ${heads.map((h) => `p50 ms @${h}`).join(' | ')} | ${heads.map((h) => `req/s @8 @${h}`).join(' | ')} | p50 ${heads.at(-1)} / ${heads[0]} |`,
    `|---|---|---|${sizes.map(() => '---|').join('')}${sizes.map(() => '---|').join('')}---|`,
  ];
  const keys = new Map<string, { workload: string; system: string; mode: RequestMode }>();
  for (const r of sizes)
    for (const c of r.cells) keys.set(`${c.workload}|${c.system}|${c.mode ?? 'repeated'}`, { workload: c.workload, system: c.system, mode: c.mode ?? 'repeated' });
  for (const { workload, system, mode } of keys.values()) {
    const cells = sizes.map((r) => r.cells.find((c) => c.workload === workload && c.system === system && (c.mode ?? 'repeated') === mode));
    const p50 = cells.map((c) => (c?.ok && c.latency ? c.latency.p50Ms : undefined));
    const rps = cells.map((c) => (c?.ok && c.c8 ? c.c8.rps : undefined));
    const first = p50[0];
    const last = p50.at(-1);
    const growth = first !== undefined && last !== undefined ? `${(last / first).toFixed(2)}×` : '—';
    lines.push(
      `| ${workload} | ${system} | ${mode} | ${p50.map((v) => (v === undefined ? '—' : fmt(v))).join(' | ')} | ${rps.map((v) => (v === undefined ? '—' : fmt(v))).join(' | ')} | ${growth} |`,
    );
  }
  return lines.join('\n');
}

/**
 * The front-door table (README): per workload and request mode, for each size, Abscopal's
 * throughput at 8 in flight over @neo4j/graphql's, and its p50 over the hand-written floor's.
 */
export function renderRatioTable(sizes: readonly SizeResult[]): string {
  const heads = sizes.map((r) => sizeLabel(r.studies));
  const lines = [`\n| workload | mode | ${heads.map((h) => `${h}: req/s @8 vs @neo4j/graphql · p50 vs floor`).join(' | ')} |`, `|---|---|${sizes.map(() => '---|').join('')}`];
  for (const w of WORKLOADS) {
    for (const mode of MODES) {
      const row = sizes.map((r) => {
        const a = cellOf(r, w.name, 'abscopal', mode);
        if (!a) return undefined;
        const n = cellOf(r, w.name, 'neo4j-graphql', mode);
        const f = cellOf(r, w.name, 'floor', mode);
        return `${n ? ratio(a.c8?.rps, n.c8?.rps) : 'n/a'} · ${ratio(a.latency?.p50Ms, f?.latency?.p50Ms)}`;
      });
      if (row.every((c) => c === undefined)) continue;
      lines.push(`| ${w.name} | ${mode} | ${row.map((c) => c ?? '—').join(' | ')} |`);
    }
  }
  return lines.join('\n');
}

/** `tsx bench/run.ts --render <results.json>` prints the tables of a saved run again. */
if (process.argv[2] === '--render' && process.argv[3]) {
  const saved = JSON.parse(readFileSync(process.argv[3], 'utf8')) as { sizes: SizeResult[] };
  for (const r of saved.sizes) console.log(renderTable(r));
  console.log(renderSizeTable(saved.sizes));
  console.log(renderRatioTable(saved.sizes));
} else {
  main().catch((err: unknown) => {
    console.error(err);
    process.exit(1);
  });
}
