/** GraphQL enums, generated from the seed format's controlled vocabularies so the two never drift. */
import { builder } from '../builder.js';
import { LABELS } from '../db/model.js';
import * as V from '../model/vocabulary.js';

const fromZod = <T extends string>(name: string, values: readonly T[], description: string) =>
  builder.enumType(name, { values: values as readonly T[], description });

export const ScheduleEnum = fromZod('Schedule', V.Schedule.options, 'How radiotherapy and immunotherapy are timed against each other.');
export const ArmRoleEnum = fromZod('ArmRole', V.ArmRole.options, 'The part an arm plays in its study.');
export const AuthorRoleEnum = fromZod('AuthorRole', V.AuthorRole.options, 'Position in the author list that matters for credit.');
export const StudyKindEnum = fromZod('StudyKind', V.StudyKind.options, 'What kind of analysis a study is.');
export const TherapyKindEnum = fromZod('TherapyKind', V.TherapyKind.options, 'A drug, a drug class, a radiotherapy technique, a modality or a regimen.');
export const BiomarkerKindEnum = fromZod('BiomarkerKind', V.BiomarkerKind.options, 'What is measured.');
export const OutcomeMeasureEnum = fromZod('OutcomeMeasure', V.OutcomeMeasure.options, 'Clinical endpoint.');
export const FindingTypeEnum = fromZod(
  'FindingType',
  V.FindingType.options,
  'PREDICTIVE: changes the relative benefit against a comparator (needs a contrast). PROGNOSTIC: linked to outcome inside one treated cohort. ASSOCIATED: linked to response in a single-arm study. PHARMACODYNAMIC: a change the treatment induces.',
);
export const FindingDirectionEnum = fromZod('FindingDirection', V.FindingDirection.options, 'Whether the study supports the statement (CIViC semantics).');
export const SignificanceEnum = fromZod('Significance', V.Significance.options, 'What the biomarker state means for the patient.');
export const TherapyInteractionEnum = fromZod('TherapyInteraction', V.TherapyInteraction.options, 'How the therapies of a finding are combined (CIViC).');
export const EvidenceLevelEnum = fromZod('EvidenceLevel', V.EvidenceLevel.options, 'CIViC evidence level: A validated … E inferential.');
export const SourceKindEnum = fromZod('SourceKind', V.SourceKind.options, 'What a source is.');
export const TrialLinkEnum = fromZod('TrialLinkStatus', V.TrialLink.options, 'CONFIRMED when a source ties the study to the trial; CANDIDATE when the link is plausible but unconfirmed.');
export const EntityTypeEnum = fromZod('EntityType', LABELS, 'Node types of the graph.');
export const StudyOrderEnum = fromZod('StudyOrder', ['YEAR_DESC', 'YEAR_ASC', 'TITLE'] as const, 'Ordering of the studies list.');
