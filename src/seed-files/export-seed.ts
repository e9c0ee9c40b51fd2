/**
 * Writes the graph back in the seed format, so changes accepted through the API can be committed
 * to seed/ and a fresh load reproduces the same graph. Node properties are copied for every key
 * the seed schema defines (driven by the zod shapes, so a new optional field round-trips without
 * touching this file); relationships are turned back into the seed's reference fields. Every
 * entry is parsed by the same zod schema the loader uses, so what is written is loadable.
 * Output is byte-stable: entries sorted by id, object keys sorted, two-space indent, final newline.
 */
import { mkdir, readdir, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { configure } from 'safe-stable-stringify';
import { z } from 'zod';
import type { Label } from '../db/model.js';
import type { Row } from '../db/run.js';
import { keysOf } from '../model/narrow.js';
import {
  ArmSchema,
  BiomarkerSchema,
  type Catalog,
  type CatalogKind,
  DiseaseSchema,
  FindingSchema,
  InstitutionSchema,
  InvestigatorSchema,
  OutcomeSchema,
  SourceSchema,
  StudySchema,
  type StudySeed,
  TherapySchema,
  TrialSchema,
} from './seed-schema.js';
import { interactionFromProps, quoteFromProps, readAtFromProps } from './write-seed.js';

/** Runs a named read query: `db.read` outside a transaction, `tx.run` inside one. */
export type RunQuery = (name: string, params: Record<string, unknown>) => Promise<Row[]>;

export interface ExportedSeed {
  catalog: Catalog;
  studies: StudySeed[];
}

const Props = z.record(z.string(), z.unknown());
const Ids = z.array(z.string());
const Linked = z.object({ rel: Props });

const CatalogRow = z.object({ label: z.string(), props: Props, sources: Ids, isA: Ids, affiliations: Ids });
const StudyRow = z.object({
  props: Props,
  sources: Ids,
  trials: z.array(Linked.extend({ trial: z.string() })),
  institutions: Ids,
  diseases: Ids,
  authors: z.array(z.object({ investigator: z.string(), rel: z.object({ role: z.string(), position: z.number().nullish() }) })),
  arms: z.array(z.object({ props: Props, sources: Ids, therapies: z.array(Linked.extend({ therapy: z.string() })) })),
  outcomes: z.array(z.object({ props: Props, sources: Ids, arm: Ids, comparison: z.array(z.object({ arm: z.string(), role: z.string().nullish() })) })),
  findings: z.array(z.object({ props: Props, sources: Ids, biomarker: Ids, therapies: Ids, outcomes: Ids, arms: Ids, disease: Ids })),
});

/** A zod object schema's own keys (refinements keep the shape in zod 4). */
type Shaped = { shape: Record<string, unknown> };

/**
 * The seed fields stored as node properties: every key of the schema except those the seed
 * expresses as relationships (`relations`), copied when the node has it.
 */
function propsFor(schema: Shaped, props: Record<string, unknown>, relations: readonly string[]): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of Object.keys(schema.shape)) {
    if (relations.includes(key)) continue;
    // Provenance is stored flattened (Neo4j holds no maps): map it back the way write-seed wrote it.
    const value =
      key === 'readAt'
        ? readAtFromProps(props)
        : key === 'interaction'
          ? interactionFromProps(props)
          : key === 'quote' || key.endsWith('Quote')
            ? quoteFromProps(props, key)
            : props[key];
    if (value !== undefined && value !== null) out[key] = value;
  }
  return out;
}

const sorted = (ids: readonly string[]): string[] => [...new Set(ids)].sort();
const nonEmpty = <T>(list: T[]): T[] | undefined => (list.length > 0 ? list : undefined);
const byId = <T extends { id: string }>(a: T, b: T): number => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0);

function parse<T>(schema: z.ZodType<T>, value: unknown, what: string): T {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const problems = result.error.issues.map((i) => `${i.path.join('.') || '(entry)'}: ${i.message}`).join('; ');
  throw new Error(`${what} cannot be written in the seed format: ${problems}`);
}

