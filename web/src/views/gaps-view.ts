/**
 * The Gaps view: biomarker × schedule × setting as a heat map from evidenceGaps. Colour is the
 * strongest evidence in the cell, the number its findings; a cell opens its findings and the
 * trials that cover it (and so could fill it).
 */
import { byId, h } from '../dom.js';
import type { StatusArea } from '../status.js';
import { evidenceGaps, type GapCell, type GapMap } from './analysis-api.js';

export const EVIDENCE_TEXT: Record<string, string> = {
  PREDICTIVE: 'Predictive',
  PREDICTIVE_CONTESTED: 'Predictive, contested',
  NOT_PREDICTIVE: 'Not predictive',
  PROGNOSTIC_OR_ASSOCIATED: 'Prognostic / associated only',
  PHARMACODYNAMIC_ONLY: 'Pharmacodynamic only',
  NONE: 'No evidence',
};

const SCHEDULE_TEXT: Record<string, string> = { CONCURRENT: 'Concurrent', SEQUENTIAL: 'Sequential', CONSOLIDATION: 'Consolidation', MONOTHERAPY: 'Monotherapy' };

/** Short column labels: "metastatic-nsclc" → "Metastatic". */
function settingLabel(s: { slug: string; name: string }): string {
  const short = s.name
    .replace(/non-small cell lung cancer/i, '')
    .replace(/\(.*\)/, '')
    .trim();
  return short.length > 0 ? short[0]!.toUpperCase() + short.slice(1) : s.slug;
}

export class GapsView {
  private readonly root = byId('gaps');
  private map: GapMap | undefined;
  private loading: Promise<void> | undefined;

  constructor(private readonly status: StatusArea) {
    this.root.replaceChildren(h('p', { class: 'muted' }, 'Open this tab to load the evidence-gap map.'));
  }

  load(force = false): Promise<void> {
    if (this.map && !force) return Promise.resolve();
    if (this.loading) return this.loading;
    this.root.replaceChildren(h('p', { class: 'muted loading-line' }, 'Loading the evidence-gap map…'));
    this.loading = (async () => {
      const map = await this.status.run('Loading the evidence-gap map', () => evidenceGaps());
      this.loading = undefined;
      if (!map) {
        this.root.replaceChildren(h('p', { class: 'inline-error', role: 'alert' }, 'The gap map could not be loaded (see the error above).'));
        return;
      }
      this.map = map;
      this.render(map);
      this.status.info(`Gap map: ${map.rows.length} biomarkers × ${map.schedules.length} schedules × ${map.settings.length} settings.`);
    })();
    return this.loading;
  }

