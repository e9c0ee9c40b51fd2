import { builder } from '../builder.js';
import type { Entity, Therapy } from '../db/entities.js';
import { userError } from '../errors.js';
import type { Context } from '../context.js';
import { LEVEL_WEIGHT, VERDICTS, rankSummaries, type RankedBiomarker } from '../evidence/rank.js';
import { EvidenceLevelEnum, FindingTypeEnum, OutcomeMeasureEnum, ScheduleEnum } from './enums.js';
import { related } from './loading.js';
import { keptAggregate } from './aggregate.js';
import { GraphStore } from '../db/graph.js';
import { describedValues, VERDICT } from './enum-values.js';
import { EVIDENCE } from './limits.js';
import { NodeRefs } from './refs.js';

const VerdictEnum = builder.enumType('EvidenceVerdict', {
  values: describedValues(VERDICTS, VERDICT),
  description: 'PREDICTIVE: net-positive predictive evidence, none against. PREDICTIVE_CONTESTED: net-positive with findings against. NOT_PREDICTIVE: predictive evidence nets to zero or less. NO_PREDICTIVE_EVIDENCE: only prognostic, associated or pharmacodynamic findings.',
});

const RULE =
  'Only PREDICTIVE findings (a contrast between arms) rank a biomarker. Per patient population (a confirmed trial, else the study) the strongest SUPPORTS finding adds and the strongest DOES_NOT_SUPPORT finding subtracts its CIViC level weight (A 5, B 4, C 3, D 2, E 1), halved when exploratory. Order: score, then uncontested before contested, then best level; biomarkers equal on all three share a rank. Biomarkers with only prognostic, associated or pharmacodynamic findings follow with score 0.';

const BiomarkerEvidenceRef = builder.objectRef<RankedBiomarker>('BiomarkerEvidence').implement({
  description: 'One biomarker’s place in the ranking, with the findings, studies, patients and sources behind it.',
  fields: (t) => ({
    rank: t.int({ description: 'Competition rank: biomarkers equal under the rule share one.', resolve: (r) => r.rank }),
    biomarker: t.field({ description: 'The biomarker ranked.', type: NodeRefs.Biomarker, resolve: (r) => r.biomarker }),
    verdict: t.field({ description: 'What the ranked evidence says, in one word (see EvidenceVerdict).', type: VerdictEnum, resolve: (r) => r.verdict }),
    score: t.float({ description: 'Weighted predictive evidence for minus against (see rule).', resolve: (r) => r.score }),
    populations: t.int({ description: 'Independent patient populations (trials, or studies without a confirmed trial) behind the predictive findings.', resolve: (r) => r.populations }),
    supporting: t.field({
      type: [NodeRefs.Finding],
      description: `Predictive findings that support an effect modification (in id order; the first ${EVIDENCE.listCap}, supportingCount tells all).`,
      resolve: (r, _a, ctx) => nodesOf(ctx, 'Finding', r.supporting),
    }),
    contradicting: t.field({
      type: [NodeRefs.Finding],
      description: `Predictive findings that saw no interaction (in id order; the first ${EVIDENCE.listCap}, contradictingCount tells all).`,
      resolve: (r, _a, ctx) => nodesOf(ctx, 'Finding', r.contradicting),
    }),
    otherFindings: t.field({
      type: [NodeRefs.Finding],
      description: `Prognostic, associated and pharmacodynamic findings: kept apart, they do not rank (in id order; the first ${EVIDENCE.listCap}, otherCount tells all).`,
      resolve: (r, _a, ctx) => nodesOf(ctx, 'Finding', r.other),
    }),
    studies: t.field({
      description: `The studies behind the findings (in the order of their first finding; the first ${EVIDENCE.listCap}, studyCount tells all).`,
      type: [NodeRefs.Study],
      resolve: (r, _a, ctx) => nodesOf(ctx, 'Study', r.studies),
    }),
    supportingCount: t.int({ description: 'All supporting predictive findings.', resolve: (r) => r.supportingCount }),
    contradictingCount: t.int({ description: 'All contradicting predictive findings.', resolve: (r) => r.contradictingCount }),
    otherCount: t.int({ description: 'All prognostic, associated and pharmacodynamic findings.', resolve: (r) => r.otherCount }),
    studyCount: t.int({ description: 'All studies behind the findings.', resolve: (r) => r.studyCount }),
    patients: t.int({
      nullable: true,
      description: 'Patients behind the predictive findings (the other findings when there are none), counted once per trial or study; empty when no source gives a number.',
      resolve: (r) => r.patients,
    }),
    bestLevel: t.field({ description: 'Strongest CIViC evidence level among its predictive findings (among the other findings when there are none).', type: EvidenceLevelEnum, nullable: true, resolve: (r) => r.bestLevel as 'A' | null }),
    effectSizes: t.field({
      type: [NodeRefs.Outcome],
      description: 'Recorded figures (HRs, medians, rates) that the predictive findings rest on.',
      resolve: async (r, _a, ctx) => dedupe((await Promise.all([...r.supporting, ...r.contradicting].map((id) => related(ctx, 'Finding.outcomes', { id })))).flat()),
    }),
    sources: t.field({
      type: [NodeRefs.Source],
      description: 'Every source of every finding listed here.',
      resolve: async (r, _a, ctx) => dedupe((await Promise.all([...r.supporting, ...r.contradicting, ...r.other].map((id) => related(ctx, 'Finding.sources', { id })))).flat()),
    }),
  }),
});

