/**
 * Releases name the graph's content; the response cache is keyed by them; exports are stamped
 * with them and are byte-identical for the same release.
 */

import path from 'node:path';
import { parse as parseCsv } from 'csv-parse/sync';
import { DirectedGraph } from 'graphology';
import { parse as parseGraphml } from 'graphology-graphml';
import { beforeAll, describe, expect, it } from 'vitest';
import { hashGraph, ReleaseTracker, refreshRelease, tagRelease } from '../../src/release/release.js';
import { readSeed } from '../../src/seed-files/read-seed.js';
import type { StudySeed } from '../../src/seed-files/seed-schema.js';
import { writeStudy } from '../../src/seed-files/write-seed.js';
import { testApp, useSeededApp } from '../helpers.js';

const t = useSeededApp();

// Writes go through the seed writer to a study no other test reads the summary of.
const PROBE = 'monjazeb-2023-sabr-atezolizumab';
let original: StudySeed;
beforeAll(async () => {
  const bundle = await readSeed(path.resolve('seed'));
  original = bundle.studies.find((s) => s.study.id === PROBE)!.study;
});
const withSummary = (summary: string): StudySeed => ({ ...structuredClone(original), summary });

async function get(path: string, headers: Record<string, string> = {}): Promise<Response> {
  return t.app.fetch(`http://test${path}`, { headers });
}

describe('releases', () => {
  it('every GraphQL response carries the release id, also errors', async () => {
    const ok = await t.gql<{ release: { id: string } }>('{ release { id createdAt counts { kind name count } } }');
    expect(ok.errors).toBeUndefined();
    const id = ok.data!.release.id;
    expect(id).toMatch(/^[0-9a-f]{16}$/);
    expect((ok.extensions as { release?: string }).release).toBe(id);
    const bad = await t.gql('{ noSuchField }');
    expect(bad.errors?.length).toBeGreaterThan(0);
    expect((bad.extensions as { release?: string }).release).toBe(id);
  });

  it('the release id is the hash of the content: hashing the same graph again gives the same id and counts', async () => {
    const a = await hashGraph(t.db);
    const b = await hashGraph(t.db);
    expect(b.id).toBe(a.id);
    const res = await t.gql<{ release: { id: string; counts: { kind: string; name: string; count: number }[] } }>('{ release { id counts { kind name count } } }');
    expect(res.data!.release.id).toBe(a.id);
    const studies = res.data!.release.counts.find((c) => c.kind === 'NODE' && c.name === 'Study');
    expect(studies?.count).toBeGreaterThanOrEqual(16);
  });

  it('a write gives a new release id, and restoring the content gives the old id back', async () => {
    const before = await hashGraph(t.db);
    await writeStudy(t.db, withSummary(`${original.summary} (release test)`));
    try {
      const changed = await hashGraph(t.db);
      expect(changed.id).not.toBe(before.id);
    } finally {
      await writeStudy(t.db, original);
    }
    expect((await hashGraph(t.db)).id).toBe(before.id);
  });

  it('another instance converges on the marker a writer moved, without hashing', async () => {
    const tracker = new ReleaseTracker(t.db, { checkIntervalMs: 0 });
    const seen = await tracker.current();
    const recorded = await refreshRelease(t.db, 'test: release after a test write');
    expect((await tracker.current()).id).toBe(recorded.id);
    expect(recorded.id).toBe(seen.id);
  });

  it('a release can be tagged with a name and looked up by it', async () => {
    const current = await refreshRelease(t.db, 'test: release after a test write');
    expect(await tagRelease(t.db, 'test-tag', current.id)).toEqual({ name: 'test-tag', id: current.id });
    const res = await t.gql<{ release: { id: string; tags: string[] } }>('{ release(tag: "test-tag") { id tags } }');
    expect(res.data!.release).toEqual({ id: current.id, tags: ['test-tag'] });
  });
});

