/**
 * A deterministic synthetic evidence graph in the seed's model, for measuring the API at sizes the
 * curated seed will never reach (`npm run bench`, size tests). It builds on the curated catalog
 * already in the database (therapies with their IS_A hierarchy, biomarkers, diseases) and adds:
 *   - studies with 2–4 arms each (an RT + ICB experimental arm, an RT-alone control, more
 *     experimental arms with other drugs or schedules), outcomes per arm and one arm-vs-arm
 *     comparison per study, 1–3 findings per study;
 *   - shared pools with skewed (Zipf, s = 1) popularity: institutions, investigators, trials,
 *     secondary sources and biomarkers (the curated biomarkers take the most popular ranks, then
 *     synthetic ones), so a few nodes gather thousands of neighbours as in a real, growing graph;
 *   - for every trial a registry record as the ClinicalTrials.gov importer writes one (a Study of
 *     kind REGISTRY_RECORD that ANALYZES the trial, CONFIRMED): an overall status, registered
 *     phases, enrolment, countries, a condition mapped to a catalog disease (STUDIES) and two arms
 *     with the therapies they received, so Query.trials' registry filters have answers at any size.
 * Every node has its label plus :Entity and a unique slug id starting with `syn-<seed>-`; property
 * names and values follow the seed format (src/seed-files/seed-schema.ts), so typed readers accept them.
 * Figures are synthetic by construction: no synthetic node may ever be mistaken for evidence, which
 * is why every id, title and source URL says so.
 *
 * Determinism: the graph is a function of (seed, studies). Every study draws from its own PRNG
 * stream derived from (seed, study index), and every pool entity from (seed, pool, index), so the
 * batch size changes nothing. Writes go through the Db chokepoint as batched UNWIND queries
 * (cypher/queries/synthetic-*.cypher) that CREATE (MERGE costs an index probe per node and an
 * existence check per relationship: several times slower at 100k studies); idempotence comes from
 * a check first: when the graph for this seed is already there with the expected node count the
 * call writes nothing, and when a different one is there it refuses (removeSyntheticGraph first).
 */
import { withListKeys } from '../db/list-keys.js';
import type { Label } from '../db/model.js';
import { addStats, type Db, type WriteStats } from '../db/run.js';
import { assignQuestionsTx } from '../seed-files/questions-write.js';

export interface SyntheticOptions {
  /** Studies to generate (≥ 1). */
  studies: number;
  /** Same seed, same graph. Also part of every id, so two seeds never overwrite each other. */
  seed: number;
  /** Studies per write transaction (default 1000). Does not change the graph. */
  batchSize?: number;
  /** Called after each batch of studies is committed. */
  onProgress?: (studiesWritten: number, total: number) => void;
}

export interface SyntheticReport {
  seed: number;
  studies: number;
  /** Every synthetic id starts with this. */
  prefix: string;
  /** Sizes of the shared pools. */
  pools: { institutions: number; investigators: number; trials: number; sharedSources: number; syntheticBiomarkers: number };
  /** Nodes the synthetic graph has (pools and studies). */
  nodes: number;
  /** True when the same graph was already in the database, so nothing was written. */
  alreadyPresent: boolean;
  /** What the writes changed (all 0 when alreadyPresent). */
  stats: WriteStats;
  ms: number;
}

/** The most popular node of each pool (rank 0 of its Zipf distribution). */
export interface SyntheticHubs {
  institution: string;
  investigator: string;
  trial: string;
  source: string;
  /** The most popular biomarker: the first curated one in id order. */
  biomarker: string;
}

/** Therapy classes the arms are drawn from (ids of the curated catalog). */
const RT_CLASS = 'radiotherapy';
const ICB_CLASS = 'immune-checkpoint-blockade';

