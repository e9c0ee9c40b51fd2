/**
 * What one request may cost the database and the server's memory: rows read, bytes read and
 * wall time. Charged at the Db chokepoint as records stream in, so a walk that would pull a whole
 * 100k-study graph into the heap stops at the limit with RESULT_TOO_LARGE instead of an
 * out-of-memory; the time left is also handed to Neo4j as the transaction timeout.
 */
import type { GraphQLError } from 'graphql';
import { userError } from '../errors.js';

export interface BudgetLimits {
  rows: number;
  bytes: number;
  ms: number;
}

export class RequestBudget {
  rows = 0;
  bytes = 0;
  private readonly deadline: number;
  /** Once spent, every later query of the request fails at once with the same error. */
  private spent: GraphQLError | undefined;

  constructor(
    readonly limits: BudgetLimits,
    now = Date.now(),
  ) {
    this.deadline = now + limits.ms;
  }

  /** Milliseconds left; throws TIMEOUT when none are. */
  remainingMs(query: string): number {
    if (this.spent) throw this.spent;
    const left = this.deadline - Date.now();
    if (left <= 0) throw this.timeout(query);
    return left;
  }

  timeout(query: string): GraphQLError {
    this.spent ??= userError(`the request ran longer than ${this.limits.ms} ms (stopped in query "${query}"); ask for less or narrow the filters`, 'TIMEOUT', {
      limit: 'ms',
      max: this.limits.ms,
    });
    return this.spent;
  }

  /** Counts one record (standing for `rows` rows when it nests them); throws RESULT_TOO_LARGE past the row or byte limit. */
  charge(record: unknown, query: string, rows = 1): void {
    if (this.spent) throw this.spent;
    this.rows += rows;
    this.bytes += approximateBytes(record);
    const over = this.rows > this.limits.rows ? 'rows' : this.bytes > this.limits.bytes ? 'bytes' : undefined;
    if (!over) return;
    const max = over === 'rows' ? this.limits.rows : this.limits.bytes;
    const read = over === 'rows' ? this.rows : this.bytes;
    this.spent = userError(
      `the request would read more than ${max} ${over} from the graph: it had read ${read} (${this.rows} rows, about ${this.bytes} bytes) when query "${query}" passed the limit; ask for smaller pages or fewer nested lists`,
      'RESULT_TOO_LARGE',
      { limit: over, max, actual: read, rows: this.rows, bytes: this.bytes, query },
    );
    throw this.spent;
  }
}

/** Size of a record's data as UTF-16 string lengths plus 8 per number: cheap, proportional, no serialising. */
export function approximateBytes(value: unknown): number {
  if (typeof value === 'string') return value.length;
  if (typeof value === 'number' || typeof value === 'boolean') return 8;
  if (value === null || value === undefined) return 1;
  if (Array.isArray(value)) {
    let n = 2;
    for (let i = 0; i < value.length; i++) n += approximateBytes(value[i]);
    return n;
  }
  if (typeof value === 'object') {
    // for…in, not Object.entries: this runs on every record of every request, and the entry
    // arrays were a measurable share of the garbage a nested query left behind.
    let n = 2;
    const o = value as Record<string, unknown>;
    for (const k in o) n += k.length + approximateBytes(o[k]);
    return n;
  }
  return 8;
}
