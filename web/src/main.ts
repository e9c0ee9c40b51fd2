/**
 * Abscopal graph explorer: search → place on the canvas → expand → read details and sources,
 * plus the RT + ICB biomarker evidence ranking, the evidence-gap map and effect-size forest
 * plots. Talks only to the public GraphQL API. Each view is its own module in views/; this file
 * only wires them together.
 *
 * Test / automation hook: `window.__abscopal = { cy, explorer }` gives scripts the Cytoscape core
 * (to select a node, count elements) and the explorer's own add/expand/reset entry points.
 */
import type { AddResult, GraphView } from './graph.js';
import type { BiomarkerEvidence, Neighborhood, SearchHit } from './model.js';
import { StatusArea } from './status.js';
import { explainGraph } from './views/analysis-api.js';
import { EvidencePanel } from './views/evidence-view.js';
import { ForestView } from './views/forest-view.js';
import { GapsView } from './views/gaps-view.js';
import { CanvasView } from './views/graph-view.js';
import { Tabs } from './views/tabs.js';

export interface ExplorerApi {
  /** Adds a neighbourhood-shaped graph through the same path as the UI (batch + layout). */
  addGraph(view: Pick<Neighborhood, 'nodes' | 'edges'>, anchor?: string): Promise<AddResult>;
  place(hit: Pick<SearchHit, 'id' | 'label' | 'type'>): Promise<void>;
  expand(id: string, depth?: number): Promise<void>;
  showEvidence(biomarkerId: string, name: string): Promise<void>;
  explain(biomarkerSlug: string, name: string): Promise<void>;
  reset(): void;
}

declare global {
  interface Window {
    __abscopal?: { cy: GraphView['cy']; explorer: ExplorerApi };
  }
}

function main(): void {
  const status = new StatusArea();
  // The canvas needs the tabs (a selected node opens Details) and the tabs need the canvas
  // (widening the panel keeps the graph centred): the tabs reach the canvas lazily.
  let canvas: CanvasView | undefined;
  const tabs = new Tabs(
    (change) => (canvas ? canvas.graph.keepCentre(change) : change()),
    (tab) => {
      if (tab === 'evidence') void evidence.load();
      if (tab === 'gaps') void gaps.load();
      if (tab === 'forest') void forest.load();
    },
  );
  canvas = new CanvasView(status, (tab) => tabs.show(tab));
  const view = canvas;

  async function explain(slug: string, name: string): Promise<void> {
    status.clearError();
    await status.run(`Explaining ${name}`, async () => {
      const x = await explainGraph(slug);
      const r = await view.showView(x, x.nodes.find((n) => n.type === 'Biomarker')?.id);
      status.info(
        `Why ${name} ranks where it does: ${x.paths} path${x.paths === 1 ? '' : 's'}, ${r.totalNodes} nodes (finding → study → trial → institution / investigator → source).`,
      );
    });
  }

  const evidence = new EvidencePanel(status, {
    showOnGraph: (row: BiomarkerEvidence) => void view.showEvidence(row.biomarker.id, row.biomarker.name),
    explain: (row: BiomarkerEvidence) => void explain(row.biomarker.slug, row.biomarker.name),
  });
  const gaps = new GapsView(status);
  const forest = new ForestView(status);

  window.__abscopal = {
    cy: view.graph.cy,
    explorer: {
      addGraph: (g, anchor) => view.graph.add(g, anchor),
      place: (hit) => view.place(hit),
      expand: (id, depth) => view.expand(id, depth),
      showEvidence: (id, name) => view.showEvidence(id, name),
      explain,
      reset: () => view.graph.reset(),
    },
  };
  status.info('Ready. Search for a study, biomarker, drug, institution or person.');
}

if (document.readyState === 'loading') document.addEventListener('DOMContentLoaded', main);
else main();
