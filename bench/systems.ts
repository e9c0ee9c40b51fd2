/**
 * The systems under test and how the bench talks to them: Abscopal (this checkout's, and a
 * baseline checkout's) and @neo4j/graphql as HTTP servers in child processes, and the raw-Cypher floor over
 * Bolt from the bench process through the Db chokepoint.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Db } from '../src/db/run.js';
import { freePort } from '../src/runtime/local-neo4j.js';
import { type GraphParams, type SystemKind, stepText, type Workload } from './workloads/index.js';

const BENCH_DIR = path.dirname(fileURLToPath(import.meta.url));

export type SystemName = 'abscopal' | 'abscopal-baseline' | 'neo4j-graphql' | 'floor';
export const SYSTEMS: SystemName[] = ['abscopal', 'abscopal-baseline', 'neo4j-graphql', 'floor'];

/**
 * How a client sends a workload: `repeated`, the same document every time (a dashboard, an app's
 * fixed queries: parse, validation and compilation are cached); `adhoc`, a new document per
 * request (a user in GraphiQL, a script building queries: every request is parsed, validated and
 * planned afresh). Both send `Cache-Control: no-cache`, so neither is a response-cache hit.
 */
export type RequestMode = 'adhoc' | 'repeated';
export const MODES: RequestMode[] = ['repeated', 'adhoc'];

let adhocCounter = 0;

/**
 * A new document with the same meaning: the operation renamed with a fresh suffix (an unnamed
 * operation is given a name), so no cache keyed by the document's text or its parsed form hits.
 */