describe('the response cache', () => {
  it('serves a repeated query from the cache (no Cypher), counts hits and misses, and is bypassed by x-abscopal-cache or Cache-Control: no-cache', async () => {
    const { app, metrics } = testApp(t.db);
    const ask = async (headers: Record<string, string> = {}) => {
      const res = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json', ...headers },
        body: JSON.stringify({ query: '{ studies(first: 2) { edges { node { shortName } } } }' }),
      });
      return (await res.json()) as { data: unknown; extensions: { cypherQueries?: number; release: string; responseCache?: { hit: boolean } } };
    };
    const first = await ask();
    const second = await ask();
    const bypassed = await ask({ 'x-abscopal-cache': 'bypass' });
    const noCache = await ask({ 'cache-control': 'no-cache' });
    expect(first.extensions.cypherQueries).toBeGreaterThan(0);
    expect(first.extensions.responseCache?.hit).toBe(false);
    expect(second.extensions.responseCache?.hit).toBe(true);
    expect(second.extensions.cypherQueries ?? 0).toBe(0);
    expect(second.data).toEqual(first.data);
    expect(second.extensions.release).toBe(first.extensions.release);
    expect(bypassed.extensions.cypherQueries).toBeGreaterThan(0);
    expect(noCache.extensions.cypherQueries).toBeGreaterThan(0);
    const text = await metrics.registry.metrics();
    expect(text).toMatch(/abscopal_response_cache_hits_total 1\b/);
    expect(text).toMatch(/abscopal_response_cache_misses_total 1\b/);
  });

  it('does not serve an answer from an older release once a writer moved the marker', async () => {
    // An instance that re-reads the marker on every request (the default waits up to a second).
    const app = testApp(t.db, { release: new ReleaseTracker(t.db, { checkIntervalMs: 0 }) }).app;
    const ask = async () => {
      const res = await app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: `{ entity(slug: "${PROBE}") { ... on Study { summary } } }` }),
      });
      return (await res.json()) as { data: { entity: { summary: string } }; extensions: { cypherQueries: number; release: string } };
    };
    const before = await ask();
    await writeStudy(t.db, withSummary('changed by the cache test'));
    try {
      await refreshRelease(t.db, 'test: release after a test write');
      const after = await ask();
      expect(after.extensions.release).not.toBe(before.extensions.release);
      expect(after.data.entity.summary).toBe('changed by the cache test');
      expect(after.extensions.cypherQueries).toBeGreaterThan(0);
    } finally {
      await writeStudy(t.db, original);
      await refreshRelease(t.db, 'test: release after a test write');
    }
  });
});

describe('exports', () => {
  let release = '';
  beforeAll(async () => {
    // The graph is back at the seed's content here, so the app's release has this id too.
    release = (await refreshRelease(t.db, 'test: release after a test write')).id;
  });

  for (const path of ['/export/graph.graphml', '/export/graph.json', '/export/findings.csv', '/export/outcomes.csv']) {
    it(`${path} is stamped with the release and byte-identical when exported twice`, async () => {
      const a = await get(path);
      const b = await get(path);
      expect(a.status).toBe(200);
      expect(a.headers.get('x-abscopal-release')).toBe(release);
      expect(a.headers.get('content-disposition')).toContain(release);
      const [ta, tb] = [await a.text(), await b.text()];
      expect(ta.length).toBeGreaterThan(1000);
      expect(ta).toContain(release);
      expect(tb).toBe(ta);
    });
  }

  it('the GraphML opens in a GraphML reader with every node and edge', async () => {
    const text = await (await get('/export/graph.graphml')).text();
    const graph = parseGraphml(DirectedGraph, text);
    const counts = (await t.gql<{ release: { counts: { kind: string; count: number }[] } }>('{ release { counts { kind count } } }')).data!.release.counts;
    const nodes = counts.filter((c) => c.kind === 'NODE').reduce((a, c) => a + c.count, 0);
    const edges = counts.filter((c) => c.kind === 'RELATIONSHIP').reduce((a, c) => a + c.count, 0);
    expect(graph.order).toBe(nodes);
    expect(graph.size).toBe(edges);
    expect(graph.getNodeAttribute('pacific-pdl1-tc-lt1-pfs-not-predictive', 'type')).toBe('Finding');
  });

  it('the CSVs parse as RFC 4180 with one row per finding / outcome and quoted commas intact', async () => {
    const findings = parseCsv(await (await get('/export/findings.csv')).text(), { columns: true }) as Record<string, string>[];
    const spurr = findings.find((r) => r['finding_id'] === 'spurr-aneuploidy-high-concurrent-benefit');
    expect(spurr?.['biomarker_id']).toBe('tumor-aneuploidy');
    expect(spurr?.['schedule']).toBe('CONCURRENT');
    expect(spurr?.['release']).toBe(release);
    const outcomes = parseCsv(await (await get('/export/outcomes.csv')).text(), { columns: true }) as Record<string, string>[];
    const lt1 = outcomes.find((r) => r['outcome_id'] === 'pacific-pdl1-pfs-hr-tc-lt1');
    expect(lt1).toMatchObject({ hr: '0.73', hr_ci_low: '0.48', hr_ci_high: '1.11', population: 'PD-L1 TC <1%', measure: 'PFS' });
    const counts = (await t.gql<{ release: { counts: { name: string; count: number }[] } }>('{ release { counts { name count } } }')).data!.release.counts;
    expect(findings.length).toBe(counts.find((c) => c.name === 'Finding')?.count);
    expect(outcomes.length).toBe(counts.find((c) => c.name === 'Outcome')?.count);
  });
});
