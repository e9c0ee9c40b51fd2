/**
 * The provenance audit: every figure of the seed (or of one study about to be written) against
 * the quote that states it and the sources it rests on. Pure — no I/O — so `npm run audit`, the
 * tests, and the curation and import paths all run the same check.
 *
 * A figure is one of: an outcome (value, CI, unit, HR with CI, p), a finding's `patients` and the
 * numbers printed in its statement, a finding's stated interaction (HR, CI, p, pre-specified), an
 * arm's `n`, a study's `enrolled` or `analysed`, and a study's `allocation` (the quote must say the
 * arms were randomised, or name a non-randomised design). Each is
 * - QUOTED when it carries a quote from one of its own sources in which every number (with its CI
 *   and unit) is printed;
 * - UNQUOTED when it carries no quote (allowed: a quote is never guessed; the report lists them);
 * - INCONSISTENT when its quote does not print a number it claims, the quote comes from a source
 *   the figure does not cite, a secondary source is marked primary, a finding claims more patients
 *   than its study has, or the figure rests on the registry record of a trial the study is only a
 *   CANDIDATE for (a candidate link used as if confirmed).
 * Any inconsistency fails the audit.
 */
import type { SeedBundle } from '../seed-files/read-seed.js';
import { type ArmSeed, type Catalog, type FindingSeed, type OutcomeSeed, type QuoteSeed, SECONDARY_KINDS, type SourceSeed, type StudySeed } from '../seed-files/seed-schema.js';
import { find, hasPValue, hasValueWithUnit, normalise, numbersIn } from './numbers.js';

export type FigureKind = 'OUTCOME' | 'FINDING' | 'INTERACTION' | 'ARM_N' | 'STUDY_ENROLLED' | 'STUDY_ANALYSED' | 'STUDY_ALLOCATION';
export type FigureStatus = 'QUOTED' | 'UNQUOTED' | 'INCONSISTENT';

export interface AuditedFigure {
  /** The study file, e.g. `studies/pacific-r-girard-2023.json`. */
  file: string;
  /** JSON path inside it, e.g. `outcomes[3]`. */
  path: string;
  /** The node id the figure belongs to (outcome, finding, arm or study). */
  id: string;
  kind: FigureKind;
  status: FigureStatus;
  /** Why it is unquoted or inconsistent (empty when quoted). */
  problems: string[];
}

export interface AuditReport {
  /** Figures looked at. */
  checked: number;
  quoted: number;
  unquoted: number;
  inconsistent: number;
  figures: AuditedFigure[];
  /** Problems that belong to no single figure (a source's primary flag, a trial link). */
  general: string[];
}

/** True when nothing is inconsistent: what the CI gate, curation and import require. */
export function auditPassed(report: AuditReport): boolean {
  return report.inconsistent === 0 && report.general.length === 0;
}

export class AuditError extends Error {
  constructor(readonly report: AuditReport) {
    const bad = report.figures.filter((f) => f.status === 'INCONSISTENT');
    super(
      `audit failed: ${bad.length + report.general.length} inconsistenc${bad.length + report.general.length === 1 ? 'y' : 'ies'}\n` +
        [...report.general, ...bad.map((f) => `${f.file} at ${f.path} (${f.id}): ${f.problems.join('; ')}`)].map((l) => `  ${l}`).join('\n'),
    );
    this.name = 'AuditError';
  }
}

/** Audits every study of a validated seed bundle. */
export function auditSeed(bundle: SeedBundle): AuditReport {
  const parts = bundle.studies.map(({ file, study }) => auditStudy(study, bundle.catalog, file));
  return merge([sourceFlags(bundle.catalog), ...parts]);
}

/**
 * Audits one study against the catalog it will be written with. For the curation and import
 * paths: call it after validation and before the write, and refuse the write when
 * `auditPassed(report)` is false (or call `assertAudited`, which throws an AuditError that lists
 * every inconsistency with its path). Unquoted figures are reported but do not fail.
 */
export function auditStudy(study: StudySeed, catalog: Catalog, file = `studies/${study.id}.json`): AuditReport {
  const sources = new Map(catalog.sources.map((s) => [s.id, s]));
  const figures: AuditedFigure[] = [];
  const general: string[] = [];
  const ctx: StudyContext = { study, file, sources, candidateOnly: candidateRegistrySources(study, catalog, general, file) };

  if (study.enrolled !== undefined) figures.push(countFigure(ctx, 'STUDY_ENROLLED', 'enrolled', study.id, study.enrolled, study.enrolledQuote, study.sources));
  if (study.analysed !== undefined) figures.push(countFigure(ctx, 'STUDY_ANALYSED', 'analysed', study.id, study.analysed, study.analysedQuote, study.sources));
  if (study.allocation !== undefined) figures.push(allocationFigure(ctx));
  study.arms?.forEach((arm, i) => {
    if (arm.n !== undefined) figures.push(armFigure(ctx, arm, `arms[${i}]`));
  });
  study.outcomes?.forEach((o, i) => figures.push(outcomeFigure(ctx, o, `outcomes[${i}]`)));
  study.findings?.forEach((f, i) => {
    const fig = findingFigure(ctx, f, `findings[${i}]`);
    if (fig) figures.push(fig);
    const inter = interactionFigure(ctx, f, `findings[${i}].interaction`);
    if (inter) figures.push(inter);
  });
  return tally(figures, general);
}

