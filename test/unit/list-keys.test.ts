/** The root lists' stored sort keys order rows exactly as the ORDER BY clauses they replace. */
import { describe, expect, it } from 'vitest';
import { listKeys, withoutListKeys, yearAscPrefix, yearDescPrefix } from '../../src/db/list-keys.js';

const byKey = (key: 'sortName' | 'sortYearAsc' | 'sortYearDesc', rows: Record<string, unknown>[]): string[] =>
  rows
    .map((r) => ({ id: String(r['id']), k: listKeys('Study', r)[key] ?? '' }))
    .sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0))
    .map((r) => r.id);

describe('list keys', () => {
  it('sort names case-insensitively, a name before its longer extensions, ties by id', () => {
    const names = ['Pembro', 'pembro-rt', 'PEMBRO', 'Abc', 'pembro rt'];
    const keys = names.map((name, i) => ({ name, k: listKeys('Therapy', { id: `t${i}`, name }).sortName ?? '' }));
    keys.sort((a, b) => (a.k < b.k ? -1 : a.k > b.k ? 1 : 0));
    expect(keys.map((k) => k.name)).toEqual(['Abc', 'Pembro', 'PEMBRO', 'pembro rt', 'pembro-rt']);
  });

  it('order studies by year up (missing years last) and down (missing years first, as Cypher does), ties by id', () => {
    const rows = [
      { id: 'b', shortName: 'B', year: 2019 },
      { id: 'a', shortName: 'A', year: 2019 },
      { id: 'c', shortName: 'C' },
      { id: 'd', shortName: 'D', year: 2021 },
      { id: 'e', shortName: 'E', year: 2009 },
    ];
    expect(byKey('sortYearAsc', rows)).toEqual(['e', 'a', 'b', 'd', 'c']);
    expect(byKey('sortYearDesc', rows)).toEqual(['c', 'd', 'a', 'b', 'e']);
  });

  it('bound a year range by key prefixes', () => {
    const k2019 = listKeys('Study', { id: 'x', shortName: 'X', year: 2019 });
    expect(k2019.sortYearAsc! >= yearAscPrefix(2019) && k2019.sortYearAsc! < yearAscPrefix(2020)).toBe(true);
    expect(k2019.sortYearDesc! >= yearDescPrefix(2019) && k2019.sortYearDesc! < yearDescPrefix(2018)).toBe(true);
  });

  it('search a study by title and short name, anything else by its name or statement, in lower case', () => {
    expect(listKeys('Study', { id: 's', shortName: 'PEMBRO-RT', title: 'A Phase II Trial' }).findText).toBe('a phase ii trial pembro-rt');
    expect(listKeys('Finding', { id: 'f', statement: 'High TMB went with benefit' }).findText).toBe('high tmb went with benefit');
    expect(listKeys('Arm', { id: 'a', name: 'x' })).toEqual({});
    expect(withoutListKeys({ id: 'x', name: 'N', ...listKeys('Biomarker', { id: 'x', name: 'N' }) })).toEqual({ id: 'x', name: 'N' });
  });
});
