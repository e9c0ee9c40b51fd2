import { builder } from '../builder.js';
import { NodeRefs, nodeOptions, related, required, str, strs } from './refs.js';

builder.node(NodeRefs.Disease, {
  ...nodeOptions('Disease', 'A disease by stage and setting, e.g. metastatic NSCLC; IS_A links narrower to broader.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    name: t.string({ description: 'Display name.', resolve: (n) => required(n, 'name') }),
    stage: t.string({ description: 'Stage, e.g. III or IV (metastatic).', nullable: true, resolve: (n) => str(n, 'stage') }),
    setting: t.string({ description: 'Treatment setting, e.g. metastatic or definitive chemoradiotherapy.', nullable: true, resolve: (n) => str(n, 'setting') }),
    aliases: t.stringList({ description: 'Other names it goes by (search finds them too).', resolve: (n) => strs(n, 'aliases') }),
    broader: t.field({ description: 'Broader diseases this one IS_A.', type: [NodeRefs.Disease], resolve: (n, _a, ctx) => related(ctx, 'Disease.broader', n) }),
    narrower: t.field({ description: 'Narrower diseases that are a kind of this one.', type: [NodeRefs.Disease], resolve: (n, _a, ctx) => related(ctx, 'Disease.narrower', n) }),
    studies: t.field({ description: 'Studies of this disease.', type: [NodeRefs.Study], resolve: (n, _a, ctx) => related(ctx, 'Disease.studies', n) }),
    findings: t.field({ description: 'Findings made in this disease.', type: [NodeRefs.Finding], resolve: (n, _a, ctx) => related(ctx, 'Disease.findings', n) }),
  }),
});