const STUDY_KINDS = ['TRIAL_REPORT', 'SECONDARY_ANALYSIS', 'POOLED_ANALYSIS', 'SUBGROUP_ANALYSIS', 'LONG_TERM_UPDATE', 'COHORT', 'TRANSLATIONAL'] as const;
const PHASES = ['I', 'II', 'III', 'I/II', 'II/III'] as const;
const ICB_SCHEDULES = ['CONCURRENT', 'SEQUENTIAL', 'CONSOLIDATION'] as const;
const FINDING_TYPES = ['PREDICTIVE', 'PREDICTIVE', 'PROGNOSTIC', 'ASSOCIATED', 'PHARMACODYNAMIC'] as const;
const LEVELS = ['A', 'B', 'C', 'C', 'D', 'D', 'D', 'E'] as const;
const STATES = ['high', 'low', 'positive', 'negative', 'detectable', 'undetectable'] as const;
const BIOMARKER_KINDS = ['GENOMIC', 'TRANSCRIPTOMIC', 'PROTEIN_EXPRESSION', 'CIRCULATING', 'IMMUNE', 'CLINICAL', 'COMPOSITE'] as const;
const SHARED_SOURCE_KINDS = [
  { kind: 'REVIEW', primary: false },
  { kind: 'REGISTRY', primary: true },
  { kind: 'DATASET', primary: true },
  { kind: 'CONFERENCE_ABSTRACT', primary: true },
  { kind: 'NEWS', primary: false },
] as const;
const JOURNALS = ['Synthetic Journal of Thoracic Oncology', 'Synthetic Radiotherapy Reports', 'Synthetic Immuno-Oncology Letters'] as const;
const CITIES = [
  ['Chicago', 'USA'],
  ['Baltimore', 'USA'],
  ['Houston', 'USA'],
  ['Amsterdam', 'Netherlands'],
  ['Paris', 'France'],
  ['Tokyo', 'Japan'],
  ['Toronto', 'Canada'],
  ['Melbourne', 'Australia'],
] as const;
const SYNTHETIC_URL = 'https://example.org/abscopal-synthetic';

/**
 * Overall statuses of the synthetic registry records, with weights (of 100). A generator choice,
 * not a figure from any source: a landscape of mostly ongoing RT + ICB trials, where about a
 * quarter recruit, some are active or completed, and a few stopped or went unverified.
 */
const RECORD_STATUSES: readonly (readonly [string, number])[] = [
  ['RECRUITING', 25],
  ['ENROLLING_BY_INVITATION', 3],
  ['NOT_YET_RECRUITING', 8],
  ['ACTIVE_NOT_RECRUITING', 15],
  ['COMPLETED', 25],
  ['TERMINATED', 8],
  ['SUSPENDED', 2],
  ['WITHDRAWN', 4],
  ['UNKNOWN', 10],
];
/** The registry's phase lists for the curated-style phases the trial pool draws. */
const REGISTERED_PHASES: Record<(typeof PHASES)[number], string[]> = {
  I: ['PHASE1'],
  II: ['PHASE2'],
  III: ['PHASE3'],
  'I/II': ['PHASE1', 'PHASE2'],
  'II/III': ['PHASE2', 'PHASE3'],
};
const RECORD_COUNTRIES = ['United States', 'China', 'France', 'Germany', 'Netherlands', 'Japan', 'Canada', 'Australia', 'Italy', 'Spain'] as const;

/** The id prefix of the synthetic graph for `seed` (`removeSyntheticGraph` takes it too). */
export function syntheticPrefix(seed: number): string {
  return `syn-${seed}-`;
}

/** Pool sizes grow with the graph, so popular nodes keep gaining neighbours as it grows. */
export function poolSizes(studies: number): SyntheticReport['pools'] {
  return {
    institutions: Math.max(10, Math.round(studies / 25)),
    investigators: Math.max(30, Math.round(studies / 2)),
    trials: Math.max(5, Math.round(studies / 4)),
    sharedSources: Math.max(10, Math.round(studies / 50)),
    syntheticBiomarkers: Math.max(10, Math.round(studies / 250)),
  };
}

// ------------------------------------------------------------------ deterministic randomness

/** A 32-bit mix of the inputs (murmur3's finaliser over a running hash). */
function mix(...parts: number[]): number {
  let h = 0x9e3779b9;
  for (const p of parts) {
    h = Math.imul(h ^ (p >>> 0), 0x85ebca6b);
    h ^= h >>> 13;
    h = Math.imul(h, 0xc2b2ae35);
    h ^= h >>> 16;
  }
  return h >>> 0;
}

