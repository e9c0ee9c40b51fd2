/**
 * GET /graphql from a browser is the server's own GraphiQL page: every script, stylesheet and icon
 * it names is served here, and it carries the Content-Security-Policy; so does the explorer page.
 * (test/browser/graphiql.test.ts runs the page in Chromium with the network closed.)
 */

import { describe, expect, it } from 'vitest';
import { GRAPHIQL_POLICY, PAGE_POLICY } from '../../src/http/plugins/use-content-security-policy.js';
import { CSRF_HEADER } from '../../src/security/index.js';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();

const html = { accept: 'text/html,application/xhtml+xml' };

describe('the GraphiQL page', () => {
  it('is served at /graphql for browsers, naming only assets on this server, each of which is served', async () => {
    const res = await t.app.fetch('http://test/graphql', { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    const page = await res.text();
    expect(page).not.toMatch(/(src|href)="(https?:)?\/\//);
    const assets = [...page.matchAll(/(?:src|href)="(\/[^"]+)"/g)].map((m) => m[1] ?? '');
    expect(assets).toEqual(expect.arrayContaining(['/assets/graphiql/graphiql.js', '/assets/graphiql/graphiql.css', '/assets/favicon.svg']));
    for (const asset of assets) expect((await t.app.fetch(`http://test${asset}`)).status, asset).toBe(200);
    for (const worker of ['editor', 'json', 'graphql']) expect((await t.app.fetch(`http://test/assets/graphiql/${worker}.worker.js`)).status).toBe(200);
  });

  it('carries a Content-Security-Policy allowing scripts, connections and workers from its own origin only', async () => {
    const res = await t.app.fetch('http://test/graphql', { headers: html });
    expect(res.headers.get('content-security-policy')).toBe(GRAPHIQL_POLICY);
    expect(GRAPHIQL_POLICY).toContain("script-src 'self';");
    expect(GRAPHIQL_POLICY).toContain("connect-src 'self';");
    expect(GRAPHIQL_POLICY).toContain("worker-src 'self';");
    expect(GRAPHIQL_POLICY).not.toMatch(/https?:|\*|unsafe-eval|blob:/);
  });

  it('leaves JSON answers of the same endpoint without a page policy', async () => {
    const res = await t.app.fetch('http://test/graphql?query=%7B__typename%7D', { headers: { accept: 'application/json', [CSRF_HEADER]: '1' } });
    expect(await res.json()).toMatchObject({ data: { __typename: 'Query' } });
    expect(res.headers.get('content-security-policy')).toBeNull();
  });
});

describe('the explorer page', () => {
  it('carries the strict policy: its own origin only, no inline script or style beyond one hashed Cytoscape rule', async () => {
    const res = await t.app.fetch('http://test/', { headers: html });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-security-policy')).toBe(PAGE_POLICY);
    expect(PAGE_POLICY).not.toMatch(/https?:|\*|unsafe-|data:|blob:/);
  });
});
