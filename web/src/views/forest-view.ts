/**
 * The Effect sizes view: a forest plot (SVG, log HR axis) of every comparative effect the graph
 * holds for a biomarker, grouped by comparability, with the pooled diamond where the API pooled
 * and the reason where it did not. "Export SVG" downloads the plot as drawn.
 */
import { byId, h } from '../dom.js';
import type { StatusArea } from '../status.js';
import { biomarkerList, type EffectSizes, type Estimate, effectSizes } from './analysis-api.js';
import { clipped, diamond, fmt, framed, LABEL_CHARS, logScale, ROW, s, TEXT_X } from './forest-draw.js';

const MEASURES = ['', 'OS', 'PFS', 'RW_PFS', 'ORR', 'DCR', 'EFS', 'LOCAL_FAILURE', 'LOCOREGIONAL_FAILURE'];

export function forestSvg(data: EffectSizes): SVGSVGElement {
  const estimates = data.groups.flatMap((g) => g.estimates).filter((e): e is Estimate & { hr: number } => e.hr !== null);
  const scale = logScale([
    ...estimates.flatMap((e) => [e.hr, e.ciLow ?? e.hr, e.ciHigh ?? e.hr]),
    ...data.groups.flatMap((g) => (g.pooled ? [g.pooled.ciLow, g.pooled.ciHigh] : [])),
  ]);
  const { x } = scale;
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
      rows.push(s('text', { x: 14, y: y + 12, class: 'fp-label fp-pooled-label' }, `Pooled (k=${p.k}, τ²=${p.tau2.toFixed(3)}, I²=${p.i2.toFixed(0)}%)`));
      rows.push(diamond(scale, { ratio: p.hr, ciLow: p.ciLow, ciHigh: p.ciHigh }, y));
      rows.push(s('text', { x: TEXT_X, y: y + 12, class: 'fp-value' }, `${fmt(p.hr)} (${fmt(p.ciLow)}–${fmt(p.ciHigh)})`));
      y += ROW;
    } else if (g.reason) {
      rows.push(clipped(14, y + 12, `Not pooled: ${g.reason}`, 92, { class: 'fp-reason' }));
      y += ROW;
    }
  }
  return framed({
    scale,
    top: 22,
    bottom: y,
    captions: ['← favours experimental', 'favours control →'],
    ariaLabel: `Forest plot of hazard ratios for ${data.biomarker?.name ?? 'the biomarker'}`,
    className: 'forest-plot',
    rows,
  });
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
      h(
        'div',
        { class: 'evidence-intro' },
        h('h2', {}, 'Effect sizes, side by side'),
        h(
          'p',
          { class: 'muted hint' },
          'Every hazard ratio behind a biomarker’s findings, grouped by subgroup, endpoint and the arms compared; pooled (DerSimonian–Laird) only where two or more independent estimates are comparable.',
        ),
      ),
      h(
        'div',
        { class: 'forest-controls' },
        h('label', { for: 'forest-biomarker' }, 'Biomarker '),
        this.select,
        h('label', { for: 'forest-measure' }, ' Endpoint '),
        this.measure,
        this.exportButton,
      ),
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