/** mulberry32: small, fast and good enough for test data; one stream per entity. */
class Rng {
  private state: number;
  constructor(...parts: number[]) {
    this.state = mix(...parts);
  }
  next(): number {
    this.state = (this.state + 0x6d2b79f5) >>> 0;
    let t = this.state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  pick<T>(xs: readonly T[]): T {
    const x = xs[Math.floor(this.next() * xs.length)];
    if (x === undefined) throw new Error('pick from an empty list');
    return x;
  }
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One of `xs` with probability proportional to its weight. */
  weighted<T>(xs: readonly (readonly [T, number])[]): T {
    const total = xs.reduce((n, [, w]) => n + w, 0);
    let u = this.next() * total;
    for (const [x, w] of xs) {
      u -= w;
      if (u < 0) return x;
    }
    const last = xs[xs.length - 1];
    if (last === undefined) throw new Error('weighted pick from an empty list');
    return last[0];
  }
  /** A figure with one decimal, as sources print them. */
  figure(lo: number, hi: number): number {
    return Math.round((lo + this.next() * (hi - lo)) * 10) / 10;
  }
}

/** Streams, so adding draws to one kind of entity never shifts another's. */
const STREAM = { study: 1, institution: 2, investigator: 3, trial: 4, source: 5, biomarker: 6, record: 7 } as const;

/** Zipf(s = 1) over ranks 0..n-1: rank k is drawn with weight 1/(k+1). */
class Zipf {
  private readonly cdf: Float64Array;
  constructor(readonly n: number) {
    this.cdf = new Float64Array(n);
    let sum = 0;
    for (let k = 0; k < n; k += 1) {
      sum += 1 / (k + 1);
      this.cdf[k] = sum;
    }
    for (let k = 0; k < n; k += 1) this.cdf[k] = (this.cdf[k] ?? 0) / sum;
  }
  sample(rng: Rng): number {
    const u = rng.next();
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cdf[mid] ?? 1) < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
  /** `count` distinct ranks (fewer when the pool is smaller). */
  distinct(rng: Rng, count: number): number[] {
    const out = new Set<number>();
    const want = Math.min(count, this.n);
    for (let tries = 0; out.size < want && tries < want * 20; tries += 1) out.add(this.sample(rng));
    return [...out];
  }
}

// ------------------------------------------------------------------ the catalog it builds on

interface CatalogTherapy {
  id: string;
  name: string;
  ancestors: Set<string>;
}

interface BaseCatalog {
  /** Radiotherapy techniques and regimens (IS_A* radiotherapy, not the class itself). */
  rt: CatalogTherapy[];
  /** Checkpoint inhibitor drugs (IS_A* immune checkpoint blockade, kind DRUG). */
  icb: CatalogTherapy[];
  biomarkers: { id: string; name: string }[];
  diseases: string[];
}

/** The curated catalog as the generator needs it (what synthetic-catalog.cypher reads). */
export interface CatalogInput {
  therapies: { id: string; name: string; kind: string; parents: string[] }[];
  biomarkers: { id: string; name: string }[];
  diseases: string[];
}

async function readCatalog(db: Db): Promise<CatalogInput> {
  const input: CatalogInput = { therapies: [], biomarkers: [], diseases: [] };
  for (const row of await db.read('synthetic-catalog')) {
    const id = String(row['id']);
    const name = String(row['name'] ?? id);
    // The catalog statement returns a therapy's parents as a list of slugs, or null.
    if (row['kind'] === 'therapy') input.therapies.push({ id, name, kind: String(row['type']), parents: (row['parents'] as string[] | null) ?? [] });
    else if (row['kind'] === 'biomarker') input.biomarkers.push({ id, name });
    else input.diseases.push(id);
  }
  return input;
}

function catalogFrom(input: CatalogInput): BaseCatalog {
  const therapies = new Map(input.therapies.map((t) => [t.id, t]));
  const biomarkers = [...input.biomarkers];
  const diseases = [...input.diseases];
  const ancestors = (id: string): Set<string> => {
    const seen = new Set<string>();
    const stack = [...(therapies.get(id)?.parents ?? [])];
    for (let p = stack.pop(); p !== undefined; p = stack.pop()) {
      if (seen.has(p)) continue;
      seen.add(p);
      stack.push(...(therapies.get(p)?.parents ?? []));
    }
    return seen;
  };
  const all = [...therapies.values()].sort((a, b) => a.id.localeCompare(b.id)).map((t) => ({ ...t, ancestors: ancestors(t.id) }));
  const rt = all.filter((t) => t.ancestors.has(RT_CLASS));
  const icb = all.filter((t) => t.kind === 'DRUG' && t.ancestors.has(ICB_CLASS));
  biomarkers.sort((a, b) => a.id.localeCompare(b.id));
  diseases.sort();
  if (rt.length === 0 || icb.length === 0 || diseases.length === 0) {
    throw new Error(
      `the synthetic graph builds on the curated catalog, which is missing: it needs therapies IS_A "${RT_CLASS}" and drugs IS_A "${ICB_CLASS}", ` +
        `and at least one disease (found ${rt.length} RT therapies, ${icb.length} checkpoint drugs, ${diseases.length} diseases). Load the seed first (npm run seed).`,
    );
  }
  return { rt, icb, biomarkers, diseases };
}

// ------------------------------------------------------------------ rows

type Props = Record<string, string | number | boolean | string[]>;
export interface NodeRow {
  id: string;
  props: Props;
}

class Ids {
  constructor(private readonly prefix: string) {}
  study = (i: number): string => `${this.prefix}study-${i}`;
  studySource = (i: number): string => `${this.prefix}source-study-${i}`;
  arm = (i: number, a: number): string => `${this.prefix}study-${i}-arm-${a + 1}`;
  outcome = (i: number, o: number): string => `${this.prefix}study-${i}-outcome-${o + 1}`;
  finding = (i: number, f: number): string => `${this.prefix}study-${i}-finding-${f + 1}`;
  institution = (k: number): string => `${this.prefix}institution-${k}`;
  investigator = (k: number): string => `${this.prefix}investigator-${k}`;
  trial = (k: number): string => `${this.prefix}trial-${k}`;
  record = (k: number): string => `${this.prefix}trial-${k}-record`;
  recordArm = (k: number, a: number): string => `${this.prefix}trial-${k}-record-arm-${a + 1}`;
  sharedSource = (k: number): string => `${this.prefix}source-shared-${k}`;
  biomarker = (k: number): string => `${this.prefix}biomarker-${k}`;
}

/** The most popular node of each pool for `seed` (needs the catalog only for the biomarker). */
export function syntheticHubs(seed: number, curatedBiomarkerIds: readonly string[]): SyntheticHubs {
  const ids = new Ids(syntheticPrefix(seed));
  const first = [...curatedBiomarkerIds].sort((a, b) => a.localeCompare(b))[0] ?? ids.biomarker(0);
  return { institution: ids.institution(0), investigator: ids.investigator(0), trial: ids.trial(0), source: ids.sharedSource(0), biomarker: first };
}

function poolRows(seed: number, ids: Ids, pools: SyntheticReport['pools']) {
  const sources: NodeRow[] = [];
  for (let k = 0; k < pools.sharedSources; k += 1) {
    const r = new Rng(seed, STREAM.source, k);
    const { kind, primary } = r.pick(SHARED_SOURCE_KINDS);
    const id = ids.sharedSource(k);
    sources.push({
      id,
      props: { id, kind, primary, title: `Synthetic ${kind.toLowerCase().replace('_', ' ')} ${k}`, url: `${SYNTHETIC_URL}/${id}`, published: String(r.int(2005, 2025)) },
    });
  }
  const institutions = Array.from({ length: pools.institutions }, (_, k) => {
    const r = new Rng(seed, STREAM.institution, k);
    const [city, country] = r.pick(CITIES);
    const id = ids.institution(k);
    return { id, props: { id, name: `Synthetic Cancer Centre ${k}`, city, country }, source: ids.sharedSource(k % pools.sharedSources) };
  });
  const instZipf = new Zipf(pools.institutions);
  const investigators = Array.from({ length: pools.investigators }, (_, k) => {
    const r = new Rng(seed, STREAM.investigator, k);
    const id = ids.investigator(k);
    return { id, props: { id, name: `Investigator S${k}` }, institution: ids.institution(instZipf.sample(r)), source: ids.sharedSource(k % pools.sharedSources) };
  });
  const trials = Array.from({ length: pools.trials }, (_, k) => {
    const r = new Rng(seed, STREAM.trial, k);
    const id = ids.trial(k);
    // NCT9 + the seed's last digit + 6 digits: outside the range of real registrations so far.
    const nctId = `NCT9${Math.abs(seed) % 10}${String(k).padStart(6, '0')}`;
    return {
      id,
      props: { id, name: `SYN-TRIAL-${k}`, title: `Synthetic trial ${k}`, nctId, phase: r.pick(PHASES), sponsor: `Synthetic Sponsor ${k % 7}` },
      source: ids.sharedSource(k % pools.sharedSources),
    };
  });
  const biomarkers = Array.from({ length: pools.syntheticBiomarkers }, (_, k) => {
    const r = new Rng(seed, STREAM.biomarker, k);
    const id = ids.biomarker(k);
    return { id, props: { id, name: `Synthetic marker ${k}`, kind: r.pick(BIOMARKER_KINDS), description: 'Synthetic biomarker for benchmarks.' } };
  });
  return { sources, institutions, investigators, trials, biomarkers };
}

/** A synthetic registry record of a pool trial, as the ClinicalTrials.gov importer shapes one. */
export interface RecordRow extends NodeRow {
  trial: string;
  disease: string;
  source: string;
}

/**
 * One registry record per pool trial, from its own stream (so the trial pool's draws are as
 * before): status, phases, enrolment, countries and a condition, and two arms, RT with a checkpoint
 * drug (experimental) and RT alone or the drug alone, with the therapies they received.
 */
function recordRows(seed: number, ids: Ids, catalog: BaseCatalog, trials: readonly NodeRow[], trialSources: readonly string[]) {
  const records: RecordRow[] = [];
  const recordArms: { id: string; study: string; props: Props; therapies: { therapy: string; props: Props }[]; sources: string[] }[] = [];
  trials.forEach((trial, k) => {
    const r = new Rng(seed, STREAM.record, k);
    const id = ids.record(k);
    const source = trialSources[k] ?? ids.sharedSource(0);
    const nctId = String(trial.props['nctId']);
    // Generated above from PHASES.
    const phase = trial.props['phase'] as (typeof PHASES)[number];
    const status = r.weighted(RECORD_STATUSES);
    const disease = r.pick(catalog.diseases);
    const rt = r.pick(catalog.rt);
    const icb = r.pick(catalog.icb);
    const countries = [...new Set(Array.from({ length: r.int(1, 4) }, () => r.pick(RECORD_COUNTRIES)))].sort();
    const startYear = r.int(2014, 2026);
    const ongoing = ['RECRUITING', 'ENROLLING_BY_INVITATION', 'NOT_YET_RECRUITING', 'ACTIVE_NOT_RECRUITING'].includes(status);
    const drugControl = r.chance(0.3);
    records.push({
      id,
      trial: trial.id,
      disease,
      source,
      props: {
        id,
        shortName: nctId,
        title: `Synthetic registry record of synthetic trial ${k}`,
        kind: 'REGISTRY_RECORD',
        summary: `Synthetic registry record ${nctId} (benchmark data, not a registration).`,
        nctId,
        overallStatus: status,
        startDate: `${startYear}-${String(r.int(1, 12)).padStart(2, '0')}`,
        startDateType: status === 'NOT_YET_RECRUITING' ? 'ESTIMATED' : 'ACTUAL',
        studyType: 'INTERVENTIONAL',
        phases: REGISTERED_PHASES[phase] ?? [],
        enrolled: r.int(20, 800),
        enrollmentType: ongoing ? 'ESTIMATED' : 'ACTUAL',
        conditions: [`Synthetic condition (${disease})`],
        interventions: [`RADIATION: ${rt.name}`, `DRUG: ${icb.name}`],
        leadSponsor: String(trial.props['sponsor'] ?? `Synthetic Sponsor ${k % 7}`),
        countries,
        siteCount: countries.length * r.int(1, 12),
        hasResults: status === 'COMPLETED' && r.chance(0.4),
      },
    });
    const arms: [string, string, { therapy: string; props: Props }[]][] = [
      [
        'Experimental',
        `${rt.name} + ${icb.name}`,
        [
          { therapy: rt.id, props: { order: 1 } },
          { therapy: icb.id, props: { order: 2 } },
        ],
      ],
      drugControl
        ? ['Active comparator', `${icb.name} alone`, [{ therapy: icb.id, props: { order: 1 } }]]
        : ['Active comparator', `${rt.name} alone`, [{ therapy: rt.id, props: { order: 1 } }]],
    ];
    arms.forEach(([label, name, therapies], a) => {
      const armId = ids.recordArm(k, a);
      recordArms.push({ id: armId, study: id, props: { id: armId, name: `${label}: ${name}` }, therapies, sources: [source] });
    });
  });
  return { records, recordArms };
}

interface StudyContext {
  seed: number;
  ids: Ids;
  catalog: BaseCatalog;
  pools: SyntheticReport['pools'];
  zipf: { institution: Zipf; investigator: Zipf; trial: Zipf; source: Zipf; biomarker: Zipf };
  /** Curated biomarkers first (most popular ranks), then synthetic ones. */
  biomarkers: { id: string; name: string }[];
}

function studyRows(ctx: StudyContext, i: number, out: StudyBatch): void {
  const { ids, catalog } = ctx;
  const r = new Rng(ctx.seed, STREAM.study, i);
  const studyId = ids.study(i);
  const ownSource = ids.studySource(i);
  const doi = `10.5555/abscopal-synthetic.${ctx.seed}.${i}`;
  const year = 2005 + Math.floor(r.next() ** 0.6 * 21);
  const rt = r.pick(catalog.rt);
  const icb = r.pick(catalog.icb);
  const disease = r.pick(catalog.diseases);
  const enrolled = r.int(20, 1000);
  out.sources.push({
    id: ownSource,
    props: {
      id: ownSource,
      kind: 'PUBLICATION',
      primary: true,
      title: `Synthetic study ${i} (benchmark data, not evidence)`,
      doi,
      url: `${SYNTHETIC_URL}/${studyId}`,
      published: String(year),
    },
  });

  // Arms: RT + ICB (experimental), RT alone (control), then more experimental arms.
  const armCount = r.int(2, 4);
  const arms: { id: string; schedule: string }[] = [];
  for (let a = 0; a < armCount; a += 1) {
    const id = ids.arm(i, a);
    const control = a === 1;
    const drug = a === 0 ? icb : r.pick(catalog.icb);
    const schedule = control ? 'MONOTHERAPY' : r.pick(ICB_SCHEDULES);
    const fractions = rt.id.includes('sbrt') ? '3' : '30';
    const therapies: { therapy: string; props: Props }[] = [{ therapy: rt.id, props: { order: 1, dose: rt.id.includes('sbrt') ? '24 Gy' : '60 Gy', fractions } }];
    if (!control) therapies.push({ therapy: drug.id, props: { order: schedule === 'CONCURRENT' ? 1 : 2, dose: '200 mg' } });
    arms.push({ id, schedule });
    out.arms.push({
      id,
      study: studyId,
      props: {
        id,
        name: control ? `${rt.name} alone` : `${rt.name} + ${drug.name}`,
        role: a === 0 ? 'EXPERIMENTAL' : control ? 'CONTROL' : r.chance(0.5) ? 'EXPERIMENTAL' : 'SUBGROUP',
        schedule,
        n: Math.max(1, Math.round(enrolled / armCount)),
      },
      therapies,
      sources: [ownSource],
    });
  }

  // Outcomes: 1–2 per arm, then one comparison of the first two arms.
  let o = 0;
  for (const arm of arms) {
    const perArm = r.int(1, 2);
    for (let k = 0; k < perArm; k += 1) {
      const id = ids.outcome(i, o++);
      const rate = r.chance(0.3);
      const value = rate ? r.figure(10, 70) : r.figure(3, 40);
      out.outcomes.push({
        id,
        study: studyId,
        props: {
          id,
          measure: rate ? 'ORR' : r.pick(['OS', 'PFS'] as const),
          value,
          unit: rate ? 'percent' : 'months',
          ciLow: Math.round(value * 7) / 10,
          ciHigh: Math.round(value * 13) / 10,
        },
        forArm: [arm.id],
        compares: [],
        sources: [ownSource],
      });
    }
  }
  const comparison = ids.outcome(i, o++);
  const hr = r.figure(0.4, 1.2);
  const measure = r.pick(['OS', 'PFS'] as const);
  out.outcomes.push({
    id: comparison,
    study: studyId,
    props: { id: comparison, measure, hr, hrCiLow: Math.round(hr * 7) / 10, hrCiHigh: Math.round(hr * 14) / 10, p: hr < 0.8 ? '<0.001' : `0.${r.int(10, 99)}` },
    forArm: [],
    compares: [
      { arm: ids.arm(i, 0), role: 'EXPERIMENTAL' },
      { arm: ids.arm(i, 1), role: 'CONTROL' },
    ],
    sources: [ownSource],
  });

  // Findings: 1–3, about popular biomarkers more often.
  const findingCount = 1 + (r.chance(0.6) ? 1 : 0) + (r.chance(0.2) ? 1 : 0);
  for (let f = 0; f < findingCount; f += 1) {
    const id = ids.finding(i, f);
    const biomarker = ctx.biomarkers[ctx.zipf.biomarker.sample(r)] ?? ctx.biomarkers[0];
    if (!biomarker) throw new Error('no biomarkers to draw from');
    const type = r.pick(FINDING_TYPES);
    const predictive = type === 'PREDICTIVE';
    const supports = r.chance(0.7);
    const state = r.pick(STATES);
    const props: Props = {
      id,
      biomarkerState: state,
      type,
      direction: supports ? 'SUPPORTS' : 'DOES_NOT_SUPPORT',
      significance: predictive ? (supports ? 'BENEFIT' : 'NO_BENEFIT') : r.pick(['BETTER_OUTCOME', 'POOR_OUTCOME', 'RESPONSE', 'IMMUNE_ACTIVATION'] as const),
      therapyInteraction: 'COMBINATION',
      schedule: arms[0]?.schedule ?? 'CONCURRENT',
      level: r.pick(LEVELS),
      exploratory: r.chance(0.6),
      patients: enrolled,
      measures: [measure],
      statement: `Synthetic: ${state} ${biomarker.name} ${supports ? 'went with' : 'did not go with'} ${predictive ? 'more benefit from' : 'outcome after'} ${rt.name} with ${icb.name} in study ${i}.`,
    };
    if (predictive) props['contrast'] = `${rt.name} + ${icb.name} vs ${rt.name} alone`;
    const sources = [ownSource];
    if (r.chance(0.3)) sources.push(ids.sharedSource(ctx.zipf.source.sample(r)));
    out.findings.push({
      id,
      study: studyId,
      props,
      biomarker: biomarker.id,
      therapies: [rt.id, icb.id],
      outcomes: [comparison],
      arms: predictive ? [ids.arm(i, 0), ids.arm(i, 1)] : [],
      diseases: r.chance(0.2) ? [disease] : [],
      sources,
    });
  }

  // The study: 1–3 institutions, 3–6 authors (first, …, senior), a trial for 70% of them.
  const institutions = ctx.zipf.institution.distinct(r, r.int(1, 3)).map((k) => ids.institution(k));
  const authorRanks = ctx.zipf.investigator.distinct(r, r.int(3, 6));
  const authors = authorRanks.map((k, position) => ({
    investigator: ids.investigator(k),
    role: position === 0 ? 'FIRST' : position === authorRanks.length - 1 ? 'SENIOR' : 'AUTHOR',
    position,
  }));
  const trials = r.chance(0.7) ? [{ trial: ids.trial(ctx.zipf.trial.sample(r)), link: r.chance(0.8) ? 'CONFIRMED' : 'CANDIDATE', sources: [ownSource] }] : [];
  const studySources = [ownSource];
  if (r.chance(0.2)) studySources.push(ids.sharedSource(ctx.zipf.source.sample(r)));
  out.studies.push({
    id: studyId,
    props: {
      id: studyId,
      shortName: `SYN-${i}`,
      title: `Synthetic study ${i}: ${rt.name} with ${icb.name}`,
      kind: r.pick(STUDY_KINDS),
      design: 'Synthetic benchmark record',
      phase: r.pick(PHASES),
      enrolled,
      year,
      journal: r.pick(JOURNALS),
      doi,
      summary: `Synthetic benchmark study ${i} (${rt.name} + ${icb.name}); its figures are generated, not evidence.`,
    },
    disease,
    sources: studySources,
    institutions,
    authors,
    trials,
  });
}

function chunks<T>(xs: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < xs.length; i += size) out.push(xs.slice(i, i + size));
  return out;
}

