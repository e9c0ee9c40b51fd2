/**
 * Typed entities at the database boundary. Each label's stored properties are parsed once, here,
 * through the same vocabulary the seed format uses, so the layers above read `finding.direction`
 * (typed) instead of `props['direction']`. A required property that is missing or out of the
 * vocabulary is an error naming the node and the property, never a silent default.
 *
 * Unknown properties are dropped (not rejected): a newer writer may add fields before this
 * reader knows them. Lists absent from the node (no aliases, nothing omitted) read as empty.
 */
import { z } from 'zod';
import {
  Allocation,
  ArmRole,
  AuthorRole,
  BiomarkerKind,
  EvidenceLevel,
  FindingDirection,
  FindingType,
  OutcomeMeasure,
  OutcomeUnit,
  RecordStatus,
  Schedule,
  Significance,
  SourceKind,
  StudyKind,
  TherapyInteraction,
  TherapyKind,
  TrialLink,
} from '../model/vocabulary.js';
import type { Label } from './labels.js';

const text = z.string();
const list = z.array(z.string()).default([]);
const int = z.number().int();
const dateType = z.enum(['ACTUAL', 'ESTIMATED']).optional();

/** What a ClinicalTrials.gov record states about its trial, stored on the record (a Study of kind REGISTRY_RECORD). */
export const REGISTRY_FACTS = {
  overallStatus: text.optional(),
  statusVerified: text.optional(),
  startDate: text.optional(),
  startDateType: dateType,
  primaryCompletionDate: text.optional(),
  primaryCompletionDateType: dateType,
  completionDate: text.optional(),
  completionDateType: dateType,
  firstPosted: text.optional(),
  firstPostedType: dateType,
  lastUpdatePosted: text.optional(),
  lastUpdatePostedType: dateType,
  enrollmentType: dateType,
  studyType: text.optional(),
  phases: list,
  // allocation is the Study's own field (RANDOMIZED / NON_RANDOMIZED); the registry's NA stays empty there.
  interventionModel: text.optional(),
  masking: text.optional(),
  primaryPurpose: text.optional(),
  conditions: list,
  interventions: list,
  leadSponsor: text.optional(),
  leadSponsorClass: text.optional(),
  collaborators: list,
  countries: list,
  siteCount: int.optional(),
  hasResults: z.boolean().optional(),
  nctId: text.optional(),
};

