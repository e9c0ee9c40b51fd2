/**
 * The rows behind the evidence answer and the clinical-question list, parsed at the database
 * boundary (one zod schema per query), so src/analysis/answer.ts works on typed values.
 */
import neo4j from 'neo4j-driver';
import { z } from 'zod';
import { EvidenceLevel } from '../model/vocabulary.js';
import type { Db } from './run.js';

const num = z.number().nullable().default(null);
const str = z.string().nullable().default(null);

const FindingFacts = z.object({
  finding: z.object({
    id: z.string(),
    direction: z.string(),
    level: EvidenceLevel,
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
    supportingIds: z.array(z.string()),
    contradictingIds: z.array(z.string()),
  }),
});
const Other = z.object({
  kind: z.literal('other'),
  biomarker: z.string(),
  data: z.object({ other: z.array(z.string()), otherCount: z.number(), studies: z.array(z.string()) }),
});
const EvidenceRow = z.discriminatedUnion('kind', [Predictive, Other]);

/**
 * A question's rows as src/analysis/answer.ts takes them (its PredictiveGroup and OtherRow, which
 * these types meet; defined here from the schemas, so the database layer imports nothing above it).
 */
export interface EvidenceRows {
  predictive: ({ question: string; biomarker: string } & z.output<typeof Predictive>['data'])[];
  other: ({ question: string; biomarker: string } & z.output<typeof Other>['data'])[];
}

/** One question's evidence: its predictive findings (the `populations` heaviest in full) and its other findings. */
export async function readEvidenceRows(db: Db, question: string, cap: number, populations: number): Promise<EvidenceRows> {
  const out: EvidenceRows = { predictive: [], other: [] };
  for (const raw of await db.read('biomarker-evidence', { question, cap: neo4j.int(cap), populations: neo4j.int(populations) })) {
    const row = EvidenceRow.parse(raw);
    if (row.kind === 'predictive') out.predictive.push({ question, biomarker: row.biomarker, ...row.data });
    else out.other.push({ question, biomarker: row.biomarker, ...row.data });
  }
  return out;
}

const ElsewhereRow = z.object({ biomarker: z.string(), total: z.number(), first: z.array(z.tuple([z.string(), z.string()])) });
export interface Elsewhere {
  total: number;
  /** The first predictive findings by id, each with the question it answers. */
  first: [string, string][];
}

/** Per biomarker, its predictive findings over every question: how many, and the first `window` with their question. */
export async function readElsewhere(db: Db, window: number): Promise<Map<string, Elsewhere>> {
  const rows = (await db.read('biomarker-elsewhere', { window: neo4j.int(window) })).map((r) => ElsewhereRow.parse(r));
  return new Map(rows.map((r) => [r.biomarker, { total: r.total, first: r.first }]));
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
