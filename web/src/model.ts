/** Shapes of the GraphQL API's answers, as the explorer asks for them (see /schema.graphql). */

// The node types are the graph model's labels: one list for server and page (a pure constant,
// so bundling it pulls in nothing else).
import { LABELS } from '../../src/db/model.js';

export const ENTITY_TYPES = LABELS;
export type EntityType = (typeof ENTITY_TYPES)[number];

export function isEntityType(value: unknown): value is EntityType {
  return typeof value === 'string' && (ENTITY_TYPES as readonly string[]).includes(value);
}

export interface KeyValue {
  key: string;
  value: string;
}

export interface SearchHit {
  score: number;
  type: EntityType;
  id: string;
  slug: string;
  label: string;
}

export interface GraphNode {
  id: string;
  slug: string;
  type: EntityType;
  label: string;
  properties: KeyValue[];
}

export interface GraphEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
}

export interface Neighborhood {
  nodes: GraphNode[];
  edges: GraphEdge[];
  truncated: boolean;
}

export interface SourceRef {
  id: string;
  slug?: string;
  kind: string;
  secondary: boolean;
  title: string | null;
  publisher?: string | null;
  published?: string | null;
  url?: string | null;
  links: string[];
}

/** The verbatim source sentence behind a figure (Outcome, Finding, Arm). */
export interface QuoteRef {
  text: string;
  sourceSlug: string;
  source: (SourceRef & { canonicalLink?: string | null }) | null;
}

/** A page a source was read on that is not its canonical record. */
export interface ReadAtRef {
  url: string;
  kind: string;
  register: string | null;
  note: string | null;
}

/** node(id) answers: __typename, id, the type's own scalars, and sometimes links / sources. */
export type NodeDetails = {
  __typename: EntityType;
  id: string;
  slug: string;
  links?: string[];
  sources?: SourceRef[];
  quote?: QuoteRef | null;
  readAt?: ReadAtRef[];
  canonicalLink?: string | null;
} & Record<string, unknown>;

export interface EvidenceFinding {
  id: string;
  type?: string;
  statement: string;
  biomarkerState?: string;
  schedule?: string | null;
  level?: string;
  study: { id?: string; shortName: string } | null;
  sources?: SourceRef[];
}

export interface EvidenceStudy {
  id: string;
  shortName: string;
  year: number | null;
  institutions: { name: string }[];
}

export interface ClinicalQuestion {
  id: string;
  label: string;
  kind: string;
  studies: number;
  findings: number;
  predictiveFindings: number;
  trialCount: number;
  patients: number | null;
  endpoint: string | null;
  setting: { slug: string; name: string } | null;
}

export interface RankingWeights {
  certainty: number;
  modification: number;
  replication: number;
}

export interface CertaintyJudgement {
  domain: string;
  change: number;
  reason: string;
}

export interface Certainty {
  level: string;
  start: string;
  judgements: CertaintyJudgement[];
}

/** A subgroup HR an interaction is computed from. */
export interface SubgroupHr {
  slug: string;
  population: string | null;
  hr: number | null;
  hrCiLow: number | null;
  hrCiHigh: number | null;
}

export interface InteractionEstimate {
  basis: string;
  ratio: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p: number | null;
  statedP: string | null;
  subgroups: SubgroupHr[];
}

export interface TrialRef {
  slug: string;
  name: string;
  nctId: string | null;
}

export interface EvidencePopulation {
  key: string;
  supports: boolean;
  weight: number;
  randomised: boolean;
  patients: number | null;
  trials: TrialRef[];
  studies: { slug: string; shortName: string }[];
  interaction: InteractionEstimate | null;
}

export interface PooledInteraction {
  poolingMethod: string;
  intervalMethod: string;
  k: number;
  ratio: number;
  ciLow: number;
  ciHigh: number;
  predictionLow: number | null;
  predictionHigh: number | null;
  tau2: number;
  i2: number | null;
}

export interface BiomarkerEvidence {
  rank: number;
  verdict: string;
  score: number;
  patients: number | null;
  bestLevel: string | null;
  populationCount: number;
  supportingCount: number;
  contradictingCount: number;
  otherCount: number;
  indirectCount: number;
  biomarker: { id: string; name: string; slug: string };
  certainty: Certainty | null;
  evidenceLevel: { level: string; category: string; reason: string } | null;
  components: RankingWeights;
  populations: EvidencePopulation[];
  interaction: PooledInteraction | null;
  supporting: EvidenceFinding[];
  contradicting: EvidenceFinding[];
  otherFindings: EvidenceFinding[];
  indirectFindings: (EvidenceFinding & { question: { id: string; label: string } | null })[];
  openTrials: TrialRef[];
  studies: EvidenceStudy[];
  sources: SourceRef[];
}

export interface QuestionAnswer {
  question: { id: string; label: string };
  ranking: BiomarkerEvidence[];
}

export interface EvidenceReport {
  rule: string;
  weights: RankingWeights;
  answers: QuestionAnswer[];
}
