/**
 * The Graph view: the Cytoscape canvas with search, expand, details, legend filters and the
 * toolbar (fit, reset, PNG / JSON export). Other views put subgraphs on it through `showView`.
 */
import { neighborhood } from '../api.js';
import { DetailsPanel } from '../details.js';
import { byId, h } from '../dom.js';
import { type AddResult, GraphView } from '../graph.js';
import { ENTITY_TYPES, type EntityType, type Neighborhood, type SearchHit } from '../model.js';
import { SearchBox } from '../search.js';
import type { StatusArea } from '../status.js';
import { shapeIcon, TYPE_STYLE } from '../theme.js';
import type { TabName } from './tabs.js';

const EXPAND_LIMIT = 200;
const EVIDENCE_TYPES: EntityType[] = ['Biomarker', 'Finding', 'Study', 'Institution', 'Source', 'Therapy'];

export class CanvasView {
  readonly graph: GraphView;
  private readonly details: DetailsPanel;
  private readonly counts = byId('graph-counts');
  private readonly hint = byId('canvas-hint');
  private readonly legend = byId('legend');
  private countsQueued = false;

  constructor(
    private readonly status: StatusArea,
    private readonly showTab: (tab: TabName) => void,
  ) {
    this.graph = new GraphView(byId('cy'), {
      select: (node) => {
        this.showTab('details');
        void this.details.show(node);
      },
      unselect: () => this.details.empty(),
      expand: (node) => void this.expand(node.id, 1),
      change: () => this.scheduleCounts(),
    });
    this.details = new DetailsPanel(status, {
      expand: (node, depth) => void this.expand(node.id, depth),
      focus: (node) => this.graph.centreOn(node.id),
      remove: (node) => {
        this.graph.remove(node.id);
        this.details.empty();
        status.info(`Removed “${node.label}” from the canvas.`);
      },
    });
    new SearchBox(status, (hit) => void this.place(hit));
    this.buildLegend();
    this.wireToolbar();
    window.addEventListener('resize', () => this.graph.resize());
    this.scheduleCounts();
  }

  private scheduleCounts(): void {
    if (this.countsQueued) return;
    this.countsQueued = true;
    requestAnimationFrame(() => {
      this.countsQueued = false;
      this.counts.textContent = `${this.graph.nodeCount} nodes · ${this.graph.edgeCount} edges`;
      this.hint.hidden = this.graph.nodeCount > 0;
      const byType = this.graph.countsByType();
      for (const t of ENTITY_TYPES) {
        const el = this.legend.querySelector<HTMLElement>(`[data-count-for="${t}"]`);
        if (el) el.textContent = String(byType.get(t) ?? 0);
      }
    });
  }

  private async addView(view: Neighborhood, anchor: string | undefined, what: string): Promise<AddResult> {
    const result = await this.graph.add(view, anchor);
    const more = view.truncated ? ` The view was cut short at ${EXPAND_LIMIT} nodes: expand nodes one by one to see more.` : '';
    this.status.info(
      result.addedNodes === 0
        ? `All neighbours of ${what} are already on the canvas.${more}`
        : `Added ${result.addedNodes} node${result.addedNodes === 1 ? '' : 's'} and ${result.addedEdges} edge${result.addedEdges === 1 ? '' : 's'} around ${what}.${more}`,
    );
    return result;
  }

  async place(hit: Pick<SearchHit, 'id' | 'label' | 'type'>): Promise<void> {
    this.status.clearError();
    await this.status.run(`Loading “${hit.label}” and its neighbours`, async () => {
      const view = await neighborhood({ ids: [hit.id], depth: 1, limit: EXPAND_LIMIT });
      await this.addView(view, this.graph.has(hit.id) ? hit.id : undefined, `“${hit.label}”`);
      this.graph.select(hit.id);
    });
  }

