/** GraphQL enums, generated from the seed format's controlled vocabularies so the two never drift. */

import { INTERVAL_METHODS, POOLING_METHODS } from '../analysis/meta-analysis.js';
import { LABELS } from '../db/model.js';
import * as V from '../model/vocabulary.js';
import { builder } from './builder.js';
import * as M from './enum-values.js';

/** Each value described from `meanings` (src/schema/enum-values.ts) for GraphiQL's docs. */
const fromZod = <T extends string>(name: string, values: readonly T[], description: string, meanings: Partial<Record<T, string>>) =>
  builder.enumType(name, { description, values: M.describedValues(values, meanings) });

export const ScheduleEnum = fromZod('Schedule', V.Schedule.options, 'How radiotherapy and immunotherapy are timed against each other.', M.SCHEDULE);
export const AllocationEnum = fromZod('Allocation', V.Allocation.options, 'How the arms a study contrasts were formed, as a source states it.', M.ALLOCATION);
export const ArmRoleEnum = fromZod('ArmRole', V.ArmRole.options, 'The part an arm plays in its study.', M.ARM_ROLE);
export const AuthorRoleEnum = fromZod('AuthorRole', V.AuthorRole.options, 'Position in the author list that matters for credit.', M.AUTHOR_ROLE);
export const StudyKindEnum = fromZod('StudyKind', V.StudyKind.options, 'What kind of analysis a study is.', M.STUDY_KIND);
export const TherapyKindEnum = fromZod('TherapyKind', V.TherapyKind.options, 'A drug, a drug class, a radiotherapy technique, a modality or a regimen.', M.THERAPY_KIND);
export const BiomarkerKindEnum = fromZod('BiomarkerKind', V.BiomarkerKind.options, 'What is measured.', M.BIOMARKER_KIND);
export const OutcomeMeasureEnum = fromZod('OutcomeMeasure', V.OutcomeMeasure.options, 'Clinical endpoint.', M.OUTCOME_MEASURE);
export const FindingTypeEnum = fromZod(
  'FindingType',
  V.FindingType.options,
  'PREDICTIVE: changes the relative benefit against a comparator (needs a contrast). PROGNOSTIC: linked to outcome inside one treated cohort. ASSOCIATED: linked to response in a single-arm study. PHARMACODYNAMIC: a change the treatment induces.',
  M.FINDING_TYPE,
);
export const FindingDirectionEnum = fromZod('FindingDirection', V.FindingDirection.options, 'Whether the study supports the statement (CIViC semantics).', M.FINDING_DIRECTION);
export const SignificanceEnum = fromZod('Significance', V.Significance.options, 'What the biomarker state means for the patient.', M.SIGNIFICANCE);
export const TherapyInteractionEnum = fromZod('TherapyInteraction', V.TherapyInteraction.options, 'How the therapies of a finding are combined (CIViC).', M.THERAPY_INTERACTION);
export const EvidenceLevelEnum = fromZod('EvidenceLevel', V.EvidenceLevel.options, 'CIViC evidence level: A validated … E inferential.', M.EVIDENCE_LEVEL);
export const SourceKindEnum = fromZod('SourceKind', V.SourceKind.options, 'What a source is.', M.SOURCE_KIND);
export const TrialLinkEnum = fromZod(
  'TrialLinkStatus',
  V.TrialLink.options,
  'CONFIRMED when a source ties the study to the trial; CANDIDATE when the link is plausible but unconfirmed.',
  M.TRIAL_LINK,
);
export const EntityTypeEnum = fromZod('EntityType', LABELS, 'Node types of the graph.', M.ENTITY_TYPE);
export const StudyOrderEnum = fromZod('StudyOrder', ['YEAR_DESC', 'YEAR_ASC', 'TITLE'] as const, 'Ordering of the studies list.', M.STUDY_ORDER);

export const PoolingMethodEnum = builder.enumType('PoolingMethod', {
  description: 'How the between-study variance τ² of a random-effects pooled estimate is estimated.',
  values: {
    REML: {
      value: POOLING_METHODS[0],
      description: 'Restricted maximum likelihood (Fisher scoring, as the R package metafor): approximately unbiased for τ² (Viechtbauer 2005). The default.',
    },
    DL: { value: POOLING_METHODS[1], description: 'DerSimonian–Laird’s moment estimator (DerSimonian & Laird 1986), truncated at 0.' },
  },
});

export const IntervalMethodEnum = builder.enumType('IntervalMethod', {
  description: 'How the 95% CI and prediction interval of a pooled estimate are built.',
  values: {
    HARTUNG_KNAPP: {
      value: INTERVAL_METHODS[0],
      description:
        'Hartung–Knapp: the SE scaled by the weighted residual variance, and a t quantile with k − 1 df (metafor test="knha", the scaling not truncated at 1). The default; keeps much closer to the nominal 95% than NORMAL when there are few studies (IntHout et al. 2014).',
    },
    NORMAL: { value: INTERVAL_METHODS[1], description: 'Normal theory: estimate ± 1.96 SE (Wald). Too narrow when there are few studies.' },
  },
});
