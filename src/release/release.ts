/**
 * Releases: an id derived from the accepted graph's content (sha256 over the canonical export,
 * computed by the process from Neo4j's pages, so it is the same for the same content on any
 * machine and changes whenever accepted data changes).
 *
 * Cost: hashing reads the whole graph, so it runs only when the graph was written. Writers call
 * `refreshRelease(db)` after they commit: it hashes once, records (:Release) and moves the
 * (:ReleaseMarker) to it. Every server instance keeps its release in memory and re-reads the
 * marker (one indexed single-node lookup) at most every `checkIntervalMs`, or at once after it
 * served a mutation; a moved marker already names the new release, so the other instances
 * converge without hashing anything themselves. A marker that is missing (a graph loaded by a
 * writer that did not call refreshRelease) makes the first instance that notices hash the graph.
 */
import { createHash } from 'node:crypto';
import { z } from 'zod';
import type { Db } from '../db/run.js';
import { canonical } from './canonical.js';
import { graphPages } from './graph-pages.js';

export interface ReleaseCount {
  kind: 'NODE' | 'RELATIONSHIP';
  name: string;
  count: number;
}

export interface Release {
  id: string;
  /** When this content was first recorded as a release (ISO 8601). */
  createdAt: string;
  /** The write that first produced this content (an import and its records, an accepted submission, a seed load); null for releases recorded before causes were. */
  cause: string | null;
  counts: ReleaseCount[];
  tags: string[];
}

export interface Hashed {
  id: string;
  counts: ReleaseCount[];
  ms: number;
}

/** The length of the hex prefix of the sha256 that names a release (64 bits). */
const ID_LENGTH = 16;

export async function hashGraph(db: Db): Promise<Hashed> {
  const started = performance.now();
  const hash = createHash('sha256');
  const nodes = new Map<string, number>();
  const rels = new Map<string, number>();
  for await (const page of graphPages(db)) {
    for (const n of page) {
      hash.update(JSON.stringify(canonical([n.id, n.labels, n.props, n.rels.map((r) => [r.type, r.to, r.props])])));
      hash.update('\n');
      for (const l of n.labels) nodes.set(l, (nodes.get(l) ?? 0) + 1);
      for (const r of n.rels) rels.set(r.type, (rels.get(r.type) ?? 0) + 1);
    }
  }
  const counts: ReleaseCount[] = [
    ...[...nodes].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, count]) => ({ kind: 'NODE' as const, name, count })),
    ...[...rels].sort(([a], [b]) => (a < b ? -1 : 1)).map(([name, count]) => ({ kind: 'RELATIONSHIP' as const, name, count })),
  ];
  return { id: hash.digest('hex').slice(0, ID_LENGTH), counts, ms: performance.now() - started };
}

const CountsJson = z.array(z.object({ kind: z.enum(['NODE', 'RELATIONSHIP']), name: z.string(), count: z.number() }));
const ReleaseRow = z.object({
  id: z.string(),
  createdAt: z.string(),
  counts: z.string(),
  cause: z.string().nullable().default(null),
  tags: z.array(z.string()).default([]),
});

function toRelease(row: unknown): Release {
  const r = ReleaseRow.parse(row);
  return { id: r.id, createdAt: r.createdAt, counts: CountsJson.parse(JSON.parse(r.counts)), cause: r.cause, tags: r.tags };
}

/** A release's cause is a line for a reader, not a log: long record lists are cut. */
const CAUSE_MAX = 1000;

/**
 * Call after every committed write (seed, import, curation accept): hashes the graph, records the
 * release with `cause` (what the write was, for a reader of the release list) and moves the
 * marker, so every instance serves the new id. Returns the release.
 */
export async function refreshRelease(db: Db, cause: string): Promise<Release & { ms: number }> {
  const hashed = await hashGraph(db);
  const said = cause.length > CAUSE_MAX ? `${cause.slice(0, CAUSE_MAX - 2)} …` : cause;
  const rows = await db.write((tx) => tx.run('release-record', { id: hashed.id, createdAt: new Date().toISOString(), counts: JSON.stringify(hashed.counts), cause: said }));
  const recorded = toRelease({ ...rows[0], tags: [] });
  const withTags = await findRelease(db, { id: recorded.id });
  return { ...(withTags ?? recorded), ms: hashed.ms };
}

