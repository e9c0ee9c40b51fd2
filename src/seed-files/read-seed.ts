/**
 * Reads and validates a seed directory: seed/catalog/<kind>.json and seed/studies/*.json.
 * Validation is complete before anything is written: shape (zod), then cross-references
 * (every id a file points at exists, ids are unique across the whole seed). Every problem is
 * reported with its file and the path inside it, all at once, so a curator fixes them in one go.
 */
import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { z } from 'zod';
import type { Label } from '../db/model.js';
import { messageOf } from '../errors.js';
import { CATALOG_KINDS, type Catalog, type CatalogKind, CatalogSchemas, StudySchema, type StudySeed } from './seed-schema.js';

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

function formatPath(segments: readonly PropertyKey[]): string {
  return segments.map((s, i) => (typeof s === 'number' ? `[${s}]` : `${i === 0 ? '' : '.'}${String(s)}`)).join('');
}

async function readJson(file: string, rel: string, problems: SeedProblem[]): Promise<unknown> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    problems.push({ file: rel, path: '', message: `cannot be read: ${messageOf(err)}` });
    return undefined;
  }
  try {
    const parsed: unknown = JSON.parse(text);
    return parsed;
  } catch (err) {
    problems.push({ file: rel, path: '', message: `is not valid JSON: ${messageOf(err)}` });
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
  const raw: RawBundle = { catalog: {}, studies: [] };
  for (const kind of CATALOG_KINDS) {
    const rel = path.join('catalog', `${kind}.json`);
    const value = await readJson(path.join(dir, rel), rel, problems);
    if (value !== undefined) raw.catalog[kind] = { file: rel, value };
  }
  let names: string[] = [];
  try {
    names = (await readdir(path.join(dir, 'studies'))).filter((n) => n.endsWith('.json')).sort();
  } catch (err) {
    problems.push({ file: 'studies/', path: '', message: `cannot be listed: ${messageOf(err)}` });
  }
  for (const name of names) {
    const rel = path.join('studies', name);
    const value = await readJson(path.join(dir, rel), rel, problems);
    if (value !== undefined) raw.studies.push({ file: rel, value });
  }
  const checked = validateBundle(raw);
  problems.push(...checked.problems);
  if (problems.length > 0 || !checked.bundle) throw new SeedValidationError(problems);
  return checked.bundle;
}

/** Unparsed seed content, each part named by where it came from (a file, or a path in a request). */
export interface RawBundle {
  catalog: Partial<Record<CatalogKind, { file: string; value: unknown }>>;
  studies: { file: string; value: unknown }[];
}

/** A node already in the graph: its label and, for arms, outcomes and findings, the study owning it. */
export interface KnownNode {
  label: Label;
  study: string | null;
}

/**
 * The one validation every unit of evidence goes through, seed file or API submission: zod shape,
 * then references and id uniqueness. `known` is the graph as it stands, for units that add to it
 * (a submission may point at catalog entries already loaded and may replace its own study).
 */
export function validateBundle(raw: RawBundle, known: ReadonlyMap<string, KnownNode> = new Map()): { bundle?: SeedBundle; problems: SeedProblem[] } {
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
    const part = raw.catalog[kind];
    if (part === undefined) continue;
    // Each kind's schema parses that kind's entries; a union index cannot say so.
    const parsed = check(CatalogSchemas[kind] as z.ZodType<Catalog[typeof kind]>, part.value, part.file, problems);
    if (parsed) (catalog[kind] as unknown[]) = parsed;
  }
  const studies: StudyFile[] = [];
  for (const part of raw.studies) {
    const study = check(StudySchema, part.value, part.file, problems);
    if (study) studies.push({ file: part.file, study });
  }
  problems.push(...resolveFormerIds(catalog, studies));
  problems.push(...checkReferences(catalog, studies, known, (kind) => raw.catalog[kind]?.file ?? `catalog/${kind}.json`));
  return problems.length > 0 ? { problems } : { bundle: { catalog, studies }, problems };
}

