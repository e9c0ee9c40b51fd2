/**
 * Curation over GraphQL: submissions (pending until reviewed), reviews, the audit trail, and the
 * curation state of findings and outcomes. Writes need `Authorization: Bearer <token>` with the
 * right scope; reads of the public graph stay anonymous.
 *
 * StudyInput is a JSON scalar validated by the seed's zod schema, not a GraphQL input type: the
 * seed format is the one input format, so a second vocabulary in GraphQL could only drift from it
 * (fields added to the seed format, such as quotes, work here without touching this file), and
 * zod reports every problem at once with its path in the seed's own terms.
 */
import DataLoader from 'dataloader';
import { GraphQLError, Kind, type ValueNode, valueFromASTUntyped } from 'graphql';
import { z } from 'zod';
import { type Change, ReviewDecision, type RevisionRecord, SubmissionKind, type SubmissionRecord, SubmissionStatus } from '../curation/records.js';
import { getSubmission, listSubmissions, review, revisionById, revisionChanges, revisionsFor, type SubmissionInput, submit } from '../curation/submissions.js';
import { authenticate, type Principal, requireScope, type Scope } from '../curation/tokens.js';
import { userError } from '../errors.js';
import { RecordStatus } from '../seed-files/seed-schema.js';
import { builder } from './builder.js';
import type { Context } from './context.js';
import { describedValues, RECORD_STATUS, REVIEW_DECISION, SUBMISSION_KIND, SUBMISSION_STATUS } from './enum-values.js';
import { reads } from './lookahead.js';
import { NodeRefs } from './refs.js';

function objectLiteral(ast: ValueNode, name: string): Record<string, unknown> {
  if (ast.kind !== Kind.OBJECT) throw new GraphQLError(`${name} must be a JSON object`);
  // An OBJECT literal (checked above) reads as a plain object.
  return valueFromASTUntyped(ast) as Record<string, unknown>;
}
const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

builder.scalarType('StudyInput', {
  description:
    'A whole study in the seed format, as in seed/studies/<id>.json, under "study", plus any new catalog entries it needs under "catalog" ({ "sources": [...], "therapies": [...], ... } as in seed/catalog/). Validated by the same schema and reference checks as the files.',
  serialize: () => {
    throw new GraphQLError('StudyInput is an input type');
  },
  parseValue: (v) => v,
  parseLiteral: (ast) => objectLiteral(ast, 'StudyInput'),
});

builder.scalarType('NodeFields', {
  description: 'Fields of one node to change, in the seed format ({ "value": 5.2, "note": null }); null removes an optional field.',
  serialize: () => {
    throw new GraphQLError('NodeFields is an input type');
  },
  parseValue: (v) => {
    if (!isObject(v)) throw new GraphQLError('NodeFields must be a JSON object');
    return v;
  },
  parseLiteral: (ast) => objectLiteral(ast, 'NodeFields'),
});

builder.scalarType('NodeProperties', {
  description: 'A node’s stored properties as a JSON object.',
  serialize: (v) => v,
  parseValue: () => {
    throw new GraphQLError('NodeProperties is an output type');
  },
});

const SubmissionKindEnum = builder.enumType('SubmissionKind', {
  description: 'What a submission proposes.',
  values: describedValues(SubmissionKind.options, SUBMISSION_KIND),
});
const SubmissionStatusEnum = builder.enumType('SubmissionStatus', {
  description: 'Where a submission stands in review.',
  values: describedValues(SubmissionStatus.options, SUBMISSION_STATUS),
});
const ReviewDecisionEnum = builder.enumType('ReviewDecision', {
  description: 'A reviewer’s decision on a pending submission.',
  values: describedValues(ReviewDecision.options, REVIEW_DECISION),
});
const RecordStatusEnum = builder.enumType('RecordStatus', {
  description: 'Curation state of a finding or outcome: RETRACTED ones stay visible but leave the biomarkerEvidence ranking.',
  values: describedValues(RecordStatus.options, RECORD_STATUS),
});

