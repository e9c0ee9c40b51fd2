/**
 * Clinical questions in the API: what each finding and outcome answers (derived at write time,
 * src/analysis/questions.ts), and the list of questions the graph holds with their counts.
 */

import { type ClinicalQuestionKey, CONTRAST_KINDS, parseQuestionId, questionLabel } from '../analysis/questions.js';
import type { Entity } from '../db/entities.js';
import { type QuestionCounts, readClinicalQuestions } from '../db/evidence-rows.js';
import { userError } from '../errors.js';
import { keptAggregate } from './aggregate.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { CONTRAST_KIND, describedValues } from './enum-values.js';
import { OutcomeMeasureEnum, ScheduleEnum } from './enums.js';
import { EVIDENCE } from './limits.js';
import { reads } from './lookahead.js';
import { NodeRefs } from './refs.js';

export const ContrastKindEnum = builder.enumType('ContrastKind', {
  description: 'What a clinical question compares.',
  values: describedValues(CONTRAST_KINDS, CONTRAST_KIND),
});

/** Every question the graph holds with its counts, read once per graph version. */
export async function questionCounts(ctx: Context): Promise<Map<string, QuestionCounts>> {
  const rows = await keptAggregate(ctx, 'clinical-questions', (db) => readClinicalQuestions(db, EVIDENCE.listCap));
  return new Map(rows.map((r) => [r.question, r]));
}

/** The nodes behind ids, in order, through the request's node loader; a missing one is an error (the ids come from the graph). */
export async function nodesById<L extends 'Therapy' | 'Disease' | 'Trial' | 'Study' | 'Finding' | 'Outcome'>(ctx: Context, label: L, ids: readonly string[]): Promise<Entity<L>[]> {
  const found = await ctx.loaders.node.loadMany([...ids]);
  return found.map((n, i) => {
    if (n instanceof Error) throw n;
    if (!n || n.label !== label) throw new Error(`${label} "${ids[i]}" vanished between the summary and its load`);
    // The label was checked above; TypeScript cannot narrow a generic label from a runtime comparison.
    return n as unknown as Entity<L>;
  });
}

export async function labelOf(ctx: Context, q: ClinicalQuestionKey): Promise<string> {
  const ids = [...new Set([...(q.setting ? [q.setting] : []), ...q.added, ...q.base])];
  const found = await ctx.loaders.node.loadMany(ids);
  const names = new Map<string, string>();
  found.forEach((n, i) => {
    const id = ids[i];
    if (id !== undefined) names.set(id, n && !(n instanceof Error) && 'name' in n ? String(n.name) : id);
  });
  return questionLabel(q, (id) => names.get(id) ?? id);
}

export const ClinicalQuestionRef = builder.objectRef<ClinicalQuestionKey>('ClinicalQuestion').implement({
  description:
    'A clinical question evidence answers: a setting (the disease’s stage group), a contrast (what is added to what, a timing, a switch, or none) and an endpoint. Derived from each finding’s and outcome’s arms, therapies, schedules and diseases when they are written; evidence counts only for its own question.',
  fields: (t) => ({
    id: t.id({ description: 'Stable id: kind~setting~added~base~schedule~versus~endpoint.', resolve: (q) => q.id }),
    label: t.string({ description: 'The question in words.', resolve: (q, _a, ctx) => labelOf(ctx, q) }),
    kind: t.field({ type: ContrastKindEnum, description: 'What the question compares.', resolve: (q) => q.kind }),
    setting: t.field({
      type: NodeRefs.Disease,
      nullable: true,
      description: 'The stage group (e.g. advanced NSCLC, stage III NSCLC).',
      resolve: async (q, _a, ctx) => (q.setting ? ((await nodesById(ctx, 'Disease', [q.setting]))[0] ?? null) : null),
    }),
    added: t.field({
      type: [NodeRefs.Therapy],
      description: 'ADD: the therapy classes added; TIMING and NONE: the classes given; SWITCH: the experimental arm’s.',
      resolve: (q, _a, ctx) => nodesById(ctx, 'Therapy', q.added),
    }),
    base: t.field({
      type: [NodeRefs.Therapy],
      description: 'ADD: the classes both arms receive; SWITCH: the control arm’s; else empty.',
      resolve: (q, _a, ctx) => nodesById(ctx, 'Therapy', q.base),
    }),
    schedule: t.field({
      type: ScheduleEnum,
      nullable: true,
      description: 'The experimental arm’s schedule (CONSOLIDATION: given after chemoradiotherapy).',
      resolve: (q) => q.schedule,
    }),
    versus: t.field({ type: ScheduleEnum, nullable: true, description: 'TIMING: the control arm’s schedule.', resolve: (q) => q.versus }),
    endpoint: t.field({
      type: OutcomeMeasureEnum,
      nullable: true,
      description: 'The endpoint (a finding’s first measure); empty when the finding names none.',
      resolve: (q) => q.endpoint,
    }),
    findings: t.int({ description: 'Findings answering it.', resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.findings ?? 0 }),
    predictiveFindings: t.int({ description: 'PREDICTIVE findings answering it.', resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.predictive ?? 0 }),
    outcomes: t.int({ description: 'Outcomes (figures) answering it.', resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.outcomes ?? 0 }),
    studies: t.int({ description: 'Studies with a finding or outcome answering it.', resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.studies ?? 0 }),
    trialCount: t.int({
      description: 'Registered trials (confirmed or candidate links) of those studies.',
      resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.trialCount ?? 0,
    }),
    trials: t.field({
      type: [NodeRefs.Trial],
      description: `Those trials (the first ${EVIDENCE.listCap} by id; trialCount tells all).`,
      resolve: async (q, _a, ctx) => nodesById(ctx, 'Trial', (await questionCounts(ctx)).get(q.id)?.trials ?? []),
    }),
    patients: t.int({
      nullable: true,
      description: 'Patients: per population (a study’s confirmed trials, else the study) the largest enrolment a source states, summed; empty when none is stated.',
      resolve: async (q, _a, ctx) => (await questionCounts(ctx)).get(q.id)?.patients ?? null,
    }),
  }),
});

