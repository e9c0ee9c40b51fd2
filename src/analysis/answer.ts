/**
 * The answer to "which biomarkers predict benefit?", one clinical question at a time (questions:
 * src/analysis/questions.ts). Pure, over rows the database returns (cypher/queries/
 * biomarker-evidence.cypher), so it is tested without Neo4j and explained in docs in the same words.
 *
 * For one question and one biomarker:
 * 1. Only PREDICTIVE findings answering that question count (a contrast between arms); other
 *    findings there are listed apart; predictive findings on the biomarker from other questions are
 *    listed as indirect and never count for or against.
 * 2. Populations: studies sharing a confirmed trial are one population, transitively (a pooled
 *    reanalysis of PEMBRO-RT and MDACC overlaps PEMBRO-RT itself); a study without one is its own.
 *    Within a population the strongest finding (CIViC level A 5 … E 1, halved when exploratory)
 *    gives its weight. It supports effect modification when its interaction estimate's 95% CI
 *    excludes 1 (or a stated p for interaction is below 0.05); without an estimate, when its
 *    strongest finding supports the statement (equal weights: the one with an estimate, then id).
 * 3. Per population, the treatment × biomarker interaction (src/analysis/interaction.ts): the
 *    source's stated ratio, else the ratio of two subgroup HRs. Pooled across populations (two or
 *    more with a CI) by random effects, REML with Hartung–Knapp (src/analysis/meta-analysis.ts).
 * 4. Certainty GRADE-style and the Simon–Paik–Hayes level (src/analysis/certainty.ts).
 * 5. Components, each in [0, 1]: certainty (the GRADE points — start HIGH 3, MODERATE 2, LOW 1,
 *    minus each level rated down, not stopped at VERY_LOW — scaled from the lowest reachable, −6,
 *    at 0.1 to HIGH at 1, (points + 7) / 10; none 0);
 *    modification z/(1+z), z = |ln ratio| / SE of the pooled (else the most precise) interaction
 *    (0 without one); replication H/(1+H), H = Σ wᵢ / i over the populations' weights (level
 *    weight / 5) in decreasing order, a harmonic sum, so that many small populations do not
 *    outweigh one good trial. score = Σ weight × component (defaults 100, 10, 1: certainty first,
 *    then modification, then replication). Equal scores are ordered by the components in that
 *    order; biomarkers share a rank only when every component is equal.
 * Patients: per population the largest figure a source states (the finding's, else the study's
 * enrolled), summed over the populations; unknown stays empty.
 */

import type { EvidenceLevel } from '../model/vocabulary.js';
import { type Certainty, certaintyComponent, type PopulationFacts, rateCertainty, type SphJudgement, simonPaikHayes } from './certainty.js';
import { excludesNoEffect, type InteractionEstimate, interactionOf, type SubgroupHr } from './interaction.js';
import { type Pooled, type PoolOptions, pool } from './meta-analysis.js';

export const LEVEL_WEIGHT: Record<string, number> = { A: 5, B: 4, C: 3, D: 2, E: 1 };
export const VERDICTS = ['PREDICTIVE', 'PREDICTIVE_CONTESTED', 'NOT_PREDICTIVE', 'NO_PREDICTIVE_EVIDENCE'] as const;
export type Verdict = (typeof VERDICTS)[number];

export interface Weights {
  certainty: number;
  modification: number;
  replication: number;
}
export const DEFAULT_WEIGHTS: Weights = { certainty: 100, modification: 10, replication: 1 };

/** One predictive finding with what the answer needs of its study, agents and subgroups. */
export interface FindingFacts {
  finding: {
    id: string;
    direction: string;
    level: EvidenceLevel;
    exploratory: boolean;
    patients: number | null;
    schedule: string | null;
    interactionHr: number | null;
    interactionCiLow: number | null;
    interactionCiHigh: number | null;
    interactionP: string | null;
    interactionPrespecified: boolean | null;
    interactionSubgroups: string[] | null;
  };
  study: { id: string; shortName: string; kind: string; allocation: string | null; enrolled: number | null };
  agents: string[];
  subgroups: SubgroupHr[];
}

/** One population as the database summarised it: its confirmed trials, weight, patients, ids, strongest findings. */
export interface PopulationRow {
  key: string;
  trials: string[];
  /** The trials' names, for reasons in words. */
  trialNames: string[];
  weight: number;
  patients: number | null;
  forIds: string[];
  againstIds: string[];
  /** Its strongest findings (at most three), strongest first. */
  top: FindingFacts[];
}

