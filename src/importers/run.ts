/**
 * One import run: every input is read and validated first (rejections collected, nothing
 * written), then names are resolved against the graph, then each valid record is written in its
 * own transaction. The summary says what was created, updated, left unchanged, what could not be
 * mapped, which near-matches were not merged, and which records were rejected and why.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import { submitRegistryUpdate } from '../curation/submissions.js';
import type { Db, WriteStats } from '../db/run.js';
import { emptyStats } from '../db/run.js';
import { messageOf } from '../errors.js';
import { keysOf } from '../model/narrow.js';
import { refreshRelease } from '../release/release.js';
import { type AliasCatalog, emptyAliases } from './aliases.js';
import { curatedDisagreements, type Disagreement, type FieldChange, recordChanges } from './changes.js';
import { type CtgovStudy, CtgovStudySchema, mapCtgovStudy } from './ctgov.js';
import type { RecordPlan, Rejection, Unmapped } from './plan.js';
import { mapPubmedArticle, type PubmedArticle, parsePubmedXml } from './pubmed.js';
import { loadKnownEntities, Resolver } from './resolve.js';
import { ctgovScopeProblem, loadTherapyClasses } from './scope.js';
import { planHash, previousHashes, type WriteOutcome, writePlan } from './write-plan.js';

export type Parsed = { kind: 'ctgov'; study: CtgovStudy; origin: string } | { kind: 'pubmed'; article: PubmedArticle; origin: string };

export interface Loaded {
  records: Parsed[];
  rejected: Rejection[];
}

function valueAt(obj: unknown, p: readonly PropertyKey[]): unknown {
  let cur: unknown = obj;
  for (const k of p) cur = cur !== null && typeof cur === 'object' ? Reflect.get(cur, k) : undefined;
  return cur;
}

function describeCtgovIssue(raw: unknown, issue: z.core.$ZodIssue): string {
  const at = issue.path
    .map((k) => (typeof k === 'number' ? `[${k}]` : `.${String(k)}`))
    .join('')
    .replace(/^\./, '');
  if (at === 'protocolSection.identificationModule.nctId' && issue.code === 'invalid_type')
    return 'the record has no NCT id (protocolSection.identificationModule.nctId is missing)';
  if (at === 'protocolSection' && issue.code === 'invalid_type') return 'not a ClinicalTrials.gov API v2 study: no protocolSection';
  if (issue.code === 'invalid_value') return `${at}: unknown value ${JSON.stringify(valueAt(raw, issue.path))}; expected one of ${issue.values.map(String).join(', ')}`;
  return `${at}: ${issue.message}`;
}

/** ClinicalTrials.gov JSON text: a single study or a `{ "studies": [...] }` page. */
export function parseCtgovJson(text: string, origin: string): Loaded {
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    return { records: [], rejected: [{ origin, reason: `not valid JSON (truncated or corrupt): ${messageOf(err)}` }] };
  }
  // The retired API v1 wraps its studies in FullStudiesResponse: a different schema, refused whole with its name.
  if (raw !== null && typeof raw === 'object' && 'FullStudiesResponse' in raw) {
    return {
      records: [],
      rejected: [{ origin, reason: 'the retired ClinicalTrials.gov API v1 format (FullStudiesResponse), not an API v2 study: fetch it again from /api/v2/studies/{nctId}' }],
    };
  }
  const page: unknown[] = raw !== null && typeof raw === 'object' && 'studies' in raw && Array.isArray(raw.studies) ? raw.studies : [raw];
  const out: Loaded = { records: [], rejected: [] };
  page.forEach((item, i) => {
    const where = page.length > 1 || raw !== item ? `${origin} (studies[${i}])` : origin;
    const parsed = CtgovStudySchema.safeParse(item);
    if (parsed.success) out.records.push({ kind: 'ctgov', study: parsed.data, origin: where });
    else {
      const nct = valueAt(item, ['protocolSection', 'identificationModule', 'nctId']);
      out.rejected.push({ origin: where, ...(typeof nct === 'string' ? { key: nct } : {}), reason: parsed.error.issues.map((x) => describeCtgovIssue(item, x)).join('; ') });
    }
  });
  return out;
}

export function parsePubmed(text: string, origin: string): Loaded {
  const parsed = parsePubmedXml(text, origin);
  return {
    records: parsed.articles.map((a) => ({
      kind: 'pubmed' as const,
      article: a.article,
      origin: `${origin}${parsed.articles.length > 1 ? ` (PubmedArticle ${a.index + 1})` : ''}`,
    })),
    rejected: parsed.rejected,
  };
}

