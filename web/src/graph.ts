/**
 * The canvas: a Cytoscape.js graph that grows as people search and expand. Additions are batched,
 * new nodes start next to the node they were reached from, and the layout is incremental
 * (fcose with randomize:false) while the graph is small; past LARGE_GRAPH elements only the new
 * nodes are placed, on rings around their anchor, so a few thousand elements stay responsive.
 */
import cytoscape from 'cytoscape';
import fcose from 'cytoscape-fcose';
import type { EntityType, GraphEdge, GraphNode, Neighborhood } from './model.js';
import { LARGE_GRAPH, stylesheet } from './theme.js';

cytoscape.use(fcose);

const COMFORT_ZOOM = 1.4;

export interface NodeData {
  id: string;
  type: EntityType;
  label: string;
  slug: string;
  properties: GraphNode['properties'];
}

export interface AddResult {
  addedNodes: number;
  addedEdges: number;
  totalNodes: number;
  totalEdges: number;
  layout: 'fcose' | 'fcose-incremental' | 'fcose-draft' | 'rings' | 'none';
  ms: number;
}

interface FcoseOptions extends cytoscape.BaseLayoutOptions {
  name: 'fcose';
  quality: 'draft' | 'default' | 'proof';
  randomize: boolean;
  animate: boolean;
  animationDuration?: number;
  fit: boolean;
  padding: number;
  nodeDimensionsIncludeLabels?: boolean;
  packComponents?: boolean;
  nodeRepulsion?: number;
  idealEdgeLength?: number;
  numIter?: number;
  initialEnergyOnIncremental?: number;
  fixedNodeConstraint?: { nodeId: string; position: cytoscape.Position }[];
}

export interface GraphEvents {
  select(node: NodeData): void;
  unselect(): void;
  expand(node: NodeData): void;
  change(): void;
}

export class GraphView {
  readonly cy: cytoscape.Core;
  private readonly hidden = new Set<EntityType>();
  private running: cytoscape.Layouts | undefined;
  /** Whether the cheap "lite" styles are on (see theme.ts); switched at LARGE_GRAPH elements. */
  private lite = false;

  constructor(container: HTMLElement, events: GraphEvents) {
    this.cy = cytoscape({
      container,
      style: stylesheet(),
      minZoom: 0.05,
      maxZoom: 4,
      selectionType: 'single',
      boxSelectionEnabled: false,
      // Cheaper redraws while panning/zooming big graphs.
      textureOnViewport: false,
      motionBlur: false,
    });
    this.cy.on('select', 'node', (e) => {
      const node = e.target as cytoscape.NodeSingular;
      this.cy.edges('.incident').removeClass('incident');
      node.connectedEdges().addClass('incident');
      events.select(node.data() as NodeData);
    });
    this.cy.on('unselect', 'node', () => {
      if (this.cy.nodes(':selected').empty()) {
        this.cy.edges('.incident').removeClass('incident');
        events.unselect();
      }
    });
    this.cy.on('dbltap', 'node', (e) => events.expand((e.target as cytoscape.NodeSingular).data() as NodeData));
    this.cy.on('add remove', () => events.change());
  }

  get nodeCount(): number {
    return this.cy.nodes().length;
  }

  get edgeCount(): number {
    return this.cy.edges().length;
  }

  has(id: string): boolean {
    return this.cy.getElementById(id).nonempty();
  }

  /** Count of nodes per type currently on the canvas. */
  countsByType(): Map<EntityType, number> {
    const counts = new Map<EntityType, number>();
    this.cy.nodes().forEach((n) => {
      const t = n.data('type') as EntityType;
      counts.set(t, (counts.get(t) ?? 0) + 1);
    });
    return counts;
  }

  /**
   * Adds a neighbourhood's nodes and edges that are not yet on the canvas, places them near
   * `anchor` (the node expanded), and lays out. Resolves when the layout has stopped.
   */
  async add(view: Pick<Neighborhood, 'nodes' | 'edges'>, anchor?: string): Promise<AddResult> {
    const t0 = performance.now();
    const cy = this.cy;
    const wasEmpty = cy.nodes().empty();
    const fresh: GraphNode[] = view.nodes.filter((n) => !this.has(n.id));
    const freshIds = new Set(fresh.map((n) => n.id));
    const present = (id: string): boolean => freshIds.has(id) || this.has(id);
    const freshEdges: GraphEdge[] = view.edges.filter((e) => !this.has(e.id) && present(e.source) && present(e.target));

    const anchorEl = anchor ? cy.getElementById(anchor) : undefined;
    const centre = anchorEl?.nonempty() ? { ...anchorEl.position() } : this.centreOfView();
    const ring = ringPositions(centre, fresh.length, wasEmpty ? 60 : 90);

    let added = cy.collection();
    cy.batch(() => {
      cy.nodes('.new').removeClass('new');
      const defs: cytoscape.ElementDefinition[] = [];
      fresh.forEach((n, i) => {
        // Retracted findings and outcomes stay on the canvas, drawn dashed and labelled as such.
        const retracted = n.properties.some((p) => p.key === 'status' && p.value === 'RETRACTED');
        const data: NodeData = { id: n.id, type: n.type, label: retracted ? `[retracted] ${n.label}` : n.label, slug: n.slug, properties: n.properties };
        const classes = [this.hidden.has(n.type) ? 'hidden-type' : '', retracted ? 'retracted' : ''].filter(Boolean).join(' ');
        const def: cytoscape.ElementDefinition = { group: 'nodes', data, classes };
        const pos = ring[i];
        if (pos) def.position = pos;
        defs.push(def);
      });
      for (const e of freshEdges) {
        defs.push({ group: 'edges', data: { id: e.id, source: e.source, target: e.target, type: e.type, label: e.label } });
      }
      added = cy.add(defs);
      if (!wasEmpty) added.nodes().addClass('new');
      this.updateLite(added);
    });

    let layout: AddResult['layout'] = 'none';
    if (added.nonempty()) layout = await this.layout(wasEmpty, added);
    return {
      addedNodes: added.nodes().length,
      addedEdges: added.edges().length,
      totalNodes: cy.nodes().length,
      totalEdges: cy.edges().length,
      layout,
      ms: Math.round(performance.now() - t0),
    };
  }

