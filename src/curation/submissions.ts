/**
 * Submissions and reviews. A submission is validated when made (the same zod schema and reference
 * checks as the seed files), stored as a pending :Submission (not :Entity, so no reader sees it),
 * and applied only when a reviewer accepts it: then it is validated again against the graph as it
 * stands and written through the seed's own writer, in one transaction with its Revision. Every
 * kind of change is expressed as seed units (a study, or a catalog entry) before and after, so a
 * file, a submission, a correction and a revert cannot disagree about what the graph holds. The
 * one exception is a registry update (`npm run import -- … --review`): its unit is the import's
 * own plan, written by the importer's writer when accepted, so a reviewed import and a direct one
 * write the same thing.
 */
import { randomUUID } from 'node:crypto';
import { z } from 'zod';
import { withoutListKeys } from '../db/list-keys.js';
import type { Db, WriteTx } from '../db/run.js';
import { notFound, userError } from '../errors.js';
import type { FieldChange } from '../importers/changes.js';
import type { RecordPlan } from '../importers/plan.js';
import { writePlanTx } from '../importers/write-plan.js';
import { refreshRelease } from '../release/release.js';
import type { RunQuery } from '../seed-files/export-seed.js';
import type { Catalog } from '../seed-files/seed-schema.js';
import { writeCatalogTx, writeStudyTx } from '../seed-files/write-seed.js';
import { plan, planRegistry, readRevision, stable, unitIds } from './plans.js';
import {
  type CatalogEntry,
  Change,
  invalid,
  type Problem,
  Reason,
  type RegistryPayload,
  type ReviewDecision,
  RevisionRecord,
  StudyPayload,
  SubmissionRecord,
  type SubmissionStatus,
  type Unit,
} from './records.js';
import { type Principal, requireScope } from './tokens.js';

// ------------------------------------------------------------------ submitting

export type SubmissionInput =
  | { kind: 'STUDY'; input: unknown }
  | { kind: 'CORRECTION'; node: string; fields: Record<string, unknown> }
  | { kind: 'RETRACTION'; node: string }
  | { kind: 'REVERT'; revision: string };

function payloadOf(input: SubmissionInput, reason: string): { payload: unknown; problems: Problem[] } {
  switch (input.kind) {
    case 'STUDY': {
      const parsed = StudyPayload.safeParse(input.input);
      if (parsed.success) return { payload: parsed.data, problems: [] };
      return { payload: undefined, problems: parsed.error.issues.map((i) => ({ path: i.path.map(String).join('.'), message: i.message })) };
    }
    case 'CORRECTION':
      return { payload: { node: input.node, fields: input.fields }, problems: [] };
    case 'RETRACTION':
      return { payload: { node: input.node, fields: { status: 'RETRACTED', statusReason: reason } }, problems: [] };
    case 'REVERT':
      return { payload: { revision: input.revision }, problems: [] };
  }
}

/** Validates and stores a pending submission; nothing readers see changes. */
export async function submit(db: Db, principal: Principal, input: SubmissionInput, reasonText: string): Promise<SubmissionRecord> {
  requireScope(principal, 'curate');
  const reason = Reason.safeParse(reasonText);
  if (!reason.success) throw invalid([{ path: 'reason', message: reason.error.issues[0]?.message ?? 'is invalid' }]);
  const { payload, problems } = payloadOf(input, reason.data);
  if (problems.length > 0) throw invalid(problems);
  const checked = await plan((name, params) => db.read(name, params), input.kind, payload);
  if (checked.problems.length > 0) throw invalid(checked.problems);
  return storePending(db, { kind: input.kind, author: principal.name, reason: reason.data, target: checked.target, payload: JSON.stringify(payload) });
}

/** Stores a checked submission as PENDING: readers see nothing of it until a reviewer accepts it. */
async function storePending(db: Db, fields: Pick<SubmissionRecord, 'kind' | 'author' | 'reason' | 'target' | 'payload'>): Promise<SubmissionRecord> {
  const record: SubmissionRecord = { id: `sub-${randomUUID()}`, status: 'PENDING', createdAt: new Date().toISOString(), ...fields };
  await db.write((tx) => tx.run('curation-submission-create', { props: record }));
  return record;
}

