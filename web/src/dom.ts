/** Tiny DOM helpers: elements are built with textContent and attributes, never innerHTML. */

export type Child = Node | string | number | null | undefined | false;
export type Attrs = Record<string, string | number | boolean | null | undefined>;

export function h<K extends keyof HTMLElementTagNameMap>(tag: K, attrs: Attrs = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const el = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs)) {
    if (v === null || v === undefined || v === false) continue;
    if (k === 'class') el.className = String(v);
    else el.setAttribute(k, v === true ? '' : String(v));
  }
  append(el, children);
  return el;
}

export function append(el: Element, children: Child[]): void {
  for (const c of children) {
    if (c === null || c === undefined || c === false) continue;
    el.append(typeof c === 'number' ? String(c) : c);
  }
}

export function byId<T extends HTMLElement = HTMLElement>(id: string): T {
  const el = document.getElementById(id);
  if (!el) throw new Error(`the page has no #${id}`);
  return el as T;
}

/** Only http(s) links become anchors: nothing from the data can run script. */
export function safeUrl(url: string): string | undefined {
  try {
    const u = new URL(url);
    return u.protocol === 'https:' || u.protocol === 'http:' ? u.href : undefined;
  } catch {
    return undefined;
  }
}

/** "DOI", "PubMed", "ClinicalTrials.gov" or the host name, for a link's text. */
export function linkLabel(url: string): string {
  try {
    const u = new URL(url);
    const host = u.hostname.replace(/^www\./, '');
    if (host === 'doi.org' || host === 'dx.doi.org') return `DOI ${decodeURIComponent(u.pathname.slice(1))}`;
    if (host === 'pubmed.ncbi.nlm.nih.gov') return `PubMed ${u.pathname.replace(/\//g, '')}`;
    if (host.endsWith('clinicaltrials.gov')) return `ClinicalTrials.gov ${u.pathname.split('/').filter(Boolean).pop() ?? ''}`.trim();
    if (host.endsWith('ncbi.nlm.nih.gov') && u.pathname.includes('/pmc/')) return 'PubMed Central';
    return host;
  } catch {
    return url;
  }
}

/** An external link that opens in a new tab. */
export function extLink(url: string, testId: string, text = linkLabel(url)): HTMLElement {
  const href = safeUrl(url);
  if (!href) return h('span', { class: 'muted' }, url);
  return h('a', { href, target: '_blank', rel: 'noopener noreferrer', 'data-testid': testId, class: 'ext-link' }, text);
}

/** Runs `fn` at most once per `ms` of quiet. */
export function debounce<A extends unknown[]>(fn: (...args: A) => void, ms: number): ((...args: A) => void) & { cancel(): void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const wrapped = (...args: A): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = setTimeout(() => {
      timer = undefined;
      fn(...args);
    }, ms);
  };
  wrapped.cancel = (): void => {
    if (timer !== undefined) clearTimeout(timer);
    timer = undefined;
  };
  return wrapped;
}

export function humanize(key: string): string {
  const spaced = key.replace(/([a-z])([A-Z])/g, '$1 $2').replace(/_/g, ' ');
  return (
    spaced.charAt(0).toUpperCase() +
    spaced
      .slice(1)
      .toLowerCase()
      .replace(/\b(doi|pmid|pmcid|nct id|hr|ci|rt|icb)\b/g, (m) => m.toUpperCase())
  );
}