/** Authenticates the request and checks the scope; counts a write against the token's rate limit. */
async function principalFor(ctx: Context, scope: Scope, write: boolean): Promise<Principal> {
  const principal = await authenticate(ctx.db, ctx.request);
  requireScope(principal, scope);
  if (write) {
    if (ctx.curation === undefined) throw userError('curation is not enabled on this server', 'FORBIDDEN');
    ctx.curation.limiter.take(principal.tokenId);
  }
  return principal;
}

/** Either scope may read submissions: they are not public until accepted. */
async function curatorOrReviewer(ctx: Context): Promise<Principal> {
  const principal = await authenticate(ctx.db, ctx.request);
  if (!principal.scopes.includes('curate') && !principal.scopes.includes('review')) requireScope(principal, 'review');
  return principal;
}

const RevisionChangeRef = builder.objectRef<Change>('RevisionChange').implement({
  description: 'One node a revision changed: its stored properties before and after (null = absent).',
  fields: (t) => ({
    nodeId: t.exposeString('nodeId', { description: 'The node’s slug.' }),
    label: t.exposeString('label', { nullable: true, description: 'The node’s type, e.g. Finding or Outcome.' }),
    before: t.field({
      type: 'NodeProperties',
      nullable: true,
      description: 'Its stored properties before the change; null when the node did not exist.',
      resolve: (c) => c.before,
    }),
    after: t.field({ type: 'NodeProperties', nullable: true, description: 'Its stored properties after the change; null when the change removed it.', resolve: (c) => c.after }),
  }),
});

const RevisionRef = builder.objectRef<RevisionRecord>('Revision').implement({
  description: 'An accepted change, in the audit trail: who submitted and who reviewed it, when, why, and every node’s properties before and after.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The revision id (rev-…).' }),
    at: t.exposeString('at', { description: 'When it was accepted (ISO 8601, UTC).' }),
    kind: t.field({ type: SubmissionKindEnum, description: 'What kind of submission it applied.', resolve: (r) => r.kind }),
    author: t.exposeString('author', { description: 'Who submitted it (the token’s name).' }),
    reviewer: t.exposeString('reviewer', { description: 'Who accepted it.' }),
    reason: t.exposeString('reason', { description: 'The submission’s comment or reason.' }),
    reviewComment: t.exposeString('reviewComment', { description: 'The reviewer’s comment on accepting it.' }),
    submission: t.exposeString('submission', { description: 'The submission id.' }),
    revertOf: t.exposeString('revertOf', { nullable: true, description: 'For a revert: the revision it undid.' }),
    nodeIds: t.exposeStringList('nodeIds', { description: 'Slugs of the nodes it changed.' }),
    changes: t.field({ type: [RevisionChangeRef], description: 'Each node it changed, with its properties before and after.', resolve: (r) => revisionChanges(r) }),
  }),
});

const SubmissionRef = builder.objectRef<SubmissionRecord>('Submission').implement({
  description: 'A proposed change. PENDING changes nothing readers see; ACCEPTED applied it (see revision); REJECTED stays on record.',
  fields: (t) => ({
    id: t.exposeString('id', { description: 'The submission id (sub-…).' }),
    kind: t.field({ type: SubmissionKindEnum, description: 'What it proposes.', resolve: (s) => s.kind }),
    status: t.field({ type: SubmissionStatusEnum, description: 'Pending, accepted or rejected.', resolve: (s) => s.status }),
    author: t.exposeString('author', { description: 'Who submitted it (the token’s name).' }),
    createdAt: t.exposeString('createdAt', { description: 'When it was submitted (ISO 8601, UTC).' }),
    reason: t.exposeString('reason', { description: 'The submitter’s comment or reason.' }),
    target: t.exposeString('target', { description: 'The study, node or revision it is about (a slug or revision id).' }),
    content: t.field({ type: 'NodeProperties', description: 'What was submitted.', resolve: (s) => z.record(z.string(), z.unknown()).parse(JSON.parse(s.payload)) }),
    reviewer: t.exposeString('reviewer', { nullable: true, description: 'Who reviewed it; null while pending.' }),
    reviewedAt: t.exposeString('reviewedAt', { nullable: true, description: 'When it was reviewed (ISO 8601, UTC); null while pending.' }),
    reviewComment: t.exposeString('reviewComment', { nullable: true, description: 'The reviewer’s comment; null while pending.' }),
    revision: t.field({
      type: RevisionRef,
      nullable: true,
      description: 'The revision that applied it, once accepted; null otherwise.',
      resolve: async (s, _a, ctx) => (s.revision === undefined ? null : ((await revisionById(ctx.db, s.revision)) ?? null)),
    }),
  }),
});

