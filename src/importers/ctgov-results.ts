/**
 * Posted results of a ClinicalTrials.gov API v2 record (resultsSection.outcomeMeasuresModule) ->
 * Outcome nodes sourced to the registry record, a primary source. Every figure is kept as the
 * registry prints it (the verbatim text next to the parsed number, never rounded), with its
 * units, dispersion and time frame; a per-group value becomes a per-arm Outcome, a statistical
 * analysis (odds ratio, hazard ratio, difference …) an Outcome comparing its groups.
 *
 * A results group is linked to an arm only when its title is the arm's label (or the label with
 * an analysis-set suffix such as " (FAS)"); any other group stays unlinked and is reported, not
 * guessed. The endpoint is OS, PFS or ORR only when the registry's title says so in as many
 * words; everything else is OTHER with the registry's title.
 */
import { z } from 'zod';
import type { OutcomeMeasure as OutcomeMeasureSchema_ } from '../model/vocabulary.js';
import { omitUndefined, type PlanLink, type PlanNode, type Prop, type Unmapped } from './plan.js';

type OutcomeMeasure = z.infer<typeof OutcomeMeasureSchema_>;

const Measurement = z.object({
  groupId: z.string(),
  value: z.string().optional(),
  spread: z.string().optional(),
  lowerLimit: z.string().optional(),
  upperLimit: z.string().optional(),
  comment: z.string().optional(),
});
const Analysis = z.object({
  groupIds: z.array(z.string()).default([]),
  groupDescription: z.string().optional(),
  pValue: z.string().optional(),
  statisticalMethod: z.string().optional(),
  paramType: z.string().optional(),
  paramValue: z.string().optional(),
  ciPctValue: z.string().optional(),
  ciNumSides: z.enum(['ONE_SIDED', 'TWO_SIDED']).optional(),
  ciLowerLimit: z.string().optional(),
  ciUpperLimit: z.string().optional(),
});
const OutcomeMeasureSchema = z.object({
  type: z.enum(['PRIMARY', 'SECONDARY', 'OTHER_PRE_SPECIFIED', 'POST_HOC']).optional(),
  title: z.string().trim().min(1),
  timeFrame: z.string().optional(),
  paramType: z.string().optional(),
  dispersionType: z.string().optional(),
  unitOfMeasure: z.string().optional(),
  groups: z.array(z.object({ id: z.string(), title: z.string(), description: z.string().optional() })).default([]),
  denoms: z.array(z.object({ units: z.string().optional(), counts: z.array(z.object({ groupId: z.string(), value: z.string() })).default([]) })).default([]),
  classes: z
    .array(z.object({ title: z.string().optional(), categories: z.array(z.object({ title: z.string().optional(), measurements: z.array(Measurement).default([]) })).default([]) }))
    .default([]),
  analyses: z.array(Analysis).default([]),
});

export const ResultsSectionSchema = z.object({ outcomeMeasuresModule: z.object({ outcomeMeasures: z.array(OutcomeMeasureSchema).default([]) }).optional() });
export type ResultsSection = z.infer<typeof ResultsSectionSchema>;

/** A registry arm the results may refer to: its id in the plan, its label and its role. */
export interface PlannedArm {
  id: string;
  label: string;
  role: 'EXPERIMENTAL' | 'CONTROL' | undefined;
}

const MEASURE_BY_TITLE: readonly [RegExp, OutcomeMeasure][] = [
  [/^overall survival\b/i, 'OS'],
  [/^progression[- ]free survival\b/i, 'PFS'],
  [/^(objective|overall) response rate\b/i, 'ORR'],
];

export const measureOfTitle = (title: string): OutcomeMeasure => MEASURE_BY_TITLE.find(([re]) => re.test(title))?.[1] ?? 'OTHER';

/** The registry's number as a number only when the text is one plain decimal; "NA", "<0.001" stay text only. */
const num = (text: string | undefined): number | undefined => (text !== undefined && /^-?\d+(\.\d+)?$/.test(text.trim()) ? Number(text) : undefined);

/** Units the graph's vocabulary knows, read off the registry's unit only where it says exactly that. */
function unitOf(unitOfMeasure: string | undefined): 'months' | 'percent' | undefined {
  if (!unitOfMeasure) return undefined;
  if (/^months?$/i.test(unitOfMeasure.trim())) return 'months';
  if (/^(percent|percentage)( of (participants|subjects|patients))?$/i.test(unitOfMeasure.trim())) return 'percent';
  return undefined;
}

const stripSet = (title: string): string =>
  title
    .replace(/\s*\([^)]*\)\s*$/, '')
    .trim()
    .toLowerCase();

export interface ResultsPlan {
  nodes: PlanNode[];
  unmapped: Unmapped[];
}

/**
 * `owner` is the registry record's Study id, `source` its Source id; `link` adds a relationship tagged with the record's
 * source, `sourced` a SOURCED_FROM to the record's source.
 */
