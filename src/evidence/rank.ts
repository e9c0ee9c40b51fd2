/**
 * The ranking rule behind biomarkerEvidence, kept pure so it is tested without a database and
 * explained in docs/evidence-method.md in the same words.
 *
 * 1. Only PREDICTIVE findings (a contrast between arms) make a biomarker predictive. A predictive
 *    finding that SUPPORTS its statement counts for the biomarker (both "high → benefit" and
 *    "low → no benefit" show that the biomarker modifies the effect); one that DOES_NOT_SUPPORT
 *    it (no interaction seen) counts against it.
 * 2. Evidence counts once per patient population: a confirmed trial (two analyses of PEMBRO-RT
 *    are one population), else the study. Within a population the strongest finding for, and the
 *    strongest against, count — weighted by CIViC level (A 5, B 4, C 3, D 2, E 1), halved when
 *    exploratory. score = Σ for − Σ against.
 * 3. Order: score, then uncontested before contested, then best level. Biomarkers equal on all
 *    three share a rank (listed by name): an unknown patient count must not push one down.
 *    Biomarkers with only prognostic, associated or pharmacodynamic findings follow, score 0.
 * Patients: per population the largest figure a source gives (finding, else the study's
 * enrolled), summed over the populations of the predictive findings (of the other findings when
 * there are none). Unknown stays empty.
 */
import type { Biomarker, Finding, Study } from '../db/entities.js';

export const LEVEL_WEIGHT: Record<string, number> = { A: 5, B: 4, C: 3, D: 2, E: 1 };

export const VERDICTS = ['PREDICTIVE', 'PREDICTIVE_CONTESTED', 'NOT_PREDICTIVE', 'NO_PREDICTIVE_EVIDENCE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface EvidenceInput {
  biomarker: Biomarker;
  finding: Finding;
  study: Study;
  trials: string[];
}

/**
 * One biomarker's evidence, summarised: the figures the rule ranks by, and the ids of the findings
 * in each pile and of their studies (in id order; studies in the order of their first finding),
 * at most a cap of each when the database summarised them (the counts give all).
 */
export interface EvidenceSummary {
  biomarker: Biomarker;
  score: number;
  /** Independent populations (trials, or studies without a confirmed trial) with predictive findings. */
  populations: number;
  supporting: string[];
  contradicting: string[];
  other: string[];
  studies: string[];
  supportingCount: number;
  contradictingCount: number;
  otherCount: number;
  studyCount: number;
  patients: number | null;
  bestLevel: string | null;
}

export interface RankedBiomarker extends EvidenceSummary {
  rank: number;
  verdict: Verdict;
}

const levelOrder = (level: string | null): number => (level === null ? 99 : 'ABCDE'.indexOf(level));
const name = (r: RankedBiomarker): string => r.biomarker.name;

export function findingWeight(f: Finding): number {
  const w = LEVEL_WEIGHT[f.level] ?? 0;
  return f.exploratory ? w / 2 : w;
}

export function populationOf(row: Pick<EvidenceInput, 'study' | 'trials'>): string {
  return row.trials.length > 0 ? `trial:${[...row.trials].sort().join('+')}` : `study:${row.study.id}`;
}

/** The rule over finding rows (the reference; the database applies the same rule, biomarker-evidence.cypher). */
export function rankBiomarkers(rows: readonly EvidenceInput[]): RankedBiomarker[] {
  const groups = new Map<string, EvidenceInput[]>();
  for (const row of rows) groups.set(row.biomarker.id, [...(groups.get(row.biomarker.id) ?? []), row]);
  return rankSummaries([...groups.values()].map(summarise));
}

export function verdictOf(r: Pick<EvidenceSummary, 'score' | 'supportingCount' | 'contradictingCount'>): Verdict {
  if (r.supportingCount + r.contradictingCount === 0) return 'NO_PREDICTIVE_EVIDENCE';
  if (r.score <= 0) return 'NOT_PREDICTIVE';
  return r.contradictingCount > 0 ? 'PREDICTIVE_CONTESTED' : 'PREDICTIVE';
}

/** Orders summaries by the rule and gives equal ones one competition rank ("1, 1, 3"). */
export function rankSummaries(summaries: readonly EvidenceSummary[]): RankedBiomarker[] {
  const sorted = summaries.map((s) => ({ ...s, rank: 0, verdict: verdictOf(s) })).sort((a, b) => compare(a, b) || name(a).localeCompare(name(b)));
  let rank = 0;
  return sorted.map((r, i) => {
    const prev = sorted[i - 1];
    if (!prev || compare(prev, r) !== 0) rank = i + 1;
    return { ...r, rank };
  });
}

function compare(a: RankedBiomarker, b: RankedBiomarker): number {
  return b.score - a.score || VERDICTS.indexOf(a.verdict) - VERDICTS.indexOf(b.verdict) || levelOrder(a.bestLevel) - levelOrder(b.bestLevel);
}

function summarise(list: EvidenceInput[]): EvidenceSummary {
  const first = list[0];
  if (!first) throw new Error('summarise needs at least one row');
  const byId = [...list].sort((a, b) => (a.finding.id < b.finding.id ? -1 : a.finding.id > b.finding.id ? 1 : 0));
  const supporting: EvidenceInput[] = [];
  const contradicting: EvidenceInput[] = [];
  const other: EvidenceInput[] = [];
  for (const row of byId) {
    if (row.finding.type !== 'PREDICTIVE') other.push(row);
    else (row.finding.direction === 'DOES_NOT_SUPPORT' ? contradicting : supporting).push(row);
  }
  const strongestPerPopulation = (rs: EvidenceInput[]): number => {
    const best = new Map<string, number>();
    for (const r of rs) best.set(populationOf(r), Math.max(best.get(populationOf(r)) ?? 0, findingWeight(r.finding)));
    return [...best.values()].reduce((a, b) => a + b, 0);
  };
  const predictive = [...supporting, ...contradicting];
  const basis = predictive.length > 0 ? predictive : other;
  const studies = [...new Set(byId.map((r) => r.study.id))];
  return {
    biomarker: first.biomarker,
    score: strongestPerPopulation(supporting) - strongestPerPopulation(contradicting),
    populations: new Set(predictive.map(populationOf)).size,
    supporting: supporting.map((r) => r.finding.id),
    contradicting: contradicting.map((r) => r.finding.id),
    other: other.map((r) => r.finding.id),
    studies,
    supportingCount: supporting.length,
    contradictingCount: contradicting.length,
    otherCount: other.length,
    studyCount: studies.length,
    patients: patientsOf(basis),
    bestLevel: basis.map((r) => r.finding.level).sort((a, b) => levelOrder(a) - levelOrder(b))[0] ?? null,
  };
}

function patientsOf(rows: EvidenceInput[]): number | null {
  const byPopulation = new Map<string, number>();
  for (const { finding, study, trials } of rows) {
    const given = finding.patients ?? study.enrolled;
    if (given === undefined) continue;
    const key = populationOf({ study, trials });
    byPopulation.set(key, Math.max(byPopulation.get(key) ?? 0, given));
  }
  return byPopulation.size > 0 ? [...byPopulation.values()].reduce((a, b) => a + b, 0) : null;
}
