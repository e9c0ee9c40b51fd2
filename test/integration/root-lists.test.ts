/** Root lists page forward with keyset cursors (flat cost at any size): same rows as one long page, clear errors for foreign cursors. */
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

interface Page {
  totalCount?: number;
  edges: { cursor: string; node: { id: string } }[];
  pageInfo: { hasNextPage: boolean; hasPreviousPage: boolean; endCursor: string | null };
}

async function page(field: string, args: string): Promise<Page> {
  const res = await t.gql<Record<string, Page>>(`{ ${field}(${args}) { totalCount edges { cursor node { id } } pageInfo { hasNextPage hasPreviousPage endCursor } } }`);
  expect(res.errors).toBeUndefined();
  return res.data![field]!;
}

async function walk(field: string, args: string, size: number): Promise<string[]> {
  const ids: string[] = [];
  let after: string | null = null;
  for (let i = 0; i < 100; i += 1) {
    const p: Page = await page(field, `${args} first: ${size}${after ? `, after: "${after}"` : ''}`);
    ids.push(...p.edges.map((e) => e.node.id));
    expect(p.pageInfo.hasPreviousPage).toBe(after !== null);
    if (!p.pageInfo.hasNextPage) return ids;
    after = p.pageInfo.endCursor;
  }
  throw new Error('more than 100 pages');
}

describe('root lists with keyset cursors', () => {
  for (const orderBy of ['YEAR_DESC', 'YEAR_ASC', 'TITLE']) {
    it(`walk every study page by page in ${orderBy} order, the same rows as one long page`, async () => {
      const all = await page('studies', `first: 100, orderBy: ${orderBy}`);
      expect(all.edges.length).toBe(all.totalCount);
      expect(await walk('studies', `orderBy: ${orderBy},`, 3)).toEqual(all.edges.map((e) => e.node.id));
    });
  }

  it('walk a name-filtered list page by page, matching case-insensitively', async () => {
    const all = await page('therapies', 'first: 100, name: "PEMBRO"');
    expect(all.edges.length).toBeGreaterThan(0);
    expect(all.edges.length).toBe(all.totalCount);
    expect(await walk('therapies', 'name: "pembro",', 1)).toEqual(all.edges.map((e) => e.node.id));
  });

  for (const orderBy of ['YEAR_DESC', 'YEAR_ASC']) {
    it(`bound studies by year in ${orderBy} order: the same studies as the unbounded list cut to the years, in its order`, async () => {
      type Years = { studies: { edges: { node: { id: string; year: number | null } }[] } };
      const all = await t.gql<Years>(`{ studies(first: 100, orderBy: ${orderBy}) { edges { node { id year } } } }`);
      const bounded = await t.gql<Years>(`{ studies(first: 100, orderBy: ${orderBy}, filter: { yearFrom: 2019, yearTo: 2021 }) { edges { node { id year } } } }`);
      const expected = all.data!.studies.edges.filter((e) => e.node.year !== null && e.node.year >= 2019 && e.node.year <= 2021).map((e) => e.node.id);
      expect(expected.length).toBeGreaterThan(0);
      expect(bounded.data!.studies.edges.map((e) => e.node.id)).toEqual(expected);
    });
  }

  it('refuse a cursor it did not hand out, or one from another order, naming after', async () => {
    const title = await page('studies', 'first: 1, orderBy: TITLE');
    for (const [query, needle] of [
      ['{ studies(first: 2, after: "not-a-cursor") { edges { cursor } } }', 'not a cursor'],
      [`{ studies(first: 2, orderBy: YEAR_DESC, after: "${title.pageInfo.endCursor}") { edges { cursor } } }`, 'TITLE order'],
      [`{ biomarkers(first: 2, after: "${title.pageInfo.endCursor}") { edges { cursor } } }`, 'TITLE order'],
    ] as const) {
      const res = await t.gql(query);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors?.[0]?.extensions?.['argument']).toBe('after');
      expect(res.errors?.[0]?.message).toContain(needle);
    }
  });

  it('page forward only: last is refused with a clear error', async () => {
    const res = await t.gql('{ institutions(last: 2) { edges { cursor } } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors?.[0]?.extensions?.['argument']).toBe('last');
  });
});
