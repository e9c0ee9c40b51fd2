/** cytoscape-fcose ships no type declarations: the extension is a cytoscape.use() plugin. */
declare module 'cytoscape-fcose' {
  import type { Ext } from 'cytoscape';
  const fcose: Ext;
  export default fcose;
}
