/**
 * Abscopal graph explorer: search → place on the canvas → expand → read details and sources,
 * plus the RT + ICB biomarker evidence ranking. Talks only to the public GraphQL API.
 *
 * Test / automation hook: `window.__abscopal = { cy, explorer }` gives scripts the Cytoscape core
 * (to select a node, count elements) and the explorer's own add/expand/reset entry points.
 */
import { neighborhood } from './api.js';
import { DetailsPanel } from './details.js';
import { byId, h } from './dom.js';
import { EvidencePanel } from './evidence.js';
import { GraphView, type AddResult } from './graph.js';
import { ENTITY_TYPES, type BiomarkerEvidence, type EntityType, type Neighborhood, type SearchHit } from './model.js';
import { SearchBox } from './search.js';
import { StatusArea } from './status.js';
import { shapeIcon, TYPE_STYLE } from './theme.js';

const EXPAND_LIMIT = 200;
const EVIDENCE_TYPES: EntityType[] = ['Biomarker', 'Finding', 'Study', 'Institution', 'Source', 'Therapy'];

export interface ExplorerApi {
  /** Adds a neighbourhood-shaped graph through the same path as the UI (batch + layout). */
  addGraph(view: Pick<Neighborhood, 'nodes' | 'edges'>, anchor?: string): Promise<AddResult>;
  place(hit: Pick<SearchHit, 'id' | 'label' | 'type'>): Promise<void>;
  expand(id: string, depth?: number): Promise<void>;
  showEvidence(biomarkerId: string, name: string): Promise<void>;
  reset(): void;
}

declare global {
  interface Window {
    __abscopal?: { cy: GraphView['cy']; explorer: ExplorerApi };
  }
}

