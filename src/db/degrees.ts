/**
 * The graph's own shape, for the cost estimate (src/schema/estimate.ts, applied by
 * src/http/plugins/use-cost.ts): per relationship field the 95th percentile and the maximum of
 * children per parent, and the node count per listed label, read from Neo4j once and again after
 * every write (or every minute, for writes by other processes). Below the schema, so the request
 * context can carry a snapshot without importing the schema.
 */
import { GraphStore } from './graph.js';
import { LISTED_LABELS } from './list-keys.js';
import { type EdgeName, LIST_CAP } from './model.js';
import type { Db } from './run.js';

/** Children per parent of one relationship field (the estimate's Degree has the same shape). */
export interface Degree {
  p95: number;
  max: number;
}

/** A snapshot of the graph's shape (degrees, label counts) for one request's estimate. */
export class Fanout {
  /** The field with the largest multiplier seen by the schema's own per-field complexity options. */
  widest: { field: EdgeName; multiplier: number; degree: Degree } | undefined;

  constructor(
    readonly degrees: ReadonlyMap<EdgeName, Degree>,
    readonly labels: ReadonlyMap<string, number> = new Map(),
  ) {}

  /** False when the graph's statistics could not be read yet (the database did not answer): the estimate then assumes every list full. */
  get known(): boolean {
    return this.degrees.size > 0;
  }

  /** Worst-case children per parent of `field`, given its page size (null for a capped list). */
  multiplier(field: EdgeName, page: number | null): number {
    const degree = this.degrees.get(field) ?? { p95: 0, max: LIST_CAP };
    const bound = page ?? LIST_CAP;
    const multiplier = Math.max(1, Math.min(bound, degree.max));
    if (!this.widest || multiplier > this.widest.multiplier) this.widest = { field, multiplier, degree };
    return multiplier;
  }
}

/** Keeps the degree statistics of one database fresh: re-read after any write, or after `ttlMs` (writes by other processes). */
export class DegreeStats {
  private snapshot: { degrees: Map<EdgeName, Degree>; labels: Map<string, number>; version: number; at: number } | undefined;
  private refreshing: Promise<void> | undefined;

  constructor(
    private readonly db: Db,
    private readonly ttlMs = 60_000,
  ) {}

  /** A fresh Fanout per request. Only the very first request waits for the statistics; later ones use the last snapshot while it refreshes. */
  async fanout(): Promise<Fanout> {
    const s = this.snapshot;
    const stale = !s || s.version !== this.db.writeClock.version || Date.now() - s.at > this.ttlMs;
    if (stale) {
      // A failed refresh keeps the last snapshot; with none yet, the estimate falls back to the
      // list caps and the request meets the database's own error (SERVICE_UNAVAILABLE) if it runs.
      this.refreshing ??= this.refresh()
        .catch(() => undefined)
        .finally(() => (this.refreshing = undefined));
      if (!s) await this.refreshing;
    }
    return new Fanout(this.snapshot?.degrees ?? new Map(), this.snapshot?.labels ?? new Map());
  }

  private async refresh(): Promise<void> {
    const version = this.db.writeClock.version;
    const degrees = await new GraphStore(this.db).degreeStats();
    // The count store per listed label (one lookup each, no scan); a label without one (arms,
    // outcomes) leaves its relationship fields bounded by their degrees alone.
    const store = new GraphStore(this.db);
    const labels = new Map<string, number>();
    for (const label of LISTED_LABELS) labels.set(label, await store.count(label, null));
    this.snapshot = { degrees, labels, version, at: Date.now() };
  }
}
