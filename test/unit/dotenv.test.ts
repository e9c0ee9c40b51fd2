/** `.env` fills in what the environment leaves unset, the way the server and every CLI read it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { loadDotEnv, loadRuntimeConfig } from '../../src/runtime/config.js';

const dirs: string[] = [];
function dirWith(envFile?: string): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'abscopal-dotenv-'));
  dirs.push(dir);
  if (envFile !== undefined) writeFileSync(path.join(dir, '.env'), envFile);
  return dir;
}
afterEach(() => {
  for (const d of dirs.splice(0)) rmSync(d, { recursive: true, force: true });
});

describe('loading .env', () => {
  it('takes NEO4J_URI and friends from .env in the working directory into the config', () => {
    const dir = dirWith('# a comment\nNEO4J_URI=bolt://db.example:7687\nNEO4J_DATABASE="evidence"\nSEED_DIR=curated\n');
    const env: NodeJS.ProcessEnv = {};
    const config = loadRuntimeConfig(dir, env);
    expect(config.neo4j).toMatchObject({ kind: 'remote', uri: 'bolt://db.example:7687', database: 'evidence' });
    expect(config.seedDir).toBe(path.join(dir, 'curated'));
    expect(env['NEO4J_URI']).toBe('bolt://db.example:7687');
  });

  it('never overrides a variable the environment sets, even to an empty value', () => {
    const dir = dirWith('NEO4J_URI=bolt://from-file:7687\nPORT=5000\n');
    const env: NodeJS.ProcessEnv = { NEO4J_URI: 'bolt://from-env:7687', PORT: '' };
    expect(loadDotEnv(dir, env)).toBe(path.join(dir, '.env'));
    expect(env).toEqual({ NEO4J_URI: 'bolt://from-env:7687', PORT: '' });
    expect(loadRuntimeConfig(dir, env).port).toBe(4000);
  });

  it('reads nothing and changes nothing when there is no .env', () => {
    const env: NodeJS.ProcessEnv = { LOG_LEVEL: 'warn' };
    expect(loadDotEnv(dirWith(), env)).toBeUndefined();
    expect(env).toEqual({ LOG_LEVEL: 'warn' });
  });

  it('names the variable when .env holds a bad value', () => {
    expect(() => loadRuntimeConfig(dirWith('NEO4J_URI=http://localhost:7474\n'), {})).toThrow(/NEO4J_URI: must be a bolt/);
  });
});