/** One question × biomarker's predictive evidence: the heaviest populations in full, totals over all. */
export interface PredictiveGroup {
  question: string;
  biomarker: string;
  populations: PopulationRow[];
  populationCount: number;
  /** Σ wᵢ / i over every population's weight (level weight), heaviest first. */
  harmonic: number;
  patients: number | null;
  supportingCount: number;
  contradictingCount: number;
  /** The first ids for and against by id, over every population. */
  supportingIds: string[];
  contradictingIds: string[];
}

/** The question's own facts the answer compares with (its schedule) and lists (its trials). */
export interface QuestionFacts {
  id: string;
  schedule: string | null;
  trials: string[];
}

export interface Population {
  key: string;
  trials: string[];
  studies: string[];
  findings: string[];
  supports: boolean;
  weight: number;
  patients: number | null;
  /** The finding whose interaction estimate stands for the population, and the estimate. */
  interactionFinding: string | null;
  interaction: InteractionEstimate | null;
  facts: PopulationFacts;
}

export interface Components {
  certainty: number;
  modification: number;
  replication: number;
}

export interface AnswerLine {
  question: string;
  biomarker: string;
  rank: number;
  verdict: Verdict;
  score: number;
  components: Components;
  certainty: Certainty | null;
  sph: SphJudgement | null;
  populations: Population[];
  /** Independent populations (all of them, when the detailed list was capped). */
  populationCount: number;
  /** True when more populations exist than are listed in detail (counts and replication then come from the database's totals). */
  capped: boolean;
  /** Ratio-of-HRs estimates pooled across populations (two or more with a CI), else null. */
  pooled: Pooled | null;
  supporting: string[];
  contradicting: string[];
  supportingCount: number;
  contradictingCount: number;
  other: string[];
  otherCount: number;
  indirect: string[];
  indirectCount: number;
  studies: string[];
  patients: number | null;
  bestLevel: EvidenceLevel | null;
  /** Registered trials answering the same question whose populations do not carry this line. */
  openTrials: string[];
}

export interface OtherRow {
  question: string;
  biomarker: string;
  /** Non-predictive findings answering the question (ids, capped) and how many. */
  other: string[];
  otherCount: number;
  studies: string[];
}

/** One biomarker of a question: its predictive findings answering other questions (indirect; ids capped) and how many. */
export interface IndirectRow {
  question: string;
  biomarker: string;
  ids: string[];
  count: number;
}

export const findingWeight = (f: Pick<FindingFacts['finding'], 'level' | 'exploratory'>): number => {
  const w = LEVEL_WEIGHT[f.level] ?? 0;
  return f.exploratory ? w / 2 : w;
};

/**
 * Union–find over trials: populations sharing a confirmed trial, directly or through another
 * (a pooled reanalysis of two trials joins both), are one population.
 */
export function mergePopulations(rows: readonly PopulationRow[]): PopulationRow[][] {
  const parent = new Map<string, string>();
  const find = (x: string): string => {
    let r = x;
    while (parent.get(r) !== r) r = parent.get(r) ?? r;
    parent.set(x, r);
    return r;
  };
  const nodesOf = (row: PopulationRow): string[] => (row.trials.length > 0 ? row.trials.map((t) => `trial:${t}`) : [row.key]);
  for (const row of rows) {
    const ns = nodesOf(row);
    for (const n of ns) if (!parent.has(n)) parent.set(n, n);
    const first = ns[0];
    if (first !== undefined) for (const n of ns.slice(1)) parent.set(find(n), find(first));
  }
  const groups = new Map<string, PopulationRow[]>();
  for (const row of rows) {
    const root = find(nodesOf(row)[0] ?? row.key);
    groups.set(root, [...(groups.get(root) ?? []), row]);
  }
  return [...groups.values()];
}

const sortedIds = (ids: Iterable<string>): string[] => [...new Set(ids)].sort();

function estimateOf(f: FindingFacts): InteractionEstimate | null {
  const x = f.finding;
  const byId = new Map(f.subgroups.map((s) => [s.id, s]));
  const [a, b] = x.interactionSubgroups ?? [];
  const sa = a ? byId.get(a) : undefined;
  const sb = b ? byId.get(b) : undefined;
  return interactionOf({ hr: x.interactionHr, ciLow: x.interactionCiLow, ciHigh: x.interactionCiHigh, p: x.interactionP }, sa && sb ? [sa, sb] : null);
}

const BASIS_RANK = { STATED: 0, COMPUTED: 1, STATED_P: 2 } as const;

