/** Prometheus metrics, one registry per app instance (tests run several side by side). */
import { Counter, collectDefaultMetrics, Histogram, Registry } from 'prom-client';
import type { QueryObserver } from '../db/run.js';

export interface Metrics {
  registry: Registry;
  observeQuery: QueryObserver;
  requests: Counter;
}

export function createMetrics(withDefaults = true): Metrics {
  const registry = new Registry();
  if (withDefaults) collectDefaultMetrics({ register: registry, prefix: 'abscopal_' });
  const queries = new Counter({
    name: 'abscopal_cypher_queries_total',
    help: 'Cypher round trips, by named query and outcome.',
    labelNames: ['query', 'ok'] as const,
    registers: [registry],
  });
  const seconds = new Histogram({
    name: 'abscopal_cypher_query_seconds',
    help: 'Cypher round-trip time, by named query.',
    labelNames: ['query'] as const,
    buckets: [0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5],
    registers: [registry],
  });
  const requests = new Counter({
    // No operation-name label: clients choose names freely, and every distinct label value
    // would be a new time series held in memory for ever.
    name: 'abscopal_graphql_operations_total',
    help: 'GraphQL operations executed.',
    registers: [registry],
  });
  // Composed queries carry their parameters in the name after ':' only as model constants,
  // so label cardinality stays bounded by the model.
  const observeQuery: QueryObserver = (name, s, ok) => {
    queries.inc({ query: name, ok: String(ok) });
    seconds.observe({ query: name }, s);
  };
  return { registry, observeQuery, requests };
}
