/**
 * Each explorer view (graph, biomarker evidence per clinical question with a line opened, gaps, forest plot) in a real browser at 1024 and
 * 1400 px: a screenshot of each lands in test-artifacts/, and no two rendered text boxes overlap
 * (bounding boxes of text, clipped by their scrolling or overflow-hidden containers). Runs
 * against the server the global setup starts on the seeded test database (ABSCOPAL_TEST_URL).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, chromium, type Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

const CHROMIUM = process.env['ABSCOPAL_CHROMIUM'] ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const WIDTHS = [1024, 1400];

interface Overlap {
  a: string;
  b: string;
}

let browser: Browser;

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) throw new Error(`Chromium was not found at ${CHROMIUM}: install it (apt-get install chromium) or set ABSCOPAL_CHROMIUM.`);
  browser = await chromium.launch({ executablePath: CHROMIUM, headless: true, args: ['--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking'] });
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

function baseUrl(): string {
  const url = process.env['ABSCOPAL_TEST_URL'];
  if (!url) throw new Error('ABSCOPAL_TEST_URL is not set: the vitest global setup starts the server and sets it');
  return url.replace(/\/$/, '');
}

/**
 * Pairs of text boxes inside `selector` that intersect on screen by more than a pixel each way.
 * Each text node's line boxes are clipped by its ancestors that clip overflow, so an ellipsis or
 * a scrolled-away cell does not count; SVG text uses its element's box.
 */
async function overlappingText(page: Page, selector: string): Promise<Overlap[]> {
  return page.evaluate((sel) => {
    type Box = { l: number; t: number; r: number; b: number; owner: Element; text: string };
    const root = document.querySelector(sel);
    if (!root) throw new Error(`no ${sel} on the page`);
    const clipOf = (el: Element): DOMRect | null => {
      let clip: { l: number; t: number; r: number; b: number } | null = null;
      for (let a: Element | null = el; a; a = a.parentElement) {
        const o = getComputedStyle(a);
        if (o.overflowX !== 'visible' || o.overflowY !== 'visible') {
          const r = a.getBoundingClientRect();
          clip = clip
            ? { l: Math.max(clip.l, r.left), t: Math.max(clip.t, r.top), r: Math.min(clip.r, r.right), b: Math.min(clip.b, r.bottom) }
            : { l: r.left, t: r.top, r: r.right, b: r.bottom };
        }
      }
      return clip ? new DOMRect(clip.l, clip.t, clip.r - clip.l, clip.b - clip.t) : null;
    };
    const boxes: Box[] = [];
    const walker = document.createTreeWalker(root, NodeFilter.SHOW_TEXT);
    for (let n = walker.nextNode(); n; n = walker.nextNode()) {
      const text = (n.textContent ?? '').trim();
      const owner = n.parentElement;
      if (!text || !owner) continue;
      if (owner.closest('title, style, script, [hidden], .visually-hidden, option')) continue;
      // Not rendered: display none, a closed <details>' body, visibility hidden, opacity 0.
      if (!owner.checkVisibility({ visibilityProperty: true, opacityProperty: true, contentVisibilityAuto: true })) continue;
      let rects: DOMRect[];
      if (owner instanceof SVGElement) rects = [owner.getBoundingClientRect()];
      else {
        const range = document.createRange();
        range.selectNodeContents(n);
        rects = [...range.getClientRects()];
      }
      const clip = clipOf(owner);
      for (const r of rects) {
        const l = Math.max(r.left, clip?.left ?? -Infinity);
        const t = Math.max(r.top, clip?.top ?? -Infinity);
        const rr = Math.min(r.right, clip?.right ?? Infinity);
        const b = Math.min(r.bottom, clip?.bottom ?? Infinity);
        if (rr - l > 1 && b - t > 1) boxes.push({ l, t, r: rr, b, owner, text });
      }
    }
    const out: { a: string; b: string }[] = [];
    for (let i = 0; i < boxes.length; i++) {
      for (let j = i + 1; j < boxes.length; j++) {
        const p = boxes[i]!;
        const q = boxes[j]!;
        if (p.owner === q.owner) continue;
        const w = Math.min(p.r, q.r) - Math.max(p.l, q.l);
        const hgt = Math.min(p.b, q.b) - Math.max(p.t, q.t);
        if (w > 1 && hgt > 1) out.push({ a: p.text.slice(0, 60), b: q.text.slice(0, 60) });
      }
    }
    return out;
  }, selector);
}

async function openPage(width: number): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const context = await browser.newContext({ viewport: { width, height: 900 } });
  const page = await context.newPage();
  const errors: string[] = [];
  page.on('pageerror', (err) => errors.push(err.message));
  await page.goto(`${baseUrl()}/`);
  await page.waitForFunction(() => '__abscopal' in window);
  return { page, errors, close: () => context.close() };
}

