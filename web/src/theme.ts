/** How each node type looks: one colour and one shape per type, shared by the canvas and the legend. */
import type cytoscape from 'cytoscape';
import { ENTITY_TYPES, type EntityType } from './model.js';

export interface TypeStyle {
  color: string;
  shape: cytoscape.Css.NodeShape;
  size: number;
  description: string;
}

export const TYPE_STYLE: Record<EntityType, TypeStyle> = {
  Study: { color: '#2563eb', shape: 'round-rectangle', size: 34, description: 'A trial report or analysis' },
  Trial: { color: '#4338ca', shape: 'barrel', size: 32, description: 'A registered clinical trial' },
  Institution: { color: '#0f766e', shape: 'hexagon', size: 30, description: 'Hospital or university' },
  Investigator: { color: '#15803d', shape: 'ellipse', size: 24, description: 'An author' },
  Disease: { color: '#dc2626', shape: 'octagon', size: 28, description: 'Disease by stage and setting' },
  Therapy: { color: '#ea580c', shape: 'diamond', size: 30, description: 'Drug, class, RT technique' },
  Arm: { color: '#b45309', shape: 'round-tag', size: 24, description: 'A treatment arm' },
  Outcome: { color: '#db2777', shape: 'round-triangle', size: 24, description: 'A measured result' },
  Biomarker: { color: '#9333ea', shape: 'star', size: 38, description: 'Something measured' },
  Finding: { color: '#a16207', shape: 'pentagon', size: 26, description: 'An evidence statement' },
  Source: { color: '#64748b', shape: 'rectangle', size: 18, description: 'Where a fact was read' },
};

/** Above this many elements the explorer stops re-laying out the whole graph on each addition. */
export const LARGE_GRAPH = 1000;

