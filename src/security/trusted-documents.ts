/**
 * Trusted documents: in production the server can run only the operations of a manifest
 * (`npm run trusted-documents` writes it from test/operations/ and the explorer's queries).
 *
 * Clients may send the document's hash (Apollo's `extensions.persistedQuery.sha256Hash`, which
 * @graphql-yoga/plugin-persisted-operations reads) or, like the explorer, the document itself:
 * a sent document whose normalised form is in the manifest is turned into its hash first, so the
 * explorer needs no change. Hashes are sha256 of `print(parse(document))`, so whitespace and
 * comments do not matter.
 */
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { usePersistedOperations } from '@graphql-yoga/plugin-persisted-operations';
import { parse, print } from 'graphql';
import type { Plugin } from 'graphql-yoga';
import { messageOf } from '../errors.js';

/** Manifest format: { "<sha256 hex>": "<document>" } (the common persisted-documents JSON). */
export type TrustedManifest = ReadonlyMap<string, string>;

export function documentHash(document: string): string {
  return createHash('sha256')
    .update(print(parse(document)))
    .digest('hex');
}

export function buildManifest(documents: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const doc of documents) out[documentHash(doc)] = print(parse(doc));
  return Object.fromEntries(Object.entries(out).sort(([a], [b]) => a.localeCompare(b)));
}

export function loadManifest(file: string): TrustedManifest {
  let raw: unknown;
  try {
    raw = JSON.parse(readFileSync(file, 'utf8'));
  } catch (err) {
    throw new Error(`cannot read the trusted-documents manifest ${file} (run \`npm run trusted-documents\`): ${messageOf(err)}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) throw new Error(`${file}: a trusted-documents manifest is a JSON object of hash → document`);
  const map = new Map<string, string>();
  for (const [hash, doc] of Object.entries(raw)) {
    if (typeof doc !== 'string') throw new Error(`${file}: the value for ${hash} is not a document`);
    map.set(hash, doc);
  }
  return map;
}

const NOT_TRUSTED = 'PERSISTED_QUERY_NOT_FOUND';

export function useTrustedDocuments(manifest: TrustedManifest): Plugin[] {
  const byText: Plugin = {
    onParams({ params, setParams }) {
      if (typeof params.query !== 'string') return;
      let hash: string;
      try {
        hash = documentHash(params.query);
      } catch {
        return; // unparsable: not in the manifest, refused below
      }
      if (!manifest.has(hash)) return;
      const { query: _sent, ...rest } = params;
      setParams({ ...rest, extensions: { ...(params.extensions ?? {}), persistedQuery: { version: 1, sha256Hash: hash } } });
    },
  };
  const message = 'this server runs only trusted documents, and this operation is not one of them';
  return [
    byText,
    usePersistedOperations({
      getPersistedOperation: (key) => manifest.get(key) ?? null,
      allowArbitraryOperations: false,
      customErrors: {
        notFound: { message, extensions: { code: NOT_TRUSTED, http: { status: 400 } } },
        persistedQueryOnly: { message, extensions: { code: NOT_TRUSTED, http: { status: 400 } } },
        keyNotFound: { message: 'send a trusted document or its sha256 hash (extensions.persistedQuery)', extensions: { code: NOT_TRUSTED, http: { status: 400 } } },
      },
    }),
  ];
}