/** Picks the clinical question whose option contains every part, and waits for its ranking. */
async function chooseQuestion(page: Page, ...parts: string[]): Promise<void> {
  const options = await page.locator('#evidence-question option').evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? '' })));
  const option = options.find((o) => parts.every((p) => o.text.toLowerCase().includes(p.toLowerCase())));
  if (!option) throw new Error(`no clinical question with ${parts.join(' and ')} among: ${options.map((o) => o.text).join(' | ')}`);
  await page.selectOption('#evidence-question', option.value);
  await page.locator('[data-testid=evidence-summary]', { hasText: option.text.split(' · ')[0] ?? option.text }).waitFor();
  await page.locator('#evidence-table tbody tr.evidence-row').first().waitFor();
}

const shot = (page: Page, name: string, width: number) => page.screenshot({ path: path.join(ARTIFACTS, `view-${name}-${width}.png`) });

describe.each(WIDTHS)('the explorer views at %i px', (width) => {
  it('the evidence table wraps long biomarker names and an opened line shows its certainty reasons: no text overlaps, the verdicts stay in their column', async () => {
    const { page, errors, close } = await openPage(width);
    try {
      await page.click('#evidence-tab');
      await page.locator('#evidence-table tbody tr.evidence-row').first().waitFor();
      await chooseQuestion(page, 'consolidation', '— OS');
      await page.locator('tr[data-biomarker="pd-l1"] [data-testid=evidence-toggle]').click();
      const detail = page.locator('[data-testid=evidence-detail]:visible');
      await detail.locator('[data-testid=certainty-judgement]').first().waitFor();
      expect(await detail.locator('[data-testid=certainty-judgement][data-domain=DESIGN] .reason').textContent()).toMatch(/^starts (HIGH|MODERATE|LOW)/);
      await shot(page, 'evidence', width);
      expect(await overlappingText(page, '#evidence-panel')).toEqual([]);
      // Every name stays left of its row's verdict pill.
      const clashes = await page.$$eval(
        '#evidence-table tr.evidence-row',
        (rows) =>
          rows.filter((row) => {
            const name = row.querySelector('.biomarker-name')?.getBoundingClientRect();
            const verdict = row.querySelector('.verdict')?.getBoundingClientRect();
            return name && verdict && name.right > verdict.left + 1;
          }).length,
      );
      expect(clashes).toBe(0);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the gaps heat map shows every cell, opens a cell’s findings and trials, with no overlapping text', async () => {
    const { page, errors, close } = await openPage(width);
    try {
      await page.click('#gaps-tab');
      const cell = page.locator('#gap-table tr[data-biomarker="tumor-aneuploidy"] [data-testid=gap-cell][data-evidence=PREDICTIVE]');
      await cell.first().waitFor();
      expect(await cell.count()).toBe(1);
      await cell.first().click();
      await page.locator('[data-testid=gap-finding]').first().waitFor();
      expect(await page.locator('#gap-detail').textContent()).toMatch(/NCT03223155/);
      await shot(page, 'gaps', width);
      expect(await overlappingText(page, '#gaps-panel')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the forest plot draws the PD-L1 subgroup HRs as SVG, says why nothing is pooled, with no overlapping text', async () => {
    const { page, errors, close } = await openPage(width);
    try {
      await page.click('#forest-tab');
      await page.locator('#forest-plot svg').waitFor();
      expect(await page.locator('#forest-plot svg rect.fp-point').count()).toBeGreaterThanOrEqual(4);
      expect(await page.locator('#forest-plot svg .fp-reason').count()).toBeGreaterThan(0);
      expect(await page.locator('#forest-plot svg .fp-diamond').count()).toBe(0);
      await shot(page, 'forest', width);
      expect(await overlappingText(page, '#forest-panel')).toEqual([]);
      const download = page.waitForEvent('download');
      await page.click('#forest-export');
      expect((await download).suggestedFilename()).toBe('abscopal-forest-pd-l1.svg');
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });

  it('the graph view draws an explanation with one click from the evidence table, with no overlapping text in the panels', async () => {
    const { page, errors, close } = await openPage(width);
    try {
      await page.click('#evidence-tab');
      await page.locator('#evidence-table tbody tr.evidence-row').first().waitFor();
      await chooseQuestion(page, 'concurrent vs sequential');
      await page.locator('tr[data-biomarker="tumor-aneuploidy"] [data-testid=evidence-explain]').click();
      await page.waitForFunction(() => {
        const cy = (window as unknown as { __abscopal: { cy: { nodes(): { length: number; some(f: (n: { data(k: string): unknown }) => boolean): boolean } } } }).__abscopal.cy;
        return cy.nodes().some((n) => n.data('type') === 'Institution') && cy.nodes().some((n) => n.data('type') === 'Source');
      });
      await page.waitForTimeout(300);
      await shot(page, 'graph', width);
      expect(await page.locator('#status').textContent()).toMatch(/paths?/);
      expect(await overlappingText(page, '#side-panel')).toEqual([]);
      expect(await overlappingText(page, '.app-header')).toEqual([]);
      expect(await overlappingText(page, '.sidebar')).toEqual([]);
      expect(errors).toEqual([]);
    } finally {
      await close();
    }
  });
});
