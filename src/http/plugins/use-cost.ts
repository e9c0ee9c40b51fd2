/**
 * Execute phase, before anything reads the database: the estimate (src/schema/estimate.ts, over
 * the graph's real fan-out in ctx.fanout) refuses a query that could read more rows than a
 * request may (BUDGET.rows, the same budget that stops a request with RESULT_TOO_LARGE while it
 * runs), naming the field that reads most; expensive ones wait their turn in a bounded queue.
 */
import type { Plugin } from 'graphql-yoga';
import { userError } from '../../errors.js';
import type { Context } from '../../schema/context.js';
import { estimateRows } from '../../schema/estimate.js';
import { BUDGET, GATE } from '../../schema/limits.js';

/** At most `concurrent` holders at once, at most `queued` waiting; beyond that, acquire() says no. */
export class Gate {
  private active = 0;
  private readonly waiting: (() => void)[] = [];

  constructor(
    private readonly concurrent: number,
    private readonly queued: number,
  ) {}

  async acquire(): Promise<boolean> {
    if (this.active < this.concurrent) {
      this.active += 1;
      return true;
    }
    if (this.waiting.length >= this.queued) return false;
    await new Promise<void>((resolve) => this.waiting.push(resolve));
    return true;
  }

  release(): void {
    const next = this.waiting.shift();
    if (next) next();
    else this.active -= 1;
  }
}

/** The yoga plugin: estimate, refuse what could not run within the row budget, queue what is expensive. */
export function useCost(gate: Gate = new Gate(GATE.concurrent, GATE.queued), maxRows: number = BUDGET.rows): Plugin<Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue;
      // yoga has coerced the variables into a plain object by the time execution starts.
      const estimate = estimateRows(args.schema, args.document, args.operationName, (args.variableValues ?? {}) as Record<string, unknown>, ctx.fanout);
      if (!estimate) return undefined; // no such operation: execution says so with its own message
      const rows = estimate.rows;
      if (rows > maxRows && !ctx.fanout.known) {
        // Without the graph's statistics every list counts as full, so an ordinary query can look
        // too large; the truth is that the database did not answer (seen in the soak test while
        // Neo4j was down): say that, with the retry hint, rather than refuse the query for good.
        setResultAndStopExecution({
          errors: [
            userError('the knowledge graph database is unreachable (its statistics could not be read to estimate this query); try again shortly', 'SERVICE_UNAVAILABLE', {
              retryAfterSeconds: 5,
            }),
          ],
        });
        return undefined;
      }
      if (rows > maxRows) {
        const w = estimate.widest;
        const where = w
          ? `; it reads most at ${w.field} (up to ${w.rows} rows${w.degree ? `; up to ${w.degree.max} per parent in this graph, 95th percentile ${w.degree.p95}` : ''})`
          : '';
        setResultAndStopExecution({
          errors: [
            userError(
              `this query could read up to ${rows} rows from the graph, more than the ${maxRows} a request may read${where}; ask for smaller pages or fewer nested lists`,
              'QUERY_TOO_COMPLEX',
              {
                limit: 'rows',
                max: maxRows,
                actual: rows,
                ...(w ? { field: w.field } : {}),
              },
            ),
          ],
        });
        return undefined;
      }
      if (rows < GATE.expensiveFrom) return undefined;
      if (!(await gate.acquire())) {
        setResultAndStopExecution({
          errors: [userError(`the server is busy with expensive queries (estimate ${rows} rows); retry shortly or ask for less`, 'BUSY', { actual: rows })],
        });
        return undefined;
      }
      let released = false;
      const release = (): void => {
        if (!released) gate.release();
        released = true;
      };
      return { onExecuteDone: release };
    },
  };
}
