/**
 * The registry client against a loopback HTTP server started here (no registry is reachable from
 * the test machines): paging follows nextPageToken, transient failures are retried with backoff,
 * Retry-After is honoured, and a client error fails at once with the status in the message.
 */
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ctgovSearchPages, fetchPubmedXml, PoliteClient } from '../../src/importers/http.js';

type Handler = (req: IncomingMessage, res: ServerResponse) => void;
let handler: Handler = (_req, res) => res.end();
let base = '';
const server = createServer((req, res) => handler(req, res));

beforeAll(async () => {
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

/** A client whose waits are recorded instead of slept, so the tests take no time. */
function client(minIntervalMs = 10_000, retries = 3): { http: PoliteClient; waits: number[] } {
  const waits: number[] = [];
  const http = new PoliteClient({ minIntervalMs, retries, backoffMs: 1_000, userAgent: 'abscopal-test', sleep: async (ms) => void waits.push(ms) });
  return { http, waits };
}

describe('the ClinicalTrials.gov client', () => {
  it('follows nextPageToken through every page of a search and stops when none is returned', async () => {
    const seen: string[] = [];
    handler = (req, res) => {
      const url = new URL(req.url ?? '/', base);
      seen.push(url.searchParams.get('pageToken') ?? '(first)');
      const next = { '(first)': 'tokA', tokA: 'tokB', tokB: undefined }[url.searchParams.get('pageToken') ?? '(first)'];
      res.setHeader('content-type', 'application/json');
      res.end(JSON.stringify({ studies: [{ page: seen.length }], ...(next ? { nextPageToken: next } : {}) }));
    };
    const { http } = client();
    const pages: unknown[] = [];
    for await (const text of ctgovSearchPages(http, { 'query.term': 'radiotherapy AND pembrolizumab' }, `${base}/api/v2`, 2)) pages.push(JSON.parse(text));
    expect(seen).toEqual(['(first)', 'tokA', 'tokB']);
    expect(pages).toHaveLength(3);
  });

  it('waits between requests so it never exceeds the rate limit', async () => {
    handler = (_req, res) => res.end('{"studies": []}');
    const { http, waits } = client(10_000);
    await http.getText(`${base}/a`);
    await http.getText(`${base}/b`);
    await http.getText(`${base}/c`);
    // The first request goes at once; each later one waits for its slot.
    expect(waits).toHaveLength(2);
    expect(waits.every((w) => w > 0)).toBe(true);
  });

  it('retries server errors and a 429 (honouring Retry-After) with growing backoff, then succeeds', async () => {
    const answers = [503, 429, 502, 200];
    handler = (_req, res) => {
      const status = answers.shift() ?? 200;
      if (status === 429) res.setHeader('retry-after', '7');
      res.statusCode = status;
      res.end(status === 200 ? '{"ok": true}' : 'busy');
    };
    const { http, waits } = client(0, 4);
    expect(await http.getText(`${base}/studies/NCT02125461`)).toBe('{"ok": true}');
    expect(http.attempts.map((a) => a.status)).toEqual([503, 429, 502, 200]);
    // 503 -> backoff 1 s, 429 -> Retry-After 7 s, 502 -> backoff 4 s (third attempt: 1 s * 2^2).
    expect(waits).toEqual([1_000, 7_000, 4_000]);
  });

  it('gives up after the last retry with a message naming the URL and the failure', async () => {
    handler = (_req, res) => {
      res.statusCode = 500;
      res.end('down');
    };
    const { http } = client(0, 2);
    await expect(http.getText(`${base}/studies/NCT02492568`)).rejects.toThrow(/NCT02492568 failed after 3 attempts \(HTTP 500\)/);
  });

  it('fails at once on a client error such as 404, without retrying', async () => {
    handler = (_req, res) => {
      res.statusCode = 404;
      res.end('no such study');
    };
    const { http } = client(0, 3);
    await expect(http.getText(`${base}/studies/NCT00000000`)).rejects.toThrow(/answered 404: no such study/);
    expect(http.attempts).toHaveLength(1);
  });
});

describe('the PubMed efetch client', () => {
  it('asks efetch for XML records in batches of at most 200 PMIDs', async () => {
    const batches: number[] = [];
    handler = (req, res) => {
      const url = new URL(req.url ?? '/', base);
      expect(url.pathname).toBe('/efetch.fcgi');
      expect(url.searchParams.get('db')).toBe('pubmed');
      expect(url.searchParams.get('retmode')).toBe('xml');
      batches.push((url.searchParams.get('id') ?? '').split(',').length);
      res.end('<PubmedArticleSet></PubmedArticleSet>');
    };
    const { http } = client(0);
    const pmids = Array.from({ length: 450 }, (_, i) => String(10_000_000 + i));
    let responses = 0;
    for await (const _xml of fetchPubmedXml(http, pmids, base)) responses += 1;
    expect(batches).toEqual([200, 200, 50]);
    expect(responses).toBe(3);
  });
});
