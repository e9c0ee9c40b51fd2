/**
 * The cost estimate is an honest upper bound: for random documents over the relationship fields
 * on the seed, it is at least the rows the request then reads (the run-time budget's count) and
 * at most a stated factor above them; growing any page size never lowers it; and no query of
 * pages ≤ 100 (at most 100 root rows) is refused on the seed, the reverse walk included.
 */
import fc from 'fast-check';
import { execute, GraphQLObjectType, type GraphQLSchema, getNamedType, parse } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { DegreeStats, type Fanout } from '../../src/db/degrees.js';
import { EDGES, type EdgeName, isPaged } from '../../src/db/model.js';
import { createContext } from '../../src/schema/context.js';
import { estimateRows } from '../../src/schema/estimate.js';
import { buildSchema } from '../../src/schema/index.js';
import { BUDGET } from '../../src/schema/limits.js';
import { FIELD_EDGES } from '../../src/schema/lookahead.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();
let schema: GraphQLSchema;
let fanout: Fanout;
beforeAll(async () => {
  schema = buildSchema();
  fanout = await new DegreeStats(t.db).fanout();
});

/** Estimate and the rows really read (the budget's count) of one document, run directly. */
async function measure(query: string): Promise<{ estimate: number; read: number; errors: readonly unknown[] | undefined }> {
  const document = parse(query);
  const estimate = estimateRows(schema, document, undefined, {}, fanout);
  if (!estimate) throw new Error('no operation');
  const ctx = createContext(t.db, {}, undefined, BUDGET, fanout);
  const result = await execute({ schema, document, contextValue: ctx });
  return { estimate: estimate.rows, read: ctx.budget.rows, errors: result.errors };
}

/** A relationship field a random document can select on a type: how to write it and the type below it. */
interface Step {
  name: string;
  paged: boolean;
  /** The wrapper field holding the node (an authorship's investigator), if any. */
  via?: string;
  target: string;
}

const ROOTS = ['studies', 'biomarkers', 'therapies', 'institutions', 'investigators', 'findings', 'trials', 'diseases', 'sources'];

/** The node type a connection type pages over. */
function connectionNode(connection: GraphQLObjectType): string | undefined {
  const edge = connection.getFields()['edges'] && getNamedType(connection.getFields()['edges']!.type);
  return edge instanceof GraphQLObjectType && edge.getFields()['node'] ? getNamedType(edge.getFields()['node']!.type).name : undefined;
}

function stepsOf(s: GraphQLSchema, typeName: string): Step[] {
  const type = s.getType(typeName);
  if (!(type instanceof GraphQLObjectType)) return [];
  const steps: Step[] = [];
  for (const [name, f] of Object.entries(type.getFields())) {
    const key = `${typeName}.${name}`;
    const small = FIELD_EDGES[key];
    const named = getNamedType(f.type);
    if (!(named instanceof GraphQLObjectType)) continue;
    if (small) {
      const via = small.via;
      const target = via ? getNamedType(named.getFields()[via]!.type).name : named.name;
      steps.push({ name, paged: false, ...(via ? { via } : {}), target });
    } else if (key in EDGES && isPaged(key as EdgeName)) {
      const node = connectionNode(named);
      if (node) steps.push({ name, paged: true, target: node });
    }
  }
  return steps;
}

/** A random selection on `typeName`, `depth` relationship levels deep at most, pages drawn from `page`. */
function selection(s: GraphQLSchema, typeName: string, depth: number, page: fc.Arbitrary<number>): fc.Arbitrary<string> {
  const steps = stepsOf(s, typeName);
  if (depth === 0 || steps.length === 0) return fc.constant('id');
  const one = fc.oneof(
    ...steps.map((st) =>
      fc.tuple(selection(s, st.target, depth - 1, page), page).map(([inner, first]) => {
        if (st.paged) return `${st.name}(first: ${first}) { totalCount edges { node { ${inner} } } }`;
        return st.via ? `${st.name} { ${st.via} { ${inner} } }` : `${st.name} { ${inner} }`;
      }),
    ),
  );
  return fc.array(one, { minLength: 0, maxLength: 2 }).map((fields) => `id ${fields.join(' ')}`);
}

function documents(s: GraphQLSchema, page: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.oneof(
    ...ROOTS.map((root) => {
      const connection = getNamedType(s.getQueryType()!.getFields()[root]!.type);
      const node = connection instanceof GraphQLObjectType ? connectionNode(connection) : undefined;
      if (!node) throw new Error(`${root} is not a connection`);
      return fc.tuple(selection(s, node, 3, page), page).map(([inner, first]) => `{ ${root}(first: ${first}) { totalCount edges { node { ${inner} } } } }`);
    }),
  );
}

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
