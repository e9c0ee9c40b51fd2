/**
 * The clinical question a finding or an outcome answers, derived from what the graph holds about
 * it — the arms it contrasts (their therapies and schedules), its disease and its endpoint — so
 * that evidence is only ever weighed against evidence on the same question. Pure: the writer
 * (src/seed-files/questions-write.ts) reads the facts inside its transaction and stores the result as
 * `questionId` on the node; the API parses the id back (parseQuestionId) and names its parts.
 *
 * A question is
 * - a setting: the disease's stage group, i.e. the ancestor just below the catalog's root disease
 *   (metastatic NSCLC IS_A advanced NSCLC IS_A NSCLC: the setting is advanced NSCLC);
 * - a contrast, from the arms compared (experimental vs control; when roles do not tell, the arm
 *   with more therapy classes is the experimental one):
 *   ADD    the experimental arm receives every class the control arm receives, plus some (SBRT
 *          added to pembrolizumab; durvalumab added after chemoradiotherapy), with the
 *          experimental arm's schedule (a consolidation contrast is ADD with CONSOLIDATION);
 *   TIMING the same classes on different schedules (concurrent vs sequential RT + ICB);
 *   SWITCH the arms differ both ways (one class for another);
 *   NONE   no contrast: one arm (or none), the classes given and their schedule;
 * - the endpoint: the finding's first measure (an outcome's measure).
 * Therapies are compared by class, not by drug: a REGIMEN (chemoradiotherapy) is its own class;
 * any other therapy is the root of its IS_A tree (SBRT → radiotherapy, pembrolizumab →
 * immune checkpoint blockade); placebo counts for nothing. Drugs and drug classes within a class
 * differ between studies of one question; certainty notes it as indirectness.
 */
import type { z } from 'zod';
import { isOneOf } from '../model/narrow.js';
import type { OutcomeMeasure, Schedule } from '../model/vocabulary.js';

export const CONTRAST_KINDS = ['ADD', 'TIMING', 'SWITCH', 'NONE'] as const;
export type ContrastKind = (typeof CONTRAST_KINDS)[number];
type Measure = z.infer<typeof OutcomeMeasure>;

/** One therapy as the derivation needs it: its id, whether it is a placebo, and its classes. */
export interface TherapyFacts {
  id: string;
  kind: string;
  /** The nearest REGIMEN at or above it (chemoradiotherapy), if any. */
  regimen: string | null;
  /** The roots of its IS_A tree (itself when it has no parent). */
  roots: string[];
}

export interface ArmFacts {
  id: string;
  role: string | null;
  schedule: Schedule | null;
  therapies: TherapyFacts[];
}

export interface QuestionFacts {
  /** The arms contrasted (a finding's CONTRASTS, an outcome's COMPARES or FOR_ARM arm); may be empty. */
  arms: ArmFacts[];
  /** The arm roles a comparison outcome states (arm id → EXPERIMENTAL/CONTROL), overriding arm roles. */
  roles?: Record<string, string>;
  /** Therapies the node is about, used when no arm is contrasted (a finding's INVOLVES). */
  therapies: TherapyFacts[];
  /** The node's own schedule (a finding's), used when no arm tells. */
  schedule: Schedule | null;
  /** Disease lineages, each from the disease up to its root (the finding's disease, else the study's). */
  diseasePaths: string[][];
  endpoint: Measure | null;
}

export interface ClinicalQuestionKey {
  id: string;
  setting: string | null;
  kind: ContrastKind;
  /** ADD: the classes added; TIMING/NONE: the classes given; SWITCH: the experimental arm's classes. */
  added: string[];
  /** ADD: the classes both arms receive; SWITCH: the control arm's classes; else empty. */
  base: string[];
  /** The experimental arm's schedule (NONE: the arm's or the node's). */
  schedule: Schedule | null;
  /** TIMING: the control arm's schedule. */
  versus: Schedule | null;
  endpoint: Measure | null;
}

export function therapyClasses(t: TherapyFacts): string[] {
  if (t.kind === 'PLACEBO') return [];
  if (t.regimen !== null) return [t.regimen];
  return [...t.roots].sort();
}

const classesOf = (therapies: readonly TherapyFacts[]): string[] => [...new Set(therapies.flatMap(therapyClasses))].sort();

/** The stage group: the lineage's member just below its root (the root itself for a one-node lineage). */
export function settingOf(paths: readonly string[][]): string | null {
  const settings = paths.map((p) => (p.length >= 2 ? p[p.length - 2] : p[0])).filter((s): s is string => s !== undefined);
  // A node in two stage groups (a study of several) takes the first by id: deterministic, and rare.
  return [...new Set(settings)].sort()[0] ?? null;
}

const ROLE_RANK: Record<string, number> = { EXPERIMENTAL: 0, CONTROL: 2 };

