/** The details panel: the selected node's properties, its own links and its sources (secondary ones marked). */
import { isAbort, nodeDetails } from './api.js';
import { byId, extLink, h, humanize, linkLabel } from './dom.js';
import type { NodeData } from './graph.js';
import type { NodeDetails, QuoteRef, ReadAtRef, SourceRef } from './model.js';
import type { StatusArea } from './status.js';
import { shapeIcon } from './theme.js';

/** Fields shown elsewhere in the panel (title, links, sources) or not worth a row. */
const SKIP = new Set([
  '__typename',
  'id',
  'slug',
  'links',
  'sources',
  'summary',
  'statement',
  'omittedFacts',
  'quote',
  'readAt',
  'canonicalLink',
  'alsoAt',
  'status',
  'statusReason',
]);

export interface DetailsActions {
  expand(node: NodeData, depth: number): void;
  focus(node: NodeData): void;
  remove(node: NodeData): void;
}

export class DetailsPanel {
  private readonly root = byId('details');
  private controller: AbortController | undefined;
  private current: NodeData | undefined;

  constructor(
    private readonly status: StatusArea,
    private readonly actions: DetailsActions,
  ) {
    this.empty();
  }

  get selected(): NodeData | undefined {
    return this.current;
  }

  empty(): void {
    this.controller?.abort();
    this.current = undefined;
    this.root.replaceChildren(
      h('div', { class: 'placeholder' }, h('p', {}, 'Select a node to see its properties and sources.'), h('p', { class: 'muted' }, 'Double-click a node to add its neighbours.')),
    );
  }

  async show(node: NodeData): Promise<void> {
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    this.current = node;
    const body = h('div', { class: 'details-body', 'aria-busy': 'true' }, h('p', { class: 'muted loading-line' }, 'Loading details…'));
    const props = h('dl', { class: 'props' });
    for (const kv of node.properties) props.append(h('dt', {}, humanize(kv.key)), h('dd', {}, kv.value));
    this.root.replaceChildren(this.header(node), this.toolbar(node), props, body);
    const done = this.status.busy(`Loading ${node.type} details`);
    try {
      const details = await nodeDetails(node.id, node.type, controller.signal);
      if (this.current !== node) return;
      body.removeAttribute('aria-busy');
      body.replaceChildren(...this.render(details));
      props.remove();
    } catch (err) {
      if (isAbort(err)) return;
      body.removeAttribute('aria-busy');
      body.replaceChildren(h('p', { class: 'inline-error', role: 'alert' }, 'Could not load the details (see the error above).'));
      this.status.error(err);
    } finally {
      done();
    }
  }

  private header(node: NodeData): HTMLElement {
    return h(
      'header',
      { class: 'details-header' },
      h('div', { class: 'details-type' }, shapeIcon(node.type, 18), h('span', { class: `type-badge type-${node.type}` }, node.type)),
      h('h2', { id: 'details-title', 'data-testid': 'details-title' }, node.label),
      h('p', { class: 'slug muted' }, node.slug),
    );
  }

  private toolbar(node: NodeData): HTMLElement {
    const depth = h('select', { id: 'expand-depth', 'aria-label': 'Expansion depth' }, h('option', { value: '1' }, '1 hop'), h('option', { value: '2' }, '2 hops'));
    const expand = h('button', { type: 'button', id: 'expand-button', class: 'primary' }, 'Expand');
    expand.addEventListener('click', () => this.actions.expand(node, Number(depth.value)));
    const focus = h('button', { type: 'button', id: 'focus-button' }, 'Centre');
    focus.addEventListener('click', () => this.actions.focus(node));
    const remove = h('button', { type: 'button', id: 'remove-button' }, 'Remove');
    remove.addEventListener('click', () => this.actions.remove(node));
    return h('div', { class: 'details-actions' }, expand, depth, focus, remove);
  }