/** Throws an AuditError when the report has any inconsistency. */
export function assertAudited(report: AuditReport): void {
  if (!auditPassed(report)) throw new AuditError(report);
}

// ------------------------------------------------------------------------------------------

interface StudyContext {
  study: StudySeed;
  file: string;
  sources: ReadonlyMap<string, SourceSeed>;
  /** Source ids that only the registry record of a CANDIDATE trial stands on. */
  candidateOnly: ReadonlySet<string>;
}

/** A source whose kind is second-hand (news, review, press, aggregator) must not be marked primary. */
function sourceFlags(catalog: Catalog): AuditReport {
  const general = catalog.sources
    .filter((s) => SECONDARY_KINDS.has(s.kind) && s.primary)
    .map((s) => `catalog/sources.json (${s.id}): a ${s.kind} source is marked primary; secondary sources must say so (primary: false)`);
  return tally([], general);
}

/**
 * Sources of trials the study links only as CANDIDATE and does not cite for the link itself
 * elsewhere: a figure resting on one of them would treat the unconfirmed trial's record as the
 * study's own.
 */
function candidateRegistrySources(study: StudySeed, catalog: Catalog, general: string[], file: string): Set<string> {
  const trials = new Map(catalog.trials.map((t) => [t.id, t]));
  const status = new Map<string, string>();
  const out = new Set<string>();
  for (const link of study.trials ?? []) {
    const prev = status.get(link.trial);
    if (prev && prev !== link.link) general.push(`${file}: trial "${link.trial}" is linked both ${prev} and ${link.link}`);
    status.set(link.trial, link.link);
  }
  const confirmed = new Set<string>();
  for (const link of study.trials ?? []) {
    if (link.link === 'CONFIRMED') for (const s of trials.get(link.trial)?.sources ?? []) confirmed.add(s);
  }
  for (const link of study.trials ?? []) {
    if (link.link !== 'CANDIDATE') continue;
    for (const s of trials.get(link.trial)?.sources ?? []) if (!confirmed.has(s)) out.add(s);
  }
  return out;
}

function baseChecks(ctx: StudyContext, sources: readonly string[], quote: QuoteSeed | undefined): string[] {
  const problems: string[] = [];
  for (const id of sources) {
    if (ctx.candidateOnly.has(id)) problems.push(`rests on source "${id}", the record of a trial this study is only a CANDIDATE for`);
    if (!ctx.sources.has(id)) problems.push(`cites unknown source "${id}"`);
  }
  if (quote && !sources.includes(quote.source)) problems.push(`quote is from "${quote.source}", which is not one of the figure's sources (${sources.join(', ')})`);
  return problems;
}

function status(quote: QuoteSeed | undefined, problems: string[]): FigureStatus {
  if (problems.length > 0) return 'INCONSISTENT';
  return quote ? 'QUOTED' : 'UNQUOTED';
}

function countFigure(ctx: StudyContext, kind: FigureKind, path: string, id: string, value: number, quote: QuoteSeed | undefined, sources: readonly string[]): AuditedFigure {
  const problems = baseChecks(ctx, sources, quote);
  if (quote && find(quote.text, value).length === 0) problems.push(`${path} ${value} is not printed in its quote`);
  return { file: ctx.file, path, id, kind, status: status(quote, problems), problems: quote || problems.length > 0 ? problems : [`${path} ${value}: no quote`] };
}

function armFigure(ctx: StudyContext, arm: ArmSeed, path: string): AuditedFigure {
  const fig = countFigure(ctx, 'ARM_N', `${path}.n`, arm.id, arm.n ?? 0, arm.quote, arm.sources);
  return { ...fig, path };
}

