/**
 * Graceful shutdown of the HTTP side: stop accepting, let in-flight requests finish within a
 * grace period, then cut what is left. Keep-alive connections are closed as soon as they are
 * idle, so a client that keeps its connection open cannot hold the drain up.
 */
import type { IncomingMessage, Server, ServerResponse } from 'node:http';

export interface InFlight {
  /** Requests received and not yet answered. */
  readonly count: number;
}

/** Wraps a request handler to count what is in flight, and to ask clients to close once draining. */
export function trackInFlight(
  handler: (req: IncomingMessage, res: ServerResponse) => void,
  isDraining: () => boolean,
): { handler: (req: IncomingMessage, res: ServerResponse) => void; inFlight: InFlight } {
  let count = 0;
  return {
    inFlight: {
      get count() {
        return count;
      },
    },
    handler(req, res) {
      count += 1;
      res.once('close', () => (count -= 1));
      // Answers sent while draining say "Connection: close", so clients reconnect elsewhere.
      if (isDraining()) res.shouldKeepAlive = false;
      handler(req, res);
    },
  };
}

/** Resolves once every connection has ended; `timedOut` when the grace period had to cut some. */
export function drainServer(server: Server, inFlight: InFlight, graceMs: number): Promise<{ timedOut: boolean; cut: number }> {
  return new Promise((resolve) => {
    let settled = false;
    const finish = (timedOut: boolean, cut: number): void => {
      if (settled) return;
      settled = true;
      clearInterval(idle);
      clearTimeout(grace);
      resolve({ timedOut, cut });
    };
    server.close(() => finish(false, 0));
    server.closeIdleConnections();
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const grace = setTimeout(() => {
      const cut = inFlight.count;
      server.closeAllConnections();
      finish(true, cut);
    }, graceMs);
  });
}
