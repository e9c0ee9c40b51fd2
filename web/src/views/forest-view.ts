/**
 * The Effect sizes view: a forest plot (SVG, log HR axis) of every comparative effect the graph
 * holds for a biomarker, grouped by comparability, with the pooled diamond where the API pooled
 * and the reason where it did not. "Export SVG" downloads the plot as drawn.
 */
import { byId, h } from '../dom.js';
import type { StatusArea } from '../status.js';
import { biomarkerList, effectSizes, type EffectSizes, type Estimate } from './analysis-api.js';

const SVG = 'http://www.w3.org/2000/svg';
const MEASURES = ['', 'OS', 'PFS', 'RW_PFS', 'ORR', 'DCR', 'EFS', 'LOCAL_FAILURE', 'LOCOREGIONAL_FAILURE'];

const W = 660;
const PLOT_X0 = 262;
const PLOT_X1 = 500;
const TEXT_X = 510;
const ROW = 22;
const LABEL_CHARS = 38;
const TICK_FONT = 10.5;
const CAPTION_GAP = 6;
const FAVOURS_EXP = '← favours experimental';
const FAVOURS_CTL = 'favours control →';

type Attrs = Record<string, string | number>;

/**
 * The look of each class, written onto the elements as SVG presentation attributes rather than an
 * inline <style>: the explorer's Content-Security-Policy (style-src 'self') refuses inline style
 * elements, and attributes keep the exported file styled on its own too.
 */
const LOOK: Record<string, Attrs> = {
  'fp-head': { 'font-size': 11, 'font-weight': 600, fill: '#475569' },
  'fp-group': { 'font-size': 12, 'font-weight': 600, fill: '#0f172a' },
  'fp-label': { 'font-size': 12, fill: '#1e293b' },
  'fp-value': { 'font-size': 12, fill: '#1e293b' },
  'fp-reason': { 'font-size': 11, 'font-style': 'italic', fill: '#64748b' },
  'fp-ci': { stroke: '#1e293b', 'stroke-width': 1.5 },
  'fp-point': { fill: '#2563eb' },
  'fp-diamond': { fill: '#f59e0b', stroke: '#92400e' },
  'fp-axis': { stroke: '#94a3b8' },
  'fp-null': { stroke: '#64748b', 'stroke-dasharray': '3 3' },
  'fp-tick': { 'font-size': TICK_FONT, fill: '#475569' },
};

function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  const looks = String(attrs['class'] ?? '').split(/\s+/).map((c) => LOOK[c] ?? {});
  for (const [k, v] of Object.entries(Object.assign({}, ...looks, attrs) as Attrs)) el.setAttribute(k, String(v));
  if (text !== undefined) el.textContent = text;
  return el;
}

/**
 * A generous estimate of a text's rendered width at `size` px in a sans-serif font (0.62 em a
 * character; arrows count double), so what is placed by it never collides whatever the font.
 */
const textWidth = (text: string, size: number): number => [...text].reduce((w, c) => w + (c === '←' || c === '→' ? 1.1 : 0.62), 0) * size;

/** Text cut to fit its column, with the whole text as a tooltip. */
function clipped(x: number, y: number, text: string, max: number, attrs: Attrs = {}): SVGTextElement {
  const t = s('text', { x, y, ...attrs }, text.length > max ? `${text.slice(0, max - 1)}…` : text);
  t.append(s('title', {}, text));
  return t;
}

const fmt = (n: number): string => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