export const CATALOG_LABEL: Record<CatalogKind, Label> = {
  sources: 'Source',
  institutions: 'Institution',
  investigators: 'Investigator',
  therapies: 'Therapy',
  biomarkers: 'Biomarker',
  diseases: 'Disease',
  trials: 'Trial',
};

/**
 * Duplicate records of one work (a PubMed mirror and a publisher page of the same paper) were
 * merged into one Source; files written before the merge (other branches, imports) still name the
 * old ids. Those references are rewritten to the merged source here, before any check or write,
 * so nothing downstream ever sees a former id.
 */
export function resolveFormerIds(catalog: Catalog, studies: StudyFile[]): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const current = new Set(catalog.sources.map((s) => s.id));
  const alias = new Map<string, string>();
  catalog.sources.forEach((s, i) =>
    s.formerIds?.forEach((old, j) => {
      const at = `[${i}].formerIds[${j}]`;
      if (current.has(old)) problems.push({ file: 'catalog/sources.json', path: at, message: `former id "${old}" is still the id of a source` });
      else if (alias.has(old)) problems.push({ file: 'catalog/sources.json', path: at, message: `former id "${old}" is claimed by "${alias.get(old)}" too` });
      else alias.set(old, s.id);
    }),
  );
  if (alias.size === 0) return problems;
  const fix = (refs: string[]): string[] => [...new Set(refs.map((r) => alias.get(r) ?? r))];
  const fixQuote = (q: { source: string } | undefined): void => {
    if (q) q.source = alias.get(q.source) ?? q.source;
  };
  for (const e of [...catalog.institutions, ...catalog.investigators, ...catalog.trials]) e.sources = fix(e.sources);
  for (const { study } of studies) {
    study.sources = fix(study.sources);
    fixQuote(study.enrolledQuote);
    fixQuote(study.analysedQuote);
    fixQuote(study.allocationQuote);
    for (const t of study.trials ?? []) t.sources = fix(t.sources);
    for (const a of study.arms ?? []) {
      a.sources = fix(a.sources);
      fixQuote(a.quote);
    }
    for (const o of study.outcomes ?? []) {
      o.sources = fix(o.sources);
      fixQuote(o.quote);
    }
    for (const f of study.findings ?? []) {
      f.sources = fix(f.sources);
      fixQuote(f.quote);
      fixQuote(f.interaction?.quote);
    }
  }
  return problems;
}