  private updateLite(added: cytoscape.Collection): void {
    const want = this.cy.elements().length > LARGE_GRAPH;
    if (want !== this.lite) {
      this.lite = want;
      if (want) this.cy.elements().addClass('lite');
      else this.cy.elements().removeClass('lite');
    } else if (want) added.addClass('lite');
  }

  private centreOfView(): cytoscape.Position {
    const ext = this.cy.extent();
    return { x: (ext.x1 + ext.x2) / 2, y: (ext.y1 + ext.y2) / 2 };
  }

  private async layout(wasEmpty: boolean, added: cytoscape.Collection): Promise<AddResult['layout']> {
    this.running?.stop();
    const cy = this.cy;
    const total = cy.elements().length;
    const visibleNodes = cy.nodes().not('.hidden-type');
    const eles = visibleNodes.union(visibleNodes.edgesWith(visibleNodes));
    if (!wasEmpty && total > LARGE_GRAPH) {
      // Big graph: keep everything where it is; the new nodes are already on rings around their anchor.
      cy.animate({ fit: { eles: added.nodes().union(added.nodes().neighborhood().nodes()), padding: 40 } }, { duration: 250 });
      return 'rings';
    }
    const nodes = visibleNodes.length;
    const name: AddResult['layout'] = wasEmpty ? (total > LARGE_GRAPH ? 'fcose-draft' : 'fcose') : 'fcose-incremental';
    const opts: FcoseOptions = {
      name: 'fcose',
      quality: name === 'fcose-draft' ? 'draft' : nodes <= 150 ? 'proof' : 'default',
      randomize: wasEmpty,
      animate: !wasEmpty && nodes < 400,
      animationDuration: 450,
      fit: true,
      padding: 40,
      nodeDimensionsIncludeLabels: nodes <= 150,
      packComponents: false,
      nodeRepulsion: nodes <= 150 ? 16000 : 9000,
      idealEdgeLength: nodes > 300 ? 70 : 110,
      numIter: nodes > 600 ? 1200 : 2500,
      initialEnergyOnIncremental: 0.5,
    };
    const layout = eles.layout(opts as cytoscape.LayoutOptions);
    this.running = layout;
    const stopped = layout.promiseOn('layoutstop');
    layout.run();
    await stopped;
    if (this.running === layout) this.running = undefined;
    // A handful of nodes would otherwise be fitted at a huge zoom.
    if (cy.zoom() > COMFORT_ZOOM) {
      cy.zoom(COMFORT_ZOOM);
      cy.center(eles);
    }
    return name;
  }

  setTypeVisible(type: EntityType, visible: boolean): void {
    if (visible) this.hidden.delete(type);
    else this.hidden.add(type);
    this.cy.batch(() => {
      const nodes = this.cy.nodes().filter((n) => n.data('type') === type);
      if (visible) nodes.removeClass('hidden-type');
      else {
        nodes.removeClass('hidden-type').addClass('hidden-type');
        nodes.filter(':selected').unselect();
      }
    });
  }

  select(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.empty()) return;
    this.cy.nodes(':selected').unselect();
    n.select();
  }

  centreOn(id: string): void {
    const n = this.cy.getElementById(id);
    if (n.nonempty()) this.cy.animate({ center: { eles: n }, zoom: Math.max(this.cy.zoom(), 1) }, { duration: 300 });
  }

  remove(id: string): void {
    this.cy.getElementById(id).remove();
  }

  fit(): void {
    this.cy.animate({ fit: { eles: this.cy.elements(':visible'), padding: 40 } }, { duration: 300 });
  }

  reset(): void {
    this.running?.stop();
    this.cy.elements().remove();
    this.lite = false;
    this.cy.reset();
  }

  /**
   * Runs `change` (which resizes the container) and keeps what was in the middle of the view in
   * the middle once the new size is in effect.
   */
  keepCentre(change: () => void): void {
    const before = this.centreOfView();
    change();
    requestAnimationFrame(() => {
      this.cy.resize();
      const z = this.cy.zoom();
      this.cy.pan({ x: this.cy.width() / 2 - before.x * z, y: this.cy.height() / 2 - before.y * z });
    });
  }

  resize(): void {
    this.cy.resize();
  }

  pngBlob(): Blob {
    return this.cy.png({ output: 'blob', full: true, scale: 2, bg: '#ffffff', maxWidth: 8000, maxHeight: 8000 });
  }

  json(): string {
    return JSON.stringify(this.cy.json(), null, 2);
  }
}

/** Positions on concentric rings around `centre`: a cheap, non-overlapping start for new nodes. */
export function ringPositions(centre: cytoscape.Position, count: number, firstRadius: number): cytoscape.Position[] {
  const out: cytoscape.Position[] = [];
  let ring = 0;
  while (out.length < count) {
    const radius = firstRadius + ring * 55;
    const capacity = Math.max(6, Math.floor((2 * Math.PI * radius) / 45));
    const n = Math.min(capacity, count - out.length);
    const offset = ring * 0.37;
    for (let i = 0; i < n; i += 1) {
      const a = offset + (i * 2 * Math.PI) / n;
      out.push({ x: centre.x + radius * Math.cos(a), y: centre.y + radius * Math.sin(a) });
    }
    ring += 1;
  }
  return out;
}
