/**
 * The import's scope guard: the graph is about radiotherapy + immune checkpoint blockade in lung
 * cancer, so a registry record is taken only when at least one of its conditions is a catalog
 * disease and at least one of its interventions is radiotherapy or checkpoint blockade (a catalog
 * therapy in either class through IS_A, or an intervention the registry types RADIATION). Anything
 * else is refused with the reason, unless the run allows out-of-scope records.
 */
import type { Db } from '../db/run.js';
import { isOneOf } from '../model/narrow.js';
import type { CtgovStudy } from './ctgov.js';
import type { Resolver } from './resolve.js';

/** The therapy classes a record must touch one of. */
export const SCOPE_CLASSES = ['radiotherapy', 'immune-checkpoint-blockade'] as const;

/** Therapy id -> the ids of every class it belongs to through IS_A (itself included). */
export type TherapyClasses = ReadonlyMap<string, readonly string[]>;

export async function loadTherapyClasses(db: Db): Promise<TherapyClasses> {
  const rows = await db.read('import-therapy-classes');
  return new Map(rows.map((r) => [String(r['id']), Array.isArray(r['classes']) ? r['classes'].map(String) : []]));
}

const listed = (xs: readonly string[]): string => (xs.length ? xs.map((x) => `"${x}"`).join(', ') : 'none listed');

/** Why a record is out of scope, or undefined when it is in scope. Resolves names only; adds nothing to the resolver. */
export function ctgovScopeProblem(study: CtgovStudy, r: Resolver, classes: TherapyClasses): string | undefined {
  const p = study.protocolSection;
  const conditions = p.conditionsModule?.conditions ?? [];
  const interventions = p.armsInterventionsModule?.interventions ?? [];
  const diseaseMapped = conditions.some((c) => r.lookup('Disease', c) !== undefined);
  const touches = interventions.some((iv) => {
    if (iv.type === 'RADIATION') return true;
    return [iv.name, ...(iv.otherNames ?? [])].some((name) => {
      const t = r.lookup('Therapy', name);
      return t !== undefined && (classes.get(t.id) ?? []).some((c) => isOneOf(SCOPE_CLASSES, c));
    });
  });
  const problems: string[] = [];
  if (!diseaseMapped) problems.push(`its conditions (${listed(conditions)}) map to no catalog disease`);
  if (!touches) problems.push(`its interventions (${listed(interventions.map((iv) => iv.name))}) touch neither radiotherapy nor immune checkpoint blockade`);
  return problems.length ? `out of scope: ${problems.join(', and ')}; --allow-out-of-scope imports it anyway` : undefined;
}
