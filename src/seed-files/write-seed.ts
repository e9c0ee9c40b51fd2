/**
 * Writes a validated seed bundle: the catalog in one transaction, then each study in its own.
 * MERGE on ids makes a re-run change nothing; pruning makes the graph match an edited file.
 * A failure inside a transaction rolls that unit back whole.
 */
import { withListKeys } from '../db/list-keys.js';
import type { Label, RelType } from '../db/model.js';
import { addStats, type Db, type WriteStats, type WriteTx } from '../db/run.js';
import { keysOf } from '../model/narrow.js';
import { assignQuestionsTx } from './questions-write.js';
import type { SeedBundle, StudyFile } from './read-seed.js';
import {
  type Catalog,
  InteractionSchema,
  type InteractionSeed,
  QuoteSchema,
  type QuoteSeed,
  ReadAtSchema,
  type ReadAtSeed,
  type SourceSeed,
  type StudySeed,
} from './seed-schema.js';

type Props = Record<string, string | number | boolean | string[] | number[]>;
interface NodeRow {
  id: string;
  props: Props;
}
interface LinkRow {
  from: string;
  to: string;
  props: Props;
}

/** Neo4j properties are scalars or homogeneous lists: keep those, and index aliases as one string. */
export function toProps(obj: object, skip: readonly string[] = []): Props {
  const props: Props = {};
  for (const [key, value] of Object.entries(obj)) {
    if (skip.includes(key) || value === undefined || value === null) continue;
    if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') props[key] = value;
    else if (Array.isArray(value) && value.every((v): v is string => typeof v === 'string')) props[key] = value;
    else if (Array.isArray(value) && value.every((v): v is number => typeof v === 'number')) props[key] = value;
  }
  const aliases = 'aliases' in obj ? obj.aliases : undefined;
  if (Array.isArray(aliases) && aliases.length > 0) props['aliasText'] = aliases.join(' | ');
  return props;
}

/**
 * A quote becomes two scalar properties (`<prefix>Text`, `<prefix>Source`): Neo4j holds no maps,
 * and the quote's source is always one of the node's SOURCED_FROM sources (the audit checks it).
 */
export function quoteProps(quote: QuoteSeed | undefined, prefix = 'quote'): Props {
  return quote ? { [`${prefix}Text`]: quote.text, [`${prefix}Source`]: quote.source } : {};
}

/** Where a source was read, kept as one JSON property (a list of small records; parsed by zod on read). */
export function sourceProps(s: SourceSeed): Props {
  return { ...toProps(s, ['readAt']), ...(s.readAt && s.readAt.length > 0 ? { readAtJson: JSON.stringify(s.readAt) } : {}) };
}

/**
 * A finding's treatment × biomarker interaction, flattened to `interaction…` scalars on the Finding
 * (Neo4j holds no maps): the two subgroup outcome ids as one list, the stated HR, CI and p, whether
 * it was pre-specified, and its quote as `interactionQuoteText` / `interactionQuoteSource`.
 */
export function interactionProps(i: InteractionSeed | undefined): Props {
  if (!i) return {};
  const props: Props = {};
  if (i.subgroups) props['interactionSubgroups'] = [...i.subgroups];
  if (i.hr !== undefined) props['interactionHr'] = i.hr;
  if (i.ciLow !== undefined) props['interactionCiLow'] = i.ciLow;
  if (i.ciHigh !== undefined) props['interactionCiHigh'] = i.ciHigh;
  if (i.p !== undefined) props['interactionP'] = i.p;
  if (i.prespecified !== undefined) props['interactionPrespecified'] = i.prespecified;
  return { ...props, ...quoteProps(i.quote, 'interactionQuote') };
}

/** The inverse of interactionProps; undefined when the finding carries no interaction. */
export function interactionFromProps(props: Record<string, unknown>): InteractionSeed | undefined {
  const raw = {
    subgroups: props['interactionSubgroups'] ?? undefined,
    hr: props['interactionHr'] ?? undefined,
    ciLow: props['interactionCiLow'] ?? undefined,
    ciHigh: props['interactionCiHigh'] ?? undefined,
    p: props['interactionP'] ?? undefined,
    prespecified: props['interactionPrespecified'] ?? undefined,
    quote: quoteFromProps(props, 'interactionQuote'),
  };
  if (Object.values(raw).every((v) => v === undefined)) return undefined;
  for (const key of keysOf(raw)) if (raw[key] === undefined) delete raw[key];
  // Parsed like a seed file's block: a node written by anything but this writer fails loudly here.
  return InteractionSchema.parse(raw);
}

