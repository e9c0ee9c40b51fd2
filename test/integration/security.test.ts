/**
 * Browser and production safety: CSRF prevention, bounded arguments, trusted documents,
 * introspection off, per-client rate limits. Against the seeded test database via app.fetch.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/run.js';
import type { SecurityOptions } from '../../src/security/index.js';
import { buildManifest, documentHash } from '../../src/security/trusted-documents.js';
import { type GqlResult, testApp, testDb } from '../helpers.js';

let db: Db;
let close: () => Promise<void>;
let tmp: string;
beforeAll(async () => {
  ({ db, close } = await testDb());
  tmp = await mkdtemp(path.join(os.tmpdir(), 'abscopal-security-'));
});
afterAll(async () => {
  await close();
  await rm(tmp, { recursive: true, force: true });
});

function appWith(security: SecurityOptions = {}) {
  const app = testApp(db, { security }).app;
  const post = async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await app.fetch('http://test/graphql', { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
    return { res, json: (await res.json()) as GqlResult };
  };
  return { app, post };
}

const b64 = (s: string): string => Buffer.from(s).toString('base64');

describe('cross-site request forgery', () => {
  it('refuses a form-urlencoded cross-site POST with 403, without running it', async () => {
    const { app } = appWith();
    const res = await app.fetch('http://test/graphql', {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded', origin: 'https://evil.example' },
      body: new URLSearchParams({ query: '{ graphStats { nodes { name } } }' }).toString(),
    });
    expect(res.status).toBe(403);
    const body = (await res.json()) as GqlResult;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/CSRF/);
  });

  it('refuses a plain GET query without the CSRF header and runs it with the header', async () => {
    const { app } = appWith();
    const url = `http://test/graphql?query=${encodeURIComponent('{ graphStats { nodes { name } } }')}`;
    expect((await app.fetch(url, { headers: { accept: 'application/json' } })).status).toBe(403);
    const ok = await app.fetch(url, { headers: { accept: 'application/json', 'x-graphql-yoga-csrf': '1' } });
    expect(ok.status).toBe(200);
    expect(((await ok.json()) as GqlResult).data).toBeDefined();
  });

  it('runs a JSON POST, as GraphiQL, the explorer and the tests send it', async () => {
    const { json } = await appWith().post({ query: '{ graphStats { nodes { name } } }' });
    expect(json.errors).toBeUndefined();
    expect(json.data).toBeDefined();
  });
});

describe('argument limits', () => {
  const post = (body: unknown) => appWith().post(body);

  it('answers a 100 KB search string with BAD_USER_INPUT naming the argument, before Neo4j', async () => {
    const { json } = await post({ query: 'query($t: String!) { search(text: $t) { slug } }', variables: { t: 'x'.repeat(100_000) } });
    expect(json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'search(text)', max: 200 } });
    expect(json.extensions?.cypherQueries ?? 0).toBe(0);
  });

  it('bounds text inside input objects and the length of id lists', async () => {
    const filter = await post({ query: 'query($f: StudyFilter) { studies(filter: $f) { edges { cursor } } }', variables: { f: { text: 'y'.repeat(500) } } });
    expect(filter.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'studies(filter).text' } });
    const ids = await post({ query: 'query($ids: [ID!]!) { nodes(ids: $ids) { id } }', variables: { ids: Array.from({ length: 101 }, (_, i) => `x${i}`) } });
    expect(ids.json.errors?.[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', argument: 'nodes(ids)', max: 100 } });
  });

  it('answers malformed cursors with BAD_USER_INPUT, whether not base64 or base64 of nonsense', async () => {
    for (const after of ['garbage!', 'garbage', b64('nonsense'), b64('OffsetConnection:-5')]) {
      const { json } = await post({ query: 'query($a: String) { studies(after: $a) { edges { cursor } } }', variables: { a: after } });
      expect(json.errors?.[0]?.extensions?.code, after).toBe('BAD_USER_INPUT');
    }
  });
});

describe('production mode', () => {
  const operations = readdirSync('test/operations').map((f) => readFileSync(path.join('test/operations', f), 'utf8'));

  function trustedApp() {
    const file = path.join(tmp, 'trusted-documents.json');
    writeFileSync(file, JSON.stringify(buildManifest(operations)));
    return appWith({ trustedDocuments: file, introspection: false });
  }

  it('runs a trusted document sent as text (whatever its whitespace) or as its hash', async () => {
    const { post } = trustedApp();
    const doc = operations.find((o) => o.includes('StudiesFiltered'))!;
    const asText = await post({ query: `\n\n${doc.replace(/\n/g, '\n  ')}` });
    expect(asText.json.errors).toBeUndefined();
    const asHash = await post({ extensions: { persistedQuery: { version: 1, sha256Hash: documentHash(doc) } } });
    expect(asHash.json.errors).toBeUndefined();
    expect(asHash.json.data).toEqual(asText.json.data);
  });

  it('refuses any other operation with PERSISTED_QUERY_NOT_FOUND', async () => {
    const { post } = trustedApp();
    const { res, json } = await post({ query: '{ graphStats { nodes { name } } }' });
    expect(res.status).toBe(400);
    expect(json.errors?.[0]?.extensions?.code).toBe('PERSISTED_QUERY_NOT_FOUND');
  });

  it('refuses introspection when it is turned off, and allows it by default', async () => {
    const off = await appWith({ introspection: false }).post({ query: '{ __schema { queryType { name } } }' });
    expect(off.json.errors?.[0]?.message).toMatch(/introspection/i);
    const on = await appWith().post({ query: '{ __schema { queryType { name } } }' });
    expect(on.json.data).toEqual({ __schema: { queryType: { name: 'Query' } } });
  });

  it('answers 429 RATE_LIMITED with Retry-After once a client is over its limit', async () => {
    const { post } = appWith({ rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await post({ query: '{ __typename }' })).res.status).toBe(200);
    const { res, json } = await post({ query: '{ __typename }' });
    expect(res.status).toBe(429);
    expect(Number(res.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(json.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
  });
});
