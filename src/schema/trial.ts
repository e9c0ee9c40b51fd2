/**
 * The Trial type: a registered trial, the studies that analyse it, and what its ClinicalTrials.gov
 * record states (`registration`), kept apart from what is derived from it (`recruiting`, the
 * diseases and therapies the registry's terms were mapped to, an arm's schedule).
 */
import type { Study } from '../db/entities.js';
import { isOneOf } from '../model/narrow.js';
import { builder } from './builder.js';
import { externalLinks } from './display.js';
import { related, relatedOne } from './loading.js';
import { reads } from './lookahead.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

/** Registry statuses under which a trial is taking patients now (ClinicalTrials.gov's own "recruiting" and "enrolling by invitation"). */
export const RECRUITING_STATUSES = ['RECRUITING', 'ENROLLING_BY_INVITATION'] as const;
/** Statuses of a trial that has stopped taking patients but goes on (its follow-up is running). */
export const ACTIVE_STATUSES = ['ACTIVE_NOT_RECRUITING'] as const;

interface RegistryDateShape {
  date: string;
  type: 'ACTUAL' | 'ESTIMATED' | null;
}

const RegistryDateRef = builder.objectRef<RegistryDateShape>('RegistryDate').implement({
  description: 'A date as the registry states it: possibly partial (YYYY-MM), actual or anticipated.',
  fields: (t) => ({
    date: t.string({ description: 'YYYY, YYYY-MM or YYYY-MM-DD, as registered.', resolve: (d) => d.date }),
    type: t.string({ description: 'ACTUAL or ESTIMATED, as registered; null where the registry does not say.', nullable: true, resolve: (d) => d.type }),
  }),
});

const dated = (date: string | undefined, type: 'ACTUAL' | 'ESTIMATED' | undefined): RegistryDateShape | null => (date === undefined ? null : { date, type: type ?? null });

const RegistrationRef = builder.objectRef<Study>('TrialRegistration').implement({
  description:
    "What the trial's ClinicalTrials.gov record states, verbatim (enum values and dates as the API v2 gives them), read from the record the importer wrote. Empty where the registry says nothing. `recruiting` is the one derived field.",
  fields: (t) => ({
    nctId: t.string({ description: "The record's NCT id.", nullable: true, resolve: (s) => s.nctId ?? null }),
    status: t.string({ description: 'overallStatus, e.g. RECRUITING, ACTIVE_NOT_RECRUITING, COMPLETED.', nullable: true, resolve: (s) => s.overallStatus ?? null }),
    recruiting: t.boolean({
      description: `Derived from status: true for ${RECRUITING_STATUSES.join(' and ')}, false for any other status, null where the registry states none.`,
      nullable: true,
      resolve: (s) => (s.overallStatus === undefined ? null : isOneOf(RECRUITING_STATUSES, s.overallStatus)),
    }),
    statusVerified: t.string({ description: 'When the registry last verified the status (YYYY-MM).', nullable: true, resolve: (s) => s.statusVerified ?? null }),
    startDate: t.field({ type: RegistryDateRef, nullable: true, description: 'Study start.', resolve: (s) => dated(s.startDate, s.startDateType) }),
    primaryCompletionDate: t.field({
      type: RegistryDateRef,
      nullable: true,
      description: "Primary completion (last patient's primary-outcome data).",
      resolve: (s) => dated(s.primaryCompletionDate, s.primaryCompletionDateType),
    }),
    completionDate: t.field({ type: RegistryDateRef, nullable: true, description: 'Study completion.', resolve: (s) => dated(s.completionDate, s.completionDateType) }),
    firstPosted: t.field({ type: RegistryDateRef, nullable: true, description: 'First posted on ClinicalTrials.gov.', resolve: (s) => dated(s.firstPosted, s.firstPostedType) }),
    lastUpdatePosted: t.field({ type: RegistryDateRef, nullable: true, description: 'Last update posted.', resolve: (s) => dated(s.lastUpdatePosted, s.lastUpdatePostedType) }),
    enrollment: t.int({ description: 'Enrolment count as registered.', nullable: true, resolve: (s) => s.enrolled ?? null }),
    enrollmentType: t.string({ description: 'ACTUAL or ESTIMATED (anticipated) enrolment.', nullable: true, resolve: (s) => s.enrollmentType ?? null }),
    studyType: t.string({ description: 'INTERVENTIONAL, OBSERVATIONAL or EXPANDED_ACCESS.', nullable: true, resolve: (s) => s.studyType ?? null }),
    phases: t.stringList({ description: 'Phases as registered, e.g. [PHASE2] or [PHASE1, PHASE2].', resolve: (s) => s.phases }),
    allocation: t.string({ description: "RANDOMIZED or NON_RANDOMIZED (the registry's NA, not applicable, reads as null).", nullable: true, resolve: (s) => s.allocation ?? null }),
    interventionModel: t.string({ description: 'E.g. PARALLEL, SINGLE_GROUP.', nullable: true, resolve: (s) => s.interventionModel ?? null }),
    masking: t.string({ description: 'NONE, SINGLE, DOUBLE, TRIPLE or QUADRUPLE.', nullable: true, resolve: (s) => s.masking ?? null }),
    primaryPurpose: t.string({ description: 'E.g. TREATMENT, SUPPORTIVE_CARE.', nullable: true, resolve: (s) => s.primaryPurpose ?? null }),
    conditions: t.stringList({ description: 'Condition terms as registered (the catalog diseases they map to: record.diseases).', resolve: (s) => s.conditions }),
    interventions: t.stringList({
      description: 'Interventions as registered, "TYPE: name" (the catalog therapies they map to: record.arms.therapies).',
      resolve: (s) => s.interventions,
    }),
    leadSponsor: t.string({ description: 'Lead sponsor as registered.', nullable: true, resolve: (s) => s.leadSponsor ?? null }),
    leadSponsorClass: t.string({ description: 'Agency class of the lead sponsor: INDUSTRY, NIH, OTHER …', nullable: true, resolve: (s) => s.leadSponsorClass ?? null }),
    collaborators: t.stringList({ description: 'Collaborators as registered.', resolve: (s) => s.collaborators }),
    countries: t.stringList({ description: 'Countries of the registered sites, sorted.', resolve: (s) => s.countries }),
    siteCount: t.int({ description: 'Number of registered sites (site institutions are imported only with --sites).', nullable: true, resolve: (s) => s.siteCount ?? null }),
    hasResults: t.boolean({
      description: "Whether results are posted on the registry (they are imported as the record's outcomes).",
      nullable: true,
      resolve: (s) => s.hasResults ?? null,
    }),
    record: t.field({
      type: NodeRefs.Study,
      description: 'The registry record itself: its arms (with the therapies they map to), diseases and posted outcomes.',
      resolve: (s) => s,
    }),
  }),
});