const CATALOG_BY_LABEL = {
  Source: { kind: 'sources', schema: SourceSchema, relations: [] },
  Institution: { kind: 'institutions', schema: InstitutionSchema, relations: ['sources'] },
  Investigator: { kind: 'investigators', schema: InvestigatorSchema, relations: ['sources', 'affiliations'] },
  Therapy: { kind: 'therapies', schema: TherapySchema, relations: ['isA'] },
  Biomarker: { kind: 'biomarkers', schema: BiomarkerSchema, relations: [] },
  Disease: { kind: 'diseases', schema: DiseaseSchema, relations: ['isA'] },
  Trial: { kind: 'trials', schema: TrialSchema, relations: ['sources'] },
} as const satisfies Record<string, { kind: CatalogKind; schema: Shaped & z.ZodType; relations: readonly string[] }>;

const STUDY_RELATIONS = ['sources', 'trials', 'institutions', 'authors', 'diseases', 'arms', 'outcomes', 'findings'] as const;
const ARM_RELATIONS = ['therapies', 'sources'] as const;
const OUTCOME_RELATIONS = ['arm', 'comparison', 'sources'] as const;
const FINDING_RELATIONS = ['biomarker', 'therapies', 'outcomes', 'arms', 'disease', 'sources'] as const;

/**
 * Every label's seed schema and the fields of it the graph keeps as relationships; the other
 * fields are node properties (what a correction may change).
 */
export const SEED_FIELDS = {
  ...CATALOG_BY_LABEL,
  Study: { schema: StudySchema, relations: STUDY_RELATIONS },
  Arm: { schema: ArmSchema, relations: ARM_RELATIONS },
  Outcome: { schema: OutcomeSchema, relations: OUTCOME_RELATIONS },
  Finding: { schema: FindingSchema, relations: FINDING_RELATIONS },
} as const satisfies Record<Label, { schema: Shaped & z.ZodType; relations: readonly string[] }>;

export function catalogKindOf(label: Label): CatalogKind | undefined {
  return isCatalogLabel(label) ? CATALOG_BY_LABEL[label].kind : undefined;
}

function isCatalogLabel(label: string): label is keyof typeof CATALOG_BY_LABEL {
  return Object.hasOwn(CATALOG_BY_LABEL, label);
}

/** Catalog entries by id (all when `ids` is null), each parsed by its seed schema. */
export async function exportCatalog(run: RunQuery, ids: string[] | null = null): Promise<Catalog> {
  const catalog: Catalog = { sources: [], institutions: [], investigators: [], therapies: [], biomarkers: [], diseases: [], trials: [] };
  for (const raw of await run('curation-export-catalog', { ids })) {
    const row = CatalogRow.parse(raw);
    if (!isCatalogLabel(row.label)) continue;
    const spec = CATALOG_BY_LABEL[row.label];
    const links: Record<string, string[] | undefined> = {
      sources: sorted(row.sources),
      isA: nonEmpty(sorted(row.isA)),
      affiliations: nonEmpty(sorted(row.affiliations)),
    };
    const entry: Record<string, unknown> = propsFor(spec.schema, row.props, spec.relations);
    for (const key of spec.relations) if (links[key] !== undefined) entry[key] = links[key];
    // Each kind's list and schema belong together; a union index cannot say so.
    (catalog[spec.kind] as unknown[]).push(parse(spec.schema as z.ZodType, entry, `${row.label} "${String(row.props['id'])}"`));
  }
  // Every catalog entry has an id (each kind's schema requires one).
  for (const list of Object.values(catalog)) (list as { id: string }[]).sort(byId);
  return catalog;
}

