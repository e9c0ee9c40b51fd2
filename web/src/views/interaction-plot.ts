/**
 * The interaction forest plot of one line of the evidence tab: for each population with a
 * treatment × biomarker interaction, the treatment's HR in each of the two biomarker subgroups
 * (square, 95% CI) and the ratio of those HRs (circle, 95% CI), then the ratio pooled across
 * populations (diamond) where the API pooled one. One log axis for all: a ratio below 1 means the
 * treatment helps more in the subgroup than in the reference. Drawn with forest-draw.ts, as SVG.
 */
import type { BiomarkerEvidence, EvidencePopulation, InteractionEstimate } from '../model.js';
import { clipped, diamond, fmt, framed, LABEL_CHARS, logScale, ROW, s, TEXT_X } from './forest-draw.js';

const BASIS: Record<string, string> = {
  COMPUTED: 'ratio computed from the two subgroup HRs',
  STATED: 'ratio as the source states it',
  STATED_P: 'the source states only a p for interaction',
};

/** Who a population is, in words: its trials (else its studies). */
export function populationName(p: EvidencePopulation): string {
  const trials = p.trials.map((t) => t.name);
  return (trials.length > 0 ? trials : p.studies.map((st) => st.shortName)).join(', ') || p.key;
}

/** "p=0.03" from the printed p when there is one, else the computed one. */
export function interactionP(i: InteractionEstimate): string | undefined {
  if (i.statedP) return `p ${/^[<>=≤≥]/.test(i.statedP.trim()) ? '' : '= '}${i.statedP.trim()}`;
  if (i.p !== null) return `p = ${i.p < 0.001 ? i.p.toExponential(1) : i.p.toFixed(3)} (computed)`;
  return undefined;
}

const ci = (lo: number | null, hi: number | null): string => (lo !== null && hi !== null ? ` (${fmt(lo)}–${fmt(hi)})` : '');

/** The plot, or null when no population of the line has an interaction and nothing is pooled. */
export function interactionSvg(line: BiomarkerEvidence): SVGSVGElement | null {
  const pops = line.populations.filter((p): p is EvidencePopulation & { interaction: InteractionEstimate } => p.interaction !== null);
  const pooled = line.interaction;
  if (pops.length === 0 && !pooled) return null;
  const values = [
    ...pops.flatMap(({ interaction: i }) => [i.ratio, i.ciLow, i.ciHigh, ...i.subgroups.flatMap((g) => [g.hr, g.hrCiLow, g.hrCiHigh])]),
    ...(pooled ? [pooled.ratio, pooled.ciLow, pooled.ciHigh, pooled.predictionLow, pooled.predictionHigh] : []),
  ].filter((v): v is number => v !== null);
  const scale = logScale(values);
  const { x } = scale;
  const rows: SVGElement[] = [
    s('text', { x: 4, y: 16, class: 'fp-head' }, 'Population · biomarker subgroup'),
    s('text', { x: TEXT_X, y: 16, class: 'fp-head' }, 'HR or ratio (95% CI)'),
  ];
  let y = 28;
  const interval = (lo: number | null, hi: number | null, at: number): void => {
    if (lo !== null && hi !== null) rows.push(s('line', { x1: x(lo), x2: x(hi), y1: at + 8, y2: at + 8, class: 'fp-ci' }));
  };
  for (const p of pops) {
    const i = p.interaction;
    y += 6;
    rows.push(clipped(4, y + 12, `${populationName(p)} · ${BASIS[i.basis] ?? i.basis}`, 80, { class: 'fp-group' }));
    y += ROW;
    for (const g of i.subgroups) {
      rows.push(clipped(14, y + 12, `HR in ${g.population ?? g.slug}`, LABEL_CHARS, { class: 'fp-label' }));
      if (g.hr !== null) {
        interval(g.hrCiLow, g.hrCiHigh, y);
        rows.push(s('rect', { x: x(g.hr) - 4, y: y + 4, width: 8, height: 8, class: 'fp-point fp-subgroup', 'data-hr': g.hr }));
        rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, `${fmt(g.hr)}${ci(g.hrCiLow, g.hrCiHigh)}`));
      } else rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, 'no HR'));
      y += ROW;
    }
    rows.push(s('text', { x: 14, y: y + 12, class: 'fp-label', 'font-weight': 600 }, 'Ratio of HRs'));
    if (i.ratio !== null) {
      interval(i.ciLow, i.ciHigh, y);
      rows.push(s('circle', { cx: x(i.ratio), cy: y + 8, r: 5, class: 'fp-ratio', 'data-ratio': i.ratio }));
      rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value fp-ratio-value' }, `${fmt(i.ratio)}${ci(i.ciLow, i.ciHigh)}`));
    } else rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, 'not estimable'));
    y += ROW;
    const pText = interactionP(i);
    if (pText) {
      rows.push(clipped(14, y + 12, `Interaction ${pText}`, 92, { class: 'fp-reason' }));
      y += ROW;
    }
  }
  if (pooled) {
    y += 6;
    const method = `${pooled.poolingMethod === 'REML' ? 'REML' : 'DerSimonian–Laird'} τ², ${pooled.intervalMethod === 'HARTUNG_KNAPP' ? 'Hartung–Knapp' : 'normal'} CI`;
    rows.push(s('text', { x: 4, y: y + 12, class: 'fp-label fp-pooled-label', 'font-weight': 600 }, `Pooled ratio (k=${pooled.k})`));
    if (pooled.predictionLow !== null && pooled.predictionHigh !== null) {
      rows.push(s('line', { x1: x(pooled.predictionLow), x2: x(pooled.predictionHigh), y1: y + 8, y2: y + 8, class: 'fp-null fp-prediction' }));
    }
    rows.push(diamond(scale, pooled, y, { 'data-ratio': pooled.ratio }));
    rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value fp-pooled-value' }, `${fmt(pooled.ratio)}${ci(pooled.ciLow, pooled.ciHigh)}`));
    y += ROW;
    const spread = [
      `τ²=${pooled.tau2.toFixed(3)}`,
      pooled.i2 !== null ? `I²=${pooled.i2.toFixed(0)}%` : undefined,
      pooled.predictionLow !== null && pooled.predictionHigh !== null ? `95% prediction interval ${fmt(pooled.predictionLow)}–${fmt(pooled.predictionHigh)} (dashed)` : undefined,
    ]
      .filter(Boolean)
      .join(', ');
    rows.push(clipped(14, y + 12, `${method}; ${spread}`, 92, { class: 'fp-reason' }));
    y += ROW;
  }
  return framed({
    scale,
    top: 22,
    bottom: y,
    captions: ['← treatment better (ratio: more in subgroup)', 'worse →'],
    ariaLabel: `Forest plot of the treatment × ${line.biomarker.name} interaction: subgroup hazard ratios and their ratio`,
    className: 'forest-plot interaction-plot',
    rows,
  });
}