  private render(map: GapMap): void {
    const detail = h(
      'div',
      { class: 'gap-detail', id: 'gap-detail', 'data-testid': 'gap-detail', 'aria-live': 'polite' },
      h('p', { class: 'muted' }, 'Pick a cell to see its findings and the trials that could fill it.'),
    );
    const head1 = h(
      'tr',
      {},
      h('th', { scope: 'col', rowspan: 2, class: 'gap-biomarker-head' }, 'Biomarker'),
      ...map.schedules.map((s) => h('th', { scope: 'colgroup', colspan: map.settings.length, class: 'gap-schedule' }, SCHEDULE_TEXT[s] ?? s)),
    );
    const head2 = h('tr', {}, ...map.schedules.flatMap(() => map.settings.map((s) => h('th', { scope: 'col', class: 'gap-setting', title: s.name }, settingLabel(s)))));
    const body = h('tbody');
    for (const row of map.rows) {
      const name = row.biomarker?.name ?? row.biomarkerSlug;
      const tr = h('tr', { 'data-biomarker': row.biomarkerSlug }, h('th', { scope: 'row', class: 'gap-biomarker', title: name }, h('span', { class: 'gap-name' }, name)));
      for (const cell of row.cells) {
        const setting = map.settings.find((s) => s.slug === cell.settingSlug);
        const label = `${name}, ${SCHEDULE_TEXT[cell.schedule] ?? cell.schedule} × ${setting ? settingLabel(setting) : cell.settingSlug}: ${EVIDENCE_TEXT[cell.evidence] ?? cell.evidence}, ${cell.findingCount} finding${cell.findingCount === 1 ? '' : 's'}, ${cell.trials.length} trial${cell.trials.length === 1 ? '' : 's'}`;
        const button = h(
          'button',
          {
            type: 'button',
            class: `gap-cell gap-${cell.evidence}`,
            title: label,
            'aria-label': label,
            'data-testid': 'gap-cell',
            'data-evidence': cell.evidence,
            'data-schedule': cell.schedule,
            'data-setting': cell.settingSlug,
          },
          cell.findingCount > 0 ? String(cell.findingCount) : '',
        );
        button.addEventListener('click', () => {
          for (const el of this.root.querySelectorAll('.gap-cell.selected')) el.classList.remove('selected');
          button.classList.add('selected');
          detail.replaceChildren(...cellDetail(name, cell, setting ? settingLabel(setting) : cell.settingSlug));
        });
        tr.append(h('td', {}, button));
      }
      body.append(tr);
    }
    const legend = h(
      'ul',
      { class: 'gap-legend', 'aria-label': 'Colour key' },
      ...Object.entries(EVIDENCE_TEXT).map(([k, v]) => h('li', {}, h('span', { class: `gap-swatch gap-${k}`, 'aria-hidden': 'true' }), v)),
    );
    this.root.replaceChildren(
      h(
        'div',
        { class: 'evidence-intro' },
        h('h2', {}, 'Where is the RT + ICB evidence missing?'),
        h(
          'p',
          { class: 'muted hint' },
          'Strongest evidence per biomarker, schedule and setting; the number counts findings. Pick a cell for its findings and the trials that cover it.',
        ),
      ),
      legend,
      h(
        'div',
        { class: 'table-wrap' },
        h('table', { class: 'gap-table', id: 'gap-table' }, h('caption', { class: 'visually-hidden' }, 'Evidence-gap map'), h('thead', {}, head1, head2), body),
      ),
      detail,
    );
  }
}

function cellDetail(name: string, cell: GapCell, setting: string): Node[] {
  const out: Node[] = [
    h('h3', {}, `${name} — ${SCHEDULE_TEXT[cell.schedule] ?? cell.schedule} × ${setting}`),
    h('p', {}, h('span', { class: `gap-badge gap-${cell.evidence}` }, EVIDENCE_TEXT[cell.evidence] ?? cell.evidence), cell.patients !== null ? ` · ${cell.patients} patients` : ''),
  ];
  if (cell.findings.length > 0) {
    out.push(
      h('h4', {}, `Findings (${cell.findings.length})`),
      h(
        'ul',
        { class: 'findings' },
        ...cell.findings.map((f) =>
          h(
            'li',
            { 'data-testid': 'gap-finding' },
            h('p', { class: 'statement' }, f.statement),
            h(
              'p',
              { class: 'muted meta' },
              [f.type, f.direction === 'DOES_NOT_SUPPORT' ? 'does not support' : 'supports', f.biomarkerState, f.study?.shortName].filter(Boolean).join(' · '),
            ),
          ),
        ),
      ),
    );
  } else out.push(h('p', { class: 'muted' }, 'No finding yet: a gap.'));
  out.push(h('h4', {}, `Trials that cover this cell (${cell.trials.length})`));
  out.push(
    cell.trials.length > 0
      ? h(
          'ul',
          { class: 'gap-trials' },
          ...cell.trials.map((t) =>
            h(
              'li',
              { 'data-testid': 'gap-trial' },
              h('strong', {}, t.trial?.name ?? 'unknown trial'),
              t.trial?.nctId ? ` (${t.trial.nctId})` : '',
              h(
                'span',
                { class: 'muted' },
                ` · ${t.link === 'CONFIRMED' ? 'confirmed link' : 'candidate link'}${t.reportsBiomarker ? ' · already reported on this biomarker' : ' · has not reported on this biomarker'}`,
              ),
            ),
          ),
        )
      : h('p', { class: 'muted' }, 'No registered trial in the graph covers this cell.'),
  );
  return out;
}
