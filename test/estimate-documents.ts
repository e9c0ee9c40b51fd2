/**
 * Random documents over the relationship fields, and what one costs: the estimate against the rows
 * a request really reads (the run-time budget's count). Shared by the cost-estimate property tests
 * on the seed (test/integration) and on the large synthetic graph (test/size).
 */
import fc from 'fast-check';
import { execute, GraphQLObjectType, type GraphQLSchema, getNamedType, parse } from 'graphql';
import type { Fanout } from '../src/db/degrees.js';
import { EDGES, type EdgeName, isPaged } from '../src/db/model.js';
import type { Db } from '../src/db/run.js';
import { createContext } from '../src/schema/context.js';
import { estimateRows } from '../src/schema/estimate.js';
import { BUDGET } from '../src/schema/limits.js';
import { FIELD_EDGES } from '../src/schema/lookahead.js';

/** Estimate and the rows really read (the budget's count) of one document, run directly against `db`. */
export async function measure(
  db: Db,
  schema: GraphQLSchema,
  fanout: Fanout,
  query: string,
  run = true,
): Promise<{ estimate: number; read: number; errors: readonly unknown[] | undefined }> {
  const document = parse(query);
  const estimate = estimateRows(schema, document, undefined, {}, fanout);
  if (!estimate) throw new Error('no operation');
  // The estimate alone (run false): what the cost check decides before anything is read.
  if (!run) return { estimate: estimate.rows, read: 0, errors: undefined };
  const ctx = createContext(db, { limits: BUDGET, fanout });
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

export function documents(s: GraphQLSchema, page: fc.Arbitrary<number>): fc.Arbitrary<string> {
  return fc.oneof(
    ...ROOTS.map((root) => {
      const connection = getNamedType(s.getQueryType()!.getFields()[root]!.type);
      const node = connection instanceof GraphQLObjectType ? connectionNode(connection) : undefined;
      if (!node) throw new Error(`${root} is not a connection`);
      return fc.tuple(selection(s, node, 3, page), page).map(([inner, first]) => `{ ${root}(first: ${first}) { totalCount edges { node { ${inner} } } } }`);
    }),
  );
}