export const ENTITY_SCHEMAS = {
  Study: z.object({
    shortName: text,
    title: text.optional(),
    kind: StudyKind,
    design: text.optional(),
    phase: text.optional(),
    /** Absent: no source read states how the arms were formed (its quote is allocationQuoteText/Source). */
    allocation: Allocation.optional(),
    enrolled: int.optional(),
    year: int.optional(),
    published: text.optional(),
    journal: text.optional(),
    citation: text.optional(),
    doi: text.optional(),
    pmid: text.optional(),
    pmcid: text.optional(),
    summary: text,
    omitted: list,
    // A registry record's own facts (kind REGISTRY_RECORD, written by the ClinicalTrials.gov
    // importer), verbatim: enum values and possibly partial dates as the API gives them.
    ...REGISTRY_FACTS,
  }),
  Trial: z.object({
    name: text,
    title: text.optional(),
    nctId: text.optional(),
    otherIds: list,
    phase: text.optional(),
    sponsor: text.optional(),
  }),
  Institution: z.object({ name: text, aliases: list, city: text.optional(), country: text.optional() }),
  Investigator: z.object({ name: text, aliases: list, title: text.optional(), orcid: text.optional() }),
  Disease: z.object({ name: text, stage: text.optional(), setting: text.optional(), aliases: list }),
  Therapy: z.object({ name: text, kind: TherapyKind, aliases: list, description: text.optional() }),
  // Curated arms always carry role and schedule (the seed format requires them); an arm imported
  // from a registry record has neither stated, and unknown stays empty rather than guessed.
  Arm: z.object({ name: text, role: ArmRole.optional(), schedule: Schedule.optional(), scheduleBasis: text.optional(), n: int.optional(), description: text.optional() }),
  Outcome: z.object({
    measure: OutcomeMeasure,
    population: text.optional(),
    value: z.number().optional(),
    unit: OutcomeUnit.optional(),
    ciLow: z.number().optional(),
    ciHigh: z.number().optional(),
    ciNote: text.optional(),
    timepoint: text.optional(),
    hr: z.number().optional(),
    hrCiLow: z.number().optional(),
    hrCiHigh: z.number().optional(),
    p: text.optional(),
    note: text.optional(),
    /** The clinical question the figure answers (src/analysis/questions.ts), derived at write time. */
    questionId: text.optional(),
    /** Absent means accepted; a retracted outcome stays visible, marked (curation). */
    status: RecordStatus.optional(),
    // A registry's posted result (ClinicalTrials.gov importer): the registry's words and figures verbatim.
    title: text.optional(),
    outcomeType: text.optional(),
    unitText: text.optional(),
    paramType: text.optional(),
    dispersionType: text.optional(),
    valueText: text.optional(),
    spreadText: text.optional(),
    lowerLimitText: text.optional(),
    upperLimitText: text.optional(),
    n: int.optional(),
    estimateType: text.optional(),
    estimateText: text.optional(),
    ciPct: text.optional(),
    ciLowerText: text.optional(),
    ciUpperText: text.optional(),
    method: text.optional(),
  }),
  Biomarker: z.object({ name: text, kind: BiomarkerKind, aliases: list, description: text.optional() }),
  Finding: z.object({
    statement: text,
    biomarkerState: text,
    type: FindingType,
    direction: FindingDirection,
    significance: Significance,
    therapyInteraction: TherapyInteraction.optional(),
    schedule: Schedule.optional(),
    contrast: text.optional(),
    level: EvidenceLevel,
    exploratory: z.boolean(),
    patients: int.optional(),
    measures: z.array(OutcomeMeasure).default([]),
    /** The clinical question the finding answers (src/analysis/questions.ts), derived at write time. */
    questionId: text.optional(),
    /**
     * The treatment × biomarker interaction (seed: `interaction`), flattened: the two subgroup
     * outcome ids [in the finding's biomarker state, reference], and the figure as the source
     * states it. Its quote is interactionQuoteText/Source, read like the other quotes.
     */
    interactionSubgroups: z.array(z.string()).optional(),
    interactionHr: z.number().optional(),
    interactionCiLow: z.number().optional(),
    interactionCiHigh: z.number().optional(),
    interactionP: text.optional(),
    interactionPrespecified: z.boolean().optional(),
    /** Absent means accepted; a retracted finding stays visible, marked, and leaves the ranking. */
    status: RecordStatus.optional(),
  }),
  Source: z.object({
    kind: SourceKind,
    primary: z.boolean(),
    register: text.optional(),
    title: text.optional(),
    publisher: text.optional(),
    url: text.optional(),
    alsoAt: list,
    doi: text.optional(),
    pmid: text.optional(),
    nctId: text.optional(),
    published: text.optional(),
    note: text.optional(),
  }),
} as const satisfies Record<Label, z.ZodObject>;

type Schemas = typeof ENTITY_SCHEMAS;
/** A node of label L as the API sees it: its label, its slug and its typed properties. */
export type Entity<L extends Label = Label> = { [K in L]: { label: K; id: string } & z.output<Schemas[K]> }[L];

export type Study = Entity<'Study'>;
export type Trial = Entity<'Trial'>;
export type Institution = Entity<'Institution'>;
export type Investigator = Entity<'Investigator'>;
export type Disease = Entity<'Disease'>;
export type Therapy = Entity<'Therapy'>;
export type Arm = Entity<'Arm'>;
export type Outcome = Entity<'Outcome'>;
export type Biomarker = Entity<'Biomarker'>;
export type Finding = Entity<'Finding'>;
export type Source = Entity<'Source'>;

