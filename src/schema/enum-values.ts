/**
 * What each value of the controlled vocabularies means, as GraphiQL's docs explorer shows it.
 * Keyed by the seed vocabularies' own types, so a misspelt value does not compile; a value with
 * no entry here is listed by test/unit/schema-descriptions.test.ts.
 */

import type { z } from 'zod';
import type { Verdict } from '../analysis/answer.js';
import type { GapEvidence } from '../analysis/evidence-strength.js';
import type { ContrastKind } from '../analysis/questions.js';
import type * as C from '../curation/records.js';
import type { Label } from '../db/model.js';
import type * as V from '../model/vocabulary.js';

/** Pothos enum values for `values`, each with its meaning as description where there is one. */
export function describedValues<T extends string>(values: readonly T[], meanings: Partial<Record<T, string>>): Record<T, { value: T }> {
  return Object.fromEntries(values.map((v) => [v, { value: v, ...(meanings[v] ? { description: meanings[v] } : {}) }])) as Record<T, { value: T }>;
}

type Meanings<T extends z.ZodType> = Partial<Record<z.infer<T> & string, string>>;

export const SCHEDULE = {
  CONCURRENT: 'Radiotherapy and checkpoint blockade given at the same time.',
  SEQUENTIAL: 'One after the other, with no overlap.',
  CONSOLIDATION: 'Checkpoint blockade after (chemo)radiotherapy has ended, to consolidate its effect.',
  MONOTHERAPY: 'One therapy alone (no combination in this arm).',
  MIXED: 'Patients of one arm were given radiotherapy on different schedules (e.g. a pooled analysis of a sequential and a concurrent trial).',
} satisfies Meanings<typeof V.Schedule>;

export const ALLOCATION = {
  RANDOMIZED: 'Patients were assigned to the arms at random.',
  NON_RANDOMIZED: 'The arms were formed otherwise (cohorts, treatment received, consecutive series).',
} satisfies Meanings<typeof V.Allocation>;

export const ARM_ROLE = {
  EXPERIMENTAL: 'The arm receiving the treatment under test.',
  CONTROL: 'The comparator arm.',
  SINGLE_ARM: 'The only arm of a single-arm study.',
  SUBGROUP: 'A subgroup of patients reported as a group of its own.',
} satisfies Meanings<typeof V.ArmRole>;

export const AUTHOR_ROLE = {
  FIRST: 'First author.',
  SENIOR: 'Senior (last or corresponding) author.',
  AUTHOR: 'Any other author.',
} satisfies Meanings<typeof V.AuthorRole>;

export const STUDY_KIND = {
  TRIAL_REPORT: 'The primary report of a trial.',
  SECONDARY_ANALYSIS: 'A further analysis of a trial’s data (e.g. biomarkers, secondary endpoints).',
  POOLED_ANALYSIS: 'An analysis pooling patients from several trials.',
  SUBGROUP_ANALYSIS: 'An analysis of a subgroup of a trial’s patients.',
  LONG_TERM_UPDATE: 'A later report of a trial with longer follow-up.',
  COHORT: 'An observational cohort (retrospective or prospective), not a trial.',
  TRANSLATIONAL: 'Laboratory or correlative work on patient samples.',
  REGISTRY_RECORD: 'A ClinicalTrials.gov registry record, imported (npm run import) rather than curated.',
  PUBLICATION_RECORD: 'A PubMed record of a paper, imported (npm run import) and not curated yet.',
} satisfies Meanings<typeof V.StudyKind>;

export const THERAPY_KIND = {
  DRUG: 'A single drug, e.g. pembrolizumab.',
  DRUG_CLASS: 'A class of drugs, e.g. anti-PD-1.',
  RADIOTHERAPY: 'A radiotherapy technique, e.g. SBRT.',
  MODALITY: 'A broad treatment modality, e.g. radiotherapy or immune checkpoint blockade.',
  REGIMEN: 'A combination given as one regimen, e.g. chemoradiotherapy.',
  PLACEBO: 'An inactive comparator given in a control arm in place of a drug; it adds no therapy class to a clinical question.',
} satisfies Meanings<typeof V.TherapyKind>;

