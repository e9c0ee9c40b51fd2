/**
 * A request that outgrows its run-time budget while running is stopped with RESULT_TOO_LARGE,
 * and the error says how far it got: the limit, what it had read, and the query that passed it.
 */
import { describe, expect, it } from 'vitest';
import { RequestBudget } from '../../src/db/budget.js';

describe('the run-time row and byte budget', () => {
  it('stops the request that reads one row past the limit, with the rows read and the query named', () => {
    const budget = new RequestBudget({ rows: 3, bytes: 1_000_000, ms: 60_000 });
    for (let i = 0; i < 3; i++) budget.charge({ id: `s${i}` }, 'list:Study');
    let caught: unknown;
    try {
      budget.charge({ id: 's3' }, 'tree:Study.arms');
    } catch (err) {
      caught = err;
    }
    const e = caught as { message: string; extensions: Record<string, unknown> };
    expect(e.extensions['code']).toBe('RESULT_TOO_LARGE');
    expect(e.extensions).toMatchObject({ limit: 'rows', max: 3, actual: 4, rows: 4, query: 'tree:Study.arms' });
    expect(e.message).toMatch(/more than 3 rows .* it had read 4 \(4 rows, about \d+ bytes\) when query "tree:Study.arms" passed the limit/);
  });

  it('counts a tree row for every hit it carries, and fails every later query of the request the same way', () => {
    const budget = new RequestBudget({ rows: 10, bytes: 1_000_000, ms: 60_000 });
    budget.charge({ key: 'a' }, 'tree:Study.arms', 8);
    expect(() => budget.charge({ key: 'b' }, 'tree:Study.arms', 5)).toThrow(/it had read 13/);
    expect(() => budget.charge({ key: 'c' }, 'list:Biomarker')).toThrow(/it had read 13/);
  });

  it('stops on bytes too, naming them', () => {
    const budget = new RequestBudget({ rows: 1000, bytes: 50, ms: 60_000 });
    expect(() => budget.charge({ statement: 'x'.repeat(60) }, 'list:Finding')).toThrow(/more than 50 bytes/);
  });
});
