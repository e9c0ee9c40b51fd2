import { builder } from '../builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Disease, {
  ...nodeOptions('Disease', 'A disease by stage and setting, e.g. metastatic NSCLC; IS_A links narrower to broader.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    stage: t.string({ nullable: true, resolve: (n) => n.stage ?? null }),
    setting: t.string({ nullable: true, resolve: (n) => n.setting ?? null }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    broader: t.field({ type: [NodeRefs.Disease], complexity: listComplexity('Disease.broader'), resolve: (n, _a, ctx) => related(ctx, 'Disease.broader', n) }),
    narrower: t.field({ type: [NodeRefs.Disease], complexity: listComplexity('Disease.narrower'), resolve: (n, _a, ctx) => related(ctx, 'Disease.narrower', n) }),
    studies: t.connection(
      { type: NodeRefs.Study, complexity: pagedComplexity('Disease.studies'), resolve: (n, args, ctx) => relationPage(ctx, 'Disease.studies', n, args, (h) => h.node) },
      countable,
    ),
    findings: t.connection(
      { type: NodeRefs.Finding, complexity: pagedComplexity('Disease.findings'), resolve: (n, args, ctx) => relationPage(ctx, 'Disease.findings', n, args, (h) => h.node) },
      countable,
    ),
  }),
});
