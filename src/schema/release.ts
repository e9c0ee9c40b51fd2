/** `release`: which state of the graph answers are read from (see src/release/release.ts). */

import { notFound, userError } from '../errors.js';
import type { Release, ReleaseCount, TaggedRelease } from '../release/release.js';
import { findRelease, listTags } from '../release/release.js';
import { builder } from './builder.js';
import type { Context } from './context.js';

const ReleaseCountRef = builder.objectRef<ReleaseCount>('ReleaseCount').implement({
  description: 'How many nodes of a type, or relationships of a type, the release holds.',
  fields: (t) => ({
    kind: t.string({ description: 'NODE or RELATIONSHIP.', resolve: (c) => c.kind }),
    name: t.string({ description: 'The node label or relationship type.', resolve: (c) => c.name }),
    count: t.int({ description: 'How many.', resolve: (c) => c.count }),
  }),
});

const ReleaseRef = builder.objectRef<Release>('Release').implement({
  description:
    'A state of the accepted graph. The id is derived from the content (sha256 over the canonical export): the same content has the same id on any machine, and any accepted write makes a new one. Every response carries the id it was answered from in extensions.release.',
  fields: (t) => ({
    id: t.string({ description: 'Content-derived id (sha256 over the canonical export).', resolve: (r) => r.id }),
    createdAt: t.string({ description: 'When this content was first recorded (ISO 8601).', resolve: (r) => r.createdAt }),
    cause: t.string({
      nullable: true,
      description:
        'The write that first produced this content: an import with its records, an accepted submission with its revision, a seed load. Empty for releases recorded before causes were.',
      resolve: (r) => r.cause,
    }),
    counts: t.field({ type: [ReleaseCountRef], description: 'How many nodes and relationships of each type it holds.', resolve: (r) => r.counts }),
    tags: t.stringList({ description: 'Names this release was tagged with (npm run release -- --tag NAME).', resolve: (r) => r.tags }),
  }),
});

const TaggedReleaseRef = builder.objectRef<TaggedRelease>('TaggedRelease').implement({
  description: 'A name given to a release (npm run release -- --tag NAME).',
  fields: (t) => ({
    name: t.string({ description: 'The tag name.', resolve: (r) => r.name }),
    id: t.string({ description: 'The id of the release tagged.', resolve: (r) => r.id }),
    taggedAt: t.string({ description: 'When the tag was set (ISO 8601, UTC).', resolve: (r) => r.taggedAt }),
  }),
});

function releaseOf(ctx: Context): NonNullable<Context['release']> {
  if (!ctx.release) throw new Error('the release plugin is not installed');
  return ctx.release;
}

builder.queryField('release', (t) =>
  t.field({
    type: ReleaseRef,
    description: 'The current release (default), or a recorded one by id or tag.',
    args: {
      id: t.arg.string({ description: 'A release id (give id or tag, not both).' }),
      tag: t.arg.string({ description: 'A release tag name (give id or tag, not both).' }),
    },
    resolve: async (_p, args, ctx) => {
      if (args.id && args.tag) throw userError('give id or tag, not both', 'BAD_USER_INPUT', { argument: 'tag' });
      const current = releaseOf(ctx).current;
      if (!args.id && !args.tag) return current;
      if (args.id === current.id) return current;
      const found = await findRelease(ctx.db, { id: args.id ?? null, tag: args.tag ?? null });
      if (!found) throw args.tag ? notFound('release tag', args.tag) : notFound('release', args.id ?? '');
      return found;
    },
  }),
);

builder.queryField('releaseTags', (t) =>
  t.field({
    type: [TaggedReleaseRef],
    description: 'Tagged releases, newest tag first.',
    resolve: (_p, _a, ctx) => listTags(ctx.db),
  }),
);
