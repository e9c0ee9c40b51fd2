/**
 * Parse and validate phases: graphql-armor's limits on a document's tokens, aliases and
 * directives, so an oversized document is refused before it is validated or executed.
 */
import { maxAliasesPlugin } from '@escape.tech/graphql-armor-max-aliases';
import { maxDirectivesPlugin } from '@escape.tech/graphql-armor-max-directives';
import { maxTokensPlugin } from '@escape.tech/graphql-armor-max-tokens';
import type { Plugin } from 'graphql-yoga';

export const ARMOR = { maxTokens: 2000, maxAliases: 30, maxDirectives: 20 } as const;

export function useArmor(): Plugin[] {
  return [maxTokensPlugin({ n: ARMOR.maxTokens }), maxAliasesPlugin({ n: ARMOR.maxAliases }), maxDirectivesPlugin({ n: ARMOR.maxDirectives })];
}
