/**
 * The graph explorer page in a real browser: Debian's chromium, headless, driven by
 * playwright-core against the server the global setup starts on the seeded test database
 * (its URL comes in ABSCOPAL_TEST_URL). The page's automation hook is `window.__abscopal`
 * ({ cy, explorer }); assertions read the page's DOM (details panel, evidence table, status).
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { extraNodes, syntheticGraph } from '../../bench/explorer.js';

const CHROMIUM = process.env['ABSCOPAL_CHROMIUM'] ?? '/usr/bin/chromium';
const ARTIFACTS = path.resolve('test-artifacts');
const SPURR = 'Spurr';

/** What the page exposes on window.__abscopal, as far as these tests use it. */
interface PageHook {
  cy: {
    nodes(): {
      length: number;
      some(fn: (n: { data(key: string): unknown }) => boolean): boolean;
      filter(fn: (n: { data(key: string): unknown }) => boolean): HookNodes;
    };
    getElementById(id: string): { nonempty(): boolean; selected(): boolean; select(): void; emit(event: string): void };
    elements(): { length: number };
  };
  explorer: {
    addGraph(view: { nodes: unknown[]; edges: unknown[] }, anchor?: string): Promise<{ ms: number; layout: string; totalNodes: number; totalEdges: number; addedNodes: number }>;
    expand(id: string, depth?: number): Promise<void>;
    reset(): void;
  };
}
type HookNodes = { length: number; [i: number]: { id(): string; data(key: string): unknown; select(): void; emit(event: string): void } };
type HookWindow = Window & { __abscopal: PageHook };

function baseUrl(): string {
  const url = process.env['ABSCOPAL_TEST_URL'];
  if (!url) throw new Error('ABSCOPAL_TEST_URL is not set: the vitest global setup (test/global-setup.ts) starts the server and sets it');
  return url.replace(/\/$/, '');
}

let browser: Browser;
let context: BrowserContext;
let page: Page;
let pageErrors: string[] = [];

beforeAll(async () => {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install chromium\` (Debian/Ubuntu), or set ABSCOPAL_CHROMIUM to a Chromium binary.`,
    );
  }
  browser = await chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
  });
  await mkdir(ARTIFACTS, { recursive: true });
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  page = await context.newPage();
  pageErrors = [];
  page.on('pageerror', (err) => pageErrors.push(err.message));
  await page.goto(`${baseUrl()}/`);
  await page.waitForFunction(() => (window as unknown as Partial<HookWindow>).__abscopal !== undefined);
});

afterEach(async () => {
  await context?.close();
});

async function searchAndPick(text: string, label: string): Promise<void> {
  await page.fill('#search-input', text);
  const suggestion = page.locator('[data-testid=suggestion]', { hasText: label }).first();
  await suggestion.waitFor();
  await suggestion.click();
  await page.locator('#details-title', { hasText: label }).waitFor();
}

/** Selects the first node of `type` whose label contains `text` through the test hook; returns its id. */
async function selectNode(type: string, text: string): Promise<string> {
  return page.evaluate(
    ([t, s]) => {
      const nodes = (window as unknown as HookWindow).__abscopal.cy.nodes().filter((n) => n.data('type') === t && String(n.data('label')).includes(s));
      const node = nodes[0];
      if (!node) throw new Error(`no ${t} node with "${s}" on the canvas`);
      node.select();
      return node.id();
    },
    [type, text] as const,
  );
}

async function waitForNode(type: string, text: string): Promise<void> {
  await page.waitForFunction(([t, s]) => (window as unknown as HookWindow).__abscopal.cy.nodes().some((n) => n.data('type') === t && String(n.data('label')).includes(s)), [
    type,
    text,
  ] as const);
}

interface ApiQuestion {
  id: string;
  label: string;
}

interface ApiLine {
  certainty: { level: string; judgements: { domain: string; reason: string }[] };
  evidenceLevel: { level: string; reason: string };
  indirectFindings: { id: string }[];
  populations: { key: string; interaction: { ratio: number | null } | null }[];
}

