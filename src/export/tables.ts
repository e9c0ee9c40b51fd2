/**
 * /export/findings.csv and /export/outcomes.csv: one row per finding / outcome with study,
 * trial, biomarker, therapy, schedule, effect and source columns, RFC 4180 quoting (csv-stringify,
 * CRLF line ends) and the release id on every row, streamed page by page in id order.
 */
import { stringify } from 'csv-stringify/sync';
import { z } from 'zod';
import type { Db } from '../db/run.js';
import { plain } from '../release/canonical.js';
import { cmp } from '../release/graph-pages.js';
import { type SourceRef, sourceLink } from './labels.js';

const PAGE = 1000;
const opt = <T extends z.ZodType>(t: T) =>
  t
    .nullable()
    .optional()
    .transform((v) => v ?? null);

const Source = z.object({
  id: z.string(),
  kind: opt(z.string()),
  primary: opt(z.boolean()),
  doi: opt(z.string()),
  pmid: opt(z.string()),
  nctId: opt(z.string()),
  url: opt(z.string()),
});
const StudyRef = z.object({ id: z.string(), shortName: opt(z.string()), year: opt(z.number()) }).nullable();
const TrialRef = z.object({ id: z.string(), nctId: opt(z.string()), link: opt(z.string()) });
const Props = z.record(z.string(), z.unknown());

const FindingRow = z.object({
  id: z.string(),
  props: Props,
  study: StudyRef,
  trials: z.array(TrialRef),
  biomarker: z.object({ id: z.string(), name: opt(z.string()) }).nullable(),
  therapies: z.array(z.string()),
  disease: opt(z.string()),
  outcomes: z.array(Props),
  sources: z.array(Source),
});

const OutcomeRow = z.object({
  id: z.string(),
  props: Props,
  study: StudyRef,
  trials: z.array(TrialRef),
  arms: z.array(z.object({ role: z.string(), id: z.string(), name: opt(z.string()), schedule: opt(z.string()), therapies: z.array(z.string()) })),
  findings: z.array(z.string()),
  biomarkers: z.array(z.string().nullable()),
  sources: z.array(Source),
});

type Cell = string | number | boolean | null;

const CSV = { record_delimiter: 'windows' as const, cast: { boolean: (v: boolean) => (v ? 'true' : 'false') } };

function cell(v: unknown): Cell {
  const p = plain(v);
  if (p === null || typeof p === 'string' || typeof p === 'number' || typeof p === 'boolean') return p;
  return Array.isArray(p) ? p.map(String).join('; ') : JSON.stringify(p);
}

const joined = (xs: readonly string[]): string => [...xs].sort(cmp).join('; ');
const trialsCell = (ts: z.infer<typeof TrialRef>[]): string => joined(ts.map((t) => `${t.nctId ?? t.id} (${t.link ?? 'link unknown'})`));
const sourceIds = (ss: SourceRef[]): string => joined(ss.map((s) => s.id));
const sourceLinks = (ss: SourceRef[]): string => joined(ss.map(sourceLink).filter((l) => l !== ''));
const secondaryOnly = (ss: SourceRef[]): boolean => ss.length > 0 && ss.every((s) => s.primary === false);

/** "PFS HR 0.73 (0.48–1.11) p=0.07 [PD-L1 TC <1%]" or "PFS 16.8 months": the figure as stored. */
export function effectText(o: Record<string, unknown>): string {
  const parts: string[] = [String(o['measure'] ?? '')];
  if (typeof o['hr'] === 'number') {
    parts.push(`HR ${o['hr']}`);
    if (typeof o['hrCiLow'] === 'number' && typeof o['hrCiHigh'] === 'number') parts.push(`(${o['hrCiLow']}–${o['hrCiHigh']})`);
  } else if (typeof o['value'] === 'number') {
    parts.push(`${o['value']}${o['unit'] ? ` ${String(o['unit'])}` : ''}`);
    if (typeof o['ciLow'] === 'number' && typeof o['ciHigh'] === 'number') parts.push(`(${o['ciLow']}–${o['ciHigh']})`);
  }
  if (typeof o['p'] === 'string') parts.push(`p=${o['p']}`);
  if (typeof o['population'] === 'string') parts.push(`[${o['population']}]`);
  return parts.join(' ');
}