export function forestSvg(data: EffectSizes): SVGSVGElement {
  const estimates = data.groups.flatMap((g) => g.estimates).filter((e): e is Estimate & { hr: number } => e.hr !== null);
  const values = [1, ...estimates.flatMap((e) => [e.hr, e.ciLow ?? e.hr, e.ciHigh ?? e.hr]), ...data.groups.flatMap((g) => (g.pooled ? [g.pooled.ciLow, g.pooled.ciHigh] : []))];
  const lo = Math.log(Math.min(...values) / 1.15);
  const hi = Math.log(Math.max(...values) * 1.15);
  const x = (v: number): number => PLOT_X0 + ((Math.log(v) - lo) / (hi - lo)) * (PLOT_X1 - PLOT_X0);
  const rows: SVGElement[] = [];
  let y = 28;
  rows.push(s('text', { x: 4, y: 16, class: 'fp-head' }, 'Subgroup · study'), s('text', { x: TEXT_X, y: 16, class: 'fp-head' }, 'HR (95% CI)'));
  for (const g of data.groups) {
    y += 6;
    rows.push(clipped(4, y + 12, `${g.state} · ${g.measure}`, 70, { class: 'fp-group' }));
    y += ROW;
    for (const e of g.estimates) {
      const label = `${e.study?.shortName ?? e.outcomeSlug}${e.primary ? '' : ' (secondary source)'}`;
      rows.push(clipped(14, y + 12, label, LABEL_CHARS, { class: 'fp-label' }));
      if (e.hr !== null) {
        if (e.ciLow !== null && e.ciHigh !== null) rows.push(s('line', { x1: x(e.ciLow), x2: x(e.ciHigh), y1: y + 8, y2: y + 8, class: 'fp-ci' }));
        rows.push(s('rect', { x: x(e.hr) - 4, y: y + 4, width: 8, height: 8, class: 'fp-point' }));
        rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, `${fmt(e.hr)}${e.ciLow !== null && e.ciHigh !== null ? ` (${fmt(e.ciLow)}–${fmt(e.ciHigh)})` : ''}`));
      } else rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, e.p ? `p=${e.p}` : 'no HR'));
      y += ROW;
    }
    if (g.pooled) {
      const p = g.pooled;
      const cx = x(p.hr);
      rows.push(s('text', { x: 14, y: y + 12, class: 'fp-label fp-pooled-label' }, `Pooled (k=${p.k}, τ²=${p.tau2.toFixed(3)}, I²=${p.i2.toFixed(0)}%)`));
      rows.push(s('polygon', { points: `${x(p.ciLow)},${y + 8} ${cx},${y + 2} ${x(p.ciHigh)},${y + 8} ${cx},${y + 14}`, class: 'fp-diamond' }));
      rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, `${fmt(p.hr)} (${fmt(p.ciLow)}–${fmt(p.ciHigh)})`));
      y += ROW;
    } else if (g.reason) {
      rows.push(clipped(14, y + 12, `Not pooled: ${g.reason}`, 92, { class: 'fp-reason' }));
      y += ROW;
    }
  }
  const top = 22;
  const axisY = y + 8;
  const nullX = x(1);
  // Tick labels: 1 always, the others only where they clear the labels already kept.
  const kept: { t: number; l: number; r: number }[] = [];
  const tickBox = (t: number): { t: number; l: number; r: number } => {
    const half = textWidth(String(t), TICK_FONT) / 2;
    return { t, l: x(t) - half, r: x(t) + half };
  };
  for (const t of [1, 0.5, 2, 0.25, 4, 0.2, 8, 0.1].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi)) {
    const b = tickBox(t);
    if (kept.every((k) => b.r + 4 <= k.l || b.l - 4 >= k.r)) kept.push(b);
  }
  // "← favours experimental" ends just left of the null line and "favours control →" starts just
  // right of it; each is kept inside the figure, and when the null line sits too near an edge for
  // both to fit on one row, the second goes on a row of its own.
  const wExp = textWidth(FAVOURS_EXP, TICK_FONT);
  const wCtl = textWidth(FAVOURS_CTL, TICK_FONT);
  const expEnd = Math.min(Math.max(nullX - CAPTION_GAP, 4 + wExp), W - 4);
  const ctlStart = Math.max(Math.min(nullX + CAPTION_GAP, W - 4 - wCtl), 4);
  const oneRow = ctlStart >= expEnd + 2 * CAPTION_GAP;
  const captionY = axisY + 30;
  const height = captionY + (oneRow ? 10 : 24);
  const svg = s('svg', { xmlns: SVG, width: W, height, viewBox: `0 0 ${W} ${height}`, class: 'forest-plot', role: 'img', 'font-family': 'sans-serif', 'aria-label': `Forest plot of hazard ratios for ${data.biomarker?.name ?? 'the biomarker'}` });
  svg.append(
    s('line', { x1: nullX, x2: nullX, y1: top, y2: axisY, class: 'fp-null' }),
    s('line', { x1: PLOT_X0, x2: PLOT_X1, y1: axisY, y2: axisY, class: 'fp-axis' }),
    ...kept.sort((a, b) => a.t - b.t).map(({ t }) => s('text', { x: x(t), y: axisY + 14, 'text-anchor': 'middle', class: 'fp-tick' }, String(t))),
    s('text', { x: expEnd, y: captionY, 'text-anchor': 'end', class: 'fp-tick fp-caption' }, FAVOURS_EXP),
    s('text', { x: ctlStart, y: oneRow ? captionY : captionY + 14, class: 'fp-tick fp-caption' }, FAVOURS_CTL),
    ...rows,
  );
  return svg;
}

