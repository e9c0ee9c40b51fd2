import { encodeGlobalID } from '@pothos/plugin-relay';
import type { Entity } from '../db/entities.js';
import { userError } from '../errors.js';
import { builder } from './builder.js';
import { displayName } from './display.js';
import { EntityTypeEnum } from './enums.js';
import { checkFirst, SEARCH } from './limits.js';

interface Hit {
  node: Entity;
  score: number;
}

const SearchHitRef = builder.objectRef<Hit>('SearchHit').implement({
  description: 'One full-text match, with the type it matched as and its relevance score.',
  fields: (t) => ({
    score: t.float({ description: 'Relevance: higher is better.', resolve: (h) => h.score }),
    type: t.field({ description: 'The matched node’s type.', type: EntityTypeEnum, resolve: (h) => h.node.label }),
    id: t.id({ description: 'Global ID of the matched node.', resolve: (h) => encodeGlobalID(h.node.label, h.node.id) }),
    slug: t.string({ description: 'Stable readable id of the matched node.', resolve: (h) => h.node.id }),
    label: t.string({ description: 'Display name.', resolve: (h) => displayName(h.node) }),
    node: t.field({ description: 'The matched node itself.', type: builder.nodeInterfaceRef(), resolve: (h) => h.node }),
  }),
});

const LUCENE_SPECIAL = /[+\-&|!(){}[\]^"~*?:\\/]/g;

/**
 * User text becomes a Lucene query *value* (a parameter, never Cypher text), with Lucene's own
 * operators escaped so "PD-L1" or "(TMB" cannot break the parser. Each word matches whole
 * (boosted) or as a prefix, so a search box can suggest while someone types.
 */
export function luceneQuery(text: string): string {
  const words = text
    .toLowerCase()
    .split(/\s+/)
    .map((w) => w.replace(LUCENE_SPECIAL, (c) => `\\${c}`))
    .filter((w) => w.length > 0);
  return words.map((w) => `(${w}^2 OR ${w}*)`).join(' AND ');
}

builder.queryField('search', (t) =>
  t.field({
    type: [SearchHitRef],
    description: 'Full-text search over names, titles, aliases, statements and summaries, best first.',
    args: {
      text: t.arg.string({ description: 'Words to find; each matches whole or as a prefix, all must match.', required: true }),
      types: t.arg({ type: [EntityTypeEnum], description: 'Only these types (default: all).' }),
      first: t.arg.int({ defaultValue: SEARCH.defaultSize, description: `At most ${SEARCH.maxSize}.` }),
    },
    complexity: (args) => ({ field: 1, multiplier: args.first ?? SEARCH.defaultSize }),
    resolve: async (_p, args, ctx) => {
      checkFirst(args.first, SEARCH.maxSize);
      const query = luceneQuery(args.text);
      if (query === '') throw userError('text must contain at least one word', 'BAD_USER_INPUT', { argument: 'text' });
      return ctx.store.search(query, args.types ?? [], args.first ?? SEARCH.defaultSize);
    },
  }),
);
