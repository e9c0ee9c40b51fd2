/**
 * biomarkerEvidence is summarised in the database (bounded at size): on the curated seed
 * the summary ranks exactly as the rule over every finding row does, for every question shape.
 */
import { describe, expect, it } from 'vitest';
import { GraphStore, type EvidenceArgs } from '../../src/db/graph.js';
import { rankBiomarkers, rankSummaries } from '../../src/evidence/rank.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

const BASE: Omit<EvidenceArgs, 'cap'> = { classes: ['radiotherapy', 'immune-checkpoint-blockade'], schedules: null, types: null, measures: null, disease: null };
const QUESTIONS: [string, Omit<EvidenceArgs, 'cap'>][] = [
  ['the default question', BASE],
  ['concurrent schedules only', { ...BASE, schedules: ['CONCURRENT'] }],
  ['sequential schedules only', { ...BASE, schedules: ['SEQUENTIAL'] }],
  ['predictive findings only', { ...BASE, types: ['PREDICTIVE'] }],
  ['overall survival only', { ...BASE, measures: ['OS'] }],
  ['one disease', { ...BASE, disease: 'nsclc' }],
  ['checkpoint blockade alone', { ...BASE, classes: ['immune-checkpoint-blockade'] }],
  ['radiotherapy alone', { ...BASE, classes: ['radiotherapy'] }],
];

describe('the biomarker evidence summary', () => {
  for (const [what, args] of QUESTIONS) {
    it(`ranks ${what} exactly as the rule over every finding does`, async () => {
      const store = new GraphStore(t.db);
      const rows = await store.evidenceRows(args);
      const summary = rankSummaries(await store.evidence({ ...args, cap: 1000 }));
      expect(summary).toEqual(rankBiomarkers(rows));
      if (what === 'the default question') expect(summary.length).toBeGreaterThan(3);
    });
  }

  it('lists at most the cap of each pile, and counts them all', async () => {
    const store = new GraphStore(t.db);
    const full = await store.evidence({ ...BASE, cap: 1000 });
    const capped = await store.evidence({ ...BASE, cap: 1 });
    const many = full.find((s) => s.supportingCount + s.otherCount > 2)!;
    const cut = capped.find((s) => s.biomarker.id === many.biomarker.id)!;
    expect(cut.supporting.length).toBeLessThanOrEqual(1);
    expect(cut.supporting).toEqual(many.supporting.slice(0, 1));
    expect(cut.studies).toEqual(many.studies.slice(0, 1));
    expect([cut.supportingCount, cut.otherCount, cut.studyCount]).toEqual([many.supportingCount, many.otherCount, many.studyCount]);
  });
});
