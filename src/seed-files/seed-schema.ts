/**
 * The seed format: what a curator writes in seed/catalog/*.json and seed/studies/*.json.
 * Everything is validated here before a single write, so a broken file writes nothing.
 * Numbers are stored exactly as the source prints them; unknown values are simply omitted.
 */
import { z } from 'zod';

/** Readable, stable node ids: lower-case words joined by hyphens. */
export const Slug = z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be a lower-case slug such as "pembro-rt" (a-z, 0-9, single hyphens)');

const Text = z.string().trim().min(1, 'must not be empty');
const SourceRefs = z.array(Slug).min(1, 'every fact needs at least one source id');
const Year = z.number().int().min(1900).max(2100);
/** ISO date, possibly partial: 2019, 2019-07 or 2019-07-11. */
const PartialDate = z.string().regex(/^\d{4}(-\d{2}(-\d{2})?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD');
/** p-values keep the source's own notation, e.g. "0.07", "<0.001", ".0009". */
const PValue = z.string().regex(/^[<>=≤]?\s*0?\.\d+$/, 'must look like "0.04", ".07" or "<0.001"');

// The controlled vocabularies live in a neutral module that the API schema imports too; the
// seed format re-exports them so a seed file's vocabulary and the API's can never differ.
export * from '../model/vocabulary.js';

import { keysOf } from '../model/narrow.js';
import {
  Allocation,
  ArmRole,
  AuthorRole,
  BiomarkerKind,
  EvidenceLevel,
  FindingDirection,
  FindingType,
  OutcomeMeasure,
  ReadAtKind,
  RecordStatus,
  Schedule,
  Significance,
  SourceKind,
  StudyKind,
  TherapyInteraction,
  TherapyKind,
  TrialLink,
} from '../model/vocabulary.js';

// ---------------------------------------------------------------- provenance

/**
 * A page the work was read on (a PubMed mirror, an aggregator's summary, a repository record).
 * It is not the work: the Source's own url/doi/pmid/nctId are the canonical record.
 */
export const ReadAtSchema = z
  .object({
    url: z.url(),
    kind: ReadAtKind,
    /** The fact sheet's register key of this page (S17 …), when it has one. */
    register: z
      .string()
      .regex(/^[SC]\d{2}$|^C\d{1,2}$/)
      .optional(),
    note: Text.optional(),
  })
  .strict();

/**
 * The sentence (or table-cell text) of a source that states a figure, verbatim, and the source it
 * is from. Absent means unquoted: a quote is never guessed or paraphrased. `npm run audit` checks
 * that the figure's numbers, CI and unit appear in it as printed.
 */
export const QuoteSchema = z.object({ source: Slug, text: Text }).strict();

// ---------------------------------------------------------------- catalog (shared entities)

export const SourceSchema = z
  .object({
    id: Slug,
    /** The fact sheet's register key (S07, C1 …) so a curator can trace it back. */
    register: z
      .string()
      .regex(/^[SC]\d{2}$|^C\d{1,2}$/)
      .optional(),
    /** What the work is (the paper, the registry record, the news item), not the page it was read on. */
    kind: SourceKind,
    /** false for news, press, reviews and aggregator summaries: facts read there are secondary. Follows the work, not the page. */
    primary: z.boolean(),
    title: Text.optional(),
    publisher: Text.optional(),
    url: z.url().optional(),
    alsoAt: z.array(z.url()).optional(),
    /** Where the work was read when that is not its canonical record (mirrors, aggregators, repositories). */
    readAt: z.array(ReadAtSchema).optional(),
    /** Ids this source had before duplicate records of one work were merged; references to them still resolve. */
    formerIds: z.array(Slug).optional(),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'must be a bare DOI such as 10.1001/jamaoncol.2019.1478')
      .optional(),
    pmid: z
      .string()
      .regex(/^\d{5,9}$/, 'must be digits only')
      .optional(),
    nctId: z
      .string()
      .regex(/^NCT\d{8}$/, 'must look like NCT01234567')
      .optional(),
    published: PartialDate.optional(),
    note: Text.optional(),
  })
  .strict()
  .refine((s) => s.url ?? s.doi ?? s.pmid ?? s.nctId, { message: 'a source needs a url, doi, pmid or nctId' });

export const InstitutionSchema = z
  .object({
    id: Slug,
    name: Text,
    aliases: z.array(Text).optional(),
    city: Text.optional(),
    country: Text.optional(),
    sources: SourceRefs,
  })
  .strict();

export const InvestigatorSchema = z
  .object({
    id: Slug,
    name: Text,
    aliases: z.array(Text).optional(),
    title: Text.optional(),
    /** The person's ORCID iD, when a source prints it: the one identifier that lets studies with no shared institution share an entry. */
    orcid: z
      .string()
      .regex(/^\d{4}-\d{4}-\d{4}-\d{3}[\dX]$/, 'must be a bare ORCID iD such as 0000-0002-1825-0097')
      .optional(),
    affiliations: z.array(Slug).optional(),
    sources: SourceRefs,
  })
  .strict();

export const TherapySchema = z
  .object({
    id: Slug,
    name: Text,
    kind: TherapyKind,
    aliases: z.array(Text).optional(),
    description: Text.optional(),
    /** IS_A parents: pembrolizumab -> anti-pd-1 -> immune-checkpoint-blockade. */
    isA: z.array(Slug).optional(),
  })
  .strict();

export const BiomarkerSchema = z
  .object({
    id: Slug,
    name: Text,
    kind: BiomarkerKind,
    aliases: z.array(Text).optional(),
    description: Text.optional(),
  })
  .strict();

export const DiseaseSchema = z
  .object({
    id: Slug,
    name: Text,
    stage: Text.optional(),
    setting: Text.optional(),
    aliases: z.array(Text).optional(),
    /** Broader diseases: metastatic NSCLC IS_A NSCLC, so a filter on NSCLC finds every stage. */
    isA: z.array(Slug).optional(),
  })
  .strict();

export const TrialSchema = z
  .object({
    id: Slug,
    name: Text,
    title: Text.optional(),
    nctId: z
      .string()
      .regex(/^NCT\d{8}$/, 'must look like NCT01234567')
      .optional(),
    otherIds: z.array(Text).optional(),
    phase: Text.optional(),
    sponsor: Text.optional(),
    sources: SourceRefs,
  })
  .strict();

// ---------------------------------------------------------------- studies

export const TherapyUseSchema = z
  .object({
    therapy: Slug,
    /** 1 = given first; equal numbers = given together. */
    order: z.number().int().min(1),
    dose: Text.optional(),
    fractions: Text.optional(),
    note: Text.optional(),
  })
  .strict();

export const ArmSchema = z
  .object({
    id: Slug,
    name: Text,
    role: ArmRole,
    schedule: Schedule,
    n: z.number().int().positive().optional(),
    /** The source text that states `n` for this arm. */
    quote: QuoteSchema.optional(),
    description: Text.optional(),
    therapies: z.array(TherapyUseSchema).min(1, 'an arm receives at least one therapy'),
    sources: SourceRefs,
  })
  .strict();

export const OutcomeSchema = z
  .object({
    id: Slug,
    measure: OutcomeMeasure,
    /** Per-arm value: the arm it belongs to. */
    arm: Slug.optional(),
    /** Arm-vs-arm comparison: experimental and control arms. */
    comparison: z.object({ experimental: Slug, control: Slug }).strict().optional(),
    /** Subgroup or population the figure is for, in the source's terms ("PD-L1 TC <1%"). */
    population: Text.optional(),
    value: z.number().optional(),
    unit: z.enum(['months', 'percent', 'patients', 'ratio']).optional(),
    ciLow: z.number().optional(),
    ciHigh: z.number().optional(),
    /** Free-text upper bound when the source says "not reached". */
    ciNote: Text.optional(),
    timepoint: Text.optional(),
    hr: z.number().positive().optional(),
    hrCiLow: z.number().positive().optional(),
    hrCiHigh: z.number().positive().optional(),
    p: PValue.optional(),
    note: Text.optional(),
    /** The source sentence that states this figure (value, CI, unit, HR, p) as printed. */
    quote: QuoteSchema.optional(),
    status: RecordStatus.optional(),
    statusReason: Text.optional(),
    sources: SourceRefs,
  })
  .strict()
  .refine((o) => !(o.arm && o.comparison), { message: 'an outcome is either per arm (arm) or a comparison, not both' })
  .refine((o) => o.value !== undefined || o.hr !== undefined || o.p !== undefined, {
    message: 'an outcome needs a value, an hr or a p',
  })
  .refine((o) => o.value === undefined || o.unit !== undefined, { message: 'a value needs a unit', path: ['unit'] });

/**
 * Effect modification behind a PREDICTIVE finding: the treatment effect in one biomarker state
 * against the effect in another, under the finding's contrast. Either the two subgroup hazard
 * ratios the analysis computes a ratio from (comparison outcomes of this study, each with an HR and
 * its 95% CI), or the interaction as the source states it (a ratio of HRs with CI, and/or a p for
 * interaction), or both: a stated figure is shown and preferred.
 */
export const InteractionSchema = z
  .object({
    /** [the subgroup in the finding's biomarkerState, the reference subgroup]: comparison outcomes with hr, hrCiLow, hrCiHigh. */
    subgroups: z.tuple([Slug, Slug]).optional(),
    /** Stated interaction: ratio of HRs (or interaction HR) with its 95% CI, as printed. */
    hr: z.number().positive().optional(),
    ciLow: z.number().positive().optional(),
    ciHigh: z.number().positive().optional(),
    /** Stated p for interaction, as printed. */
    p: PValue.optional(),
    /** Whether the source says the biomarker analysis was pre-specified (absent: not stated, treated as post hoc). */
    prespecified: z.boolean().optional(),
    /** The source sentence that states hr/CI/p. */
    quote: QuoteSchema.optional(),
  })
  .strict()
  .refine((i) => i.subgroups !== undefined || i.hr !== undefined || i.p !== undefined, { message: 'an interaction needs subgroups, a stated hr or a stated p' })
  .refine((i) => (i.ciLow === undefined) === (i.ciHigh === undefined) && (i.ciLow === undefined || i.hr !== undefined), {
    message: 'a stated interaction CI needs both bounds and the hr',
    path: ['ciLow'],
  });

export const FindingSchema = z
  .object({
    id: Slug,
    biomarker: Slug,
    /** The biomarker state the statement is about: "high", "negative", "TC <1%", "detectable". */
    biomarkerState: Text,
    type: FindingType,
    direction: FindingDirection,
    significance: Significance,
    /** The therapies the finding is about (all given in the study). */
    therapies: z.array(Slug).min(1),
    therapyInteraction: TherapyInteraction.optional(),
    /** The RT+ICB schedule whose benefit is at stake (CONCURRENT for the Spurr timing contrast). */
    schedule: Schedule.optional(),
    /** For PREDICTIVE findings: what was contrasted, e.g. "concurrent vs sequential". */
    contrast: Text.optional(),
    level: EvidenceLevel,
    exploratory: z.boolean(),
    /** Patients the finding rests on, when the source gives it. */
    patients: z.number().int().positive().optional(),
    measures: z.array(OutcomeMeasure).optional(),
    outcomes: z.array(Slug).optional(),
    arms: z.array(Slug).optional(),
    disease: Slug.optional(),
    /** For PREDICTIVE findings: the treatment × biomarker comparison (see InteractionSchema). */
    interaction: InteractionSchema.optional(),
    statement: Text,
    /** The source sentence behind the finding's figures (`patients`, numbers in the statement). */
    quote: QuoteSchema.optional(),
    status: RecordStatus.optional(),
    statusReason: Text.optional(),
    sources: SourceRefs,
  })
  .strict()
  .refine((f) => f.therapies.length < 2 || f.therapyInteraction !== undefined, {
    message: 'a finding about two or more therapies needs a therapyInteraction',
    path: ['therapyInteraction'],
  })
  .refine((f) => f.type !== 'PREDICTIVE' || f.contrast !== undefined, {
    message: 'a PREDICTIVE finding must say what was contrasted (contrast)',
    path: ['contrast'],
  });

export const StudySchema = z
  .object({
    id: Slug,
    shortName: Text,
    title: Text.optional(),
    kind: StudyKind,
    design: Text.optional(),
    phase: Text.optional(),
    /** How the arms the findings contrast were formed, as a source states it; absent: unknown (graded as non-randomised). */
    allocation: Allocation.optional(),
    allocationQuote: QuoteSchema.optional(),
    /** Patients enrolled (or randomized) in the study, as a source states it. */
    enrolled: z.number().int().positive().optional(),
    enrolledQuote: QuoteSchema.optional(),
    /** Patients analysed when a source states that instead of (or besides) an enrolment. */
    analysed: z.number().int().positive().optional(),
    analysedQuote: QuoteSchema.optional(),
    /** Only when a source gives it; never inferred from a post, a heading or a citation not read. */
    year: Year.optional(),
    published: PartialDate.optional(),
    journal: Text.optional(),
    citation: Text.optional(),
    doi: z
      .string()
      .regex(/^10\.\d{4,9}\/\S+$/, 'must be a bare DOI')
      .optional(),
    pmid: z
      .string()
      .regex(/^\d{5,9}$/, 'must be digits only')
      .optional(),
    pmcid: z
      .string()
      .regex(/^PMC\d+$/)
      .optional(),
    summary: Text,
    trials: z.array(z.object({ trial: Slug, link: TrialLink, note: Text.optional(), sources: SourceRefs }).strict()).optional(),
    /** Where the sheet names no institution (PACIFIC, Moding …) the list stays empty. */
    institutions: z.array(Slug).optional(),
    authors: z.array(z.object({ investigator: Slug, role: AuthorRole }).strict()).optional(),
    diseases: z.array(Slug).min(1),
    arms: z.array(ArmSchema).optional(),
    outcomes: z.array(OutcomeSchema).optional(),
    findings: z.array(FindingSchema).optional(),
    /** Facts deliberately not entered, with why: shown to curators, not stored in the graph. */
    omitted: z.array(Text).optional(),
    sources: SourceRefs,
  })
  .strict();

export const CatalogSchemas = {
  sources: z.array(SourceSchema),
  institutions: z.array(InstitutionSchema),
  investigators: z.array(InvestigatorSchema),
  therapies: z.array(TherapySchema),
  biomarkers: z.array(BiomarkerSchema),
  diseases: z.array(DiseaseSchema),
  trials: z.array(TrialSchema),
} as const;

export type CatalogKind = keyof typeof CatalogSchemas;
/** The catalog kinds, in the order their files are read and written. */
export const CATALOG_KINDS = keysOf(CatalogSchemas);
export type SourceSeed = z.infer<typeof SourceSchema>;
export type InstitutionSeed = z.infer<typeof InstitutionSchema>;
export type InvestigatorSeed = z.infer<typeof InvestigatorSchema>;
export type TherapySeed = z.infer<typeof TherapySchema>;
export type BiomarkerSeed = z.infer<typeof BiomarkerSchema>;
export type DiseaseSeed = z.infer<typeof DiseaseSchema>;
export type TrialSeed = z.infer<typeof TrialSchema>;
export type StudySeed = z.infer<typeof StudySchema>;
export type ArmSeed = z.infer<typeof ArmSchema>;
export type OutcomeSeed = z.infer<typeof OutcomeSchema>;
export type FindingSeed = z.infer<typeof FindingSchema>;
export type QuoteSeed = z.infer<typeof QuoteSchema>;
export type InteractionSeed = z.infer<typeof InteractionSchema>;
export type ReadAtSeed = z.infer<typeof ReadAtSchema>;
export interface Catalog {
  sources: SourceSeed[];
  institutions: InstitutionSeed[];
  investigators: InvestigatorSeed[];
  therapies: TherapySeed[];
  biomarkers: BiomarkerSeed[];
  diseases: DiseaseSeed[];
  trials: TrialSeed[];
}