function outcomeFigure(ctx: StudyContext, o: OutcomeSeed, path: string): AuditedFigure {
  const problems = baseChecks(ctx, o.sources, o.quote);
  const q = o.quote?.text;
  if (q !== undefined) {
    if (o.value !== undefined && !hasValueWithUnit(q, o.value, o.unit)) {
      problems.push(find(q, o.value).length > 0 ? `value ${o.value} is printed without its unit (${o.unit ?? 'none'})` : `value ${o.value} is not printed in its quote`);
    }
    const plain: [string, number | undefined][] = [
      ['ciLow', o.ciLow],
      ['ciHigh', o.ciHigh],
      ['hr', o.hr],
      ['hrCiLow', o.hrCiLow],
      ['hrCiHigh', o.hrCiHigh],
    ];
    for (const [field, v] of plain) if (v !== undefined && find(q, v).length === 0) problems.push(`${field} ${v} is not printed in its quote`);
    if (o.p !== undefined && !hasPValue(q, o.p)) problems.push(`p ${o.p} is not printed in its quote`);
  }
  return { file: ctx.file, path, id: o.id, kind: 'OUTCOME', status: status(o.quote, problems), problems: o.quote || problems.length > 0 ? problems : ['no quote'] };
}

/**
 * A finding has figures when it states `patients` or prints numbers in its statement. The
 * statement's numbers may be proved by the finding's own quote or by the quotes of the outcomes it
 * rests on; thresholds that name the biomarker state ("≥10 mut/Mb", "TC <1%") need no proof.
 */
function findingFigure(ctx: StudyContext, f: FindingSeed, path: string): AuditedFigure | undefined {
  // "phase 2" names a design, not a figure.
  const stated = numbersIn(f.statement.replace(/\bphase\s+[\dIV/]+/gi, ''), { words: false }).map((t) => t.value);
  const exempt = new Set([...numbersIn(f.biomarkerState, { words: false }), ...numbersIn(f.contrast ?? '', { words: false })].map((t) => t.value));
  const claimed = [...new Set(stated.filter((v) => !exempt.has(v)))];
  if (f.patients === undefined && claimed.length === 0) return undefined;

  const problems = baseChecks(ctx, f.sources, f.quote);
  const outcomes = new Map((ctx.study.outcomes ?? []).map((o) => [o.id, o]));
  const linked = (f.outcomes ?? []).map((id) => outcomes.get(id)).filter((o): o is OutcomeSeed => o !== undefined);
  const proofs = [f.quote?.text, ...linked.map((o) => o.quote?.text)].filter((t): t is string => t !== undefined);
  const everyProofPresent = f.quote !== undefined || (linked.length > 0 && linked.every((o) => o.quote !== undefined));
  const missing = claimed.filter((v) => !proofs.some((t) => find(t, v).length > 0));

  const limit = Math.max(ctx.study.enrolled ?? 0, ctx.study.analysed ?? 0);
  if (f.patients !== undefined && limit > 0 && f.patients > limit) problems.push(`patients ${f.patients} exceeds the study's ${limit}`);
  if (f.patients !== undefined && f.quote && find(f.quote.text, f.patients).length === 0) problems.push(`patients ${f.patients} is not printed in its quote`);
  if (missing.length > 0 && everyProofPresent) problems.push(`statement prints ${missing.join(', ')}, which no quote of the finding or its outcomes states`);

  const quoted = problems.length === 0 && missing.length === 0 && (f.patients === undefined || f.quote !== undefined) && proofs.length > 0;
  const why = [
    ...(f.patients !== undefined && !f.quote ? [`patients ${f.patients}: no quote`] : []),
    ...(missing.length > 0 && !everyProofPresent ? [`statement numbers ${missing.join(', ')}: no quote`] : []),
  ];
  return {
    file: ctx.file,
    path,
    id: f.id,
    kind: 'FINDING',
    status: problems.length > 0 ? 'INCONSISTENT' : quoted ? 'QUOTED' : 'UNQUOTED',
    problems: problems.length > 0 ? problems : quoted ? [] : why.length > 0 ? why : ['no quote'],
  };
}

/** Words that say patients were assigned at random ("randomised", "randomly assigned"), not "non-randomized". */
const RANDOMIZED = /(?<!non-?|not\s)\brandomi[sz]|\brandomly (assigned|allocated)\b|\bassigned at random\b/i;
/** Words that name a design whose arms were formed otherwise. */
const NON_RANDOMIZED =
  /\bnon-?randomi[sz]ed\b|\bnot randomi[sz]ed\b|\bsingle[- ](arm|group)\b|\bretrospective(ly)?\b|\bobservational\b|\bcohorts?\b|\breal-world\b|\bconsecutive\b|\bcase series\b/i;

