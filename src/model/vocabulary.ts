/**
 * The graph's controlled vocabularies, shared by the seed format (src/seed-files), the typed entities
 * read from Neo4j (src/db/entities.ts) and the GraphQL enums (src/schema/enums.ts), so a value
 * the seed accepts is a value the API can return, and the other way round.
 */
import { z } from 'zod';

export const SourceKind = z.enum(['PUBLICATION', 'REGISTRY', 'NEWS', 'DATASET', 'REVIEW', 'CONFERENCE_ABSTRACT', 'PRESS_RELEASE', 'AGGREGATOR']);
/** Kinds whose facts are second-hand by nature: a source of one of these kinds is never primary. */
export const SECONDARY_KINDS: ReadonlySet<z.infer<typeof SourceKind>> = new Set(['NEWS', 'REVIEW', 'PRESS_RELEASE', 'AGGREGATOR']);
/** Where a work was actually read, when that is not its canonical record. */
export const ReadAtKind = z.enum(['MIRROR', 'AGGREGATOR', 'PUBLISHER', 'REGISTRY']);
/** MIXED: one arm whose patients got radiotherapy on different schedules (a pooled analysis of a sequential and a concurrent trial). */
export const Schedule = z.enum(['CONCURRENT', 'SEQUENTIAL', 'CONSOLIDATION', 'MONOTHERAPY', 'MIXED']);
export type Schedule = z.output<typeof Schedule>;
/** How a study's arms were formed (AACT's design_allocation): only a RANDOMIZED contrast can carry predictive evidence of the first rank. */
export const Allocation = z.enum(['RANDOMIZED', 'NON_RANDOMIZED']);
export const ArmRole = z.enum(['EXPERIMENTAL', 'CONTROL', 'SINGLE_ARM', 'SUBGROUP']);
export const AuthorRole = z.enum(['FIRST', 'SENIOR', 'AUTHOR']);
export const StudyKind = z.enum([
  'TRIAL_REPORT',
  'SECONDARY_ANALYSIS',
  'POOLED_ANALYSIS',
  'SUBGROUP_ANALYSIS',
  'LONG_TERM_UPDATE',
  'COHORT',
  'TRANSLATIONAL',
  // Written by `npm run import`, never by curators: a registry record, or a paper not curated yet.
  'REGISTRY_RECORD',
  'PUBLICATION_RECORD',
]);
/** PLACEBO: given in a control arm in place of a drug; it adds no therapy class to a clinical question. */
export const TherapyKind = z.enum(['DRUG', 'DRUG_CLASS', 'RADIOTHERAPY', 'MODALITY', 'REGIMEN', 'PLACEBO']);
export const BiomarkerKind = z.enum(['GENOMIC', 'TRANSCRIPTOMIC', 'PROTEIN_EXPRESSION', 'CIRCULATING', 'IMMUNE', 'CLINICAL', 'COMPOSITE']);
export const OutcomeMeasure = z.enum([
  'OS',
  'PFS',
  'RW_PFS',
  'ORR',
  'DCR',
  'EFS',
  'LOCAL_FAILURE',
  'LOCOREGIONAL_FAILURE',
  'OUT_OF_FIELD_ORR',
  'ABSCOPAL_RESPONSE',
  'ABSCOPAL_DCR',
  'LOCAL_RESPONSE',
  'DISTANT_RESPONSE',
  'TOXICITY',
  // A registry's posted outcome measure that is none of the above (its own title says what it is).
  'OTHER',
]);
export const FindingType = z.enum(['PREDICTIVE', 'PROGNOSTIC', 'ASSOCIATED', 'PHARMACODYNAMIC']);
export const FindingDirection = z.enum(['SUPPORTS', 'DOES_NOT_SUPPORT']);
export const Significance = z.enum(['BENEFIT', 'NO_BENEFIT', 'BETTER_OUTCOME', 'POOR_OUTCOME', 'RESPONSE', 'RESISTANCE', 'IMMUNE_ACTIVATION', 'IMMUNE_SUPPRESSION']);
export const TherapyInteraction = z.enum(['COMBINATION', 'SEQUENTIAL', 'SUBSTITUTES']);
export const EvidenceLevel = z.enum(['A', 'B', 'C', 'D', 'E']);
export type EvidenceLevel = z.output<typeof EvidenceLevel>;
export const TrialLink = z.enum(['CONFIRMED', 'CANDIDATE']);
export type TrialLink = z.output<typeof TrialLink>;
/** Curation state of a finding or outcome: absent means accepted; RETRACTED stays visible but leaves the ranking. */
export const RecordStatus = z.enum(['ACCEPTED', 'RETRACTED']);
/** Units an outcome value is printed in. */
export const OutcomeUnit = z.enum(['months', 'percent', 'patients', 'ratio']);
