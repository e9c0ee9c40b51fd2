/** Request phase: GET /metrics answers Prometheus' text format from the app's registry, before GraphQL is involved. */
import type { Plugin } from 'graphql-yoga';
import type { Metrics } from '../../observability/metrics.js';

export function useMetricsEndpoint(metrics: Metrics): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET' || url.pathname !== '/metrics') return;
      endResponse(new Response(await metrics.registry.metrics(), { headers: { 'content-type': metrics.registry.contentType } }));
    },
  };
}
