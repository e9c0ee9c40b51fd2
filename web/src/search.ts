/** The search box: debounced full-text search as you type, with a keyboard-friendly suggestion list. */
import { ApiError, isAbort, search } from './api.js';
import { byId, debounce, h } from './dom.js';
import type { SearchHit } from './model.js';
import type { StatusArea } from './status.js';
import { shapeIcon } from './theme.js';

export class SearchBox {
  private readonly input = byId<HTMLInputElement>('search-input');
  private readonly list = byId<HTMLUListElement>('suggestions');
  private readonly form = byId<HTMLFormElement>('search-form');
  private hits: SearchHit[] = [];
  private active = -1;
  private controller: AbortController | undefined;
  private seq = 0;

  constructor(
    private readonly status: StatusArea,
    private readonly pick: (hit: SearchHit) => void,
  ) {
    const run = debounce(() => void this.query(this.input.value), 250);
    this.input.addEventListener('input', () => {
      if (this.input.value.trim().length < 2) {
        run.cancel();
        this.controller?.abort();
        this.close();
        return;
      }
      run();
    });
    this.input.addEventListener('keydown', (e) => this.onKey(e));
    this.input.addEventListener('focus', () => {
      if (this.hits.length > 0) this.open();
    });
    this.form.addEventListener('submit', (e) => {
      e.preventDefault();
      run.cancel();
      const hit = this.hits[this.active] ?? this.hits[0];
      if (hit && this.list.classList.contains('open')) this.choose(hit);
      else void this.query(this.input.value);
    });
    document.addEventListener('pointerdown', (e) => {
      if (!this.form.contains(e.target as Node)) this.close();
    });
  }

  private async query(raw: string): Promise<void> {
    const text = raw.trim();
    if (text.length < 2) return;
    this.controller?.abort();
    const controller = new AbortController();
    this.controller = controller;
    const seq = ++this.seq;
    const done = this.status.busy(`Searching for “${text}”`);
    this.renderMessage('Searching…', 'loading');
    try {
      const hits = await search(text, controller.signal);
      if (seq !== this.seq) return;
      this.hits = hits;
      this.active = -1;
      if (hits.length === 0) {
        this.renderMessage(`No matches for “${text}”`, 'empty');
        this.status.info(`No matches for “${text}”.`);
      } else {
        this.render();
        this.status.info(`${hits.length} match${hits.length === 1 ? '' : 'es'} for “${text}”.`);
      }
    } catch (err) {
      if (isAbort(err) || seq !== this.seq) return;
      this.hits = [];
      this.renderMessage(err instanceof ApiError ? err.describe() : 'Search failed', 'error');
      this.status.error(err);
    } finally {
      done();
    }
  }

  private render(): void {
    this.list.replaceChildren(
      ...this.hits.map((hit, i) => {
        const li = h(
          'li',
          {
            id: `suggestion-${i}`,
            role: 'option',
            class: 'suggestion',
            'data-testid': 'suggestion',
            'data-type': hit.type,
            'aria-selected': i === this.active ? 'true' : 'false',
          },
          shapeIcon(hit.type, 14),
          h('span', { class: 'suggestion-label' }, hit.label),
          h('span', { class: `type-badge type-${hit.type}` }, hit.type),
        );
        li.title = `${hit.type}: ${hit.label} (${hit.slug})`;
        li.addEventListener('pointerdown', (e) => e.preventDefault()); // keep focus in the input
        li.addEventListener('click', () => this.choose(hit));
        return li;
      }),
    );
    this.open();
    this.input.setAttribute('aria-activedescendant', this.active >= 0 ? `suggestion-${this.active}` : '');
  }

  private renderMessage(text: string, kind: 'loading' | 'empty' | 'error'): void {
    this.list.replaceChildren(h('li', { class: `suggestion-message ${kind}`, 'data-testid': kind === 'empty' ? 'no-matches' : `search-${kind}`, role: 'presentation' }, text));
    this.open();
  }

  private onKey(e: KeyboardEvent): void {
    if (e.key === 'Escape') {
      this.close();
      return;
    }
    if (e.key !== 'ArrowDown' && e.key !== 'ArrowUp') return;
    if (this.hits.length === 0) return;
    e.preventDefault();
    const n = this.hits.length;
    this.active = e.key === 'ArrowDown' ? (this.active + 1) % n : (this.active - 1 + n) % n;
    this.render();
    document.getElementById(`suggestion-${this.active}`)?.scrollIntoView({ block: 'nearest' });
  }

  private choose(hit: SearchHit): void {
    this.close();
    this.input.value = hit.label;
    this.pick(hit);
  }

  private open(): void {
    this.list.classList.add('open');
    this.input.setAttribute('aria-expanded', 'true');
  }

  private close(): void {
    this.list.classList.remove('open');
    this.input.setAttribute('aria-expanded', 'false');
    this.input.removeAttribute('aria-activedescendant');
  }
}
