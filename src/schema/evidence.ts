/**
 * biomarkerEvidence: which biomarkers predict benefit, answered one clinical question at a time
 * (src/analysis/answer.ts), with certainty and its reasons, the Simon–Paik–Hayes level, the
 * treatment × biomarker interaction per population and pooled, and the ranking's components.
 */

import { type AnswerLine, answerQuestions, DEFAULT_WEIGHTS, LEVEL_WEIGHT, type Population, type QuestionFacts, VERDICTS, type Weights } from '../analysis/answer.js';
import { CERTAINTY_DOMAINS, CERTAINTY_LEVELS, type Certainty, type Judgement, SPH_LEVELS, type SphJudgement } from '../analysis/certainty.js';
import type { InteractionEstimate } from '../analysis/interaction.js';
import type { IntervalMethod, Pooled, PoolingMethod } from '../analysis/meta-analysis.js';
import { type ClinicalQuestionKey, parseQuestionId } from '../analysis/questions.js';
import type { Entity } from '../db/entities.js';
import { type Elsewhere, readElsewhere, readEvidenceRows } from '../db/evidence-rows.js';
import { GraphStore } from '../db/graph.js';
import { userError } from '../errors.js';
import { keptAggregate } from './aggregate.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { describedValues, VERDICT } from './enum-values.js';
import { EvidenceLevelEnum, IntervalMethodEnum, PoolingMethodEnum } from './enums.js';
import { checkRange, EVIDENCE } from './limits.js';
import { related } from './loading.js';
import { ClinicalQuestionRef, nodesById, questionArg, questionCounts } from './questions.js';
import { NodeRefs } from './refs.js';

const VerdictEnum = builder.enumType('EvidenceVerdict', {
  values: describedValues(VERDICTS, VERDICT),
  description:
    'What the populations say on this question: PREDICTIVE (all support effect modification), PREDICTIVE_CONTESTED (net support, some against), NOT_PREDICTIVE (nets to zero or less), NO_PREDICTIVE_EVIDENCE (only prognostic, associated or pharmacodynamic findings).',
});
const CertaintyLevelEnum = builder.enumType('CertaintyLevel', {
  values: describedValues(CERTAINTY_LEVELS, {
    HIGH: 'Further research is very unlikely to change confidence that the biomarker modifies the effect.',
    MODERATE: 'Further research is likely to have an important impact on that confidence.',
    LOW: 'Further research is very likely to change it.',
    VERY_LOW: 'Any estimate of effect modification is very uncertain.',
  }),
  description: 'GRADE certainty of the evidence that a biomarker modifies the treatment effect, for one question.',
});
const CertaintyDomainEnum = builder.enumType('CertaintyDomain', {
  values: describedValues(CERTAINTY_DOMAINS, {
    DESIGN: 'Where the rating starts: a randomised contrast with a within-trial treatment × biomarker comparison HIGH, randomised with one biomarker state MODERATE, else LOW.',
    RISK_OF_BIAS: 'Post hoc or exploratory biomarker analysis; an analysis of a subset of a trial’s patients.',
    INCONSISTENCY: 'Populations disagree in direction, or pooled interactions are heterogeneous (I² ≥ 50%).',
    INDIRECTNESS: 'The evidence differs from the question: other agents across populations, another schedule.',
    IMPRECISION: 'No interaction CI, a CI that includes 1, or fewer than 100 patients.',
    REPLICATION: 'A single population.',
  }),
  description: 'A GRADE domain judged for a line of evidence.',
});
const SphLevelEnum = builder.enumType('SimonPaikHayesLevel', {
  values: describedValues(SPH_LEVELS, {
    I: 'A prospective trial designed for the marker (category A), or two or more consistent category B studies.',
    II: 'One category B study (a randomised trial’s archived samples), or inconsistent ones.',
    III: 'Two or more consistent category C studies (prospective non-randomised trials).',
    IV: 'Category C, not validated or inconsistent.',
    V: 'Category D: observational or retrospective data only.',
  }),
  description: 'Simon, Paik & Hayes (JNCI 2009) level of evidence for a biomarker’s use.',
});
const InteractionBasisEnum = builder.enumType('InteractionBasis', {
  values: describedValues(['STATED', 'COMPUTED', 'STATED_P'] as const, {
    STATED: 'The source prints the interaction (a ratio of HRs or interaction HR with its CI).',
    COMPUTED: 'Computed here from two subgroup HRs and their CIs (log scale, independent subgroups).',
    STATED_P: 'The source prints only a p for interaction.',
  }),
  description: 'Where an interaction estimate comes from.',
});

