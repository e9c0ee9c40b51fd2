/**
 * The soak and fault run behind `npm run soak` and its short version in the test suite: the real
 * server on loopback with its own supervised local Neo4j (temp data dir, seeded), a mixed read
 * workload at a fixed concurrency, the Neo4j killed once mid-run, SIGTERM at the end with
 * requests in flight. Bounded in time and in requests.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { freePort } from '../src/runtime/local-neo4j.js';
import { postGraphQL, startServer } from './server-process.js';

export interface SoakOptions {
  concurrency: number;
  durationMs: number;
  /** When to SIGKILL the local Neo4j, from the start of the workload. */
  killAtMs: number;
  /** Keep going past durationMs (at most this long) until service has recovered from the kill. */
  recoveryWaitMs: number;
  maxRequests: number;
  progress?: (line: string) => void;
}

type Outcome = 'data' | 'connection-lost' | 'non-graphql' | string;

interface Sample {
  start: number;
  end: number;
  outcome: Outcome;
  message?: string;
  status: number;
  /** Started before SIGTERM was sent. */
  beforeSigterm: boolean;
}

export interface SoakReport {
  concurrency: number;
  seconds: number;
  sent: number;
  answered: number;
  withData: number;
  failedByCode: Record<string, number>;
  /** The first error message seen per code, with the operation that got it: what to read when a code is unexpected. */
  firstFailureByCode: Record<string, string>;
  connectionLost: number;
  /** Requests in flight when SIGTERM was sent that lost their connection. */
  lostDuringDrain: number;
  inFlightAtSigterm: number;
  nonGraphQL5xx: number;
  p50Ms: number;
  p95Ms: number;
  /** From the kill to the first answer SERVICE_UNAVAILABLE. */
  firstUnavailableAfterKillMs: number | undefined;
  /** Slowest SERVICE_UNAVAILABLE answer (the fail-fast bound in practice). */
  slowestUnavailableMs: number | undefined;
  /** From the kill to the start of the first request answered with data after the outage. */
  recoveryMs: number | undefined;
  serverExit: { code: number | null; signal: string | null };
  serverRestarted: boolean;
}

function workload(): { query: string; variables: Record<string, unknown> }[] {
  const dir = path.resolve('test/operations');
  const ops = readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .map((f) => ({ query: readFileSync(path.join(dir, f), 'utf8'), variables: {} }));
  const search = 'query($t: String!) { search(text: $t, first: 5) { slug label score } }';
  return [
    ...ops,
    ...['aneuploidy', 'pembro', 'PD-L1', 'radio', 'tumor mutational', 'nivolumab'].map((t) => ({ query: search, variables: { t } })),
    { query: '{ graphStats { nodes { name count } } }', variables: {} },
    { query: '{ studies(first: 5, orderBy: TITLE) { edges { cursor node { shortName year } } pageInfo { endCursor } } }', variables: {} },
    { query: '{ entity(slug: "pembro-rt-theelen-2019") { ... on Study { shortName arms { name n } } } }', variables: {} },
  ];
}

const percentile = (sorted: number[], p: number): number => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))] ?? 0;

