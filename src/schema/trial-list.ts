/**
 * Query.trials: the trial landscape, filtered by what the registry states (status, recruiting,
 * phase, country) and by what the trial's studies link to (a therapy or class, a disease, with
 * their IS_A hierarchies, a schedule); ordered by name and keyset-paged like the other root lists.
 */
import neo4j from 'neo4j-driver';
import { parseEntity } from '../db/entities.js';
import { normaliseText } from '../db/list-keys.js';
import { userError } from '../errors.js';
import { OverallStatus } from '../importers/ctgov.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { describedValues } from './enum-values.js';
import { ScheduleEnum } from './enums.js';
import { PAGE } from './limits.js';
import { keysetPage, PAGING } from './lists.js';
import { NodeRefs } from './refs.js';
import { countable } from './relation-page.js';
import { RECRUITING_STATUSES } from './trial.js';

/** ClinicalTrials.gov's own meanings of its overall statuses (the API v2 data dictionary, in short). */
const TRIAL_STATUS: Record<(typeof OverallStatus.options)[number], string> = {
  NOT_YET_RECRUITING: 'Not yet recruiting participants.',
  RECRUITING: 'Currently recruiting participants.',
  ENROLLING_BY_INVITATION: 'Enrolling participants it selects and invites.',
  ACTIVE_NOT_RECRUITING: 'Ongoing (treating or following participants) but no longer recruiting.',
  SUSPENDED: 'Stopped early, may start again.',
  TERMINATED: 'Stopped early; participants are no longer being treated or followed.',
  COMPLETED: 'Ended normally.',
  WITHDRAWN: 'Stopped before enrolling its first participant.',
  UNKNOWN: 'Status not verified within the past two years although it was last seen active.',
  AVAILABLE: 'Expanded access: currently available.',
  NO_LONGER_AVAILABLE: 'Expanded access: no longer available.',
  TEMPORARILY_NOT_AVAILABLE: 'Expanded access: temporarily not available.',
  APPROVED_FOR_MARKETING: 'Expanded access: the treatment is approved for marketing.',
  WITHHELD: 'Expanded access: the status is withheld.',
};

const TrialStatusEnum = builder.enumType('TrialStatus', {
  description: "A trial's overall status as ClinicalTrials.gov states it (API v2 overallStatus).",
  values: describedValues(OverallStatus.options, TRIAL_STATUS),
});

const TrialFilterInput = builder.inputType('TrialFilter', {
  description: 'All given conditions must hold. Registry conditions (status, recruiting, phase, country) need an imported registry record: a trial without one meets none of them.',
  fields: (t) => ({
    status: t.field({ type: TrialStatusEnum, description: "The registry's overall status." }),
    recruiting: t.boolean({ description: `true: status ${RECRUITING_STATUSES.join(' or ')}; false: any other stated status.` }),
    phase: t.string({ description: 'The trial\'s phase as curated (e.g. "II") or a registered phase (e.g. "PHASE2").' }),
    country: t.string({ description: 'A country of the registered sites, as the registry spells it (e.g. "United States", "Netherlands").' }),
    therapy: t.string({ description: 'Therapy slug; narrower therapies count (anti-pd-1 finds pembrolizumab arms). Any confirmed study of the trial.' }),
    disease: t.string({ description: 'Disease slug; narrower diseases count (nsclc finds metastatic-nsclc). Any confirmed study of the trial.' }),
    schedule: t.field({ type: ScheduleEnum, description: 'An arm of a confirmed study has this schedule.' }),
    name: t.string({ description: 'Case-insensitive substring of the name (else the title).' }),
  }),
});

type Maybe<T> = T | null | undefined;
type FilterArg = Maybe<{
  status?: Maybe<string>;
  recruiting?: Maybe<boolean>;
  phase?: Maybe<string>;
  country?: Maybe<string>;
  therapy?: Maybe<string>;
  disease?: Maybe<string>;
  schedule?: Maybe<string>;
  name?: Maybe<string>;
}>;

/** A slug the filter names must be a node of that label: a typo is an error, not an empty page. */
async function checkSlug(ctx: Context, field: 'therapy' | 'disease', slug: string | null | undefined): Promise<void> {
  if (slug == null) return;
  const node = await ctx.loaders.node.load(slug);
  const label = field === 'therapy' ? 'Therapy' : 'Disease';
  if (!node || node.label !== label)
    throw userError(`filter.${field}: "${slug}" is not a ${field} slug${node ? ` (it is a ${node.label})` : ''}`, 'BAD_USER_INPUT', { argument: `filter.${field}` });
}

function params(f: FilterArg): Record<string, unknown> {
  return {
    text: f?.name == null ? null : normaliseText(f.name),
    status: f?.status ?? null,
    recruiting: f?.recruiting ?? null,
    recruitingStatuses: [...RECRUITING_STATUSES],
    phase: f?.phase ?? null,
    country: f?.country ?? null,
    therapy: f?.therapy ?? null,
    disease: f?.disease ?? null,
    schedule: f?.schedule ?? null,
  };
}

builder.queryField('trials', (t) =>
  t.connection(
    {
      type: NodeRefs.Trial,
      description: `Registered trials, filtered. Ordered by name (case-insensitive; the title where there is no name), then id.${PAGING}`,
      args: { filter: t.arg({ type: TrialFilterInput, description: 'Conditions the trials must meet.' }) },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? PAGE.defaultSize }),
      resolve: async (_p, args, ctx) => {
        await checkSlug(ctx, 'therapy', args.filter?.therapy);
        await checkSlug(ctx, 'disease', args.filter?.disease);
        const p = params(args.filter);
        const conn = await keysetPage(args, 'NAME', async (after, limit) => {
          const rows = await ctx.db.read('trials-page', { ...p, after: after ?? '', limit: neo4j.int(limit) });
          return rows.map((r) => ({ node: parseEntity('Trial', r['props']), sortKey: String(r['sortKey']) }));
        });
        return { ...conn, totalCount: async () => Number((await ctx.db.read('trials-count', p))[0]?.['total'] ?? 0) };
      },
    },
    countable,
  ),
);
