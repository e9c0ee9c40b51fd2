/**
 * The graph explorer page (/) with the network closed (test/browser/offline-browser.ts): it
 * renders, runs a search and places the pick on the canvas, opens the evidence tab and a line of
 * its ranking, with nothing fetched from outside, no console error and no Content-Security-Policy
 * violation.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ARTIFACTS, baseUrl, launchOffline, openOffline } from './offline-browser.js';

type HookWindow = Window & { __abscopal?: { cy: { nodes(): { length: number } } } };

let browser: Browser;

beforeAll(async () => {
  browser = await launchOffline();
});

afterAll(async () => {
  await browser?.close();
});

describe('the graph explorer page with no network', () => {
  it('is sent with a Content-Security-Policy of its own origin only, renders, and runs a search', async () => {
    const { context, page, outsideRequests, errors } = await openOffline(browser);
    const response = await page.goto(`${baseUrl()}/`);
    const policy = response?.headers()['content-security-policy'] ?? '';
    expect(policy).toContain("default-src 'self'");
    expect(policy).toContain("script-src 'self';");
    expect(policy).not.toMatch(/https?:|\*|unsafe-/);

    await page.locator('#status', { hasText: 'Ready' }).waitFor();
    await page.fill('#search-input', 'aneuploidy');
    const suggestion = page.locator('[data-testid=suggestion]', { hasText: 'Tumor aneuploidy' }).first();
    await suggestion.waitFor();
    await suggestion.click();
    await page.locator('#details-title', { hasText: 'Tumor aneuploidy' }).waitFor();
    await page.waitForFunction(() => ((window as HookWindow).__abscopal?.cy.nodes().length ?? 0) > 1);
    await page.waitForTimeout(600); // let the layout animation settle for the screenshot
    const file = path.join(ARTIFACTS, 'explorer-offline.png');
    await page.screenshot({ path: file });

    // The evidence tab: the question chooser, a ranking, and an opened line with its score bars
    // (sized through the CSSOM, which the style-src 'self' policy allows) and its certainty reasons.
    await page.click('#evidence-tab');
    const row = page.locator('[data-testid=evidence-row]').first();
    await row.waitFor();
    expect(await page.locator('#evidence-question option').count()).toBeGreaterThan(1);
    await row.locator('[data-testid=evidence-toggle]').click();
    await page.locator('[data-testid=evidence-detail]:visible [data-testid=certainty-judgement]').first().waitFor();
    await context.close();

    expect(existsSync(file)).toBe(true);
    expect(outsideRequests, 'requests to outside origins').toEqual([]);
    expect(errors, 'console errors and CSP violations').toEqual([]);
  });
});
