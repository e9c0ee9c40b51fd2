/**
 * How sure one can be that a biomarker modifies the benefit of a treatment, for one clinical
 * question: a GRADE-style rating of the body of evidence (Guyatt et al., BMJ 2008; GRADE handbook,
 * 2013), adapted to effect modification the way GRADE's guidance on subgroup credibility does
 * (Schandelmaier et al., ICEMAN, CMAJ 2020): a randomised contrast with a treatment × biomarker
 * comparison within the trial starts HIGH, a randomised contrast with one biomarker state only
 * MODERATE, anything else LOW; each domain may rate down, and every judgement comes with its
 * reason in words. Beside it, the Simon–Paik–Hayes level of evidence for a biomarker's use (Simon,
 * Paik & Hayes, JNCI 2009): categories A (prospective trial designed for the marker; here: a
 * randomised trial whose biomarker analysis is stated as pre-specified), B (a randomised trial's
 * archived samples, not pre-specified), C (a prospective non-randomised trial), D (observational);
 * levels I (A, or two or more consistent B), II (one B, or B inconsistent), III (two or more
 * consistent C), IV (C), V (D).
 */
import type { InteractionEstimate } from './interaction.js';

export const CERTAINTY_LEVELS = ['VERY_LOW', 'LOW', 'MODERATE', 'HIGH'] as const;
export type CertaintyLevel = (typeof CERTAINTY_LEVELS)[number];
export const CERTAINTY_DOMAINS = ['DESIGN', 'RISK_OF_BIAS', 'INCONSISTENCY', 'INDIRECTNESS', 'IMPRECISION', 'REPLICATION'] as const;
export type CertaintyDomain = (typeof CERTAINTY_DOMAINS)[number];
export const SPH_LEVELS = ['I', 'II', 'III', 'IV', 'V'] as const;
export type SphLevel = (typeof SPH_LEVELS)[number];
export type SphCategory = 'A' | 'B' | 'C' | 'D';

/** Studies of these kinds analyse a subset of a trial's patients (samples, a subgroup, a pooled reanalysis). */
const SUBSET_KINDS = new Set(['SECONDARY_ANALYSIS', 'TRANSLATIONAL', 'SUBGROUP_ANALYSIS', 'POOLED_ANALYSIS']);
/** Fewer patients than this behind a question's predictive evidence is imprecise whatever the CI (an optimal-information-size floor). */
export const MIN_PATIENTS = 100;

/** One independent population's predictive evidence, as certainty needs it. */
export interface PopulationFacts {
  /** Short name(s) of its studies, for the reasons. */
  label: string;
  randomised: boolean;
  /** A confirmed registered trial behind it. */
  trial: boolean;
  studyKind: string;
  supports: boolean;
  exploratory: boolean;
  /** Whether the biomarker analysis is stated pre-specified (null: not stated). */
  prespecified: boolean | null;
  interaction: InteractionEstimate | null;
  patients: number | null;
  /** The agents (drugs, techniques) the contrast involved, e.g. "sbrt+pembrolizumab". */
  agents: string;
  /** The finding's own schedule, and whether it differs from the question's. */
  scheduleDiffers: boolean;
  weight: number;
}

export interface Judgement {
  domain: CertaintyDomain;
  /** Levels rated down (0, −1, −2); DESIGN gives the starting level instead. */
  change: number;
  reason: string;
}

export interface Certainty {
  level: CertaintyLevel;
  start: CertaintyLevel;
  /** GRADE points: the start (HIGH 3, MODERATE 2, LOW 1) minus every level rated down, not stopped at VERY_LOW's floor (0). */
  points: number;
  judgements: Judgement[];
}

export interface SphJudgement {
  level: SphLevel;
  /** The best category among the populations. */
  category: SphCategory;
  reason: string;
}

export interface PooledFacts {
  i2: number;
  ciLow: number;
  ciHigh: number;
}

const levelAt = (i: number): CertaintyLevel => CERTAINTY_LEVELS[Math.max(0, Math.min(3, i))] ?? 'VERY_LOW';
const names = (ps: readonly PopulationFacts[]): string => ps.map((p) => p.label).join('; ');