export const FINDING_COLUMNS = [
  'release',
  'finding_id',
  'study_id',
  'study',
  'year',
  'trials',
  'biomarker_id',
  'biomarker',
  'biomarker_state',
  'type',
  'direction',
  'significance',
  'therapies',
  'therapy_interaction',
  'schedule',
  'contrast',
  'disease',
  'level',
  'exploratory',
  'patients',
  'measures',
  'effects',
  'statement',
  'source_ids',
  'source_links',
  'secondary_only',
] as const;

export const OUTCOME_COLUMNS = [
  'release',
  'outcome_id',
  'study_id',
  'study',
  'year',
  'trials',
  'measure',
  'arm',
  'experimental_arm',
  'control_arm',
  'schedule',
  'therapies',
  'population',
  'value',
  'unit',
  'ci_low',
  'ci_high',
  'ci_note',
  'timepoint',
  'hr',
  'hr_ci_low',
  'hr_ci_high',
  'p',
  'finding_ids',
  'biomarker_ids',
  'note',
  'source_ids',
  'source_links',
  'secondary_only',
] as const;

async function* paged<T extends { id: string }>(db: Db, query: string, parse: (r: unknown) => T): AsyncGenerator<T[]> {
  let after = '';
  for (;;) {
    const rows = (await db.read(query, { after, limit: PAGE })).map(parse);
    if (rows.length === 0) return;
    yield rows;
    if (rows.length < PAGE) return;
    after = rows[rows.length - 1]!.id;
  }
}

export async function* findingsCsv(db: Db, release: string): AsyncGenerator<string> {
  yield stringify([[...FINDING_COLUMNS]], CSV);
  for await (const page of paged(db, 'export-findings-page', (r) => FindingRow.parse(r))) {
    const records = page.map((f) => {
      const p = f.props;
      return [
        release,
        f.id,
        f.study?.id ?? null,
        f.study?.shortName ?? null,
        f.study?.year ?? null,
        trialsCell(f.trials),
        f.biomarker?.id ?? null,
        f.biomarker?.name ?? null,
        cell(p['biomarkerState']),
        cell(p['type']),
        cell(p['direction']),
        cell(p['significance']),
        joined(f.therapies),
        cell(p['therapyInteraction']),
        cell(p['schedule']),
        cell(p['contrast']),
        f.disease,
        cell(p['level']),
        cell(p['exploratory']),
        cell(p['patients']),
        cell(p['measures']),
        f.outcomes.map(effectText).sort(cmp).join('; '),
        cell(p['statement']),
        sourceIds(f.sources),
        sourceLinks(f.sources),
        secondaryOnly(f.sources),
      ];
    });
    yield stringify(records, CSV);
  }
}

export async function* outcomesCsv(db: Db, release: string): AsyncGenerator<string> {
  yield stringify([[...OUTCOME_COLUMNS]], CSV);
  for await (const page of paged(db, 'export-outcomes-page', (r) => OutcomeRow.parse(r))) {
    const records = page.map((o) => {
      const p = o.props;
      const arm = (role: string) => o.arms.find((a) => a.role === role);
      const own = arm('ARM');
      const arms = [...o.arms].sort((a, b) => cmp(a.role, b.role));
      return [
        release,
        o.id,
        o.study?.id ?? null,
        o.study?.shortName ?? null,
        o.study?.year ?? null,
        trialsCell(o.trials),
        cell(p['measure']),
        own?.id ?? null,
        arm('EXPERIMENTAL')?.id ?? null,
        arm('CONTROL')?.id ?? null,
        arms.map((a) => `${a.role === 'ARM' ? '' : `${a.role}: `}${a.schedule ?? ''}`).join('; '),
        arms.map((a) => `${a.role === 'ARM' ? '' : `${a.role}: `}${[...a.therapies].sort(cmp).join('+')}`).join('; '),
        cell(p['population']),
        cell(p['value']),
        cell(p['unit']),
        cell(p['ciLow']),
        cell(p['ciHigh']),
        cell(p['ciNote']),
        cell(p['timepoint']),
        cell(p['hr']),
        cell(p['hrCiLow']),
        cell(p['hrCiHigh']),
        cell(p['p']),
        joined(o.findings),
        joined([...new Set(o.biomarkers.filter((b): b is string => b !== null))]),
        cell(p['note']),
        sourceIds(o.sources),
        sourceLinks(o.sources),
        secondaryOnly(o.sources),
      ];
    });
    yield stringify(records, CSV);
  }
}
