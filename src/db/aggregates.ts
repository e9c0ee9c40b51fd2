/**
 * Whole-graph aggregates kept per version of the graph: the biomarker ranking and the
 * filtered-studies count. Both read every qualifying finding or study, so their cost grows with
 * the graph (8 s for the ranking at 100k studies) while their answer changes only when the graph
 * is written. Each is therefore computed once per graph version and question, and every request
 * after that reads the kept answer: the cost of a request no longer depends on the graph's size.
 *
 * - The version is the release the request is answered from (changes with any write, by any
 *   process, once the release is refreshed) and this process's write clock (changes at once
 *   with every write made here). A new version drops every kept answer.
 * - One computation per version and question: concurrent requests await the same one. It runs
 *   under its own budget (`AGGREGATE_LIMITS`), not the first requester's, so a requester that
 *   runs out of time answers TIMEOUT while the computation goes on for the next one; a failed
 *   computation is forgotten and the next request tries again.
 * - At most `max` questions are kept (oldest first out): memory stays bounded whatever the
 *   clients ask.
 */
import { RequestBudget, type BudgetLimits } from './budget.js';
import type { Db } from './run.js';

export interface AggregateLimits {
  /** Questions kept per version. */
  maxKept: number;
  /** What one computation may cost (its own budget, not a request's). */
  budget: BudgetLimits;
}

export class Aggregates {
  private version = '';
  private readonly kept = new Map<string, Promise<unknown>>();

  constructor(private readonly limits: AggregateLimits) {}

  /** Questions kept for the current version (for tests and metrics). */
  get size(): number {
    return this.kept.size;
  }

  /**
   * The answer to `question` (a stable text of the query name and its parameters) at `release`,
   * computed by `compute` at most once per version, awaited within what the request's `budget`
   * has left. The request that computes it counts its queries (its `db` with a budget of the
   * computation's own); the others cost no query.
   */
  async get<T>(release: string, question: string, db: Db, budget: RequestBudget, compute: (db: Db) => Promise<T>): Promise<T> {
    const version = `${release}:${db.writeClock.version}`;
    if (version !== this.version) {
      this.version = version;
      this.kept.clear();
    }
    let answer = this.kept.get(question) as Promise<T> | undefined;
    if (answer) {
      // Refresh its place: the least recently asked question leaves first.
      this.kept.delete(question);
      this.kept.set(question, answer);
    } else {
      answer = compute(db.withBudget(new RequestBudget(this.limits.budget)));
      this.kept.set(question, answer);
      answer.catch(() => {
        if (this.kept.get(question) === answer) this.kept.delete(question);
      });
      while (this.kept.size > this.limits.maxKept) {
        const oldest = this.kept.keys().next().value as string;
        this.kept.delete(oldest);
      }
    }
    return withinBudget(answer, budget, question);
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
