/**
 * Request phase: the request span (src/observability/tracing.ts keeps the tracer, the query and
 * batch spans); first in the pipeline so every later plugin's work, and every error, is inside it.
 */
import { context, isSpanContextValid, propagation, type Span, SpanKind, SpanStatusCode, trace } from '@opentelemetry/api';
import type { Plugin, YogaInitialContext } from 'graphql-yoga';
import { withExtensions } from '../../errors.js';
import { TRACER } from '../../observability/tracing.js';

/**
 * The request span (continuing a caller's W3C traceparent), made active while the operation
 * executes so batches and queries nest under it; errors carry `extensions.traceId`.
 */
export function useTracing(): Plugin<YogaInitialContext> {
  const spans = new WeakMap<Request, Span>();
  return {
    onRequest({ request, url }) {
      const parent = propagation.extract(context.active(), Object.fromEntries(request.headers));
      const span = trace
        .getTracer(TRACER)
        .startSpan(`${request.method} ${url.pathname}`, { kind: SpanKind.SERVER, attributes: { 'http.request.method': request.method, 'url.path': url.pathname } }, parent);
      spans.set(request, span);
    },
    onExecute({ args, executeFn, setExecuteFn }) {
      const request = args.contextValue.request;
      const span = request ? spans.get(request) : undefined;
      if (!span) return;
      if (args.operationName) span.setAttribute('graphql.operation.name', args.operationName);
      setExecuteFn((execArgs) => context.with(trace.setSpan(context.active(), span), () => executeFn(execArgs)));
    },
    onExecutionResult({ request, result, setResult }) {
      const span = spans.get(request);
      const sc = span?.spanContext();
      if (!span || !sc || !isSpanContextValid(sc) || !result || Symbol.asyncIterator in result || !result.errors?.length) return;
      span.setStatus({ code: SpanStatusCode.ERROR });
      setResult({
        ...result,
        errors: result.errors.map((e) => withExtensions(e, { traceId: sc.traceId })),
      });
    },
    onResponse({ request, response }) {
      const span = spans.get(request);
      if (!span) return;
      span.setAttribute('http.response.status_code', response.status);
      span.end();
    },
  };
}
