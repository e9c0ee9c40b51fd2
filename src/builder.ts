/** The Pothos builder and its plugins: set-up only, no domain types. */
import SchemaBuilder from '@pothos/core';
import ComplexityPlugin from '@pothos/plugin-complexity';
import RelayPlugin, { decodeGlobalID as pothosDecode } from '@pothos/plugin-relay';
import type { Context } from './context.js';
import { userError } from './errors.js';
import { LIMITS } from './schema/limits.js';

// Kept here too for modules that imported them from the builder before limits had a module.
export { LIMITS, PAGE } from './schema/limits.js';

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
    decodeGlobalID: (globalID) => {
      try {
        const decoded = pothosDecode(globalID);
        if (!decoded.typename || !decoded.id) throw new Error('empty part');
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
    limit: { depth: LIMITS.depth, breadth: LIMITS.breadth, complexity: LIMITS.complexity },
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
