/** Root lookups and paginated root lists (Relay connections; totalCount is counted only when asked). */
import { resolveOffsetConnection } from '@pothos/plugin-relay';
import { builder } from '../builder.js';
import type { StudyFilter } from '../db/graph.js';
import type { Label } from '../db/model.js';
import { notFound } from '../errors.js';
import { StudyKindEnum, StudyOrderEnum } from './enums.js';
import { PAGE, checkFirst } from './limits.js';
import { NodeRefs } from './refs.js';
import { countable } from './relation-page.js';

const StudyFilterInput = builder.inputType('StudyFilter', {
  description: 'All given conditions must hold.',
  fields: (t) => ({
    yearFrom: t.int({ description: 'Published in this year or later.' }),
    yearTo: t.int({ description: 'Published in this year or earlier.' }),
    phase: t.string({ description: 'Exact phase as recorded, e.g. "II", "III", "I/II".' }),
    kind: t.field({ description: 'What kind of analysis.', type: StudyKindEnum }),
    therapy: t.string({ description: 'Therapy slug; narrower therapies count (immune-checkpoint-blockade finds pembrolizumab arms).' }),
    biomarker: t.string({ description: 'Biomarker slug: studies with a finding about it.' }),
    institution: t.string({ description: 'Institution slug.' }),
    text: t.string({ description: 'Case-insensitive substring of title or short name.' }),
  }),
});

function pageArgs(args: { first?: number | null | undefined; last?: number | null | undefined }): void {
  checkFirst(args.first, PAGE.maxSize, 'first');
  checkFirst(args.last, PAGE.maxSize, 'last');
}

builder.queryFields((t) => ({
  entity: t.field({
    type: builder.nodeInterfaceRef(),
    description: 'Any node by its slug (the readable id, e.g. "pembro-rt-2019"). NOT_FOUND when there is none.',
    args: { slug: t.arg.string({ description: 'The readable id, e.g. "tumor-aneuploidy".', required: true }) },
    resolve: async (_p, { slug }, ctx) => {
      const n = await ctx.loaders.node.load(slug);
      if (!n) throw notFound('entity', slug);
      return n;
    },
  }),
  studies: t.connection({
    type: NodeRefs.Study,
    description: 'Studies, filtered and ordered.',
    args: {
      filter: t.arg({ description: 'Conditions the studies must meet.', type: StudyFilterInput }),
      orderBy: t.arg({ description: 'Order of the list.', type: StudyOrderEnum, defaultValue: 'YEAR_DESC' }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.first ?? PAGE.defaultSize }),
    resolve: async (_p, args, ctx) => {
      pageArgs(args);
      const f = args.filter;
      const filter: StudyFilter = {
        yearFrom: f?.yearFrom ?? null,
        yearTo: f?.yearTo ?? null,
        phase: f?.phase ?? null,
        kind: f?.kind ?? null,
        therapy: f?.therapy ?? null,
        biomarker: f?.biomarker ?? null,
        institution: f?.institution ?? null,
        text: f?.text ?? null,
      };
      const conn = await resolveOffsetConnection({ args, ...PAGE }, ({ offset, limit }) =>
        ctx.store.studies(filter, args.orderBy ?? 'YEAR_DESC', offset, limit),
      );
      return { ...conn, totalCount: () => ctx.store.countStudies(filter) };
    },
  }, countable),
}));

/** A simple paginated list per type, with an optional case-insensitive name filter. */
function listField(field: string, label: Exclude<Label, 'Study'>, description: string): void {
  builder.queryField(field, (t) =>
    t.connection({
      type: NodeRefs[label],
      description,
      args: { name: t.arg.string({ description: 'Case-insensitive substring of the name (or title, statement).' }) },
      complexity: (args) => ({ field: 1, multiplier: args.first ?? PAGE.defaultSize }),
      resolve: async (_p, args, ctx) => {
        pageArgs(args);
        const text = args.name ?? null;
        const conn = await resolveOffsetConnection({ args, ...PAGE }, ({ offset, limit }) => ctx.store.list(label, text, offset, limit));
        return { ...conn, totalCount: () => ctx.store.count(label, text) };
      },
    }, countable),
  );
}

listField('trials', 'Trial', 'Registered trials.');
listField('institutions', 'Institution', 'Institutions, by name.');
listField('investigators', 'Investigator', 'Investigators, by name.');
listField('diseases', 'Disease', 'Diseases by stage and setting.');
listField('therapies', 'Therapy', 'Drugs, drug classes, radiotherapy techniques and regimens.');
listField('biomarkers', 'Biomarker', 'Biomarkers, by name.');
listField('findings', 'Finding', 'Evidence statements.');
listField('sources', 'Source', 'Every source a fact was read in.');

