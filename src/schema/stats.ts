import { builder } from './builder.js';

interface Count {
  name: string;
  count: number;
}

const CountRef = builder.objectRef<Count>('Count').implement({
  description: 'A count of nodes or relationships of one type.',
  fields: (t) => ({
    name: t.string({ description: 'Node label or relationship type.', resolve: (c) => c.name }),
    count: t.int({ description: 'How many.', resolve: (c) => c.count }),
  }),
});

const GraphStatsRef = builder.objectRef<{ nodes: Count[]; relationships: Count[] }>('GraphStats').implement({
  description: 'How many nodes and relationships of each type the graph holds.',
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