/** The graph holds a node the model cannot read: a writer skipped validation. Not the client's fault. */
export class EntityError extends Error {
  constructor(label: string, id: string, issues: string) {
    super(`${label} "${id}" in the graph does not match the model: ${issues}`);
    this.name = 'EntityError';
  }
}

function describe(error: z.ZodError, input: unknown): string {
  return error.issues
    .map((i) => {
      const at = i.path.reduce<unknown>((v, k) => (v !== null && typeof v === 'object' ? Reflect.get(v, k) : undefined), input);
      return `${i.path.join('.') || '(node)'}: ${at === undefined || at === null ? 'missing' : i.message}`;
    })
    .join('; ');
}

/** A node of label L with its typed properties; the graph may hold a node the model cannot read (EntityError). */
export function parseEntity<L extends Label>(label: L, props: unknown): Entity<L> {
  return parseWith(label, props, ENTITY_SCHEMAS[label]);
}

/**
 * A node read with only the properties a query's selected fields read (db/tree.ts): any property
 * may be absent; what is present is still checked against the vocabulary.
 */
export type Projected<L extends Label = Label> = { [K in L]: { label: K; id: string } & Partial<z.output<Schemas[K]>> }[L];

const PARTIAL = new Map<Label, z.ZodType>();

export function parseProjected<L extends Label>(label: L, props: unknown): Projected<L> {
  let loose = PARTIAL.get(label);
  if (!loose) {
    loose = ENTITY_SCHEMAS[label].partial();
    PARTIAL.set(label, loose);
  }
  // The partial schema's output: every property optional, as Projected says.
  return parseWith(label, props, loose) as Projected<L>;
}

/**
 * A projected node handed on where whole entities go (loaders, resolvers). Sound because only the
 * resolvers of the fields it was projected for read it, and each of those declares what it reads
 * (schema/lookahead.ts; a test runs every declaration on every seed node). The one place the
 * partial type is given up.
 */
export function projectedAsEntity<L extends Label>(node: Projected<L>): Entity<L> {
  return node as unknown as Entity<L>;
}

function parseWith<L extends Label>(label: L, props: unknown, schema: z.ZodType): Entity<L> {
  // Only the id is read here, and checked; the schema parses the rest.
  const p = props as { id?: unknown } | null;
  const id = typeof p?.id === 'string' ? p.id : null;
  if (id === null) throw new EntityError(label, String(p?.id), 'id: missing');
  const parsed = schema.safeParse(props);
  if (!parsed.success) throw new EntityError(label, id, describe(parsed.error, props));
  // zod's output is a fresh object: label and id go onto it rather than into one more copy. The
  // schema is the label's (or its partial form, which parseProjected types as such).
  return Object.assign(parsed.data as object, { label, id }) as unknown as Entity<L>;
}

// ---- relationship properties

export const REL_SCHEMAS = {
  ANALYZES: z.object({ link: TrialLink, note: text.optional(), sources: list }),
  AUTHORED: z.object({ role: AuthorRole, position: int.optional() }),
  // A registry record lists an arm's interventions but not their order: unknown stays empty.
  RECEIVED: z.object({ order: int.optional(), dose: text.optional(), fractions: text.optional(), note: text.optional() }),
  COMPARES: z.object({ role: z.enum(['EXPERIMENTAL', 'CONTROL']) }),
} as const;

export type RelWithProps = keyof typeof REL_SCHEMAS;
export type RelProps<R extends RelWithProps> = z.output<(typeof REL_SCHEMAS)[R]>;

export function parseRel<R extends RelWithProps>(type: R, from: string, to: string, props: unknown): RelProps<R> {
  const parsed = REL_SCHEMAS[type].safeParse(props ?? {});
  if (!parsed.success) throw new EntityError(type, `${from}->${to}`, describe(parsed.error, props ?? {}));
  // Parsed by REL_SCHEMAS[type], whose output RelProps<R> is; a generic index loses that.
  return parsed.data as RelProps<R>;
}