/** Node properties that hold provenance in flattened form; a seed export maps them back with the functions here. */
export const PROVENANCE_PROPS = [
  'quoteText',
  'quoteSource',
  'enrolledQuoteText',
  'enrolledQuoteSource',
  'analysedQuoteText',
  'analysedQuoteSource',
  'allocationQuoteText',
  'allocationQuoteSource',
  'interactionQuoteText',
  'interactionQuoteSource',
  'readAtJson',
] as const;

/** The inverse of quoteProps, for code that turns nodes back into seed JSON (a seed export). */
export function quoteFromProps(props: Record<string, unknown>, prefix = 'quote'): QuoteSeed | undefined {
  const parsed = QuoteSchema.safeParse({ text: props[`${prefix}Text`], source: props[`${prefix}Source`] });
  return parsed.success ? parsed.data : undefined;
}

/** The inverse of sourceProps' readAtJson. */
export function readAtFromProps(props: Record<string, unknown>): ReadAtSeed[] | undefined {
  const json = props['readAtJson'];
  return typeof json === 'string' ? ReadAtSchema.array().parse(JSON.parse(json)) : undefined;
}

class UnitWriter {
  private readonly nodes = new Map<Label, NodeRow[]>();
  private readonly links = new Map<RelType, LinkRow[]>();

  node(label: Label, id: string, props: Props): void {
    const rows = this.nodes.get(label) ?? [];
    // The derived list keys (db/list-keys.ts) travel with the node: a rewrite keeps them in step.
    rows.push({ id, props: withListKeys(label, { ...props, id }) });
    this.nodes.set(label, rows);
  }

  link(rel: RelType, from: string, to: string, props: Props = {}): void {
    const rows = this.links.get(rel) ?? [];
    rows.push({ from, to, props });
    this.links.set(rel, rows);
  }

  sources(from: string, ids: readonly string[]): void {
    for (const s of ids) this.link('SOURCED_FROM', from, s);
  }

  /** "TYPE>target" keys of every link a node owns, for pruning what the file dropped. */
  keepLists(ids: Iterable<string>): { id: string; keep: string[] }[] {
    const keep = new Map<string, string[]>([...ids].map((id) => [id, []]));
    for (const [rel, rows] of this.links) {
      for (const row of rows) keep.get(row.from)?.push(`${rel}>${row.to}`);
    }
    return [...keep].map(([id, k]) => ({ id, keep: k }));
  }

  async flush(tx: WriteTx): Promise<void> {
    for (const [label, rows] of this.nodes) await tx.run(`upsert:${label}`, { rows });
    for (const [rel, rows] of this.links) {
      const res = await tx.run(`link:${rel}`, { rows });
      const linked = Number(res[0]?.['linked'] ?? 0);
      // Validation resolved every reference; a shortfall means the database lacks a node it should have.
      if (linked !== rows.length) throw new Error(`${rel}: linked ${linked} of ${rows.length} relationships; a referenced node is missing`);
    }
  }
}

export interface SeedReport {
  studies: number;
  stats: WriteStats;
}

export async function writeCatalog(db: Db, catalog: Catalog): Promise<WriteStats> {
  return db.write(async (tx) => {
    await writeCatalogTx(tx, catalog);
    return { ...tx.stats };
  });
}

/** The catalog part of a unit, inside a caller's transaction (the seed's or an accepted submission's). */
export async function writeCatalogTx(tx: WriteTx, catalog: Catalog): Promise<void> {
  const w = new UnitWriter();
  const owners: string[] = [];
  for (const s of catalog.sources) w.node('Source', s.id, sourceProps(s));
  for (const d of catalog.diseases) {
    w.node('Disease', d.id, toProps(d, ['isA']));
    owners.push(d.id);
    for (const p of d.isA ?? []) w.link('IS_A', d.id, p);
  }
  for (const t of catalog.therapies) {
    w.node('Therapy', t.id, toProps(t, ['isA']));
    owners.push(t.id);
    for (const p of t.isA ?? []) w.link('IS_A', t.id, p);
  }
  for (const b of catalog.biomarkers) w.node('Biomarker', b.id, toProps(b));
  for (const i of catalog.institutions) {
    w.node('Institution', i.id, toProps(i, ['sources']));
    owners.push(i.id);
    w.sources(i.id, i.sources);
  }
  for (const i of catalog.investigators) {
    w.node('Investigator', i.id, toProps(i, ['sources', 'affiliations']));
    owners.push(i.id);
    w.sources(i.id, i.sources);
    for (const a of i.affiliations ?? []) w.link('AFFILIATED_WITH', i.id, a);
  }
  for (const t of catalog.trials) {
    w.node('Trial', t.id, toProps(t, ['sources']));
    owners.push(t.id);
    w.sources(t.id, t.sources);
  }
  await w.flush(tx);
  await tx.run('prune-links', { rows: w.keepLists(owners), types: ['IS_A', 'AFFILIATED_WITH', 'SOURCED_FROM'] });
}

