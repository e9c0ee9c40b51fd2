/**
 * The GraphiQL page yoga serves at GET /graphql (Accept: text/html): web/dist/graphiql.html,
 * built by web/build.mjs with every script, style and editor worker under /assets/graphiql/.
 * Replaces yoga's default page, which loads all of that from unpkg.com and so shows nothing on a
 * machine without internet access.
 */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WEB_DIST } from '../static.js';

const NOT_BUILT = `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Abscopal — GraphiQL</title></head>
<body><p>GraphiQL is not built yet: run <code>npm run build:web</code> (<code>npm start</code> does it for you).
The API answers POST /graphql meanwhile.</p></body></html>`;

/** The page's HTML; read per request so a rebuild (`node web/build.mjs --watch`) shows at once. */
export async function graphiqlPage(dir: string = WEB_DIST): Promise<string> {
  try {
    return await readFile(path.join(dir, 'graphiql.html'), 'utf8');
  } catch {
    return NOT_BUILT;
  }
}
