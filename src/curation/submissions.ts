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
import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import { withoutListKeys } from '../db/list-keys.js';
import { isLabel, type Label } from '../db/model.js';
import type { Db, WriteTx } from '../db/run.js';
import { notFound, userError } from '../errors.js';
import type { FieldChange } from '../importers/changes.js';
import { type RecordPlan, RecordPlanJson } from '../importers/plan.js';
import { planHash, writePlanTx } from '../importers/write-plan.js';
import { isOneOf } from '../model/narrow.js';
import { refreshRelease } from '../release/release.js';
import { catalogKindOf, exportCatalog, exportStudies, type RunQuery, SEED_FIELDS } from '../seed-files/export-seed.js';
import { type KnownNode, type RawBundle, type SeedProblem, validateBundle } from '../seed-files/read-seed.js';
import { CATALOG_KINDS, type Catalog, type CatalogKind, Slug, type StudySeed } from '../seed-files/seed-schema.js';
import { writeCatalogTx, writeStudyTx } from '../seed-files/write-seed.js';
import { type Principal, requireScope } from './tokens.js';

export const SubmissionKind = z.enum(['STUDY', 'CORRECTION', 'RETRACTION', 'REVERT', 'REGISTRY_UPDATE']);
export type SubmissionKind = z.infer<typeof SubmissionKind>;
export const SubmissionStatus = z.enum(['PENDING', 'ACCEPTED', 'REJECTED']);
export type SubmissionStatus = z.infer<typeof SubmissionStatus>;
export const ReviewDecision = z.enum(['ACCEPT', 'REJECT']);
export type ReviewDecision = z.infer<typeof ReviewDecision>;

const Reason = z.string().trim().min(1, 'must say why').max(2000);

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
const CorrectionPayload = z.object({ node: z.string(), fields: z.record(z.string(), z.unknown()) }).strict();
const RevertPayload = z.object({ revision: z.string() }).strict();
const FieldChangeJson = z.object({ record: z.string(), field: z.string(), before: z.string(), after: z.string() }).strict() satisfies z.ZodType<FieldChange>;
/** A registry update: the import's plan, the record's hash it was planned against (null: new) and the changed fields the report listed. */
const RegistryPayload = z.object({ plan: RecordPlanJson, previousHash: z.string().nullable(), changes: z.array(FieldChangeJson) }).strict();
type RegistryPayload = z.infer<typeof RegistryPayload>;

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