export function mapCtgovResults(
  results: ResultsSection | undefined,
  owner: string,
  source: string,
  arms: readonly PlannedArm[],
  tag: Record<string, Prop>,
  link: (rel: PlanLink['rel'], from: string, to: string, props?: Record<string, Prop | undefined>) => void,
  sourced: (id: string) => void,
): ResultsPlan {
  const nodes: PlanNode[] = [];
  const unmapped: Unmapped[] = [];
  const armByLabel = new Map(arms.map((a) => [a.label.trim().toLowerCase(), a]));
  const measures = results?.outcomeMeasuresModule?.outcomeMeasures ?? [];
  measures.forEach((om, i) => {
    const base = `${owner}-om${i + 1}`;
    const measure = measureOfTitle(om.title);
    const armOf = new Map<string, PlannedArm>();
    for (const g of om.groups) {
      const arm = armByLabel.get(g.title.trim().toLowerCase()) ?? armByLabel.get(stripSet(g.title));
      if (arm) armOf.set(g.id, arm);
      else unmapped.push({ kind: 'results-group', term: g.title, action: `outcome measure ${i + 1} ("${om.title}"): no arm is labelled so; its figures are kept without an arm` });
    }
    const groupTitle = new Map(om.groups.map((g) => [g.id, g.title]));
    const denom = new Map((om.denoms[0]?.counts ?? []).map((c) => [c.groupId, c.value]));
    const common = { measure, title: om.title, outcomeType: om.type, timepoint: om.timeFrame, ...tag };
    const multiple = om.classes.length > 1 || om.classes.some((c) => c.categories.length > 1);
    om.classes.forEach((cls, ci) => {
      cls.categories.forEach((cat, ki) => {
        for (const m of cat.measurements) {
          const id = `${base}-${m.groupId.toLowerCase()}${multiple ? `-c${ci + 1}k${ki + 1}` : ''}`;
          const group = groupTitle.get(m.groupId) ?? m.groupId;
          const population = [group, cls.title, cat.title].filter(Boolean).join(' · ');
          const is95 = om.dispersionType === '95% Confidence Interval';
          const quote = [
            `"${om.title}"`,
            om.timeFrame && `time frame "${om.timeFrame}"`,
            `group "${group}"`,
            cls.title && `class "${cls.title}"`,
            cat.title && `category "${cat.title}"`,
            om.paramType && `${om.paramType}`,
            `value "${m.value ?? ''}"`,
            om.unitOfMeasure && `(${om.unitOfMeasure})`,
            m.spread !== undefined && `${om.dispersionType ?? 'spread'} "${m.spread}"`,
            (m.lowerLimit !== undefined || m.upperLimit !== undefined) && `${om.dispersionType ?? 'limits'} "${m.lowerLimit ?? ''}" to "${m.upperLimit ?? ''}"`,
            m.comment && `comment "${m.comment}"`,
          ]
            .filter(Boolean)
            .join(', ');
          nodes.push({
            label: 'Outcome',
            id,
            props: omitUndefined({
              ...common,
              population,
              groupId: m.groupId,
              paramType: om.paramType,
              dispersionType: om.dispersionType,
              unitText: om.unitOfMeasure,
              unit: unitOf(om.unitOfMeasure),
              valueText: m.value,
              value: num(m.value),
              spreadText: m.spread,
              lowerLimitText: m.lowerLimit,
              upperLimitText: m.upperLimit,
              ciLow: is95 ? num(m.lowerLimit) : undefined,
              ciHigh: is95 ? num(m.upperLimit) : undefined,
              n: /^\d+$/.test(denom.get(m.groupId) ?? '') ? Number(denom.get(m.groupId)) : undefined,
              note: m.comment,
              // The provenance convention (schema/provenance.ts): the words a figure was read in, and where.
              quoteText: quote,
              quoteSource: source,
            }),
          });
          link('REPORTS', owner, id);
          sourced(id);
          const arm = armOf.get(m.groupId);
          if (arm) link('FOR_ARM', id, arm.id);
        }
      });
    });
    om.analyses.forEach((a, k) => {
      const id = `${base}-analysis${k + 1}`;
      const twoSided95 = a.ciPctValue === '95' && a.ciNumSides === 'TWO_SIDED';
      const groups = a.groupIds.map((g) => groupTitle.get(g) ?? g);
      const quote = [
        `"${om.title}"`,
        om.timeFrame && `time frame "${om.timeFrame}"`,
        `groups ${groups.map((g) => `"${g}"`).join(' and ')}`,
        a.paramType && `${a.paramType} "${a.paramValue ?? ''}"`,
        a.ciPctValue && `${a.ciPctValue}% CI${a.ciNumSides ? ` (${a.ciNumSides})` : ''} "${a.ciLowerLimit ?? ''}" to "${a.ciUpperLimit ?? ''}"`,
        a.pValue && `p-value "${a.pValue}"`,
        a.statisticalMethod && `method "${a.statisticalMethod}"`,
      ]
        .filter(Boolean)
        .join(', ');
      nodes.push({
        label: 'Outcome',
        id,
        props: omitUndefined({
          ...common,
          population: groups.join(' vs '),
          estimateType: a.paramType,
          estimateText: a.paramValue,
          value: num(a.paramValue),
          unit: a.paramType && /ratio/i.test(a.paramType) ? 'ratio' : undefined,
          ciPct: a.ciPctValue,
          ciSides: a.ciNumSides,
          ciLowerText: a.ciLowerLimit,
          ciUpperText: a.ciUpperLimit,
          ciLow: twoSided95 ? num(a.ciLowerLimit) : undefined,
          ciHigh: twoSided95 ? num(a.ciUpperLimit) : undefined,
          ciNote: a.ciPctValue && !twoSided95 ? `${a.ciPctValue}% ${a.ciNumSides ?? ''} interval as registered; not a two-sided 95% CI` : undefined,
          p: a.pValue,
          method: a.statisticalMethod,
          analysisDescription: a.groupDescription,
          quoteText: quote,
          quoteSource: source,
        }),
      });
      link('REPORTS', owner, id);
      sourced(id);
      // A comparison's arms are linked only when the registry's groups are two arms of known, opposite roles.
      const compared = a.groupIds.map((g) => armOf.get(g));
      const roles = compared.map((x) => x?.role);
      if (compared.length === 2 && compared.every(Boolean) && roles.includes('EXPERIMENTAL') && roles.includes('CONTROL')) {
        for (const arm of compared) if (arm?.role) link('COMPARES', id, arm.id, { role: arm.role });
      }
    });
  });
  return { nodes, unmapped };
}