builder.node(NodeRefs.Trial, {
  ...nodeOptions('Trial', 'A registered clinical trial. Several studies can analyse one trial.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Trial name, e.g. PEMBRO-RT.' }),
    title: t.exposeString('title', { description: 'Official title.', nullable: true }),
    nctId: t.exposeString('nctId', { description: 'ClinicalTrials.gov id (NCT…).', nullable: true }),
    otherIds: t.exposeStringList('otherIds', { description: 'Other registry ids.' }),
    phase: t.exposeString('phase', { description: 'Phase as registered.', nullable: true }),
    sponsor: t.exposeString('sponsor', { description: 'Sponsor as registered.', nullable: true }),
    registryUrl: t.string({
      description: 'ClinicalTrials.gov page of the trial.',
      nullable: true,
      extensions: reads('Trial', 'nctId'),
      resolve: (n) => externalLinks({ nctId: n.nctId })[0] ?? null,
    }),
    record: t.field({
      type: NodeRefs.Study,
      nullable: true,
      description: "The trial's imported ClinicalTrials.gov record (a study of kind REGISTRY_RECORD); null until one is imported.",
      extensions: reads('Trial'),
      resolve: (n, _a, ctx, info) => relatedOne(ctx, 'Trial.record', n, info),
    }),
    registration: t.field({
      type: RegistrationRef,
      nullable: true,
      description:
        "What the trial's ClinicalTrials.gov record states (status, dates, enrolment, design, sponsors, countries); null until a record is imported. Curated trials keep their own fields above.",
      // The whole record is read (not the selected properties only): the loader's one-level batch.
      extensions: reads('Trial'),
      resolve: async (n, _a, ctx) => (await ctx.loaders.edge('Trial.record').load(n.id))[0]?.node ?? null,
    }),
    studies: t.connection(
      {
        type: NodeRefs.Study,
        description:
          'Studies linked to the trial, confirmed or candidate (see Study.trials for the status). Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        complexity: pagedComplexity('Trial.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Trial.studies', n, args, (h) => h.node),
      },
      countable,
    ),
    sources: t.field({
      description: 'Where the trial was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Trial.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Trial.sources', n, info),
    }),
  }),
});