export function stylesheet(): cytoscape.StylesheetJson {
  const perType: cytoscape.StylesheetJson = ENTITY_TYPES.map((t) => ({
    selector: `node[type = "${t}"]`,
    style: {
      'background-color': TYPE_STYLE[t].color,
      shape: TYPE_STYLE[t].shape,
      width: TYPE_STYLE[t].size,
      height: TYPE_STYLE[t].size,
    },
  }));
  return [
    {
      selector: 'node',
      style: {
        label: 'data(label)',
        'font-size': 10,
        'font-family': 'system-ui, -apple-system, "Segoe UI", Roboto, sans-serif',
        color: '#1f2937',
        'text-valign': 'bottom',
        'text-halign': 'center',
        'text-margin-y': 4,
        'text-wrap': 'ellipsis',
        'text-max-width': '140px',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.75,
        'text-background-padding': '1px',
        // Labels vanish when they would be smaller than this on screen: cheap at low zoom.
        'min-zoomed-font-size': 7,
        'border-width': 1.5,
        'border-color': '#ffffff',
        'overlay-padding': 4,
      },
    },
    ...perType,
    {
      selector: 'edge',
      style: {
        width: 1.2,
        'line-color': '#cbd5e1',
        'target-arrow-color': '#cbd5e1',
        'target-arrow-shape': 'triangle',
        'arrow-scale': 0.7,
        'curve-style': 'bezier',
        label: 'data(label)',
        'font-size': 7,
        color: '#64748b',
        'text-rotation': 'autorotate',
        'text-background-color': '#ffffff',
        'text-background-opacity': 0.8,
        'text-background-padding': '1px',
        'min-zoomed-font-size': 8,
      },
    },
    {
      selector: 'node:selected',
      style: { 'border-width': 4, 'border-color': '#f59e0b', 'font-weight': 'bold', 'z-index': 10 },
    },
    {
      selector: 'edge:selected',
      style: { width: 2.5, 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b' },
    },
    { selector: 'node.retracted', style: { 'border-style': 'dashed', 'border-width': 3, 'border-color': '#dc2626', opacity: 0.55 } },
    { selector: 'node.focus', style: { 'border-width': 4, 'border-color': '#f59e0b' } },
    { selector: 'node.new', style: { 'border-color': '#fde68a', 'border-width': 3 } },
    { selector: 'edge.incident', style: { 'line-color': '#f59e0b', 'target-arrow-color': '#f59e0b', width: 2, color: '#92400e' } },
    // Big graphs (> LARGE_GRAPH elements): straight edges without arrows or labels, node labels only close up.
    { selector: 'edge.lite', style: { 'curve-style': 'haystack', 'haystack-radius': 0, 'target-arrow-shape': 'none', label: '' } },
    { selector: 'node.lite', style: { 'min-zoomed-font-size': 10, 'text-background-opacity': 0 } },
    { selector: '.hidden-type', style: { display: 'none' } },
  ];
}

/** A small SVG of the type's canvas shape in its colour, for the legend and badges. */
export function shapeIcon(type: EntityType, size = 16): SVGSVGElement {
  const ns = 'http://www.w3.org/2000/svg';
  const svg = document.createElementNS(ns, 'svg');
  svg.setAttribute('viewBox', '0 0 20 20');
  svg.setAttribute('width', String(size));
  svg.setAttribute('height', String(size));
  svg.setAttribute('aria-hidden', 'true');
  svg.classList.add('shape-icon');
  const { color, shape } = TYPE_STYLE[type];
  let el: SVGElement;
  const poly = (points: [number, number][]): SVGElement => {
    const p = document.createElementNS(ns, 'polygon');
    p.setAttribute('points', points.map(([x, y]) => `${x.toFixed(2)},${y.toFixed(2)}`).join(' '));
    return p;
  };
  const regular = (n: number, r: number, rotate: number): [number, number][] =>
    Array.from({ length: n }, (_, i) => {
      const a = rotate + (i * 2 * Math.PI) / n;
      return [10 + r * Math.cos(a), 10 + r * Math.sin(a)] as [number, number];
    });
  switch (shape) {
    case 'ellipse': {
      const c = document.createElementNS(ns, 'circle');
      c.setAttribute('cx', '10');
      c.setAttribute('cy', '10');
      c.setAttribute('r', '8');
      el = c;
      break;
    }
    case 'round-rectangle': {
      const r = document.createElementNS(ns, 'rect');
      for (const [k, v] of Object.entries({ x: '2', y: '4', width: '16', height: '12', rx: '3.5' })) r.setAttribute(k, v);
      el = r;
      break;
    }
    case 'barrel': {
      const p = document.createElementNS(ns, 'path');
      p.setAttribute('d', 'M4 3 Q1.5 10 4 17 L16 17 Q18.5 10 16 3 Z');
      el = p;
      break;
    }
    case 'hexagon':
      el = poly(regular(6, 9, 0));
      break;
    case 'octagon':
      el = poly(regular(8, 9, Math.PI / 8));
      break;
    case 'diamond':
      el = poly([
        [10, 1],
        [19, 10],
        [10, 19],
        [1, 10],
      ]);
      break;
    case 'round-tag':
      el = poly([
        [2, 4],
        [13, 4],
        [18, 10],
        [13, 16],
        [2, 16],
      ]);
      break;
    case 'round-triangle':
      el = poly([
        [10, 2],
        [18.5, 17.5],
        [1.5, 17.5],
      ]);
      break;
    case 'star': {
      const pts: [number, number][] = [];
      for (let i = 0; i < 10; i += 1) {
        const r = i % 2 === 0 ? 9.5 : 4;
        const a = -Math.PI / 2 + (i * Math.PI) / 5;
        pts.push([10 + r * Math.cos(a), 10.8 + r * Math.sin(a)]);
      }
      el = poly(pts);
      break;
    }
    case 'pentagon':
      el = poly(regular(5, 9, -Math.PI / 2));
      break;
    default: {
      const r = document.createElementNS(ns, 'rect');
      for (const [k, v] of Object.entries({ x: '3', y: '3', width: '14', height: '14' })) r.setAttribute(k, v);
      el = r;
    }
  }
  el.setAttribute('fill', color);
  el.setAttribute('stroke', '#ffffff');
  el.setAttribute('stroke-width', '1');
  svg.append(el);
  return svg;
}