/** Experimental side first: by stated role, then by more classes, then by id. */
function orderArms(arms: readonly ArmFacts[], roles: Record<string, string>): ArmFacts[] {
  const rank = (a: ArmFacts): number => ROLE_RANK[roles[a.id] ?? a.role ?? ''] ?? 1;
  return [...arms].sort((a, b) => rank(a) - rank(b) || classesOf(b.therapies).length - classesOf(a.therapies).length || (a.id < b.id ? -1 : 1));
}

export function deriveQuestion(facts: QuestionFacts): ClinicalQuestionKey {
  const setting = settingOf(facts.diseasePaths);
  const endpoint = facts.endpoint;
  const arms = orderArms(facts.arms, facts.roles ?? {});
  const exp = arms[0];
  const ctl = arms[arms.length - 1];
  let key: Omit<ClinicalQuestionKey, 'id'>;
  if (exp && ctl && arms.length >= 2) {
    const e = classesOf(exp.therapies);
    const c = classesOf(ctl.therapies);
    const added = e.filter((x) => !c.includes(x));
    const removed = c.filter((x) => !e.includes(x));
    if (added.length > 0 && removed.length === 0) key = { setting, kind: 'ADD', added, base: c, schedule: exp.schedule, versus: null, endpoint };
    else if (added.length === 0 && removed.length > 0) key = { setting, kind: 'ADD', added: removed, base: e, schedule: ctl.schedule, versus: null, endpoint };
    else if (added.length === 0 && exp.schedule !== ctl.schedule) key = { setting, kind: 'TIMING', added: e, base: [], schedule: exp.schedule, versus: ctl.schedule, endpoint };
    else if (added.length === 0) key = { setting, kind: 'NONE', added: e, base: [], schedule: exp.schedule, versus: null, endpoint };
    else key = { setting, kind: 'SWITCH', added: e, base: c, schedule: exp.schedule, versus: null, endpoint };
  } else {
    const therapies = exp ? exp.therapies : facts.therapies;
    key = { setting, kind: 'NONE', added: classesOf(therapies), base: [], schedule: exp?.schedule ?? facts.schedule, versus: null, endpoint };
  }
  return { id: questionId(key), ...key };
}

const SEP = '~';

/** A readable, stable id: kind~setting~added~base~schedule~versus~endpoint ("-" for none). */
export function questionId(k: Omit<ClinicalQuestionKey, 'id'>): string {
  const part = (v: string | null | readonly string[]): string => (v === null ? '-' : typeof v === 'string' ? v : v.length === 0 ? '-' : v.join('+'));
  return [k.kind, part(k.setting), part(k.added), part(k.base), part(k.schedule), part(k.versus), part(k.endpoint)].join(SEP);
}

/** The inverse of questionId; null for anything that is not one. */
export function parseQuestionId(id: string): ClinicalQuestionKey | null {
  const parts = id.split(SEP);
  if (parts.length !== 7) return null;
  // Seven parts, just checked: split() cannot type its result's length.
  const [kind, setting, added, base, schedule, versus, endpoint] = parts as [string, string, string, string, string, string, string];
  if (!isOneOf(CONTRAST_KINDS, kind)) return null;
  const one = (v: string): string | null => (v === '-' ? null : v);
  const many = (v: string): string[] => (v === '-' ? [] : v.split('+'));
  return {
    id,
    kind: kind as ContrastKind, // checked against CONTRAST_KINDS above
    setting: one(setting),
    added: many(added),
    base: many(base),
    schedule: one(schedule) as Schedule | null, // written by questionId from a Schedule value
    versus: one(versus) as Schedule | null,
    endpoint: one(endpoint) as Measure | null,
  };
}

/** The question in words, with names for ids ("Adding radiotherapy to immune checkpoint blockade (sequential) — advanced NSCLC — PFS"). */
export function questionLabel(k: ClinicalQuestionKey, name: (id: string) => string): string {
  const names = (ids: readonly string[]): string => (ids.length === 0 ? 'nothing' : ids.map(name).join(' + '));
  const sched = (s: string | null): string => (s === null ? '' : s.toLowerCase());
  const contrast =
    k.kind === 'ADD'
      ? k.schedule === 'CONSOLIDATION'
        ? `${names(k.added)} as consolidation after ${names(k.base)}`
        : `adding ${names(k.added)}${k.schedule ? ` (${sched(k.schedule)})` : ''} to ${names(k.base)}`
      : k.kind === 'TIMING'
        ? `${names(k.added)}: ${sched(k.schedule)} vs ${sched(k.versus)}`
        : k.kind === 'SWITCH'
          ? `${names(k.added)} instead of ${names(k.base)}`
          : `${names(k.added)}${k.schedule ? ` (${sched(k.schedule)})` : ''}, no comparison`;
  const text = `${contrast} — ${k.setting ? name(k.setting) : 'any setting'} — ${k.endpoint ?? 'any endpoint'}`;
  return text.charAt(0).toUpperCase() + text.slice(1);
}
