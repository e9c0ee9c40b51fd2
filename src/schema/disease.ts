import { builder } from './builder.js';
import { related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { countable, listComplexity, pagedComplexity, relationPage } from './relation-page.js';

builder.node(NodeRefs.Disease, {
  ...nodeOptions('Disease', 'A disease by stage and setting, e.g. metastatic NSCLC; IS_A links narrower to broader.'),
  fields: (t) => ({
    name: t.exposeString('name', { description: 'Display name.' }),
    stage: t.exposeString('stage', { description: 'Stage, e.g. III or IV (metastatic).', nullable: true }),
    setting: t.exposeString('setting', { description: 'Treatment setting, e.g. metastatic or definitive chemoradiotherapy.', nullable: true }),
    aliases: t.exposeStringList('aliases', { description: 'Other names it goes by (search finds them too).' }),
    broader: t.field({
      description: 'Broader diseases this one IS_A.',
      type: [NodeRefs.Disease],
      complexity: listComplexity('Disease.broader'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Disease.broader', n, info),
    }),
    narrower: t.field({
      description: 'Narrower diseases that are a kind of this one.',
      type: [NodeRefs.Disease],
      complexity: listComplexity('Disease.narrower'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Disease.narrower', n, info),
    }),
    studies: t.connection(
      {
        description: 'Studies of this disease. Oldest first by publication year (no year last), then by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Study,
        complexity: pagedComplexity('Disease.studies'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Disease.studies', n, args, (h) => h.node),
      },
      countable,
    ),
    findings: t.connection(
      {
        description: 'Findings made in this disease. Ordered by slug. Paged: first (default 20, at most 100) and after.',
        type: NodeRefs.Finding,
        complexity: pagedComplexity('Disease.findings'),
        resolve: (n, args, ctx) => relationPage(ctx, 'Disease.findings', n, args, (h) => h.node),
      },
      countable,
    ),
  }),
});
