/** The analysis queries the Gaps, Effect sizes and Explain views ask (through the public API). */
import { gql } from '../api.js';
import type { EntityType, GraphEdge, GraphNode } from '../model.js';

export interface GapFinding {
  slug: string;
  type: string;
  direction: string;
  biomarkerState: string;
  statement: string;
  study: { shortName: string } | null;
}

export interface GapTrial {
  link: string;
  reportsBiomarker: boolean;
  trial: { name: string; nctId: string | null; slug: string } | null;
}

export interface GapCell {
  schedule: string;
  settingSlug: string;
  evidence: string;
  patients: number | null;
  findingCount: number;
  findings: GapFinding[];
  trials: GapTrial[];
}

export interface GapMap {
  schedules: string[];
  settings: { slug: string; name: string }[];
  rows: { biomarker: { slug: string; name: string } | null; biomarkerSlug: string; cells: GapCell[] }[];
}

const GAPS = /* GraphQL */ `
  query ExplorerEvidenceGaps {
    evidenceGaps {
      schedules
      settings { slug name }
      rows {
        biomarkerSlug
        biomarker { slug name }
        cells {
          schedule settingSlug evidence patients findingCount
          findings { slug type direction biomarkerState statement study { shortName } }
          trials { link reportsBiomarker trial { slug name nctId } }
        }
      }
    }
  }
`;

export async function evidenceGaps(signal?: AbortSignal): Promise<GapMap> {
  return (await gql<{ evidenceGaps: GapMap }>(GAPS, {}, signal)).evidenceGaps;
}

export interface Estimate {
  outcomeSlug: string;
  measure: string;
  hr: number | null;
  ciLow: number | null;
  ciHigh: number | null;
  p: string | null;
  state: string;
  contrast: string | null;
  primary: boolean;
  study: { shortName: string } | null;
}

export interface EffectGroup {
  state: string;
  measure: string;
  contrastKind: string | null;
  estimates: Estimate[];
  pooled: { method: string; k: number; hr: number; ciLow: number; ciHigh: number; tau2: number; i2: number } | null;
  reason: string | null;
}

export interface EffectSizes {
  biomarker: { name: string } | null;
  groups: EffectGroup[];
}

const SIZES = /* GraphQL */ `
  query ExplorerEffectSizes($biomarker: String!, $measure: OutcomeMeasure) {
    effectSizes(biomarker: $biomarker, measure: $measure) {
      biomarker { name }
      groups {
        state measure contrastKind reason
        pooled { method k hr ciLow ciHigh tau2 i2 }
        estimates { outcomeSlug measure hr ciLow ciHigh p state contrast primary study { shortName } }
      }
    }
  }
`;

export async function effectSizes(biomarker: string, measure: string | null, signal?: AbortSignal): Promise<EffectSizes> {
  return (await gql<{ effectSizes: EffectSizes }>(SIZES, { biomarker, measure }, signal)).effectSizes;
}

const BIOMARKERS = /* GraphQL */ `
  query ExplorerBiomarkers { biomarkers(first: 100) { edges { node { slug name } } } }
`;

export async function biomarkerList(signal?: AbortSignal): Promise<{ slug: string; name: string }[]> {
  return (await gql<{ biomarkers: { edges: { node: { slug: string; name: string } }[] } }>(BIOMARKERS, {}, signal)).biomarkers.edges.map((e) => e.node);
}

const EXPLAIN = /* GraphQL */ `
  query ExplorerExplain($biomarker: String!) {
    explain(biomarker: $biomarker) {
      biomarkerSlug
      paths { role }
      nodes { id slug type label }
      edges { id source target type label }
    }
  }
`;

export interface ExplainGraph {
  nodes: GraphNode[];
  edges: GraphEdge[];
  paths: number;
}

/** The explanation of one biomarker, shaped like a neighbourhood so the canvas draws it as is. */
export async function explainGraph(biomarker: string, signal?: AbortSignal): Promise<ExplainGraph> {
  const data = await gql<{ explain: { paths: unknown[]; nodes: { id: string; slug: string; type: EntityType; label: string }[]; edges: GraphEdge[] }[] }>(
    EXPLAIN,
    { biomarker },
    signal,
  );
  const x = data.explain[0];
  if (!x) return { nodes: [], edges: [], paths: 0 };
  return { nodes: x.nodes.map((n) => ({ ...n, properties: [] })), edges: x.edges, paths: x.paths.length };
}
