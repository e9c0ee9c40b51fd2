import { pino, type Logger } from 'pino';
import { activeTraceId } from './tracing.js';

export type { Logger };

/** Structured JSON logs (pino): cheap, and what log collectors expect; pipe to pino-pretty when reading by eye. */
export function createLogger(level: string, name = 'abscopal'): Logger {
  // The active trace id on every line logged inside a request, to find its spans.
  return pino({ name, level, mixin: () => {
    const traceId = activeTraceId();
    return traceId ? { traceId } : {};
  } });
}