function population(rows: PopulationRow[], question: QuestionFacts): Population {
  const facts = rows.flatMap((r) => r.top).sort((a, b) => findingWeight(b.finding) - findingWeight(a.finding) || (a.finding.id < b.finding.id ? -1 : 1));
  const lead = facts[0];
  if (!lead) throw new Error('a population needs at least one finding');
  const estimates = facts
    .map((f) => ({ f, e: estimateOf(f) }))
    .filter((x): x is { f: FindingFacts; e: InteractionEstimate } => x.e !== null)
    .sort((x, y) => BASIS_RANK[x.e.basis] - BASIS_RANK[y.e.basis] || (x.e.se ?? Infinity) - (y.e.se ?? Infinity));
  const chosen = estimates[0];
  const trials = sortedIds(rows.flatMap((r) => r.trials));
  const stated = rows.map((r) => r.patients).filter((n): n is number => n !== null);
  // A computed or stated interaction is the test of effect modification; the curated direction stands in only without one.
  const supports = chosen ? excludesNoEffect(chosen.e) : lead.finding.direction !== 'DOES_NOT_SUPPORT';
  const patients = stated.length > 0 ? Math.max(...stated) : null;
  const weight = Math.max(...rows.map((r) => r.weight));
  const basis = chosen?.f ?? lead;
  return {
    key: trials.length > 0 ? `trial:${trials.join('+')}` : (rows[0]?.key ?? lead.study.id),
    trials,
    studies: [...new Set(facts.map((f) => f.study.id))],
    findings: sortedIds(rows.flatMap((r) => [...r.forIds, ...r.againstIds])),
    supports,
    weight,
    patients,
    interactionFinding: chosen?.f.finding.id ?? null,
    interaction: chosen?.e ?? null,
    facts: {
      // A trial's name says which population; a study without one is named by its short name.
      label: trials.length > 0 ? [...new Set(rows.flatMap((r) => r.trialNames))].sort().join(' + ') : [...new Set(facts.map((f) => f.study.shortName))].join(' + '),
      randomised: facts.some((f) => f.study.allocation === 'RANDOMIZED'),
      trial: trials.length > 0,
      studyKind: basis.study.kind,
      supports,
      exploratory: basis.finding.exploratory,
      prespecified: basis.finding.interactionPrespecified,
      interaction: chosen?.e ?? null,
      patients,
      agents: [...new Set(facts.flatMap((f) => f.agents))].sort().join('+'),
      scheduleDiffers: facts.some((f) => f.finding.schedule !== null && question.schedule !== null && f.finding.schedule !== question.schedule),
      weight,
    },
  };
}

/** Harmonic replication: Σ wᵢ / i over weights in decreasing order. */
export function harmonicSum(weights: readonly number[]): number {
  return [...weights].sort((a, b) => b - a).reduce((acc, w, i) => acc + w / (i + 1), 0);
}

/** The three components, each in [0, 1] (see the module comment). `harmonic` is over level weights (A = 5). */
export function componentsOf(certainty: Certainty | null, z: number | null, harmonic: number): Components {
  const m = z === null ? 0 : Math.abs(z);
  const h = harmonic / 5;
  return { certainty: certaintyComponent(certainty), modification: m / (1 + m), replication: h / (1 + h) };
}

export function verdictOf(pops: readonly Population[]): Verdict {
  if (pops.length === 0) return 'NO_PREDICTIVE_EVIDENCE';
  const net = pops.reduce((a, p) => a + (p.supports ? p.weight : -p.weight), 0);
  if (net <= 0) return 'NOT_PREDICTIVE';
  return pops.some((p) => !p.supports) ? 'PREDICTIVE_CONTESTED' : 'PREDICTIVE';
}

export interface AnswerInput {
  questions: readonly QuestionFacts[];
  predictive: readonly PredictiveGroup[];
  other: readonly OtherRow[];
  indirect: readonly IndirectRow[];
  weights?: Weights | undefined;
  pooling?: PoolOptions | undefined;
  /** Ids listed per pile (counts tell all). */
  cap: number;
}

export interface QuestionAnswerLines {
  question: string;
  lines: AnswerLine[];
}

const pairKey = (q: string, b: string): string => `${q}\u0000${b}`;

