/**
 * The per-version store of whole-graph aggregates (src/db/aggregates.ts). No database: what is
 * under test is when an answer is computed, kept, dropped and awaited, so the Db it hands to the
 * computation is a stand-in that only carries the write clock; the answers are made up by the
 * computations themselves.
 */
import { describe, expect, it } from 'vitest';
import { Aggregates } from '../../src/db/aggregates.js';
import { RequestBudget } from '../../src/db/budget.js';
import { type Db, WriteClock } from '../../src/db/run.js';

function fakeDb(clock = new WriteClock()): Db {
  const db = { writeClock: clock, withBudget: () => db } as unknown as Db;
  return db;
}

const LIMITS = { maxKept: 3, budget: { rows: 10, bytes: 1000, ms: 60_000 } };
/** Computations that answer their value and count how often they ran. */
function counting(): { compute: (v: string) => () => Promise<string>; runs: () => number } {
  let n = 0;
  return {
    compute: (v) => async () => {
      n += 1;
      return v;
    },
    runs: () => n,
  };
}

const roomy = (): RequestBudget => new RequestBudget({ rows: 10, bytes: 1000, ms: 60_000 });

describe('whole-graph aggregates kept per graph version', () => {
  it('computes a question once per version, however many requests ask it at once', async () => {
    const store = new Aggregates(LIMITS);
    const db = fakeDb();
    let runs = 0;
    const compute = async () => {
      runs += 1;
      await new Promise((r) => setTimeout(r, 20));
      return 42;
    };
    const answers = await Promise.all(Array.from({ length: 8 }, () => store.get('r1', 'q', db, roomy(), compute)));
    expect(answers).toEqual(Array(8).fill(42));
    expect(runs).toBe(1);
    expect(await store.get('r1', 'q', db, roomy(), compute)).toBe(42);
    expect(runs).toBe(1);
  });

  it('computes again after a write in this process or a new release, never answering from the old graph', async () => {
    const clock = new WriteClock();
    const db = fakeDb(clock);
    const store = new Aggregates(LIMITS);
    let graph = 'before';
    const compute = async () => graph;
    expect(await store.get('r1', 'q', db, roomy(), compute)).toBe('before');
    graph = 'after a write';
    clock.tick();
    expect(await store.get('r1', 'q', db, roomy(), compute)).toBe('after a write');
    graph = 'after another release';
    expect(await store.get('r2', 'q', db, roomy(), compute)).toBe('after another release');
  });

  it('keeps the newer answers when a request that started before a release change asks with the older release', async () => {
    const store = new Aggregates(LIMITS);
    const db = fakeDb();
    const { compute, runs } = counting();
    await store.get('r1', 'q', db, roomy(), compute('old graph'));
    expect(await store.get('r2', 'q', db, roomy(), compute('new graph'))).toBe('new graph');
    // A late request of release r1 gets r1's answer, and r2's stays kept.
    expect(await store.get('r1', 'q', db, roomy(), compute('old graph again'))).toBe('old graph');
    expect(await store.get('r2', 'q', db, roomy(), compute('new graph again'))).toBe('new graph');
    expect(runs()).toBe(2);
  });

  it('forgets a failed computation, so the next request tries again', async () => {
    const store = new Aggregates(LIMITS);
    const db = fakeDb();
    await expect(store.get('r1', 'q', db, roomy(), () => Promise.reject(new Error('neo4j went away')))).rejects.toThrow('neo4j went away');
    expect(await store.get('r1', 'q', db, roomy(), async () => 'answered')).toBe('answered');
  });

  it('keeps at most maxKept questions, the least recently asked leaving first', async () => {
    const store = new Aggregates(LIMITS);
    const db = fakeDb();
    const { compute, runs } = counting();
    for (const q of ['a', 'b', 'c']) await store.get('r1', q, db, roomy(), compute(q));
    await store.get('r1', 'a', db, roomy(), compute('a'));
    await store.get('r1', 'd', db, roomy(), compute('d'));
    expect(store.size).toBe(3);
    expect(runs()).toBe(4);
    await store.get('r1', 'a', db, roomy(), compute('a'));
    expect(runs()).toBe(4);
    await store.get('r1', 'b', db, roomy(), compute('b'));
    expect(runs()).toBe(5);
  });

  it('answers TIMEOUT when the request runs out of time, and keeps computing for the next request', async () => {
    const store = new Aggregates(LIMITS);
    const db = fakeDb();
    let finish: (v: string) => void = () => undefined;
    const slow = new Promise<string>((r) => {
      finish = r;
    });
    const hurried = new RequestBudget({ rows: 10, bytes: 1000, ms: 30 });
    await expect(store.get('r1', 'biomarker-evidence{"classes":[]}', db, hurried, () => slow)).rejects.toMatchObject({
      extensions: { code: 'TIMEOUT' },
      message: expect.stringContaining('biomarker-evidence'),
    });
    finish('ranked');
    expect(await store.get('r1', 'biomarker-evidence{"classes":[]}', db, roomy(), async () => 'computed twice')).toBe('ranked');
  });
});