// ---------------------------------------------------------------- reads

builder.queryFields((t) => ({
  revisions: t.field({
    type: [RevisionRef],
    description: 'The audit trail of one node (or of a study and everything it owns), newest first.',
    args: { entity: t.arg.string({ required: true, description: 'A slug, e.g. "pembro-rt-2019".' }) },
    resolve: (_p, { entity }, ctx) => revisionsFor(ctx.db, entity),
  }),
  submission: t.field({
    type: SubmissionRef,
    nullable: true,
    description: 'One submission (needs a curate or review token: pending content is not public).',
    args: { id: t.arg.string({ required: true, description: 'The submission id (sub-…).' }) },
    resolve: async (_p, { id }, ctx) => {
      await curatorOrReviewer(ctx);
      return (await getSubmission((name, params) => ctx.db.read(name, params), id)) ?? null;
    },
  }),
  submissions: t.field({
    type: [SubmissionRef],
    description: 'Submissions, newest first (needs a curate or review token).',
    args: {
      status: t.arg({ type: SubmissionStatusEnum, required: false, description: 'Only submissions with this status (default: all).' }),
      first: t.arg.int({ required: false, defaultValue: 20, description: 'How many to return, newest first: 1 to 100 (default 20).' }),
    },
    resolve: async (_p, args, ctx) => {
      await curatorOrReviewer(ctx);
      const first = args.first ?? 20;
      if (first < 1 || first > 100) throw userError(`first must be between 1 and 100, got ${first}`, 'BAD_USER_INPUT', { argument: 'first' });
      return listSubmissions(ctx.db, args.status ?? null, first);
    },
  }),
}));

builder.objectField(NodeRefs.Study, 'revisions', (t) =>
  t.field({
    type: [RevisionRef],
    description: 'Accepted changes to this study and what it owns, newest first.',
    extensions: reads('Study'),
    resolve: (study, _a, ctx) => revisionsFor(ctx.db, study.id),
  }),
);

// One batched status query per request for every finding and outcome asked about.
const statusLoaders = new WeakMap<Context, DataLoader<string, { status: z.infer<typeof RecordStatus>; reason: string | null }>>();
const StatusRow = z.object({ id: z.string(), status: RecordStatus.nullable(), reason: z.string().nullable() });
function statusOf(ctx: Context, id: string) {
  let loader = statusLoaders.get(ctx);
  if (loader === undefined) {
    loader = new DataLoader(async (ids: readonly string[]) => {
      const rows = new Map((await ctx.db.read('curation-status', { ids: [...ids] })).map((r) => StatusRow.parse(r)).map((r) => [r.id, r]));
      return ids.map((id) => ({ status: rows.get(id)?.status ?? 'ACCEPTED', reason: rows.get(id)?.reason ?? null }));
    });
    statusLoaders.set(ctx, loader);
  }
  return loader.load(id);
}

