/**
 * A study's allocation and a finding's treatment × biomarker interaction, on the real database the
 * global setup seeded: stored as flat node properties (Neo4j holds no maps), read back through the
 * typed entities, exported in the seed format exactly as the seed files write them, and rewritten
 * without a change.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseEntity } from '../../src/db/entities.js';
import type { Db } from '../../src/db/run.js';
import { exportStudies } from '../../src/seed-files/export-seed.js';
import { readSeed } from '../../src/seed-files/read-seed.js';
import type { StudySeed } from '../../src/seed-files/seed-schema.js';
import { writeStudy } from '../../src/seed-files/write-seed.js';
import { testDb, withStatements } from '../helpers.js';

let db: Db;
let close: () => Promise<void>;
beforeAll(async () => {
  ({ db, close } = await testDb());
});
afterAll(() => close());

async function node(id: string): Promise<Record<string, unknown>> {
  const rows = await withStatements(db, { 'test:node-props': 'MATCH (n:Entity {id: $id}) RETURN properties(n) AS props' }).read('test:node-props', { id });
  expect(rows).toHaveLength(1);
  return rows[0]!['props'] as Record<string, unknown>;
}

async function seedFile(id: string): Promise<StudySeed> {
  return JSON.parse(await readFile(path.resolve('seed/studies', `${id}.json`), 'utf8')) as StudySeed;
}

const run = (name: string, params: Record<string, unknown>) => db.read(name, params);

describe('a study’s allocation in the graph', () => {
  it('is stored with its quote as text and source, and read back typed', async () => {
    const file = await seedFile('pembro-rt-theelen-2019');
    const props = await node('pembro-rt-theelen-2019');
    expect(props).toMatchObject({
      allocation: 'RANDOMIZED',
      allocationQuoteText: file.allocationQuote!.text,
      allocationQuoteSource: 'pub-theelen-2019-jama-oncol',
    });
    expect(parseEntity('Study', props).allocation).toBe('RANDOMIZED');
  });

  it('stays empty on a study whose sources do not state it', async () => {
    const props = await node('spurr-2022-aneuploidy-rt-icb');
    expect(props['allocation']).toBeUndefined();
    expect(parseEntity('Study', props).allocation).toBeUndefined();
  });
});

describe('a finding’s interaction in the graph', () => {
  it('is flattened to interaction… properties naming the two subgroup outcomes, read back typed', async () => {
    const props = await node('pacific-pdl1-tc-lt1-pfs-not-predictive');
    expect(props).toMatchObject({
      interactionSubgroups: ['pacific-pdl1-pfs-hr-tc-lt1', 'pacific-pdl1-pfs-hr-tc-ge25'],
      interactionPrespecified: false,
      interactionQuoteSource: 'pub-paz-ares-2020-ann-oncol',
    });
    expect(String(props['interactionQuoteText'])).toContain('post hoc (1%)');
    expect(Object.keys(props).filter((k) => k === 'interaction')).toEqual([]);
    const finding = parseEntity('Finding', props);
    expect(finding.interactionSubgroups).toEqual(['pacific-pdl1-pfs-hr-tc-lt1', 'pacific-pdl1-pfs-hr-tc-ge25']);
    expect(finding.interactionHr).toBeUndefined();
  });

  it('names outcomes the finding is BASED_ON, each a hazard ratio of the same two arms', async () => {
    const subgroups = withStatements(db, {
      'test:interaction-subgroups': `MATCH (f:Finding {id: $id})
         UNWIND f.interactionSubgroups AS sub
         MATCH (f)-[:BASED_ON]->(o:Outcome {id: sub})-[c:COMPARES]->(a:Arm)
         RETURN o.id AS outcome, o.hr AS hr, c.role AS role, a.id AS arm ORDER BY outcome, role`,
    });
    const rows = await subgroups.read('test:interaction-subgroups', { id: 'denault-pdl1-ge1-os-benefit' });
    expect(rows).toEqual([
      { outcome: 'denault-os-hr-pdl1-ge1', hr: 0.53, role: 'CONTROL', arm: 'denault-crt-alone' },
      { outcome: 'denault-os-hr-pdl1-ge1', hr: 0.53, role: 'EXPERIMENTAL', arm: 'denault-crt-durvalumab' },
      { outcome: 'denault-os-hr-pdl1-lt1', hr: 0.79, role: 'CONTROL', arm: 'denault-crt-alone' },
      { outcome: 'denault-os-hr-pdl1-lt1', hr: 0.79, role: 'EXPERIMENTAL', arm: 'denault-crt-durvalumab' },
    ]);
  });
});

describe('the seed export', () => {
  it('writes allocation, its quote and every interaction block back exactly as the seed files hold them', async () => {
    const ids = ['pacific-pdl1-paz-ares-2020', 'pacific-smoking-status-ct213', 'denault-2023-real-world-durvalumab-pdl1', 'keynote-799-jabbour-2021'];
    const exported = new Map((await exportStudies(run, ids)).map((s) => [s.id, s]));
    expect([...exported.keys()].sort()).toEqual([...ids].sort());
    for (const id of ids) {
      const file = await seedFile(id);
      const out = exported.get(id)!;
      expect(out.allocation).toBe(file.allocation);
      expect(out.allocationQuote).toEqual(file.allocationQuote);
      const blocks = (s: StudySeed) => Object.fromEntries((s.findings ?? []).filter((f) => f.interaction).map((f) => [f.id, f.interaction]));
      expect(blocks(out)).toEqual(blocks(file));
    }
    expect(exported.get('pacific-smoking-status-ct213')!.findings!.filter((f) => f.interaction)).toHaveLength(2);
  });
});

describe('rewriting a study with an allocation and interactions', () => {
  it('changes nothing in the graph', async () => {
    const bundle = await readSeed(path.resolve('seed'));
    const study = bundle.studies.find((s) => s.study.id === 'pacific-smoking-status-ct213')!.study;
    const before = await node('pacific-never-smokers-pfs-benefit');
    const stats = await writeStudy(db, study);
    expect(stats).toMatchObject({ nodesCreated: 0, nodesDeleted: 0, relationshipsCreated: 0, relationshipsDeleted: 0 });
    expect(await node('pacific-never-smokers-pfs-benefit')).toEqual(before);
  }, 60_000);
});
