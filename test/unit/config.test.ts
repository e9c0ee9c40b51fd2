import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../src/runtime/config.js';

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

  it('turns introspection off and a rate limit on in production, unless told otherwise', () => {
    const dev = loadConfig({});
    expect(dev).toMatchObject({ introspection: true, rateLimitPerMinute: 0, shutdownGraceMs: 10_000, dbUnavailableAfterMs: 3000, otlpEndpoint: undefined });
    expect(loadConfig({ NODE_ENV: 'production' })).toMatchObject({ introspection: false, rateLimitPerMinute: 600 });
    expect(loadConfig({ NODE_ENV: 'production', INTROSPECTION: 'true', RATE_LIMIT_PER_MINUTE: '0' })).toMatchObject({ introspection: true, rateLimitPerMinute: 0 });
  });

  it('names a bad reliability setting', () => {
    expect(() => loadConfig({ DB_UNAVAILABLE_AFTER_MS: '5' })).toThrow(/DB_UNAVAILABLE_AFTER_MS/);
    expect(() => loadConfig({ OTEL_EXPORTER_OTLP_ENDPOINT: 'not a url' })).toThrow(/OTEL_EXPORTER_OTLP_ENDPOINT/);
  });
});
