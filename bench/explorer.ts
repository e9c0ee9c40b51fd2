/**
 * The explorer page's speed and memory with a few thousand elements, in Debian's chromium
 * (headless, driven by playwright-core) against a running server. Everything goes through the
 * page hook `window.__abscopal.explorer.addGraph(view, anchor?)`, the code path the UI uses for
 * search results and expansions (batched add + layout). Each figure is a ratio against a baseline
 * measured in the same run, in the same browser:
 *   - fresh load of 3000 elements (1000 nodes + 2000 edges) vs 300 (100 + 200), to the second frame;
 *   - adding 100 nodes onto the 3000-element graph, against the fresh 3000-element load;
 *   - frame time of a zoom/pan gesture at ~3200 elements (the 3000 + 100 nodes and their edges) vs
 *     300 (requestAnimationFrame intervals, and the main-thread work per frame, which is not
 *     capped by the display rate);
 *   - JS heap after loading 3000 vs 300 elements (CDP Performance.getMetrics after a forced GC).
 */
import { existsSync } from 'node:fs';
import { type Browser, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env['ABSCOPAL_CHROMIUM'] ?? '/usr/bin/chromium';
const CHROMIUM_ARGS = ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'];
const VIEWPORT = { width: 1440, height: 900 };
const REPS = Number(process.env['BENCH_EXPLORER_REPS'] ?? 5);
const FRAMES = 60;

export interface SyntheticNode {
  id: string;
  slug: string;
  type: string;
  label: string;
  properties: never[];
}
export interface SyntheticEdge {
  id: string;
  source: string;
  target: string;
  type: string;
  label: string;
}
export interface SyntheticGraph {
  nodes: SyntheticNode[];
  edges: SyntheticEdge[];
}

const TYPES = ['Study', 'Trial', 'Institution', 'Investigator', 'Disease', 'Therapy', 'Arm', 'Outcome', 'Biomarker', 'Finding', 'Source'];

/**
 * `nodes` nodes and 2×`nodes` edges: a tree (so the graph is connected) plus deterministic
 * pseudo-random cross links. The browser test uses the same graph (nodes = 1000).
 */
export function syntheticGraph(nodeCount: number): SyntheticGraph {
  const nodes = Array.from({ length: nodeCount }, (_, i) => ({
    id: `n${i}`,
    slug: `n${i}`,
    type: TYPES[i % TYPES.length] ?? 'Study',
    label: `Synthetic node ${i}`,
    properties: [],
  }));
  const edges: SyntheticEdge[] = [];
  for (let i = 1; i < nodeCount; i += 1) edges.push({ id: `t${i}`, source: `n${Math.floor((i - 1) / 3)}`, target: `n${i}`, type: 'RELATES', label: 'RELATES' });
  let seed = 7;
  const rand = (): number => {
    seed = (seed * 16807) % 2147483647;
    return seed / 2147483647;
  };
  while (edges.length < 2 * nodeCount) {
    const a = Math.floor(rand() * nodeCount);
    const b = Math.floor(rand() * nodeCount);
    if (a !== b) edges.push({ id: `x${edges.length}`, source: `n${a}`, target: `n${b}`, type: 'CITES', label: 'CITES' });
  }
  return { nodes, edges };
}

/** `count` extra Finding nodes, each linked to `anchor`. */
export function extraNodes(count: number, anchor: string): SyntheticGraph {
  const nodes = Array.from({ length: count }, (_, i) => ({ id: `m${i}`, slug: `m${i}`, type: 'Finding', label: `More ${i}`, properties: [] }));
  return { nodes, edges: nodes.map((m) => ({ id: `e-${m.id}`, source: anchor, target: m.id, type: 'RELATES', label: 'RELATES' })) };
}

/** What the page exposes on window.__abscopal, as far as this bench uses it. */
interface PageHook {
  cy: {
    elements(): { length: number };
    zoom(): number;
    zoom(level: number | { level: number; renderedPosition: { x: number; y: number } }): void;
    panBy(d: { x: number; y: number }): void;
    width(): number;
    height(): number;
    pan(): { x: number; y: number };
    pan(p: { x: number; y: number }): void;
    stop(clearQueue?: boolean, jumpToEnd?: boolean): void;
  };
  explorer: {
    addGraph(view: SyntheticGraph, anchor?: string): Promise<{ ms: number; layout: string; totalNodes: number; totalEdges: number; addedNodes: number }>;
    reset(): void;
  };
}
type HookWindow = Window & { __abscopal: PageHook };

interface Added {
  /** From the call to the second animation frame after addGraph resolved (so the result is painted). */
  ms: number;
  layout: string;
  elements: number;
}

export interface Stat {
  medianMs: number;
  minMs: number;
  maxMs: number;
  runs: number;
}

export interface FrameStat {
  elements: number;
  frames: number;
  /** Mean requestAnimationFrame interval over the gesture (its duration / frames: hitches count). */
  meanFrameMs: number;
  /** Median requestAnimationFrame interval (the display's frame time when frames fit its budget). */
  medianFrameMs: number;
  p95FrameMs: number;
  /** Median main-thread time from the frame's start to the first task after it (rAF callbacks + render + paint). */
  medianWorkMs: number;
}

export interface HeapStat {
  elements: number;
  /** JS heap with the page loaded and the canvas empty, after a forced GC. */
  emptyBytes: number;
  /** JS heap after the load, after a forced GC. */
  loadedBytes: number;
  /** loadedBytes − emptyBytes: what the elements (and their layout/render state) keep. */
  growthBytes: number;
}

export interface ExplorerBench {
  chromium: string;
  chromiumVersion: string;
  repetitions: number;
  freshLoad: { large: Stat & { elements: number; layout: string }; smallBaseline: Stat & { elements: number; layout: string }; ratio: number };
  addOnto: Stat & { addedNodes: number; ontoElements: number; layout: string; ratioToFreshLarge: number };
  zoomPan: { large: FrameStat; smallBaseline: FrameStat /** Of the mean frame intervals. */; frameRatio: number /** Of the median work per frame. */; workRatio: number };
  heap: { large: HeapStat; smallBaseline: HeapStat; ratio: number; growthRatio: number };
  totalSeconds: number;
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor((s.length - 1) / 2)] ?? Number.NaN;
}

