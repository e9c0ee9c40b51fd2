import { builder } from '../builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';

builder.node(NodeRefs.Disease, {
  ...nodeOptions('Disease', 'A disease by stage and setting, e.g. metastatic NSCLC; IS_A links narrower to broader.'),
  fields: (t) => ({
    slug: t.string({ resolve: (n) => n.id }),
    name: t.string({ resolve: (n) => n.name }),
    stage: t.string({ nullable: true, resolve: (n) => n.stage ?? null }),
    setting: t.string({ nullable: true, resolve: (n) => n.setting ?? null }),
    aliases: t.stringList({ resolve: (n) => n.aliases }),
    broader: t.field({ type: [NodeRefs.Disease], resolve: (n, _a, ctx) => related(ctx, 'Disease.broader', n) }),
    narrower: t.field({ type: [NodeRefs.Disease], resolve: (n, _a, ctx) => related(ctx, 'Disease.narrower', n) }),
    studies: t.field({ type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Disease.studies', n) }),
    findings: t.field({ type: [NodeRefs.Finding], resolve: (n, _a, ctx) => related(ctx, 'Disease.findings', n) }),
  }),
});
