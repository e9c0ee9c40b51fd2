/**
 * The cost estimate is an honest upper bound: for random documents over the relationship fields
 * on the seed, it is at least the rows the request then reads (the run-time budget's count) and
 * at most a stated factor above them; growing any page size never lowers it; and no query of
 * pages ≤ 100 (at most 100 root rows) is refused on the seed, the reverse walk included.
 */
import fc from 'fast-check';
import { type GraphQLSchema, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DegreeStats, type Fanout } from '../../src/db/degrees.js';
import { estimateRows } from '../../src/schema/estimate.js';
import { buildSchema } from '../../src/schema/index.js';
import { BUDGET } from '../../src/schema/limits.js';
import { documents, measure as measureOn } from '../estimate-documents.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();
let schema: GraphQLSchema;
let fanout: Fanout;
beforeAll(async () => {
  schema = buildSchema();
  fanout = await new DegreeStats(t.db).fanout();
});
const measure = (query: string) => measureOn(t.db, schema, fanout, query);

/**
 * The factor the estimate may be above what a request reads (plus a few rows for requests that
 * read almost nothing): per-level worst cases compound, and on these documents (three levels
 * below a root page) the largest seen was 33× (4,236 estimated, 130 read).
 */
const FACTOR = 40;
const SLACK = 50;

describe('the cost estimate', () => {
  it('answers the reverse walk from every biomarker at pages of 100 on the seed, reading no more than estimated', async () => {
    const q =
      '{ biomarkers(first: 100) { edges { node { name findings(first: 100) { edges { node { statement study { shortName institutions { name } authors { role investigator { name } } } } } } } } } }';
    const res = await t.gql(q);
    expect(res.errors).toBeUndefined();
    const m = await measure(q);
    expect(m.errors).toBeUndefined();
    expect(m.read).toBeGreaterThan(100);
    expect(m.estimate).toBeGreaterThanOrEqual(m.read);
    expect(m.estimate).toBeLessThanOrEqual(BUDGET.rows);
  });

  it('estimates an inner page of 5 no higher than one of 20', async () => {
    const q = (n: number): string => `{ biomarkers(first: 100) { edges { node { findings(first: ${n}) { edges { node { study { shortName } } } } } } } }`;
    const five = estimateRows(schema, parse(q(5)), undefined, {}, fanout)!.rows;
    const twenty = estimateRows(schema, parse(q(20)), undefined, {}, fanout)!.rows;
    expect(five).toBeLessThanOrEqual(twenty);
  });

  it('is at least the rows a random document reads on the seed and at most 40 times them (plus 50)', async () => {
    await fc.assert(
      fc.asyncProperty(documents(schema, fc.integer({ min: 0, max: 100 })), async (q) => {
        const m = await measure(q);
        expect(m.errors, q).toBeUndefined();
        expect(m.estimate, q).toBeGreaterThanOrEqual(m.read);
        expect(m.estimate, q).toBeLessThanOrEqual(FACTOR * m.read + SLACK);
      }),
      { numRuns: 60, seed: 7 },
    );
  });

  it('never goes down when a page grows', () => {
    fc.assert(
      fc.property(documents(schema, fc.integer({ min: 0, max: 99 })), fc.nat(), (q, pick) => {
        const pages = [...q.matchAll(/first: (\d+)/g)];
        const m = pages[pick % pages.length]!;
        const grown = `${q.slice(0, m.index)}first: ${Number(m[1]) + 1}${q.slice(m.index + m[0].length)}`;
        const before = estimateRows(schema, parse(q), undefined, {}, fanout)!.rows;
        const after = estimateRows(schema, parse(grown), undefined, {}, fanout)!.rows;
        expect(after, `${q}\n→ ${grown}`).toBeGreaterThanOrEqual(before);
      }),
      { numRuns: 300, seed: 11 },
    );
  });

  it('refuses no random document of pages up to 100 on the seed', async () => {
    await fc.assert(
      fc.asyncProperty(documents(schema, fc.constant(100)), async (q) => {
        const res = await t.gql(q, {}, { 'cache-control': 'no-cache' });
        expect(
          res.errors?.map((e) => e.extensions?.code),
          q,
        ).toBeUndefined();
      }),
      { numRuns: 40, seed: 3 },
    );
  });
});
