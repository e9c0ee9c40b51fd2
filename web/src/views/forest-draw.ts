/**
 * The drawing shared by the explorer's forest plots (effect sizes, and the treatment × biomarker
 * interactions of the evidence tab): SVG elements styled by presentation attributes, a log-scale
 * x mapping, clipped labels, and the axis with its ticks, null line and "favours" captions laid
 * out so no two texts collide. Pure DOM, no network.
 */

export const SVG = 'http://www.w3.org/2000/svg';

export const W = 660;
export const PLOT_X0 = 262;
export const PLOT_X1 = 500;
export const TEXT_X = 510;
export const ROW = 22;
export const LABEL_CHARS = 38;
const TICK_FONT = 10.5;
const CAPTION_GAP = 6;

export type Attrs = Record<string, string | number>;

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
  'fp-ratio': { fill: '#7c3aed', stroke: '#4c1d95' },
  'fp-diamond': { fill: '#f59e0b', stroke: '#92400e' },
  'fp-axis': { stroke: '#94a3b8' },
  'fp-null': { stroke: '#64748b', 'stroke-dasharray': '3 3' },
  'fp-tick': { 'font-size': TICK_FONT, fill: '#475569' },
};

export function s<K extends keyof SVGElementTagNameMap>(tag: K, attrs: Attrs = {}, text?: string): SVGElementTagNameMap[K] {
  const el = document.createElementNS(SVG, tag);
  const looks = String(attrs['class'] ?? '')
    .split(/\s+/)
    .map((c) => LOOK[c] ?? {});
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
export function clipped(x: number, y: number, text: string, max: number, attrs: Attrs = {}): SVGTextElement {
  const t = s('text', { x, y, ...attrs }, text.length > max ? `${text.slice(0, max - 1)}…` : text);
  t.append(s('title', {}, text));
  return t;
}

export const fmt = (n: number): string => (n >= 10 ? n.toFixed(1) : n.toFixed(2));

/** The log-scale x position of a ratio, over the range of `values` (1 always included) with a margin. */
export function logScale(values: number[]): { lo: number; hi: number; x: (v: number) => number } {
  const all = [1, ...values.filter((v) => Number.isFinite(v) && v > 0)];
  const lo = Math.log(Math.min(...all) / 1.15);
  const hi = Math.log(Math.max(...all) * 1.15);
  return { lo, hi, x: (v: number): number => PLOT_X0 + ((Math.log(v) - lo) / (hi - lo)) * (PLOT_X1 - PLOT_X0) };
}

/** A pooled estimate's diamond on the row starting at `y`: its CI wide, its point at the middle. */
export function diamond(scale: ReturnType<typeof logScale>, estimate: { ratio: number; ciLow: number; ciHigh: number }, y: number, attrs: Attrs = {}): SVGElement {
  const { x } = scale;
  const cx = x(estimate.ratio);
  return s('polygon', { points: `${x(estimate.ciLow)},${y + 8} ${cx},${y + 2} ${x(estimate.ciHigh)},${y + 8} ${cx},${y + 14}`, class: 'fp-diamond', ...attrs });
}

export interface Frame {
  scale: ReturnType<typeof logScale>;
  /** Where the rows start and end (the axis goes just below the last). */
  top: number;
  bottom: number;
  captions: [left: string, right: string];
  ariaLabel: string;
  /** Class of the <svg> element. */
  className: string;
  rows: SVGElement[];
}

/**
 * The whole figure: the null line, the axis with tick labels (1 always, the others only where
 * they clear the ones kept), and the two captions either side of the null line, each kept inside
 * the figure; when the null line sits too near an edge for both to fit on one row, the second
 * goes on a row of its own.
 */
export function framed({ scale: { lo, hi, x }, top, bottom, captions: [left, right], ariaLabel, className, rows }: Frame): SVGSVGElement {
  const axisY = bottom + 8;
  const nullX = x(1);
  const kept: { t: number; l: number; r: number }[] = [];
  for (const t of [1, 0.5, 2, 0.25, 4, 0.2, 8, 0.1].filter((t) => Math.log(t) >= lo && Math.log(t) <= hi)) {
    const half = textWidth(String(t), TICK_FONT) / 2;
    const b = { t, l: x(t) - half, r: x(t) + half };
    if (kept.every((k) => b.r + 4 <= k.l || b.l - 4 >= k.r)) kept.push(b);
  }
  const wLeft = textWidth(left, TICK_FONT);
  const wRight = textWidth(right, TICK_FONT);
  const leftEnd = Math.min(Math.max(nullX - CAPTION_GAP, 4 + wLeft), W - 4);
  const rightStart = Math.max(Math.min(nullX + CAPTION_GAP, W - 4 - wRight), 4);
  const oneRow = rightStart >= leftEnd + 2 * CAPTION_GAP;
  const captionY = axisY + 30;
  const height = captionY + (oneRow ? 10 : 24);
  const svg = s('svg', { xmlns: SVG, width: W, height, viewBox: `0 0 ${W} ${height}`, class: className, role: 'img', 'font-family': 'sans-serif', 'aria-label': ariaLabel });
  svg.append(
    s('line', { x1: nullX, x2: nullX, y1: top, y2: axisY, class: 'fp-null' }),
    s('line', { x1: PLOT_X0, x2: PLOT_X1, y1: axisY, y2: axisY, class: 'fp-axis' }),
    ...kept.sort((a, b) => a.t - b.t).map(({ t }) => s('text', { x: x(t), y: axisY + 14, 'text-anchor': 'middle', class: 'fp-tick' }, String(t))),
    s('text', { x: leftEnd, y: captionY, 'text-anchor': 'end', class: 'fp-tick fp-caption' }, left),
    s('text', { x: rightStart, y: oneRow ? captionY : captionY + 14, class: 'fp-tick fp-caption' }, right),
    ...rows,
  );
  return svg;
}
