import { builder } from '../builder.js';

interface Count {
  name: string;
  count: number;
}

const CountRef = builder.objectRef<Count>('Count').implement({
  fields: (t) => ({ name: t.string({ resolve: (c) => c.name }), count: t.int({ resolve: (c) => c.count }) }),
});

const GraphStatsRef = builder.objectRef<{ nodes: Count[]; relationships: Count[] }>('GraphStats').implement({
  fields: (t) => ({
    nodes: t.field({ type: [CountRef], description: 'Nodes per type.', resolve: (s) => s.nodes }),
    relationships: t.field({ type: [CountRef], description: 'Relationships per type.', resolve: (s) => s.relationships }),
  }),
});

const toCounts = (m: Record<string, number>): Count[] =>
  Object.entries(m)
    .map(([name, count]) => ({ name, count }))
    .sort((a, b) => a.name.localeCompare(b.name));

builder.queryField('graphStats', (t) =>
  t.field({
    type: GraphStatsRef,
    description: 'What the graph holds: node counts per type and relationship counts per type.',
    resolve: async (_p, _a, ctx) => {
      const s = await ctx.store.stats();
      return { nodes: toCounts(s.nodes), relationships: toCounts(s.relationships) };
    },
  }),
);