/** Files and directories (their *.json or *.xml files, sorted) -> their texts. */
export async function readInputFiles(paths: string[], ext: '.json' | '.xml'): Promise<{ texts: { origin: string; text: string }[]; rejected: Rejection[] }> {
  const texts: { origin: string; text: string }[] = [];
  const rejected: Rejection[] = [];
  for (const p of paths) {
    try {
      const s = await stat(p);
      const files = s.isDirectory()
        ? (await readdir(p))
            .filter((f) => f.endsWith(ext))
            .sort()
            .map((f) => path.join(p, f))
        : [p];
      for (const f of files) texts.push({ origin: f, text: await readFile(f, 'utf8') });
    } catch (err) {
      rejected.push({ origin: p, reason: `cannot be read: ${messageOf(err)}` });
    }
  }
  return { texts, rejected };
}

export interface ImportSummary {
  created: string[];
  updated: string[];
  unchanged: string[];
  rejected: Rejection[];
  unmapped: (Unmapped & { record: string })[];
  nearMatches: string[];
  /** Per updated record, each field that changed with its value before and after. */
  changes: FieldChange[];
  /** Registry figures that meet curated ones for the same trial and endpoint and match none: both kept. */
  disagreements: Disagreement[];
  /** With `review`: the new and changed records proposed for review instead of written (`existing`: the same proposal was already pending). */
  proposed: { record: string; submission: string; existing: boolean }[];
  stats: WriteStats;
}

export interface RunOptions {
  aliases?: AliasCatalog;
  /** Take registry records outside the graph's scope (no catalog disease, or neither radiotherapy nor checkpoint blockade). */
  allowOutOfScope?: boolean;
  /** Create registry records' site institutions (off: countries and site counts only). */
  sites?: boolean;
  /** Propose new and changed records as curation submissions by `author` instead of writing them (a reviewer accepts or rejects each). */
  review?: { author: string };
  onRecord?: (done: number, total: number, key: string, outcome: WriteOutcome | 'proposed') => void;
}

function keyOf(p: Parsed): string {
  return p.kind === 'ctgov' ? p.study.protocolSection.identificationModule.nctId : p.article.MedlineCitation.PMID;
}

export async function runImport(db: Db, loaded: Loaded, opts: RunOptions = {}): Promise<ImportSummary> {
  const summary: ImportSummary = {
    created: [],
    updated: [],
    unchanged: [],
    rejected: [...loaded.rejected],
    unmapped: [],
    nearMatches: [],
    changes: [],
    disagreements: [],
    proposed: [],
    stats: emptyStats(),
  };
  // One record per external id: a second copy in the same run is a mistake, not an update.
  const seen = new Set<string>();
  const records: Parsed[] = [];
  for (const r of loaded.records) {
    const key = `${r.kind}:${keyOf(r)}`;
    if (seen.has(key)) summary.rejected.push({ origin: r.origin, key: keyOf(r), reason: `duplicate: ${keyOf(r)} appears more than once in this import` });
    else {
      seen.add(key);
      records.push(r);
    }
  }
  if (records.length === 0) return summary;

  const resolver = new Resolver(await loadKnownEntities(db), opts.aliases ?? emptyAliases());
  // The scope guard runs before any record is mapped, so a refused record leaves no trace in the resolver either.
  const classes = opts.allowOutOfScope ? undefined : await loadTherapyClasses(db);
  const inScope = records.filter((r) => {
    const problem = classes && r.kind === 'ctgov' ? ctgovScopeProblem(r.study, resolver, classes) : undefined;
    if (problem) summary.rejected.push({ origin: r.origin, key: keyOf(r), reason: problem });
    return problem === undefined;
  });
  if (inScope.length === 0) return summary;
  const plans: RecordPlan[] = inScope.map((r) =>
    r.kind === 'ctgov' ? mapCtgovStudy(r.study, r.origin, resolver, { sites: opts.sites ?? false }) : mapPubmedArticle(r.article, r.origin, resolver),
  );
  const hashes = await previousHashes(
    db,
    plans.map((p) => p.sourceId),
  );
  const changing = plans.filter((p) => {
    const h = hashes.get(p.sourceId);
    return h !== null && h !== undefined && h !== planHash(p);
  });
  // Read before anything is written: the report compares with the graph as it was.
  summary.changes = await recordChanges(db, changing);
  summary.disagreements = await curatedDisagreements(db, plans);

  let done = 0;
  for (const plan of plans) {
    const previous = hashes.get(plan.sourceId) ?? null;
    if (opts.review && previous !== planHash(plan)) {
      // Proposed, not written: the graph stays as it is until a reviewer accepts the record.
      try {
        const changes = summary.changes.filter((c) => c.record === plan.key);
        const { submission, existing } = await submitRegistryUpdate(db, opts.review.author, plan, previous, changes);
        summary.proposed.push({ record: plan.key, submission: submission.id, existing });
      } catch (err) {
        summary.rejected.push({ origin: plan.origin, key: plan.key, reason: `could not be proposed: ${messageOf(err)}` });
      }
      done += 1;
      opts.onRecord?.(done, plans.length, plan.key, 'proposed');
      continue;
    }
    let written: Awaited<ReturnType<typeof writePlan>>;
    try {
      written = await writePlan(db, plan, previous);
    } catch (err) {
      // The record's transaction rolled back whole; the others still go in.
      summary.rejected.push({ origin: plan.origin, key: plan.key, reason: `write failed and was rolled back: ${messageOf(err)}` });
      done += 1;
      continue;
    }
    const { outcome, stats } = written;
    summary[outcome].push(plan.key);
    for (const u of plan.unmapped) summary.unmapped.push({ ...u, record: plan.key });
    if (stats) for (const k of keysOf(stats)) summary.stats[k] += stats[k];
    done += 1;
    opts.onRecord?.(done, plans.length, plan.key, outcome);
  }
  summary.nearMatches = [...resolver.nearMatches].sort();
  // Accepted data changed: record the new release, so every instance's response cache moves on.
  if (summary.created.length + summary.updated.length > 0) {
    const kinds = [...new Set(plans.map((p) => p.kind))].join(', ');
    const listed = [summary.created.length ? `created ${summary.created.join(', ')}` : '', summary.updated.length ? `updated ${summary.updated.join(', ')}` : ''];
    await refreshRelease(db, `import (${kinds}): ${listed.filter(Boolean).join('; ')}`);
  }
  return summary;
}

