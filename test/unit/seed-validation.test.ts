import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { readSeed, SeedValidationError } from '../../src/seed-files/read-seed.js';

const FIXTURE = path.resolve('test/fixtures/seed-valid');
const copies: string[] = [];
afterAll(() => Promise.all(copies.map((dir) => rm(dir, { recursive: true, force: true }))));

/** A copy of the valid fixture with one file edited. */
// biome-ignore lint/suspicious/noExplicitAny: the edits reach into free-form JSON on purpose, to break it
async function brokenCopy(file: string, edit: (json: any) => void): Promise<string> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'abscopal-seed-'));
  copies.push(dir);
  await cp(FIXTURE, dir, { recursive: true });
  const target = path.join(dir, file);
  const json = JSON.parse(await readFile(target, 'utf8'));
  edit(json);
  await writeFile(target, JSON.stringify(json));
  return dir;
}

async function problems(dir: string): Promise<string> {
  try {
    await readSeed(dir);
  } catch (err) {
    expect(err).toBeInstanceOf(SeedValidationError);
    return (err as Error).message;
  }
  throw new Error('expected the seed to be rejected');
}

describe('seed validation', () => {
  it('accepts the valid fixture', async () => {
    const bundle = await readSeed(FIXTURE);
    expect(bundle.studies.map((s) => s.study.id)).toEqual(['fixture-study']);
  });

  it('rejects a finding without a source, naming file and path', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.findings[0].sources = []));
    expect(await problems(dir)).toContain('studies/fixture-study.json at findings[0].sources: every fact needs at least one source id');
  });

  it('rejects a reference to an unknown therapy', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.arms[0].therapies[0].therapy = 'no-such-drug'));
    expect(await problems(dir)).toContain('studies/fixture-study.json at arms[0].therapies[0].therapy: unknown therapy "no-such-drug"');
  });

  it('rejects a value of the wrong type', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.arms[0].n = 'five'));
    expect(await problems(dir)).toMatch(/studies\/fixture-study\.json at arms\[0\]\.n: .*number/);
  });

  it('rejects an id used twice', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.outcomes[1].id = s.outcomes[0].id));
    expect(await problems(dir)).toContain('at outcomes[1].id: duplicate id "fixture-pfs-combo"');
  });

  it('rejects a source id that no catalog entry defines', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.outcomes[0].sources = ['made-up-source']));
    expect(await problems(dir)).toContain('at outcomes[0].sources[0]: unknown source "made-up-source"');
  });

  it('rejects an IS_A cycle in the therapy hierarchy', async () => {
    const dir = await brokenCopy('catalog/therapies.json', (t) => (t[0].isA = ['fixture-sbrt']));
    expect(await problems(dir)).toMatch(/IS_A cycle: .*fixture-rt -> fixture-sbrt -> fixture-rt|IS_A cycle: .*fixture-sbrt -> fixture-rt -> fixture-sbrt/);
  });

  it('reports a file that is not JSON', async () => {
    const dir = await brokenCopy('catalog/diseases.json', () => undefined);
    await writeFile(path.join(dir, 'catalog/diseases.json'), '[{ "id": ');
    expect(await problems(dir)).toMatch(/catalog\/diseases\.json: is not valid JSON/);
  });

  describe('the investigator rule (docs/curation-investigators.md)', () => {
    /** A second study by the fixture's investigator, at `institutions`, citing the fixture's paper. */
    async function secondStudy(dir: string, institutions: string[] | undefined): Promise<void> {
      const first = JSON.parse(await readFile(path.join(dir, 'studies/fixture-study.json'), 'utf8'));
      const second = {
        id: 'fixture-study-two',
        shortName: 'Second fixture study',
        kind: 'COHORT',
        summary: 'Another study by the same author.',
        ...(institutions ? { institutions } : {}),
        authors: [{ investigator: 'fixture-ada-tester', role: 'FIRST' }],
        diseases: first.diseases,
        sources: ['fixture-src-paper'],
      };
      await writeFile(path.join(dir, 'studies/fixture-study-two.json'), JSON.stringify(second));
    }

    it('refuses an author linked to an entry whose name no source of the study prints', async () => {
      const dir = await brokenCopy('catalog/investigators.json', (i) => (i[0].sources = ['fixture-src-news']));
      expect(await problems(dir)).toContain(
        'studies/fixture-study.json at authors[0].investigator: "fixture-ada-tester" is named in none of this study\'s sources (fixture-src-news)',
      );
    });

    it('refuses one entry for two studies that share no institution, naming both', async () => {
      // The entry records no affiliation here, so only the studies' own institutions could tie the two records.
      const dir = await brokenCopy('catalog/investigators.json', (i) => delete i[0].affiliations);
      await secondStudy(dir, undefined);
      expect(await problems(dir)).toMatch(
        /catalog\/investigators\.json at \[0\]: "fixture-ada-tester" authors fixture-study, fixture-study-two, which share no institution, and it has no orcid/,
      );
    });

    it('accepts the same two studies when they share the institution, or when the entry has an ORCID', async () => {
      const shared = await brokenCopy('catalog/investigators.json', () => undefined);
      await secondStudy(shared, ['fixture-institute']);
      expect((await readSeed(shared)).studies).toHaveLength(2);

      const orcid = await brokenCopy('catalog/investigators.json', (i) => {
        delete i[0].affiliations;
        i[0].orcid = '0000-0002-1825-0097';
      });
      await secondStudy(orcid, undefined);
      expect((await readSeed(orcid)).studies).toHaveLength(2);
    });

    it('refuses an ORCID that is not a bare ORCID iD', async () => {
      const dir = await brokenCopy('catalog/investigators.json', (i) => (i[0].orcid = 'https://orcid.org/0000-0002-1825-0097'));
      expect(await problems(dir)).toContain('catalog/investigators.json at [0].orcid: must be a bare ORCID iD');
    });
  });

  it('refuses an allocationQuote without the allocation it states', async () => {
    const dir = await brokenCopy('studies/fixture-study.json', (s) => (s.allocationQuote = { source: 'fixture-src-paper', text: 'Patients were randomly assigned.' }));
    expect(await problems(dir)).toContain('studies/fixture-study.json at allocationQuote: an allocationQuote needs the allocation it states');
  });
});
