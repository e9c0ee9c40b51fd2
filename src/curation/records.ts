/**
 * What curation stores and exchanges: the submission and revision records as zod schemas (read
 * back from the graph through them), each kind's payload, the seed units a change is made of,
 * and the coded error listing a submission's problems.
 */

import { z } from 'zod';
import { userError } from '../errors.js';
import type { FieldChange } from '../importers/changes.js';
import { type RecordPlan, RecordPlanJson } from '../importers/plan.js';
import { CATALOG_KINDS, type Catalog, type CatalogKind, type StudySeed } from '../seed-files/seed-schema.js';

export const SubmissionKind = z.enum(['STUDY', 'CORRECTION', 'RETRACTION', 'REVERT', 'REGISTRY_UPDATE']);
export type SubmissionKind = z.infer<typeof SubmissionKind>;
export const SubmissionStatus = z.enum(['PENDING', 'ACCEPTED', 'REJECTED']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;
export const ReviewDecision = z.enum(['ACCEPT', 'REJECT']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

export const Reason = z.string().trim().min(1, 'must say why').max(2000);

/** submitStudy's input: the study file's content, plus the new catalog entries it needs. */
export const StudyPayload = z
  .object({
    study: z.unknown(),
    catalog: z
      // fromEntries cannot type its keys; they are CATALOG_KINDS, one each.
      .object(Object.fromEntries(CATALOG_KINDS.map((k) => [k, z.unknown().optional()])) as Record<CatalogKind, z.ZodOptional<z.ZodUnknown>>)
      .strict()
      .optional(),
  })
  .strict();
export const CorrectionPayload = z.object({ node: z.string(), fields: z.record(z.string(), z.unknown()) }).strict();
export const RevertPayload = z.object({ revision: z.string() }).strict();
export const FieldChangeJson = z.object({ record: z.string(), field: z.string(), before: z.string(), after: z.string() }).strict() satisfies z.ZodType<FieldChange>;
/** A registry update: the import's plan, the record's hash it was planned against (null: new) and the changed fields the report listed. */
export const RegistryPayload = z.object({ plan: RecordPlanJson, previousHash: z.string().nullable(), changes: z.array(FieldChangeJson) }).strict();
export type RegistryPayload = z.infer<typeof RegistryPayload>;

export const SubmissionRecord = z.object({
  id: z.string(),
  kind: SubmissionKind,
  status: SubmissionStatus,
  author: z.string(),
  createdAt: z.string(),
  reason: z.string(),
  target: z.string(),
  payload: z.string(),
  reviewer: z.string().optional(),
  reviewedAt: z.string().optional(),
  reviewComment: z.string().optional(),
  revision: z.string().optional(),
});
export type SubmissionRecord = z.infer<typeof SubmissionRecord>;

export type CatalogEntry = Catalog[CatalogKind][number];
/** One unit of seed content, as it was before a change and as it is after (null = absent). */
export const Unit = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('study'), id: z.string(), before: z.unknown().nullable(), after: z.unknown().nullable() }),
  z.object({
    kind: z.literal('catalog'),
    catalogKind: z.enum(CATALOG_KINDS),
    id: z.string(),
    before: z.unknown().nullable(),
    after: z.unknown().nullable(),
  }),
  z.object({ kind: z.literal('registry'), id: z.string(), plan: RecordPlanJson, previousHash: z.string().nullable() }),
]);
export type Unit =
  | { kind: 'study'; id: string; before: StudySeed | null; after: StudySeed | null }
  | { kind: 'catalog'; catalogKind: CatalogKind; id: string; before: CatalogEntry | null; after: CatalogEntry | null }
  | { kind: 'registry'; id: string; plan: RecordPlan; previousHash: string | null };

export const PropsJson = z.record(z.string(), z.unknown()).nullable();
export const Change = z.object({ nodeId: z.string(), label: z.string().nullable(), before: PropsJson, after: PropsJson });
export type Change = z.infer<typeof Change>;

export const RevisionRecord = z.object({
  id: z.string(),
  at: z.string(),
  kind: SubmissionKind,
  submission: z.string(),
  author: z.string(),
  reviewer: z.string(),
  reason: z.string(),
  reviewComment: z.string(),
  nodeIds: z.array(z.string()),
  studyIds: z.array(z.string()),
  changes: z.string(),
  units: z.string(),
  revertOf: z.string().optional(),
});
export type RevisionRecord = z.infer<typeof RevisionRecord>;

export interface Problem {
  /** Where in the mutation's input, e.g. `study.findings[2].biomarker` or `fields.value`. */
  path: string;
  message: string;
}

export function invalid(problems: Problem[]): Error {
  const list = problems.map((p) => `${p.path || '(input)'}: ${p.message}`).join('; ');
  return userError(`the submission is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${list}`, 'BAD_USER_INPUT', { problems });
}
