/** The lookahead table and tree plans: what decides which relationship fields are read together. */
import { GraphQLObjectType, getNamedType } from 'graphql';
import { describe, expect, it } from 'vitest';
import { EDGES, type EdgeName } from '../../src/db/model.js';
import { isPrefetchable, mergePlans, planKey, treeQuery } from '../../src/db/tree.js';
import { buildSchema } from '../../src/schema/index.js';
import { FIELD_EDGES } from '../../src/schema/lookahead.js';

describe('selection-set lookahead', () => {
  it('names only fields the schema has, each returning the node type its relationship field reaches', () => {
    const schema = buildSchema();
    const wrong: string[] = [];
    for (const [field, { edge, via }] of Object.entries(FIELD_EDGES)) {
      const [typeName, fieldName] = field.split('.') as [string, string];
      const type = schema.getType(typeName);
      const f = type instanceof GraphQLObjectType ? type.getFields()[fieldName] : undefined;
      let target = f ? getNamedType(f.type) : undefined;
      if (via && target instanceof GraphQLObjectType) target = getNamedType(target.getFields()[via]!.type);
      if (!target || target.name !== EDGES[edge].to || typeName !== EDGES[edge].from) wrong.push(`${field} → ${edge} (${target?.name ?? 'missing'})`);
      if (!isPrefetchable(edge)) wrong.push(`${field}: ${edge} is paged`);
    }
    expect(wrong).toEqual([]);
  });

  it('merges two selections of one field into one plan, so equal shapes share one batched query', () => {
    const a = mergePlans([
      { edge: 'Study.arms', children: [{ edge: 'Arm.outcomes', children: [] }] },
      { edge: 'Study.findings', children: [] },
      { edge: 'Study.arms', children: [{ edge: 'Arm.therapies', children: [{ edge: 'Therapy.broader', children: [] }] }] },
    ]);
    expect(a.map(planKey)).toEqual(['Study.arms{Arm.outcomes,Arm.therapies{Therapy.broader}}', 'Study.findings']);
  });

  it('writes a tree from the model’s patterns only, with every level capped and parameterised', () => {
    const text = treeQuery([{ edge: 'Study.arms', children: [{ edge: 'Arm.therapies', children: [{ edge: 'Therapy.broader', children: [] }] }] }]);
    expect(text.match(/LIMIT \$cap/g)).toHaveLength(3);
    expect(text).toContain('UNWIND $keys AS key');
    for (const e of ['Study.arms', 'Arm.therapies', 'Therapy.broader'] as EdgeName[]) expect(text).toContain(EDGES[e].rel as string);
    // The whole text, pinned: a change to the generated Cypher shows up here as a diff to review.
    expect(text).toMatchInlineSnapshot(`
      "UNWIND $keys AS key
      MATCH (p0:Study {id: key})
      RETURN key, COLLECT {
        MATCH (p0)-[r1:HAS_ARM]->(c1:Arm)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], properties(c1), {},
        COLLECT {
          MATCH (c1)-[r2:RECEIVED]->(c2:Therapy)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], properties(c2), properties(r2),
          COLLECT {
            MATCH (c2)-[r3:IS_A]->(c3:Therapy)
            RETURN [[l IN labels(c3) WHERE l <> 'Entity'][0], properties(c3), {}] AS hit
            ORDER BY c3.name
            LIMIT $cap
          }] AS hit
          ORDER BY r2.order, c2.name
          LIMIT $cap
        }] AS hit
        ORDER BY c1.id
        LIMIT $cap
      } AS t0"
    `);
  });

  it('reads only the id and the properties a projected level names, where a level without a projection reads whole nodes', () => {
    const text = treeQuery([
      { edge: 'Study.arms', props: ['name', 'n'], children: [] },
      { edge: 'Study.findings', props: ['statement', 'type'], children: [{ edge: 'Finding.sources', children: [] }] },
    ]);
    expect(text).toMatchInlineSnapshot(`
      "UNWIND $keys AS key
      MATCH (p0:Study {id: key})
      RETURN key, COLLECT {
        MATCH (p0)-[r1:HAS_ARM]->(c1:Arm)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], c1 {.id, .name, .n}, {}] AS hit
        ORDER BY c1.id
        LIMIT $cap
      } AS t0,
      COLLECT {
        MATCH (p0)-[r1:HAS_FINDING]->(c1:Finding)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], c1 {.id, .statement, .type}, {},
        COLLECT {
          MATCH (c1)-[r2:SOURCED_FROM]->(c2:Source)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], properties(c2), {}] AS hit
          ORDER BY c2.id
          LIMIT $cap
        }] AS hit
        ORDER BY c1.type, c1.id
        LIMIT $cap
      } AS t1"
    `);
  });

  it('reads sibling trees of one parent label as columns of one query, and refuses to mix labels', () => {
    const text = treeQuery([
      { edge: 'Study.arms', children: [] },
      { edge: 'Study.findings', children: [{ edge: 'Finding.sources', children: [] }] },
    ]);
    expect(text).toContain('AS t0');
    expect(text).toContain('AS t1');
    expect(text.match(/UNWIND/g)).toHaveLength(1);
    expect(text).toMatchInlineSnapshot(`
      "UNWIND $keys AS key
      MATCH (p0:Study {id: key})
      RETURN key, COLLECT {
        MATCH (p0)-[r1:HAS_ARM]->(c1:Arm)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], properties(c1), {}] AS hit
        ORDER BY c1.id
        LIMIT $cap
      } AS t0,
      COLLECT {
        MATCH (p0)-[r1:HAS_FINDING]->(c1:Finding)
        RETURN [[l IN labels(c1) WHERE l <> 'Entity'][0], properties(c1), {},
        COLLECT {
          MATCH (c1)-[r2:SOURCED_FROM]->(c2:Source)
          RETURN [[l IN labels(c2) WHERE l <> 'Entity'][0], properties(c2), {}] AS hit
          ORDER BY c2.id
          LIMIT $cap
        }] AS hit
        ORDER BY c1.type, c1.id
        LIMIT $cap
      } AS t1"
    `);
    expect(() =>
      treeQuery([
        { edge: 'Study.arms', children: [] },
        { edge: 'Arm.sources', children: [] },
      ]),
    ).toThrow(/one parent label/);
  });
});
