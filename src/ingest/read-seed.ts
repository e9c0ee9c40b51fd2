/**
 * Reads and validates a seed directory: seed/catalog/<kind>.json and seed/studies/*.json.
 * Validation is complete before anything is written: shape (zod), then cross-references
 * (every id a file points at exists, ids are unique across the whole seed). Every problem is
 * reported with its file and the path inside it, all at once, so a curator fixes them in one go.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import {
  CatalogSchemas,
  StudySchema,
  type Catalog,
  type CatalogKind,
  type StudySeed,
} from './seed-schema.js';

export interface SeedProblem {
  file: string;
  /** JSON path inside the file, e.g. `findings[2].biomarker`. */
  path: string;
  message: string;
}

export class SeedValidationError extends Error {
  constructor(readonly problems: SeedProblem[]) {
    super(
      `seed is invalid (${problems.length} problem${problems.length === 1 ? '' : 's'}):\n` +
        problems.map((p) => `  ${p.file}${p.path ? ` at ${p.path}` : ''}: ${p.message}`).join('\n'),
    );
    this.name = 'SeedValidationError';
  }
}

export interface StudyFile {
  file: string;
  study: StudySeed;
}

export interface SeedBundle {
  catalog: Catalog;
  studies: StudyFile[];
}

const CATALOG_KINDS = Object.keys(CatalogSchemas) as CatalogKind[];

