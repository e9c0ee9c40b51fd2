/**
 * The status line (#status, aria-live) and the error area (#error, role=alert). Every request
 * goes through here, so loading, empty results and failures are always visible, never swallowed.
 */
import { ApiError, isAbort } from './api.js';
import { byId } from './dom.js';

export class StatusArea {
  private readonly status = byId('status');
  private readonly statusText = byId('status-text');
  private readonly errorBox = byId('error');
  private readonly errorText = byId('error-text');
  private pending = new Map<number, string>();
  private nextId = 1;
  private lastMessage = 'Ready.';

  constructor() {
    byId('error-dismiss').addEventListener('click', () => this.clearError());
    this.render();
  }

  /** Shows "message…" with a spinner until the returned function is called. */
  busy(message: string): () => void {
    const id = this.nextId++;
    this.pending.set(id, message);
    this.render();
    return () => {
      this.pending.delete(id);
      this.render();
    };
  }

  /** Runs a task under a loading message; failures go to the error area and resolve to undefined. */
  async run<T>(message: string, task: () => Promise<T>): Promise<T | undefined> {
    const done = this.busy(message);
    try {
      return await task();
    } catch (err) {
      if (!isAbort(err)) this.error(err);
      return undefined;
    } finally {
      done();
    }
  }

  info(message: string): void {
    this.lastMessage = message;
    this.render();
  }

  error(err: unknown): void {
    const text = err instanceof ApiError ? err.describe() : err instanceof Error ? `Error: ${err.message}` : `Error: ${String(err)}`;
    this.errorText.textContent = text;
    this.errorBox.hidden = false;
    this.errorBox.dataset['code'] = err instanceof ApiError ? (err.code ?? err.kind) : 'client';
    console.error(err);
  }

  clearError(): void {
    this.errorBox.hidden = true;
    this.errorText.textContent = '';
  }

  private render(): void {
    const busy = [...this.pending.values()];
    this.status.classList.toggle('busy', busy.length > 0);
    this.status.setAttribute('aria-busy', busy.length > 0 ? 'true' : 'false');
    this.statusText.textContent = busy.length > 0 ? `${busy[busy.length - 1]}…` : this.lastMessage;
  }
}
