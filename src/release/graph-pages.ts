/**
 * The accepted graph as a stream of pages in id order: what the release hash and the exports
 * read. Keyset paging (`id > last`) on the Entity.id index keeps memory bounded and each page
 * as cheap as the first, whatever the size of the graph.
 */
import { z } from 'zod';
import type { Db } from '../db/run.js';

export interface PagedRel {
  type: string;
  to: string;
  props: Record<string, unknown>;
}

export interface PagedNode {
  id: string;
  /** The node's type labels without :Entity, sorted. */
  labels: string[];
  props: Record<string, unknown>;
  /** Outgoing relationships to accepted nodes, sorted by type, target, then properties. */
  rels: PagedRel[];
}

const Row = z.object({
  id: z.string(),
  labels: z.array(z.string()),
  props: z.record(z.string(), z.unknown()),
  rels: z.array(z.object({ type: z.string(), to: z.string(), props: z.record(z.string(), z.unknown()) })),
});

export const PAGE_SIZE = 2000;

export async function* graphPages(db: Db, pageSize: number = PAGE_SIZE): AsyncGenerator<PagedNode[]> {
  let after = '';
  for (;;) {
    const rows = await db.read('release-page', { after, limit: pageSize });
    if (rows.length === 0) return;
    const page = rows.map((r) => {
      const row = Row.parse(r);
      const rels = [...row.rels].sort((a, b) => cmp(a.type, b.type) || cmp(a.to, b.to) || cmp(JSON.stringify(a.props), JSON.stringify(b.props)));
      return { id: row.id, labels: [...row.labels].sort(), props: row.props, rels };
    });
    yield page;
    const last = page[page.length - 1];
    if (!last || rows.length < pageSize) return;
    after = last.id;
  }
}

/** Code-unit order, the same as Neo4j's string order, independent of the machine's locale. */
export function cmp(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}
