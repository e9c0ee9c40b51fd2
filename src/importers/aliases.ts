/**
 * Curated aliases for entity resolution (seed/catalog/aliases.json): spellings registries and
 * affiliations use for entities the catalog already has. Kept apart from the catalog entries so
 * import vocabulary can grow without touching curated facts; every target id must exist.
 */
import { readFile } from 'node:fs/promises';
import { z } from 'zod';
import { messageOf } from '../errors.js';
import { Slug } from '../seed-files/seed-schema.js';

const Spellings = z.record(Slug, z.array(z.string().trim().min(1)).min(1));

export const AliasCatalogSchema = z
  .object({
    note: z.string().optional(),
    institutions: Spellings.default({}),
    therapies: Spellings.default({}),
    diseases: Spellings.default({}),
  })
  .strict();

export type AliasCatalog = z.infer<typeof AliasCatalogSchema>;

export const emptyAliases = (): AliasCatalog => ({ institutions: {}, therapies: {}, diseases: {} });

export async function readAliases(file: string): Promise<AliasCatalog> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new Error(`${file}: cannot be read as JSON: ${messageOf(err)}`);
  }
  const parsed = AliasCatalogSchema.safeParse(raw);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`${file} at ${issue?.path.join('.') ?? ''}: ${issue?.message ?? 'invalid'}`);
  }
  return parsed.data;
}
