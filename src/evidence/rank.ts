/**
 * The ranking rule behind biomarkerEvidence, kept pure so it is tested without a database and
 * explained in the README in the same words.
 *
 * 1. Only PREDICTIVE findings (a contrast between arms) make a biomarker predictive. A predictive
 *    finding that SUPPORTS its statement counts for the biomarker (both "high → benefit" and
 *    "low → no benefit" establish that the biomarker modifies the effect); one that
 *    DOES_NOT_SUPPORT (no interaction seen) counts against it.
 * 2. Each counts with the weight of its CIViC level (A 5, B 4, C 3, D 2, E 1), halved when
 *    exploratory (subgroup, post hoc, secondary analysis). score = for − against.
 * 3. Biomarkers sort by score, then best level, then patients, then name. Biomarkers with only
 *    prognostic, associated or pharmacodynamic findings follow with score 0 and are labelled so.
 * Patients are counted once per trial (two analyses of PEMBRO-RT are one population): per trial,
 * or per study where no trial is confirmed, the largest figure given (finding, else enrolled).
 */
import type { NodeRecord } from '../db/model.js';

export const LEVEL_WEIGHT: Record<string, number> = { A: 5, B: 4, C: 3, D: 2, E: 1 };

export const VERDICTS = ['PREDICTIVE', 'PREDICTIVE_CONTESTED', 'NOT_PREDICTIVE', 'NO_PREDICTIVE_EVIDENCE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface EvidenceInput {
  biomarker: NodeRecord;
  finding: NodeRecord;
  study: NodeRecord;
  trials: string[];
}

export interface RankedBiomarker {
  rank: number;
  biomarker: NodeRecord;
  verdict: Verdict;
  score: number;
  supporting: NodeRecord[];
  contradicting: NodeRecord[];
  other: NodeRecord[];
  studies: NodeRecord[];
  patients: number | null;
  bestLevel: string | null;
}

const prop = (n: NodeRecord, k: string): unknown => n.props[k];

export function findingWeight(f: NodeRecord): number {
  const w = LEVEL_WEIGHT[String(prop(f, 'level'))] ?? 0;
  return prop(f, 'exploratory') === false ? w : w / 2;
}

export function rankBiomarkers(rows: readonly EvidenceInput[]): RankedBiomarker[] {
  const groups = new Map<string, EvidenceInput[]>();
  for (const row of rows) {
    const list = groups.get(row.biomarker.id) ?? [];
    list.push(row);
    groups.set(row.biomarker.id, list);
  }
  const ranked = [...groups.values()].map((list) => summarise(list));
  ranked.sort(
    (a, b) =>
      b.score - a.score ||
      levelOrder(a.bestLevel) - levelOrder(b.bestLevel) ||
      (b.patients ?? 0) - (a.patients ?? 0) ||
      String(a.biomarker.props['name']).localeCompare(String(b.biomarker.props['name'])),
  );
  return ranked.map((r, i) => ({ ...r, rank: i + 1 }));
}

const levelOrder = (level: string | null): number => (level === null ? 99 : 'ABCDE'.indexOf(level));

function summarise(list: EvidenceInput[]): RankedBiomarker {
  const first = list[0];
  if (!first) throw new Error('summarise needs at least one row');
  const supporting: NodeRecord[] = [];
  const contradicting: NodeRecord[] = [];
  const other: NodeRecord[] = [];
  const studies = new Map<string, NodeRecord>();
  const patientsByPopulation = new Map<string, number>();
  for (const { finding, study, trials } of list) {
    studies.set(study.id, study);
    if (prop(finding, 'type') === 'PREDICTIVE') {
      (prop(finding, 'direction') === 'DOES_NOT_SUPPORT' ? contradicting : supporting).push(finding);
    } else {
      other.push(finding);
    }
    const n = typeof prop(finding, 'patients') === 'number' ? (prop(finding, 'patients') as number) : (prop(study, 'enrolled') as number | undefined);
    if (typeof n === 'number') {
      const population = trials.length > 0 ? `trial:${[...trials].sort().join('+')}` : `study:${study.id}`;
      patientsByPopulation.set(population, Math.max(patientsByPopulation.get(population) ?? 0, n));
    }
  }
  const weigh = (fs: NodeRecord[]): number => fs.reduce((sum, f) => sum + findingWeight(f), 0);
  const score = weigh(supporting) - weigh(contradicting);
  const predictive = [...supporting, ...contradicting];
  const levels = predictive.length > 0 ? predictive : other;
  const bestLevel = levels.map((f) => String(prop(f, 'level'))).sort((a, b) => levelOrder(a) - levelOrder(b))[0] ?? null;
  const verdict: Verdict =
    predictive.length === 0 ? 'NO_PREDICTIVE_EVIDENCE' : score > 0 ? (contradicting.length > 0 ? 'PREDICTIVE_CONTESTED' : 'PREDICTIVE') : 'NOT_PREDICTIVE';
  const patients = patientsByPopulation.size > 0 ? [...patientsByPopulation.values()].reduce((a, b) => a + b, 0) : null;
  return { rank: 0, biomarker: first.biomarker, verdict, score, supporting, contradicting, other, studies: [...studies.values()], patients, bestLevel };
}