const RULE =
  'One ranking per clinical question. Only PREDICTIVE findings answering the question count; predictive findings on the biomarker from other questions are listed as indirect and never count. Studies sharing a confirmed trial are one population. Each line has a GRADE certainty (with reasons) and a Simon–Paik–Hayes level; where subgroup HRs exist, the ratio of HRs with its 95% CI (a stated interaction figure is preferred), pooled across populations by REML with Hartung–Knapp. score = w_certainty × certainty + w_modification × modification + w_replication × replication, each component in [0, 1]: certainty (GRADE points — start HIGH 3, MODERATE 2, LOW 1, minus every level rated down, not stopped at VERY_LOW — as (points + 7) / 10, so HIGH is 1 and two VERY_LOW lines still differ), modification z/(1+z) with z = |ln ratio| / SE, replication H/(1+H) with H the harmonic sum of the populations’ level weights (A 5 … E 1, halved when exploratory, divided by 5). Ties only when every component is equal.';

const ComponentsRef = builder.objectRef<AnswerLine['components']>('RankingComponents').implement({
  description: 'The parts of a line’s score, each in [0, 1].',
  fields: (t) => ({
    certainty: t.float({ description: '(GRADE points + 7) / 10: HIGH 1, and below VERY_LOW’s floor still ordered; 0 without predictive evidence.', resolve: (c) => c.certainty }),
    modification: t.float({ description: 'z/(1+z), z = |ln ratio of HRs| / SE of the pooled (else the most precise) interaction; 0 without one.', resolve: (c) => c.modification }),
    replication: t.float({ description: 'H/(1+H), H = Σ wᵢ/i over the populations’ weights (level weight / 5), heaviest first.', resolve: (c) => c.replication }),
  }),
});

const WeightsRef = builder.objectRef<Weights>('RankingWeights').implement({
  description: 'The weights the score was computed with.',
  fields: (t) => ({
    certainty: t.float({ description: 'Weight of the certainty component.', resolve: (w) => w.certainty }),
    modification: t.float({ description: 'Weight of the modification component.', resolve: (w) => w.modification }),
    replication: t.float({ description: 'Weight of the replication component.', resolve: (w) => w.replication }),
  }),
});

const WeightsInput = builder.inputType('RankingWeightsInput', {
  description: `Weights of the score’s components (defaults ${DEFAULT_WEIGHTS.certainty}, ${DEFAULT_WEIGHTS.modification}, ${DEFAULT_WEIGHTS.replication}: certainty first, then modification, then replication).`,
  fields: (t) => ({
    certainty: t.float({ description: 'Weight of the certainty component.', defaultValue: DEFAULT_WEIGHTS.certainty }),
    modification: t.float({ description: 'Weight of the modification component.', defaultValue: DEFAULT_WEIGHTS.modification }),
    replication: t.float({ description: 'Weight of the replication component.', defaultValue: DEFAULT_WEIGHTS.replication }),
  }),
});

const JudgementRef = builder.objectRef<Judgement>('CertaintyJudgement').implement({
  description: 'One GRADE judgement, with its reason in words.',
  fields: (t) => ({
    domain: t.field({ description: 'The GRADE domain judged.', type: CertaintyDomainEnum, resolve: (j) => j.domain }),
    change: t.int({ description: 'Levels rated down (0, −1, −2); 0 for DESIGN, which sets the start.', resolve: (j) => j.change }),
    reason: t.string({ description: 'The judgement in words.', resolve: (j) => j.reason }),
  }),
});

const CertaintyRef = builder.objectRef<Certainty>('Certainty').implement({
  description: 'GRADE-style certainty that the biomarker modifies the treatment effect on this question.',
  fields: (t) => ({
    level: t.field({ description: 'HIGH, MODERATE, LOW or VERY_LOW.', type: CertaintyLevelEnum, resolve: (c) => c.level }),
    start: t.field({ type: CertaintyLevelEnum, description: 'Where the design put it before rating down.', resolve: (c) => c.start }),
    points: t.int({ description: 'The start (HIGH 3, MODERATE 2, LOW 1) minus every level rated down, not stopped at VERY_LOW (0).', resolve: (c) => c.points }),
    judgements: t.field({ description: 'One judgement per GRADE domain, each with its reason.', type: [JudgementRef], resolve: (c) => c.judgements }),
  }),
});

