/**
 * The importers against the real test database (seeded by the global setup). This project runs
 * after all others and removes everything it imported at the end, so the seed's answers elsewhere
 * are untouched.
 */
import { execFile } from 'node:child_process';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import type { Db } from '../../src/db/run.js';
import { readAliases, type AliasCatalog } from '../../src/import/aliases.js';
import { parseCtgovJson, parsePubmed, readInputFiles, runImport, type Loaded } from '../../src/import/run.js';
import { testApp, testDb } from '../helpers.js';

let db: Db;
let close: () => Promise<void>;
let aliases: AliasCatalog;
let gql: ReturnType<typeof testApp>['gql'];

const EVIDENCE = `{ biomarkerEvidence { rule answers { question { id } ranking {
  rank verdict score bestLevel patients biomarker { slug } supporting { slug } contradicting { slug } certainty { level } } } } }`;

async function rows(name: string, text: string, params: Record<string, unknown> = {}): Promise<Record<string, unknown>[]> {
  if (!db.queries.has(name)) db.queries.define(name, text);
  return db.read(name, params);
}

async function graphSize(): Promise<{ nodes: number; rels: number }> {
  const [r] = await rows('test:import-size', 'MATCH (n) WITH count(n) AS nodes CALL () { MATCH ()-[r]->() RETURN count(r) AS rels } RETURN nodes, rels');
  return { nodes: Number(r?.['nodes']), rels: Number(r?.['rels']) };
}

async function load(kind: 'ctgov' | 'pubmed', dir: string): Promise<Loaded> {
  const { texts, rejected } = await readInputFiles([dir], kind === 'ctgov' ? '.json' : '.xml');
  const out: Loaded = { records: [], rejected };
  for (const t of texts) {
    const l = kind === 'ctgov' ? parseCtgovJson(t.text, t.origin) : parsePubmed(t.text, t.origin);
    out.records.push(...l.records);
    out.rejected.push(...l.rejected);
  }
  return out;
}

let evidenceBefore: unknown;

beforeAll(async () => {
  ({ db, close } = await testDb());
  ({ gql } = testApp(db));
  aliases = await readAliases(path.resolve('seed/catalog/aliases.json'));
  evidenceBefore = (await gql(EVIDENCE)).data;
});

afterAll(async () => {
  // Remove every imported node and every relationship an import added (curated facts stay).
  await db.write(async (tx) => {
    if (!db.queries.has('test:import-cleanup-rels')) {
      db.queries.define('test:import-cleanup-rels', 'MATCH ()-[r]->() WHERE r.importedFrom IS NOT NULL DELETE r');
      db.queries.define('test:import-cleanup-nodes', 'MATCH (n:Entity) WHERE n.importedFrom IS NOT NULL DETACH DELETE n');
    }
    await tx.run('test:import-cleanup-rels');
    await tx.run('test:import-cleanup-nodes');
  });
  await close();
});

