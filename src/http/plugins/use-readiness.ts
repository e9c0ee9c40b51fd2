/**
 * Request phase: GET /ready answers 200 while Neo4j answers a ping within `timeoutMs` and the
 * server is not draining, 503 otherwise, so a load balancer stops sending before requests fail.
 */
import { type Plugin, useReadinessCheck } from 'graphql-yoga';
import { messageOf } from '../../errors.js';
import type { Logger } from '../../observability/logger.js';

export interface ReadinessOptions {
  ping: () => Promise<void>;
  logger: Logger;
  timeoutMs: number;
  /** True once shutdown has begun. */
  isDraining?: (() => boolean) | undefined;
}

export function useReadiness(opts: ReadinessOptions): Plugin {
  return useReadinessCheck({
    endpoint: '/ready',
    check: async () => {
      // A stalled connection must not hang the probe: fail after `timeoutMs`. Returning false
      // (not throwing) keeps driver messages, with host names, out of the public response.
      if (opts.isDraining?.()) return false;
      try {
        await Promise.race([opts.ping(), new Promise((_, reject) => setTimeout(() => reject(new Error('neo4j did not answer in time')), opts.timeoutMs).unref())]);
        return true;
      } catch (err) {
        opts.logger.warn({ err: messageOf(err) }, 'readiness: neo4j unreachable');
        return false;
      }
    },
  });
}
