/**
 * What a re-import changes, in words a curator reads: per changed registry record, each field
 * with its value before and after (the record's own facts, its trial's, its arms, outcomes and
 * diseases), read from the graph before the write. And where a registry's posted hazard ratio
 * meets curated ones for the same trial and endpoint but matches none of them: both stay in the
 * graph, the run report lists the disagreement.
 */
import { LIST_KEY_PROPS } from '../db/list-keys.js';
import type { Db } from '../db/run.js';
import type { Prop, RecordPlan } from './plan.js';

export interface FieldChange {
  record: string;
  field: string;
  before: string;
  after: string;
}

export interface Disagreement {
  record: string;
  outcome: string;
  measure: string;
  registry: string;
  curated: string;
}

/** Properties that follow from others or from the run (hashes, list keys, provenance tags): not facts a curator compares. */
const BOOKKEEPING = new Set<string>([...LIST_KEY_PROPS, 'importedFrom', 'importHash', 'id']);

const show = (v: unknown): string => (v === undefined || v === null ? '(none)' : Array.isArray(v) ? `[${v.map(String).join(', ')}]` : String(v));
const same = (a: unknown, b: unknown): boolean => show(a) === show(b);

function diffProps(record: string, prefix: string, before: Record<string, unknown>, after: Record<string, Prop>, out: FieldChange[]): void {
  const keys = new Set([...Object.keys(before), ...Object.keys(after)].filter((k) => !BOOKKEEPING.has(k)));
  for (const k of [...keys].sort()) {
    if (!same(before[k], after[k])) out.push({ record, field: `${prefix}${k}`, before: show(before[k]), after: show(after[k]) });
  }
}

function diffSet(record: string, field: string, before: readonly string[], after: readonly string[], out: FieldChange[]): void {
  const b = [...new Set(before)].sort();
  const a = [...new Set(after)].sort();
  if (!same(b, a)) out.push({ record, field, before: show(b), after: show(a) });
}

const strings = (v: unknown): string[] => (Array.isArray(v) ? v.map(String) : []);
// A row's properties map (Neo4j's properties(n)): an object whenever it is not null.
const props = (v: unknown): Record<string, unknown> => (v !== null && typeof v === 'object' ? (v as Record<string, unknown>) : {});

/** Field-by-field changes of the plans against what the graph holds for their records now (plans never imported have none). */
export async function recordChanges(db: Db, plans: readonly RecordPlan[]): Promise<FieldChange[]> {
  if (plans.length === 0) return [];
  const rows = await db.read('import-record-state', { owners: plans.map((p) => p.owner) });
  const byOwner = new Map(rows.map((r) => [String(r['owner']), r]));
  const out: FieldChange[] = [];
  for (const plan of plans) {
    const row = byOwner.get(plan.owner);
    if (!row) continue;
    const owner = plan.nodes.find((n) => n.id === plan.owner);
    if (owner) diffProps(plan.key, '', props(row['record']), owner.props, out);
    const trialLink = plan.links.find((l) => l.rel === 'ANALYZES' && l.from === plan.owner);
    const trial = plan.nodes.find((n) => n.label === 'Trial' && n.id === trialLink?.to);
    if (trial) diffProps(plan.key, 'trial.', props(row['trial']), trial.props, out);
    diffSet(
      plan.key,
      'arms',
      strings(row['arms']),
      plan.nodes.filter((n) => n.label === 'Arm').map((n) => String(n.props['name'])),
      out,
    );
    diffSet(
      plan.key,
      'outcomes',
      strings(row['outcomes']),
      plan.nodes.filter((n) => n.label === 'Outcome').map((n) => n.id),
      out,
    );
    diffSet(
      plan.key,
      'diseases',
      strings(row['diseases']),
      plan.links.filter((l) => l.rel === 'STUDIES' && l.from === plan.owner).map((l) => l.to),
      out,
    );
  }
  return out;
}

/** Registry hazard ratios (OS, PFS …) that match none of the curated ones of the same trial and endpoint. */
export async function curatedDisagreements(db: Db, plans: readonly RecordPlan[]): Promise<Disagreement[]> {
  const ctgov = plans.filter((p) => p.kind === 'ctgov');
  if (ctgov.length === 0) return [];
  const rows = await db.read('import-curated-outcomes', { nctIds: ctgov.map((p) => p.key) });
  const out: Disagreement[] = [];
  for (const plan of ctgov) {
    const curated = rows.filter((r) => r['nctId'] === plan.key);
    for (const n of plan.nodes) {
      if (n.label !== 'Outcome' || typeof n.props['estimateType'] !== 'string' || !/hazard ratio/i.test(n.props['estimateType'])) continue;
      const same = curated.filter((r) => r['measure'] === n.props['measure']);
      if (same.length === 0 || typeof n.props['value'] !== 'number') continue;
      if (same.some((r) => Number(r['hr']) === n.props['value'])) continue;
      out.push({
        record: plan.key,
        outcome: n.id,
        measure: String(n.props['measure']),
        registry: `HR ${show(n.props['estimateText'])}${n.props['ciLowerText'] !== undefined ? ` (${show(n.props['ciPct'])}% CI ${show(n.props['ciLowerText'])} to ${show(n.props['ciUpperText'])})` : ''}`,
        curated: same
          .map(
            (r) => `${String(r['outcome'])} (${String(r['study'])}): HR ${show(r['hr'])}${r['hrCiLow'] != null ? ` (95% CI ${show(r['hrCiLow'])} to ${show(r['hrCiHigh'])})` : ''}`,
          )
          .join('; '),
      });
    }
  }
  return out;
}