const SphRef = builder.objectRef<SphJudgement>('BiomarkerEvidenceLevel').implement({
  description: 'The Simon–Paik–Hayes level of evidence, with the study category behind it.',
  fields: (t) => ({
    level: t.field({ description: 'Level I–V.', type: SphLevelEnum, resolve: (s) => s.level }),
    category: t.string({
      description:
        'A: prospective trial designed for the marker (here: randomised, biomarker analysis stated pre-specified); B: a randomised trial’s samples; C: prospective non-randomised trial; D: observational.',
      resolve: (s) => s.category,
    }),
    reason: t.string({ description: 'Why, naming the populations.', resolve: (s) => s.reason }),
  }),
});

const InteractionRef = builder.objectRef<InteractionEstimate & { finding: string | null }>('InteractionEstimate').implement({
  description: 'A treatment × biomarker interaction within one population: the ratio of the treatment’s HR in one biomarker subgroup to its HR in the reference subgroup.',
  fields: (t) => ({
    basis: t.field({ description: 'Stated by the source, computed from two subgroup HRs, or a stated p only.', type: InteractionBasisEnum, resolve: (e) => e.basis }),
    ratio: t.float({ nullable: true, description: 'Ratio of HRs (subgroup / reference); below 1: the treatment helps more in the subgroup.', resolve: (e) => e.ratio }),
    ciLow: t.float({ nullable: true, description: 'Lower 95% bound.', resolve: (e) => e.ciLow }),
    ciHigh: t.float({ nullable: true, description: 'Upper 95% bound.', resolve: (e) => e.ciHigh }),
    logSe: t.float({ nullable: true, description: 'Standard error of ln(ratio).', resolve: (e) => e.se }),
    z: t.float({ description: 'ln(ratio) / its SE.', nullable: true, resolve: (e) => e.z }),
    p: t.float({ nullable: true, description: 'Two-sided p (normal theory), computed.', resolve: (e) => e.pComputed }),
    statedP: t.string({ nullable: true, description: 'The p for interaction the source prints, preferred when present.', resolve: (e) => e.pStated }),
    finding: t.field({
      type: NodeRefs.Finding,
      nullable: true,
      description: 'The finding whose figures these are.',
      resolve: async (e, _a, ctx) => (e.finding ? ((await nodesById(ctx, 'Finding', [e.finding]))[0] ?? null) : null),
    }),
    subgroups: t.field({
      type: [NodeRefs.Outcome],
      description: 'The two subgroup HRs (subgroup, reference) the ratio is computed from, when it is.',
      resolve: (e, _a, ctx) => nodesById(ctx, 'Outcome', e.subgroups ? e.subgroups.map((s) => s.id) : []),
    }),
  }),
});

const PooledRef = builder.objectRef<Pooled>('PooledInteraction').implement({
  description: 'Interaction estimates pooled across independent populations (random effects; never across subgroups of different trials compared with each other).',
  fields: (t) => ({
    poolingMethod: t.field({ description: 'The τ² estimator.', type: PoolingMethodEnum, resolve: (p) => p.method }),
    intervalMethod: t.field({ description: 'How the CI and prediction interval were built.', type: IntervalMethodEnum, resolve: (p) => p.ciMethod }),
    k: t.int({ description: 'Populations pooled.', resolve: (p) => p.k }),
    ratio: t.float({ description: 'Pooled ratio of HRs.', resolve: (p) => Math.exp(p.estimate) }),
    ciLow: t.float({ description: 'Lower 95% bound of the pooled ratio.', resolve: (p) => Math.exp(p.ciLow) }),
    ciHigh: t.float({ description: 'Upper 95% bound of the pooled ratio.', resolve: (p) => Math.exp(p.ciHigh) }),
    predictionLow: t.float({ nullable: true, description: '95% prediction interval (k ≥ 3).', resolve: (p) => (p.predictionLow === null ? null : Math.exp(p.predictionLow)) }),
    predictionHigh: t.float({
      description: 'Upper bound of the 95% prediction interval (k ≥ 3).',
      nullable: true,
      resolve: (p) => (p.predictionHigh === null ? null : Math.exp(p.predictionHigh)),
    }),
    tau2: t.float({ description: 'Between-population variance τ² of ln(ratio).', resolve: (p) => p.tau2 }),
    i2: t.float({ description: 'I², percent (metafor’s definition).', nullable: true, resolve: (p) => p.i2 }),
    q: t.float({ description: 'Cochran’s Q.', resolve: (p) => p.q }),
    qP: t.float({ description: 'Its χ² p (k − 1 df).', nullable: true, resolve: (p) => p.qP }),
  }),
});