/**
 * An import run with --review proposes each new or changed record instead of writing it: a
 * pending REGISTRY_UPDATE by `author` (the importing operator), checked as a reviewer's accept
 * would check it. Proposing the same plan again returns the pending proposal (`existing`), so
 * re-running an import with --review adds nothing.
 */
export async function submitRegistryUpdate(
  db: Db,
  author: string,
  record: RecordPlan,
  previousHash: string | null,
  changes: readonly FieldChange[],
): Promise<{ submission: SubmissionRecord; existing: boolean }> {
  const payload: RegistryPayload = { plan: record, previousHash, changes: [...changes] };
  const json = JSON.stringify(payload);
  const pending = (await db.read('curation-submission-pending-same', { kind: 'REGISTRY_UPDATE', target: record.owner, payload: json }))[0];
  if (pending !== undefined) return { submission: SubmissionRecord.parse(pending['submission']), existing: true };
  const checked = await planRegistry((name, params) => db.read(name, params), payload);
  if (checked.problems.length > 0) throw invalid(checked.problems);
  const fields = changes.map((c) => c.field);
  const what =
    previousHash === null
      ? `${record.key}: a new record (${record.origin})`
      : `${record.key} changed (${record.origin})${fields.length ? `: ${fields.length} field(s), ${fields.join(', ')}` : ''}`;
  const reason = Reason.parse(what.length > 2000 ? `${what.slice(0, 1990)} …` : what);
  return { submission: await storePending(db, { kind: 'REGISTRY_UPDATE', author, reason, target: record.owner, payload: json }), existing: false };
}

// ------------------------------------------------------------------ reviewing

export async function getSubmission(run: RunQuery, id: string): Promise<SubmissionRecord | undefined> {
  const row = (await run('curation-submission-get', { id }))[0];
  return row === undefined ? undefined : SubmissionRecord.parse(row['submission']);
}

export async function listSubmissions(db: Db, status: SubmissionStatus | null, limit: number): Promise<SubmissionRecord[]> {
  return (await db.read('curation-submissions-list', { status, limit })).map((r) => SubmissionRecord.parse(r['submission']));
}

const NodePropsRow = z.object({ id: z.string(), label: z.string().nullable(), props: z.record(z.string(), z.unknown()).nullable() });

async function nodeProps(tx: WriteTx, ids: string[]): Promise<Map<string, { label: string | null; props: Record<string, unknown> | null }>> {
  const rows = (await tx.run('curation-node-props', { ids })).map((r) => NodePropsRow.parse(r));
  // Without the derived list keys: a revision shows what a person changed, not what follows from it.
  return new Map(rows.map((r) => [r.id, { label: r.label, props: r.props === null ? null : withoutListKeys(r.props) }]));
}

/** Writes the units' `after` state through the seed writer: catalog first, then studies, then removals. */
async function applyUnits(tx: WriteTx, units: Unit[]): Promise<void> {
  const catalog: Catalog = { sources: [], institutions: [], investigators: [], therapies: [], biomarkers: [], diseases: [], trials: [] };
  // Each catalog kind's list holds entries of that kind; a union index cannot say so.
  for (const u of units) if (u.kind === 'catalog' && u.after !== null) (catalog[u.catalogKind] as CatalogEntry[]).push(u.after);
  if (Object.values(catalog).some((l) => l.length > 0)) await writeCatalogTx(tx, catalog);
  for (const u of units) {
    if (u.kind !== 'study') continue;
    if (u.after !== null) await writeStudyTx(tx, u.after);
    else await tx.run('curation-delete-study', { id: u.id });
  }
  for (const u of units) if (u.kind === 'registry') await writePlanTx(tx, u.plan, u.previousHash);
  const removed = units.filter((u) => u.kind === 'catalog' && u.after === null).map((u) => u.id);
  // Until nothing more goes: removing an entry (investigator) can free one it pointed at (institution, source).
  for (let pass = 0; pass <= removed.length; pass += 1) {
    const rows = await tx.run('curation-delete-unreferenced', { ids: removed });
    if (Number(rows[0]?.['removed'] ?? 0) === 0) break;
  }
}

