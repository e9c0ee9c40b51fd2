/**
 * Curation end to end on a real Neo4j: tokens and scopes, pending submissions, review, the audit
 * trail, retraction and the ranking, browser-safety of mutations, and export -> fresh load. These
 * tests retract seeded findings and wipe a database, so they run on a private Neo4j of their own,
 * seeded from seed/, instead of the shared test database other files read.
 */

import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createToken, revokeToken } from '../../src/curation/tokens.js';
import type { Db } from '../../src/db/run.js';
import { createLogger } from '../../src/observability/logger.js';
import { connect, prepareGraph } from '../../src/runtime/bootstrap.js';
import { freePort, type LocalNeo4jProcess, startLocalNeo4j } from '../../src/runtime/local-neo4j.js';
import { CSRF_HEADER } from '../../src/security/index.js';
import { exportSeed, writeSeedDir } from '../../src/seed-files/export-seed.js';
import { readSeed } from '../../src/seed-files/read-seed.js';
import { writeSeed } from '../../src/seed-files/write-seed.js';
import { type GqlResult, testApp, withStatements } from '../helpers.js';

const FIXTURES = path.resolve('test/fixtures/curation');
const log = createLogger('silent');

let neo4j: LocalNeo4jProcess;
let db: Db;
let closeDriver: () => Promise<void>;
let dataDir: string;
let app: ReturnType<typeof testApp>['app'];
const tokens = { alice: '', bob: '', aliceReview: '', carol: '' };

