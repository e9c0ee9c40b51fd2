/**
 * The real server (`src/http/server.ts`) as a child process on loopback, for the shutdown test and the
 * soak: the only way to test what happens on SIGTERM and to a supervised local Neo4j.
 */
import { type ChildProcess, spawn } from 'node:child_process';
import http from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export interface LogLine {
  level?: number;
  msg?: string;
  pid?: number;
  [key: string]: unknown;
}

export interface ServerProcess {
  url: string;
  pid: number;
  logs: LogLine[];
  /** The pid of the local Neo4j from the latest "local neo4j ready" line. */
  neo4jPid(): number | undefined;
  waitForLog(match: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine>;
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  kill(signal: NodeJS.Signals): void;
}

export async function startServer(env: Record<string, string>, readyTimeoutMs = 180_000): Promise<ServerProcess> {
  const child: ChildProcess = spawn(process.execPath, ['--import', 'tsx', 'src/http/server.ts'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', LOG_LEVEL: 'info', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const logs: LogLine[] = [];
  const waiters = new Set<() => void>();
  let stderr = '';
  let buffered = '';
  child.stdout?.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    for (let nl = buffered.indexOf('\n'); nl >= 0; nl = buffered.indexOf('\n')) {
      const line = buffered.slice(0, nl);
      buffered = buffered.slice(nl + 1);
      try {
        logs.push(JSON.parse(line) as LogLine);
      } catch {
        logs.push({ msg: line });
      }
      for (const w of waiters) w();
    }
  });
  child.stderr?.on('data', (chunk: Buffer) => (stderr = (stderr + chunk.toString()).slice(-4000)));
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.once('exit', (code, signal) => resolve({ code, signal })));
  let done = false;
  void exited.then(() => {
    done = true;
    for (const w of waiters) w();
  });

  const waitForLog = (match: (l: LogLine) => boolean, timeoutMs: number): Promise<LogLine> =>
    new Promise((resolve, reject) => {
      const check = (): void => {
        const hit = logs.find(match);
        if (hit) {
          finish(() => resolve(hit));
          return;
        }
        if (done)
          finish(() =>
            reject(
              new Error(
                `the server exited before the expected log line; stderr:\n${stderr}\nlast logs:\n${logs
                  .slice(-5)
                  .map((l) => JSON.stringify(l))
                  .join('\n')}`,
              ),
            ),
          );
      };
      const timer = setTimeout(() => finish(() => reject(new Error(`no matching log line within ${timeoutMs} ms; stderr:\n${stderr}`))), timeoutMs);
      const finish = (f: () => void): void => {
        clearTimeout(timer);
        waiters.delete(check);
        f();
      };
      waiters.add(check);
      check();
    });

  try {
    await waitForLog((l) => typeof l.msg === 'string' && l.msg.startsWith('ready:'), readyTimeoutMs);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    url: `http://127.0.0.1:${env['PORT']}`,
    pid: child.pid ?? -1,
    logs,
    neo4jPid: () => [...logs].reverse().find((l) => l.msg === 'local neo4j ready')?.pid,
    waitForLog,
    exited,
    kill: (signal) => void child.kill(signal),
  };
}

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body: string;
}

/**
 * A GraphQL POST on its own connection (no pooling), so a lost connection shows as a rejection;
 * the caller sends the body (`req.end(payload)`), whole or in parts.
 */
function openPost(url: string, query: string, variables: Record<string, unknown>): { req: http.ClientRequest; payload: Buffer; answer: Promise<HttpAnswer> } {
  const payload = Buffer.from(JSON.stringify({ query, variables }));
  let req!: http.ClientRequest;
  const answer = new Promise<HttpAnswer>((resolve, reject) => {
    req = http.request(`${url}/graphql`, { method: 'POST', agent: false, headers: { 'content-type': 'application/json', 'content-length': payload.length } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      res.on('error', reject);
    });
    req.on('error', reject);
  });
  return { req, payload, answer };
}

/** One POST, sent whole. */
export function postGraphQL(url: string, query: string, variables: Record<string, unknown> = {}): Promise<HttpAnswer> {
  const { req, payload, answer } = openPost(url, query, variables);
  req.end(payload);
  return answer;
}

/**
 * A POST whose body is held back after its first half until `release()`: the server has the
 * request (headers parsed, counted in flight) but cannot answer it yet. Lets a test put requests
 * in flight at a moment it chooses, however fast the server would otherwise answer them.
 */
export function postGraphQLHeld(url: string, query: string): { answer: Promise<HttpAnswer>; release(): void } {
  const { req, payload, answer } = openPost(url, query, {});
  const half = payload.length >> 1;
  req.write(payload.subarray(0, half));
  return { answer, release: () => void req.end(payload.subarray(half)) };
}

export async function getText(url: string): Promise<{ status: number; body: string }> {
  const res = await fetch(url);
  return { status: res.status, body: await res.text() };
}
