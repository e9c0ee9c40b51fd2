/**
 * npm run trusted-documents: writes trusted-documents.json, the manifest a production server
 * started with TRUSTED_DOCUMENTS=trusted-documents.json restricts execution to. Its documents:
 * every test/operations/*.graphql (the examples of docs/examples.md) and every query the explorer sends.
 * Each is validated against the schema first, so a stale query fails here, not in production.
 */
import { readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { parse, validate } from 'graphql';
import { buildSchema } from '../src/schema/index.js';
import { buildManifest } from '../src/security/trusted-documents.js';
import { explorerDocuments } from '../web/src/api.js';

const out = path.resolve(process.argv[2] ?? 'trusted-documents.json');
const dir = path.resolve('test/operations');
const documents = [
  ...readdirSync(dir)
    .filter((f) => f.endsWith('.graphql'))
    .sort()
    .map((f) => readFileSync(path.join(dir, f), 'utf8')),
  ...explorerDocuments(),
];
const schema = buildSchema();
for (const doc of documents) {
  const errors = validate(schema, parse(doc));
  if (errors.length > 0) {
    console.error(`not valid against the schema:\n${doc}\n${errors.map((e) => e.message).join('\n')}`);
    process.exit(1);
  }
}
const manifest = buildManifest(documents);
writeFileSync(out, `${JSON.stringify(manifest, null, 2)}\n`);
console.log(`${Object.keys(manifest).length} trusted documents written to ${path.relative(process.cwd(), out)}`);