/** A study's allocation is a figure too: its quote must state it, or it stands unquoted. */
function allocationFigure(ctx: StudyContext): AuditedFigure {
  const { study } = ctx;
  const quote = study.allocationQuote;
  const problems = baseChecks(ctx, study.sources, quote);
  if (quote) {
    const t = normalise(quote.text);
    if (study.allocation === 'RANDOMIZED' && !RANDOMIZED.test(t)) problems.push('allocation RANDOMIZED: its quote does not say the patients were randomised');
    if (study.allocation === 'NON_RANDOMIZED' && !NON_RANDOMIZED.test(t)) {
      problems.push('allocation NON_RANDOMIZED: its quote names no non-randomised design (non-randomized, single-arm, cohort, retrospective, observational …)');
    }
  }
  return {
    file: ctx.file,
    path: 'allocation',
    id: study.id,
    kind: 'STUDY_ALLOCATION',
    status: status(quote, problems),
    problems: quote || problems.length > 0 ? problems : [`allocation ${study.allocation ?? ''}: no quote`],
  };
}

/**
 * A finding's interaction: the stated ratio of HRs with its CI and the p for interaction are printed
 * in its quote, and a pre-specified flag is said there ("pre-specified" / "post hoc"). The subgroup
 * HRs it names are outcomes audited on their own; they must be outcomes the finding rests on.
 */
function interactionFigure(ctx: StudyContext, f: FindingSeed, path: string): AuditedFigure | undefined {
  const i = f.interaction;
  if (!i) return undefined;
  const stated = i.hr !== undefined || i.p !== undefined || i.prespecified !== undefined;
  const problems = baseChecks(ctx, f.sources, i.quote);
  for (const [j, id] of (i.subgroups ?? []).entries()) {
    if (!(f.outcomes ?? []).includes(id)) problems.push(`subgroups[${j}] "${id}" is not one of the finding's outcomes`);
  }
  const q = i.quote?.text;
  if (q !== undefined) {
    const plain: [string, number | undefined][] = [
      ['hr', i.hr],
      ['ciLow', i.ciLow],
      ['ciHigh', i.ciHigh],
    ];
    for (const [field, v] of plain) if (v !== undefined && find(q, v).length === 0) problems.push(`interaction ${field} ${v} is not printed in its quote`);
    if (i.p !== undefined && !hasPValue(q, i.p)) problems.push(`interaction p ${i.p} is not printed in its quote`);
    if (i.prespecified === true && !/\bpre-?specified\b|\bpre-?planned\b|\bplanned\b/i.test(q))
      problems.push('prespecified: its quote does not say the analysis was pre-specified');
    if (i.prespecified === false && !/\bpost[- ]hoc\b|\bexploratory\b|\bunplanned\b|\bnot pre-?specified\b/i.test(q))
      problems.push('prespecified false: its quote does not say the analysis was post hoc or exploratory');
  }
  if (!stated && problems.length === 0 && i.quote === undefined) return undefined;
  const kindOf = status(i.quote, problems);
  return {
    file: ctx.file,
    path,
    id: f.id,
    kind: 'INTERACTION',
    status: kindOf,
    problems: i.quote || problems.length > 0 ? problems : ['stated interaction: no quote'],
  };
}

function tally(figures: AuditedFigure[], general: string[]): AuditReport {
  const count = (s: FigureStatus) => figures.filter((f) => f.status === s).length;
  return { checked: figures.length, quoted: count('QUOTED'), unquoted: count('UNQUOTED'), inconsistent: count('INCONSISTENT'), figures, general };
}

function merge(reports: AuditReport[]): AuditReport {
  return tally(
    reports.flatMap((r) => r.figures),
    reports.flatMap((r) => r.general),
  );
}

/** The report as text: the four figures, then every inconsistency and (when asked) every unquoted figure. */
export function formatReport(report: AuditReport, options: { listUnquoted?: boolean } = {}): string {
  const lines = [
    `audit: ${report.checked} figures checked`,
    `  quoted:       ${report.quoted}`,
    `  unquoted:     ${report.unquoted}`,
    `  inconsistent: ${report.inconsistent + report.general.length}`,
  ];
  const bad = report.figures.filter((f) => f.status === 'INCONSISTENT');
  if (bad.length > 0 || report.general.length > 0) {
    lines.push('', 'inconsistent:');
    for (const g of report.general) lines.push(`  ${g}`);
    for (const f of bad) lines.push(`  ${f.file} at ${f.path} (${f.id}): ${f.problems.join('; ')}`);
  }
  if (options.listUnquoted) {
    const un = report.figures.filter((f) => f.status === 'UNQUOTED');
    if (un.length > 0) {
      lines.push('', 'unquoted (no source sentence found that states them; never guessed):');
      for (const f of un) lines.push(`  ${f.file} at ${f.path} (${f.id}): ${f.problems.join('; ')}`);
    }
  }
  return lines.join('\n');
}