/** The nodes behind summary ids, through the request's node loader (one batched query per level). */
async function nodesOf<L extends 'Finding' | 'Study'>(ctx: Context, label: L, ids: readonly string[]): Promise<Entity<L>[]> {
  const found = await ctx.loaders.node.loadMany([...ids]);
  return found.map((n, i) => {
    if (n instanceof Error) throw n;
    if (!n || n.label !== label) throw new Error(`biomarkerEvidence: ${label} "${ids[i]}" vanished between the summary and its load`);
    return n as unknown as Entity<L>;
  });
}

function dedupe<T extends Entity>(nodes: T[]): T[] {
  return [...new Map(nodes.map((n) => [n.id, n])).values()];
}

interface Report {
  classes: Therapy[];
  ranking: RankedBiomarker[];
}

const ReportRef = builder.objectRef<Report>('BiomarkerEvidenceReport').implement({
  description: 'The answer to biomarkerEvidence: the therapy combination asked about, the rule, and the ranked biomarkers.',
  fields: (t) => ({
    therapyClasses: t.field({ type: [NodeRefs.Therapy], description: 'The combination asked about.', resolve: (r) => r.classes }),
    rule: t.string({ description: 'How the ranking is computed.', resolve: () => RULE }),
    levelWeights: t.string({ description: 'The weight of each CIViC evidence level in the score, as JSON.', resolve: () => JSON.stringify(LEVEL_WEIGHT) }),
    ranking: t.field({ description: 'Biomarkers, best supported first.', type: [BiomarkerEvidenceRef], resolve: (r) => r.ranking }),
  }),
});

builder.queryField('biomarkerEvidence', (t) =>
  t.field({
    type: ReportRef,
    description: 'Which biomarkers predict benefit from a therapy combination (default: radiotherapy + immune checkpoint blockade)? Ranked, with findings, studies, patients and sources.',
    args: {
      therapyClasses: t.arg.stringList({
        defaultValue: ['radiotherapy', 'immune-checkpoint-blockade'],
        description: 'Therapy slugs that must all be involved; narrower therapies count (pembrolizumab IS_A immune checkpoint blockade).',
      }),
      schedules: t.arg({ type: [ScheduleEnum], description: 'Only findings about these schedules.' }),
      disease: t.arg.string({ description: 'Disease slug; narrower diseases count.' }),
      evidenceTypes: t.arg({ type: [FindingTypeEnum], description: 'Only these finding types (default: all, predictive ones rank).' }),
      measures: t.arg({ type: [OutcomeMeasureEnum], description: 'Only findings about these outcome measures.' }),
    },
    resolve: async (_p, args, ctx) => {
      const slugs = args.therapyClasses ?? [];
      if (slugs.length === 0) throw userError('therapyClasses must name at least one therapy', 'BAD_USER_INPUT', { argument: 'therapyClasses' });
      const found = await ctx.loaders.node.loadMany([...slugs, ...(args.disease ? [args.disease] : [])]);
      const classes: Therapy[] = [];
      slugs.forEach((slug, i) => {
        const n = found[i];
        // A failed load is the database's failure (SERVICE_UNAVAILABLE), not a missing therapy.
        if (n instanceof Error) throw n;
        if (n?.label !== 'Therapy') throw userError(`therapyClasses[${i}]: no therapy with slug "${slug}"`, 'NOT_FOUND', { argument: 'therapyClasses' });
        classes.push(n);
      });
      const disease = args.disease ? found[slugs.length] : undefined;
      if (args.disease && (!disease || disease instanceof Error || disease.label !== 'Disease')) {
        throw userError(`disease: no disease with slug "${args.disease}"`, 'NOT_FOUND', { argument: 'disease' });
      }
      const question = {
        classes: slugs,
        schedules: args.schedules ?? null,
        types: args.evidenceTypes ?? null,
        measures: args.measures ?? null,
        disease: args.disease ?? null,
        cap: EVIDENCE.listCap,
      };
      // Read once per graph version and question (db/aggregates.ts): at 100k studies it reads every qualifying finding.
      const summaries = await keptAggregate(ctx, `biomarker-evidence${JSON.stringify(question)}`, (db) => new GraphStore(db).evidence(question));
      return { classes, ranking: rankSummaries(summaries) };
    },
  }),
);
