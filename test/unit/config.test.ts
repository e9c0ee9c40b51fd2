import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/config.js';

describe('configuration from the environment', () => {
  it('defaults to a local Neo4j on loopback with data under .neo4j-local', () => {
    const c = loadConfig({}, '/srv/app');
    expect(c.neo4j).toMatchObject({ kind: 'local', uri: 'bolt://127.0.0.1:7690' });
    expect(c.local.dataDir).toBe('/srv/app/.neo4j-local/data');
    expect(c.port).toBe(4000);
  });

  it('uses NEO4J_URI and its credentials when set, for clusters and Aura too', () => {
    const c = loadConfig({ NEO4J_URI: 'neo4j+s://abc.databases.neo4j.io', NEO4J_PASSWORD: 'pw', NEO4J_DATABASE: 'evidence' });
    expect(c.neo4j).toEqual({ kind: 'remote', uri: 'neo4j+s://abc.databases.neo4j.io', user: 'neo4j', password: 'pw', database: 'evidence' });
  });

  it('names the variable when a value is bad', () => {
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(ConfigError);
    expect(() => loadConfig({ PORT: 'eighty' })).toThrow(/PORT/);
    expect(() => loadConfig({ NEO4J_URI: 'http://localhost:7474' })).toThrow(/NEO4J_URI: must be a bolt/);
  });

  it('returns a frozen object so nothing changes it after start-up', () => {
    expect(Object.isFrozen(loadConfig({}))).toBe(true);
  });
});
