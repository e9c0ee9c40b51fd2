import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** cypher/ at the repository root: schema, queries and the fragments composed queries reuse. */
export const CYPHER_DIR = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'cypher');
