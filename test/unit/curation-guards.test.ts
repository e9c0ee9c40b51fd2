/** The pure parts of curation: one validation for files and submissions, the transport rule, the write limiter. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { WriteRateLimiter } from '../../src/curation/rate-limit.js';
import { mutationTransportProblem } from '../../src/curation/transport.js';
import { type KnownNode, validateBundle } from '../../src/seed-files/read-seed.js';

async function fixture(): Promise<{ study: Record<string, unknown>; catalog: Record<string, unknown[]> }> {
  return JSON.parse(await readFile(path.resolve('test/fixtures/curation/new-study.json'), 'utf8')) as { study: Record<string, unknown>; catalog: Record<string, unknown[]> };
}

/** The graph a submission is checked against: the seed catalog ids it refers to. */
const GRAPH = new Map<string, KnownNode>([
  ['metastatic-nsclc', { label: 'Disease', study: null }],
  ['sbrt', { label: 'Therapy', study: null }],
  ['pembrolizumab', { label: 'Therapy', study: null }],
]);

function asSubmission(input: { study: unknown; catalog: Record<string, unknown[]> }) {
  return {
    catalog: Object.fromEntries(Object.entries(input.catalog).map(([k, v]) => [k, { file: `catalog.${k}`, value: v }])),
    studies: [{ file: 'study', value: input.study }],
  };
}

describe('validating a submission with the seed validation', () => {
  it('accepts a study whose references resolve to its own new catalog entries and to nodes already in the graph', async () => {
    const { bundle, problems } = validateBundle(asSubmission(await fixture()), GRAPH);
    expect(problems).toEqual([]);
    expect(bundle?.studies[0]?.study.id).toBe('fixture-curation-study');
  });

  it('names a reference to a node that is neither submitted nor in the graph with its path', async () => {
    const input = await fixture();
    const { problems } = validateBundle(asSubmission(input), new Map([...GRAPH].filter(([id]) => id !== 'sbrt')));
    expect(problems.map((p) => `${p.file}.${p.path}: ${p.message}`)).toEqual([
      'study.arms[0].therapies[0].therapy: unknown therapy "sbrt"',
      'study.findings[0].therapies[0]: unknown therapy "sbrt"',
    ]);
  });

  it('refuses a new catalog entry whose id the graph already uses, and an arm id owned by another study', async () => {
    const input = await fixture();
    const graph = new Map([
      ...GRAPH,
      ['fixture-curation-marker', { label: 'Biomarker', study: null } as KnownNode],
      ['fixture-curation-arm', { label: 'Arm', study: 'another-study' } as KnownNode],
    ]);
    const { problems } = validateBundle(asSubmission(input), graph);
    expect(problems.map((p) => `${p.file}${p.path}`)).toEqual(['catalog.biomarkers[0].id', 'studyarms[0].id']);
  });

  it('lets a study be replaced by a submission with the same id (its own arms may keep their ids)', async () => {
    const graph = new Map([
      ...GRAPH,
      ['fixture-curation-study', { label: 'Study', study: 'fixture-curation-study' } as KnownNode],
      ['fixture-curation-arm', { label: 'Arm', study: 'fixture-curation-study' } as KnownNode],
    ]);
    const input = await fixture();
    input.catalog = {};
    const withCatalog = new Map([
      ...graph,
      ...['fixture-curation-source', 'fixture-curation-institute', 'fixture-curation-investigator', 'fixture-curation-marker'].map(
        (id, i) => [id, { label: (['Source', 'Institution', 'Investigator', 'Biomarker'] as const)[i]!, study: null }] as [string, KnownNode],
      ),
    ]);
    expect(validateBundle(asSubmission(input), withCatalog).problems).toEqual([]);
  });
});

describe('the mutation transport rule', () => {
  const post = (type: string) => new Request('http://x/graphql', { method: 'POST', headers: { 'content-type': type }, body: '{}' });

  it('allows a JSON POST, with or without a charset', () => {
    expect(mutationTransportProblem(post('application/json'))).toBeUndefined();
    expect(mutationTransportProblem(post('application/json; charset=utf-8'))).toBeUndefined();
  });

  it('refuses GET and the bodies an HTML form or a simple cross-site request can send', () => {
    expect(mutationTransportProblem(new Request('http://x/graphql?query=mutation'))).toMatch(/POST only/);
    for (const type of ['application/x-www-form-urlencoded', 'multipart/form-data; boundary=x', 'text/plain']) {
      expect(mutationTransportProblem(post(type))).toMatch(/JSON body/);
    }
  });
});

describe('the per-token write limiter', () => {
  it('refuses the write after the budget within one minute, per token, and allows it again in the next minute', () => {
    let now = 0;
    const limiter = new WriteRateLimiter(2, () => now);
    limiter.take('a');
    limiter.take('a');
    limiter.take('b');
    expect(() => limiter.take('a')).toThrow(/at most 2 per minute/);
    now = 60_000;
    expect(() => limiter.take('a')).not.toThrow();
  });
});
