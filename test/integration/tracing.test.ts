/**
 * Tracing: one request yields a request span, a span per DataLoader batch and a span per Cypher
 * query (named, with its row count), nested in that order and sharing one trace id, which errors
 * carry in extensions.traceId. Spans are caught by an in-memory exporter.
 */
import { SpanKind } from '@opentelemetry/api';
import { InMemorySpanExporter, type ReadableSpan } from '@opentelemetry/sdk-trace-node';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTracing, type Tracing } from '../../src/observability/tracing.js';
import { useSeededApp } from '../helpers.js';

const exporter = new InMemorySpanExporter();
let tracing: Tracing;
beforeAll(() => {
  tracing = startTracing({ serviceName: 'abscopal-test', exporter });
});
afterAll(() => tracing.shutdown());

const parentOf = (s: ReadableSpan): string | undefined => s.parentSpanContext?.spanId;

describe('tracing', () => {
  const t = useSeededApp();

  it('nests request → batch → cypher spans for a nested query, with query names and row counts', async () => {
    // A first request lets the app do its once-per-process reads (degree statistics for the cost
    // estimate) and fixes its release, so what is recorded next is one request's own work.
    await t.gql('{ __typename }');
    exporter.reset();
    const res = await t.gql('{ studies(first: 3) { edges { node { shortName arms { name } } } } }');
    expect(res.errors).toBeUndefined();
    // The release marker is read at most once a second for all concurrent requests together (one
    // shared promise), so that read is its own trace, not any one request's.
    const spans = exporter.getFinishedSpans().filter((s) => s.name !== 'cypher release-marker');
    const request = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql');
    expect(request).toBeDefined();
    const traceId = request!.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);

    const batches = spans.filter((s) => s.name.startsWith('batch '));
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => parentOf(b) === request!.spanContext().spanId)).toBe(true);

    const cypher = spans.filter((s) => s.name.startsWith('cypher '));
    // The root list runs under the request; each level below under its batch.
    expect(cypher.some((c) => parentOf(c) === request!.spanContext().spanId)).toBe(true);
    const underBatch = cypher.filter((c) => batches.some((b) => b.spanContext().spanId === parentOf(c)));
    expect(underBatch.length).toBeGreaterThan(0);
    for (const c of cypher) {
      expect(c.attributes['db.query.summary']).toBe(c.name.slice('cypher '.length));
      expect(typeof c.attributes['db.response.returned_rows']).toBe('number');
    }
  });

  it('puts the trace id in the extensions of an error', async () => {
    exporter.reset();
    const res = await t.gql('{ entity(slug: "no-such-thing") { id } }');
    const request = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', traceId: request!.spanContext().traceId });
  });
});
