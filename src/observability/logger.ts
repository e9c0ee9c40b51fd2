import { type Logger, pino } from 'pino';
import { activeTraceId } from './tracing.js';

export type { Logger };

type Destination = ReturnType<typeof pino.destination>;
const destinations = new WeakMap<Logger, Destination>();

/** Structured JSON logs (pino): cheap, and what log collectors expect; pipe to pino-pretty when reading by eye. */
export function createLogger(level: string, name = 'abscopal'): Logger {
  // Asynchronous writes to stdout (pino's default), through a destination this module keeps, so
  // that `endLog` can wait for the last line before the process exits.
  const destination = pino.destination({ dest: 1, sync: false });
  // The active trace id on every line logged inside a request, to find its spans.
  const log = pino(
    {
      name,
      level,
      mixin: () => {
        const traceId = activeTraceId();
        return traceId ? { traceId } : {};
      },
    },
    destination,
  );
  destinations.set(log, destination);
  return log;
}

/**
 * Resolves once every line logged so far has been written. `logger.flush(cb)` does not wait (it
 * calls back at once when lines are not batched), and exiting with a write still in the thread
 * pool let pino's on-exit flush put a later line ahead of it: 'stopped' before 'drained' (CI).
 */
export function endLog(log: Logger): Promise<void> {
  const destination = destinations.get(log);
  if (!destination) return Promise.resolve();
  destinations.delete(log);
  return new Promise((resolve) => {
    destination.once('close', () => resolve());
    // A broken stdout (the reader gone) never closes the destination: exit anyway, a second on.
    setTimeout(resolve, 1000).unref();
    try {
      destination.end();
    } catch {
      resolve(); // already ended or destroyed: nothing left to write
    }
  });
}