  private render(d: NodeDetails): Node[] {
    const out: Node[] = [];
    const text = typeof d['statement'] === 'string' ? d['statement'] : typeof d['summary'] === 'string' ? d['summary'] : undefined;
    if (typeof d['title'] === 'string' && d.__typename === 'Study') out.push(h('p', { class: 'study-title' }, d['title']));
    if (d['status'] === 'RETRACTED') {
      const why = typeof d['statusReason'] === 'string' ? `: ${d['statusReason']}` : '';
      out.push(h('p', { class: 'retracted-note', 'data-testid': 'retracted-note' }, h('strong', {}, 'Retracted'), ` (kept for the record, left out of the ranking)${why}`));
    }
    if (text) out.push(h('p', { class: d['status'] === 'RETRACTED' ? 'summary retracted-text' : 'summary' }, text));

    const dl = h('dl', { class: 'props' });
    for (const [key, value] of Object.entries(d)) {
      if (SKIP.has(key) || (d.__typename === 'Study' && key === 'title')) continue;
      const shown = formatValue(value);
      if (shown === undefined) continue;
      dl.append(h('dt', {}, humanize(key)), h('dd', {}, shown));
    }
    if (dl.childElementCount > 0) out.push(dl);

    const omitted = d['omittedFacts'];
    if (Array.isArray(omitted) && omitted.length > 0) {
      out.push(h('details', { class: 'omitted' }, h('summary', {}, `Deliberately left out (${omitted.length})`), h('ul', {}, ...omitted.map((f) => h('li', {}, String(f))))));
    }

    if (d.quote !== undefined) out.push(...quoteBlock(d.quote));

    if (d.__typename === 'Source') {
      // The work's own record first; the pages it was read on after, labelled as such.
      if (d.canonicalLink) out.push(h('h3', {}, 'Canonical record'), h('p', { class: 'canonical-link' }, extLink(d.canonicalLink, 'canonical-link')));
      const readAt = d.readAt ?? [];
      if (readAt.length > 0) out.push(h('h3', {}, `Read at (${readAt.length})`), h('ul', { class: 'read-at', 'data-testid': 'read-at' }, ...readAt.map(readAtItem)));
    }

    if (d.links && d.links.length > 0) {
      const label = d.__typename === 'Source' ? 'Links' : 'Links of this study';
      const testId = d.__typename === 'Source' ? 'source-link' : 'node-link';
      out.push(h('h3', {}, label), h('ul', { class: 'links' }, ...d.links.map((l) => h('li', {}, extLink(l, testId)))));
      if (d.__typename === 'Source' && d['secondary'] === true) out.push(h('p', { class: 'secondary-note' }, secondaryBadge(), ' news, review or aggregator: treat with care'));
    }

    if (d.sources) {
      out.push(h('h3', {}, `Sources (${d.sources.length})`));
      if (d.sources.length === 0) out.push(h('p', { class: 'muted' }, 'No sources recorded.'));
      else out.push(h('ul', { class: 'sources', id: 'details-sources' }, ...d.sources.map(sourceItem)));
    }
    return out;
  }
}

/**
 * The verbatim sentence behind a figure and the source it is from, canonical link first; an
 * explicit "unquoted" line when no sentence was found (never a paraphrase).
 */
function quoteBlock(q: QuoteRef | null): Node[] {
  if (!q) return [h('h3', {}, 'Quote'), h('p', { class: 'muted unquoted', 'data-testid': 'unquoted' }, 'Unquoted: no sentence stating this figure was found in a source read.')];
  const src = q.source;
  const link = src ? (src.canonicalLink ?? src.links[0]) : undefined;
  const name = src ? (src.title ?? src.publisher ?? src.slug ?? q.sourceSlug) : q.sourceSlug;
  return [
    h('h3', {}, 'Quote'),
    h(
      'figure',
      { class: 'quote', 'data-testid': 'quote' },
      h('blockquote', { 'data-testid': 'quote-text' }, q.text),
      h('figcaption', { class: 'muted' }, '— ', link ? extLink(link, 'quote-source', name) : name, src?.secondary ? ' ' : '', src?.secondary ? secondaryBadge() : null),
    ),
  ];
}

function readAtItem(r: ReadAtRef): HTMLElement {
  const meta = [r.kind.toLowerCase(), r.register ?? undefined].filter(Boolean).join(' · ');
  return h('li', { class: 'read-at-item' }, extLink(r.url, 'read-at-link'), h('span', { class: 'muted' }, ` ${meta}`), r.note ? h('div', { class: 'muted' }, r.note) : null);
}

export function secondaryBadge(): HTMLElement {
  return h('span', { class: 'badge secondary', 'data-testid': 'secondary-badge', title: 'Secondary source: news, press, review or aggregator' }, 'secondary');
}

export function sourceItem(s: SourceRef): HTMLElement {
  const title = s.title ?? s.publisher ?? s.url ?? (s.links[0] ? linkLabel(s.links[0]) : undefined) ?? s.slug ?? 'Untitled source';
  const meta = [s.kind.toLowerCase().replace(/_/g, ' '), s.publisher && s.title ? s.publisher : undefined, s.published ?? undefined].filter(Boolean).join(' · ');
  return h(
    'li',
    { class: s.secondary ? 'source is-secondary' : 'source', 'data-testid': 'source', 'data-secondary': s.secondary ? 'true' : 'false' },
    h('div', { class: 'source-title' }, title, s.secondary ? ' ' : '', s.secondary ? secondaryBadge() : null),
    meta ? h('div', { class: 'source-meta muted' }, meta) : null,
    // links lead with the canonical record (DOI, PubMed, ClinicalTrials.gov); mirrors are not among them.
    s.links.length > 0 ? h('div', { class: 'source-links' }, ...s.links.map((l) => extLink(l, 'source-link'))) : h('div', { class: 'muted' }, 'no link'),
  );
}

function formatValue(value: unknown): string | undefined {
  if (value === null || value === undefined || value === '') return undefined;
  if (Array.isArray(value)) return value.length === 0 ? undefined : value.map(String).join(', ');
  if (typeof value === 'boolean') return value ? 'yes' : 'no';
  if (typeof value === 'object') return undefined;
  return String(value);
}
