/**
 * Tracing: one request yields a request span, a span per DataLoader batch and a span per Cypher
 * query (named, with its row count), nested in that order (a planned list is one Cypher span right under
 * the request) and sharing one trace id, which errors
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

  /** One request's spans, after a warm-up request has done the once-per-process reads. */
  async function spansOf(query: string): Promise<{ spans: ReadableSpan[]; request: ReadableSpan }> {
    // A first request lets the app do its once-per-process reads (degree statistics for the cost
    // estimate) and fixes its release, so what is recorded next is one request's own work.
    await t.gql('{ __typename }');
    exporter.reset();
    const res = await t.gql(query);
    expect(res.errors).toBeUndefined();
    // The release marker is read at most once a second for all concurrent requests together (one
    // shared promise), so that read is its own trace, not any one request's.
    const spans = exporter.getFinishedSpans().filter((s) => s.name !== 'cypher release-marker');
    const request = spans.find((s) => s.kind === SpanKind.SERVER && s.name === 'POST /graphql');
    expect(request).toBeDefined();
    const traceId = request!.spanContext().traceId;
    expect(spans.every((s) => s.spanContext().traceId === traceId)).toBe(true);
    for (const c of spans.filter((s) => s.name.startsWith('cypher '))) {
      expect(c.attributes['db.query.summary']).toBe(c.name.slice('cypher '.length));
      expect(typeof c.attributes['db.response.returned_rows']).toBe('number');
    }
    return { spans, request: request! };
  }

  it('puts a planned nested list in one cypher span under the request, with its name and row count', async () => {
    const { spans, request } = await spansOf('{ studies(first: 3) { edges { node { shortName arms { name } } } } }');
    const cypher = spans.filter((s) => s.name.startsWith('cypher '));
    expect(cypher.map((c) => c.name)).toEqual(['cypher one:studies-page:all:YEAR_DESC']);
    expect(parentOf(cypher[0]!)).toBe(request.spanContext().spanId);
    // Three rows for the page and one more that shows a next page exists.
    expect(cypher[0]!.attributes['db.response.returned_rows']).toBe(4);
    expect(spans.some((s) => s.name.startsWith('batch '))).toBe(false);
  });

  it('nests request → batch → cypher spans where a level is read through a loader', async () => {
    // Search hits are not planned: the arms below them are read by one loader batch.
    const { spans, request } = await spansOf('{ search(text: "pembrolizumab", types: [Study], first: 3) { node { ... on Study { arms { name } } } } }');
    const batches = spans.filter((s) => s.name.startsWith('batch '));
    expect(batches.length).toBeGreaterThan(0);
    expect(batches.every((b) => parentOf(b) === request.spanContext().spanId)).toBe(true);
    const cypher = spans.filter((s) => s.name.startsWith('cypher '));
    // The search runs under the request; the arms under their batch.
    expect(cypher.some((c) => parentOf(c) === request.spanContext().spanId)).toBe(true);
    expect(cypher.some((c) => batches.some((b) => b.spanContext().spanId === parentOf(c)))).toBe(true);
  });

  it('puts the trace id in the extensions of an error', async () => {
    exporter.reset();
    const res = await t.gql('{ entity(slug: "no-such-thing") { id } }');
    const request = exporter.getFinishedSpans().find((s) => s.kind === SpanKind.SERVER);
    expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'NOT_FOUND', traceId: request!.spanContext().traceId });
  });
});
