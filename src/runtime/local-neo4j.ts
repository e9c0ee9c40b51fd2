/**
 * Runs Neo4j 5.26 Community from Maven Central artifacts (neo4j-local/) for machines without
 * Docker: builds the module once (cached by a hash of its sources), starts it with Bolt on
 * 127.0.0.1, waits for its ready line, and stops it cleanly.
 */
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { messageOf } from '../errors.js';
import type { Logger } from '../observability/logger.js';

const MODULE_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'neo4j-local');
const JAR = path.join(MODULE_DIR, 'target', 'neo4j-local-1.0.0.jar');
const LIB = path.join(MODULE_DIR, 'target', 'lib');
const STAMP = path.join(MODULE_DIR, 'target', 'build.sha256');
const MAIN_CLASS = 'org.abscopal.neo4jlocal.Neo4jLocal';

export class LocalNeo4jError extends Error {
  override name = 'LocalNeo4jError';
}

function sourceHash(): string {
  const hash = createHash('sha256');
  const walk = (p: string): void => {
    if (statSync(p).isDirectory()) {
      for (const name of readdirSync(p).sort()) walk(path.join(p, name));
    } else {
      hash.update(p.slice(MODULE_DIR.length)).update(readFileSync(p));
    }
  };
  walk(path.join(MODULE_DIR, 'pom.xml'));
  walk(path.join(MODULE_DIR, 'src'));
  return hash.digest('hex');
}

export function requireTool(cmd: string, args: string[], what: string): void {
  const res = spawnSync(cmd, args, { stdio: 'ignore' });
  if (res.error || res.status !== 0) {
    throw new LocalNeo4jError(
      `${what} was not found (tried \`${cmd} ${args.join(' ')}\`). The embedded Neo4j needs a JDK 17+ and Apache Maven ` +
        `(Debian/Ubuntu: apt-get install openjdk-17-jdk-headless maven). ` +
        `Or point Abscopal at an existing Neo4j 5 by setting NEO4J_URI (and NEO4J_USER, NEO4J_PASSWORD).`,
    );
  }
}

/** Builds neo4j-local/ with Maven unless the cached build matches its sources. */
export function ensureLocalNeo4jBuilt(log: Logger): void {
  const want = sourceHash();
  if (existsSync(JAR) && existsSync(LIB) && existsSync(STAMP) && readFileSync(STAMP, 'utf8') === want) return;
  requireTool('java', ['-version'], 'Java');
  requireTool('mvn', ['-v'], 'Maven');
  log.info('building neo4j-local with Maven; the first run downloads Neo4j 5.26 (~125 MB) from Maven Central, this takes a minute or two');
  const started = Date.now();
  const res = spawnSync('mvn', ['-q', '-B', 'package', '-DskipTests'], { cwd: MODULE_DIR, encoding: 'utf8' });
  if (res.error || res.status !== 0) {
    const out = `${res.stdout ?? ''}${res.stderr ?? ''}`.trim().split('\n').slice(-30).join('\n');
    throw new LocalNeo4jError(`building neo4j-local with Maven failed (exit ${res.status}):\n${out}`);
  }
  mkdirSync(path.dirname(STAMP), { recursive: true });
  writeFileSync(STAMP, want);
  log.info({ ms: Date.now() - started }, 'neo4j-local built');
}

export interface LocalNeo4j {
  uri: string;
  pid: number;
  /** Sends SIGTERM and waits for a clean shutdown (SIGKILL after the grace period). */
  stop(): Promise<void>;
}

/** One Neo4j process: it can also report that it died without stop() having been called. */
export interface LocalNeo4jProcess extends LocalNeo4j {
  onUnexpectedExit(listener: (code: number | null, signal: string | null) => void): void;
}

export interface StartOptions {
  dataDir: string;
  port: number;
  heap: string;
  /** Neo4j page cache, e.g. "1g" (default 128m: enough for the curated graph). */
  pageCache?: string;
  log: Logger;
  timeoutMs?: number;
}

