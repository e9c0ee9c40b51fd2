/**
 * Entity resolution and record mapping for the importers, on the curated catalog read from the
 * seed files (no database): curated aliases merge spellings, similar names are reported and
 * never merged, and registry terms the catalog lacks are reported or created as unclassified.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { type AliasCatalog, readAliases } from '../../src/importers/aliases.js';
import { CtgovStudySchema, mapCtgovStudy } from '../../src/importers/ctgov.js';
import { parsePersonName, personKey } from '../../src/importers/names.js';
import { type KnownEntity, Resolver } from '../../src/importers/resolve.js';
import { readSeed } from '../../src/seed-files/read-seed.js';

let known: KnownEntity[];
let aliases: AliasCatalog;

beforeAll(async () => {
  const { catalog, studies } = await readSeed(path.resolve('seed'));
  const entity = (label: string, e: { id: string; name: string; aliases?: string[] | undefined }, extra: Partial<KnownEntity> = {}): KnownEntity => ({
    label,
    id: e.id,
    name: e.name,
    aliasText: e.aliases?.join(' | ') ?? null,
    nctId: null,
    orcid: null,
    doi: null,
    pmid: null,
    importedFrom: null,
    ...extra,
  });
  known = [
    ...catalog.therapies.map((t) => entity('Therapy', t)),
    ...catalog.diseases.map((d) => entity('Disease', d)),
    ...catalog.institutions.map((i) => entity('Institution', i)),
    ...catalog.investigators.map((i) => entity('Investigator', i)),
    ...catalog.trials.map((t) => entity('Trial', t, { nctId: t.nctId ?? null })),
    ...studies.map((s) => entity('Study', { id: s.study.id, name: s.study.shortName }, { doi: s.study.doi ?? null, pmid: s.study.pmid ?? null })),
  ];
  aliases = await readAliases(path.resolve('seed/catalog/aliases.json'));
});

describe('institution resolution', () => {
  it('resolves the Johns Hopkins spellings to one curated institution', () => {
    const r = new Resolver(known, aliases);
    const ids = ['Johns Hopkins University', 'Johns Hopkins Kimmel Cancer Center', 'Sidney Kimmel Comprehensive Cancer Center at Johns Hopkins', 'johns hopkins university.'].map(
      (s) => r.lookup('Institution', s)?.id,
    );
    expect(new Set(ids)).toEqual(new Set(['johns-hopkins-kimmel-cancer-center']));
  });

  it('finds the institution inside a PubMed affiliation and skips the department', () => {
    const r = new Resolver(known, aliases);
    expect(r.institutionFromAffiliation('Department of Thoracic Oncology, Netherlands Cancer Institute, Amsterdam, the Netherlands.').known?.id).toBe(
      'netherlands-cancer-institute',
    );
    expect(r.institutionFromAffiliation('Department of Radiation Oncology, Leiden University Medical Center, Leiden, the Netherlands.')).toEqual({
      name: 'Leiden University Medical Center',
    });
  });

  it('reports a similar but different institution as a near-match instead of merging it', () => {
    const r = new Resolver(known, aliases);
    expect(r.lookup('Institution', 'Johns Hopkins Hospital')).toBeUndefined();
    r.noteNearMatches('Institution', 'Johns Hopkins Hospital', 'johns-hopkins-hospital');
    expect([...r.nearMatches].join('\n')).toMatch(/"Johns Hopkins Hospital" \(johns-hopkins-hospital\) ~ "Johns Hopkins Kimmel Cancer Center"/);
  });

  it('refuses an aliases file that points at an institution the graph does not have', () => {
    expect(() => new Resolver(known, { institutions: { 'no-such-institution': ['Somewhere'] }, therapies: {}, diseases: {} })).toThrow(/"no-such-institution" is not in the graph/);
  });
});

describe('investigator resolution', () => {
  it('treats "Willemijn S.M.E. Theelen" and PubMed\'s Theelen / Willemijn S M E as one person', () => {
    expect(personKey(parsePersonName('Willemijn S.M.E. Theelen')!)).toBe(personKey({ last: 'Theelen', initials: 'WSME' }));
    const r = new Resolver(known, aliases);
    expect(r.person({ last: 'Theelen', initials: 'WSME', given: 'Willemijn S M E' }, undefined)?.id).toBe('willemijn-sme-theelen');
    expect(r.person({ last: 'van den Heuvel', initials: 'MM' }, undefined)?.id).toBe('michel-m-van-den-heuvel');
  });

  it('reports a same-surname person with other initials instead of merging', () => {
    const r = new Resolver(known, aliases);
    expect(r.person({ last: 'Baas', initials: 'PJ' }, undefined)).toBeUndefined();
    expect([...r.nearMatches].join('\n')).toMatch(/"Baas PJ" ~ "Paul Baas" \(paul-baas\): initials differ, not merged/);
  });
});

describe('registry record mapping', () => {
  it('maps interventions onto the therapy hierarchy and creates unknown ones as unclassified, reporting them', () => {
    // A made-up record (not a fixture of a real trial): one known drug by its code name, one unknown agent.
    const study = CtgovStudySchema.parse({
      protocolSection: {
        identificationModule: { nctId: 'NCT09999992', briefTitle: 'Synthetic record for the mapping test' },
        conditionsModule: { conditions: ['Non-Small Cell Lung Cancer', 'Mesothelioma'] },
        armsInterventionsModule: {
          armGroups: [{ label: 'A', type: 'EXPERIMENTAL', interventionNames: ['Biological: MEDI4736', 'Drug: Agent X-123'] }],
          interventions: [
            { type: 'BIOLOGICAL', name: 'MEDI4736', armGroupLabels: ['A'] },
            { type: 'DRUG', name: 'Agent X-123', armGroupLabels: ['A'] },
          ],
        },
      },
    });
    const plan = mapCtgovStudy(study, 'inline', new Resolver(known, aliases));
    const received = plan.links.filter((l) => l.rel === 'RECEIVED').map((l) => l.to);
    expect(received).toEqual(['durvalumab', 'unclassified-agent-x-123']);
    expect(plan.nodes.find((n) => n.id === 'unclassified-agent-x-123')?.props).toMatchObject({ unclassified: true, kind: 'DRUG' });
    expect(plan.unmapped).toEqual([
      { kind: 'condition', term: 'Mesothelioma', action: 'reported; no disease linked' },
      { kind: 'intervention', term: 'Agent X-123', action: 'created unclassified therapy unclassified-agent-x-123' },
    ]);
    expect(plan.links.find((l) => l.rel === 'STUDIES')?.to).toBe('nsclc');
  });
});