const PopulationRef = builder.objectRef<Population>('EvidencePopulation').implement({
  description: 'One independent population behind a line: studies sharing a confirmed trial, or one study.',
  fields: (t) => ({
    key: t.string({ description: 'trial:<ids> or study:<id>.', resolve: (p) => p.key }),
    trials: t.field({ description: 'Its confirmed trials.', type: [NodeRefs.Trial], resolve: (p, _a, ctx) => nodesById(ctx, 'Trial', p.trials) }),
    studies: t.field({ description: 'Its studies.', type: [NodeRefs.Study], resolve: (p, _a, ctx) => nodesById(ctx, 'Study', p.studies) }),
    findings: t.field({
      type: [NodeRefs.Finding],
      description: `Its predictive findings on this question (the first ${EVIDENCE.listCap}).`,
      resolve: (p, _a, ctx) => nodesById(ctx, 'Finding', p.findings.slice(0, EVIDENCE.listCap)),
    }),
    supports: t.boolean({ description: 'Whether its strongest finding supports effect modification.', resolve: (p) => p.supports }),
    weight: t.float({ description: 'Its strongest finding’s CIViC level weight (A 5 … E 1, halved when exploratory).', resolve: (p) => p.weight }),
    randomised: t.boolean({ description: 'Whether a source states the contrasted arms were randomised.', resolve: (p) => p.facts.randomised }),
    patients: t.int({ nullable: true, description: 'The largest patient figure a source states for it.', resolve: (p) => p.patients }),
    interaction: t.field({
      description: 'Its treatment × biomarker interaction, where its findings give one (stated preferred over computed).',
      type: InteractionRef,
      nullable: true,
      resolve: (p) => (p.interaction ? { ...p.interaction, finding: p.interactionFinding } : null),
    }),
  }),
});

