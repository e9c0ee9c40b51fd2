/**
 * GraphiQL at /graphql in Debian's Chromium with the network closed (test/browser/offline-browser.ts):
 * everything it needs comes from the server, the evidence question opens first, a per-question
 * evidence query typed into the editor runs, the other examples (docs/examples.md) are tabs and in the
 * Examples picker, and the query builder is open.
 * Any request to an outside origin, console error or CSP violation fails the test.
 */
import { existsSync, readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { ARTIFACTS, baseUrl, launchOffline, type OfflinePage, openOffline } from './offline-browser.js';

/** GraphiQL's Monaco instance (@graphiql/react keeps it on globalThis.__MONACO); getModels() is Monaco's public API. */
interface MonacoModel {
  uri: { path: string };
  getValue(): string;
  setValue(text: string): void;
  findMatches(
    text: string,
    searchOnlyEditableRange: boolean,
    isRegex: boolean,
    matchCase: boolean,
    wordSeparators: null,
    captureMatches: boolean,
  ): { range: { startLineNumber: number } }[];
}
type MonacoWindow = Window & {
  __MONACO?: { editor: { getModels(): MonacoModel[]; getEditors(): { getModel(): MonacoModel | null; revealLineNearTop(line: number): void }[] } };
};

interface Ranked {
  rank: number;
  verdict: string;
  biomarker: { name: string };
  certainty: { level: string; judgements: { domain: string; reason: string }[] } | null;
}

interface Answer {
  question: { id: string; label: string };
  ranking: Ranked[];
}

/**
 * The evidence question in the API's per-question shape: one ranking per clinical question, each
 * line with its certainty and reasons. Typed into the operation editor as a researcher would.
 */
const PER_QUESTION = `# Which biomarkers predict benefit, question by question?
query EvidencePerQuestion {
  biomarkerEvidence {
    answers {
      question { id label }
      ranking {
        rank
        verdict
        score
        biomarker { name }
        certainty { level judgements { domain change reason } }
        evidenceLevel { level reason }
        populations { key trials { name } studies { shortName } }
      }
    }
  }
}
`;

const OPERATIONS = path.resolve('test/operations');
const operationName = (file: string): string => /^\s*query\s+(\w+)/m.exec(readFileSync(path.join(OPERATIONS, file), 'utf8'))?.[1] ?? file;

let browser: Browser;
let offline: OfflinePage;
let page: Page;
let policy: string | undefined;

beforeAll(async () => {
  browser = await launchOffline();
});

afterAll(async () => {
  await browser?.close();
});

beforeEach(async () => {
  offline = await openOffline(browser);
  page = offline.page;
  const response = await page.goto(`${baseUrl()}/graphql`);
  policy = response?.headers()['content-security-policy'];
  // The operation editor is Monaco: it exists once the lazily loaded editor and its workers run.
  await page.locator('.graphiql-query-editor .monaco-editor').waitFor();
});

afterEach(async () => {
  const { outsideRequests, errors } = offline;
  await offline.context.close();
  expect(outsideRequests, 'requests to outside origins').toEqual([]);
  expect(errors, 'console errors and CSP violations').toEqual([]);
});

async function editorText(kind: 'operation' | 'response'): Promise<string> {
  return page.evaluate((k) => {
    const models = (window as MonacoWindow).__MONACO?.editor.getModels() ?? [];
    return models.find((m) => m.uri.path.endsWith(k === 'operation' ? '-operation.graphql' : '-response.json'))?.getValue() ?? '';
  }, kind);
}

/** Scrolls the response pane (a Monaco editor, which draws only the lines in view) to `text`. */
async function revealInResponse(text: string): Promise<void> {
  await page.evaluate((t) => {
    const monaco = (window as MonacoWindow).__MONACO;
    const editor = monaco?.editor.getEditors().find((e) => e.getModel()?.uri.path.endsWith('-response.json'));
    const line = editor?.getModel()?.findMatches(t, false, false, true, null, false)[0]?.range.startLineNumber;
    if (!editor || !line) throw new Error(`"${t}" is not in the response`);
    editor.revealLineNearTop(line);
  }, text);
}

/** Replaces the active tab's operation with `text` (Monaco's model API; what typing it would leave). */
async function typeOperation(text: string): Promise<void> {
  await page.evaluate((t) => {
    const model = ((window as MonacoWindow).__MONACO?.editor.getModels() ?? []).find((m) => m.uri.path.endsWith('-operation.graphql'));
    if (!model) throw new Error('no operation editor on the page');
    model.setValue(t);
  }, text);
  await page.waitForFunction(
    (t) => ((window as MonacoWindow).__MONACO?.editor.getModels() ?? []).some((m) => m.uri.path.endsWith('-operation.graphql') && m.getValue() === t),
    text,
  );
}

/** Presses ▶ and waits until the response editor holds a JSON result; returns it parsed. */
async function run(): Promise<{ data?: Record<string, unknown>; errors?: unknown[] }> {
  await page.locator('.graphiql-execute-button').click();
  await page.waitForFunction(() => {
    const models = (window as MonacoWindow).__MONACO?.editor.getModels() ?? [];
    const text = models.find((m) => m.uri.path.endsWith('-response.json'))?.getValue() ?? '';
    return text.trim().startsWith('{');
  });
  return JSON.parse(await editorText('response')) as { data?: Record<string, unknown>; errors?: unknown[] };
}

describe('GraphiQL served by the server itself', () => {
  it('is sent with a Content-Security-Policy that allows only its own origin for scripts, connections and workers', () => {
    expect(policy).toBeDefined();
    const directives = new Map(
      (policy ?? '').split(';').map((d) => {
        const [name = '', ...sources] = d.trim().split(/\s+/);
        return [name, sources];
      }),
    );
    expect(directives.get('default-src')).toEqual(["'self'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('connect-src')).toEqual(["'self'"]);
    expect(directives.get('worker-src')).toEqual(["'self'"]);
    expect(policy).not.toMatch(/https?:|\*/);
  });

  it('opens on the evidence question with every README example as a tab, the query builder and the docs at hand', async () => {
    const files = readdirSync(OPERATIONS).filter((f) => f.endsWith('.graphql'));
    const titles = await page.locator('.graphiql-tab-button').allTextContents();
    expect(titles[0]).toBe('WhichBiomarkersPredict');
    expect([...titles].sort()).toEqual(files.map(operationName).sort());
    // The example is the file itself, its comment included.
    expect(await editorText('operation')).toBe(readFileSync(path.join(OPERATIONS, 'which-biomarkers-predict.graphql'), 'utf8'));
    // The query builder (explorer plugin) is open and lists the schema's root fields.
    const builder = page.locator('.graphiql-explorer-root');
    await builder.getByText('biomarkerEvidence', { exact: true }).first().waitFor();
    // The docs explorer describes the root type and its fields.
    await page.getByRole('button', { name: 'Show Documentation Explorer' }).click();
    const docs = page.locator('.graphiql-doc-explorer');
    await docs.getByText('Query', { exact: true }).first().click();
    await docs.getByText('The RT+ICB evidence graph', { exact: false }).first().waitFor();
    await docs.getByText('biomarkerEvidence', { exact: true }).first().click();
    await docs.getByText('Which biomarkers predict benefit', { exact: false }).first().waitFor();
  });

  it('runs the per-question evidence query typed into the editor and shows tumor aneuploidy with its certainty reasons', async () => {
    await typeOperation(PER_QUESTION);
    const result = await run();
    expect(result.errors).toBeUndefined();
    const answers = (result.data?.['biomarkerEvidence'] as { answers: Answer[] } | undefined)?.answers ?? [];
    expect(answers.length).toBeGreaterThan(1);
    const timing = answers.find((a) => a.ranking.some((r) => r.biomarker.name === 'Tumor aneuploidy'));
    expect(timing?.question.label).toMatch(/concurrent vs sequential/);
    const aneuploidy = timing?.ranking.find((r) => r.biomarker.name === 'Tumor aneuploidy');
    expect(aneuploidy?.verdict).toMatch(/^PREDICTIVE/);
    expect(aneuploidy?.certainty?.judgements.map((j) => j.domain)).toContain('RISK_OF_BIAS');
    // What the researcher sees: the result pane shows the answers, with tumor aneuploidy in them.
    await page.locator('.graphiql-response').getByText('"answers"').waitFor();
    await revealInResponse('Tumor aneuploidy');
    await page.locator('.graphiql-response').getByText('Tumor aneuploidy').first().waitFor();
  });

  it('switches to another example tab and runs it', async () => {
    await page.locator('.graphiql-tab-button', { hasText: 'StudyArmsTherapies' }).click();
    await page.waitForFunction(() =>
      ((window as MonacoWindow).__MONACO?.editor.getModels() ?? []).some((m) => m.uri.path.endsWith('-operation.graphql') && m.getValue().includes('StudyArmsTherapies')),
    );
    expect(await editorText('operation')).toBe(readFileSync(path.join(OPERATIONS, 'study-arms-therapies.graphql'), 'utf8'));
    const result = await run();
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain('PEMBRO-RT');
  });

  it('opens an example from the Examples picker in a new tab after its tab was closed', async () => {
    const tab = page.locator('.graphiql-tab', { hasText: 'SearchAndNeighborhood' });
    await tab.locator('.graphiql-tab-button').click();
    await tab.getByRole('button', { name: 'Close Tab' }).click();
    await tab.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: 'Show Examples' }).click();
    const example = page.locator('[data-testid=example][data-example=SearchAndNeighborhood]');
    expect(await example.textContent()).toContain('Full-text search, then the neighbourhood of a node');
    await example.click();
    await page.locator('.graphiql-tab-active', { hasText: 'SearchAndNeighborhood' }).waitFor();
    const result = await run();
    expect(result.errors).toBeUndefined();
    expect(JSON.stringify(result.data)).toContain('tumor-aneuploidy');
  });

  it('saves a screenshot of GraphiQL with the evidence ranking to test-artifacts/graphiql.png', async () => {
    await typeOperation(PER_QUESTION);
    await run();
    await revealInResponse('Tumor aneuploidy');
    await page.locator('.graphiql-response').getByText('Tumor aneuploidy').first().waitFor();
    const file = path.join(ARTIFACTS, 'graphiql.png');
    await page.screenshot({ path: file });
    expect(existsSync(file)).toBe(true);
  });
});
