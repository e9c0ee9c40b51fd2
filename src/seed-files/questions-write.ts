/**
 * Derives and stores the clinical question (src/analysis/questions.ts) of every finding and
 * outcome of some studies, inside the caller's write transaction, so a study written by the seed,
 * an accepted curation submission or an import answers its question the moment it commits.
 * A derived value, like the list keys: rewritten with the study, never typed by hand.
 */
import { z } from 'zod';
import { deriveQuestion, type QuestionFacts } from '../analysis/questions.js';
import type { WriteTx } from '../db/run.js';
import { OutcomeMeasure, Schedule } from '../model/vocabulary.js';

const TherapyRow = z.object({ id: z.string(), kind: z.string(), regimen: z.string().nullable(), roots: z.array(z.string()) });
const FactsRow = z.object({
  id: z.string(),
  label: z.enum(['Finding', 'Outcome']),
  arms: z.array(z.object({ id: z.string(), role: z.string().nullable(), schedule: Schedule.nullable(), therapies: z.array(TherapyRow) })),
  roles: z.array(z.tuple([z.string(), z.string()])),
  therapies: z.array(TherapyRow),
  schedule: Schedule.nullable(),
  endpoint: OutcomeMeasure.nullable(),
  diseasePaths: z.array(z.array(z.string())),
});

/** The facts of one row as the derivation takes them. */
export function factsOf(raw: unknown): { id: string; facts: QuestionFacts } {
  const row = FactsRow.parse(raw);
  return {
    id: row.id,
    facts: {
      arms: row.arms,
      roles: Object.fromEntries(row.roles),
      therapies: row.therapies,
      schedule: row.schedule,
      diseasePaths: row.diseasePaths,
      endpoint: row.endpoint,
    },
  };
}

/** Sets `questionId` on the findings and outcomes of `studies`; returns how many it assigned. */
export async function assignQuestionsTx(tx: WriteTx, studies: readonly string[]): Promise<number> {
  if (studies.length === 0) return 0;
  const rows = (await tx.run('questions-facts', { studies: [...studies] })).map(factsOf);
  if (rows.length === 0) return 0;
  const assigned = await tx.run('questions-assign', { rows: rows.map((r) => ({ id: r.id, question: deriveQuestion(r.facts).id })) });
  return Number(assigned[0]?.['assigned'] ?? 0);
}