/**
 * Accepts or rejects a pending submission. Accepting re-validates it against the graph as it now
 * stands and applies it with its Revision in one transaction: all of it, or nothing. Reviewing a
 * submission that is already decided the same way returns it unchanged (idempotent by id).
 */
export async function review(db: Db, principal: Principal, id: string, decision: ReviewDecision, commentText: string): Promise<SubmissionRecord> {
  requireScope(principal, 'review');
  const comment = Reason.safeParse(commentText);
  if (!comment.success) throw invalid([{ path: 'comment', message: comment.error.issues[0]?.message ?? 'is invalid' }]);
  const existing = await getSubmission((name, params) => db.read(name, params), id);
  if (existing === undefined) throw notFound('submission', id);
  if (existing.author === principal.name) throw userError(`"${principal.name}" submitted ${id} and cannot review it; another reviewer must`, 'FORBIDDEN');
  const decided = await db.write(async (tx) => {
    const locked = SubmissionRecord.parse((await tx.run('curation-submission-lock', { id }))[0]?.['submission']);
    const wanted: SubmissionStatus = decision === 'ACCEPT' ? 'ACCEPTED' : 'REJECTED';
    if (locked.status === wanted) return locked;
    if (locked.status !== 'PENDING') throw userError(`submission ${id} was already ${locked.status.toLowerCase()}`, 'BAD_USER_INPUT');
    const now = new Date().toISOString();
    const decided = { status: wanted, reviewer: principal.name, reviewedAt: now, reviewComment: comment.data };
    if (decision === 'REJECT') return SubmissionRecord.parse((await tx.run('curation-submission-decide', { id, props: decided }))[0]?.['submission']);

    const run: RunQuery = (name, params) => tx.run(name, params);
    const planned = await plan(run, locked.kind, JSON.parse(locked.payload));
    if (planned.problems.length > 0) throw invalid(planned.problems);
    const ids = [...new Set(planned.units.flatMap(unitIds))].sort();
    const before = await nodeProps(tx, ids);
    await applyUnits(tx, planned.units);
    const after = await nodeProps(tx, ids);
    const changes: Change[] = ids
      .map((nodeId) => ({
        nodeId,
        label: after.get(nodeId)?.label ?? before.get(nodeId)?.label ?? null,
        before: before.get(nodeId)?.props ?? null,
        after: after.get(nodeId)?.props ?? null,
      }))
      .filter((c) => stable(c.before) !== stable(c.after));
    const revision: RevisionRecord = {
      id: `rev-${randomUUID()}`,
      at: now,
      kind: locked.kind,
      submission: locked.id,
      author: locked.author,
      reviewer: principal.name,
      reason: locked.reason,
      reviewComment: comment.data,
      nodeIds: [...new Set([...changes.map((c) => c.nodeId), ...planned.units.map((u) => u.id)])].sort(),
      studyIds: planned.units.filter((u) => u.kind === 'study').map((u) => u.id),
      changes: JSON.stringify(changes),
      units: JSON.stringify(planned.units),
      ...(planned.revertOf !== undefined ? { revertOf: planned.revertOf } : {}),
    };
    await tx.run('curation-revision-create', { props: revision });
    return SubmissionRecord.parse((await tx.run('curation-submission-decide', { id, props: { ...decided, revision: revision.id } }))[0]?.['submission']);
  });
  // Accepted data changed: record the new release, so every instance's response cache moves on.
  if (decided.status === 'ACCEPTED' && decided.revision !== undefined) {
    await refreshRelease(db, `${decided.kind} ${decided.id} on ${decided.target} accepted by ${principal.name}: revision ${decided.revision}`);
  }
  return decided;
}

// ------------------------------------------------------------------ the audit trail

export async function revisionsFor(db: Db, entity: string): Promise<RevisionRecord[]> {
  return (await db.read('curation-revisions-for', { entity })).map((r) => RevisionRecord.parse(r['revision']));
}

export async function revisionById(db: Db, id: string): Promise<RevisionRecord | undefined> {
  return readRevision((name, params) => db.read(name, params), id);
}

export function revisionChanges(revision: RevisionRecord): Change[] {
  return z.array(Change).parse(JSON.parse(revision.changes));
}
