/**
 * The estimate's multipliers, on the real schema and a graph shape given by hand: a root page
 * never counts more rows than its label has, a relationship field never more per parent than the
 * graph's largest degree, and past the 95th percentile only for the few parents that can be.
 */
import { parse } from 'graphql';
import { describe, expect, it } from 'vitest';
import type { EdgeName } from '../../src/db/model.js';
import { childrenBound, type Degree, estimateRows, type GraphShape } from '../../src/schema/estimate.js';
import { buildSchema } from '../../src/schema/index.js';

const schema = buildSchema();
const shape = (labels: Record<string, number>, degrees: Partial<Record<EdgeName, Degree>>): GraphShape => ({
  labels: new Map(Object.entries(labels)),
  degrees: new Map(Object.entries(degrees) as [EdgeName, Degree][]),
});
const rows = (q: string, s: GraphShape, variables: Record<string, unknown> = {}): number => estimateRows(schema, parse(q), undefined, variables, s)!.rows;

describe('the cost estimate', () => {
  it('counts a root page of 100 on a label of 31 as the 31 rows there are, plus its count', () => {
    expect(rows('{ studies(first: 100) { totalCount edges { node { slug } } } }', shape({ Study: 31 }, {}))).toBe(32);
    expect(rows('{ studies(first: 10) { edges { node { slug } } } }', shape({ Study: 31 }, {}))).toBe(12);
  });

  it('multiplies a relationship field by its largest degree, not its list cap', () => {
    const s = shape({ Study: 31, Arm: 80 }, { 'Study.arms': { p95: 4, max: 4 } });
    // 31 studies (+1 count row) + 31 × 4 arms + a row per parent.
    expect(rows('{ studies(first: 100) { edges { node { arms { slug } } } } }', s)).toBe(32 + 124 + 31);
  });

  it('counts beyond the 95th percentile only for the parents that can lie above it', () => {
    // 1,000 parents of a label of 10,000: at most 501 lie above a p95 of 3, each up to 50.
    expect(childrenBound(1000, 201, { p95: 3, max: 50 }, 10_000)).toBe(1000 * 3 + 501 * 47);
    expect(childrenBound(10, 201, { p95: 3, max: 50 }, 10_000)).toBe(10 * 50);
    // A page smaller than the degree bounds it.
    expect(childrenBound(10, 6, { p95: 3, max: 50 }, 10_000)).toBe(10 * 3 + 10 * 3);
  });

  it('never goes down as an inner page grows, and an inner page of 5 costs less than one of 20', () => {
    const s = shape({ Biomarker: 30, Finding: 300, Study: 31 }, { 'Biomarker.findings': { p95: 12, max: 40 }, 'Finding.study': { p95: 1, max: 1 } });
    const q = (n: number): string => `{ biomarkers(first: 100) { edges { node { findings(first: ${n}) { edges { node { study { slug } } } } } } } }`;
    const seq = [0, 1, 5, 11, 12, 13, 20, 39, 40, 41, 100].map((n) => rows(q(n), s));
    for (let i = 1; i < seq.length; i++) expect(seq[i]).toBeGreaterThanOrEqual(seq[i - 1]!);
    expect(rows(q(5), s)).toBeLessThan(rows(q(20), s));
  });

  it('leaves out what @skip drops and @include does not keep', () => {
    const s = shape({ Study: 31 }, { 'Study.arms': { p95: 4, max: 4 } });
    const q = 'query($x: Boolean!) { studies(first: 100) { edges { node { arms @include(if: $x) { slug } } } } }';
    expect(rows(q, s, { x: false })).toBe(32);
    expect(rows(q, s, { x: true })).toBe(32 + 124 + 31);
  });

  it('follows fragments and the node a lookup returns', () => {
    const s = shape({ Biomarker: 30 }, { 'Biomarker.findings': { p95: 12, max: 40 } });
    const q = '{ entity(slug: "tumor-aneuploidy") { ...B } } fragment B on Biomarker { findings(first: 100) { edges { node { slug } } } }';
    // 1 lookup + up to 40 findings + a page and a count row.
    expect(rows(q, s)).toBe(1 + 40 + 2);
  });
});
