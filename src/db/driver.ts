import neo4j, { type Driver } from 'neo4j-driver';
import type { Neo4jTarget } from '../config.js';
import { disableNagleOnDriverSockets } from './tcp-no-delay.js';

/** The one place a driver is made. Integers come back as JS numbers: every count here is small. */
export function createDriver(target: Pick<Neo4jTarget, 'uri' | 'user' | 'password'>): Driver {
  disableNagleOnDriverSockets();
  // No password: connect without credentials (the local Neo4j runs with auth off on loopback).
  const auth = target.password === undefined ? undefined : neo4j.auth.basic(target.user, target.password);
  return neo4j.driver(target.uri, auth, {
    disableLosslessIntegers: true,
    connectionAcquisitionTimeout: 10_000,
    connectionTimeout: 5_000,
    maxConnectionPoolSize: 50,
  });
}
