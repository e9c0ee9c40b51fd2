/**
 * The evidence-gap map: biomarker × schedule × setting. Each cell holds the findings placed in
 * it, their strongest kind of evidence, the patients behind them, and the registered trials
 * whose arms (therapies and schedule) and disease cover the cell, so a reader sees where the
 * evidence is missing and which trial could still supply it.
 *
 * Placement: a finding's schedule is its own, else the non-monotherapy schedules of the arms it
 * contrasts; its setting is its own disease, else its study's diseases. A finding with neither
 * a schedule nor such arms is listed apart (`unplaced`), never guessed into a cell.
 */
import { z } from 'zod';
import type { Db } from '../db/run.js';
import { Schedule, TrialLink } from '../model/vocabulary.js';
import { type GapEvidence, strengthOf } from './evidence-strength.js';

const num = z.unknown().transform((v) => (v === null || v === undefined ? null : Number(v)));
const FindingRow = z.object({
  biomarker: z.string(),
  finding: z.string(),
  type: z.string(),
  direction: z.string(),
  schedule: Schedule.nullable(),
  armSchedules: z.array(Schedule.nullable()),
  findingDiseases: z.array(z.string()),
  studyDiseases: z.array(z.string()),
  study: z.string(),
  enrolled: num,
  patients: num,
  trials: z.array(z.string()),
});
type FindingRow = z.infer<typeof FindingRow>;

const TrialRow = z.object({
  trial: z.string(),
  link: TrialLink.nullable(),
  schedule: Schedule.nullable(),
  diseases: z.array(z.string()),
  biomarkers: z.array(z.string()),
  status: z.string().nullable(),
});

/** Registry statuses of a trial taking patients now, and of one that goes on without recruiting (the same sets as Trial.registration). */
const RECRUITING = new Set(['RECRUITING', 'ENROLLING_BY_INVITATION']);
const ACTIVE = new Set(['ACTIVE_NOT_RECRUITING']);

export interface GapTrial {
  trial: string;
  /** CONFIRMED when a source ties a study of the cell's kind to the trial, else CANDIDATE. */
  link: TrialLink;
  /** Biomarkers its studies reported findings on (its known biomarker focus). */
  biomarkers: string[];
  /** Whether the trial already reported a finding on this row's biomarker. */
  reportsBiomarker: boolean;
  /** Its registry record's overall status; null when no record is imported. */
  status: string | null;
}

export interface GapCell {
  schedule: Schedule;
  setting: string;
  evidence: GapEvidence;
  findings: string[];
  studies: string[];
  /** Per population (confirmed trial, else study) the largest figure given, summed; null when none is. */
  patients: number | null;
  populations: number;
  trials: GapTrial[];
  /** The cell's trials whose registry status says they are recruiting now (could still add patients). */
  recruiting: GapTrial[];
  /** The cell's trials still running without recruiting (results to come). */
  active: GapTrial[];
}

export interface GapRow {
  biomarker: string;
  cells: GapCell[];
}

export interface GapMap {
  schedules: Schedule[];
  settings: string[];
  rows: GapRow[];
  unplaced: string[];
}

/**
 * A combination of therapies is never given as monotherapy: those columns would always be empty.
 * MIXED describes a pooled arm, not a schedule a trial could test, so it is no column either.
 */
export function schedulesFor(classCount: number): Schedule[] {
  return Schedule.options.filter((s) => s !== 'MIXED' && (classCount < 2 || s !== 'MONOTHERAPY'));
}

export function placeFinding(f: FindingRow): { schedules: Schedule[]; settings: string[] } {
  const schedules = f.schedule ? [f.schedule] : [...new Set(f.armSchedules.filter((s): s is Schedule => s !== null && s !== 'MONOTHERAPY'))].sort();
  const settings = f.findingDiseases.length > 0 ? f.findingDiseases : f.studyDiseases;
  return { schedules, settings: [...new Set(settings)].sort() };
}

const populationOf = (f: FindingRow): string => (f.trials.length > 0 ? `trial:${[...f.trials].sort().join('+')}` : `study:${f.study}`);