describe('npm run import: ClinicalTrials.gov and PubMed fixtures', () => {
  it('rejects the broken registry files with a clear reason each, and writes nothing', async () => {
    const before = await graphSize();
    const summary = await runImport(db, await load('ctgov', 'test/fixtures/ctgov/broken'), { aliases });
    expect(summary.created).toEqual([]);
    expect(summary.rejected.map((r) => `${path.basename(r.origin)}: ${r.reason}`).sort()).toEqual([
      'missing-nct-id.json: the record has no NCT id (protocolSection.identificationModule.nctId is missing)',
      expect.stringMatching(/^truncated\.json: not valid JSON \(truncated or corrupt\)/),
      'unknown-phase.json: protocolSection.designModule.phases[0]: unknown value "PHASE5"; expected one of EARLY_PHASE1, PHASE1, PHASE2, PHASE3, PHASE4, NA',
    ]);
    expect(await graphSize()).toEqual(before);
  });

  it('rejects PubMed XML without a PMID, or cut off, and writes nothing', async () => {
    const before = await graphSize();
    const summary = await runImport(db, await load('pubmed', 'test/fixtures/pubmed/broken'), { aliases });
    expect(summary.rejected.map((r) => r.reason).sort()).toEqual([
      expect.stringMatching(/^not well-formed XML: unclosed elements PubmedArticleSet > PubmedArticle/),
      'the record has no PMID (MedlineCitation/PMID is missing)',
    ]);
    expect(await graphSize()).toEqual(before);
  });

  it('imports both registry records, and a second import of the same files changes nothing', async () => {
    const first = await runImport(db, await load('ctgov', 'test/fixtures/ctgov'), { aliases });
    expect(first.created.sort()).toEqual(['NCT02125461', 'NCT02492568']);
    expect(first.rejected).toEqual([]);
    const before = await graphSize();
    const second = await runImport(db, await load('ctgov', 'test/fixtures/ctgov'), { aliases });
    expect({ created: second.created, updated: second.updated, unchanged: second.unchanged.sort() }).toEqual({ created: [], updated: [], unchanged: ['NCT02125461', 'NCT02492568'] });
    expect(second.stats).toEqual({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0, propertiesSet: 0 });
    expect(await graphSize()).toEqual(before);
  });

  it('merges the PEMBRO-RT registry record with the curated PEMBRO-RT trial: one trial node', async () => {
    const trials = await rows('test:trials-by-nct', 'MATCH (t:Trial {nctId: $nct}) RETURN t.id AS id', { nct: 'NCT02492568' });
    expect(trials).toEqual([{ id: 'pembro-rt' }]);
    const res = await gql<{ entity: { name: string; studies: { edges: { node: { slug: string; kind: string } }[] } } }>(
      '{ entity(slug: "pembro-rt") { ... on Trial { name studies(first: 100) { edges { node { slug kind } } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.entity.name).toBe('PEMBRO-RT');
    const studies = res.data?.entity.studies.edges.map((e) => e.node);
    expect(studies).toContainEqual({ slug: 'ctgov-nct02492568', kind: 'REGISTRY_RECORD' });
    expect(studies).toContainEqual({ slug: 'pembro-rt-theelen-2019', kind: 'TRIAL_REPORT' });
  });

  it('shows the registry sites as institutions, resolved onto the curated ones', async () => {
    const res = await gql<{ entity: { institutions: { slug: string }[]; arms: { name: string; therapies: { therapy: { slug: string } }[] }[] } }>(
      '{ entity(slug: "ctgov-nct02492568") { ... on Study { institutions { slug } arms { name therapies { therapy { slug } } } } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.entity.institutions.map((i) => i.slug).sort()).toEqual(['catharina-hospital', 'erasmus-mc', 'netherlands-cancer-institute', 'vu-medical-center']);
    const experimental = res.data?.entity.arms.find((a) => a.name === 'Experimental arm');
    expect(experimental?.therapies.map((t) => t.therapy.slug).sort()).toEqual(['pembrolizumab', 'sbrt']);
  });

  it('counts an imported SBRT + pembrolizumab arm as radiotherapy + anti-PD-1 through the IS_A hierarchy', async () => {
    const res = await gql<{ studies: { edges: { node: { slug: string } }[] } }>('{ studies(first: 100, filter: { therapy: "anti-pd-1" }) { edges { node { slug } } } }');
    expect(res.data?.studies.edges.map((e) => e.node.slug)).toContain('ctgov-nct02492568');
  });

  it('finds imported records in search and in the neighbourhood view', async () => {
    const res = await gql<{ search: { slug: string }[]; neighborhood: { nodes: { id: string }[] } }>(
      '{ search(text: "MEDI4736", first: 10) { slug } neighborhood(ids: ["pacific"], depth: 1, limit: 100) { nodes { id } } }',
    );
    expect(res.errors).toBeUndefined();
    expect(res.data?.search.map((s) => s.slug)).toContain('ctgov-nct02125461');
    // Neighbourhood nodes carry global ids ("Study:<slug>", base64).
    const slugs = res.data?.neighborhood.nodes.map((n) => Buffer.from(n.id, 'base64').toString('utf8'));
    expect(slugs).toContain('Study:ctgov-nct02125461');
  });

  it('imports the two papers onto the curated studies, merging their authors by name', async () => {
    const first = await runImport(db, await load('pubmed', 'test/fixtures/pubmed'), { aliases });
    expect(first.created.sort()).toEqual(['28551359', '31294749']);
    const studies = await rows('test:studies-by-doi', 'MATCH (s:Study) WHERE s.doi IN $dois RETURN s.id AS id ORDER BY id', {
      dois: ['10.1001/jamaoncol.2019.1478', '10.1016/S1470-2045(17)30380-7'],
    });
    expect(studies).toEqual([{ id: 'keynote-001-prior-rt-shaverdian-2017' }, { id: 'pembro-rt-theelen-2019' }]);
    // 12 authors on the PubMed record; Theelen and Baas are the curated investigators, not copies.
    const authors = await rows('test:authors', 'MATCH (i:Investigator)-[:AUTHORED]->(:Study {id: $id}) RETURN i.id AS id ORDER BY id', { id: 'pembro-rt-theelen-2019' });
    expect(authors).toHaveLength(12);
    expect(authors).toContainEqual({ id: 'willemijn-sme-theelen' });
    expect(authors).toContainEqual({ id: 'paul-baas' });
    const second = await runImport(db, await load('pubmed', 'test/fixtures/pubmed'), { aliases });
    expect(second.unchanged.sort()).toEqual(['28551359', '31294749']);
  });

  it('links a paper with a ClinicalTrials.gov accession to that trial as CONFIRMED, and leaves others unlinked', async () => {
    // A made-up record (PMID 99999991, not a real paper) naming PACIFIC's registration.
    const xml = (await readFile('test/fixtures/pubmed/pembro-rt-theelen-2019.xml', 'utf8'))
      .replaceAll('31294749', '99999991')
      .replaceAll('10.1001/jamaoncol.2019.1478', '10.9999/synthetic.1')
      .replace('NCT02492568', 'NCT02125461');
    const summary = await runImport(db, parsePubmed(xml, 'inline'), { aliases });
    expect(summary.created).toEqual(['99999991']);
    const links = await rows('test:analyzes', 'MATCH (s:Study)-[a:ANALYZES]->(t:Trial) WHERE s.pmid IN $pmids RETURN s.pmid AS pmid, t.id AS trial, a.link AS link ORDER BY pmid', {
      pmids: ['99999991', '28551359'],
    });
    // KEYNOTE-001's PubMed record carries no accession: its curated link is the only one.
    expect(links).toEqual([
      { pmid: '28551359', trial: 'keynote-001', link: 'CONFIRMED' },
      { pmid: '99999991', trial: 'pacific', link: 'CONFIRMED' },
    ]);
  });

  it('updates a changed registry record in place', async () => {
    const text = await readFile('test/fixtures/ctgov/nct02125461-pacific.json', 'utf8');
    const changed = text.replace('"count": 713', '"count": 714');
    const summary = await runImport(db, parseCtgovJson(changed, 'changed'), { aliases });
    expect(summary.updated).toEqual(['NCT02125461']);
    const [row] = await rows('test:pacific-record', 'MATCH (s:Study {nctId: $nct}) RETURN count(s) AS n, collect(s.enrolled)[0] AS enrolled', { nct: 'NCT02125461' });
    expect(row).toEqual({ n: 1, enrolled: 714 });
    expect((await runImport(db, parseCtgovJson(text, 'original'), { aliases })).updated).toEqual(['NCT02125461']);
  });

  it('leaves the evidence answer exactly as it was before the imports', async () => {
    expect((await gql(EVIDENCE)).data).toEqual(evidenceBefore);
  });

  it('exits non-zero from the command line when a record is rejected, and zero when all import', async () => {
    const run = promisify(execFile);
    const env = { ...process.env, NEO4J_URI: inject('neo4jUri'), LOG_LEVEL: 'warn' };
    const bad = await run('npx', ['tsx', 'src/cli/import.ts', 'ctgov', 'test/fixtures/ctgov/broken'], { env }).catch((err: { code: number; stdout: string }) => err);
    expect('code' in bad ? bad.code : 0).toBe(1);
    expect(bad.stdout).toMatch(/rejected records \(3\), nothing of them written/);
    const good = await run('npx', ['tsx', 'src/cli/import.ts', 'ctgov', 'test/fixtures/ctgov'], { env });
    expect(good.stdout).toMatch(/created 0, updated 0, unchanged 2, rejected 0/);
  });
});