const BiomarkerEvidenceRef = builder.objectRef<AnswerLine>('BiomarkerEvidence').implement({
  description: 'One biomarker’s evidence on one clinical question: rank, certainty with reasons, interaction, components, populations and sources.',
  fields: (t) => ({
    rank: t.int({ description: 'Competition rank within the question: equal only when every component is equal.', resolve: (r) => r.rank }),
    biomarker: t.field({
      description: 'The biomarker.',
      type: NodeRefs.Biomarker,
      resolve: async (r, _a, ctx) => {
        const n = (await ctx.loaders.node.loadMany([r.biomarker]))[0];
        if (!n || n instanceof Error || n.label !== 'Biomarker') throw n instanceof Error ? n : new Error(`biomarker "${r.biomarker}" vanished`);
        return n;
      },
    }),
    verdict: t.field({ description: 'What the populations say, in one word (see EvidenceVerdict).', type: VerdictEnum, resolve: (r) => r.verdict }),
    score: t.float({ description: 'Σ weight × component (see rule).', resolve: (r) => r.score }),
    components: t.field({ description: 'The score’s parts, each in [0, 1].', type: ComponentsRef, resolve: (r) => r.components }),
    certainty: t.field({ type: CertaintyRef, nullable: true, description: 'Empty without predictive evidence on this question.', resolve: (r) => r.certainty }),
    evidenceLevel: t.field({ type: SphRef, nullable: true, description: 'Simon–Paik–Hayes level; empty without predictive evidence.', resolve: (r) => r.sph }),
    interaction: t.field({
      type: PooledRef,
      nullable: true,
      description: 'The interaction pooled across populations (two or more with a CI); each population’s own is on populations.',
      resolve: (r) => r.pooled,
    }),
    populations: t.field({
      type: [PopulationRef],
      description: `Populations carrying the predictive evidence, heaviest first (the first ${EVIDENCE.populations}; populationCount tells all).`,
      resolve: (r) => r.populations,
    }),
    populationCount: t.int({ description: 'Independent populations carrying the predictive evidence.', resolve: (r) => r.populationCount }),
    populationsCapped: t.boolean({
      description: `True when more populations exist than the ${EVIDENCE.populations} summarised in full: counts and replication then come from the database’s totals, where overlapping pooled trials are not merged.`,
      resolve: (r) => r.capped,
    }),
    supporting: t.field({
      type: [NodeRefs.Finding],
      description: `Predictive findings supporting effect modification (first ${EVIDENCE.listCap} by id).`,
      resolve: (r, _a, ctx) => nodesById(ctx, 'Finding', r.supporting),
    }),
    contradicting: t.field({
      type: [NodeRefs.Finding],
      description: `Predictive findings that saw none (first ${EVIDENCE.listCap} by id).`,
      resolve: (r, _a, ctx) => nodesById(ctx, 'Finding', r.contradicting),
    }),
    otherFindings: t.field({
      type: [NodeRefs.Finding],
      description: 'Prognostic, associated and pharmacodynamic findings on this question: listed, never ranked.',
      resolve: (r, _a, ctx) => nodesById(ctx, 'Finding', r.other),
    }),
    indirectFindings: t.field({
      type: [NodeRefs.Finding],
      description: 'Predictive findings on this biomarker answering other questions: indirect, never counted for or against.',
      resolve: (r, _a, ctx) => nodesById(ctx, 'Finding', r.indirect),
    }),
    supportingCount: t.int({ description: 'All predictive findings on this question supporting effect modification.', resolve: (r) => r.supportingCount }),
    contradictingCount: t.int({ description: 'All predictive findings on this question that saw no effect modification.', resolve: (r) => r.contradictingCount }),
    otherCount: t.int({ description: 'All prognostic, associated and pharmacodynamic findings on this question.', resolve: (r) => r.otherCount }),
    indirectCount: t.int({ description: 'All predictive findings on this biomarker answering other questions.', resolve: (r) => r.indirectCount }),
    studies: t.field({ type: [NodeRefs.Study], description: 'Studies behind the line.', resolve: (r, _a, ctx) => nodesById(ctx, 'Study', r.studies) }),
    patients: t.int({
      nullable: true,
      description: 'Patients behind the predictive evidence, once per population; empty when no source states a number.',
      resolve: (r) => r.patients,
    }),
    bestLevel: t.field({ type: EvidenceLevelEnum, nullable: true, description: 'Strongest CIViC level among the predictive findings.', resolve: (r) => r.bestLevel }),
    openTrials: t.field({
      type: [NodeRefs.Trial],
      description: 'Registered trials answering the same question whose populations do not carry this line: what could confirm or refute it.',
      resolve: (r, _a, ctx) => nodesById(ctx, 'Trial', r.openTrials),
    }),
    effectSizes: t.field({
      type: [NodeRefs.Outcome],
      description: 'Recorded figures the predictive findings rest on.',
      resolve: async (r, _a, ctx) => dedupe((await Promise.all([...r.supporting, ...r.contradicting].map((id) => related(ctx, 'Finding.outcomes', { id })))).flat()),
    }),
    sources: t.field({
      type: [NodeRefs.Source],
      description: 'Every source of every finding listed here.',
      resolve: async (r, _a, ctx) => dedupe((await Promise.all([...r.supporting, ...r.contradicting, ...r.other].map((id) => related(ctx, 'Finding.sources', { id })))).flat()),
    }),
  }),
});

function dedupe<T extends Entity>(nodes: T[]): T[] {
  return [...new Map(nodes.map((n) => [n.id, n])).values()];
}

interface QuestionAnswer {
  question: ClinicalQuestionKey;
  /** The lines asked for (a window of the whole ranking, by rank). */
  ranking: AnswerLine[];
  /** Lines in the whole ranking. */
  lineCount: number;
}

/** Which lines of each ranking a request asks for: `lines` lines after the first `offset`. */
interface LineWindow {
  offset: number;
  lines: number;
}

