/** cytoscape-fcose ships no type declarations: the extension is a cytoscape.use() plugin. */
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';

  const fcose: Ext;
  export default fcose;
}

/** web/build.mjs compiles test/operations/*.graphql into this module (the evidence question first). */
declare module 'abscopal:examples' {
  export interface Example {
    /** The file in test/operations/. */
    file: string;
    /** The operation's name, which GraphiQL shows as the tab title. */
    name: string;
    /** The operation's leading comment lines, joined. */
    description: string;
    /** The whole file, comments included. */
    query: string;
  }
  export const examples: readonly Example[];
}
