/** A failed import leaves the graph as it was: validation before writes, one transaction per unit. */
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { GraphStore } from '../../src/db/graph.js';
import type { Db } from '../../src/db/run.js';
import { readSeed } from '../../src/seed-files/read-seed.js';
import { writeStudy } from '../../src/seed-files/write-seed.js';
import { testDb } from '../helpers.js';

let db: Db;
let close: () => Promise<void>;

beforeAll(async () => ({ db, close } = await testDb()));
afterAll(() => close());

describe('writes to the graph', () => {
  it('roll back a whole study when one statement fails inside its transaction', async () => {
    const store = new GraphStore(db);
    const before = await store.stats();
    const { studies } = await readSeed(path.resolve('test/fixtures/seed-valid'));
    const study = structuredClone(studies[0]!.study);
    // An arm id that already belongs to a Therapy in the seeded graph: the arm's MERGE breaks the
    // Entity.id constraint after the Study node was already written in the same transaction.
    study.id = 'atomicity-probe-study';
    study.arms![0]!.id = 'pembrolizumab';
    await expect(writeStudy(db, study)).rejects.toThrow(/already exists|constraint|conflicts with existing unique nodes/i);
    expect(await store.stats()).toEqual(before);
    expect((await store.nodesByIds(['atomicity-probe-study'])).size).toBe(0);
  });
});