const QuestionAnswerRef = builder.objectRef<QuestionAnswer>('QuestionAnswer').implement({
  description: 'The ranking for one clinical question.',
  fields: (t) => ({
    question: t.field({ description: 'The clinical question ranked.', type: ClinicalQuestionRef, resolve: (a) => a.question }),
    ranking: t.field({
      type: [BiomarkerEvidenceRef],
      description: 'Biomarkers, best supported first: `lines` lines after the first `offset` (biomarkerEvidence arguments).',
      resolve: (a) => a.ranking,
    }),
    lineCount: t.int({ description: 'Biomarkers in the whole ranking (the lines not returned included).', resolve: (a) => a.lineCount }),
  }),
});

interface Report {
  weights: Weights;
  answers: QuestionAnswer[];
}

const ReportRef = builder.objectRef<Report>('BiomarkerEvidenceReport').implement({
  description: 'The answer to biomarkerEvidence: one ranking per clinical question, the rule and the weights used.',
  fields: (t) => ({
    rule: t.string({ description: 'How each ranking is computed.', resolve: () => RULE }),
    weights: t.field({ description: 'The weights the scores were computed with.', type: WeightsRef, resolve: (r) => r.weights }),
    levelWeights: t.string({ description: 'The weight of each CIViC evidence level, as JSON.', resolve: () => JSON.stringify(LEVEL_WEIGHT) }),
    answers: t.field({
      type: [QuestionAnswerRef],
      description: 'One ranking per question: the one asked, else those with the most predictive findings first.',
      resolve: (r) => r.answers,
    }),
  }),
});

/** Every biomarker's predictive findings over all questions, read once per graph version (the window leaves room for a question's own). */
function elsewhereOf(ctx: Context): Promise<Map<string, Elsewhere>> {
  return keptAggregate(ctx, 'biomarker-elsewhere', (db) => readElsewhere(db, 5 * EVIDENCE.listCap));
}

/**
 * One question's ranking, kept per graph version, question, weights and pooling (db/aggregates.ts):
 * the rows are read once and the ranking (certainty, pooling, components) computed once, so a
 * repeated request costs only its lookups.
 */
async function answerOne(
  ctx: Context,
  q: QuestionFacts,
  weights: Weights,
  pooling: { method: PoolingMethod; ci: IntervalMethod },
  window: LineWindow,
): Promise<QuestionAnswer | null> {
  const key = parseQuestionId(q.id);
  if (!key) throw new Error(`stored questionId "${q.id}" is not a clinical question id`);
  const lines = await keptAggregate(
    ctx,
    `biomarker-evidence${JSON.stringify({ question: q.id, cap: EVIDENCE.listCap, populations: EVIDENCE.populations, weights, pooling })}`,
    async (db) => {
      const [rows, elsewhere] = await Promise.all([readEvidenceRows(db, q.id, EVIDENCE.listCap, EVIDENCE.populations), elsewhereOf(ctx)]);
      // Another question's predictive findings on each biomarker: the total less this question's own, the first ids not of this question.
      const own = new Map(rows.predictive.map((g) => [g.biomarker, g.supportingCount + g.contradictingCount]));
      const biomarkers = new Set([...rows.predictive, ...rows.other].map((r) => r.biomarker));
      const indirect = [...biomarkers].map((b) => {
        const e = elsewhere.get(b);
        return {
          question: q.id,
          biomarker: b,
          ids: (e?.first ?? [])
            .filter(([, fq]) => fq !== q.id)
            .map(([id]) => id)
            .slice(0, EVIDENCE.listCap),
          count: (e?.total ?? 0) - (own.get(b) ?? 0),
        };
      });
      return answerQuestions({ questions: [q], ...rows, indirect, weights, pooling, cap: EVIDENCE.listCap })[0]?.lines ?? null;
    },
  );
  if (!lines) return null;
  // The whole ranking is kept; a request takes its window. By position, not by rank: tied lines share a rank.
  return { question: key, ranking: lines.slice(window.offset, window.offset + window.lines), lineCount: lines.length };
}

/**
 * The questions asked (one, or the `limit` with the most predictive findings, then by id), each
 * answered from its own rows: one read per question, so the cost follows the questions, not the graph.
 */