const STUDY_OWNED_TYPES: RelType[] = [
  'ANALYZES',
  'CONDUCTED_AT',
  'STUDIES',
  'HAS_ARM',
  'REPORTS',
  'HAS_FINDING',
  'SOURCED_FROM',
  'RECEIVED',
  'FOR_ARM',
  'COMPARES',
  'ABOUT',
  'INVOLVES',
  'BASED_ON',
  'CONTRASTS',
  'IN_DISEASE',
];

export async function writeStudy(db: Db, study: StudySeed): Promise<WriteStats> {
  return db.write(async (tx) => {
    await writeStudyTx(tx, study);
    return { ...tx.stats };
  });
}

/** One study, inside a caller's transaction: the graph's part for it becomes equal to `study`. */
export async function writeStudyTx(tx: WriteTx, study: StudySeed): Promise<void> {
  const w = new UnitWriter();
  const s = study;
  w.node('Study', s.id, {
    ...toProps(s, ['sources', 'institutions', 'diseases', 'authors', 'trials', 'arms', 'outcomes', 'findings']),
    ...quoteProps(s.enrolledQuote, 'enrolledQuote'),
    ...quoteProps(s.analysedQuote, 'analysedQuote'),
    ...quoteProps(s.allocationQuote, 'allocationQuote'),
  });
  w.sources(s.id, s.sources);
  for (const t of s.trials ?? []) w.link('ANALYZES', s.id, t.trial, toProps({ link: t.link, note: t.note, sources: t.sources }));
  for (const i of s.institutions ?? []) w.link('CONDUCTED_AT', s.id, i);
  for (const d of s.diseases) w.link('STUDIES', s.id, d);
  const owned: string[] = [];
  for (const arm of s.arms ?? []) {
    owned.push(arm.id);
    w.node('Arm', arm.id, { ...toProps(arm, ['therapies', 'sources']), ...quoteProps(arm.quote) });
    w.link('HAS_ARM', s.id, arm.id);
    w.sources(arm.id, arm.sources);
    for (const use of arm.therapies) w.link('RECEIVED', arm.id, use.therapy, toProps(use, ['therapy']));
  }
  for (const o of s.outcomes ?? []) {
    owned.push(o.id);
    w.node('Outcome', o.id, { ...toProps(o, ['arm', 'comparison', 'sources']), ...quoteProps(o.quote) });
    w.link('REPORTS', s.id, o.id);
    w.sources(o.id, o.sources);
    if (o.arm) w.link('FOR_ARM', o.id, o.arm);
    if (o.comparison) {
      w.link('COMPARES', o.id, o.comparison.experimental, { role: 'EXPERIMENTAL' });
      w.link('COMPARES', o.id, o.comparison.control, { role: 'CONTROL' });
    }
  }
  for (const f of s.findings ?? []) {
    owned.push(f.id);
    w.node('Finding', f.id, {
      ...toProps(f, ['biomarker', 'therapies', 'outcomes', 'arms', 'disease', 'sources']),
      ...quoteProps(f.quote),
      ...interactionProps(f.interaction),
    });
    w.link('HAS_FINDING', s.id, f.id);
    w.link('ABOUT', f.id, f.biomarker);
    w.sources(f.id, f.sources);
    for (const t of f.therapies) w.link('INVOLVES', f.id, t);
    for (const o of f.outcomes ?? []) w.link('BASED_ON', f.id, o);
    for (const a of f.arms ?? []) w.link('CONTRASTS', f.id, a);
    if (f.disease) w.link('IN_DISEASE', f.id, f.disease);
  }
  (s.authors ?? []).forEach((a, position) => w.link('AUTHORED', a.investigator, s.id, { role: a.role, position }));
  await tx.run('prune-study', { study: s.id, owned });
  await w.flush(tx);
  await tx.run('prune-links', { rows: w.keepLists([s.id, ...owned]), types: STUDY_OWNED_TYPES });
  await tx.run('prune-authors', { study: s.id, authors: (s.authors ?? []).map((a) => a.investigator) });
  // Derived last, from what the transaction now holds (arms, therapies' classes, diseases).
  await assignQuestionsTx(tx, [s.id]);
}

/** Writes a bundle that readSeed already validated. `onStudy` reports progress. */
export async function writeSeed(db: Db, bundle: SeedBundle, onStudy: (file: StudyFile) => void = () => undefined): Promise<SeedReport> {
  let stats = await writeCatalog(db, bundle.catalog);
  for (const file of bundle.studies) {
    stats = addStats(stats, await writeStudy(db, file.study));
    onStudy(file);
  }
  return { studies: bundle.studies.length, stats };
}