/** Rows of one batch of studies, as the synthetic-*.cypher queries take them. */
export interface StudyBatch {
  sources: NodeRow[];
  studies: { id: string; props: Record<string, unknown>; [more: string]: unknown }[];
  arms: unknown[];
  outcomes: unknown[];
  findings: { id: string; props: Record<string, unknown>; [more: string]: unknown }[];
}

/**
 * The synthetic graph for (catalog, seed, studies) as rows, computed without a database: the pools
 * and any batch of studies. generateSyntheticGraph writes exactly these.
 */
export class SyntheticPlan {
  readonly prefix: string;
  readonly pools: SyntheticReport['pools'];
  readonly poolRows: ReturnType<typeof poolRows> & ReturnType<typeof recordRows>;
  private readonly ctx: StudyContext;

  constructor(
    input: CatalogInput,
    readonly opts: { studies: number; seed: number },
  ) {
    if (!Number.isInteger(opts.studies) || opts.studies < 1) throw new Error(`studies must be a positive integer, got ${opts.studies}`);
    if (!Number.isInteger(opts.seed) || opts.seed < 0) throw new Error(`seed must be a non-negative integer, got ${opts.seed}`);
    const catalog = catalogFrom(input);
    this.prefix = syntheticPrefix(opts.seed);
    const ids = new Ids(this.prefix);
    this.pools = poolSizes(opts.studies);
    const pool = poolRows(opts.seed, ids, this.pools);
    this.poolRows = {
      ...pool,
      ...recordRows(
        opts.seed,
        ids,
        catalog,
        pool.trials,
        pool.trials.map((t) => t.source),
      ),
    };
    this.ctx = {
      seed: opts.seed,
      ids,
      catalog,
      pools: this.pools,
      zipf: {
        institution: new Zipf(this.pools.institutions),
        investigator: new Zipf(this.pools.investigators),
        trial: new Zipf(this.pools.trials),
        source: new Zipf(this.pools.sharedSources),
        biomarker: new Zipf(catalog.biomarkers.length + this.pools.syntheticBiomarkers),
      },
      biomarkers: [...catalog.biomarkers, ...this.poolRows.biomarkers.map((b) => ({ id: b.id, name: String(b.props['name']) }))],
    };
  }

