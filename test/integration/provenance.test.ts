/** Provenance a reviewer can check: quotes, canonical links, corrected studies, the audit command. */
import { execFile } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { useSeededApp } from '../helpers.js';

const t = useSeededApp();
const run = promisify(execFile);

interface QuoteAnswer {
  text: string;
  source: { slug: string; canonicalLink: string | null } | null;
}

describe('quotes behind figures', () => {
  it('gives an outcome the verbatim sentence that prints its figures, from a source whose canonical link comes first', async () => {
    const res = await t.gql<{ entity: { hr: number; hrCiLow: number; hrCiHigh: number; p: string; quote: QuoteAnswer } }>(`{
      entity(slug: "pembrort-pfs-hr") { ... on Outcome { hr hrCiLow hrCiHigh p quote { text source { slug canonicalLink } } } }
    }`);
    expect(res.errors).toBeUndefined();
    const o = res.data!.entity;
    expect(o.quote.text).toContain('hazard ratio, 0.71; 95% CI, 0.42-1.18; P =.19');
    expect(o.quote.source).toEqual({ slug: 'pub-theelen-2019-jama-oncol', canonicalLink: 'https://doi.org/10.1001/jamaoncol.2019.1478' });
  });

  it('leaves a figure no source sentence could be found for unquoted, not paraphrased', async () => {
    const res = await t.gql<{ entity: { value: number; quote: QuoteAnswer | null; secondaryOnly: boolean } }>(`{
      entity(slug: "huang-pfs-median-icb-alone") { ... on Outcome { value quote { text } secondaryOnly } }
    }`);
    expect(res.data!.entity).toEqual({ value: 1.81, quote: null, secondaryOnly: true });
  });

  it('quotes the patient count of a finding and of a study apart from its enrolment', async () => {
    const res = await t.gql<{ f: { patients: number; quote: QuoteAnswer }; s: { enrolled: number | null; analysed: number; analysedQuote: QuoteAnswer } }>(`{
      f: entity(slug: "pembrort-pdl1-negative-sbrt-benefit") { ... on Finding { patients quote { text source { slug } } } }
      s: entity(slug: "huang-2025-pembro-rt-cold-nsclc") { ... on Study { enrolled analysed analysedQuote { text } } }
    }`);
    expect(res.data!.f.patients).toBe(47);
    expect(res.data!.f.quote.text).toContain('the 47 patients in the PD-L1 negative subset');
    expect(res.data!.s).toMatchObject({ enrolled: null, analysed: 72 });
    expect(res.data!.s.analysedQuote.text).toContain('72 non-small cell lung cancer patients');
  });
});

describe('canonical records and where they were read', () => {
  it('links a paper read on a bare-IP PubMed mirror by its DOI and PubMed record, with the mirror only under readAt', async () => {
    const res = await t.gql<{ entity: { kind: string; primary: boolean; canonicalLink: string; links: string[]; readAt: { url: string; kind: string }[] } }>(`{
      entity(slug: "pub-welsh-2020-jitc") { ... on Source { kind primary canonicalLink links readAt { url kind } } }
    }`);
    const s = res.data!.entity;
    expect(s).toMatchObject({ kind: 'PUBLICATION', primary: true, canonicalLink: 'https://doi.org/10.1136/jitc-2020-001001' });
    expect(s.links.slice(0, 2)).toEqual(['https://doi.org/10.1136/jitc-2020-001001', 'https://pubmed.ncbi.nlm.nih.gov/33051340/']);
    expect(s.links.some((l) => l.includes('47.251.13.51'))).toBe(false);
    expect(s.readAt).toContainEqual({ url: 'http://47.251.13.51:8081/33051340', kind: 'MIRROR' });
  });

  it('marks aggregator summaries as AGGREGATOR and secondary', async () => {
    const res = await t.gql<{ entity: { kind: string; secondary: boolean } }>(`{ entity(slug: "src-s23-delveinsight-asco-9548") { ... on Source { kind secondary } } }`);
    expect(res.data!.entity).toEqual({ kind: 'AGGREGATOR', secondary: true });
  });
});

