import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { type CatalogInput, SyntheticPlan, syntheticPrefix } from '../../src/synthetic/generate.js';

/** The curated catalog as the generator reads it from the database, taken from the seed files. */
function seedCatalog(): CatalogInput {
  const read = <T>(name: string): T => JSON.parse(readFileSync(path.resolve('seed/catalog', `${name}.json`), 'utf8')) as T;
  const therapies = read<{ id: string; name: string; kind: string; isA?: string[] }[]>('therapies');
  return {
    therapies: therapies.map((t) => ({ id: t.id, name: t.name, kind: t.kind, parents: t.isA ?? [] })),
    biomarkers: read<{ id: string; name: string }[]>('biomarkers').map((b) => ({ id: b.id, name: b.name })),
    diseases: read<{ id: string }[]>('diseases').map((d) => d.id),
  };
}

interface Row {
  id: string;
  study?: string;
  biomarker?: string;
  institutions?: string[];
  therapies?: ({ therapy: string } | string)[];
}

function allRows(plan: SyntheticPlan, batch: number) {
  const out = { sources: [] as unknown[], studies: [] as unknown[], arms: [] as unknown[], outcomes: [] as unknown[], findings: [] as unknown[] };
  for (let from = 0; from < plan.opts.studies; from += batch) {
    const b = plan.studyBatch(from, from + batch);
    for (const key of Object.keys(out) as (keyof typeof out)[]) out[key].push(...b[key]);
  }
  return out;
}

describe('the synthetic graph generator', () => {
  const catalog = seedCatalog();

  it('gives the same graph for the same seed and size, however the studies are batched', () => {
    const a = new SyntheticPlan(catalog, { studies: 300, seed: 7 });
    const b = new SyntheticPlan(catalog, { studies: 300, seed: 7 });
    expect(JSON.stringify(b.poolRows)).toBe(JSON.stringify(a.poolRows));
    expect(JSON.stringify(allRows(b, 37))).toBe(JSON.stringify(allRows(a, 1000)));
  });

  it('gives another graph, under other ids, for another seed', () => {
    const a = allRows(new SyntheticPlan(catalog, { studies: 50, seed: 1 }), 50);
    const b = allRows(new SyntheticPlan(catalog, { studies: 50, seed: 2 }), 50);
    expect((a.studies[0] as Row).id).toBe(`${syntheticPrefix(1)}study-0`);
    expect((b.studies[0] as Row).id).toBe(`${syntheticPrefix(2)}study-0`);
    expect(JSON.stringify(b.findings).replaceAll('syn-2-', 'syn-1-')).not.toBe(JSON.stringify(a.findings));
  });

  it('gives every node a unique slug id under the seed prefix', () => {
    const plan = new SyntheticPlan(catalog, { studies: 500, seed: 3 });
    const rows = allRows(plan, 500);
    const ids = [...Object.values(plan.poolRows), ...Object.values(rows)].flat().map((r) => (r as Row).id);
    expect(ids.length).toBe(plan.poolNodeCount + Object.values(rows).reduce((n, r) => n + r.length, 0));
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids) expect(id).toMatch(/^syn-3-[a-z0-9]+(?:-[a-z0-9]+)*$/);
  });

  it('gives each study 2 to 4 arms that received catalog therapies, and findings about catalog or synthetic biomarkers', () => {
    const plan = new SyntheticPlan(catalog, { studies: 400, seed: 1 });
    const rows = allRows(plan, 400);
    const armsPerStudy = new Map<string, number>();
    for (const arm of rows.arms as Row[]) armsPerStudy.set(arm.study ?? '', (armsPerStudy.get(arm.study ?? '') ?? 0) + 1);
    expect(armsPerStudy.size).toBe(400);
    for (const n of armsPerStudy.values()) expect(n).toBeGreaterThanOrEqual(2);
    for (const n of armsPerStudy.values()) expect(n).toBeLessThanOrEqual(4);
    const therapyIds = new Set(catalog.therapies.map((t) => t.id));
    for (const arm of rows.arms as Row[]) for (const t of arm.therapies ?? []) expect(therapyIds.has(typeof t === 'string' ? t : t.therapy)).toBe(true);
    const biomarkerIds = new Set([...catalog.biomarkers.map((b) => b.id), ...plan.poolRows.biomarkers.map((b) => b.id)]);
    for (const f of rows.findings as Row[]) expect(biomarkerIds.has(f.biomarker ?? '')).toBe(true);
    // The curated biomarkers hold the most popular ranks, so real names gather synthetic findings.
    expect((rows.findings as Row[]).filter((f) => f.biomarker === 'blood-tcr-clonal-dynamics').length).toBeGreaterThan(10);
  });

  it('makes a few institutions hubs: the most popular has many times the studies of the median one', () => {
    const plan = new SyntheticPlan(catalog, { studies: 5000, seed: 1 });
    const counts = new Map<string, number>();
    for (const s of allRows(plan, 5000).studies as Row[]) for (const i of s.institutions ?? []) counts.set(i, (counts.get(i) ?? 0) + 1);
    const sorted = [...counts.values()].sort((x, y) => y - x);
    const top = sorted[0] ?? 0;
    const median = sorted[Math.floor(sorted.length / 2)] ?? 1;
    expect(top).toBeGreaterThan(1000);
    expect(top).toBeGreaterThan(20 * median);
  });

  it('gives every trial a registry record with a status, a mapped disease and two arms, about a quarter of them recruiting', () => {
    const plan = new SyntheticPlan(catalog, { studies: 4000, seed: 1 });
    const { trials, records, recordArms } = plan.poolRows;
    expect(records.length).toBe(trials.length);
    expect(new Set(records.map((r) => r.trial))).toEqual(new Set(trials.map((t) => t.id)));
    const diseases = new Set(catalog.diseases);
    for (const rec of records) {
      expect(rec.props['kind']).toBe('REGISTRY_RECORD');
      expect(diseases.has(rec.disease)).toBe(true);
      expect(recordArms.filter((a) => a.study === rec.id).length).toBe(2);
    }
    const statuses = records.map((r) => String(r.props['overallStatus']));
    const recruiting = statuses.filter((s) => s === 'RECRUITING' || s === 'ENROLLING_BY_INVITATION').length / statuses.length;
    expect(recruiting).toBeGreaterThan(0.2);
    expect(recruiting).toBeLessThan(0.36);
    expect(new Set(statuses).size).toBeGreaterThanOrEqual(8);
    // The bench's trials filter (recruiting, an anti-PD-1 drug, metastatic NSCLC) has answers from the records alone.
    const antiPd1 = new Set(catalog.therapies.filter((t) => t.parents.includes('anti-pd-1')).map((t) => t.id));
    const matching = records.filter(
      (rec) =>
        rec.props['overallStatus'] === 'RECRUITING' &&
        rec.disease === 'metastatic-nsclc' &&
        recordArms.some((a) => a.study === rec.id && a.therapies.some((t) => antiPd1.has(t.therapy))),
    );
    expect(matching.length).toBeGreaterThan(5);
  });

  it('refuses a catalog without radiotherapy techniques, naming what is missing', () => {
    const noRt = { ...catalog, therapies: catalog.therapies.filter((t) => t.id !== 'radiotherapy' && !t.parents.includes('radiotherapy')) };
    expect(() => new SyntheticPlan(noRt, { studies: 10, seed: 1 })).toThrow(/IS_A "radiotherapy".*Load the seed first/);
  });
});
