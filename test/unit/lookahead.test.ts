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
  });

  it('reads sibling trees of one parent label as columns of one query, and refuses to mix labels', () => {
    const text = treeQuery([
      { edge: 'Study.arms', children: [] },
      { edge: 'Study.findings', children: [{ edge: 'Finding.sources', children: [] }] },
    ]);
    expect(text).toContain('AS t0');
    expect(text).toContain('AS t1');
    expect(text.match(/UNWIND/g)).toHaveLength(1);
    expect(() =>
      treeQuery([
        { edge: 'Study.arms', children: [] },
        { edge: 'Arm.sources', children: [] },
      ]),
    ).toThrow(/one parent label/);
  });
});
