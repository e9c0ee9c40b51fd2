import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../runtime/config.js';
import { disableNagleOnDriverSockets } from './tcp-no-delay.js';

/**
 * The one place a driver is made. Integers come back as JS numbers: every count here is small.
 * `unavailableAfterMs` (DB_UNAVAILABLE_AFTER_MS) bounds how long the driver waits to connect, for
 * a pooled connection and retrying a failed transaction, so a dead database fails a request
 * within that bound instead of the driver's 30 s retry loop (src/http/availability.ts does the rest).
 */
export function createDriver(target: Pick<Neo4jTarget, 'uri' | 'user' | 'password'>, unavailableAfterMs = 3000): Driver {
  disableNagleOnDriverSockets();
  // No password: connect without credentials (the local Neo4j runs with auth off on loopback).
  const auth = target.password === undefined ? undefined : neo4j.auth.basic(target.user, target.password);
  return neo4j.driver(target.uri, auth, {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: unavailableAfterMs,
    connectionTimeout: unavailableAfterMs,
    // The retry loop waits ~1 s, then ~2 s: a quarter of the bound allows one retry, so a refused
    // connection fails the request in about a second rather than after the next wait.
    maxTransactionRetryTime: Math.floor(unavailableAfterMs / 4),
    maxConnectionPoolSize: 50,
  });
}
