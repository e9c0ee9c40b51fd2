/**
 * The evidence view: "which biomarkers predict benefit from RT + ICB?" as a ranked table from
 * biomarkerEvidence. Each row opens to its findings, studies and sources, and can put the
 * biomarker's evidence subgraph (Graph) or the sourced paths behind its line (Explain) on the
 * canvas. Long biomarker names wrap inside their column (full name as a tooltip), so they never
 * run into the verdict.
 */

export interface EvidenceActions {
  showOnGraph(row: BiomarkerEvidence): void;
  explain(row: BiomarkerEvidence): void;
}
import { biomarkerEvidence } from '../api.js';
import { byId, extLink, h } from '../dom.js';
import type { BiomarkerEvidence, EvidenceFinding, EvidenceReport } from '../model.js';
import type { StatusArea } from '../status.js';
import { secondaryBadge, sourceItem } from '../details.js';

const VERDICT_TEXT: Record<string, string> = {
  PREDICTIVE: 'Predictive',
  PREDICTIVE_CONTESTED: 'Predictive, contested',
  NOT_PREDICTIVE: 'Not predictive',
  NO_PREDICTIVE_EVIDENCE: 'No predictive evidence',
};

export class EvidencePanel {
  private readonly root = byId('evidence');
  private report: EvidenceReport | undefined;
  private loading: Promise<void> | undefined;

  constructor(
    private readonly status: StatusArea,
    private readonly actions: EvidenceActions,
  ) {
    this.root.replaceChildren(h('p', { class: 'muted' }, 'Open this tab to load the ranking.'));
  }

  /** Loads the ranking once (again with force). */
  load(force = false): Promise<void> {
    if (this.report && !force) return Promise.resolve();
    if (this.loading) return this.loading;
    this.root.setAttribute('aria-busy', 'true');
    this.root.replaceChildren(h('p', { class: 'muted loading-line', 'data-testid': 'evidence-loading' }, 'Loading the biomarker ranking…'));
    this.loading = (async () => {
      const report = await this.status.run('Loading the biomarker evidence ranking', () => biomarkerEvidence());
      this.loading = undefined;
      this.root.removeAttribute('aria-busy');
      if (!report) {
        const retry = h('button', { type: 'button' }, 'Try again');
        retry.addEventListener('click', () => void this.load(true));
        this.root.replaceChildren(h('p', { class: 'inline-error', role: 'alert' }, 'The ranking could not be loaded (see the error above). '), retry);
        return;
      }
      this.report = report;
      this.render(report);
      this.status.info(`Ranked ${report.ranking.length} biomarker${report.ranking.length === 1 ? '' : 's'} for RT + ICB.`);
    })();
    return this.loading;
  }

  private render(report: EvidenceReport): void {
    const intro = h(
      'div',
      { class: 'evidence-intro' },
      h('h2', {}, 'Which biomarkers predict benefit from RT + ICB?'),
      h('details', { class: 'rule' }, h('summary', {}, 'How the ranking is computed'), h('p', {}, report.rule)),
    );
    if (report.ranking.length === 0) {
      this.root.replaceChildren(intro, h('p', { class: 'muted', 'data-testid': 'evidence-empty' }, 'No biomarker has findings for this combination yet.'));
      return;
    }
    const tbody = h('tbody');
    for (const row of report.ranking) tbody.append(...this.row(row));
    const table = h(
      'table',
      { class: 'evidence-table', id: 'evidence-table' },
      h('caption', { class: 'visually-hidden' }, 'Biomarkers ranked by predictive evidence for radiotherapy plus immune checkpoint blockade'),
      h(
        'colgroup',
        {},
        ...['rank', 'biomarker', 'verdict', 'score', 'level', 'patients', 'studies', 'actions'].map((c) => h('col', { class: `c-${c}` })),
      ),
      h(
        'thead',
        {},
        h(
          'tr',
          {},
          h('th', { scope: 'col', class: 'num' }, '#'),
          h('th', { scope: 'col' }, 'Biomarker'),
          h('th', { scope: 'col' }, 'Verdict'),
          h('th', { scope: 'col', class: 'num' }, 'Score'),
          h('th', { scope: 'col', class: 'wrap' }, 'Best level'),
          h('th', { scope: 'col', class: 'num' }, 'Patients'),
          h('th', { scope: 'col', class: 'num' }, 'Studies'),
          h('th', { scope: 'col' }, h('span', { class: 'visually-hidden' }, 'Actions')),
        ),
      ),
      tbody,
    );
    const reload = h('button', { type: 'button', id: 'evidence-reload', class: 'small' }, 'Reload');
    reload.addEventListener('click', () => void this.load(true));
    this.root.replaceChildren(intro, h('div', { class: 'table-wrap' }, table), h('div', { class: 'evidence-footer' }, reload));
  }

