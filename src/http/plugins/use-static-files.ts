/** Request phase: the explorer and GraphiQL's bundled assets (web/dist, src/http/static.ts) answered before GraphQL is involved. */
import type { Plugin } from 'graphql-yoga';
import { staticResponse } from '../static.js';

export function useStaticFiles(): Plugin {
  return {
    async onRequest({ request, url, endResponse }) {
      if (request.method !== 'GET') return;
      const res = await staticResponse(url.pathname);
      if (res) endResponse(res);
    },
  };
}