function main(): void {
  const status = new StatusArea();
  const counts = byId('graph-counts');
  const hint = byId('canvas-hint');
  const legend = byId('legend');

  const graph: GraphView = new GraphView(byId('cy'), {
    select: (node) => {
      showTab('details');
      void details.show(node);
    },
    unselect: () => details.empty(),
    expand: (node) => void expand(node.id, 1),
    change: () => scheduleCounts(),
  });

  let countsQueued = false;
  function scheduleCounts(): void {
    if (countsQueued) return;
    countsQueued = true;
    requestAnimationFrame(() => {
      countsQueued = false;
      counts.textContent = `${graph.nodeCount} nodes · ${graph.edgeCount} edges`;
      hint.hidden = graph.nodeCount > 0;
      const byType = graph.countsByType();
      for (const t of ENTITY_TYPES) {
        const el = legend.querySelector<HTMLElement>(`[data-count-for="${t}"]`);
        if (el) el.textContent = String(byType.get(t) ?? 0);
      }
    });
  }

  const details = new DetailsPanel(status, {
    expand: (node, depth) => void expand(node.id, depth),
    focus: (node) => graph.centreOn(node.id),
    remove: (node) => {
      graph.remove(node.id);
      details.empty();
      status.info(`Removed “${node.label}” from the canvas.`);
    },
  });

  async function addView(view: Neighborhood, anchor: string | undefined, what: string): Promise<AddResult> {
    const result = await graph.add(view, anchor);
    const more = view.truncated ? ` The view was cut short at ${EXPAND_LIMIT} nodes: expand nodes one by one to see more.` : '';
    status.info(
      result.addedNodes === 0
        ? `All neighbours of ${what} are already on the canvas.${more}`
        : `Added ${result.addedNodes} node${result.addedNodes === 1 ? '' : 's'} and ${result.addedEdges} edge${result.addedEdges === 1 ? '' : 's'} around ${what}.${more}`,
    );
    return result;
  }

  async function place(hit: Pick<SearchHit, 'id' | 'label' | 'type'>): Promise<void> {
    status.clearError();
    await status.run(`Loading “${hit.label}” and its neighbours`, async () => {
      const view = await neighborhood({ ids: [hit.id], depth: 1, limit: EXPAND_LIMIT });
      await addView(view, graph.has(hit.id) ? hit.id : undefined, `“${hit.label}”`);
      graph.select(hit.id);
    });
  }

  async function expand(id: string, depth = 1): Promise<void> {
    status.clearError();
    const label = (graph.cy.getElementById(id).data('label') as string | undefined) ?? id;
    await status.run(`Expanding “${label}”`, async () => {
      const view = await neighborhood({ ids: [id], depth, limit: EXPAND_LIMIT });
      await addView(view, id, `“${label}”`);
    });
  }

  async function showEvidence(biomarkerId: string, name: string): Promise<void> {
    status.clearError();
    await status.run(`Loading the evidence subgraph of ${name}`, async () => {
      const core = await neighborhood({ ids: [biomarkerId], depth: 2, limit: 300, types: EVIDENCE_TYPES });
      const studies = core.nodes.filter((n) => n.type === 'Study').map((n) => n.id).slice(0, 50);
      const places = studies.length > 0 ? await neighborhood({ ids: studies, depth: 1, limit: 300, types: ['Institution'] }) : undefined;
      const view: Neighborhood = {
        nodes: [...core.nodes, ...(places?.nodes ?? [])],
        edges: [...core.edges, ...(places?.edges ?? [])],
        truncated: core.truncated || (places?.truncated ?? false),
      };
      // Lay out on the canvas size it will be seen at: the details tab leaves the canvas wider.
      showTab('details');
      await new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(r)));
      graph.reset();
      details.empty();
      const r = await graph.add(view);
      graph.select(biomarkerId);
      status.info(`Evidence subgraph of ${name}: ${r.totalNodes} nodes, ${r.totalEdges} edges (biomarker → findings → studies, institutions, sources, therapies).`);
    });
  }

  function evidenceOnGraph(row: BiomarkerEvidence): void {
    void showEvidence(row.biomarker.id, row.biomarker.name);
  }

  const evidence = new EvidencePanel(status, evidenceOnGraph);
  new SearchBox(status, (hit) => void place(hit));

  // Tabs: Details | Evidence.
  const tabs = { details: byId('details-tab'), evidence: byId('evidence-tab') };
  const panels = { details: byId('details-panel'), evidence: byId('evidence-panel') };
  const side = byId('side-panel');
  function showTab(which: 'details' | 'evidence'): void {
    for (const k of ['details', 'evidence'] as const) {
      tabs[k].setAttribute('aria-selected', String(k === which));
      tabs[k].tabIndex = k === which ? 0 : -1;
      panels[k].hidden = k !== which;
    }
    const wide = which === 'evidence';
    if (side.classList.contains('wide') !== wide) graph.keepCentre(() => side.classList.toggle('wide', wide));
    if (which === 'evidence') void evidence.load();
  }
  tabs.details.addEventListener('click', () => showTab('details'));
  tabs.evidence.addEventListener('click', () => showTab('evidence'));
  for (const el of Object.values(tabs)) {
    el.addEventListener('keydown', (e) => {
      if (e.key === 'ArrowLeft' || e.key === 'ArrowRight') {
        const next = tabs.details.getAttribute('aria-selected') === 'true' ? 'evidence' : 'details';
        showTab(next);
        tabs[next].focus();
      }
    });
  }

  // Legend + type filters.
  legend.replaceChildren(
    ...ENTITY_TYPES.map((t) => {
      const box = h('input', { type: 'checkbox', id: `filter-${t}`, value: t, checked: true, 'data-testid': 'type-filter' });
      box.addEventListener('change', () => {
        graph.setTypeVisible(t, box.checked);
        status.info(box.checked ? `Showing ${t} nodes.` : `Hiding ${t} nodes.`);
      });
      return h(
        'li',
        { title: TYPE_STYLE[t].description },
        box,
        h('label', { for: `filter-${t}` }, shapeIcon(t, 18), h('span', { class: 'legend-name' }, t), h('span', { class: 'legend-count', 'data-count-for': t }, '0')),
      );
    }),
  );

  // Toolbar.
  byId('fit-button').addEventListener('click', () => graph.fit());
  byId('reset-button').addEventListener('click', () => {
    graph.reset();
    details.empty();
    status.clearError();
    status.info('Canvas cleared.');
  });
  byId('export-png-button').addEventListener('click', () => {
    if (graph.nodeCount === 0) return status.info('Nothing to export: the canvas is empty.');
    try {
      download(graph.pngBlob(), 'abscopal-graph.png');
      status.info('Exported the graph as PNG.');
    } catch (err) {
      status.error(err);
    }
  });
  byId('export-json-button').addEventListener('click', () => {
    if (graph.nodeCount === 0) return status.info('Nothing to export: the canvas is empty.');
    download(new Blob([graph.json()], { type: 'application/json' }), 'abscopal-graph.cytoscape.json');
    status.info('Exported the graph as Cytoscape JSON.');
  });
  for (const el of document.querySelectorAll<HTMLButtonElement>('[data-quick]')) {
    el.addEventListener('click', () => {
      const q = el.dataset['quick'];
      if (q === 'evidence') showTab('evidence');
      else if (q) {
        const input = byId<HTMLInputElement>('search-input');
        input.value = q;
        input.dispatchEvent(new Event('input'));
        input.focus();
      }
    });
  }
  window.addEventListener('resize', () => graph.resize());

  window.__abscopal = {
    cy: graph.cy,
    explorer: { addGraph: (view, anchor) => graph.add(view, anchor), place, expand, showEvidence, reset: () => graph.reset() },
  };
  scheduleCounts();
  status.info('Ready. Search for a study, biomarker, drug, institution or person.');
}

function download(blob: Blob, filename: string): void {
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: filename, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
