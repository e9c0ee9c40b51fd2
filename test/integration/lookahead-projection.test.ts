/**
 * Lookahead reads only the properties the selected fields read (each field declares them: an
 * exposed field its property, a computed one with `reads`). Proof on the seed: every declaring
 * field, run on every seed node, reads nothing it did not declare and answers the same on the
 * node cut to its declaration; and a query that selects every scalar field of every type a tree
 * reaches answers exactly as the level-by-level path that reads whole nodes.
 */
import { defaultFieldResolver, type GraphQLObjectType, type GraphQLResolveInfo, type GraphQLSchema, getNamedType, isLeafType, isNonNullType, isObjectType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import type { Entity } from '../../src/db/entities.js';
import { isLabel } from '../../src/db/model.js';
import { createContext } from '../../src/schema/context.js';
import { buildSchema } from '../../src/schema/index.js';
import { propertiesRead } from '../../src/schema/lookahead.js';
import { type GqlResult, testApp, useSeededApp, withStatements } from '../helpers.js';

const t = useSeededApp();
let perLevel: ReturnType<typeof testApp>;
beforeAll(() => {
  perLevel = testApp(t.db, { loaderOptions: { lookahead: false } });
});

/**
 * Every scalar and enum field of a type that needs no argument and declares what it reads (a field
 * that declares nothing makes its level read whole nodes, which would prove nothing here).
 */
function scalars(schema: GraphQLSchema, name: string): string {
  const type = schema.getType(name) as GraphQLObjectType;
  return Object.values(type.getFields())
    .filter((f) => isLeafType(getNamedType(f.type)) && !f.args.some((a) => isNonNullType(a.type)))
    .filter((f) => f.name === 'id' || !type.getInterfaces().some((i) => i.name === 'Node') || propertiesRead(type, f.name) !== null)
    .map((f) => f.name)
    .join(' ');
}

describe('lookahead projection', () => {
  it('answers every scalar field of every node a tree reaches exactly as whole nodes do', async () => {
    const s = buildSchema();
    const all = (type: string): string => scalars(s, type);
    // Three queries, in pages of 8 studies: one query would pass the breadth limit (250 fields).
    const queries = [
      `query($after: String) { studies(first: 8, after: $after) { pageInfo { hasNextPage endCursor } edges { node { ${all('Study')}
        arms { ${all('Arm')} therapies { ${all('TherapyUse')} therapy { ${all('Therapy')} broader { ${all('Therapy')} } } }
          outcomes { ${all('Outcome')} sources { ${all('Source')} } experimentalArm { ${all('Arm')} } } sources { ${all('Source')} } } } } } }`,
      `query($after: String) { studies(first: 8, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug outcomes { ${all('Outcome')} secondaryOnly arm { ${all('Arm')} } }
        findings { ${all('Finding')} biomarker { ${all('Biomarker')} } sources { ${all('Source')} } therapies { ${all('Therapy')} } disease { ${all('Disease')} } }
        predictive: findings(type: PREDICTIVE) { statement } } } } }`,
      `query($after: String) { studies(first: 8, after: $after) { pageInfo { hasNextPage endCursor } edges { node { slug institutions { ${all('Institution')} } authors { ${all('Authorship')} investigator { ${all('Investigator')} institutions { ${all('Institution')} } } }
        diseases { ${all('Disease')} broader { ${all('Disease')} } } trials { ${all('StudyTrialLink')} trial { ${all('Trial')} sources { ${all('Source')} } } }
        sources { ${all('Source')} } } } } }`,
    ];
    let size = 0;
    type Page = { studies: { pageInfo: { hasNextPage: boolean; endCursor: string } } };
    let pages = 0;
    for (const q of queries) {
      // Pages of 8 keep each request under the complexity limit; every seed study is covered.
      for (let after: string | null = null, more = true; more; pages += 1) {
        const ahead: GqlResult<Page> = await t.gql<Page>(q, { after });
        expect(ahead.errors?.map((e) => e.message)).toBeUndefined();
        const levels: GqlResult<Page> = await perLevel.gql<Page>(q, { after });
        expect(levels.errors).toBeUndefined();
        expect(ahead.data).toEqual(levels.data);
        size += JSON.stringify(ahead.data).length;
        more = ahead.data!.studies.pageInfo.hasNextPage;
        after = ahead.data!.studies.pageInfo.endCursor;
      }
    }
    expect(pages).toBeGreaterThanOrEqual(12);
    expect(size).toBeGreaterThan(50_000);
  });

  it('runs every declaring field on every seed node reading only what it declares, and answers the same on the node cut to it', async () => {
    const s = buildSchema();
    const ids = await withStatements(t.db, { 'test:entity-ids': 'MATCH (n:Entity) RETURN n.id AS id' }).read('test:entity-ids', {});
    const ctx = createContext(t.db);
    const nodes = [...(await ctx.store.nodesByIds(ids.map((r) => String(r['id'])))).values()];
    // One context per side, so the cut side's loaders never answer from the whole side's cache.
    const wholeCtx = createContext(t.db);
    const cutCtx = createContext(t.db);
    const checked = new Map<string, number>();
    for (const node of nodes) {
      const type = s.getType(node.label);
      if (!isObjectType(type) || !isLabel(type.name)) continue;
      for (const field of Object.values(type.getFields())) {
        const declared = propertiesRead(type, field.name);
        if (declared === null || field.args.some((a) => isNonNullType(a.type))) continue;
        const whole = node as Entity & Record<string, unknown>;
        const seen = new Set<string>();
        const recording = new Proxy(whole, {
          get: (target, key, receiver) => {
            if (typeof key === 'string') seen.add(key);
            return Reflect.get(target, key, receiver);
          },
        });
        const cut = Object.fromEntries(Object.entries(whole).filter(([k]) => k === 'id' || k === 'label' || declared.includes(k)));
        // An empty selection below the field (a relationship read plans no children). An exposed
        // field whose property is its name has graphql's default resolver.
        const info = { fieldNodes: [], variableValues: {}, fragments: {}, parentType: type, fieldName: field.name, schema: s } as unknown as GraphQLResolveInfo;
        const resolve = field.resolve ?? defaultFieldResolver;
        const onWhole: unknown = await resolve(recording, {}, wholeCtx, info);
        const onCut: unknown = await resolve(cut, {}, cutCtx, info);
        const undeclared = [...seen].filter((k) => k !== 'id' && k !== 'label' && k !== 'then' && !declared.includes(k));
        expect({ field: `${type.name}.${field.name}`, undeclared }).toEqual({ field: `${type.name}.${field.name}`, undeclared: [] });
        expect({ field: `${type.name}.${field.name}`, answer: onCut }).toEqual({ field: `${type.name}.${field.name}`, answer: onWhole });
        checked.set(`${type.name}.${field.name}`, (checked.get(`${type.name}.${field.name}`) ?? 0) + 1);
      }
    }
    // Every label's fields ran, computed ones (links, valueText, quote, status) among them.
    expect(checked.size).toBeGreaterThan(120);
    for (const f of ['Study.links', 'Source.links', 'Outcome.valueText', 'Outcome.quote', 'Finding.status', 'Study.enrolledQuote', 'Trial.registryUrl']) {
      expect(checked.get(f) ?? 0, f).toBeGreaterThan(0);
    }
    // A relationship field declares nothing: its level would read whole nodes if it were not skipped.
    expect(propertiesRead(s.getType('Study') as GraphQLObjectType, 'arms')).toBeNull();
    expect([...(propertiesRead(s.getType('Study') as GraphQLObjectType, 'links') ?? [])].sort()).toEqual(['doi', 'pmid']);
  });
});
