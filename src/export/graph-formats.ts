/**
 * The whole accepted graph as GraphML (Cytoscape desktop, Gephi) and as Cytoscape.js elements
 * JSON, streamed page by page in id order: the same release gives byte-identical files.
 * Nodes come first and edges in a second pass, because GraphML readers expect an edge's
 * endpoints to be declared already.
 */
import { withoutListKeys } from '../db/list-keys.js';
import type { Db } from '../db/run.js';
import { plain } from '../release/canonical.js';
import { graphPages, type PagedNode } from '../release/graph-pages.js';
import { nodeLabel } from './labels.js';

const XML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' };
export function xml(value: string): string {
  // Characters XML 1.0 forbids cannot appear even escaped: drop them.
  // eslint-disable-next-line no-control-regex
  return value.replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F]/g, '').replace(/[&<>"']/g, (c) => XML_ESCAPES[c] ?? c);
}

const typeOf = (n: PagedNode): string => n.labels[0] ?? 'Entity';
const edgeId = (from: string, type: string, to: string): string => `${from}-${type}-${to}`;

export async function* graphml(db: Db, release: string): AsyncGenerator<string> {
  yield '<?xml version="1.0" encoding="UTF-8"?>\n';
  yield '<graphml xmlns="http://graphml.graphdrawing.org/xmlns" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:schemaLocation="http://graphml.graphdrawing.org/xmlns http://graphml.graphdrawing.org/xmlns/1.0/graphml.xsd">\n';
  yield '  <key id="release" for="graph" attr.name="release" attr.type="string"/>\n';
  yield '  <key id="type" for="node" attr.name="type" attr.type="string"/>\n';
  yield '  <key id="label" for="node" attr.name="label" attr.type="string"/>\n';
  yield '  <key id="props" for="node" attr.name="properties" attr.type="string"/>\n';
  yield '  <key id="etype" for="edge" attr.name="type" attr.type="string"/>\n';
  yield '  <key id="eprops" for="edge" attr.name="properties" attr.type="string"/>\n';
  yield '  <graph id="abscopal" edgedefault="directed">\n';
  yield `    <data key="release">${xml(release)}</data>\n`;
  for await (const page of graphPages(db)) {
    let chunk = '';
    for (const n of page) {
      chunk += `    <node id="${xml(n.id)}"><data key="type">${xml(typeOf(n))}</data><data key="label">${xml(nodeLabel(typeOf(n), n.id, n.props))}</data><data key="props">${xml(JSON.stringify(plain(withoutListKeys(n.props))))}</data></node>\n`;
    }
    yield chunk;
  }
  for await (const page of graphPages(db)) {
    let chunk = '';
    for (const n of page) {
      for (const r of n.rels) {
        chunk += `    <edge id="${xml(edgeId(n.id, r.type, r.to))}" source="${xml(n.id)}" target="${xml(r.to)}"><data key="etype">${xml(r.type)}</data><data key="eprops">${xml(JSON.stringify(plain(r.props)))}</data></edge>\n`;
      }
    }
    yield chunk;
  }
  yield '  </graph>\n</graphml>\n';
}

/**
 * Cytoscape.js elements: `{ release, elements: { nodes: [{ data }], edges: [{ data }] } }`; each
 * data holds id, type, label (source/target on edges) and the stored `properties` apart, since a
 * Finding's own `type` property would otherwise clash with the node type.
 */
export async function* cytoscapeJson(db: Db, release: string): AsyncGenerator<string> {
  yield `{"release":${JSON.stringify(release)},"elements":{"nodes":[`;
  let first = true;
  for await (const page of graphPages(db)) {
    const parts = page.map((n) => JSON.stringify({ data: { id: n.id, type: typeOf(n), label: nodeLabel(typeOf(n), n.id, n.props), properties: plain(withoutListKeys(n.props)) } }));
    if (parts.length === 0) continue;
    yield `${first ? '' : ','}\n${parts.join(',\n')}`;
    first = false;
  }
  yield '\n],"edges":[';
  first = true;
  for await (const page of graphPages(db)) {
    const parts = page.flatMap((n) =>
      n.rels.map((r) => JSON.stringify({ data: { id: edgeId(n.id, r.type, r.to), source: n.id, target: r.to, type: r.type, properties: plain(r.props) } })),
    );
    if (parts.length === 0) continue;
    yield `${first ? '' : ','}\n${parts.join(',\n')}`;
    first = false;
  }
  yield '\n]}}\n';
}
