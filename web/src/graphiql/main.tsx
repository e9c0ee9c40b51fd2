/**
 * GraphiQL for Abscopal, bundled by web/build.mjs and served at GET /graphql (text/html): the
 * editor, the docs explorer, the query builder (explorer plugin, open from the start) and the
 * README's example operations as tabs, the evidence question first. Nothing is fetched from
 * anywhere but this server.
 */
import './workers.js';
import 'graphiql/style.css';
import '@graphiql/plugin-explorer/style.css';
import './graphiql.css';
import { examples } from 'abscopal:examples';
import { explorerPlugin } from '@graphiql/plugin-explorer';
import { createGraphiQLFetcher } from '@graphiql/toolkit';
import { GraphiQL, HISTORY_PLUGIN } from 'graphiql';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { examplesPlugin } from './examples-plugin.js';

// The page is served at the GraphQL endpoint itself, so its own path is where queries go.
const fetcher = createGraphiQLFetcher({ url: new URL(window.location.pathname, window.location.origin).href });
const explorer = explorerPlugin();
const plugins = [explorer, examplesPlugin(examples), HISTORY_PLUGIN];

const host = document.getElementById('graphiql');
if (!host) throw new Error('graphiql.html has no #graphiql element');

createRoot(host).render(
  <StrictMode>
    <GraphiQL fetcher={fetcher} plugins={plugins} visiblePlugin={explorer} defaultTabs={examples.map((e) => ({ query: e.query }))} defaultEditorToolsVisibility={false}>
      <GraphiQL.Logo>
        <a className="abscopal-logo" href="/" title="The graph explorer">
          Abscopal
        </a>
      </GraphiQL.Logo>
    </GraphiQL>
  </StrictMode>,
);