async function api<T>(query: string, variables: Record<string, unknown> = {}): Promise<T> {
  const res = await fetch(`${baseUrl()}/graphql`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query, variables }) });
  const body = (await res.json()) as { data?: T; errors?: unknown[] };
  if (body.errors || !body.data) throw new Error(`the API refused the test's query: ${JSON.stringify(body.errors)}`);
  return body.data;
}

/** What the chooser should list: the questions with predictive evidence, as the API answers. */
async function questionsFromApi(): Promise<ApiQuestion[]> {
  return (await api<{ clinicalQuestions: ApiQuestion[] }>('{ clinicalQuestions(predictiveOnly: true) { id label } }')).clinicalQuestions;
}

/** One biomarker's line under one question, as the API answers (to compare the page with). */
async function lineFromApi(question: string, biomarker: string): Promise<ApiLine | undefined> {
  const data = await api<{ biomarkerEvidence: { answers: { ranking: (ApiLine & { biomarker: { slug: string } })[] }[] } }>(
    `query($q: ID!) { biomarkerEvidence(question: $q) { answers { ranking {
      biomarker { slug } certainty { level judgements { domain reason } } evidenceLevel { level reason }
      indirectFindings { id } populations { key interaction { ratio } } } } } }`,
    { q: question },
  );
  return data.biomarkerEvidence.answers.flatMap((a) => a.ranking).find((l) => l.biomarker.slug === biomarker);
}

/** Picks the question whose option contains every part (as a reader would), waits for its ranking; returns its id. */
async function chooseQuestion(...parts: string[]): Promise<string> {
  const options = await page.locator('#evidence-question option').evaluateAll((els) => els.map((e) => ({ value: (e as HTMLOptionElement).value, text: e.textContent ?? '' })));
  const option = options.find((o) => parts.every((p) => o.text.toLowerCase().includes(p.toLowerCase())));
  if (!option) throw new Error(`no clinical question with ${parts.map((p) => `"${p}"`).join(' and ')} among: ${options.map((o) => o.text).join(' | ')}`);
  await page.selectOption('#evidence-question', option.value);
  await page.locator('[data-testid=evidence-summary]', { hasText: option.text.split(' · ')[0] ?? option.text }).waitFor();
  await page.locator('[data-testid=evidence-row]').first().waitFor();
  return option.value;
}