export class ForestView {
  private readonly root = byId('forest');
  private readonly select = h('select', { id: 'forest-biomarker', 'aria-label': 'Biomarker' });
  private readonly measure = h('select', { id: 'forest-measure', 'aria-label': 'Endpoint' }, ...MEASURES.map((m) => h('option', { value: m }, m === '' ? 'all endpoints' : m)));
  private readonly plot = h('div', { class: 'forest-wrap', id: 'forest-plot', 'data-testid': 'forest-plot' });
  private readonly exportButton = h('button', { type: 'button', class: 'small', id: 'forest-export' }, 'Export SVG');
  private listed = false;

  constructor(private readonly status: StatusArea) {
    this.select.addEventListener('change', () => void this.draw());
    this.measure.addEventListener('change', () => void this.draw());
    this.exportButton.addEventListener('click', () => this.export());
    this.root.replaceChildren(
      h('div', { class: 'evidence-intro' }, h('h2', {}, 'Effect sizes, side by side'), h('p', { class: 'muted hint' }, 'Every hazard ratio behind a biomarker’s findings, grouped by subgroup, endpoint and the arms compared; pooled (DerSimonian–Laird) only where two or more independent estimates are comparable.')),
      h('div', { class: 'forest-controls' }, h('label', { for: 'forest-biomarker' }, 'Biomarker '), this.select, h('label', { for: 'forest-measure' }, ' Endpoint '), this.measure, this.exportButton),
      this.plot,
    );
  }

  /** Fills the biomarker list once, then draws the chosen (default: PD-L1 when present). */
  async load(biomarker?: string): Promise<void> {
    if (!this.listed) {
      const list = await this.status.run('Loading biomarkers', () => biomarkerList());
      if (!list) return;
      this.select.replaceChildren(...list.map((b) => h('option', { value: b.slug }, b.name)));
      this.select.value = list.some((b) => b.slug === 'pd-l1') ? 'pd-l1' : (list[0]?.slug ?? '');
      this.listed = true;
    }
    if (biomarker) this.select.value = biomarker;
    await this.draw();
  }

  private async draw(): Promise<void> {
    const slug = this.select.value;
    if (!slug) return;
    const data = await this.status.run('Loading effect sizes', () => effectSizes(slug, this.measure.value || null));
    if (!data) return;
    if (data.groups.length === 0) {
      this.plot.replaceChildren(h('p', { class: 'muted', 'data-testid': 'forest-empty' }, 'No hazard ratio or arm-vs-arm comparison is recorded for this biomarker.'));
      return;
    }
    this.plot.replaceChildren(forestSvg(data));
    this.status.info(`Effect sizes of ${data.biomarker?.name ?? slug}: ${data.groups.reduce((a, g) => a + g.estimates.length, 0)} estimates in ${data.groups.length} groups.`);
  }

  private export(): void {
    const svg = this.plot.querySelector('svg');
    if (!svg) {
      this.status.info('Nothing to export: pick a biomarker with effect sizes.');
      return;
    }
    const text = `<?xml version="1.0" encoding="UTF-8"?>\n${new XMLSerializer().serializeToString(svg)}`;
    const url = URL.createObjectURL(new Blob([text], { type: 'image/svg+xml' }));
    const a = h('a', { href: url, download: `abscopal-forest-${this.select.value}.svg`, hidden: true });
    document.body.append(a);
    a.click();
    a.remove();
    setTimeout(() => URL.revokeObjectURL(url), 10_000);
    this.status.info('Exported the forest plot as SVG.');
  }
}
