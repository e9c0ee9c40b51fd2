/**
 * The short soak: the real server with its own local Neo4j under a mixed read workload, the
 * Neo4j killed mid-run, SIGTERM at the end. Every request is answered with data or with
 * SERVICE_UNAVAILABLE, none loses its connection (not even during the drain), no 5xx outside
 * GraphQL, and service comes back after the kill without the server restarting.
 */
import { describe, expect, it } from 'vitest';
import { runSoak } from '../../scripts/soak-run.js';

describe('the soak and fault run, short version', () => {
  it('answers every request with data or SERVICE_UNAVAILABLE through a Neo4j kill and a SIGTERM, and recovers without a restart', { timeout: 900_000 }, async () => {
    const r = await runSoak({ concurrency: 4, durationMs: 12_000, killAtMs: 4_000, recoveryWaitMs: 240_000, maxRequests: 20_000 });
    expect(r.nonGraphQL5xx).toBe(0);
    expect(r.connectionLost).toBe(0);
    expect(r.lostDuringDrain).toBe(0);
    expect(Object.entries(r.firstFailureByCode).filter(([c]) => c !== 'SERVICE_UNAVAILABLE')).toEqual([]);
    expect(r.answered).toBe(r.sent);
    expect(r.failedByCode['SERVICE_UNAVAILABLE'] ?? 0).toBeGreaterThan(0);
    expect(r.recoveryMs).toBeDefined();
    expect(r.serverRestarted).toBe(false);
    expect(r.serverExit).toEqual({ code: 0, signal: null });
  });
});
