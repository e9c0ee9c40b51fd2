/** The Pothos builder and its plugins: set-up only, no domain types. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin, { decodeGlobalID as pothosDecode } from '@pothos/plugin-relay';
import { isLabel } from '../db/model.js';
import { userError } from '../errors.js';
import type { Context } from './context.js';
import { LIMITS } from './limits.js';

// Kept here too for modules that imported them from the builder before limits had a module.
export { LIMITS, PAGE } from './limits.js';

export const builder = new SchemaBuilder<{
  Context: Context;
  DefaultFieldNullability: false;
  DefaultEdgesNullability: false;
  DefaultNodeNullability: false;
  // Every connection can count its items, but only does when totalCount is selected.
  Connection: { totalCount: () => Promise<number> };
  // Curation's JSON values (schema/mutations.ts), validated by the seed's zod schemas, not by GraphQL.
  Scalars: {
    StudyInput: { Input: unknown; Output: never };
    NodeFields: { Input: Record<string, unknown>; Output: never };
    NodeProperties: { Input: never; Output: Record<string, unknown> };
  };
}>({
  plugins: [RelayPlugin, ComplexityPlugin],
  defaultFieldNullability: false,
  relay: {
    clientMutationId: 'omit',
    cursorType: 'String',
    // What GraphiQL's docs explorer shows for the Relay plumbing every list shares.
    nodeTypeOptions: { description: 'Anything with a global id, fetchable with node(id:) or nodes(ids:).' },
    nodeQueryOptions: { description: 'Any node by its global id; null when there is none.', args: { id: { description: 'A global id, as an id field returns it.' } } },
    nodesQueryOptions: {
      description: 'Several nodes by global id, in the order asked; null where there is none.',
      args: { ids: { description: 'Global ids, as id fields return them.' } },
    },
    idFieldOptions: { description: 'Global id (base64 of "Type:slug"), for node(id:).' },
    pageInfoTypeOptions: { description: 'Where a page sits in its list, and the cursors to ask for the next or previous one.' },
    hasNextPageFieldOptions: { description: 'Whether items follow this page.' },
    hasPreviousPageFieldOptions: { description: 'Whether items precede this page.' },
    startCursorFieldOptions: { description: 'Cursor of the first item on this page; pass it as before: for the previous page.' },
    endCursorFieldOptions: { description: 'Cursor of the last item on this page; pass it as after: for the next page.' },
    defaultConnectionTypeOptions: { description: 'One page of a list: its items (edges) and where the page sits (pageInfo).' },
    defaultEdgeTypeOptions: { description: 'One item of a page, with its cursor.' },
    edgesFieldOptions: { description: 'The items of this page, in list order.' },
    pageInfoFieldOptions: { description: 'Where this page sits, and the cursors for the next or previous one.' },
    cursorFieldOptions: { description: 'Opaque position of this item; pass it as after: or before: to page from here.' },
    nodeFieldOptions: { description: 'The item itself.' },
    firstArgOptions: { description: "Page size from the start, or after the after: cursor (default and maximum are in the list field's own description)." },
    lastArgOptions: { description: 'Page size from the end, or before the before: cursor.' },
    afterArgOptions: { description: 'Start after this cursor (an endCursor or a cursor field).' },
    beforeArgOptions: { description: 'End before this cursor (a startCursor or a cursor field).' },
    decodeGlobalID: (globalID) => {
      try {
        const decoded = pothosDecode(globalID);
        if (!decoded.typename || !decoded.id) throw new Error('empty part');
        // A well-formed id naming a type the graph has no node of is the client's mistake too:
        // without this check the relay plugin answers "X has not been implemented" with no code.
        if (!isLabel(decoded.typename)) throw new Error('unknown type');
        return decoded;
      } catch {
        throw userError(`"${globalID}" is not a valid global ID (expected base64 of "Type:slug", as returned by an id field)`);
      }
    },
  },
  complexity: {
    defaultComplexity: 1,
    // Relationship lists here are short (a study has a handful of arms); connections use `first`.
    defaultListMultiplier: 2,
    // Depth and breadth only: what a query costs is the cost plugin's one estimate (http/plugins/use-cost.ts,
    // rows read against the run-time budget); this plugin's own sum of multipliers was a second,
    // disagreeing estimate that refused small answers on the seed.
    limit: { depth: LIMITS.depth, breadth: LIMITS.breadth },
    // Checked before any resolver runs; a stable code lets clients tell "ask for less" apart.
    complexityError: (kind, result) => {
      const key = kind === 'Depth' ? 'depth' : kind === 'Breadth' ? 'breadth' : 'complexity';
      const max = LIMITS[key];
      return userError(`query ${key} ${result[key]} exceeds the maximum of ${max}; ask for fewer nested fields or smaller pages`, 'QUERY_TOO_COMPLEX', {
        limit: key,
        max,
        actual: result[key],
      });
    },
  },
});

export type SchemaTypesOf = typeof builder extends PothosSchemaTypes.SchemaBuilder<infer T> ? T : never;

builder.queryType({ description: 'The RT+ICB evidence graph: studies, trials, people, therapies, biomarkers and findings, each with its sources.' });