function stat(xs: number[]): Stat {
  return { medianMs: median(xs), minMs: Math.min(...xs), maxMs: Math.max(...xs), runs: xs.length };
}

async function openPage(browser: Browser, baseUrl: string): Promise<Page> {
  const context = await browser.newContext({ viewport: VIEWPORT });
  // tsx (esbuild with keepNames) wraps named functions in `__name(fn, "name")`, and the functions
  // passed to page.evaluate are sent as their source text, so the page needs that helper too.
  await context.addInitScript({ content: 'globalThis.__name = globalThis.__name || ((fn) => fn);' });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  const res = await page.goto(`${baseUrl}/`);
  if (!res?.ok()) throw new Error(`explorer page: GET ${baseUrl}/ answered ${res?.status() ?? 'nothing'}`);
  await page.waitForFunction(() => (window as unknown as Partial<HookWindow>).__abscopal !== undefined, undefined, { timeout: 15_000 });
  if (errors.length) throw new Error(`explorer page errors: ${errors.join('; ')}`);
  return page;
}

/** Clears the canvas and lets pending frames and viewport animations finish. */
async function reset(page: Page): Promise<void> {
  await page.evaluate(async () => {
    const hook = (window as unknown as HookWindow).__abscopal;
    hook.cy.stop(true, true);
    hook.explorer.reset();
    await new Promise((r) => setTimeout(r, 50));
  });
}

