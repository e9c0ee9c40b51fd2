/**
 * Why a biomarker stands where it does in the ranking: every path biomarker → finding → study →
 * trial → institution / investigator → source, as rows and as Cytoscape elements.
 */
import { z } from 'zod';
import type { Label } from '../db/model.js';
import type { Db } from '../db/run.js';

const Named = z.object({
  id: z.string(),
  name: z
    .string()
    .nullable()
    .transform((v) => v ?? ''),
});
const Row = z.object({
  biomarker: Named,
  finding: z.object({ id: z.string(), type: z.string(), direction: z.string(), biomarkerState: z.string().nullable(), statement: z.string().nullable() }),
  study: Named,
  trials: z.array(z.object({ id: z.string(), name: z.string().nullable(), link: z.string().nullable(), sources: z.array(Named) })),
  institutions: z.array(Named),
  investigators: z.array(z.object({ id: z.string(), name: z.string(), role: z.string().nullable() })),
  findingSources: z.array(Named),
  studySources: z.array(Named),
});

export type PathRole = 'SUPPORTING' | 'CONTRADICTING' | 'OTHER';

export interface ExplainPath {
  role: PathRole;
  finding: string;
  study: string;
  trial: string | null;
  trialLink: string | null;
  institutions: string[];
  investigators: string[];
  /** Sources of the finding, the study and the trial, in that order. */
  sources: string[];
}

export interface ElementNode {
  type: Label;
  slug: string;
  label: string;
}

export interface ElementEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
}

export interface Explanation {
  biomarker: string;
  paths: ExplainPath[];
  nodes: ElementNode[];
  edges: ElementEdge[];
}

/** The three piles of a biomarker line (src/analysis/answer.ts): predictive for, predictive against, the rest. */
export function roleOf(type: string, direction: string): PathRole {
  if (type !== 'PREDICTIVE') return 'OTHER';
  return direction === 'DOES_NOT_SUPPORT' ? 'CONTRADICTING' : 'SUPPORTING';
}

const ROLE_ORDER: PathRole[] = ['SUPPORTING', 'CONTRADICTING', 'OTHER'];
const shortText = (s: string): string => (s.length > 70 ? `${s.slice(0, 67)}…` : s);

export async function explain(db: Db, biomarker: string | null, classes: string[]): Promise<Explanation[]> {
  const rows = (await db.read('explain-paths', { biomarker, classes })).map((r) => Row.parse(r));
  const byBiomarker = new Map<string, z.infer<typeof Row>[]>();
  for (const r of rows) byBiomarker.set(r.biomarker.id, [...(byBiomarker.get(r.biomarker.id) ?? []), r]);
  return [...byBiomarker].map(([id, list]) => {
    const nodes = new Map<string, ElementNode>();
    const edges = new Map<string, ElementEdge>();
    const node = (type: Label, slug: string, label: string): void => {
      if (!nodes.has(slug)) nodes.set(slug, { type, slug, label: label || slug });
    };
    const edge = (source: string, type: string, target: string, detail?: string | null): void => {
      const eid = `${source}-${type}-${target}`;
      if (!edges.has(eid)) edges.set(eid, { id: eid, source, target, type, label: detail ? `${type} (${detail})` : type });
    };
    const paths: ExplainPath[] = [];
    node('Biomarker', id, list[0]!.biomarker.name);
    for (const r of list) {
      const role = roleOf(r.finding.type, r.finding.direction);
      node('Finding', r.finding.id, shortText(r.finding.statement ?? r.finding.id));
      edge(r.finding.id, 'ABOUT', id, r.finding.biomarkerState);
      node('Study', r.study.id, r.study.name);
      edge(r.study.id, 'HAS_FINDING', r.finding.id);
      for (const i of r.institutions) {
        node('Institution', i.id, i.name);
        edge(r.study.id, 'CONDUCTED_AT', i.id);
      }
      for (const v of r.investigators) {
        node('Investigator', v.id, v.name);
        edge(v.id, 'AUTHORED', r.study.id, v.role);
      }
      for (const s of r.findingSources) {
        node('Source', s.id, s.name);
        edge(r.finding.id, 'SOURCED_FROM', s.id);
      }
      for (const s of r.studySources) {
        node('Source', s.id, s.name);
        edge(r.study.id, 'SOURCED_FROM', s.id);
      }
      const trials = r.trials.length > 0 ? r.trials : [null];
      for (const t of trials) {
        if (t) {
          node('Trial', t.id, t.name ?? t.id);
          edge(r.study.id, 'ANALYZES', t.id, t.link);
          for (const s of t.sources) {
            node('Source', s.id, s.name);
            edge(t.id, 'SOURCED_FROM', s.id);
          }
        }
        paths.push({
          role,
          finding: r.finding.id,
          study: r.study.id,
          trial: t?.id ?? null,
          trialLink: t?.link ?? null,
          institutions: r.institutions.map((i) => i.id).sort(),
          investigators: r.investigators.map((v) => v.id).sort(),
          sources: [...new Set([...r.findingSources, ...r.studySources, ...(t?.sources ?? [])].map((s) => s.id))],
        });
      }
    }
    paths.sort((a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || (a.finding < b.finding ? -1 : a.finding > b.finding ? 1 : 0));
    return { biomarker: id, paths, nodes: [...nodes.values()], edges: [...edges.values()] };
  });
}
