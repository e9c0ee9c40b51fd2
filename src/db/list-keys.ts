/**
 * Derived, indexed properties that let the root lists page through indexes (flat cost at any size: the first
 * page and the thousandth cost the same). Every writer (seed, import, curation through the seed
 * writer, the synthetic generator) adds them to the nodes of the listed labels, and start-up
 * backfills nodes written before they existed (bootstrap). They are a function of the node's own
 * properties, so re-writing a node rewrites its keys; seed exports copy only the seed's fields and
 * leave them out.
 *
 * - `sortName`: the list order, lower-cased name (title, short name; the id when none; its first
 *   100 characters) then the id, joined by U+0001, which sorts below every printable character: ordering by this one string
 *   is ordering by (name, id), so a RANGE index serves ORDER BY and the keyset `sortName > $after`.
 * - `sortYearAsc`, `sortYearDesc` (studies): the same for (year, id) and (year descending, id),
 *   nulls last going up and first going down, as Cypher orders a missing year.
 * - `findText`: the lower-cased text the `name` / `text` filter searches (a study's title and
 *   short name), for a TEXT index, which serves `CONTAINS`.
 */

import { isOneOf } from '../model/narrow.js';
import type { Label } from './model.js';

/** Labels with a root list (lists.ts). */
export const LISTED_LABELS = ['Study', 'Trial', 'Institution', 'Investigator', 'Disease', 'Therapy', 'Biomarker', 'Finding', 'Source'] as const;
export type ListedLabel = (typeof LISTED_LABELS)[number];

export const LIST_KEY_PROPS = ['sortName', 'sortYearAsc', 'sortYearDesc', 'findText'] as const;
export type ListKeyProp = (typeof LIST_KEY_PROPS)[number];

export const isListed = (label: string): label is ListedLabel => isOneOf(LISTED_LABELS, label);

const SEP = '\u0001';
/**
 * The name part of a key is cut here, so a cursor (which carries the key) stays short: two titles
 * alike in their first 100 characters then sort by id.
 */
const NAME_CHARS = 100;

/** How the filter text and the keys compare: lower case, as the stored keys are. */
export const normaliseText = (text: string): string => text.toLowerCase();

const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);

function year(v: unknown): number | null {
  const n = typeof v === 'number' ? v : typeof v === 'object' && v !== null && 'toNumber' in v && typeof v.toNumber === 'function' ? Number(v.toNumber()) : Number.NaN;
  return Number.isInteger(n) ? Math.min(9999, Math.max(0, n)) : null;
}

const pad = (n: number): string => String(n).padStart(4, '0');

/** The first part of a YEAR_ASC key: every study of `y` or later sorts at or after it. */
export const yearAscPrefix = (y: number): string => `1${pad(Math.min(9999, Math.max(0, y)))}`;
/** The first part of a YEAR_DESC key: every study of `y` or earlier sorts at or after it. */
export const yearDescPrefix = (y: number): string => `1${pad(9999 - Math.min(9999, Math.max(0, y)))}`;

/** The derived keys of one node (none for labels without a root list). `props` includes the id. */
export function listKeys(label: Label, props: Readonly<Record<string, unknown>>): Partial<Record<ListKeyProp, string>> {
  if (!isListed(label)) return {};
  const id = str(props['id']);
  if (id === undefined) throw new Error(`${label} without an id cannot get list keys`);
  const name = str(props['name']) ?? str(props['title']) ?? str(props['shortName']);
  const keys: Partial<Record<ListKeyProp, string>> = { sortName: `${normaliseText(name ?? id).slice(0, NAME_CHARS)}${SEP}${id}` };
  if (label === 'Study') {
    keys.findText = normaliseText(`${str(props['title']) ?? ''} ${str(props['shortName']) ?? ''}`);
    const y = year(props['year']);
    keys.sortYearAsc = `${y === null ? '2' : yearAscPrefix(y)}${SEP}${id}`;
    keys.sortYearDesc = `${y === null ? '0' : yearDescPrefix(y)}${SEP}${id}`;
  } else {
    keys.findText = normaliseText(name ?? str(props['statement']) ?? id);
  }
  return keys;
}

/** `props` with the derived keys of `label` added (what every writer stores). */
export function withListKeys<P extends Record<string, unknown>>(label: Label, props: P): P & Partial<Record<ListKeyProp, string>> {
  return { ...props, ...listKeys(label, props) };
}

/** `props` without the derived keys (a revision's before/after shows what a person changed). */
export function withoutListKeys(props: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(props)) if (!isOneOf(LIST_KEY_PROPS, k)) out[k] = v;
  return out;
}