describe('corrected studies', () => {
  it('puts the PACIFIC-R 3-year OS figures on the OS interim paper, linked to the PACIFIC-R trial, and off the rwPFS paper', async () => {
    const res = await t.gql<{
      os: { doi: string; year: number; analysed: number; trials: { status: string; trial: { nctId: string } }[]; outcomes: { measure: string; value: number }[] };
      rw: { doi: string; enrolled: number | null; analysed: number; outcomes: { measure: string }[] };
    }>(`{
      os: entity(slug: "pacific-r-os-filippi-2024") { ... on Study { doi year analysed trials { status trial { nctId } } outcomes { measure value } } }
      rw: entity(slug: "pacific-r-girard-2023") { ... on Study { doi enrolled analysed outcomes { measure } } }
    }`);
    const { os: osStudy, rw } = res.data!;
    expect(osStudy).toMatchObject({ doi: '10.1016/j.esmoop.2024.103464', year: 2024, analysed: 1154 });
    expect(osStudy.trials).toEqual([{ status: 'CONFIRMED', trial: { nctId: 'NCT03798535' } }]);
    expect(osStudy.outcomes.map((o) => o.value).sort()).toEqual([54.4, 57.9, 63.2, 64.8, 67]);
    expect(rw).toMatchObject({ doi: '10.1016/j.jtho.2022.10.003', enrolled: null, analysed: 1399 });
    expect(rw.outcomes.length).toBeGreaterThan(0);
    expect(rw.outcomes.every((o) => o.measure === 'RW_PFS')).toBe(true);
  });

  it('keeps the KEYNOTE-001 earlier-abstract HRs off the final cohort’s arms', async () => {
    const res = await t.gql<{ entity: { outcomes: { slug: string }[]; arms: { n: number | null }[] } }>(`{
      entity(slug: "keynote-001-prior-rt-shaverdian-2017") { ... on Study { outcomes { slug } arms { n } } }
    }`);
    expect(res.data!.entity.outcomes.map((o) => o.slug).filter((s) => s.includes('abstract'))).toEqual([]);
    const abs = await t.gql<{ entity: { outcomes: { hr: number; experimentalArm: { slug: string } | null }[] } }>(`{
      entity(slug: "keynote-001-prior-rt-abstract") { ... on Study { outcomes { hr experimentalArm { slug } } } }
    }`);
    expect(abs.data!.entity.outcomes).toContainEqual({ hr: 0.6, experimentalArm: { slug: 'kn001-abstract-prior-rt' } });
  });

  it('no longer counts every PD-L1-evaluable PACIFIC patient as the TC <1% subgroup, and counts PEMBRO-RT’s PD-L1-negative patients for PD-L1 in the SBRT question', async () => {
    const res = await t.gql<{
      biomarkerEvidence: { answers: { question: { id: string }; ranking: { biomarker: { slug: string }; verdict: string; patients: number | null }[] }[] };
    }>(`{
      biomarkerEvidence { answers { question { id } ranking { biomarker { slug } verdict patients } } }
    }`);
    const pdl1 = res
      .data!.biomarkerEvidence.answers.filter((a) => a.question.id.includes('~radiotherapy~immune-checkpoint-blockade~SEQUENTIAL~'))
      .flatMap((a) => a.ranking)
      .find((r) => r.biomarker.slug === 'pd-l1')!;
    expect(pdl1.verdict).toBe('PREDICTIVE');
    expect(pdl1.patients).toBe(47);
  });
});

describe('npm run audit', () => {
  const cli = (dir: string) => run(process.execPath, ['--import', 'tsx', 'src/cli/audit.ts', '--dir', dir], { cwd: path.resolve('.') });

  it('passes on the seed and prints checked, quoted, unquoted and inconsistent', async () => {
    const { stdout } = await cli('seed');
    expect(stdout).toMatch(/audit: \d+ figures checked/);
    expect(stdout).toMatch(/quoted: +\d+/);
    expect(stdout).toMatch(/unquoted: +\d+/);
    expect(stdout).toMatch(/inconsistent: 0/);
  });

  it('exits non-zero and names the figure when a number differs from its quote', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-audit-'));
    await cp('seed', dir, { recursive: true });
    const file = path.join(dir, 'studies', 'mdacc-welsh-2020.json');
    await writeFile(file, (await readFile(file, 'utf8')).replace('"value": 38,', '"value": 83,'));
    const failed = await cli(dir).then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    await rm(dir, { recursive: true, force: true });
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(/mdacc-out-of-field-orr-sbrt\): value 83 is not printed in its quote/);
  });

  it('exits non-zero and names the finding and the study when an interaction figure or an allocation differs from its quote', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-audit-'));
    await cp('seed', dir, { recursive: true });
    const edit = async (name: string, change: (json: Record<string, unknown>) => void) => {
      const file = path.join(dir, 'studies', name);
      const json = JSON.parse(await readFile(file, 'utf8')) as Record<string, unknown>;
      change(json);
      await writeFile(file, JSON.stringify(json));
    };
    await edit('pacific-smoking-status-ct213.json', (s) => {
      const f = (s['findings'] as { id: string; interaction: Record<string, unknown> }[]).find((x) => x.id === 'pacific-never-smokers-pfs-benefit')!;
      f.interaction['p'] = '0.03'; // the abstract states no p for interaction
    });
    await edit('keynote-799-jabbour-2021.json', (s) => {
      s['allocation'] = 'RANDOMIZED'; // its quote is the title of a "Nonrandomized Trial"
    });
    const failed = await cli(dir).then(
      () => undefined,
      (err: { code: number; stdout: string }) => err,
    );
    await rm(dir, { recursive: true, force: true });
    expect(failed?.code).toBe(1);
    expect(failed?.stdout).toMatch(
      /pacific-smoking-status-ct213\.json at findings\[0\]\.interaction \(pacific-never-smokers-pfs-benefit\): interaction p 0\.03 is not printed in its quote/,
    );
    expect(failed?.stdout).toMatch(/keynote-799-jabbour-2021\.json at allocation \(keynote-799-jabbour-2021\): allocation RANDOMIZED: its quote does not say/);
  });
});
