/**
 * Debian's Chromium, headless, with the network closed: every request to an origin other than
 * loopback is aborted and recorded, and the browser's proxy points at a closed loopback port so
 * nothing that escapes routing (a worker, a prefetch) can reach the outside either. Console
 * errors, uncaught page errors and Content-Security-Policy violations are recorded too; a test
 * expects both lists empty.
 */
import { existsSync } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import path from 'node:path';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

export const CHROMIUM = process.env['ABSCOPAL_CHROMIUM'] ?? '/usr/bin/chromium';
export const ARTIFACTS = path.resolve('test-artifacts');
const LOOPBACK = new Set(['127.0.0.1', 'localhost', '[::1]']);

export function baseUrl(): string {
  const url = process.env['ABSCOPAL_TEST_URL'];
  if (!url) throw new Error('ABSCOPAL_TEST_URL is not set: the vitest global setup (test/global-setup.ts) starts the server and sets it');
  return url.replace(/\/$/, '');
}

export async function launchOffline(): Promise<Browser> {
  if (!existsSync(CHROMIUM)) {
    throw new Error(
      `Chromium was not found at ${CHROMIUM}: the browser tests need it. Install it with \`apt-get install chromium\` (Debian/Ubuntu), or set ABSCOPAL_CHROMIUM to a Chromium binary.`,
    );
  }
  await mkdir(ARTIFACTS, { recursive: true });
  return chromium.launch({
    executablePath: CHROMIUM,
    headless: true,
    args: ['--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync'],
    // Port 9 (discard) on loopback is closed: anything not bypassed fails to connect.
    proxy: { server: 'http://127.0.0.1:9', bypass: [...LOOPBACK].join(',') },
  });
}

export interface OfflinePage {
  context: BrowserContext;
  page: Page;
  /** URLs the page tried to fetch from outside loopback (all aborted). */
  outsideRequests: string[];
  /** Console errors (CSP violations among them) and uncaught exceptions. */
  errors: string[];
}

export async function openOffline(browser: Browser): Promise<OfflinePage> {
  const context = await browser.newContext({ viewport: { width: 1440, height: 900 } });
  const outsideRequests: string[] = [];
  const errors: string[] = [];
  await context.route('**/*', async (route) => {
    const url = new URL(route.request().url());
    if (url.protocol === 'data:' || url.protocol === 'blob:' || LOOPBACK.has(url.hostname)) return route.continue();
    outsideRequests.push(url.href);
    return route.abort('internetdisconnected');
  });
  const page = await context.newPage();
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (err) => errors.push(err.message));
  return { context, page, outsideRequests, errors };
}