function patientsOf(rows: FindingRow[]): { patients: number | null; populations: number } {
  const predictive = rows.filter((r) => r.type === 'PREDICTIVE');
  const basis = predictive.length > 0 ? predictive : rows;
  const byPopulation = new Map<string, number>();
  for (const r of basis) {
    const given = r.patients ?? r.enrolled;
    if (given === null) continue;
    byPopulation.set(populationOf(r), Math.max(byPopulation.get(populationOf(r)) ?? 0, given));
  }
  return {
    patients: byPopulation.size > 0 ? [...byPopulation.values()].reduce((a, b) => a + b, 0) : null,
    populations: new Set(basis.map(populationOf)).size,
  };
}

export async function evidenceGaps(db: Db, classes: string[], disease: string | null): Promise<GapMap> {
  const [findingRows, settingRows, trialRows] = await Promise.all([
    db.read('gaps-findings', { classes }),
    db.read('gaps-settings', { disease }),
    db.read('gaps-trials', { classes }),
  ]);
  const findings = findingRows.map((r) => FindingRow.parse(r));
  const settings = settingRows.map((r) => String(r['id']));
  const inScope = new Set(settings);
  const schedules = schedulesFor(classes.length);

  // Which (schedule, setting) cells each trial covers, and its biomarker focus.
  type Coverage = { link: TrialLink; biomarkers: Set<string>; status: string | null };
  const coverage = new Map<string, Map<string, Coverage>>();
  for (const raw of trialRows) {
    const t = TrialRow.parse(raw);
    if (!t.schedule) continue;
    for (const d of t.diseases) {
      const key = `${t.schedule}|${d}`;
      const byTrial = coverage.get(key) ?? new Map<string, Coverage>();
      const entry = byTrial.get(t.trial) ?? { link: t.link ?? 'CANDIDATE', biomarkers: new Set<string>(), status: t.status };
      if (t.link === 'CONFIRMED') entry.link = 'CONFIRMED';
      for (const b of t.biomarkers) entry.biomarkers.add(b);
      byTrial.set(t.trial, entry);
      coverage.set(key, byTrial);
    }
  }

  const byCell = new Map<string, FindingRow[]>();
  const unplaced: string[] = [];
  const biomarkers = new Set<string>();
  for (const f of findings) {
    const place = placeFinding(f);
    const settingsInScope = place.settings.filter((s) => inScope.has(s));
    if (disease !== null && settingsInScope.length === 0) continue;
    biomarkers.add(f.biomarker);
    if (place.schedules.length === 0 || settingsInScope.length === 0) {
      unplaced.push(f.finding);
      continue;
    }
    for (const schedule of place.schedules) {
      for (const setting of settingsInScope) {
        const key = `${f.biomarker}|${schedule}|${setting}`;
        byCell.set(key, [...(byCell.get(key) ?? []), f]);
      }
    }
  }

  const rows: GapRow[] = [...biomarkers].sort().map((biomarker) => ({
    biomarker,
    cells: schedules.flatMap((schedule) =>
      settings.map((setting): GapCell => {
        const here = byCell.get(`${biomarker}|${schedule}|${setting}`) ?? [];
        const trials = [...(coverage.get(`${schedule}|${setting}`) ?? new Map<string, Coverage>())]
          .map(([trial, c]) => ({ trial, link: c.link, biomarkers: [...c.biomarkers].sort(), reportsBiomarker: c.biomarkers.has(biomarker), status: c.status }))
          .sort((a, b) => (a.trial < b.trial ? -1 : 1));
        return {
          schedule,
          setting,
          evidence: strengthOf(here),
          findings: here.map((f) => f.finding),
          studies: [...new Set(here.map((f) => f.study))].sort(),
          ...patientsOf(here),
          trials,
          recruiting: trials.filter((t) => t.status !== null && RECRUITING.has(t.status)),
          active: trials.filter((t) => t.status !== null && ACTIVE.has(t.status)),
        };
      }),
    ),
  }));
  return { schedules, settings, rows, unplaced: [...new Set(unplaced)].sort() };
}