/** Ids are unique across the whole seed (they become node ids), and every reference resolves. */
export function checkReferences(
  catalog: Catalog,
  studies: StudyFile[],
  known: ReadonlyMap<string, KnownNode> = new Map(),
  catalogFile: (kind: CatalogKind) => string = (kind) => `catalog/${kind}.json`,
): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const owner = new Map<string, string>();
  /** `study`: the study a claimed node belongs to (itself for a study); a graph node of that study may be replaced. */
  const claim = (id: string, file: string, at: string, study: string | null = null): void => {
    const prev = owner.get(id);
    const inGraph = known.get(id);
    if (prev !== undefined) {
      problems.push({ file, path: at, message: `duplicate id "${id}" (already used in ${prev})` });
    } else if (inGraph !== undefined && (study === null || inGraph.study !== study)) {
      const what = study === null ? 'catalog entries in a submission must be new; change an existing one with submitCorrection' : 'it belongs to another study or entity';
      problems.push({ file, path: at, message: `id "${id}" is already used in the graph by a ${inGraph.label} (${what})` });
    } else {
      owner.set(id, `${file} at ${at}`);
    }
  };
  const ids = (kind: CatalogKind): Set<string> => {
    const set = new Set(catalog[kind].map((e) => e.id));
    for (const [id, node] of known) if (node.label === CATALOG_LABEL[kind]) set.add(id);
    return set;
  };
  for (const kind of CATALOG_KINDS) {
    catalog[kind].forEach((e, i) => claim(e.id, catalogFile(kind), `[${i}].id`));
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

  catalog.institutions.forEach((e, i) => needSources(e.sources, catalogFile('institutions'), `[${i}]`));
  catalog.trials.forEach((e, i) => needSources(e.sources, catalogFile('trials'), `[${i}]`));
  catalog.investigators.forEach((e, i) => {
    needSources(e.sources, catalogFile('investigators'), `[${i}]`);
    e.affiliations?.forEach((a, j) => need(institutions, 'institution', a, catalogFile('investigators'), `[${i}].affiliations[${j}]`));
  });
  catalog.therapies.forEach((e, i) => e.isA?.forEach((p, j) => need(therapies, 'therapy', p, catalogFile('therapies'), `[${i}].isA[${j}]`)));
  catalog.diseases.forEach((e, i) => e.isA?.forEach((p, j) => need(diseases, 'disease', p, catalogFile('diseases'), `[${i}].isA[${j}]`)));
  problems.push(...checkCycles(catalogFile('therapies'), catalog.therapies), ...checkCycles(catalogFile('diseases'), catalog.diseases));

  const needQuote = (q: { source: string } | undefined, file: string, at: string): void => {
    if (q) need(sources, 'source', q.source, file, `${at}.source`);
  };
  for (const { file, study } of studies) {
    claim(study.id, file, 'id', study.id);
    needSources(study.sources, file, '');
    needQuote(study.enrolledQuote, file, 'enrolledQuote');
    needQuote(study.analysedQuote, file, 'analysedQuote');
    needQuote(study.allocationQuote, file, 'allocationQuote');
    if (study.allocationQuote && !study.allocation) problems.push({ file, path: 'allocationQuote', message: 'an allocationQuote needs the allocation it states' });
    study.institutions?.forEach((x, i) => need(institutions, 'institution', x, file, `institutions[${i}]`));
    study.diseases.forEach((x, i) => need(diseases, 'disease', x, file, `diseases[${i}]`));
    study.authors?.forEach((a, i) => need(investigators, 'investigator', a.investigator, file, `authors[${i}].investigator`));
    study.trials?.forEach((t, i) => {
      need(trials, 'trial', t.trial, file, `trials[${i}].trial`);
      needSources(t.sources, file, `trials[${i}]`);
    });
    const arms = new Set<string>();
    study.arms?.forEach((arm, i) => {
      claim(arm.id, file, `arms[${i}].id`, study.id);
      arms.add(arm.id);
      needSources(arm.sources, file, `arms[${i}]`);
      needQuote(arm.quote, file, `arms[${i}].quote`);
      arm.therapies.forEach((t, j) => need(therapies, 'therapy', t.therapy, file, `arms[${i}].therapies[${j}].therapy`));
    });
    const outcomes = new Set<string>();
    study.outcomes?.forEach((o, i) => {
      claim(o.id, file, `outcomes[${i}].id`, study.id);
      outcomes.add(o.id);
      needSources(o.sources, file, `outcomes[${i}]`);
      needQuote(o.quote, file, `outcomes[${i}].quote`);
      if (o.arm) need(arms, 'arm of this study', o.arm, file, `outcomes[${i}].arm`);
      if (o.comparison) {
        need(arms, 'arm of this study', o.comparison.experimental, file, `outcomes[${i}].comparison.experimental`);
        need(arms, 'arm of this study', o.comparison.control, file, `outcomes[${i}].comparison.control`);
      }
    });
    study.findings?.forEach((f, i) => {
      claim(f.id, file, `findings[${i}].id`, study.id);
      needSources(f.sources, file, `findings[${i}]`);
      needQuote(f.quote, file, `findings[${i}].quote`);
      need(biomarkers, 'biomarker', f.biomarker, file, `findings[${i}].biomarker`);
      f.therapies.forEach((t, j) => need(therapies, 'therapy', t, file, `findings[${i}].therapies[${j}]`));
      f.outcomes?.forEach((o, j) => need(outcomes, 'outcome of this study', o, file, `findings[${i}].outcomes[${j}]`));
      f.arms?.forEach((a, j) => need(arms, 'arm of this study', a, file, `findings[${i}].arms[${j}]`));
      if (f.disease) need(diseases, 'disease', f.disease, file, `findings[${i}].disease`);
      needQuote(f.interaction?.quote, file, `findings[${i}].interaction.quote`);
      f.interaction?.subgroups?.forEach((id, j) => {
        const where = `findings[${i}].interaction.subgroups[${j}]`;
        const o = study.outcomes?.find((x) => x.id === id);
        // The ratio of two subgroup HRs only means effect modification when both compare the same arms.
        if (!o) problems.push({ file, path: where, message: `"${id}" is not an outcome of this study` });
        else if (o.hr === undefined || o.hrCiLow === undefined || o.hrCiHigh === undefined || !o.comparison) {
          problems.push({ file, path: where, message: `"${id}" needs a comparison with hr, hrCiLow and hrCiHigh to enter an interaction` });
        } else {
          const first = study.outcomes?.find((x) => x.id === f.interaction?.subgroups?.[0]);
          if (first?.comparison && (first.comparison.experimental !== o.comparison.experimental || first.comparison.control !== o.comparison.control)) {
            problems.push({ file, path: where, message: `"${id}" compares other arms than "${first.id}": both subgroups must share one contrast` });
          }
        }
      });
    });
  }
  problems.push(...checkInvestigatorMerges(catalog, studies));
  return problems;
}