/** Studies by id (all when `ids` is null) with their arms, outcomes and findings, parsed by StudySchema. */
export async function exportStudies(run: RunQuery, ids: string[] | null = null): Promise<StudySeed[]> {
  const studies: StudySeed[] = [];
  for (const raw of await run('curation-export-studies', { ids })) {
    const row = StudyRow.parse(raw);
    const arms = row.arms.map((a) => ({
      ...propsFor(ArmSchema, a.props, ARM_RELATIONS),
      therapies: a.therapies.map((t) => ({ therapy: t.therapy, ...t.rel })),
      sources: sorted(a.sources),
    }));
    const outcomes = row.outcomes.map((o) => {
      const experimental = o.comparison.find((c) => c.role === 'EXPERIMENTAL')?.arm;
      const control = o.comparison.find((c) => c.role === 'CONTROL')?.arm;
      return {
        ...propsFor(OutcomeSchema, o.props, OUTCOME_RELATIONS),
        ...(o.arm[0] !== undefined ? { arm: o.arm[0] } : {}),
        ...(experimental !== undefined && control !== undefined ? { comparison: { experimental, control } } : {}),
        sources: sorted(o.sources),
      };
    });
    const findings = row.findings.map((f) => ({
      ...propsFor(FindingSchema, f.props, FINDING_RELATIONS),
      biomarker: f.biomarker[0],
      therapies: sorted(f.therapies),
      ...(f.outcomes.length > 0 ? { outcomes: sorted(f.outcomes) } : {}),
      ...(f.arms.length > 0 ? { arms: sorted(f.arms) } : {}),
      ...(f.disease[0] !== undefined ? { disease: f.disease[0] } : {}),
      sources: sorted(f.sources),
    }));
    const study = {
      ...propsFor(StudySchema, row.props, STUDY_RELATIONS),
      trials: nonEmpty(row.trials.map((t) => ({ trial: t.trial, ...t.rel })).sort((x, y) => (x.trial < y.trial ? -1 : 1))),
      institutions: nonEmpty(sorted(row.institutions)),
      authors: nonEmpty([...row.authors].sort((x, y) => (x.rel.position ?? 0) - (y.rel.position ?? 0)).map((a) => ({ investigator: a.investigator, role: a.rel.role }))),
      diseases: sorted(row.diseases),
      arms: nonEmpty(arms),
      outcomes: nonEmpty(outcomes),
      findings: nonEmpty(findings),
      sources: sorted(row.sources),
    };
    for (const key of keysOf(study)) if (study[key] === undefined) delete study[key];
    const parsed = parse(StudySchema, study, `Study "${String(row.props['id'])}"`);
    parsed.arms?.sort(byId);
    parsed.arms?.forEach((a) => a.therapies.sort((x, y) => x.order - y.order || (x.therapy < y.therapy ? -1 : 1)));
    parsed.outcomes?.sort(byId);
    parsed.findings?.sort(byId);
    studies.push(parsed);
  }
  return studies.sort(byId);
}

export async function exportSeed(run: RunQuery): Promise<ExportedSeed> {
  return { catalog: await exportCatalog(run), studies: await exportStudies(run) };
}

const stable = configure({ deterministic: true });

/** The seed's file text for a value: sorted keys, two-space indent, trailing newline. */
export function seedText(value: unknown): string {
  return `${stable(value, null, 2)}\n`;
}

/**
 * Writes catalog/<kind>.json and studies/<id>.json under `dir`. Study files in `dir` that the
 * graph no longer has are removed, so the directory mirrors the graph exactly.
 */
export async function writeSeedDir(dir: string, seed: ExportedSeed): Promise<{ files: number }> {
  await mkdir(path.join(dir, 'catalog'), { recursive: true });
  await mkdir(path.join(dir, 'studies'), { recursive: true });
  let files = 0;
  for (const [kind, entries] of Object.entries(seed.catalog)) {
    await writeFile(path.join(dir, 'catalog', `${kind}.json`), seedText(entries));
    files += 1;
  }
  const keep = new Set(seed.studies.map((s) => `${s.id}.json`));
  for (const name of await readdir(path.join(dir, 'studies'))) {
    if (name.endsWith('.json') && !keep.has(name)) await rm(path.join(dir, 'studies', name));
  }
  for (const study of seed.studies) {
    await writeFile(path.join(dir, 'studies', `${study.id}.json`), seedText(study));
    files += 1;
  }
  return { files };
}
