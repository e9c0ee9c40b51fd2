/**
 * What one imported record becomes in the graph, before anything is written: the nodes it
 * creates or updates, the relationships it adds, and what it could not map. Both importers build
 * this one shape, so one writer (write-plan.ts) handles registry records and papers alike.
 */
import { z } from 'zod';
import { LABELS } from '../db/labels.js';
import { type Label, REL_TYPES, type RelType } from '../db/model.js';

export type Prop = string | number | boolean | string[];
export type Props = Record<string, Prop>;

export type ImportSourceKind = 'ctgov' | 'pubmed';

export interface PlanNode {
  label: Label;
  id: string;
  props: Props;
}

export interface PlanLink {
  rel: RelType;
  from: string;
  to: string;
  props: Props;
}

export type UnmappedKind = 'condition' | 'intervention' | 'affiliation' | 'results-group' | 'schedule';

export interface Unmapped {
  kind: UnmappedKind;
  term: string;
  /** What the importer did instead: "reported", "created unclassified therapy <id>". */
  action: string;
}

export interface RecordPlan {
  kind: ImportSourceKind;
  /** The record's external id: NCT number or PMID. */
  key: string;
  /** Where the record came from (file path or URL), for messages. */
  origin: string;
  sourceId: string;
  /** The Study node the record is about (registry record, or the paper); relationships hang off it. */
  owner: string;
  /** True when the owner is a curated study or trial: its properties are never overwritten. */
  ownerCurated: boolean;
  nodes: PlanNode[];
  links: PlanLink[];
  unmapped: Unmapped[];
  nearMatches: string[];
}

/** A record that failed validation: nothing of it is written. */
export interface Rejection {
  origin: string;
  key?: string;
  reason: string;
}

export function omitUndefined(obj: Record<string, Prop | undefined | null>): Props {
  const out: Props = {};
  for (const [k, v] of Object.entries(obj)) {
    if (v === undefined || v === null) continue;
    if (Array.isArray(v) && v.length === 0) continue;
    out[k] = v;
  }
  return out;
}

/** A record may reach one node or relationship twice (a site that is also the sponsor): keep the first. */
export function dedupeNodes(nodes: PlanNode[]): PlanNode[] {
  const seen = new Set<string>();
  return nodes.filter((n) => {
    if (seen.has(n.id)) return false;
    seen.add(n.id);
    return true;
  });
}

export function dedupeLinks(links: PlanLink[]): PlanLink[] {
  const seen = new Set<string>();
  return links.filter((l) => {
    const key = `${l.rel}|${l.from}|${l.to}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

const PropJson = z.union([z.string(), z.number(), z.boolean(), z.array(z.string())]);

/**
 * A RecordPlan as JSON (a registry update waiting for review keeps its plan in the submission):
 * parsed back at the boundary, so a stored plan that no longer fits the model is refused.
 */
export const RecordPlanJson = z
  .object({
    kind: z.enum(['ctgov', 'pubmed']),
    key: z.string(),
    origin: z.string(),
    sourceId: z.string(),
    owner: z.string(),
    ownerCurated: z.boolean(),
    nodes: z.array(z.object({ label: z.enum(LABELS), id: z.string(), props: z.record(z.string(), PropJson) }).strict()),
    links: z.array(z.object({ rel: z.enum(REL_TYPES), from: z.string(), to: z.string(), props: z.record(z.string(), PropJson) }).strict()),
    unmapped: z.array(z.object({ kind: z.enum(['condition', 'intervention', 'affiliation', 'results-group', 'schedule']), term: z.string(), action: z.string() }).strict()),
    nearMatches: z.array(z.string()),
  })
  .strict() satisfies z.ZodType<RecordPlan>;
