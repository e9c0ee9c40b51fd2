/**
 * The bounded neighbourhood behind graph views: breadth-first from the given nodes, one batched
 * query per depth level, stopping at `limit` nodes so a hub (a source cited by everything, a
 * drug class) cannot pull the whole graph into a browser.
 */

import type { Entity } from '../db/entities.js';
import type { GraphStore } from '../db/graph.js';
import type { Label } from '../db/model.js';

export interface ViewEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  detail: string | null;
}

export interface View {
  nodes: Entity[];
  edges: ViewEdge[];
  truncated: boolean;
}

export async function neighbourhood(store: GraphStore, start: readonly Entity[], depth: number, limit: number, labels: readonly Label[]): Promise<View> {
  const nodes = new Map<string, Entity>(start.map((n) => [n.id, n]));
  const edges = new Map<string, ViewEdge>();
  let frontier = start.map((n) => n.id);
  let truncated = false;
  for (let level = 0; level < depth && frontier.length > 0; level += 1) {
    // Rows are relationships, several per new node; the cap bounds what one level can return
    // and `perNode` what one hub can: a node offers at most twice the room left plus 50 of its
    // relationships (enough for neighbours reached twice), so the cost follows `limit`, not the
    // hub's degree. A full page of rows, a node that offered all it may, or a neighbour left out
    // for lack of room marks the view truncated.
    const budget = Math.max(0, limit - nodes.size);
    const cap = budget * 8 + 200;
    const perNode = budget * 2 + 50;
    const rows = await store.expand(frontier, labels, perNode, cap);
    const next: string[] = [];
    const offered = new Map<number, number>();
    for (const row of rows) {
      offered.set(row.fromIndex, (offered.get(row.fromIndex) ?? 0) + 1);
      const isNew = !nodes.has(row.neighbour.id);
      if (isNew) {
        if (nodes.size >= limit) {
          truncated = true;
          continue;
        }
        nodes.set(row.neighbour.id, row.neighbour);
        next.push(row.neighbour.id);
      }
      const id = `${row.from}-${row.type}-${row.to}`;
      if (!edges.has(id)) edges.set(id, { id, source: row.from, target: row.to, type: row.type, detail: row.detail });
    }
    if (rows.length >= cap || [...offered.values()].some((n) => n >= perNode)) truncated = true;
    frontier = next;
  }
  return { nodes: [...nodes.values()], edges: [...edges.values()], truncated };
}
