/**
 * The benchmark's workloads: each is one or more steps, and each step has its operation text per
 * system in a file beside this one (`<step>.abscopal.graphql`, `<step>.neo4j-graphql.graphql`,
 * `<step>.floor.cypher`). A system without a file for a step does not run that workload (marked
 * n/a in the results). When a field's shape changes (say a list becomes a paginated connection),
 * edit that system's file only: the harness reads the texts and never looks inside them.
 */
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WORKLOAD_DIR = path.dirname(fileURLToPath(import.meta.url));

export type SystemKind = 'abscopal' | 'neo4j-graphql' | 'floor';

/** Values the bench looks up in each graph before measuring (see pick-*.cypher). */
export interface GraphParams {
  /** Biomarker whose finding count is closest to REVERSE_WALK_FINDINGS. */
  reverseBiomarker: string;
  reverseBiomarkerFindings: number;
}

/** Findings the reverse walk should return at every size, so its cost can stay flat. */
export const REVERSE_WALK_FINDINGS = 25;

export interface Step {
  /** File stem: `<file>.<system>.graphql|cypher`. */
  file: string;
  /** Variables (GraphQL) or parameters (Cypher); `previous` is the prior step's first hit id/slug. */
  vars: (g: GraphParams, previous: { id: string; slug: string } | undefined) => Record<string, unknown>;
}

export interface Workload {
  name: string;
  description: string;
  steps: Step[];
}

export const WORKLOADS: Workload[] = [
  {
    name: 'nested',
    description: 'studies(first: 100) { arms { therapies { order therapy { broader } } outcomes } findings { biomarker sources } }',
    steps: [{ file: 'nested', vars: () => ({}) }],
  },
  {
    name: 'reverse-walk',
    description: `biomarker → findings → study → institutions, authors (the biomarker with ~${REVERSE_WALK_FINDINGS} findings)`,
    steps: [{ file: 'reverse-walk', vars: (g) => ({ biomarker: g.reverseBiomarker }) }],
  },
  {
    name: 'biomarker-evidence',
    description: 'biomarkerEvidence: one ranking per clinical question, with certainty, level and components',
    steps: [{ file: 'biomarker-evidence', vars: () => ({ classes: ['radiotherapy', 'immune-checkpoint-blockade'] }) }],
  },
  {
    name: 'neighborhood',
    description: 'neighborhood(ids: ["pembrolizumab"], depth: 2, limit: 500)',
    steps: [{ file: 'neighborhood', vars: () => ({ id: 'pembrolizumab', limit: 500 }) }],
  },
  {
    name: 'search-node',
    description: 'search(text: "aneuploidy", first: 10), then node(id) of the first hit',
    steps: [
      { file: 'search', vars: () => ({ text: 'aneuploidy' }) },
      { file: 'node', vars: (_g, previous) => ({ id: previous?.id ?? '', slug: previous?.slug ?? '' }) },
    ],
  },
  {
    name: 'studies-filter',
    description: 'studies(first: 20, filter: { therapy: "anti-pd-1", biomarker: "tumor-aneuploidy" }) { totalCount … }',
    steps: [{ file: 'studies-filter', vars: () => ({ therapy: 'anti-pd-1', biomarker: 'tumor-aneuploidy' }) }],
  },
  {
    name: 'trials-filter',
    description: 'trials(first: 20, filter: { recruiting: true, therapy: "anti-pd-1", disease: "metastatic-nsclc" }) { totalCount … registration }',
    steps: [{ file: 'trials-filter', vars: () => ({ therapy: 'anti-pd-1', disease: 'metastatic-nsclc' }) }],
  },
];

const EXT: Record<SystemKind, string> = { abscopal: 'graphql', 'neo4j-graphql': 'graphql', floor: 'cypher' };

const texts = new Map<string, string | undefined>();

/** The step's text for `system`, or undefined when that system has none (read once per run). */
/** A step's text for `system`, from this checkout's workloads or from `dir` (another checkout's bench/workloads). */
export function stepText(step: Step, system: SystemKind, dir: string = WORKLOAD_DIR): string | undefined {
  const file = path.join(dir, `${step.file}.${system}.${EXT[system]}`);
  if (!texts.has(file)) texts.set(file, existsSync(file) ? readFileSync(file, 'utf8') : undefined);
  return texts.get(file);
}

/** Whether `system` has a text for every step of `w`. */
export function supports(w: Workload, system: SystemKind): boolean {
  return w.steps.every((s) => stepText(s, system) !== undefined);
}

export function pickQueryText(name: string): string {
  return readFileSync(path.join(WORKLOAD_DIR, `${name}.cypher`), 'utf8');
}