async function gql<T = Record<string, unknown>>(query: string, variables: Record<string, unknown> = {}, token?: string): Promise<GqlResult<T>> {
  const headers: Record<string, string> = { 'content-type': 'application/json' };
  if (token !== undefined) headers['authorization'] = `Bearer ${token}`;
  const res = await app.fetch('http://test/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  return (await res.json()) as GqlResult<T>;
}

async function newStudyInput(): Promise<{ study: Record<string, unknown>; catalog: Record<string, unknown> }> {
  return JSON.parse(await readFile(path.join(FIXTURES, 'new-study.json'), 'utf8')) as { study: Record<string, unknown>; catalog: Record<string, unknown> };
}

const fixtureQuery = async (name: string): Promise<string> => readFile(path.join(FIXTURES, 'walkthrough', `${name}.graphql`), 'utf8');

/** The public graph (every :Entity node and relationship with its properties) plus the curation record counts. */
async function snapshot(): Promise<{ nodes: unknown[]; rels: unknown[]; records: unknown }> {
  return {
    nodes: await db.read('test-snapshot-nodes'),
    rels: await db.read('test-snapshot-rels'),
    records: (await db.read('test-curation-records'))[0],
  };
}

const SUBMIT_STUDY = `mutation($input: StudyInput!) { submitStudy(input: $input) { id status kind target } }`;
const REVIEW = `mutation($id: String!, $decision: ReviewDecision!) { reviewSubmission(id: $id, decision: $decision, comment: "reviewed in a test") { id status reviewer revision { id kind nodeIds } } }`;
const RETRACT = `mutation($node: String!) { submitRetraction(node: $node, reason: "test retraction") { id status } }`;

interface Sub {
  id: string;
  status: string;
  revision?: { id: string; kind: string; nodeIds: string[] } | null;
}

async function submitStudy(input: unknown, token = tokens.alice): Promise<GqlResult<{ submitStudy: Sub }>> {
  return gql<{ submitStudy: Sub }>(SUBMIT_STUDY, { input }, token);
}
async function reviewAs(token: string, id: string, decision: 'ACCEPT' | 'REJECT' = 'ACCEPT'): Promise<GqlResult<{ reviewSubmission: Sub }>> {
  return gql<{ reviewSubmission: Sub }>(REVIEW, { id, decision }, token);
}

beforeAll(async () => {
  dataDir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-curation-'));
  neo4j = await startLocalNeo4j({ dataDir, port: await freePort(), heap: '384m', log });
  const opened = await connect({ uri: neo4j.uri, user: 'neo4j', password: undefined, database: 'neo4j' });
  // The fixtures' own Cypher (checks on what curation wrote) next to the frozen book.
  const fixtures: Record<string, string> = {};
  for (const file of await readdir(path.join(FIXTURES, 'cypher'))) fixtures[file.replace(/\.cypher$/, '')] = await readFile(path.join(FIXTURES, 'cypher', file), 'utf8');
  db = withStatements(opened.db, fixtures);
  closeDriver = () => opened.driver.close();
  await prepareGraph(db, { seedOnStart: 'always', seedDir: path.resolve('seed') }, log);
  app = testApp(db, { exposeQueryCount: false, curationWritesPerMinute: 1000 }).app;
  tokens.alice = (await createToken(db, 'alice', ['curate'])).token;
  tokens.bob = (await createToken(db, 'bob', ['review'])).token;
  tokens.aliceReview = (await createToken(db, 'alice', ['review'])).token;
  tokens.carol = (await createToken(db, 'carol', ['curate', 'review'])).token;
}, 240_000);

afterAll(async () => {
  await closeDriver?.();
  await neo4j?.stop();
  if (dataDir) await rm(dataDir, { recursive: true, force: true });
});

describe('who may write', () => {
  it('refuses a submission without a token as UNAUTHENTICATED and writes nothing', async () => {
    const before = await snapshot();
    const res = await gql(SUBMIT_STUDY, { input: await newStudyInput() });
    expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a wrong or revoked token as UNAUTHENTICATED', async () => {
    expect((await submitStudy(await newStudyInput(), 'abs_not-a-real-token')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const revoked = await createToken(db, 'dave', ['curate']);
    await revokeToken(db, revoked.id);
    expect((await submitStudy(await newStudyInput(), revoked.token)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('refuses under-scoped writes as FORBIDDEN and writes nothing: a reviewer cannot submit, a curator cannot review', async () => {
    const before = await snapshot();
    expect((await submitStudy(await newStudyInput(), tokens.bob)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await reviewAs(tokens.alice, 'sub-anything')).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(await snapshot()).toEqual(before);
  });

  it('refuses writes beyond the per-token rate limit as RATE_LIMITED', async () => {
    const limited = testApp(db, { exposeQueryCount: false, curationWritesPerMinute: 1 }).app;
    const token = (await createToken(db, 'erin', ['curate'])).token;
    const call = async () =>
      (await (
        await limited.fetch('http://test/graphql', {
          method: 'POST',
          headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` },
          body: JSON.stringify({ query: RETRACT, variables: { node: 'no-such-finding' } }),
        })
      ).json()) as GqlResult;
    expect((await call()).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await call()).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
  });
});

describe('submissions', () => {
  it('rejects a study with a broken reference, naming its path, and writes nothing', async () => {
    const input = await newStudyInput();
    const study = input.study as { id: string; findings: { biomarker: string }[] };
    study.id = 'fixture-curation-broken';
    study.findings[0]!.biomarker = 'no-such-biomarker';
    const before = await snapshot();
    const res = await submitStudy(input);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    const problems = res.errors?.[0]?.extensions?.['problems'] as { path: string; message: string }[];
    expect(problems).toContainEqual({ path: 'study.findings[0].biomarker', message: 'unknown biomarker "no-such-biomarker"' });
    expect(await snapshot()).toEqual(before);
  });

  it('names every shape problem of a submission with its path', async () => {
    const input = await newStudyInput();
    (input.study as Record<string, unknown>)['kind'] = 'ANECDOTE';
    (input.catalog['sources'] as Record<string, unknown>[])[0]!['kind'] = 'RUMOUR';
    const problems = (await submitStudy(input)).errors?.[0]?.extensions?.['problems'] as { path: string }[];
    // Both shape errors, each at its path (references to the now-invalid source are reported too).
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(['catalog.sources[0].kind', 'study.kind']));
  });

  it('keeps a pending study out of search and entity until it is accepted', async () => {
    const input = await newStudyInput();
    (input.study as { id: string }).id = 'fixture-curation-pending';
    const res = await submitStudy(input);
    expect(res.data?.submitStudy.status).toBe('PENDING');
    const seen = await gql<{ search: unknown[] }>(`{ search(text: "curation walkthrough fixture") { slug } }`);
    expect(seen.data?.search).toEqual([]);
    expect((await gql(`{ entity(slug: "fixture-curation-pending") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    // Rejecting keeps it on record, and still changes nothing readers see.
    const rejected = await reviewAs(tokens.bob, res.data!.submitStudy.id, 'REJECT');
    expect(rejected.data?.reviewSubmission.status).toBe('REJECTED');
    const listed = await gql<{ submissions: { id: string; status: string }[] }>(`{ submissions(status: REJECTED) { id status } }`, {}, tokens.bob);
    expect(listed.data?.submissions.map((s) => s.id)).toContain(res.data!.submitStudy.id);
    expect((await gql(`{ entity(slug: "fixture-curation-pending") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
  });

  it('refuses self-review, even with the same person’s review token', async () => {
    const input = await newStudyInput();
    (input.study as { id: string }).id = 'fixture-curation-self';
    const sub = (await submitStudy(input)).data!.submitStudy;
    const before = await snapshot();
    const res = await reviewAs(tokens.aliceReview, sub.id);
    expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect(res.errors?.[0]?.message).toMatch(/cannot review it/);
    expect(await snapshot()).toEqual(before);
  });

  it('applies an accepted study once: accepting it again changes nothing', async () => {
    const sub = (await submitStudy(await newStudyInput())).data!.submitStudy;
    const first = await reviewAs(tokens.bob, sub.id);
    expect(first.data?.reviewSubmission.status).toBe('ACCEPTED');
    const afterFirst = await snapshot();
    const second = await reviewAs(tokens.bob, sub.id);
    expect(second.data?.reviewSubmission.revision?.id).toBe(first.data?.reviewSubmission.revision?.id);
    expect(await snapshot()).toEqual(afterFirst);
    const seen = await gql<{ entity: { shortName: string; revisions: { kind: string; author: string; reviewer: string }[] } }>(
      `{ entity(slug: "fixture-curation-study") { ... on Study { shortName revisions { kind author reviewer } } } }`,
    );
    expect(seen.data?.entity).toEqual({ shortName: 'Curation walkthrough fixture', revisions: [{ kind: 'STUDY', author: 'alice', reviewer: 'bob' }] });
  });

  it('validates a correction against the node type’s vocabulary and applies it with before and after in the audit trail', async () => {
    const bad = await gql(`mutation { submitCorrection(node: "fixture-curation-orr", fields: { unit: "furlongs", colour: "red" }, reason: "test") { id } }`, {}, tokens.alice);
    const problems = bad.errors?.[0]?.extensions?.['problems'] as { path: string }[];
    expect(problems.map((p) => p.path).sort()).toEqual(['fields.colour', 'fields.unit']);
    const ok = await gql<{ submitCorrection: Sub }>(
      `mutation { submitCorrection(node: "fixture-curation-orr", fields: { value: 30 }, reason: "typo in the fixture") { id status } }`,
      {},
      tokens.alice,
    );
    await reviewAs(tokens.bob, ok.data!.submitCorrection.id);
    const trail = await gql<{ revisions: { kind: string; changes: { nodeId: string; before: { value: number }; after: { value: number } }[] }[] }>(
      `{ revisions(entity: "fixture-curation-orr") { kind changes { nodeId before after } } }`,
    );
    const correction = trail.data?.revisions[0];
    expect(correction?.kind).toBe('CORRECTION');
    expect(correction?.changes.map((c) => [c.nodeId, c.before.value, c.after.value])).toEqual([['fixture-curation-orr', 25, 30]]);
  });
});

describe('retraction', () => {
  const RANKED = `{ biomarkerEvidence { answers { ranking { supporting { id: slug } contradicting { id: slug } } } } }`;
  type Ranked = { supporting: { id: string }[]; contradicting: { id: string }[] };
  const rankedFindings = async (): Promise<string[]> => {
    const res = await gql<{ biomarkerEvidence: { answers: { ranking: Ranked[] }[] } }>(RANKED);
    return res.data!.biomarkerEvidence.answers.flatMap((a) => a.ranking).flatMap((r) => [...r.supporting, ...r.contradicting].map((f) => f.id));
  };

  it('removes a finding from the ranking, keeps it visible as retracted, records it in the audit trail, and a reviewed revert restores it', async () => {
    const ranked = await rankedFindings();
    const finding = ranked[0]!;
    const sub = (await gql<{ submitRetraction: Sub }>(RETRACT, { node: finding }, tokens.alice)).data!.submitRetraction;
    expect(await rankedFindings()).toContain(finding);
    const accepted = await reviewAs(tokens.bob, sub.id);
    expect(accepted.data?.reviewSubmission.revision?.kind).toBe('RETRACTION');
    expect(await rankedFindings()).not.toContain(finding);

    const seen = await gql<{ entity: { status: string; statusReason: string } }>(`query($s: String!) { entity(slug: $s) { ... on Finding { status statusReason } } }`, {
      s: finding,
    });
    expect(seen.data?.entity).toEqual({ status: 'RETRACTED', statusReason: 'test retraction' });
    const trail = await gql<{ revisions: { id: string; kind: string; author: string; reviewer: string; reason: string }[] }>(
      `query($s: String!) { revisions(entity: $s) { id kind author reviewer reason } }`,
      { s: finding },
    );
    const retraction = trail.data!.revisions[0]!;
    expect(retraction).toMatchObject({ kind: 'RETRACTION', author: 'alice', reviewer: 'bob', reason: 'test retraction' });

    const revert = (
      await gql<{ submitRevert: Sub }>(`mutation($r: String!) { submitRevert(revision: $r, reason: "retracted by mistake") { id status } }`, { r: retraction.id }, tokens.carol)
    ).data!.submitRevert;
    expect(revert.status).toBe('PENDING');
    expect(await rankedFindings()).not.toContain(finding);
    await reviewAs(tokens.bob, revert.id);
    expect(await rankedFindings()).toEqual(ranked);
  });
});

describe('browser safety', () => {
  const mutation = `mutation { submitRetraction(node: "fixture-curation-finding", reason: "csrf") { id } }`;

  it('refuses a mutation over GET', async () => {
    const before = await snapshot();
    // Even a client that passes CSRF prevention (the header a cross-site page cannot send) may not mutate over GET.
    const res = await app.fetch(`http://test/graphql?query=${encodeURIComponent(mutation)}`, {
      headers: { authorization: `Bearer ${tokens.alice}`, [CSRF_HEADER]: '1' },
    });
    expect(res.status).toBe(405);
    const bare = await app.fetch(`http://test/graphql?query=${encodeURIComponent(mutation)}`, { headers: { authorization: `Bearer ${tokens.alice}` } });
    expect(bare.status).toBe(403);
    expect(await snapshot()).toEqual(before);
  });

  it('refuses a form-urlencoded POST of a mutation, as an HTML form on another site would send it', async () => {
    const before = await snapshot();
    const post = (headers: Record<string, string>) =>
      app.fetch('http://test/graphql', {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', authorization: `Bearer ${tokens.alice}`, ...headers },
        body: new URLSearchParams({ query: mutation }).toString(),
      });
    // As a browser sends it from another site: no custom header, so CSRF prevention refuses it.
    const fromForm = await post({});
    expect(fromForm.status).toBe(403);
    expect(((await fromForm.json()) as GqlResult).errors?.[0]?.message).toMatch(/CSRF/);
    // Past CSRF prevention (a non-browser client), the mutation guard still wants a JSON body.
    const body = (await (await post({ [CSRF_HEADER]: '1' })).json()) as GqlResult;
    expect(body.data).toBeUndefined();
    expect(body.errors?.[0]?.message).toMatch(/JSON body/);
    expect(await snapshot()).toEqual(before);
  });
});

describe('export and fresh load', () => {
  it('writes the graph in the seed format, byte-stable, and a fresh load of it into an empty database reproduces the same graph', { timeout: 240_000 }, async () => {
    const dirA = await mkdtemp(path.join(os.tmpdir(), 'abscopal-export-a-'));
    const dirB = await mkdtemp(path.join(os.tmpdir(), 'abscopal-export-b-'));
    try {
      const run = (name: string, params: Record<string, unknown>) => db.read(name, params);
      const before = await snapshot();
      await writeSeedDir(dirA, await exportSeed(run));
      await writeSeedDir(dirB, await exportSeed(run));
      const filesA = (await readdir(path.join(dirA, 'studies'))).sort();
      expect(filesA).toContain('fixture-curation-study.json');
      for (const rel of [...filesA.map((f) => path.join('studies', f)), path.join('catalog', 'sources.json')]) {
        const text = await readFile(path.join(dirA, rel), 'utf8');
        expect(text.endsWith('}\n') || text.endsWith(']\n')).toBe(true);
        expect(await readFile(path.join(dirB, rel), 'utf8')).toBe(text);
      }

      await db.write((tx) => tx.run('test-wipe'));
      expect((await snapshot()).nodes).toEqual([]);
      await writeSeed(db, await readSeed(dirA));
      const after = await snapshot();
      expect(after.nodes).toEqual(before.nodes);
      expect(after.rels).toEqual(before.rels);
    } finally {
      await rm(dirA, { recursive: true, force: true });
      await rm(dirB, { recursive: true, force: true });
    }
  });
});

describe('the curation walkthrough of docs/curation.md', () => {
  it('creates tokens with the CLI, submits a new study, accepts it with the other token, and finds it in search, neighborhood and entity', { timeout: 240_000 }, async () => {
    const walkthrough = await readFile('docs/curation.md', 'utf8');
    const env: NodeJS.ProcessEnv = { ...process.env, NEO4J_URI: neo4j.uri, NEO4J_USER: 'neo4j', LOG_LEVEL: 'warn' };
    delete env['NEO4J_PASSWORD'];
    const cli = async (...args: string[]) =>
      (await promisify(execFile)(path.resolve('node_modules/.bin/tsx'), ['src/cli/token.ts', ...args], { env, timeout: 120_000 })).stdout.trim();
    const curate = await cli('create', '--name', 'walkthrough-curator', '--scope', 'curate');
    const reviewer = await cli('create', '--name', 'walkthrough-reviewer', '--scope', 'review');
    expect(curate).toMatch(/^abs_/);
    expect(await cli('list')).toMatch(/walkthrough-curator\tcurate/);

    const input = await newStudyInput();
    (input.study as { id: string }).id = 'fixture-curation-study';
    // Reset to the state the walkthrough starts from: neither the study nor its new catalog entries are in the graph.
    await db.write(async (tx) => {
      await tx.run('curation-delete-study', { id: 'fixture-curation-study' });
      const ids = ['fixture-curation-investigator', 'fixture-curation-institute', 'fixture-curation-marker', 'fixture-curation-source'];
      for (const id of ids) await tx.run('curation-delete-unreferenced', { ids: [id] });
    });
    expect((await gql(`{ entity(slug: "fixture-curation-source") { id } }`)).errors?.[0]?.extensions?.code).toBe('NOT_FOUND');
    const submitDoc = await fixtureQuery('submit-study');
    const acceptDoc = await fixtureQuery('accept');
    const seeDoc = await fixtureQuery('see-it');
    for (const doc of [submitDoc, acceptDoc, seeDoc]) expect(walkthrough).toContain(doc.trim());

    const submitted = await gql<{ submitStudy: { id: string; status: string } }>(submitDoc, { input }, curate);
    expect(submitted.data?.submitStudy.status).toBe('PENDING');
    const accepted = await gql<{ reviewSubmission: { status: string; reviewer: string } }>(acceptDoc, { id: submitted.data!.submitStudy.id }, reviewer);
    expect(accepted.data?.reviewSubmission).toMatchObject({ status: 'ACCEPTED', reviewer: 'walkthrough-reviewer' });
    const seen = await gql<{ search: { slug: string }[]; entity: { shortName: string }; neighborhood: { nodes: { slug: string }[] } }>(seeDoc);
    expect(seen.data?.search.map((h) => h.slug)).toContain('fixture-curation-study');
    expect(seen.data?.entity.shortName).toBe('Curation walkthrough fixture');
    expect(seen.data?.neighborhood.nodes.map((n) => n.slug)).toEqual(expect.arrayContaining(['fixture-curation-study', 'fixture-curation-finding', 'metastatic-nsclc']));
  });
});
