/**
 * Every paging and size limit of the API, in one place: what a client may ask for (page sizes,
 * depth, breadth, cost) and what one request may cost at run time. Errors quote these numbers.
 */
import { userError } from '../errors.js';

/** Root connections: default and largest page. */
export const PAGE = { defaultSize: 20, maxSize: 100 } as const;

/** Relationship fields that grow with the graph (Biomarker.findings …): default and largest page. */
export const RELATION_PAGE = { defaultSize: 20, maxSize: 100 } as const;

/** Checked by the complexity plugin before any resolver runs. */
export const LIMITS = { depth: 12, breadth: 250, complexity: 100_000 } as const;

/**
 * biomarkerEvidence: findings and studies listed per line and pile (counts give all), and the
 * heaviest populations summarised in full per question × biomarker (beyond them the database's
 * totals count); and how many questions one request answers (each is read on its own, through
 * the finding_question index, so a request's cost follows the questions it answers).
 */
export const EVIDENCE = { listCap: 10, populations: 10, defaultQuestions: 20, maxQuestions: 50, defaultLines: 20, maxLines: 200 } as const;

/** Full-text search results per call. */
export const SEARCH = { defaultSize: 10, maxSize: 50 } as const;

/** The graph view: hops, nodes and start ids. */
export const NEIGHBOURHOOD = { maxDepth: 3, defaultLimit: 150, maxLimit: 2000, maxIds: 50 } as const;

/**
 * What one request may cost at run time (counted at the Db chokepoint): rows and approximate
 * bytes read from Neo4j, and wall time (also Neo4j's transaction timeout). Far above anything the
 * seed's examples need, far below what takes the server's memory to 500 MB.
 */
export const BUDGET = { rows: 20_000, bytes: 8_000_000, ms: 30_000 } as const;

/**
 * Whole-graph aggregates kept per graph version (src/db/aggregates.ts): how many questions, and
 * what computing one may cost. Only its time is longer than a request's (the ranking takes
 * seconds at 100k studies), so the computation outlives a requester that gave up; its rows and
 * bytes are a request's, because what it reads is held in this process's memory (the gap map
 * reads a row per finding: with more room it took a 50k-study server down).
 */
export const AGGREGATES = { maxKept: 256, budget: { rows: BUDGET.rows, bytes: BUDGET.bytes, ms: 120_000 } } as const;

/**
 * Requests whose complexity estimate reaches `expensiveFrom` run at most `concurrent` at a time;
 * up to `queued` more wait their turn (a waiting request holds no data, only its place: 64 leaves
 * room for a burst of clients such as the 30 in flight the shutdown test drains), and beyond that
 * the server answers BUSY at once.
 */
export const GATE = { expensiveFrom: 2_000, concurrent: 2, queued: 64 } as const;

/** Page-size arguments get a clear error instead of a silent clamp. */
export function checkFirst(first: number | null | undefined, max: number, arg = 'first'): void {
  if (first === null || first === undefined) return;
  checkRange(first, 0, max, arg);
}

export function checkRange(value: number, min: number, max: number, arg: string): void {
  if (!Number.isInteger(value) || value < min || value > max) {
    throw userError(`${arg} must be between ${min} and ${max}, got ${value}`, 'BAD_USER_INPUT', { argument: arg });
  }
}