  async expand(id: string, depth = 1): Promise<void> {
    this.status.clearError();
    const label = (this.graph.cy.getElementById(id).data('label') as string | undefined) ?? id;
    await this.status.run(`Expanding “${label}”`, async () => {
      const view = await neighborhood({ ids: [id], depth, limit: EXPAND_LIMIT });
      await this.addView(view, id, `“${label}”`);
    });
  }

  /** Clears the canvas and draws `view` at the size it will be seen at (details tab). */
  async showView(view: Pick<Neighborhood, 'nodes' | 'edges'>, select: string | undefined): Promise<AddResult> {
    this.showTab('details');
    await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
    this.graph.reset();
    this.details.empty();
    const r = await this.graph.add(view);
    if (select) this.graph.select(select);
    return r;
  }

  async showEvidence(biomarkerId: string, name: string): Promise<void> {
    this.status.clearError();
    await this.status.run(`Loading the evidence subgraph of ${name}`, async () => {
      const core = await neighborhood({ ids: [biomarkerId], depth: 2, limit: 300, types: EVIDENCE_TYPES });
      const studies = core.nodes
        .filter((n) => n.type === 'Study')
        .map((n) => n.id)
        .slice(0, 50);
      const places = studies.length > 0 ? await neighborhood({ ids: studies, depth: 1, limit: 300, types: ['Institution'] }) : undefined;
      const r = await this.showView({ nodes: [...core.nodes, ...(places?.nodes ?? [])], edges: [...core.edges, ...(places?.edges ?? [])] }, biomarkerId);
      this.status.info(`Evidence subgraph of ${name}: ${r.totalNodes} nodes, ${r.totalEdges} edges (biomarker → findings → studies, institutions, sources, therapies).`);
    });
  }

  reset(): void {
    this.graph.reset();
    this.details.empty();
  }

  private buildLegend(): void {
    this.legend.replaceChildren(
      ...ENTITY_TYPES.map((t) => {
        const box = h('input', { type: 'checkbox', id: `filter-${t}`, value: t, checked: true, 'data-testid': 'type-filter' });
        box.addEventListener('change', () => {
          this.graph.setTypeVisible(t, box.checked);
          this.status.info(box.checked ? `Showing ${t} nodes.` : `Hiding ${t} nodes.`);
        });
        return h(
          'li',
          { title: TYPE_STYLE[t].description },
          box,
          h('label', { for: `filter-${t}` }, shapeIcon(t, 18), h('span', { class: 'legend-name' }, t), h('span', { class: 'legend-count', 'data-count-for': t }, '0')),
        );
      }),
    );
  }

  private wireToolbar(): void {
    const status = this.status;
    byId('fit-button').addEventListener('click', () => this.graph.fit());
    byId('reset-button').addEventListener('click', () => {
      this.reset();
      status.clearError();
      status.info('Canvas cleared.');
    });
    byId('export-png-button').addEventListener('click', () => {
      if (this.graph.nodeCount === 0) return status.info('Nothing to export: the canvas is empty.');
      try {
        download(this.graph.pngBlob(), 'abscopal-graph.png');
        status.info('Exported the graph as PNG.');
      } catch (err) {
        status.error(err);
      }
    });
    byId('export-json-button').addEventListener('click', () => {
      if (this.graph.nodeCount === 0) return status.info('Nothing to export: the canvas is empty.');
      download(new Blob([this.graph.json()], { type: 'application/json' }), 'abscopal-graph.cytoscape.json');
      status.info('Exported the graph as Cytoscape JSON.');
    });
    for (const el of document.querySelectorAll<HTMLButtonElement>('[data-quick]')) {
      el.addEventListener('click', () => {
        const q = el.dataset['quick'];
        if (q === 'evidence' || q === 'gaps') this.showTab(q);
        else if (q) {
          const input = byId<HTMLInputElement>('search-input');
          input.value = q;
          input.dispatchEvent(new Event('input'));
          input.focus();
        }
      });
    }
  }
}

export function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
