/**
 * The rows behind the evidence answer and the clinical-question list, parsed at the database
 * boundary (one zod schema per query), so src/analysis/answer.ts works on typed values.
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import type { IndirectRow, OtherRow, PredictiveGroup } from '../analysis/answer.js';
import type { Db } from './run.js';

const num = z.number().nullable().default(null);
const str = z.string().nullable().default(null);

const FindingFacts = z.object({
  finding: z.object({
    id: z.string(),
    direction: z.string(),
    level: z.string(),
    exploratory: z.boolean(),
    patients: num,
    schedule: str,
    interactionHr: num,
    interactionCiLow: num,
    interactionCiHigh: num,
    interactionP: str,
    interactionPrespecified: z.boolean().nullable().default(null),
    interactionSubgroups: z.array(z.string()).nullable().default(null),
  }),
  study: z.object({ id: z.string(), shortName: z.string(), kind: z.string(), allocation: str, enrolled: num }),
  agents: z.array(z.string()),
  subgroups: z.array(z.object({ id: z.string(), hr: z.number(), ciLow: z.number(), ciHigh: z.number(), population: str }).nullable()).transform((l) => l.filter((x) => x !== null)),
});
const Predictive = z.object({
  kind: z.literal('predictive'),
  biomarker: z.string(),
  data: z.object({
    populations: z.array(
      z.object({
        key: z.string(),
        trials: z.array(z.string()),
        trialNames: z.array(z.string()),
        weight: z.number(),
        patients: num,
        forIds: z.array(z.string()),
        againstIds: z.array(z.string()),
        top: z.array(FindingFacts),
      }),
    ),
    populationCount: z.number(),
    harmonic: z.number(),
    patients: num,
    supportingCount: z.number(),
    contradictingCount: z.number(),
  }),
});
const Other = z.object({
  kind: z.literal('other'),
  biomarker: z.string(),
  data: z.object({ other: z.array(z.string()), otherCount: z.number(), studies: z.array(z.string()) }),
});
const Indirect = z.object({
  kind: z.literal('indirect'),
  biomarker: z.string(),
  data: z.object({ ids: z.array(z.string()), count: z.number() }),
});
const EvidenceRow = z.discriminatedUnion('kind', [Predictive, Other, Indirect]);

export interface EvidenceRows {
  predictive: PredictiveGroup[];
  other: OtherRow[];
  indirect: IndirectRow[];
}

/** One question's evidence: its predictive findings (the `populations` heaviest in full), other findings, and each biomarker's predictive findings elsewhere. */
export async function readEvidenceRows(db: Db, question: string, cap: number, populations: number): Promise<EvidenceRows> {
  const out: EvidenceRows = { predictive: [], other: [], indirect: [] };
  for (const raw of await db.read('biomarker-evidence', { question, cap: neo4j.int(cap), populations: neo4j.int(populations) })) {
    const row = EvidenceRow.parse(raw);
    if (row.kind === 'predictive') out.predictive.push({ question, biomarker: row.biomarker, ...row.data });
    else if (row.kind === 'other') out.other.push({ question, biomarker: row.biomarker, ...row.data });
    else out.indirect.push({ question, biomarker: row.biomarker, ...row.data });
  }
  return out;
}

export const QuestionCountsRow = z.object({
  question: z.string(),
  findings: z.number(),
  predictive: z.number(),
  outcomes: z.number(),
  studies: z.number(),
  trials: z.array(z.string()),
  trialCount: z.number(),
  patients: num,
});
export type QuestionCounts = z.infer<typeof QuestionCountsRow>;

/** Every clinical question with its counts (the first `cap` trials listed). */
export async function readClinicalQuestions(db: Db, cap: number): Promise<QuestionCounts[]> {
  return (await db.read('clinical-questions', { cap: neo4j.int(cap) })).map((r) => QuestionCountsRow.parse(r));
}