/** One line: a biomarker's evidence on one question. */
export function answerLine(
  group: PredictiveGroup | undefined,
  other: OtherRow | undefined,
  q: QuestionFacts,
  indirect: string[],
  indirectCount: number,
  input: AnswerInput,
): AnswerLine {
  const weights = input.weights ?? DEFAULT_WEIGHTS;
  const cap = input.cap;
  const rows = group?.populations ?? [];
  const pops = mergePopulations(rows)
    .map((g) => population(g, q))
    .sort((a, b) => b.weight - a.weight || (a.key < b.key ? -1 : 1));
  const capped = group !== undefined && group.populationCount > rows.length;
  const withCi = pops.filter((p) => p.interaction?.se != null && p.interaction.ratio !== null);
  const pooled =
    withCi.length >= 2
      ? pool(
          withCi.map((p) => ({ y: Math.log(p.interaction?.ratio ?? 1), v: (p.interaction?.se ?? 1) ** 2 })),
          input.pooling,
        )
      : null;
  const certainty = rateCertainty(
    pops.map((p) => p.facts),
    pooled ? { i2: pooled.i2 ?? 0, ciLow: Math.exp(pooled.ciLow), ciHigh: Math.exp(pooled.ciHigh) } : null,
  );
  const single = [...withCi].sort((a, b) => (a.interaction?.se ?? 0) - (b.interaction?.se ?? 0))[0]?.interaction ?? null;
  const z = pooled ? pooled.estimate / pooled.se : (single?.z ?? null);
  // Beyond the heaviest populations the database's totals stand (overlapping trials there are not merged).
  const harmonic = capped ? (group?.harmonic ?? 0) : harmonicSum(pops.map((p) => p.weight));
  const components = componentsOf(certainty, z, harmonic);
  const own = new Set(pops.flatMap((p) => p.trials));
  const patients = capped ? (group?.patients ?? null) : pops.some((p) => p.patients !== null) ? pops.reduce((a, p) => a + (p.patients ?? 0), 0) : null;
  const levels = rows.flatMap((r) => r.top.map((f) => f.finding.level)).sort();
  return {
    question: q.id,
    biomarker: group?.biomarker ?? other?.biomarker ?? '',
    rank: 0,
    verdict: verdictOf(pops),
    score: weights.certainty * components.certainty + weights.modification * components.modification + weights.replication * components.replication,
    components,
    certainty,
    sph: simonPaikHayes(pops.map((p) => p.facts)),
    populations: pops,
    populationCount: capped ? (group?.populationCount ?? pops.length) : pops.length,
    capped,
    pooled,
    supporting: (group?.supportingIds ?? []).slice(0, cap),
    contradicting: (group?.contradictingIds ?? []).slice(0, cap),
    supportingCount: group?.supportingCount ?? 0,
    contradictingCount: group?.contradictingCount ?? 0,
    other: other?.other.slice(0, cap) ?? [],
    otherCount: other?.otherCount ?? 0,
    indirect: indirect.slice(0, cap),
    indirectCount,
    studies: [...new Set([...pops.flatMap((p) => p.studies), ...(other?.studies ?? [])])].slice(0, cap),
    patients,
    bestLevel: levels[0] ?? null,
    openTrials: q.trials.filter((t) => !own.has(t)).slice(0, cap),
  };
}

/** One ranking per question (the questions in `input.questions` that have evidence, in that order). */
export function answerQuestions(input: AnswerInput): QuestionAnswerLines[] {
  const predictive = new Map(input.predictive.map((g) => [pairKey(g.question, g.biomarker), g]));
  const other = new Map(input.other.map((o) => [pairKey(o.question, o.biomarker), o]));
  const indirect = new Map(input.indirect.map((i) => [pairKey(i.question, i.biomarker), i]));
  const answers: QuestionAnswerLines[] = [];
  for (const q of input.questions) {
    const biomarkers = new Set([...input.predictive, ...input.other].filter((r) => r.question === q.id).map((r) => r.biomarker));
    if (biomarkers.size === 0) continue;
    const lines = [...biomarkers].map((b) => {
      const elsewhere = indirect.get(pairKey(q.id, b));
      return answerLine(predictive.get(pairKey(q.id, b)), other.get(pairKey(q.id, b)), q, elsewhere?.ids ?? [], elsewhere?.count ?? 0, input);
    });
    answers.push({ question: q.id, lines: rankLines(lines) });
  }
  return answers;
}

const compare = (a: AnswerLine, b: AnswerLine): number =>
  b.score - a.score ||
  b.components.certainty - a.components.certainty ||
  b.components.modification - a.components.modification ||
  b.components.replication - a.components.replication;

/** Competition ranks ("1, 1, 3"): equal only when score and every component are equal; then by biomarker id. */
export function rankLines(lines: readonly AnswerLine[]): AnswerLine[] {
  const sorted = [...lines].sort((a, b) => compare(a, b) || (a.biomarker < b.biomarker ? -1 : 1));
  let rank = 0;
  return sorted.map((l, i) => {
    const prev = sorted[i - 1];
    if (!prev || compare(prev, l) !== 0) rank = i + 1;
    return { ...l, rank };
  });
}