function formatPath(segments: readonly PropertyKey[]): string {
  return segments
    .map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`))
    .join('');
}

async function readJson(file: string, rel: string, problems: SeedProblem[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    problems.push({ file: rel, path: '', message: `cannot be read: ${(err as Error).message}` });
    return undefined;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch (err) {
    problems.push({ file: rel, path: '', message: `is not valid JSON: ${(err as Error).message}` });
    return undefined;
  }
}

function check<T>(schema: z.ZodType<T>, value: unknown, rel: string, problems: SeedProblem[]): T | undefined {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  for (const issue of result.error.issues) {
    problems.push({ file: rel, path: formatPath(issue.path), message: issue.message });
  }
  return undefined;
}

/** Reads every file, validates shapes and references; throws SeedValidationError listing all problems. */
export async function readSeed(dir: string): Promise<SeedBundle> {
  const problems: SeedProblem[] = [];
  const catalog: Catalog = {
    sources: [],
    institutions: [],
    investigators: [],
    therapies: [],
    biomarkers: [],
    diseases: [],
    trials: [],
  };
  for (const kind of CATALOG_KINDS) {
    const rel = path.join('catalog', `${kind}.json`);
    const raw = await readJson(path.join(dir, rel), rel, problems);
    if (raw === undefined) continue;
    const parsed = check(CatalogSchemas[kind] as z.ZodType<Catalog[typeof kind]>, raw, rel, problems);
    if (parsed) (catalog[kind] as unknown[]) = parsed;
  }

  const studies: StudyFile[] = [];
  let names: string[] = [];
  try {
    names = (await readdir(path.join(dir, 'studies'))).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    problems.push({ file: 'studies/', path: '', message: `cannot be listed: ${(err as Error).message}` });
  }
  for (const name of names) {
    const rel = path.join('studies', name);
    const raw = await readJson(path.join(dir, rel), rel, problems);
    if (raw === undefined) continue;
    const study = check(StudySchema, raw, rel, problems);
    if (study) studies.push({ file: rel, study });
  }

  problems.push(...checkReferences(catalog, studies));
  if (problems.length > 0) throw new SeedValidationError(problems);
  return { catalog, studies };
}

/** Ids are unique across the whole seed (they become node ids), and every reference resolves. */
export function checkReferences(catalog: Catalog, studies: StudyFile[]): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const owner = new Map<string, string>();
  const claim = (id: string, file: string, at: string): void => {
    const prev = owner.get(id);
    if (prev !== undefined) {
      problems.push({ file, path: at, message: `duplicate id "${id}" (already used in ${prev})` });
    } else {
      owner.set(id, `${file} at ${at}`);
    }
  };
  const ids = (kind: CatalogKind): Set<string> => new Set(catalog[kind].map((e) => e.id));
  for (const kind of CATALOG_KINDS) {
    catalog[kind].forEach((e, i) => claim(e.id, `catalog/${kind}.json`, `[${i}].id`));
  }
  const sources = ids('sources');
  const institutions = ids('institutions');
  const investigators = ids('investigators');
  const therapies = ids('therapies');
  const biomarkers = ids('biomarkers');
  const diseases = ids('diseases');
  const trials = ids('trials');

  const need = (set: Set<string>, what: string, id: string, file: string, at: string): void => {
    if (!set.has(id)) problems.push({ file, path: at, message: `unknown ${what} "${id}"` });
  };
  const needSources = (refs: readonly string[], file: string, at: string): void =>
    refs.forEach((s, i) => need(sources, 'source', s, file, `${at}.sources[${i}]`.replace(/^\./, '')));

  catalog.institutions.forEach((e, i) => needSources(e.sources, 'catalog/institutions.json', `[${i}]`));
  catalog.trials.forEach((e, i) => needSources(e.sources, 'catalog/trials.json', `[${i}]`));
  catalog.investigators.forEach((e, i) => {
    needSources(e.sources, 'catalog/investigators.json', `[${i}]`);
    e.affiliations?.forEach((a, j) =>
      need(institutions, 'institution', a, 'catalog/investigators.json', `[${i}].affiliations[${j}]`),
    );
  });
  catalog.therapies.forEach((e, i) =>
    e.isA?.forEach((p, j) => need(therapies, 'therapy', p, 'catalog/therapies.json', `[${i}].isA[${j}]`)),
  );
  catalog.diseases.forEach((e, i) =>
    e.isA?.forEach((p, j) => need(diseases, 'disease', p, 'catalog/diseases.json', `[${i}].isA[${j}]`)),
  );
  problems.push(...checkCycles('catalog/therapies.json', catalog.therapies), ...checkCycles('catalog/diseases.json', catalog.diseases));

  for (const { file, study } of studies) {
    claim(study.id, file, 'id');
    needSources(study.sources, file, '');
    study.institutions?.forEach((x, i) => need(institutions, 'institution', x, file, `institutions[${i}]`));
    study.diseases.forEach((x, i) => need(diseases, 'disease', x, file, `diseases[${i}]`));
    study.authors?.forEach((a, i) => need(investigators, 'investigator', a.investigator, file, `authors[${i}].investigator`));
    study.trials?.forEach((t, i) => {
      need(trials, 'trial', t.trial, file, `trials[${i}].trial`);
      needSources(t.sources, file, `trials[${i}]`);
    });
    const arms = new Set<string>();
    study.arms?.forEach((arm, i) => {
      claim(arm.id, file, `arms[${i}].id`);
      arms.add(arm.id);
      needSources(arm.sources, file, `arms[${i}]`);
      arm.therapies.forEach((t, j) => need(therapies, 'therapy', t.therapy, file, `arms[${i}].therapies[${j}].therapy`));
    });
    const outcomes = new Set<string>();
    study.outcomes?.forEach((o, i) => {
      claim(o.id, file, `outcomes[${i}].id`);
      outcomes.add(o.id);
      needSources(o.sources, file, `outcomes[${i}]`);
      if (o.quote) need(sources, 'source', o.quote.source, file, `outcomes[${i}].quote.source`);
      if (o.arm) need(arms, 'arm of this study', o.arm, file, `outcomes[${i}].arm`);
      if (o.comparison) {
        need(arms, 'arm of this study', o.comparison.experimental, file, `outcomes[${i}].comparison.experimental`);
        need(arms, 'arm of this study', o.comparison.control, file, `outcomes[${i}].comparison.control`);
      }
    });
    study.findings?.forEach((f, i) => {
      claim(f.id, file, `findings[${i}].id`);
      needSources(f.sources, file, `findings[${i}]`);
      if (f.quote) need(sources, 'source', f.quote.source, file, `findings[${i}].quote.source`);
      need(biomarkers, 'biomarker', f.biomarker, file, `findings[${i}].biomarker`);
      f.therapies.forEach((t, j) => need(therapies, 'therapy', t, file, `findings[${i}].therapies[${j}]`));
      f.outcomes?.forEach((o, j) => need(outcomes, 'outcome of this study', o, file, `findings[${i}].outcomes[${j}]`));
      f.arms?.forEach((a, j) => need(arms, 'arm of this study', a, file, `findings[${i}].arms[${j}]`));
      if (f.disease) need(diseases, 'disease', f.disease, file, `findings[${i}].disease`);
    });
  }
  return problems;
}

/** IS_A must stay a DAG: a cycle would make "pembrolizumab counts as ICB" queries loop or lie. */
function checkCycles(file: string, entries: readonly { id: string; isA?: string[] | undefined }[]): SeedProblem[] {
  const parents = new Map(entries.map((t) => [t.id, t.isA ?? []]));
  const problems: SeedProblem[] = [];
  const state = new Map<string, 'visiting' | 'done'>();
  const visit = (id: string, trail: string[]): void => {
    if (state.get(id) === 'done') return;
    if (state.get(id) === 'visiting') {
      problems.push({ file, path: id, message: `IS_A cycle: ${[...trail, id].join(' -> ')}` });
      return;
    }
    state.set(id, 'visiting');
    for (const p of parents.get(id) ?? []) visit(p, [...trail, id]);
    state.set(id, 'done');
  };
  for (const id of parents.keys()) visit(id, []);
  return problems;
}