  get poolNodeCount(): number {
    const p = this.poolRows;
    return p.sources.length + p.biomarkers.length + p.institutions.length + p.investigators.length + p.trials.length + p.records.length + p.recordArms.length;
  }

  /** Studies from..to-1 (any split into batches gives the same rows). */
  studyBatch(from: number, to: number): StudyBatch {
    const rows: StudyBatch = { sources: [], studies: [], arms: [], outcomes: [], findings: [] };
    for (let i = from; i < Math.min(to, this.opts.studies); i += 1) studyRows(this.ctx, i, rows);
    return rows;
  }
}

/** Rows with the derived list keys (db/list-keys.ts) added to their props, as every writer stores them. */
function keyed<R extends { props: Record<string, unknown> }>(label: Label, rows: readonly R[]): R[] {
  return rows.map((r) => ({ ...r, props: withListKeys(label, r.props) }));
}

const batchNodes = (r: StudyBatch): number => r.sources.length + r.studies.length + r.arms.length + r.outcomes.length + r.findings.length;

/**
 * Generates `studies` synthetic studies (and the pools they draw on) into the database `db`
 * points at, on top of the curated catalog (load the seed first). Same seed, same graph.
 */
export async function generateSyntheticGraph(db: Db, opts: SyntheticOptions): Promise<SyntheticReport> {
  const started = performance.now();
  const batchSize = opts.batchSize ?? 1000;
  const plan = new SyntheticPlan(await readCatalog(db), { studies: opts.studies, seed: opts.seed });
  const { prefix, pools } = plan;
  const pool = plan.poolRows;
  let stats: WriteStats = { nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 };

  const present = await countSyntheticNodes(db, opts.seed);
  if (present > 0) {
    // Same (seed, studies) gives the same node count; anything else is another graph under this seed.
    let expected = plan.poolNodeCount;
    for (let from = 0; from < opts.studies; from += batchSize) expected += batchNodes(plan.studyBatch(from, from + batchSize));
    if (present !== expected) {
      throw new Error(
        `a different synthetic graph for seed ${opts.seed} is in the database (${present} nodes, expected ${expected} for ${opts.studies} studies); ` +
          `remove it first with removeSyntheticGraph(db, ${opts.seed})`,
      );
    }
    return { seed: opts.seed, studies: opts.studies, prefix, pools, nodes: present, alreadyPresent: true, stats, ms: performance.now() - started };
  }

  let nodes = plan.poolNodeCount;
  // Pools first (sources before what cites them, institutions before affiliations).
  const POOL_BATCH = 5000;
  const poolWrites: [string, unknown[]][] = [
    ['synthetic-sources', keyed('Source', pool.sources)],
    ['synthetic-biomarkers', keyed('Biomarker', pool.biomarkers)],
    ['synthetic-institutions', keyed('Institution', pool.institutions)],
    ['synthetic-investigators', keyed('Investigator', pool.investigators)],
    ['synthetic-trials', keyed('Trial', pool.trials)],
    ['synthetic-trial-records', keyed('Study', pool.records)],
    ['synthetic-arms', pool.recordArms],
  ];
  for (const [query, rows] of poolWrites) {
    for (const batch of chunks(rows, POOL_BATCH)) {
      stats = addStats(
        stats,
        await db.write(async (tx) => {
          await tx.run(query, { rows: batch });
          return { ...tx.stats };
        }),
      );
    }
  }

  for (let from = 0; from < opts.studies; from += batchSize) {
    const to = Math.min(opts.studies, from + batchSize);
    const rows = plan.studyBatch(from, to);
    // One transaction per batch: a failed batch leaves no half-written study behind.
    stats = addStats(
      stats,
      await db.write(async (tx) => {
        await tx.run('synthetic-sources', { rows: keyed('Source', rows.sources) });
        await tx.run('synthetic-studies', { rows: keyed('Study', rows.studies) });
        await tx.run('synthetic-arms', { rows: rows.arms });
        await tx.run('synthetic-outcomes', { rows: rows.outcomes });
        await tx.run('synthetic-findings', { rows: keyed('Finding', rows.findings) });
        await assignQuestionsTx(
          tx,
          rows.studies.map((s) => s.id),
        );
        return { ...tx.stats };
      }),
    );
    nodes += batchNodes(rows);
    opts.onProgress?.(to, opts.studies);
  }
  return { seed: opts.seed, studies: opts.studies, prefix, pools, nodes, alreadyPresent: false, stats, ms: performance.now() - started };
}

/** Nodes of the synthetic graph for `seed` (every seed when omitted) now in the database. */
export async function countSyntheticNodes(db: Db, seed?: number): Promise<number> {
  const rows = await db.read('synthetic-count', { prefix: seed === undefined ? 'syn-' : syntheticPrefix(seed) });
  return Number(rows[0]?.['total'] ?? 0);
}

/**
 * Deletes the synthetic graph for `seed` (every synthetic node when omitted), in transactions of
 * at most `batch` nodes, leaving the curated graph as it was. Returns how many nodes it removed.
 */
export async function removeSyntheticGraph(db: Db, seed?: number, batch = 10_000): Promise<number> {
  const prefix = seed === undefined ? 'syn-' : syntheticPrefix(seed);
  let total = 0;
  for (;;) {
    const removed = await db.write(async (tx) => Number((await tx.run('synthetic-remove', { prefix, limit: batch }))[0]?.['removed'] ?? 0));
    total += removed;
    if (removed === 0) return total;
  }
}
