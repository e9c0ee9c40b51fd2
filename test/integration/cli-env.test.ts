/**
 * Every CLI reads `.env` from its working directory as the server does (one loader,
 * loadRuntimeConfig): a NEO4J_URI there decides which database the command acts on, says so on
 * stderr, and an exported variable still wins over the file.
 */
import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, describe, expect, inject, it } from 'vitest';

const TSX = path.resolve('node_modules/.bin/tsx');
const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** A working directory holding only a `.env` with these lines. */
function cwdWithEnv(lines: string[]): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'abscopal-cli-env-'));
  dirs.push(dir);
  writeFileSync(path.join(dir, '.env'), `${lines.join('\n')}\n`);
  return dir;
}

/** A loopback port nothing listens on (bound once, then released). */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const address = server.address();
  // listen() on a TCP port always yields an AddressInfo, never a pipe name.
  const port = (address as { port: number }).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** The environment of the test run without any Neo4j setting, so only `.env` can supply one. */
function envWithoutNeo4j(extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(env)) if (name.startsWith('NEO4J_')) delete env[name];
  return { ...env, ...extra };
}

async function cli(script: string, args: string[], cwd: string, env: NodeJS.ProcessEnv): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await promisify(execFile)(TSX, [path.resolve('src/cli', script), ...args], { cwd, env, timeout: 120_000 });
    return { code: 0, stdout, stderr };
  } catch (err) {
    // execFile rejects with the child's exit code and both streams attached.
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

describe('a CLI run in a directory with a .env', () => {
  it('acts on the Neo4j that .env names: release shows that graph, token lists its tokens', { timeout: 240_000 }, async () => {
    const uri = inject('neo4jUri');
    const cwd = cwdWithEnv([`NEO4J_URI=${uri}`, 'NEO4J_USER=neo4j', 'LOG_LEVEL=warn']);
    const release = await cli('release.ts', [], cwd, envWithoutNeo4j());
    expect(release.stderr).toContain(`release: Neo4j at ${uri} (database "neo4j"`);
    expect(release.code, release.stderr).toBe(0);
    expect(JSON.parse(release.stdout)).toMatchObject({ id: expect.stringMatching(/^[0-9a-f]{16}$/) });

    // token applies the schema first: the renumbered files run as no-ops on this migrated graph.
    const token = await cli('token.ts', ['list'], cwd, envWithoutNeo4j());
    expect(token.stderr).toContain(`token: Neo4j at ${uri}`);
    expect(token.code, token.stderr).toBe(0);
    expect(token.stdout.trim().length).toBeGreaterThan(0);
  });

  it('fails naming the unreachable URI from .env rather than starting or joining the local Neo4j', { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const cwd = cwdWithEnv([`NEO4J_URI=bolt://127.0.0.1:${port}`, 'DB_UNAVAILABLE_AFTER_MS=1000', 'LOG_LEVEL=warn']);
    const res = await cli('release.ts', [], cwd, envWithoutNeo4j());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`cannot reach Neo4j at bolt://127.0.0.1:${port}`);
  });

  it('lets an exported NEO4J_URI win over the one in .env', { timeout: 120_000 }, async () => {
    const port = await closedPort();
    const cwd = cwdWithEnv([`NEO4J_URI=${inject('neo4jUri')}`, 'LOG_LEVEL=warn']);
    const res = await cli('release.ts', [], cwd, envWithoutNeo4j({ NEO4J_URI: `bolt://127.0.0.1:${port}` }));
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(`release: Neo4j at bolt://127.0.0.1:${port}`);
    expect(res.stderr).toContain(`cannot reach Neo4j at bolt://127.0.0.1:${port}`);
  });

  it('audit reads SEED_DIR from .env and says where a missing seed directory is', { timeout: 120_000 }, async () => {
    const cwd = cwdWithEnv(['SEED_DIR=no-such-seed']);
    const res = await cli('audit.ts', [], cwd, envWithoutNeo4j());
    expect(res.code).toBe(1);
    expect(res.stderr).toContain(path.join(cwd, 'no-such-seed'));
  });
});
