/**
 * Writes one RecordPlan in one transaction. The same discipline as the seed writer (MERGE on
 * ids, every relationship's endpoints checked, all-or-nothing), with two import rules on top:
 * curated nodes and relationships are never overwritten (MERGE ... ON CREATE only, and node
 * properties are replaced only on nodes this record created), and a record whose content hash
 * matches its last import is skipped, so a second import changes nothing at all.
 */
import { createHash } from 'node:crypto';
import { withListKeys } from '../db/list-keys.js';
import type { Label, RelType } from '../db/model.js';
import type { Db, WriteStats, WriteTx } from '../db/run.js';
import { assignQuestionsTx } from '../seed-files/questions-write.js';
import type { PlanLink, PlanNode, RecordPlan } from './plan.js';

export type WriteOutcome = 'created' | 'updated' | 'unchanged';

/** Content hash of what the record would write: same record, same resolution -> same hash. */
export function planHash(plan: RecordPlan): string {
  const byKey = <T>(xs: T[], key: (x: T) => string): T[] => [...xs].sort((a, b) => key(a).localeCompare(key(b)));
  const canonical = JSON.stringify({
    owner: plan.owner,
    nodes: byKey(plan.nodes, (n) => `${n.label}:${n.id}`).map((n) => [n.label, n.id, Object.entries(n.props).sort(([a], [b]) => a.localeCompare(b))]),
    links: byKey(plan.links, (l) => `${l.rel}:${l.from}:${l.to}`).map((l) => [l.rel, l.from, l.to, Object.entries(l.props).sort(([a], [b]) => a.localeCompare(b))]),
  });
  return createHash('sha256').update(canonical).digest('hex').slice(0, 32);
}

function group<T, K>(xs: readonly T[], key: (x: T) => K): Map<K, T[]> {
  const m = new Map<K, T[]>();
  for (const x of xs) m.set(key(x), [...(m.get(key(x)) ?? []), x]);
  return m;
}

export async function writePlan(db: Db, plan: RecordPlan, previousHash: string | null): Promise<{ outcome: WriteOutcome; stats: WriteStats | undefined }> {
  if (previousHash === planHash(plan)) return { outcome: 'unchanged', stats: undefined };
  const stats = await db.write(async (tx) => {
    await writePlanTx(tx, plan, previousHash);
    return { ...tx.stats };
  });
  return { outcome: previousHash === null ? 'created' : 'updated', stats };
}

/**
 * The writes of one plan inside a caller's transaction: the import's own, or a reviewer's
 * acceptance of the plan as a submission (curation/submissions.ts), which adds its revision.
 */
export async function writePlanTx(tx: WriteTx, plan: RecordPlan, previousHash: string | null): Promise<void> {
  const hash = planHash(plan);
  const nodes: PlanNode[] = plan.nodes.map((n) => (n.id === plan.sourceId ? { ...n, props: { ...n.props, importHash: hash } } : n));
  if (previousHash !== null) await tx.run('import-clear-record', { owner: plan.owner, source: plan.sourceId });
  for (const [label, rows] of group(nodes, (n) => n.label)) {
    // The derived list keys (db/list-keys.ts) are added here, after the hash: they follow from the props.
    await tx.run(`import-upsert:${label satisfies Label}`, { rows: rows.map((n) => ({ id: n.id, props: withListKeys(label, { ...n.props, id: n.id }) })) });
  }
  for (const [rel, rows] of group<PlanLink, RelType>(plan.links, (l) => l.rel)) {
    const res = await tx.run(`import-link:${rel}`, { rows });
    const linked = Number(res[0]?.['linked'] ?? 0);
    if (linked !== rows.length) throw new Error(`${plan.key}: ${rel} linked ${linked} of ${rows.length}; a node the record refers to is missing`);
  }
  await tx.run('import-prune-orphans');
  // The clinical question of every finding and outcome the record wrote (posted results too), as the seed writer derives it.
  await assignQuestionsTx(
    tx,
    plan.nodes.filter((n) => n.label === 'Study').map((n) => n.id),
  );
}

export async function previousHashes(db: Db, sourceIds: string[]): Promise<Map<string, string | null>> {
  const rows = await db.read('import-record-hashes', { ids: sourceIds });
  return new Map(rows.map((r) => [String(r['id']), typeof r['hash'] === 'string' ? r['hash'] : null]));
}