/** addGraph through the page hook, timed from the call to the second frame after it resolved. */
async function add(page: Page, view: SyntheticGraph, anchor?: string): Promise<Added> {
  return page.evaluate(
    async ([v, a]) => {
      const hook = (window as unknown as HookWindow).__abscopal;
      const frame = (): Promise<void> => new Promise((r) => requestAnimationFrame(() => requestAnimationFrame(() => r())));
      const t0 = performance.now();
      const result = a === null ? await hook.explorer.addGraph(v) : await hook.explorer.addGraph(v, a);
      await frame();
      return { ms: performance.now() - t0, layout: result.layout, elements: hook.cy.elements().length };
    },
    [view, anchor ?? null] as const,
  );
}

/**
 * A zoom/pan gesture: in every animation frame the zoom moves one step along ×1 → ×2 → ×1 (about
 * the canvas centre) and the view pans a few pixels, for `frames` measured frames after a few
 * unmeasured ones. Records the frame intervals and, per frame, the main-thread time from the
 * frame's start to the first task after it. The viewport ends where it started.
 */
async function zoomPanFrames(page: Page, frames: number): Promise<FrameStat> {
  const r = await page.evaluate(async (n) => {
    const hook = (window as unknown as HookWindow).__abscopal;
    const cy = hook.cy;
    cy.stop(true, true);
    await new Promise((res) => setTimeout(res, 400)); // let pending animations and texture work settle
    const zoom0 = cy.zoom();
    const pan0 = cy.pan();
    const centre = { x: cy.width() / 2, y: cy.height() / 2 };
    const warm = 5;
    const intervals: number[] = [];
    const work: number[] = [];
    const channel = new MessageChannel();
    await new Promise<void>((done) => {
      let i = 0;
      let last = 0;
      const tick = (ts: number): void => {
        if (i > warm) intervals.push(ts - last);
        last = ts;
        if (i >= warm) {
          channel.port1.onmessage = () => work.push(performance.now() - ts);
          channel.port2.postMessage(0);
        }
        if (i >= warm + n) {
          done();
          return;
        }
        if (i < warm) {
          cy.panBy({ x: i % 2 ? 2 : -2, y: 0 });
        } else {
          const t = (i - warm + 1) / n; // 0 → 1 over the measured frames
          cy.zoom({ level: zoom0 * 2 ** (1 - Math.abs(2 * t - 1)), renderedPosition: centre });
          cy.panBy({ x: t < 0.5 ? 4 : -4, y: t < 0.5 ? -2 : 2 });
        }
        i += 1;
        requestAnimationFrame(tick);
      };
      requestAnimationFrame(tick);
    });
    await new Promise((res) => setTimeout(res, 0));
    cy.zoom(zoom0);
    cy.pan(pan0);
    return { intervals, work: work.slice(0, n), elements: cy.elements().length };
  }, frames);
  const sorted = [...r.intervals].sort((a, b) => a - b);
  return {
    elements: r.elements,
    frames: r.intervals.length,
    meanFrameMs: r.intervals.reduce((a, b) => a + b, 0) / r.intervals.length,
    medianFrameMs: median(r.intervals),
    p95FrameMs: sorted[Math.min(sorted.length - 1, Math.floor(0.95 * sorted.length))] ?? Number.NaN,
    medianWorkMs: median(r.work),
  };
}

async function jsHeapUsed(page: Page): Promise<number> {
  const cdp = await page.context().newCDPSession(page);
  try {
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('HeapProfiler.collectGarbage');
    await cdp.send('Performance.enable');
    const { metrics } = await cdp.send('Performance.getMetrics');
    const used = metrics.find((m) => m.name === 'JSHeapUsedSize')?.value;
    if (used === undefined) throw new Error('CDP Performance.getMetrics reported no JSHeapUsedSize');
    return used;
  } finally {
    await cdp.detach();
  }
}