export const BIOMARKER_KIND = {
  GENOMIC: 'Measured in tumor DNA, e.g. TMB or aneuploidy.',
  TRANSCRIPTOMIC: 'Measured in tumor RNA, e.g. a gene-expression signature.',
  PROTEIN_EXPRESSION: 'Protein measured in tissue, e.g. PD-L1 by immunohistochemistry.',
  CIRCULATING: 'Measured in blood, e.g. ctDNA.',
  IMMUNE: 'A property of the immune response, e.g. T-cell clonal expansion.',
  CLINICAL: 'A clinical feature of the patient or disease.',
  COMPOSITE: 'Built from several measurements.',
} satisfies Meanings<typeof V.BiomarkerKind>;

export const OUTCOME_MEASURE = {
  OS: 'Overall survival.',
  PFS: 'Progression-free survival.',
  RW_PFS: 'Real-world progression-free survival (from routine records).',
  ORR: 'Objective response rate.',
  DCR: 'Disease control rate.',
  EFS: 'Event-free survival.',
  LOCAL_FAILURE: 'Failure (progression) in the irradiated site.',
  LOCOREGIONAL_FAILURE: 'Failure in the irradiated site or its regional nodes.',
  OUT_OF_FIELD_ORR: 'Response rate of lesions outside the radiation field.',
  ABSCOPAL_RESPONSE: 'Response of a lesion outside the radiation field (abscopal effect).',
  ABSCOPAL_DCR: 'Disease control of lesions outside the radiation field.',
  LOCAL_RESPONSE: 'Response of the irradiated lesion.',
  DISTANT_RESPONSE: 'Response at distant sites.',
  TOXICITY: 'Adverse events.',
  OTHER: 'A registry outcome measure that is none of these; its title (Outcome.title) says what was measured.',
} satisfies Meanings<typeof V.OutcomeMeasure>;

export const FINDING_TYPE = {
  PREDICTIVE: 'Changes the relative benefit of a treatment against a comparator (needs a contrast).',
  PROGNOSTIC: 'Linked to outcome within one treated cohort, whatever the treatment.',
  ASSOCIATED: 'Linked to response in a single-arm study.',
  PHARMACODYNAMIC: 'A change the treatment induces.',
} satisfies Meanings<typeof V.FindingType>;

export const FINDING_DIRECTION = {
  SUPPORTS: 'The study supports the statement.',
  DOES_NOT_SUPPORT: 'The study does not support the statement (e.g. no interaction seen).',
} satisfies Meanings<typeof V.FindingDirection>;

export const SIGNIFICANCE = {
  BENEFIT: 'The biomarker state goes with benefit from the therapy.',
  NO_BENEFIT: 'The biomarker state goes with no benefit from the therapy.',
  BETTER_OUTCOME: 'The biomarker state goes with a better outcome.',
  POOR_OUTCOME: 'The biomarker state goes with a worse outcome.',
  RESPONSE: 'The biomarker state goes with response to the therapy.',
  RESISTANCE: 'The biomarker state goes with resistance to the therapy.',
  IMMUNE_ACTIVATION: 'The treatment activates an immune response.',
  IMMUNE_SUPPRESSION: 'The treatment suppresses an immune response.',
} satisfies Meanings<typeof V.Significance>;

export const THERAPY_INTERACTION = {
  COMBINATION: 'The therapies are given together.',
  SEQUENTIAL: 'The therapies are given one after the other.',
  SUBSTITUTES: 'Any one of the therapies (they stand in for each other).',
} satisfies Meanings<typeof V.TherapyInteraction>;

export const EVIDENCE_LEVEL = {
  A: 'Validated: proven or consensus association.',
  B: 'Clinical: from clinical trials or other primary patient data.',
  C: 'Case study: from individual case reports.',
  D: 'Preclinical: from in vivo or in vitro models.',
  E: 'Inferential: indirect evidence.',
} satisfies Meanings<typeof V.EvidenceLevel>;

export const SOURCE_KIND = {
  PUBLICATION: 'A peer-reviewed article.',
  REGISTRY: 'A trial registry record, e.g. ClinicalTrials.gov.',
  NEWS: 'A news item (secondary).',
  DATASET: 'A published data set.',
  REVIEW: 'A review article (secondary).',
  CONFERENCE_ABSTRACT: 'A conference abstract or presentation.',
  PRESS_RELEASE: 'A press release (secondary).',
  AGGREGATOR: 'A site that summarises or republishes others’ content (secondary).',
} satisfies Meanings<typeof V.SourceKind>;

export const TRIAL_LINK = {
  CONFIRMED: 'A source read ties the study to the trial.',
  CANDIDATE: 'Plausible, but no source read confirms it.',
} satisfies Meanings<typeof V.TrialLink>;