export async function startLocalNeo4j(opts: StartOptions): Promise<LocalNeo4jProcess> {
  ensureLocalNeo4jBuilt(opts.log);
  mkdirSync(opts.dataDir, { recursive: true });
  if (!(await portIsFree(opts.port))) {
    throw new LocalNeo4jError(
      `port ${opts.port} on 127.0.0.1 is in use, so the local Neo4j cannot start. Stop whatever holds it ` +
        `(another \`npm start\`?), choose another with NEO4J_LOCAL_PORT, or set NEO4J_URI to use that server.`,
    );
  }
  const classpath = `${JAR}${path.delimiter}${path.join(LIB, '*')}`;
  const child = spawn(
    'java',
    [
      `-Xmx${opts.heap}`,
      '-XX:+UseSerialGC',
      ...(opts.pageCache ? [`-Dneo4j.local.pagecache=${opts.pageCache}`] : []),
      '-cp',
      classpath,
      MAIN_CLASS,
      opts.dataDir,
      String(opts.port),
    ],
    // stdin stays a pipe: the Java side stops when it closes, so a crashed parent leaves no orphan.
    // Its own process group: a Ctrl-C in the terminal reaches the server only, which drains its
    // requests first and then stops Neo4j itself (stopping both at once failed in-flight requests).
    { stdio: ['pipe', 'pipe', 'pipe'], detached: true },
  );
  const uri = `bolt://127.0.0.1:${opts.port}`;
  await waitForReady(child, opts.timeoutMs ?? 120_000);
  opts.log.info({ uri, pid: child.pid, dataDir: opts.dataDir }, 'local neo4j ready');
  let stopping = false;
  return {
    uri,
    pid: child.pid ?? -1,
    stop: () => {
      stopping = true;
      return stopChild(child);
    },
    onUnexpectedExit(listener) {
      child.once('exit', (code, signal) => {
        if (!stopping) listener(code, signal);
      });
    },
  };
}

/**
 * Keeps the local Neo4j running for `npm start`: if it dies (killed, crashed), it is started
 * again on the same port and data, with a growing pause, while the server keeps serving and
 * readiness reports 503 until it is back. The driver reconnects by itself. A restart that fails
 * (the port still held, say) counts as an attempt and is tried again, up to `maxRestarts`.
 */
export async function superviseLocalNeo4j(opts: StartOptions, maxRestarts = 5): Promise<LocalNeo4j> {
  let current = await startLocalNeo4j(opts);
  let attempts = 0;
  let stopped = false;

  const restart = (why: Record<string, unknown>): void => {
    if (stopped) return;
    if (attempts >= maxRestarts) {
      opts.log.error({ ...why, attempts }, 'local neo4j keeps dying; not restarting it again');
      return;
    }
    attempts += 1;
    const pause = 1000 * 2 ** (attempts - 1);
    opts.log.warn({ ...why, attempt: attempts, inMs: pause }, 'local neo4j is down; restarting it');
    setTimeout(() => {
      if (stopped) return;
      startLocalNeo4j(opts).then(
        (next) => {
          // stop() may have been called while this one was starting: it must not outlive us.
          if (stopped) return void next.stop();
          current = next;
          watch(next);
        },
        (err: unknown) => restart({ err: messageOf(err) }),
      );
    }, pause).unref();
  };
  const watch = (p: LocalNeo4jProcess): void => p.onUnexpectedExit((code, signal) => restart({ code, signal }));

  watch(current);
  return {
    get uri() {
      return current.uri;
    },
    get pid() {
      return current.pid;
    },
    stop: () => {
      stopped = true;
      return current.stop();
    },
  };
}

function waitForReady(child: ChildProcess, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    let output = '';
    const onData = (chunk: Buffer): void => {
      output += chunk.toString();
      if (output.includes('neo4j-local ready')) {
        cleanup();
        resolve();
      }
    };
    const onExit = (code: number | null): void => {
      cleanup();
      reject(new LocalNeo4jError(`the local Neo4j exited (code ${code}) before it was ready:\n${output.split('\n').slice(-25).join('\n')}`));
    };
    const timer = setTimeout(() => {
      cleanup();
      child.kill('SIGKILL');
      reject(new LocalNeo4jError(`the local Neo4j was not ready within ${timeoutMs / 1000}s:\n${output.split('\n').slice(-25).join('\n')}`));
    }, timeoutMs);
    const cleanup = (): void => {
      clearTimeout(timer);
      child.stdout?.off('data', onData);
      child.stderr?.off('data', onData);
      child.off('exit', onExit);
      // Keep draining so a chatty JVM never blocks on a full pipe.
      child.stdout?.resume();
      child.stderr?.resume();
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', onExit);
  });
}

function stopChild(child: ChildProcess, graceMs = 30_000): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    child.kill('SIGTERM');
  });
}

export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const srv = net.createServer();
    srv.once('error', () => resolve(false));
    srv.listen(port, '127.0.0.1', () => srv.close(() => resolve(true)));
  });
}

/** A port the OS says is free right now (for throwaway test databases). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = net.createServer();
    srv.once('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const addr = srv.address();
      const port = typeof addr === 'object' && addr ? addr.port : 0;
      srv.close(() => resolve(port));
    });
  });
}
