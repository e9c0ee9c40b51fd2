/**
 * OpenTelemetry tracing: a span per HTTP request, per DataLoader batch and per Cypher query, so a
 * slow request can be followed into its Cypher. Off unless OTEL_EXPORTER_OTLP_ENDPOINT is set:
 * without a registered provider the OpenTelemetry API hands out non-recording spans that cost
 * next to nothing, so the instrumentation below stays in place either way.
 */
import { context, isSpanContextValid, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import { OTLPTraceExporter } from '@opentelemetry/exporter-trace-otlp-http';
import { resourceFromAttributes } from '@opentelemetry/resources';
import { BatchSpanProcessor, NodeTracerProvider, SimpleSpanProcessor, type SpanExporter } from '@opentelemetry/sdk-trace-node';
import { ATTR_SERVICE_NAME } from '@opentelemetry/semantic-conventions';
import { messageOf } from '../errors.js';

export const TRACER = 'abscopal';

export interface TracingOptions {
  serviceName: string;
  /** OTLP/HTTP base URL (the collector's, e.g. http://127.0.0.1:4318); spans go to <url>/v1/traces. */
  endpoint?: string | undefined;
  /** Another exporter (tests use an in-memory one); exported span by span. */
  exporter?: SpanExporter;
}

export interface Tracing {
  /** Flushes what is buffered and stops exporting. */
  shutdown(): Promise<void>;
}

/** Registers a tracer provider (globally, as OpenTelemetry's API expects), or nothing when neither endpoint nor exporter is given. */
export function startTracing(opts: TracingOptions): Tracing {
  const processor = opts.exporter
    ? new SimpleSpanProcessor(opts.exporter)
    : opts.endpoint
      ? new BatchSpanProcessor(new OTLPTraceExporter({ url: `${opts.endpoint.replace(/\/+$/, '')}/v1/traces` }))
      : undefined;
  if (!processor) return { shutdown: async () => undefined };
  const provider = new NodeTracerProvider({
    resource: resourceFromAttributes({ [ATTR_SERVICE_NAME]: opts.serviceName }),
    spanProcessors: [processor],
  });
  // Sets the AsyncLocalStorage context manager and the W3C traceparent propagator too.
  provider.register();
  return {
    shutdown: async () => {
      await provider.shutdown();
      trace.disable();
      context.disable();
      propagation.disable();
    },
  };
}

/** The trace id of the active span, when tracing is on. */
export function activeTraceId(): string | undefined {
  const span = trace.getActiveSpan();
  const sc = span?.spanContext();
  return sc && isSpanContextValid(sc) ? sc.traceId : undefined;
}

async function inSpan<T>(name: string, kind: SpanKind, attributes: Record<string, string | number>, fn: (span: Span) => Promise<T>): Promise<T> {
  return trace.getTracer(TRACER).startActiveSpan(name, { kind, attributes }, async (span) => {
    try {
      return await fn(span);
    } catch (err) {
      span.recordException(err instanceof Error ? err : messageOf(err));
      span.setStatus({ code: SpanStatusCode.ERROR, message: messageOf(err) });
      throw err;
    } finally {
      span.end();
    }
  });
}

/** A Cypher round trip: the named query and the rows it returned (used by the Db chokepoint). */
export function traceQuery<T>(name: string, fn: () => Promise<T>): Promise<T> {
  return inSpan(`cypher ${name}`, SpanKind.CLIENT, { 'db.system.name': 'neo4j', 'db.query.summary': name }, async (span) => {
    const out = await fn();
    if (Array.isArray(out)) span.setAttribute('db.response.returned_rows', out.length);
    return out;
  });
}

/** One DataLoader batch: one level of a GraphQL query for all its parents. */
export function traceBatch<T>(loader: string, keys: number, fn: () => Promise<T>): Promise<T> {
  return inSpan(`batch ${loader}`, SpanKind.INTERNAL, { 'abscopal.loader': loader, 'abscopal.batch.keys': keys }, fn);
}