for (const ref of [NodeRefs.Finding, NodeRefs.Outcome]) {
  builder.objectField(ref, 'status', (t) =>
    t.field({
      type: RecordStatusEnum,
      description: 'ACCEPTED, or RETRACTED (still shown, left out of the ranking).',
      extensions: { reads: [] }, // the id only, always read
      resolve: async (n, _a, ctx) => (await statusOf(ctx, n.id)).status,
    }),
  );
  builder.objectField(ref, 'statusReason', (t) =>
    t.string({ nullable: true, description: 'Why it was retracted.', extensions: { reads: [] }, resolve: async (n, _a, ctx) => (await statusOf(ctx, n.id)).reason }),
  );
}

// ---------------------------------------------------------------- writes

builder.mutationType({ description: 'Curation: propose changes (curate scope) and review them (review scope). Send Authorization: Bearer <token>.' });

async function submitAs(ctx: Context, input: SubmissionInput, reason: string): Promise<SubmissionRecord> {
  const principal = await principalFor(ctx, 'curate', true);
  return submit(ctx.db, principal, input, reason);
}

builder.mutationFields((t) => ({
  submitStudy: t.field({
    type: SubmissionRef,
    description: 'Proposes a whole study (new, or replacing one with the same id) with any new catalog entries it needs. Stored as PENDING.',
    args: {
      input: t.arg({ type: 'StudyInput', required: true, description: 'The study in the seed format, with any new catalog entries.' }),
      comment: t.arg.string({ required: false, description: 'Why, for the reviewer and the audit trail.' }),
    },
    resolve: (_p, args, ctx) => submitAs(ctx, { kind: 'STUDY', input: args.input }, args.comment ?? 'study submitted'),
  }),
  submitCorrection: t.field({
    type: SubmissionRef,
    description: 'Proposes new values for fields of one node (validated against that node type’s seed vocabulary).',
    args: {
      node: t.arg.string({ required: true, description: 'The node’s slug.' }),
      fields: t.arg({ type: 'NodeFields', required: true, description: 'The fields to change and their new values; null removes an optional field.' }),
      reason: t.arg.string({ required: true, description: 'Why, for the reviewer and the audit trail.' }),
    },
    resolve: (_p, args, ctx) => submitAs(ctx, { kind: 'CORRECTION', node: args.node, fields: args.fields }, args.reason),
  }),
  submitRetraction: t.field({
    type: SubmissionRef,
    description: 'Proposes withdrawing a finding or outcome: once accepted it stays visible as RETRACTED and leaves the ranking.',
    args: {
      node: t.arg.string({ required: true, description: 'The finding’s or outcome’s slug.' }),
      reason: t.arg.string({ required: true, description: 'Why it should be withdrawn, for the reviewer and the audit trail.' }),
    },
    resolve: (_p, args, ctx) => submitAs(ctx, { kind: 'RETRACTION', node: args.node }, args.reason),
  }),
  submitRevert: t.field({
    type: SubmissionRef,
    description: 'Proposes undoing an accepted revision (itself reviewed like any submission).',
    args: {
      revision: t.arg.string({ required: true, description: 'The id of the accepted revision to undo (rev-…).' }),
      reason: t.arg.string({ required: true, description: 'Why, for the reviewer and the audit trail.' }),
    },
    resolve: (_p, args, ctx) => submitAs(ctx, { kind: 'REVERT', revision: args.revision }, args.reason),
  }),
  reviewSubmission: t.field({
    type: SubmissionRef,
    description: 'Accepts (applies it in one transaction, with a Revision) or rejects (keeps it on record) a pending submission. Not your own.',
    args: {
      id: t.arg.string({ required: true, description: 'The pending submission’s id (sub-…).' }),
      decision: t.arg({ type: ReviewDecisionEnum, required: true, description: 'Accept or reject.' }),
      comment: t.arg.string({ required: true, description: 'The reviewer’s comment, kept on the submission (and the revision, when accepted).' }),
    },
    resolve: async (_p, args, ctx) => {
      const principal = await principalFor(ctx, 'review', true);
      return review(ctx.db, principal, args.id, args.decision, args.comment);
    },
  }),
}));