export function adhocDocument(query: string): string {
  adhocCounter += 1;
  const named = /\b(query|mutation)\s+([A-Za-z_]\w*)/;
  if (named.test(query)) return query.replace(named, (_m, kind: string, name: string) => `${kind} ${name}_adhoc${adhocCounter}`);
  return query.replace(/^(\s*(?:#[^\n]*\n\s*)*)(query\b)?/, (_m, lead: string) => `${lead}query Adhoc${adhocCounter} `);
}

/** What one request (all steps of a workload) gave back. */
export interface Answer {
  /** Cypher round trips the server reported (Abscopal's extensions.cypherQueries), summed over steps. */
  queries: number | null;
  /** Scalar values in the answer: a shape-independent check that the systems return the same data. */
  leaves: number;
  bytes: number;
}

export interface Client {
  name: SystemName;
  kind: SystemKind;
  /** The server process, for its memory; undefined for the floor (no server). */
  pid: number | undefined;
  /**
   * One request of the workload. `cache`: false sends `Cache-Control: no-cache`, which a response
   * cache must honour by answering from the database (the bench's uncached figures). `mode`:
   * see RequestMode (the floor's hand-written Cypher is the same statement in both).
   */
  run(w: Workload, g: GraphParams, cache: boolean, mode?: RequestMode): Promise<Answer>;
}

/** Counts scalar leaves (null included) of a JSON value. */
export function countLeaves(v: unknown): number {
  if (v === null || typeof v !== 'object') return 1;
  if (Array.isArray(v)) return v.reduce((n: number, x) => n + countLeaves(x), 0);
  return Object.values(v).reduce((n: number, x) => n + countLeaves(x), 0);
}

/** The first object in a JSON value that has a string `slug` (a search hit), with its id. */
function firstHit(v: unknown): { id: string; slug: string } | undefined {
  if (v === null || typeof v !== 'object') return undefined;
  if (!Array.isArray(v) && typeof (v as { slug?: unknown }).slug === 'string') {
    const o = v as { id?: unknown; slug: string };
    return { id: typeof o.id === 'string' ? o.id : o.slug, slug: o.slug };
  }
  for (const x of Array.isArray(v) ? v : Object.values(v)) {
    const hit = firstHit(x);
    if (hit) return hit;
  }
  return undefined;
}

export interface Server {
  name: string;
  pid: number;
  url: string;
  /** The message of the last error the server logged (masked errors hide it from the client). */
  lastLoggedError(): string | undefined;
  stop(): Promise<void>;
}

/** The newest pino line at level error or above, as "msg: err.message". */
function lastErrorLine(output: string): string | undefined {
  const lines = output.split('\n').reverse();
  for (const line of lines) {
    if (!line.startsWith('{')) continue;
    try {
      const entry = JSON.parse(line) as { level?: number; msg?: string; err?: { message?: string } };
      if ((entry.level ?? 0) >= 50) return [entry.msg, entry.err?.message].filter(Boolean).join(': ');
    } catch {
      // Not a log line (a partial write): keep looking.
    }
  }
  return undefined;
}

/**
 * Starts bench/<script> in its own Node process (tsx as a loader, so the pid is the server's).
 * `checkout`: another copy of the repository whose bench/<script> to run (its own src/, say
 * main's code as a baseline beside this one's, over the same Neo4j).
 */
export async function startServer(name: string, script: string, env: Record<string, string>, checkout?: string): Promise<Server> {
  const port = await freePort();
  const file = checkout ? path.join(path.resolve(checkout), 'bench', script) : path.join(BENCH_DIR, script);
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', file], {
    env: { ...process.env, ...env, BENCH_PORT: String(port), NODE_ENV: 'development', NODE_OPTIONS: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  await new Promise<void>((resolve, reject) => {
    let out = '';
    const onData = (chunk: Buffer): void => {
      out += chunk.toString();
      if (out.includes('ready')) {
        child.stdout?.off('data', onData);
        resolve();
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.once('exit', (code) => reject(new Error(`${name} exited (code ${code}) before it was ready:\n${out.slice(-2000)}`)));
    setTimeout(() => reject(new Error(`${name} was not ready within 120 s:\n${out.slice(-2000)}`)), 120_000).unref();
  });
  // Keep the tail of what the server prints, to explain a failure.
  let tail = '';
  const keep = (chunk: Buffer): void => {
    tail = (tail + chunk.toString()).slice(-16_384);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return {
    name,
    pid: child.pid ?? -1,
    url: `http://127.0.0.1:${port}/graphql`,
    lastLoggedError: () => lastErrorLine(tail),
    stop: () =>
      new Promise<void>((resolve) => {
        if (child.exitCode !== null || child.signalCode !== null) return resolve();
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        child.once('exit', () => {
          clearTimeout(timer);
          resolve();
        });
        child.kill('SIGTERM');
      }),
  };
}

const REQUEST_TIMEOUT_MS = 120_000;

/** `workloadDir`: where the step texts come from (default this checkout's; a baseline may be sent its own). */
export function httpClient(name: SystemName, kind: 'abscopal' | 'neo4j-graphql', server: Server, workloadDir?: string): Client {
  return {
    name,
    kind,
    pid: server.pid,
    async run(w, g, cache, mode = 'repeated') {
      let previous: { id: string; slug: string } | undefined;
      let queries: number | null = null;
      let leaves = 0;
      let bytes = 0;
      for (const step of w.steps) {
        const text = stepText(step, kind, workloadDir);
        if (text === undefined) throw new Error(`${name} has no text for ${step.file}`);
        const query = mode === 'adhoc' ? adhocDocument(text) : text;
        const res = await fetch(server.url, {
          method: 'POST',
          headers: { 'content-type': 'application/json', accept: 'application/json', ...(cache ? {} : { 'cache-control': 'no-cache' }) },
          body: JSON.stringify({ query, variables: step.vars(g, previous) }),
          signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
        });
        const raw = await res.text();
        bytes += raw.length;
        const body = JSON.parse(raw) as { data?: unknown; errors?: { message: string; extensions?: { code?: string } }[]; extensions?: { cypherQueries?: number } };
        if (body.errors?.length) {
          const e = body.errors[0];
          const logged = e?.extensions?.code === 'INTERNAL_SERVER_ERROR' ? server.lastLoggedError() : undefined;
          throw new Error(`${step.file}: ${e?.extensions?.code ?? 'ERROR'}: ${e?.message ?? 'unknown error'}${logged ? ` (server log: ${logged})` : ''}`);
        }
        if (!res.ok) throw new Error(`${step.file}: HTTP ${res.status}`);
        if (typeof body.extensions?.cypherQueries === 'number') queries = (queries ?? 0) + body.extensions.cypherQueries;
        leaves += countLeaves(body.data);
        previous = firstHit(body.data);
      }
      return { queries, leaves, bytes };
    },
  };
}

/** The floor: each step's hand-written Cypher, one round trip per step, over the bench's own Db. */
export function floorClient(db: Db): Client {
  // The shared query book is frozen: each step's text joins an extended copy the first time it runs.
  let floorDb = db;
  const nameOf = (file: string): string => {
    const name = `bench-floor:${file}`;
    if (!floorDb.queries.has(name)) {
      const text = stepText({ file, vars: () => ({}) }, 'floor');
      if (text === undefined) throw new Error(`no floor text for ${file}`);
      floorDb = floorDb.withStatements([[name, text]]);
    }
    return name;
  };
  return {
    name: 'floor',
    kind: 'floor',
    pid: undefined,
    async run(w, g) {
      let previous: { id: string; slug: string } | undefined;
      let leaves = 0;
      let bytes = 0;
      for (const step of w.steps) {
        const name = nameOf(step.file);
        const rows = await floorDb.read(name, step.vars(g, previous));
        // Serialised as a server would send it, so the floor pays for its JSON too.
        bytes += JSON.stringify(rows).length;
        leaves += countLeaves(rows);
        previous = firstHit(rows);
      }
      return { queries: w.steps.length, leaves, bytes };
    },
  };
}