describe('the graph explorer page', () => {
  it('serves the page with a search box, type legend and filters, canvas tools and an aria-live status area', async () => {
    await expect(page.title()).resolves.toContain('Abscopal');
    expect(await page.locator('label[for=search-input]').textContent()).toMatch(/search/i);
    expect(await page.locator('[data-testid=type-filter]').count()).toBe(11);
    for (const id of ['#fit-button', '#reset-button', '#export-png-button', '#export-json-button', '#evidence-tab']) {
      expect(await page.locator(id).isVisible()).toBe(true);
    }
    expect(await page.getAttribute('#status', 'aria-live')).toBe('polite');
    expect(await page.locator('#status').textContent()).toContain('Ready');
    expect(pageErrors).toEqual([]);
  });

  it('places a picked suggestion on the canvas, expands it to the University of Chicago study and shows the study sources as links', async () => {
    await searchAndPick('aneuploidy', 'Tumor aneuploidy');
    const suggestionType = await page.evaluate(() => (window as unknown as HookWindow).__abscopal.cy.nodes().filter((n) => n.data('type') === 'Biomarker').length);
    expect(suggestionType).toBe(1);

    // Expand two hops: biomarker → findings → the study that reported them.
    await page.selectOption('#expand-depth', '2');
    await page.click('#expand-button');
    await waitForNode('Study', SPURR);
    await page.locator('#status', { hasText: /Added \d+ nodes?/ }).waitFor();

    await selectNode('Study', SPURR);
    await page.locator('#details-title', { hasText: SPURR }).waitFor();
    const link = page.locator('#details [data-testid=source-link]').first();
    await link.waitFor();
    expect(await link.getAttribute('href')).toMatch(/^https?:\/\//);
    expect(await page.locator('#details').textContent()).toContain('University of Chicago');
    // Secondary sources (news items about the study) are marked as such.
    expect(await page.locator('#details [data-testid=source][data-secondary=true] [data-testid=secondary-badge]').count()).toBeGreaterThan(0);

    // Double-clicking the study adds its neighbours, among them the institution.
    await page.evaluate((s) => {
      const study = (window as unknown as HookWindow).__abscopal.cy.nodes().filter((n) => n.data('type') === 'Study' && String(n.data('label')).includes(s))[0];
      study?.emit('dbltap');
    }, SPURR);
    await waitForNode('Institution', 'Chicago');
    expect(pageErrors).toEqual([]);
  });

  it('lists the clinical questions with predictive evidence, each with its study, finding and patient counts, and ranks the one chosen', async () => {
    await page.click('#evidence-tab');
    const options = page.locator('#evidence-question option');
    await page.locator('[data-testid=evidence-row]').first().waitFor();
    const api = await questionsFromApi();
    expect(api.length).toBeGreaterThan(1);
    expect(await options.allTextContents()).toEqual(api.map((q) => expect.stringContaining(q.label)));
    for (const text of await options.allTextContents()) expect(text).toMatch(/\d+ stud(y|ies), \d+ findings? \(\d+ predictive\), (\d+ patients?|patients not stated)/);

    const id = await chooseQuestion('concurrent vs sequential');
    const label = api.find((q) => q.id === id)?.label ?? '';
    expect(await page.locator('[data-testid=evidence-summary]').textContent()).toContain(label);
    expect(await page.locator('#evidence-table thead').textContent()).toMatch(/Biomarker.*Verdict.*Certainty.*SPH.*Score · components.*Patients.*Pop/s);
    const aneuploidy = page.locator('[data-testid=evidence-row][data-biomarker=tumor-aneuploidy]');
    expect(await aneuploidy.count()).toBe(1);
    expect(Number(await aneuploidy.locator('td.rank').textContent())).toBeGreaterThan(0);
    // The three components, each a number with a bar as wide as its value.
    const parts = aneuploidy.locator('[data-testid=evidence-components] .component');
    expect(await parts.count()).toBe(3);
    for (let i = 0; i < 3; i++) {
      const value = Number(await parts.nth(i).locator('.component-value').textContent());
      const [bar, fill] = await Promise.all([parts.nth(i).locator('.component-bar').boundingBox(), parts.nth(i).locator('.component-fill').boundingBox()]);
      expect(Math.abs(fill!.width - value * bar!.width)).toBeLessThan(1.5);
    }

    await aneuploidy.locator('[data-testid=evidence-toggle]').click();
    const detail = page.locator('[data-testid=evidence-detail]:visible');
    await detail.waitFor();
    expect(await detail.textContent()).toContain(SPURR);
    expect(await detail.locator('[data-testid=source-link]').count()).toBeGreaterThan(0);
    expect(await detail.locator('[data-testid=evidence-open-trial]', { hasText: 'NCT03223155' }).textContent()).toContain('could confirm or refute');

    await aneuploidy.locator('[data-testid=evidence-graph]').click();
    await waitForNode('Study', SPURR);
    await waitForNode('Institution', 'Chicago');
    await page.locator('#details-title', { hasText: 'Tumor aneuploidy' }).waitFor();
    expect(pageErrors).toEqual([]);
  });

  it('opens the PD-L1 line of a consolidation question to every certainty judgement with its reason, the Simon–Paik–Hayes reason, the PACIFIC population and the indirect findings', async () => {
    await page.click('#evidence-tab');
    await page.locator('[data-testid=evidence-row]').first().waitFor();
    const id = await chooseQuestion('consolidation', '— OS');
    const line = (await lineFromApi(id, 'pd-l1'))!;
    expect(line).toBeDefined();
    const row = page.locator('[data-testid=evidence-row][data-biomarker=pd-l1]');
    await row.locator('[data-testid=evidence-toggle]').click();
    const detail = page.locator('[data-testid=evidence-detail]:visible');
    await detail.waitFor();

    const judgements = detail.locator('[data-testid=certainty-judgement]');
    expect(await judgements.evaluateAll((els) => els.map((e) => e.getAttribute('data-domain')))).toEqual(line.certainty.judgements.map((j) => j.domain));
    expect(await judgements.evaluateAll((els) => els.map((e) => e.querySelector('.reason')?.textContent))).toEqual(line.certainty.judgements.map((j) => j.reason));
    expect(line.certainty.judgements.every((j) => j.reason.length > 0)).toBe(true);
    // Risk of bias is judged on the heaviest population: its reason names it.
    expect(await detail.locator('[data-testid=certainty-judgement][data-domain=RISK_OF_BIAS] .reason').textContent()).toContain(
      line.certainty.judgements.find((j) => j.domain === 'RISK_OF_BIAS')!.reason.slice(0, 40),
    );
    expect(await row.locator('[data-testid=evidence-certainty]').textContent()).toBe(
      { HIGH: 'High', MODERATE: 'Moderate', LOW: 'Low', VERY_LOW: 'Very low' }[line.certainty.level],
    );
    expect(await row.locator('[data-testid=evidence-sph]').textContent()).toBe(line.evidenceLevel.level);
    expect(await detail.locator('[data-testid=sph-reason]').textContent()).toBe(line.evidenceLevel.reason);

    const pacific = detail.locator('[data-testid=evidence-population][data-key="trial:pacific"]');
    expect(await pacific.count()).toBe(1);
    expect(await pacific.textContent()).toMatch(/PACIFIC.*Studies: .*Paz-Ares/s);
    const indirect = detail.locator('[data-testid=evidence-indirect]');
    expect(await indirect.count()).toBe(line.indirectFindings.length);
    expect(line.indirectFindings.length).toBeGreaterThan(0);
    for (const text of await indirect.allTextContents()) expect(text).toContain('indirect: other question, not counted');
    expect(pageErrors).toEqual([]);
  });

  it('draws PACIFIC’s PD-L1 interaction under the consolidation PFS question: both subgroup HRs and their ratio of about 1.78', async () => {
    // PACIFIC (Paz-Ares 2020), PFS: TC <1% HR 0.73 (0.48–1.11) over TC ≥25% HR 0.41 (0.26–0.65):
    // 0.73 / 0.41 = 1.780, the inverse of test/unit/interaction.test.ts's hand calculation (0.5616).
    const q = (await questionsFromApi()).find((x) => /consolidation/i.test(x.label) && /— PFS$/.test(x.label));
    expect(q, 'the consolidation PFS question').toBeDefined();
    const ratio = (await lineFromApi(q!.id, 'pd-l1'))?.populations.find((p) => p.key === 'trial:pacific')?.interaction?.ratio;
    expect(ratio).toBeCloseTo(1.78, 2);
    await page.click('#evidence-tab');
    await page.locator('[data-testid=evidence-row]').first().waitFor();
    await chooseQuestion(q!.label);
    const row = page.locator('[data-testid=evidence-row][data-biomarker=pd-l1]');
    await row.locator('[data-testid=evidence-toggle]').click();
    const plot = page.locator('[data-testid=evidence-detail]:visible [data-testid=interaction-plot] svg');
    await plot.waitFor();
    const ratios = await plot.locator('circle.fp-ratio').evaluateAll((els) => els.map((e) => Number(e.getAttribute('data-ratio'))));
    expect(ratios).toContain(ratio);
    expect(await plot.locator('rect.fp-subgroup').count()).toBeGreaterThanOrEqual(2);
    expect(await plot.locator('.fp-ratio-value').allTextContents()).toEqual(expect.arrayContaining([expect.stringMatching(/^1\.78/)]));
    expect(pageErrors).toEqual([]);
  });

  it('re-ranks with the weights typed in, and names a weight that is not a number of 0 or more', async () => {
    await page.click('#evidence-tab');
    const row = page.locator('[data-testid=evidence-row][data-biomarker=tumor-aneuploidy]');
    await page.locator('[data-testid=evidence-row]').first().waitFor();
    await chooseQuestion('concurrent vs sequential');
    expect(await page.locator('#weight-certainty').inputValue()).toBe('100');
    expect(await page.locator('#weight-modification').inputValue()).toBe('10');
    expect(await page.locator('#weight-replication').inputValue()).toBe('1');
    const replication = Number(await row.locator('[data-component=replication] .component-value').textContent());
    expect(replication).toBeGreaterThan(0);
    // Only replication counts: the score becomes its component.
    await page.fill('#weight-certainty', '0');
    await page.fill('#weight-modification', '0');
    await page.locator('#weight-modification').dispatchEvent('change');
    await page.locator('[data-testid=evidence-summary]', { hasText: 'Weights 0 / 0 / 1.' }).waitFor();
    expect(Number(await row.locator('[data-testid=evidence-score]').textContent())).toBeCloseTo(replication, 2);

    await page.fill('#weight-replication', '-1');
    await page.locator('#weight-replication').dispatchEvent('change');
    const error = page.locator('#evidence-weights-error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toContain('replication weight must be a number of 0 or more');
    expect(pageErrors).toEqual([]);
  });

  it('says "No matches for …" when a search finds nothing', async () => {
    await page.fill('#search-input', 'zzqxv nothing like this');
    await page.locator('[data-testid=no-matches]', { hasText: 'No matches for' }).waitFor();
    expect(await page.locator('#status').textContent()).toContain('No matches for');
  });

  it('shows API errors with their code in the visible error area', async () => {
    await page.evaluate(() => (window as unknown as HookWindow).__abscopal.explorer.expand('no-such-node-anywhere'));
    const error = page.locator('#error');
    await error.waitFor({ state: 'visible' });
    expect(await error.textContent()).toMatch(/NOT_FOUND/);
    await page.click('#error-dismiss');
    expect(await error.isVisible()).toBe(false);
  });

  it('adds and lays out 3000 synthetic elements through the same code path the UI uses, and 100 more nodes onto them', async () => {
    // Speed and memory of this are measured by `npm run bench` (bench/explorer.ts), not here.
    const large = syntheticGraph(1000);
    const more = extraNodes(100, 'n5');
    const result = await page.evaluate(
      async ([view, extra]) => {
        const hook = (window as unknown as HookWindow).__abscopal;
        const first = await hook.explorer.addGraph(view);
        const afterFirst = hook.cy.elements().length;
        const second = await hook.explorer.addGraph(extra, 'n5');
        return { first, afterFirst, second, elements: hook.cy.elements().length };
      },
      [large, more] as const,
    );
    expect(large.nodes.length + large.edges.length).toBe(3000);
    expect(result.first.addedNodes).toBe(1000);
    expect(result.first.totalNodes + result.first.totalEdges).toBe(3000);
    expect(result.afterFirst).toBe(3000);
    expect(result.second.addedNodes).toBe(100);
    expect(result.second.totalNodes).toBe(1100);
    expect(result.second.totalEdges).toBe(2100);
    expect(result.elements).toBe(3200);
    expect(await page.evaluate(() => (window as unknown as HookWindow).__abscopal.cy.getElementById('m99').nonempty())).toBe(true);
    expect(pageErrors).toEqual([]);
  });

  it("shows the verbatim source sentence behind a finding's figure when the finding is clicked", async () => {
    await searchAndPick('PD-L1 expression', 'PD-L1 expression');
    await page.click('#expand-button');
    await waitForNode('Finding', 'Subgroup analyses showed the largest benefit');
    await selectNode('Finding', 'Subgroup analyses showed the largest benefit');
    const quote = page.locator('#details [data-testid=quote-text]');
    await quote.waitFor();
    expect(await quote.textContent()).toContain('the 47 patients in the PD-L1 negative subset');
    expect(await page.locator('#details [data-testid=quote-source]').getAttribute('href')).toMatch(/^https:\/\//);
    expect(pageErrors).toEqual([]);
  });

  it('saves a screenshot of the explorer to test-artifacts/explorer.png', async () => {
    await searchAndPick('aneuploidy', 'Tumor aneuploidy');
    await page.selectOption('#expand-depth', '2');
    await page.click('#expand-button');
    await waitForNode('Study', SPURR);
    await selectNode('Study', SPURR);
    await page.locator('#details [data-testid=source-link]').first().waitFor();
    await page.waitForTimeout(600); // let the layout animation settle
    const file = path.join(ARTIFACTS, 'explorer.png');
    await page.screenshot({ path: file });
    expect(existsSync(file)).toBe(true);
  });
});