interface Marker {
  seq: number | null;
  release: Release | null;
}

async function readMarker(db: Db): Promise<Marker> {
  const row = (await db.read('release-marker'))[0] ?? {};
  const seq = row['seq'];
  return {
    seq: seq === null || seq === undefined ? null : Number(seq),
    release: row['id'] ? toRelease(row) : null,
  };
}

export async function findRelease(db: Db, key: { id?: string | null; tag?: string | null }): Promise<Release | null> {
  const rows = await db.read('release-by-key', { id: key.id ?? null, tag: key.tag ?? null });
  return rows[0] ? toRelease(rows[0]) : null;
}

export async function tagRelease(db: Db, name: string, id: string): Promise<{ name: string; id: string } | null> {
  const rows = await db.write((tx) => tx.run('release-tag', { name, id, at: new Date().toISOString() }));
  const row = rows[0];
  return row ? { name: String(row['name']), id: String(row['id']) } : null;
}

export interface TaggedRelease {
  name: string;
  id: string;
  taggedAt: string;
}

export async function listTags(db: Db): Promise<TaggedRelease[]> {
  const rows = await db.read('release-list');
  return rows.map((r) => z.object({ name: z.string(), id: z.string(), taggedAt: z.string() }).parse(r));
}

export interface TrackerOptions {
  /** How stale an instance's release may get before it re-reads the marker. */
  checkIntervalMs?: number;
  now?: () => number;
}

/** One per app: the release this instance serves, kept in memory and re-checked cheaply. */
export class ReleaseTracker {
  private cached: Release | null = null;
  private seq: number | null = null;
  private checkedAt = Number.NEGATIVE_INFINITY;
  private dirty = true;
  private pending: Promise<Release> | null = null;
  private readonly interval: number;
  private readonly now: () => number;

  constructor(
    private readonly db: Db,
    options: TrackerOptions = {},
  ) {
    this.interval = options.checkIntervalMs ?? 1000;
    this.now = options.now ?? Date.now;
  }

  /** The release as last seen, without any I/O (null before the first check). */
  peek(): Release | null {
    return this.cached;
  }

  /** The current release: from memory, or after a marker check when due or invalidated. */
  async current(): Promise<Release> {
    if (this.cached && !this.dirty && this.now() - this.checkedAt < this.interval) return this.cached;
    this.pending ??= this.check().finally(() => {
      this.pending = null;
    });
    return this.pending;
  }

  /** Forces a marker check on the next request (after this instance served a write). */
  invalidate(): void {
    this.dirty = true;
  }

  /** Hashes now and records the result (after a write made by this process). */
  async refresh(cause: string): Promise<Release> {
    const release = await refreshRelease(this.db, cause);
    this.adopt(release, null);
    return release;
  }

  private async check(): Promise<Release> {
    this.dirty = false;
    let marker: Awaited<ReturnType<typeof readMarker>>;
    try {
      marker = await readMarker(this.db);
    } catch (err) {
      // Neo4j unreachable: keep answering with the release last seen (nothing can have been
      // written meanwhile through a database nobody reaches), and let the request itself meet the
      // fail-fast path with its retry hint. With no release seen yet there is nothing to fall back on.
      if (this.cached === null) throw err;
      this.checkedAt = this.now();
      return this.cached;
    }
    this.checkedAt = this.now();
    if (marker.release && (marker.seq !== this.seq || !this.cached)) this.adopt(marker.release, marker.seq);
    if (this.cached && marker.release) return this.cached;
    // No release recorded for this graph yet: hash it once and record it for every instance.
    const fresh = await refreshRelease(this.db, 'first served: the graph was written without recording a release');
    const after = await readMarker(this.db);
    this.adopt(fresh, after.seq);
    return fresh;
  }

  private adopt(release: Release, seq: number | null): void {
    this.cached = release;
    this.seq = seq;
  }
}