async function answers(
  ctx: Context,
  question: string | null,
  limit: number,
  weights: Weights,
  pooling: { method: PoolingMethod; ci: IntervalMethod },
  predictiveOnly: boolean,
  window: LineWindow,
): Promise<QuestionAnswer[]> {
  const counts = await questionCounts(ctx);
  const chosen = [...counts.values()]
    .filter((c) => (question === null || c.question === question) && (!predictiveOnly || c.predictive > 0))
    .sort((a, b) => b.predictive - a.predictive || (a.question < b.question ? -1 : 1))
    .slice(0, limit)
    .map((c) => ({ id: c.question, schedule: parseQuestionId(c.question)?.schedule ?? null, trials: c.trials }));
  const answered = (await Promise.all(chosen.map((q) => answerOne(ctx, q, weights, pooling, window)))).filter((a): a is QuestionAnswer => a !== null);
  // The lines' biomarker nodes belong to the same graph version as the rankings: read in one batch
  // for the questions asked, kept with them, and primed into the request's node loader, so a
  // repeated request reads none.
  const ids = [...new Set(answered.flatMap((a) => a.ranking.map((l) => l.biomarker)))].sort();
  const nodes = await keptAggregate(ctx, `biomarker-evidence-nodes${JSON.stringify(ids)}`, (db) => new GraphStore(db).nodesByIds(ids));
  for (const [id, n] of nodes) ctx.loaders.node.prime(id, n);
  return answered;
}

builder.queryField('biomarkerEvidence', (t) =>
  t.field({
    type: ReportRef,
    description:
      'Which biomarkers predict benefit? One ranking per clinical question (or for the one asked), each line with GRADE certainty and its reasons, the Simon–Paik–Hayes level, the treatment × biomarker interaction, its components, populations, patients and sources.',
    args: {
      question: t.arg.id({ description: 'One ClinicalQuestion id (see clinicalQuestions); default: every question.' }),
      predictiveOnly: t.arg.boolean({ defaultValue: true, description: 'Only questions with at least one PREDICTIVE finding (default true).' }),
      questions: t.arg.int({
        defaultValue: EVIDENCE.defaultQuestions,
        description: `Without question: how many questions to answer, those with the most predictive findings first (default ${EVIDENCE.defaultQuestions}, at most ${EVIDENCE.maxQuestions}; clinicalQuestions lists them all).`,
      }),
      lines: t.arg.int({
        defaultValue: EVIDENCE.defaultLines,
        description: `Lines of each ranking to return, best first (default ${EVIDENCE.defaultLines}, at most ${EVIDENCE.maxLines}); QuestionAnswer.lineCount tells how many there are.`,
      }),
      offset: t.arg.int({
        defaultValue: 0,
        description: 'Lines of each ranking to skip (0: from the top); the next window is offset + lines. By position: tied lines share a rank.',
      }),
      weights: t.arg({ type: WeightsInput, description: 'Weights of the score’s components.' }),
      poolingMethod: t.arg({ type: PoolingMethodEnum, defaultValue: 'REML', description: 'τ² estimator for pooled interactions (default REML).' }),
      intervalMethod: t.arg({ type: IntervalMethodEnum, defaultValue: 'HARTUNG_KNAPP', description: 'CI method for pooled interactions (default HARTUNG_KNAPP).' }),
    },
    resolve: async (_p, args, ctx) => {
      const question = args.question ? questionArg(String(args.question), 'question').id : null;
      const w = args.weights;
      const weights: Weights = {
        certainty: w?.certainty ?? DEFAULT_WEIGHTS.certainty,
        modification: w?.modification ?? DEFAULT_WEIGHTS.modification,
        replication: w?.replication ?? DEFAULT_WEIGHTS.replication,
      };
      for (const [k, v] of Object.entries(weights)) {
        if (!Number.isFinite(v) || v < 0) throw userError(`weights.${k} must be a finite number ≥ 0, got ${v}`, 'BAD_USER_INPUT', { argument: 'weights' });
      }
      const limit = args.questions ?? EVIDENCE.defaultQuestions;
      checkRange(limit, 1, EVIDENCE.maxQuestions, 'questions');
      const window: LineWindow = { lines: args.lines ?? EVIDENCE.defaultLines, offset: args.offset ?? 0 };
      checkRange(window.lines, 1, EVIDENCE.maxLines, 'lines');
      checkRange(window.offset, 0, Number.MAX_SAFE_INTEGER, 'offset');
      return {
        weights,
        answers: await answers(
          ctx,
          question,
          limit,
          weights,
          { method: args.poolingMethod ?? 'REML', ci: args.intervalMethod ?? 'HARTUNG_KNAPP' },
          args.predictiveOnly ?? true,
          window,
        ),
      };
    },
  }),
);