export function rateCertainty(populations: readonly PopulationFacts[], pooled: PooledFacts | null): Certainty | null {
  if (populations.length === 0) return null;
  const j: Judgement[] = [];
  const randomised = populations.filter((p) => p.randomised);
  const compared = randomised.filter((p) => p.interaction !== null);
  const start = compared.length > 0 ? 3 : randomised.length > 0 ? 2 : 1;
  j.push({
    domain: 'DESIGN',
    change: 0,
    reason:
      compared.length > 0
        ? `starts HIGH: a randomised contrast with a treatment × biomarker comparison within the trial (${names(compared)})`
        : randomised.length > 0
          ? `starts MODERATE: randomised (${names(randomised)}), but the effect is reported for one biomarker state only, with no within-trial comparison`
          : 'starts LOW: no randomised contrast (the arms compared were not formed by randomisation, or the source does not say they were)',
  });

  // Risk of bias: judged on the population that carries the most weight (the answer rests on it).
  const lead = [...populations].sort((a, b) => b.weight - a.weight)[0];
  if (lead) {
    const issues: string[] = [];
    if (lead.prespecified !== true)
      issues.push(`the biomarker analysis in ${lead.label} is not stated as pre-specified (treated as post hoc${lead.exploratory ? ', and called exploratory' : ''})`);
    if (SUBSET_KINDS.has(lead.studyKind)) issues.push(`${lead.label} analyses a subset of a trial's patients (${lead.studyKind.toLowerCase().replace('_', ' ')})`);
    j.push({
      domain: 'RISK_OF_BIAS',
      change: -Math.min(2, issues.length),
      reason: issues.length > 0 ? issues.join('; ') : `${lead.label}: pre-specified analysis of the whole randomised population`,
    });
  }

  const disagree = new Set(populations.map((p) => p.supports)).size > 1;
  const heterogeneous = pooled !== null && pooled.i2 >= 50;
  j.push({
    domain: 'INCONSISTENCY',
    change: disagree || heterogeneous ? -1 : 0,
    reason: disagree
      ? `populations disagree: effect modification seen in ${names(populations.filter((p) => p.supports))}, not in ${names(populations.filter((p) => !p.supports))}`
      : heterogeneous
        ? `pooled interaction estimates are heterogeneous (I² ${pooled.i2.toFixed(0)}%)`
        : populations.length > 1
          ? 'the populations agree in direction'
          : 'one population: consistency cannot be judged (see replication)',
  });

  const agents = [...new Set(populations.map((p) => p.agents))];
  const offSchedule = populations.filter((p) => p.scheduleDiffers);
  const indirect: string[] = [];
  if (agents.length > 1) indirect.push(`the populations received different agents (${agents.join('; ')})`);
  if (offSchedule.length > 0) indirect.push(`the finding's schedule differs from the question's in ${names(offSchedule)}`);
  j.push({ domain: 'INDIRECTNESS', change: indirect.length > 0 ? -1 : 0, reason: indirect.length > 0 ? indirect.join('; ') : 'the evidence answers the question as asked' });

  const estimate = pooled ?? bestEstimate(populations);
  const patients = populations.reduce<number | null>((acc, p) => (p.patients === null ? acc : (acc ?? 0) + p.patients), null);
  const imprecise: string[] = [];
  if (estimate === null) imprecise.push('no interaction estimate with a 95% CI');
  else if (!(estimate.ciHigh < 1 || estimate.ciLow > 1))
    imprecise.push(`the interaction's 95% CI (${fmt(estimate.ciLow)}–${fmt(estimate.ciHigh)}) includes 1 (no effect modification)`);
  if (patients === null) imprecise.push('the sources state no patient numbers');
  else if (patients < MIN_PATIENTS) imprecise.push(`${patients} patients (fewer than ${MIN_PATIENTS})`);
  j.push({
    domain: 'IMPRECISION',
    change: -Math.min(2, imprecise.length),
    reason: imprecise.length > 0 ? imprecise.join('; ') : `interaction CI excludes 1, ${patients} patients`,
  });

  j.push({
    domain: 'REPLICATION',
    change: populations.length === 1 ? -1 : 0,
    reason: populations.length === 1 ? 'a single population: not replicated' : `${populations.length} independent populations`,
  });

  const points = start + j.reduce((a, x) => a + x.change, 0);
  return { level: levelAt(points), start: levelAt(start), points, judgements: j };
}

function bestEstimate(ps: readonly PopulationFacts[]): { ciLow: number; ciHigh: number } | null {
  const withCi = ps.map((p) => p.interaction).filter((e): e is InteractionEstimate => e !== null && e.ciLow !== null && e.ciHigh !== null);
  const best = withCi.sort((a, b) => (a.se ?? Infinity) - (b.se ?? Infinity))[0];
  return best && best.ciLow !== null && best.ciHigh !== null ? { ciLow: best.ciLow, ciHigh: best.ciHigh } : null;
}

const fmt = (x: number): string => x.toPrecision(3);

export function sphCategory(p: PopulationFacts): SphCategory {
  if (p.randomised) return p.prespecified === true ? 'A' : 'B';
  return p.trial ? 'C' : 'D';
}

export function simonPaikHayes(populations: readonly PopulationFacts[]): SphJudgement | null {
  if (populations.length === 0) return null;
  const by = (c: SphCategory): PopulationFacts[] => populations.filter((p) => sphCategory(p) === c);
  const consistent = (ps: readonly PopulationFacts[]): boolean => ps.length >= 2 && new Set(ps.map((p) => p.supports)).size === 1;
  const [a, b, c] = [by('A'), by('B'), by('C')];
  if (a.length > 0) return { level: 'I', category: 'A', reason: `category A: a randomised trial with a pre-specified biomarker analysis (${names(a)})` };
  if (consistent(b)) return { level: 'I', category: 'B', reason: `two or more category B studies with consistent results (${names(b)})` };
  if (b.length > 0)
    return {
      level: 'II',
      category: 'B',
      reason: `category B: a randomised trial's samples, analysis not pre-specified (${names(b)})${b.length > 1 ? ', results inconsistent' : ', not validated'}`,
    };
  if (consistent(c)) return { level: 'III', category: 'C', reason: `two or more consistent category C studies: prospective non-randomised trials (${names(c)})` };
  if (c.length > 0) return { level: 'IV', category: 'C', reason: `category C: a prospective non-randomised trial (${names(c)}), not validated` };
  return { level: 'V', category: 'D', reason: `category D: observational or retrospective data only (${names(populations)})` };
}

/** The lowest points a rating can reach: a LOW start (1) rated down as far as every domain goes (2 + 1 + 1 + 2 + 1). */
export const MIN_POINTS = 1 - 7;
/**
 * Certainty as a ranking component in (0, 1]: the points scaled from MIN_POINTS (0.1) to HIGH (1),
 * so that two VERY_LOW lines still differ by how far below the floor their evidence fell; 0
 * without predictive evidence.
 */
export const certaintyComponent = (c: Certainty | null): number => (c === null ? 0 : Math.max(0, Math.min(1, (c.points - MIN_POINTS + 1) / (3 - MIN_POINTS + 1))));
