/**
 * Whole-graph aggregates kept per version of the graph: the biomarker ranking, the gap map and
 * filtered-studies counts. Each reads every qualifying finding, trial or study, so its cost grows
 * with the graph (seconds for the ranking at 100k studies) while its answer changes only when the
 * graph is written. Each is therefore computed once per graph version and question, and every request
 * after that reads the kept answer: the cost of a request no longer depends on the graph's size.
 *
 * - The version is the release the request is answered from (changes with any write, by any
 *   process, once the release is refreshed) and this process's write clock (changes at once
 *   with every write made here). Answers of the two latest versions are kept (requests that
 *   started before a release change still carry the older id; they must not wipe the newer
 *   answers); older ones are dropped.
 * - One computation per version and question: concurrent requests await the same one. It runs
 *   under its own budget (`AGGREGATES` in schema/limits.ts), not the first requester's, so a requester that
 *   runs out of time answers TIMEOUT while the computation goes on for the next one; a failed
 *   computation is forgotten and the next request tries again.
 * - At most `maxKept` questions per version are kept (the least recently asked leaves first):
 *   memory stays bounded whatever the clients ask.
 */
import { type BudgetLimits, RequestBudget } from './budget.js';
import type { Db } from './run.js';

export interface AggregateLimits {
  /** Questions kept per version. */
  maxKept: number;
  /** What one computation may cost (its own budget, not a request's). */
  budget: BudgetLimits;
}

export class Aggregates {
  /** Kept answers per version, the latest last; at most two versions. */
  private readonly versions = new Map<string, Map<string, Promise<unknown>>>();

  constructor(private readonly limits: AggregateLimits) {}

  /** Questions kept, over the versions kept (for tests and metrics). */
  get size(): number {
    let n = 0;
    for (const kept of this.versions.values()) n += kept.size;
    return n;
  }

  /**
   * The answer to `question` (a stable text of the query name and its parameters) at `release`,
   * computed by `compute` at most once per version, awaited within what the request's `budget`
   * has left. The request that computes it counts its queries (its `db` with a budget of the
   * computation's own); the others cost no query.
   */
  async get<T>(release: string, question: string, db: Db, budget: RequestBudget, compute: (db: Db) => Promise<T>): Promise<T> {
    const kept = this.keptFor(`${release}:${db.writeClock.version}`);
    // One question name, one computation: what was kept under it is that computation's T.
    let answer = kept.get(question) as Promise<T> | undefined;
    if (answer) {
      // Refresh its place: the least recently asked question leaves first.
      kept.delete(question);
      kept.set(question, answer);
    } else {
      answer = compute(db.withBudget(new RequestBudget(this.limits.budget)));
      kept.set(question, answer);
      answer.catch(() => {
        if (kept.get(question) === answer) kept.delete(question);
      });
      while (kept.size > this.limits.maxKept) {
        for (const oldest of kept.keys()) {
          kept.delete(oldest);
          break;
        }
      }
    }
    return withinBudget(answer, budget, question);
  }

  private keptFor(version: string): Map<string, Promise<unknown>> {
    const known = this.versions.get(version);
    if (known) return known;
    const kept = new Map<string, Promise<unknown>>();
    this.versions.set(version, kept);
    // Maps iterate in insertion order: the first key is the oldest version.
    for (const old of this.versions.keys()) {
      if (this.versions.size <= 2) break;
      this.versions.delete(old);
    }
    return kept;
  }
}

/** The answer, or the request's TIMEOUT when its own time runs out first (the computation goes on). */
function withinBudget<T>(answer: Promise<T>, budget: RequestBudget, question: string): Promise<T> {
  // The query's name, without the arguments the question carries.
  const query = question.split('{')[0] ?? question;
  const left = budget.remainingMs(query);
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(budget.timeout(query)), left);
    timer.unref();
  });
  return Promise.race([answer, late]).finally(() => clearTimeout(timer));
}