export const ENTITY_TYPE = {
  Study: 'An analysis that reports results.',
  Trial: 'A registered trial.',
  Institution: 'A hospital, university or research institute.',
  Investigator: 'A person who authored a study.',
  Disease: 'A disease, by stage or setting.',
  Therapy: 'A drug, drug class, radiotherapy technique, modality or regimen.',
  Arm: 'A treatment arm of a study.',
  Outcome: 'A measured result.',
  Biomarker: 'Something measured that may predict benefit.',
  Finding: 'An evidence statement.',
  Source: 'Where a fact was read.',
} satisfies Partial<Record<Label, string>>;

export const STUDY_ORDER = {
  YEAR_DESC: 'Newest first.',
  YEAR_ASC: 'Oldest first.',
  TITLE: 'By title, A to Z.',
};

export const VERDICT = {
  PREDICTIVE: 'Net-positive predictive evidence, none against.',
  PREDICTIVE_CONTESTED: 'Net-positive predictive evidence, with some findings against.',
  NOT_PREDICTIVE: 'Predictive evidence nets to zero or less.',
  NO_PREDICTIVE_EVIDENCE: 'Only prognostic, associated or pharmacodynamic findings.',
} satisfies Partial<Record<Verdict, string>>;

export const EXPLAIN_PATH_ROLE = {
  SUPPORTING: 'A predictive finding for an effect modification: adds to the score.',
  CONTRADICTING: 'A predictive finding that saw no interaction: subtracts from the score.',
  OTHER: 'A prognostic, associated or pharmacodynamic finding: shown, but does not rank.',
};

export const GAP_EVIDENCE = {
  PREDICTIVE: 'Predictive findings for an effect modification, none against.',
  PREDICTIVE_CONTESTED: 'Predictive findings both for and against.',
  NOT_PREDICTIVE: 'Predictive findings against only (no interaction seen).',
  PROGNOSTIC_OR_ASSOCIATED: 'Prognostic or associated findings only.',
  PHARMACODYNAMIC_ONLY: 'Only treatment-induced changes (pharmacodynamic findings).',
  NONE: 'No finding: an evidence gap.',
} satisfies Record<GapEvidence, string>;

export const READ_AT_KIND = {
  MIRROR: 'A copy of the work on another site, e.g. a PubMed mirror or a repository record.',
  AGGREGATOR: 'A site that summarises the work.',
  PUBLISHER: 'The publisher’s own page.',
  REGISTRY: 'A trial registry page.',
} satisfies Meanings<typeof V.ReadAtKind>;

export const RECORD_STATUS = {
  ACCEPTED: 'In force: counts in the ranking.',
  RETRACTED: 'Withdrawn by an accepted retraction: still shown, but left out of the ranking.',
} satisfies Meanings<typeof V.RecordStatus>;

export const SUBMISSION_KIND = {
  STUDY: 'A whole study, new or replacing one with the same id, with any new catalog entries.',
  CORRECTION: 'New values for fields of one node.',
  RETRACTION: 'Withdrawal of a finding or outcome.',
  REVERT: 'Undoing an accepted revision.',
  REGISTRY_UPDATE: 'A registry or PubMed record as an import would write it (`npm run import -- … --review`): new, or changed since its last import.',
} satisfies Meanings<typeof C.SubmissionKind>;

export const SUBMISSION_STATUS = {
  PENDING: 'Waiting for review; changes nothing readers see.',
  ACCEPTED: 'Accepted by a reviewer and applied (see its revision).',
  REJECTED: 'Rejected by a reviewer; kept on record, nothing applied.',
} satisfies Meanings<typeof C.SubmissionStatus>;

export const REVIEW_DECISION = {
  ACCEPT: 'Apply the submission, recording a Revision.',
  REJECT: 'Do not apply it; it stays on record as REJECTED.',
} satisfies Meanings<typeof C.ReviewDecision>;

export const CONTRAST_KIND = {
  ADD: 'The experimental arm receives every therapy class the control arm does, plus some (SBRT added to pembrolizumab; durvalumab as consolidation after chemoradiotherapy).',
  TIMING: 'The same therapy classes on different schedules (concurrent vs sequential radiotherapy + immune checkpoint blockade).',
  SWITCH: 'The arms differ both ways: one therapy class instead of another.',
  NONE: 'No contrast: one arm, or arms that differ by neither class nor schedule (biomarker subgroups of one treated cohort).',
} satisfies Record<ContrastKind, string>;