/** JS heap of a fresh page before and after loading `view` (each size in its own browser context). */
async function heapAfterLoad(browser: Browser, baseUrl: string, view: SyntheticGraph): Promise<HeapStat> {
  const page = await openPage(browser, baseUrl);
  try {
    await page.waitForTimeout(200);
    const emptyBytes = await jsHeapUsed(page);
    const added = await add(page, view);
    await page.waitForTimeout(300);
    const loadedBytes = await jsHeapUsed(page);
    return { elements: added.elements, emptyBytes, loadedBytes, growthBytes: loadedBytes - emptyBytes };
  } finally {
    await page.context().close();
  }
}

/** Runs the explorer bench against the server at `baseUrl` (which must serve the built page at /). */
export async function benchExplorer(baseUrl: string): Promise<ExplorerBench> {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium was not found at ${CHROMIUM}`);
  const started = performance.now();
  const url = baseUrl.replace(/\/$/, '');
  const large = syntheticGraph(1000);
  const small = syntheticGraph(100);
  const more = extraNodes(100, 'n5');
  const browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: CHROMIUM_ARGS });
  try {
    const page = await openPage(browser, url);

    // One unmeasured round of each (JIT, fonts, layout code), then alternate the two sizes so
    // drift in the machine's load affects both alike.
    await add(page, small);
    await reset(page);
    await add(page, large);
    await add(page, more, 'n5');
    await reset(page);

    const smallRuns: Added[] = [];
    const largeRuns: Added[] = [];
    const moreRuns: Added[] = [];
    for (let i = 0; i < REPS; i += 1) {
      smallRuns.push(await add(page, small));
      await reset(page);
      largeRuns.push(await add(page, large));
      moreRuns.push(await add(page, more, 'n5'));
      await page.waitForTimeout(300); // the big-graph path starts a 250 ms fit animation it does not wait for
      if (i < REPS - 1) await reset(page);
    }
    for (const r of largeRuns) if (r.elements !== 3000) throw new Error(`fresh load: expected 3000 elements on the canvas, got ${r.elements}`);
    for (const r of moreRuns) if (r.elements !== 3200) throw new Error(`add onto: expected 3200 elements on the canvas, got ${r.elements}`);

    // The canvas now holds the 3000 + 100 nodes (+100 edges) of the last repetition.
    const framesLarge = await zoomPanFrames(page, FRAMES);
    await reset(page);
    await add(page, small);
    const framesSmall = await zoomPanFrames(page, FRAMES);
    await page.context().close();

    const heapSmall = await heapAfterLoad(browser, url, small);
    const heapLarge = await heapAfterLoad(browser, url, large);

    const freshLarge = { ...stat(largeRuns.map((r) => r.ms)), elements: 3000, layout: largeRuns[0]?.layout ?? '' };
    const freshSmall = { ...stat(smallRuns.map((r) => r.ms)), elements: 300, layout: smallRuns[0]?.layout ?? '' };
    const addOnto = { ...stat(moreRuns.map((r) => r.ms)), addedNodes: more.nodes.length, ontoElements: 3000, layout: moreRuns[0]?.layout ?? '' };
    return {
      chromium: CHROMIUM,
      chromiumVersion: browser.version(),
      repetitions: REPS,
      freshLoad: { large: freshLarge, smallBaseline: freshSmall, ratio: freshLarge.medianMs / freshSmall.medianMs },
      addOnto: { ...addOnto, ratioToFreshLarge: addOnto.medianMs / freshLarge.medianMs },
      zoomPan: {
        large: framesLarge,
        smallBaseline: framesSmall,
        frameRatio: framesLarge.meanFrameMs / framesSmall.meanFrameMs,
        workRatio: framesLarge.medianWorkMs / framesSmall.medianWorkMs,
      },
      heap: { large: heapLarge, smallBaseline: heapSmall, ratio: heapLarge.loadedBytes / heapSmall.loadedBytes, growthRatio: heapLarge.growthBytes / heapSmall.growthBytes },
      totalSeconds: (performance.now() - started) / 1000,
    };
  } finally {
    await browser.close();
  }
}
