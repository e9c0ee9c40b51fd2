/**
 * What a query will cost, from the graph's own fan-out. The degree statistics (per relationship
 * field: the 95th percentile and the maximum of children per parent) are read from Neo4j once and
 * again after every write; each relationship field multiplies the cost of what is below it by the
 * worst case it can return (its page size or list cap, and never more than the largest fan-out in
 * the graph). A query whose estimate exceeds LIMITS.complexity is refused before it runs, naming
 * the field that fans out most; expensive ones wait their turn in a bounded queue.
 */
import { complexityFromQuery } from '@pothos/plugin-complexity';
import type { Plugin } from 'graphql-yoga';
import type { Context } from '../context.js';
import { GraphStore } from '../db/graph.js';
import { LIST_CAP, type EdgeName } from '../db/model.js';
import type { Db } from '../db/run.js';
import { userError } from '../errors.js';
import { GATE, LIMITS } from './limits.js';

export interface Degree {
  p95: number;
  max: number;
}

/** A snapshot of the degree statistics, and the trace of the largest fan-out a query asked for. */
export class Fanout {
  /** The field with the largest multiplier seen while estimating this request's cost. */
  widest: { field: EdgeName; multiplier: number; degree: Degree } | undefined;

  constructor(private readonly degrees: ReadonlyMap<EdgeName, Degree>) {}

  /** False when the graph's statistics could not be read yet (the database did not answer): the estimate then assumes every list full. */
  get known(): boolean {
    return this.degrees.size > 0;
  }

  /** Worst-case children per parent of `field`, given its page size (null for a capped list). */
  multiplier(field: EdgeName, page: number | null): number {
    const degree = this.degrees.get(field) ?? { p95: 0, max: LIST_CAP };
    const bound = page ?? LIST_CAP;
    const multiplier = Math.max(1, Math.min(bound, degree.max));
    if (!this.widest || multiplier > this.widest.multiplier) this.widest = { field, multiplier, degree };
    return multiplier;
  }
}

/** Keeps the degree statistics of one database fresh: re-read after any write, or after `ttlMs` (writes by other processes). */
export class DegreeStats {
  private snapshot: { degrees: Map<EdgeName, Degree>; version: number; at: number } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  /** A fresh Fanout per request. Only the very first request waits for the statistics; later ones use the last snapshot while it refreshes. */
  async fanout(): Promise<Fanout> {
    const s = this.snapshot;
    const stale = !s || s.version !== this.db.writeClock.version || Date.now() - s.at > this.ttlMs;
    if (stale) {
      // A failed refresh keeps the last snapshot; with none yet, the estimate falls back to the
      // list caps and the request meets the database's own error (SERVICE_UNAVAILABLE) if it runs.
      this.refreshing ??= this.refresh()
        .catch(() => undefined)
        .finally(() => (this.refreshing = undefined));
      if (!s) await this.refreshing;
    }
    return new Fanout(this.snapshot?.degrees ?? new Map());
  }

  private async refresh(): Promise<void> {
    const version = this.db.writeClock.version;
    const degrees = await new GraphStore(this.db).degreeStats();
    this.snapshot = { degrees, version, at: Date.now() };
  }
}

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

/** The yoga plugin: estimate, refuse what is over the limit, queue what is expensive. */
export function costPlugin(gate: Gate = new Gate(GATE.concurrent, GATE.queued)): Plugin<Context> {
  return {
    async onExecute({ args, setResultAndStopExecution }) {
      const ctx = args.contextValue as Context;
      let complexity: number;
      let depth: number;
      let breadth: number;
      try {
        ({ complexity, depth, breadth } = complexityFromQuery(args.document, { schema: args.schema, ctx, variables: args.variableValues ?? {} }));
      } catch {
        return undefined; // an invalid selection fails validation on its own, with its own message
      }
      // Too deep or too broad: the complexity plugin refuses it with its own message.
      if (depth > LIMITS.depth || breadth > LIMITS.breadth) return undefined;
      if (complexity > LIMITS.complexity && !ctx.fanout.known) {
        // Without the graph's statistics every list counts as full, so an ordinary query can look
        // too complex; the truth is that the database did not answer (seen in the soak test while
        // Neo4j was down): say that, with the retry hint, rather than refuse the query for good.
        setResultAndStopExecution({
          errors: [userError('the knowledge graph database is unreachable (its statistics could not be read to estimate this query); try again shortly', 'SERVICE_UNAVAILABLE', { retryAfterSeconds: 5 })],
        });
        return undefined;
      }
      if (complexity > LIMITS.complexity) {
        const w = ctx.fanout.widest;
        const where = w ? `; it fans out most at ${w.field} (up to ${w.degree.max} per parent in this graph, 95th percentile ${w.degree.p95})` : '';
        setResultAndStopExecution({
          errors: [
            userError(`query complexity ${complexity} exceeds the maximum of ${LIMITS.complexity}${where}; ask for smaller pages or fewer nested lists`, 'QUERY_TOO_COMPLEX', {
              limit: 'complexity',
              max: LIMITS.complexity,
              actual: complexity,
              ...(w ? { field: w.field } : {}),
            }),
          ],
        });
        return undefined;
      }
      if (complexity < GATE.expensiveFrom) return undefined;
      if (!(await gate.acquire())) {
        setResultAndStopExecution({
          errors: [userError(`the server is busy with expensive queries (estimate ${complexity}); retry shortly or ask for less`, 'BUSY', { actual: complexity })],
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