export function formatSummary(s: ImportSummary): string {
  const lines = [
    `created ${s.created.length}, updated ${s.updated.length}, unchanged ${s.unchanged.length}, ${s.proposed.length ? `proposed ${s.proposed.length}, ` : ''}rejected ${s.rejected.length}`,
    `graph: ${s.stats.nodesCreated} nodes and ${s.stats.relationshipsCreated} relationships created, ${s.stats.nodesDeleted} nodes and ${s.stats.relationshipsDeleted} relationships removed, ${s.stats.propertiesSet} properties set`,
  ];
  if (s.created.length) lines.push(`  created: ${s.created.join(', ')}`);
  if (s.updated.length) lines.push(`  updated: ${s.updated.join(', ')}`);
  if (s.unmapped.length) {
    lines.push(`unmapped terms (${s.unmapped.length}):`);
    for (const u of s.unmapped) lines.push(`  ${u.record} ${u.kind} "${u.term}": ${u.action}`);
  }
  if (s.nearMatches.length) {
    lines.push(`near-matches not merged (${s.nearMatches.length}):`);
    for (const n of s.nearMatches) lines.push(`  ${n}`);
  }
  if (s.changes.length) {
    lines.push(`changed fields (${s.changes.length}):`);
    for (const c of s.changes) lines.push(`  ${c.record} ${c.field}: ${c.before} -> ${c.after}`);
  }
  if (s.unchanged.length) lines.push(`  unchanged: ${s.unchanged.join(', ')}`);
  if (s.proposed.length) {
    lines.push(`proposed for review (${s.proposed.length}), nothing of them written until a reviewer accepts:`);
    for (const p of s.proposed) lines.push(`  ${p.record}: submission ${p.submission}${p.existing ? ' (already pending)' : ''}`);
  }
  if (s.disagreements.length) {
    lines.push(`registry figures that disagree with curated ones (${s.disagreements.length}), both kept:`);
    for (const d of s.disagreements) lines.push(`  ${d.record} ${d.measure} ${d.outcome}: registry ${d.registry}; curated ${d.curated}`);
  }
  if (s.rejected.length) {
    lines.push(`rejected records (${s.rejected.length}), nothing of them written:`);
    for (const r of s.rejected) lines.push(`  ${r.origin}${r.key ? ` [${r.key}]` : ''}: ${r.reason}`);
  }
  return lines.join('\n');
}
