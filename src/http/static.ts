/** Serves the built explorer page (web/dist) at / and its files under /assets/. */
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const WEB_DIST = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..', 'web', 'dist');

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.map': 'application/json',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
};

/** The response for a static path, or undefined when the path is not the explorer's. */
export async function staticResponse(pathname: string, dir: string = WEB_DIST): Promise<Response | undefined> {
  let rel: string;
  if (pathname === '/' || pathname === '/explorer' || pathname === '/explorer/') rel = 'index.html';
  else if (pathname.startsWith('/assets/')) rel = pathname.slice(1);
  else return undefined;
  const file = path.resolve(dir, rel);
  // No escaping the directory with ../ or encoded variants.
  if (!file.startsWith(dir + path.sep)) return new Response('not found', { status: 404 });
  try {
    const body = await readFile(file);
    return new Response(body, {
      headers: {
        'content-type': TYPES[path.extname(file)] ?? 'application/octet-stream',
        'cache-control': rel === 'index.html' ? 'no-cache' : 'public, max-age=3600',
      },
    });
  } catch {
    if (rel === 'index.html') {
      return new Response('The explorer page is not built yet: run `npm run build:web` (npm start does it for you).', {
        status: 503,
        headers: { 'content-type': 'text/plain; charset=utf-8' },
      });
    }
    return new Response('not found', { status: 404 });
  }
}