/** The question behind a stored id; an id that does not parse is the graph's fault, not the client's. */
export function questionOf(id: string | undefined): ClinicalQuestionKey | null {
  if (id === undefined) return null;
  const q = parseQuestionId(id);
  if (!q) throw new Error(`stored questionId "${id}" is not a clinical question id`);
  return q;
}

builder.objectField(NodeRefs.Finding, 'question', (t) =>
  t.field({
    type: ClinicalQuestionRef,
    nullable: true,
    description: 'The clinical question the finding answers.',
    extensions: reads('Finding', 'questionId'),
    resolve: (n) => questionOf(n.questionId),
  }),
);
builder.objectField(NodeRefs.Outcome, 'question', (t) =>
  t.field({
    type: ClinicalQuestionRef,
    nullable: true,
    description: 'The clinical question the figure answers.',
    extensions: reads('Outcome', 'questionId'),
    resolve: (n) => questionOf(n.questionId),
  }),
);

builder.queryField('clinicalQuestions', (t) =>
  t.field({
    type: [ClinicalQuestionRef],
    description: 'The clinical questions the graph holds, by id, with what answers each.',
    args: {
      setting: t.arg.string({ description: 'Only questions in this stage group (a disease slug just below NSCLC, e.g. advanced-nsclc or stage-iii-nsclc).' }),
      kind: t.arg({ type: ContrastKindEnum, description: 'Only questions of this kind.' }),
      predictiveOnly: t.arg.boolean({ defaultValue: false, description: 'Only questions with at least one PREDICTIVE finding.' }),
    },
    resolve: async (_p, args, ctx) => {
      const setting = args.setting ? await settingArg(ctx, args.setting) : null;
      return [...(await questionCounts(ctx)).values()]
        .filter((c) => !args.predictiveOnly || c.predictive > 0)
        .map((c) => questionOf(c.question))
        .filter((q): q is ClinicalQuestionKey => q !== null && (setting === null || q.setting === setting) && (!args.kind || q.kind === args.kind));
    },
  }),
);

builder.queryField('clinicalQuestion', (t) =>
  t.field({
    type: ClinicalQuestionRef,
    nullable: true,
    description: 'One clinical question by id (empty when the graph holds nothing answering it).',
    args: { id: t.arg.id({ required: true, description: 'A ClinicalQuestion id.' }) },
    resolve: async (_p, args, ctx) => {
      const q = questionArg(String(args.id));
      return (await questionCounts(ctx)).has(q.id) ? q : null;
    },
  }),
);

/** A client's question id, parsed, or a clear error naming the argument. */
export function questionArg(id: string, argument = 'id'): ClinicalQuestionKey {
  const q = parseQuestionId(id);
  if (!q)
    throw userError(`${argument}: "${id}" is not a clinical question id (kind~setting~added~base~schedule~versus~endpoint; list them with clinicalQuestions)`, 'BAD_USER_INPUT', {
      argument,
    });
  return q;
}

/** A disease slug naming a stage group, checked to exist. */
async function settingArg(ctx: Context, slug: string): Promise<string> {
  const d = (await ctx.loaders.node.loadMany([slug]))[0];
  if (d instanceof Error) throw d;
  if (d?.label !== 'Disease') throw userError(`setting: no disease with slug "${slug}"`, 'NOT_FOUND', { argument: 'setting' });
  return slug;
}
