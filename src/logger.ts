import { pino, type Logger } from 'pino';

export type { Logger };

/** Structured JSON logs (pino): cheap, and what log collectors expect; pipe to pino-pretty when reading by eye. */
export function createLogger(level: string, name = 'abscopal'): Logger {
  return pino({ name, level });
}
