/**
 * Lookahead reads only the properties the selected fields read (learned by probing each scalar
 * resolver once). Proof on the seed: a query that selects every scalar field of every type a
 * tree reaches answers exactly as the level-by-level path that reads whole nodes.
 */
import { type GraphQLObjectType, type GraphQLSchema, getNamedType, isLeafType, isNonNullType } from 'graphql';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSchema } from '../../src/schema/index.js';
import { propertiesRead } from '../../src/schema/lookahead.js';
import { type GqlResult, testApp, useSeededApp } from '../helpers.js';

const t = useSeededApp();
let perLevel: ReturnType<typeof testApp>;
beforeAll(() => {
  perLevel = testApp(t.db, { loaderOptions: { lookahead: false } });
});

/**
 * Every scalar and enum field of a type that needs no argument and whose reads the probe learns
 * (a field it cannot probe makes its level read whole nodes, which would prove nothing here).
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

  it('learns the properties a plain field reads, and reads whole nodes for a field it cannot probe', () => {
    const s = buildSchema();
    const study = s.getType('Study') as GraphQLObjectType;
    expect(propertiesRead(study, 'shortName')).toEqual(['shortName']);
    expect([...(propertiesRead(study, 'links') ?? [])].sort()).toEqual(['doi', 'pmid']);
    // A relationship field needs the context: unknown, so a level selecting it alone would read everything.
    expect(propertiesRead(study, 'arms')).toBeNull();
  });
});
