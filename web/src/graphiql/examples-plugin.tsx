/**
 * A GraphiQL sidebar plugin listing the README's example operations (test/operations/*.graphql)
 * with their comments. Picking one switches to its tab when one is open with exactly that text,
 * else opens it in a new tab: the examples stay at hand after tabs are closed or edited, and for
 * returning visitors whose saved tabs replace the default ones.
 */

import type { Example } from 'abscopal:examples';
import { type GraphiQLPlugin, useGraphiQL, useGraphiQLActions } from '@graphiql/react';

function ExamplesIcon() {
  return (
    <svg viewBox="0 0 24 24" width="1em" height="1em" fill="none" stroke="currentColor" strokeWidth="1.5" aria-hidden="true">
      <path d="M4 5.5A1.5 1.5 0 0 1 5.5 4H11v16H5.5A1.5 1.5 0 0 1 4 18.5z" />
      <path d="M13 4h5.5A1.5 1.5 0 0 1 20 5.5v13a1.5 1.5 0 0 1-1.5 1.5H13z" />
      <path d="M6.5 8h2M6.5 11h2M15.5 8h2M15.5 11h2" strokeLinecap="round" />
    </svg>
  );
}

function ExamplesList({ examples }: { examples: readonly Example[] }) {
  const { addTab, changeTab } = useGraphiQLActions();
  const tabs = useGraphiQL((s) => s.tabs);
  const queryEditor = useGraphiQL((s) => s.queryEditor);

  function open(example: Example): void {
    const index = tabs.findIndex((tab) => tab.query?.trim() === example.query.trim());
    if (index >= 0) {
      changeTab(index);
      return;
    }
    addTab();
    queryEditor?.setValue(example.query);
  }

  return (
    <section className="abscopal-examples" aria-labelledby="abscopal-examples-title">
      <div className="graphiql-doc-explorer-title" id="abscopal-examples-title">
        Examples
      </div>
      <p className="abscopal-examples-hint">The README's example operations. Pick one, then press ▶ to run it.</p>
      <ul>
        {examples.map((example) => (
          <li key={example.file}>
            <button type="button" data-testid="example" data-example={example.name} onClick={() => open(example)}>
              <span className="abscopal-example-name">{example.name}</span>
              <span className="abscopal-example-description">{example.description}</span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}

export function examplesPlugin(examples: readonly Example[]): GraphiQLPlugin {
  return { title: 'Examples', icon: ExamplesIcon, content: () => <ExamplesList examples={examples} /> };
}