export async function runSoak(opts: SoakOptions): Promise<SoakReport> {
  const say = opts.progress ?? (() => undefined);
  const dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-soak-'));
  say(`starting the server with its own Neo4j in ${dataDir} (seeding takes a while)`);
  const server = await startServer(
    {
      PORT: String(await freePort()),
      NEO4J_URI: '',
      NEO4J_LOCAL_PORT: String(await freePort()),
      NEO4J_LOCAL_DATA: dataDir,
      NEO4J_LOCAL_HEAP: '384m',
      SEED_ON_START: 'auto',
      RATE_LIMIT_PER_MINUTE: '0',
      // Longer than the slowest request on a busy machine: the soak checks the drain, not the cut.
      SHUTDOWN_GRACE_MS: '60000',
      NODE_ENV: 'production',
      // Seeding a fresh Neo4j takes minutes on a busy 2-core machine.
    },
    600_000,
  );
  const ops = workload();
  const samples: Sample[] = [];
  const t0 = Date.now();
  let killAt: number | undefined;
  let sigtermAt: number | undefined;
  let stopping = false;
  let sent = 0;
  let serverExited = false;
  void server.exited.then(() => (serverExited = true));

  const one = async (i: number): Promise<Outcome> => {
    const op = ops[i % ops.length]!;
    const start = Date.now();
    const beforeSigterm = sigtermAt === undefined;
    sent += 1;
    try {
      const a = await postGraphQL(server.url, op.query, op.variables);
      let outcome: Outcome = 'non-graphql';
      let message: string | undefined;
      try {
        const body = JSON.parse(a.body) as { data?: unknown; errors?: { extensions?: { code?: string } }[] };
        const code = body.errors?.[0]?.extensions?.code;
        outcome = code ?? (body.data ? 'data' : 'non-graphql');
        if (code) message = `${(body.errors?.[0] as { message?: string } | undefined)?.message ?? ''} (operation: ${op.query.replace(/\s+/g, ' ').slice(0, 80)})`;
      } catch {
        outcome = 'non-graphql';
      }
      samples.push({ start, end: Date.now(), outcome, status: a.status, beforeSigterm, ...(message ? { message } : {}) });
      return outcome;
    } catch {
      samples.push({ start, end: Date.now(), outcome: 'connection-lost', status: 0, beforeSigterm });
      return 'connection-lost';
    }
  };

  const recovered = (): boolean =>
    killAt !== undefined &&
    samples.some((s) => s.start > killAt! && s.outcome !== 'data') &&
    samples.some((s) => s.start > killAt! && s.outcome === 'data' && s.start > lastFailureStart());
  const lastFailureStart = (): number => Math.max(0, ...samples.filter((s) => s.outcome !== 'data').map((s) => s.start));

  const worker = async (w: number): Promise<void> => {
    let i = w;
    while (!stopping && !serverExited && sent < opts.maxRequests) {
      const outcome = await one(i);
      // Like a client that reads the retry hint, but sooner (200 ms rather than Retry-After) so
      // the recovery time is measured finely; a tight loop would only starve the restarting JVM.
      if (outcome === 'SERVICE_UNAVAILABLE') await new Promise((r) => setTimeout(r, 200));
      i += opts.concurrency;
    }
  };

  const killer = setTimeout(() => {
    const pid = server.neo4jPid();
    if (pid) {
      killAt = Date.now();
      say(`killing the local Neo4j (pid ${pid}) at ${((killAt - t0) / 1000).toFixed(1)} s`);
      process.kill(pid, 'SIGKILL');
    }
  }, opts.killAtMs);
  const ticker = setInterval(() => {
    const ok = samples.filter((s) => s.outcome === 'data').length;
    say(`${((Date.now() - t0) / 1000).toFixed(0)} s: ${sent} sent, ${samples.length} answered, ${ok} with data`);
  }, 5000);

  const workers = Array.from({ length: opts.concurrency }, (_, w) => worker(w));
  // Run for the duration, and past it until service has come back after the kill (bounded).
  while (Date.now() - t0 < opts.durationMs || (!recovered() && Date.now() - t0 < opts.durationMs + opts.recoveryWaitMs)) {
    if (serverExited || sent >= opts.maxRequests) break;
    await new Promise((r) => setTimeout(r, 100));
  }
  clearTimeout(killer);
  // SIGTERM with the workers' current requests in flight; they start no new ones. A short pause
  // first so that every request counted as in flight has had its connection accepted: one whose
  // TCP handshake is still in the listen backlog when the listener closes is reset by the kernel
  // (a connection the server never saw, not one it dropped).
  stopping = true;
  await new Promise((r) => setTimeout(r, 250));
  sigtermAt = Date.now();
  const inFlightAtSigterm = sent - samples.length;
  say(`SIGTERM with ${inFlightAtSigterm} requests in flight`);
  server.kill('SIGTERM');
  await Promise.all(workers);
  const exit = await server.exited;
  clearInterval(ticker);
  await rm(dataDir, { recursive: true, force: true });

  const latencies = samples
    .filter((s) => s.outcome !== 'connection-lost')
    .map((s) => s.end - s.start)
    .sort((a, b) => a - b);
  const failedByCode: Record<string, number> = {};
  const firstFailureByCode: Record<string, string> = {};
  for (const s of samples) {
    if (s.outcome === 'data') continue;
    failedByCode[s.outcome] = (failedByCode[s.outcome] ?? 0) + 1;
    firstFailureByCode[s.outcome] ??= s.message ?? '';
  }
  const unavailable = samples.filter((s) => s.outcome === 'SERVICE_UNAVAILABLE');
  const firstUnavailable = killAt === undefined ? undefined : unavailable.filter((s) => s.end >= killAt!).sort((a, b) => a.end - b.end)[0];
  const lastFail = lastFailureStart();
  const back = killAt === undefined ? undefined : samples.filter((s) => s.outcome === 'data' && s.start > killAt! && s.start > lastFail).sort((a, b) => a.start - b.start)[0];
  for (const l of server.logs)
    if ((l.level ?? 0) >= 40 || /neo4j|drained|grace period/.test(l.msg ?? ''))
      say(`server: ${l.msg} ${JSON.stringify({ ...l, msg: undefined, time: undefined, hostname: undefined, name: undefined })}`);
  const startedLogs = server.logs.filter((l) => typeof l.msg === 'string' && l.msg.startsWith('ready:')).length;
  return {
    concurrency: opts.concurrency,
    seconds: Math.round((Date.now() - t0) / 100) / 10,
    sent,
    answered: samples.filter((s) => s.outcome !== 'connection-lost').length,
    withData: samples.filter((s) => s.outcome === 'data').length,
    failedByCode,
    firstFailureByCode,
    connectionLost: samples.filter((s) => s.outcome === 'connection-lost').length,
    lostDuringDrain: samples.filter((s) => s.outcome === 'connection-lost' && s.beforeSigterm && s.end >= sigtermAt!).length,
    inFlightAtSigterm,
    nonGraphQL5xx: samples.filter((s) => s.status >= 500 && s.outcome === 'non-graphql').length,
    p50Ms: percentile(latencies, 50),
    p95Ms: percentile(latencies, 95),
    firstUnavailableAfterKillMs: firstUnavailable && killAt !== undefined ? firstUnavailable.end - killAt : undefined,
    slowestUnavailableMs: unavailable.length ? Math.max(...unavailable.map((s) => s.end - s.start)) : undefined,
    recoveryMs: back && killAt !== undefined ? back.start - killAt : undefined,
    serverExit: exit,
    serverRestarted: startedLogs !== 1,
  };
}