type CatalogEntry = Catalog[CatalogKind][number];
/** One unit of seed content, as it was before a change and as it is after (null = absent). */
const Unit = z.discriminatedUnion('kind', [
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
type Unit =
  | { kind: 'study'; id: string; before: StudySeed | null; after: StudySeed | null }
  | { kind: 'catalog'; catalogKind: CatalogKind; id: string; before: CatalogEntry | null; after: CatalogEntry | null }
  | { kind: 'registry'; id: string; plan: RecordPlan; previousHash: string | null };

const PropsJson = z.record(z.string(), z.unknown()).nullable();
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

interface Plan {
  target: string;
  units: Unit[];
  problems: Problem[];
  revertOf?: string;
}

const stable = configure({ deterministic: true });

function invalid(problems: Problem[]): Error {
  const list = problems.map((p) => `${p.path || '(input)'}: ${p.message}`).join('; ');
  return userError(`the submission is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}): ${list}`, 'BAD_USER_INPUT', { problems });
}

const joinPath = (p: SeedProblem): Problem => ({
  path: p.path === '' ? p.file : p.path.startsWith('[') ? `${p.file}${p.path}` : `${p.file}.${p.path}`,
  message: p.message,
});

/** Every string in the input that could be a node id: what the graph must be asked about. */
function slugsIn(value: unknown, into: Set<string> = new Set()): Set<string> {
  if (typeof value === 'string') {
    if (Slug.safeParse(value).success) into.add(value);
  } else if (Array.isArray(value)) {
    for (const v of value) slugsIn(v, into);
  } else if (value !== null && typeof value === 'object') {
    for (const v of Object.values(value)) slugsIn(v, into);
  }
  return into;
}

const KnownRow = z.object({ id: z.string(), label: z.string(), study: z.string().nullable() });

async function knownNodes(run: RunQuery, ids: Iterable<string>, except: ReadonlySet<string> = new Set()): Promise<Map<string, KnownNode>> {
  const known = new Map<string, KnownNode>();
  for (const raw of await run('curation-known-nodes', { ids: [...ids] })) {
    const row = KnownRow.parse(raw);
    if (isLabel(row.label) && !except.has(row.id)) known.set(row.id, { label: row.label, study: row.study });
  }
  return known;
}

/** The nodes a unit may change, read before and after it is applied for the revision's changes. */
function unitIds(u: Unit): string[] {
  if (u.kind === 'study') return [...ownedIds(u.before), ...ownedIds(u.after)];
  if (u.kind === 'registry') return u.plan.nodes.map((n) => n.id);
  return [u.id];
}

function ownedIds(study: StudySeed | null): string[] {
  if (study === null) return [];
  return [study.id, ...(study.arms ?? []).map((a) => a.id), ...(study.outcomes ?? []).map((o) => o.id), ...(study.findings ?? []).map((f) => f.id)];
}

// ------------------------------------------------------------------ plans: what a submission would change

async function planStudy(run: RunQuery, payload: z.infer<typeof StudyPayload>): Promise<Plan> {
  const raw: RawBundle = { catalog: {}, studies: [{ file: 'study', value: payload.study }] };
  for (const kind of CATALOG_KINDS) {
    const value = payload.catalog?.[kind];
    if (value !== undefined) raw.catalog[kind] = { file: `catalog.${kind}`, value };
  }
  const known = await knownNodes(run, slugsIn(payload));
  const { bundle, problems } = validateBundle(raw, known);
  const study = bundle?.studies[0]?.study;
  if (!bundle || study === undefined) return { target: '', units: [], problems: problems.map(joinPath) };
  const units: Unit[] = [];
  for (const kind of CATALOG_KINDS) {
    for (const entry of bundle.catalog[kind]) units.push({ kind: 'catalog', catalogKind: kind, id: entry.id, before: null, after: entry });
  }
  const before = (await exportStudies(run, [study.id]))[0] ?? null;
  units.push({ kind: 'study', id: study.id, before, after: study });
  return { target: study.id, units, problems: [] };
}

/** Checks each corrected field against its label's vocabulary; null removes an optional field. */
function checkFields(label: Label, fields: Record<string, unknown>): Problem[] {
  const spec = SEED_FIELDS[label];
  // Looked up by the field names a curator sent (any string); absent ones are reported below.
  const shape = spec.schema.shape as Record<string, z.ZodType>;
  const problems: Problem[] = [];
  if (Object.keys(fields).length === 0) problems.push({ path: 'fields', message: 'name at least one field to change' });
  for (const [key, value] of Object.entries(fields)) {
    const field = shape[key];
    const path = `fields.${key}`;
    if (key === 'id') problems.push({ path, message: 'a node’s id cannot be corrected (submit the study under a new id instead)' });
    else if (isOneOf(spec.relations, key)) problems.push({ path, message: `${key} is a relationship of ${label}; change it by submitting the whole study with submitStudy` });
    else if (field === undefined)
      problems.push({
        path,
        message: `${label} has no field "${key}" (fields: ${Object.keys(shape)
          .filter((k) => k !== 'id' && !isOneOf(spec.relations, k))
          .join(', ')})`,
      });
    else {
      const result = field.safeParse(value === null ? undefined : value);
      if (!result.success)
        problems.push(
          ...result.error.issues.map((i) => ({ path: [path, ...i.path.map(String)].join('.'), message: value === null ? `${key} is required and cannot be removed` : i.message })),
        );
    }
  }
  return problems;
}

function overlay(entry: Record<string, unknown>, fields: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(fields)) {
    if (value === null) delete entry[key];
    else entry[key] = value;
  }
}

async function planCorrection(run: RunQuery, payload: z.infer<typeof CorrectionPayload>, retraction: boolean): Promise<Plan> {
  const node = (await knownNodes(run, [payload.node])).get(payload.node);
  if (node === undefined) return { target: payload.node, units: [], problems: [{ path: 'node', message: `no node has the id "${payload.node}"` }] };
  if (retraction && node.label !== 'Finding' && node.label !== 'Outcome') {
    return { target: payload.node, units: [], problems: [{ path: 'node', message: `only findings and outcomes can be retracted; "${payload.node}" is a ${node.label}` }] };
  }
  const problems = checkFields(node.label, payload.fields);
  if (problems.length > 0) return { target: payload.node, units: [], problems };

  const kind = catalogKindOf(node.label);
  if (kind !== undefined) {
    const before = (await exportCatalog(run, [payload.node]))[kind][0];
    if (before === undefined) return { target: payload.node, units: [], problems: [{ path: 'node', message: `"${payload.node}" could not be read` }] };
    const after: Record<string, unknown> = structuredClone(before);
    overlay(after, payload.fields);
    const known = await knownNodes(run, slugsIn(after), new Set([payload.node]));
    const checked = validateBundle({ catalog: { [kind]: { file: `catalog.${kind}`, value: [after] } }, studies: [] }, known);
    const entry = checked.bundle?.catalog[kind][0];
    if (entry === undefined) return { target: payload.node, units: [], problems: checked.problems.map(joinPath) };
    return { target: payload.node, units: [{ kind: 'catalog', catalogKind: kind, id: payload.node, before, after: entry }], problems: [] };
  }

  const studyId = node.study ?? payload.node;
  const before = (await exportStudies(run, [studyId]))[0];
  if (before === undefined) return { target: payload.node, units: [], problems: [{ path: 'node', message: `"${payload.node}" belongs to no study` }] };
  const after: StudySeed = structuredClone(before);
  const entry: { id: string } | undefined =
    node.label === 'Study' ? after : [...(after.arms ?? []), ...(after.outcomes ?? []), ...(after.findings ?? [])].find((e) => e.id === payload.node);
  if (entry === undefined) return { target: payload.node, units: [], problems: [{ path: 'node', message: `"${payload.node}" was not found in study "${studyId}"` }] };
  // A parsed catalog entry is a plain object; overlay writes the checked fields onto it.
  overlay(entry as Record<string, unknown>, payload.fields);
  const known = await knownNodes(run, slugsIn(after));
  const checked = validateBundle({ catalog: {}, studies: [{ file: 'study', value: after }] }, known);
  const study = checked.bundle?.studies[0]?.study;
  if (study === undefined) return { target: payload.node, units: [], problems: checked.problems.map(joinPath) };
  if (stable(study) === stable(before))
    return { target: payload.node, units: [], problems: [{ path: 'fields', message: 'the node already has these values; nothing would change' }] };
  return { target: payload.node, units: [{ kind: 'study', id: studyId, before, after: study }], problems: [] };
}

/**
 * A registry update applies only to the record as it was planned against: when an import or
 * another review has written the record since, the plan is stale and is refused (import again).
 */
async function planRegistry(run: RunQuery, payload: RegistryPayload): Promise<Plan> {
  const { plan: record, previousHash } = payload;
  const row = (await run('import-record-hashes', { ids: [record.sourceId] }))[0];
  const current = typeof row?.['hash'] === 'string' ? row['hash'] : null;
  if (current === planHash(record))
    return { target: record.owner, units: [], problems: [{ path: 'plan', message: `the graph already holds ${record.key} as proposed; nothing would change` }] };
  if (current !== previousHash) {
    return {
      target: record.owner,
      units: [],
      problems: [{ path: 'plan', message: `${record.key} was written again since this proposal was made (by an import or another review); import it again with --review` }],
    };
  }
  return { target: record.owner, units: [{ kind: 'registry', id: record.owner, plan: record, previousHash }], problems: [] };
}

async function readRevision(run: RunQuery, id: string): Promise<RevisionRecord | undefined> {
  const row = (await run('curation-revision-get', { id }))[0];
  return row === undefined ? undefined : RevisionRecord.parse(row['revision']);
}

/** A revert writes back each unit's `before`: studies and catalog entries as they were, additions removed. */
async function planRevert(run: RunQuery, payload: z.infer<typeof RevertPayload>): Promise<Plan> {
  const revision = await readRevision(run, payload.revision);
  if (revision === undefined) return { target: payload.revision, units: [], problems: [{ path: 'revision', message: `no revision has the id "${payload.revision}"` }] };
  const stored = z.array(Unit).parse(JSON.parse(revision.units));
  const old = stored.filter((u): u is Exclude<(typeof stored)[number], { kind: 'registry' }> => u.kind !== 'registry');
  if (old.length < stored.length) {
    return {
      target: payload.revision,
      units: [],
      problems: [{ path: 'revision', message: `${revision.id} applied a registry record; import the record as it should be (with --review) instead of reverting` }],
    };
  }
  const raw: RawBundle = { catalog: {}, studies: [] };
  const restoredCatalog = new Set<string>();
  for (const u of old) {
    if (u.before === null) continue;
    if (u.kind === 'study') raw.studies.push({ file: 'study', value: u.before });
    else {
      restoredCatalog.add(u.id);
      const part = raw.catalog[u.catalogKind] ?? { file: `catalog.${u.catalogKind}`, value: [] };
      raw.catalog[u.catalogKind] = part;
      // A catalog part's value is its file's array (read-seed reads every catalog file as one).
      (part.value as unknown[]).push(u.before);
    }
  }
  const known = await knownNodes(run, slugsIn(old.map((u) => u.before)), restoredCatalog);
  const { bundle, problems } = validateBundle(raw, known);
  if (!bundle) return { target: payload.revision, units: [], problems: problems.map(joinPath) };
  const units: Unit[] = [];
  for (const u of old) {
    if (u.kind === 'study') {
      const now = (await exportStudies(run, [u.id]))[0] ?? null;
      units.push({ kind: 'study', id: u.id, before: now, after: bundle.studies.find((s) => s.study.id === u.id)?.study ?? null });
    } else {
      const now = (await exportCatalog(run, [u.id]))[u.catalogKind][0] ?? null;
      // Each catalog kind's list holds entries of that kind; a union index cannot say so.
      const after = (bundle.catalog[u.catalogKind] as CatalogEntry[]).find((e) => e.id === u.id) ?? null;
      units.push({ kind: 'catalog', catalogKind: u.catalogKind, id: u.id, before: now, after });
    }
  }
  return { target: payload.revision, units, problems: [], revertOf: revision.id };
}

async function plan(run: RunQuery, kind: SubmissionKind, payload: unknown): Promise<Plan> {
  switch (kind) {
    case 'STUDY':
      return planStudy(run, StudyPayload.parse(payload));
    case 'CORRECTION':
    case 'RETRACTION':
      return planCorrection(run, CorrectionPayload.parse(payload), kind === 'RETRACTION');
    case 'REVERT':
      return planRevert(run, RevertPayload.parse(payload));
    case 'REGISTRY_UPDATE':
      return planRegistry(run, RegistryPayload.parse(payload));
  }
}

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
  const record: SubmissionRecord = {
    id: `sub-${randomUUID()}`,
    kind: input.kind,
    status: 'PENDING',
    author: principal.name,
    createdAt: new Date().toISOString(),
    reason: reason.data,
    target: checked.target,
    payload: JSON.stringify(payload),
  };
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
  const submission: SubmissionRecord = {
    id: `sub-${randomUUID()}`,
    kind: 'REGISTRY_UPDATE',
    status: 'PENDING',
    author,
    createdAt: new Date().toISOString(),
    reason,
    target: record.owner,
    payload: json,
  };
  await db.write((tx) => tx.run('curation-submission-create', { props: submission }));
  return { submission, existing: false };
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
