/**
 * What a submission would change, checked against the graph as it stands: each kind's planner
 * turns its payload into seed units (a study, a catalog entry) before and after, or a registry
 * plan, with the problems that stop it. Run when a submission is made and again when it is
 * accepted, so an accept never writes what no longer holds.
 */

import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import { isLabel, type Label } from '../db/model.js';
import { planHash } from '../importers/write-plan.js';
import { isOneOf } from '../model/narrow.js';
import { catalogKindOf, exportCatalog, exportStudies, type RunQuery, SEED_FIELDS } from '../seed-files/export-seed.js';
import { type KnownNode, type RawBundle, type SeedProblem, validateBundle } from '../seed-files/read-seed.js';
import { CATALOG_KINDS, Slug, type StudySeed } from '../seed-files/seed-schema.js';
import { type CatalogEntry, CorrectionPayload, type Problem, RegistryPayload, RevertPayload, RevisionRecord, StudyPayload, type SubmissionKind, Unit } from './records.js';

/** What a submission would change: its target, its units, and the problems that stop it. */
export interface Plan {
  target: string;
  units: Unit[];
  problems: Problem[];
  revertOf?: string;
}

export const stable = configure({ deterministic: true });

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
export function unitIds(u: Unit): string[] {
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
export async function planRegistry(run: RunQuery, payload: RegistryPayload): Promise<Plan> {
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

export async function readRevision(run: RunQuery, id: string): Promise<RevisionRecord | undefined> {
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

export async function plan(run: RunQuery, kind: SubmissionKind, payload: unknown): Promise<Plan> {
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