  private row(r: BiomarkerEvidence): HTMLElement[] {
    const detailId = `evidence-detail-${r.rank}`;
    const toggle = h('button', { type: 'button', class: 'toggle', title: r.biomarker.name, 'aria-expanded': 'false', 'aria-controls': detailId, 'data-testid': 'evidence-toggle' }, h('span', { class: 'chevron', 'aria-hidden': 'true' }, '▸'), ' ', h('span', { class: 'biomarker-name' }, r.biomarker.name));
    const graph = h('button', { type: 'button', class: 'small', 'data-testid': 'evidence-graph', title: `Show the evidence subgraph of ${r.biomarker.name} on the canvas` }, 'Graph');
    graph.addEventListener('click', (e) => {
      e.stopPropagation();
      this.actions.showOnGraph(r);
    });
    const explain = h('button', { type: 'button', class: 'small', 'data-testid': 'evidence-explain', title: `Draw the sourced paths behind ${r.biomarker.name}'s line: finding → study → trial → institution / investigator → source` }, 'Explain');
    explain.addEventListener('click', (e) => {
      e.stopPropagation();
      this.actions.explain(r);
    });
    const tr = h(
      'tr',
      { class: 'evidence-row', 'data-testid': 'evidence-row', 'data-biomarker': r.biomarker.slug, 'data-verdict': r.verdict },
      h('td', { class: 'num rank' }, r.rank),
      h('td', { class: 'biomarker' }, toggle),
      h('td', {}, h('span', { class: `verdict verdict-${r.verdict}` }, VERDICT_TEXT[r.verdict] ?? r.verdict)),
      h('td', { class: 'num' }, formatScore(r.score)),
      h('td', {}, r.bestLevel ? h('span', { class: `level level-${r.bestLevel}`, title: 'CIViC evidence level: A validated … E inferential' }, r.bestLevel) : '—'),
      h('td', { class: 'num' }, r.patients ?? '—'),
      h('td', { class: 'num', title: r.studies.map((s) => s.shortName).join('\n') }, r.studies.length),
      h('td', { class: 'actions' }, graph, explain),
    );
    const detail = h('tr', { id: detailId, class: 'evidence-detail', 'data-testid': 'evidence-detail', hidden: true }, h('td', { colspan: 8 }));
    let rendered = false;
    const flip = (): void => {
      const open = detail.hidden;
      if (open && !rendered) {
        detail.firstElementChild?.replaceChildren(...this.detail(r));
        rendered = true;
      }
      detail.hidden = !open;
      toggle.setAttribute('aria-expanded', String(open));
      tr.classList.toggle('open', open);
    };
    toggle.addEventListener('click', (e) => {
      e.stopPropagation();
      flip();
    });
    tr.addEventListener('click', flip);
    return [tr, detail];
  }

  private detail(r: BiomarkerEvidence): Node[] {
    const out: Node[] = [];
    const findings = (title: string, list: EvidenceFinding[], cls: string): void => {
      if (list.length === 0) return;
      out.push(h('h4', {}, `${title} (${list.length})`), h('ul', { class: `findings ${cls}` }, ...list.map(findingItem)));
    };
    findings('Supporting predictive findings', r.supporting, 'supporting');
    findings('Contradicting predictive findings', r.contradicting, 'contradicting');
    findings('Other findings (do not rank)', r.otherFindings, 'other');
    if (r.studies.length > 0) {
      out.push(
        h('h4', {}, `Studies (${r.studies.length})`),
        h(
          'ul',
          { class: 'studies' },
          ...r.studies.map((s) =>
            h('li', { 'data-testid': 'evidence-study' }, h('strong', {}, s.shortName), s.year ? ` (${s.year})` : '', s.institutions.length > 0 ? h('span', { class: 'muted' }, ` — ${s.institutions.map((i) => i.name).join('; ')}`) : null),
          ),
        ),
      );
    }
    if (r.sources.length > 0) out.push(h('h4', {}, `Sources (${r.sources.length})`), h('ul', { class: 'sources' }, ...r.sources.map(sourceItem)));
    return [h('div', { class: 'evidence-detail-body' }, ...out)];
  }
}

function findingItem(f: EvidenceFinding): HTMLElement {
  const meta = [f.type, f.level ? `level ${f.level}` : undefined, f.biomarkerState, f.schedule ?? undefined, f.study?.shortName].filter(Boolean).join(' · ');
  const links = (f.sources ?? []).flatMap((s) => s.links.map((l) => ({ l, secondary: s.secondary })));
  return h(
    'li',
    { 'data-testid': 'evidence-finding' },
    h('p', { class: 'statement' }, f.statement),
    meta ? h('p', { class: 'muted meta' }, meta) : null,
    links.length > 0 ? h('div', { class: 'source-links' }, ...links.flatMap(({ l, secondary }) => (secondary ? [extLink(l, 'source-link'), secondaryBadge()] : [extLink(l, 'source-link')]))) : null,
  );
}

function formatScore(score: number): string {
  return Number.isInteger(score) ? String(score) : score.toFixed(2);
}