/**
 * The investigator rule (docs/curation-investigators.md): one catalog entry is one person, and an
 * author is linked to an existing entry only when the evidence says it is the same person.
 * - The entry's name must be read in a source of every study it authors (one of the entry's
 *   sources is one of the study's), so a link never rests on a name seen elsewhere.
 * - An entry authoring two or more studies must be one person by more than the name: it carries
 *   an ORCID, or one institution agrees across all of them (an affiliation of the entry that every
 *   study lists, or, when the entry records none, an institution every study lists). Surname and
 *   initials alone never merge two records; such authors get entries of their own.
 * Checked within the files read; a submission's author pointing at a graph entry is checked by its own sources only.
 */
export function checkInvestigatorMerges(catalog: Catalog, studies: readonly StudyFile[]): SeedProblem[] {
  const problems: SeedProblem[] = [];
  const byId = new Map(catalog.investigators.map((i) => [i.id, i]));
  const linked = new Map<string, StudyFile[]>();
  for (const sf of studies) {
    sf.study.authors?.forEach((a, i) => {
      const inv = byId.get(a.investigator);
      if (!inv) return; // an unknown id is reported by checkReferences
      linked.set(inv.id, [...(linked.get(inv.id) ?? []), sf]);
      if (!inv.sources.some((s) => sf.study.sources.includes(s))) {
        problems.push({
          file: sf.file,
          path: `authors[${i}].investigator`,
          message: `"${inv.id}" is named in none of this study's sources (${inv.sources.join(', ')}): link an author only to an entry read in the study's own sources`,
        });
      }
    });
  }
  for (const [id, files] of linked) {
    const unique = [...new Map(files.map((f) => [f.study.id, f])).values()];
    if (unique.length < 2) continue;
    const inv = byId.get(id);
    if (!inv || inv.orcid) continue;
    const candidates = inv.affiliations && inv.affiliations.length > 0 ? inv.affiliations : (unique[0]?.study.institutions ?? []);
    const shared = candidates.filter((inst) => unique.every((f) => f.study.institutions?.includes(inst)));
    if (shared.length === 0) {
      const where = catalog.investigators.findIndex((i) => i.id === id);
      problems.push({
        file: 'catalog/investigators.json',
        path: `[${where}]`,
        message: `"${id}" authors ${unique
          .map((f) => f.study.id)
          .sort()
          .join(
            ', ',
          )}, which share no institution${inv.affiliations ? ' of its affiliations' : ''}, and it has no orcid: the same name is not the same person; give each study's author an entry of their own`,
      });
    }
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
