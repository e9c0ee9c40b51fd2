/** explain: the sourced paths behind a biomarker's place in the ranking, as rows and graph elements. */
import { encodeGlobalID } from '@pothos/plugin-relay';
import { type ElementEdge, type ElementNode, type ExplainPath, type Explanation, explain } from '../analysis/explain.js';
import { DEFAULT_CLASSES, loadNode, loadNodes, requireClasses, requireIds } from './analysis-args.js';
import { builder } from './builder.js';
import { describedValues, EXPLAIN_PATH_ROLE } from './enum-values.js';
import { EntityTypeEnum } from './enums.js';
import { NodeRefs } from './refs.js';

const PathRoleEnum = builder.enumType('ExplainPathRole', {
  values: describedValues(['SUPPORTING', 'CONTRADICTING', 'OTHER'] as const, EXPLAIN_PATH_ROLE),
  description: 'The ranking rule’s piles: predictive findings for, predictive findings against, and the rest (which do not rank).',
});

const ExplainPathRef = builder.objectRef<ExplainPath>('ExplainPath').implement({
  description: 'One path: finding → study → trial (when any) → institutions and investigators → sources.',
  fields: (t) => ({
    role: t.field({ type: PathRoleEnum, description: 'Which pile of the ranking rule the finding falls in.', resolve: (p) => p.role }),
    finding: t.field({ type: NodeRefs.Finding, nullable: true, description: 'The finding.', resolve: (p, _a, ctx) => loadNode(ctx, 'Finding', p.finding) }),
    study: t.field({ type: NodeRefs.Study, nullable: true, description: 'The study that reported the finding.', resolve: (p, _a, ctx) => loadNode(ctx, 'Study', p.study) }),
    trial: t.field({
      type: NodeRefs.Trial,
      nullable: true,
      description: 'The trial the study analyses; null when it is tied to none.',
      resolve: (p, _a, ctx) => loadNode(ctx, 'Trial', p.trial),
    }),
    trialLink: t.string({ nullable: true, description: 'CONFIRMED or CANDIDATE.', resolve: (p) => p.trialLink }),
    institutions: t.field({
      type: [NodeRefs.Institution],
      description: 'Institutions where the study was conducted.',
      resolve: (p, _a, ctx) => loadNodes(ctx, 'Institution', p.institutions),
    }),
    investigators: t.field({ type: [NodeRefs.Investigator], description: 'Authors of the study.', resolve: (p, _a, ctx) => loadNodes(ctx, 'Investigator', p.investigators) }),
    sources: t.field({
      type: [NodeRefs.Source],
      description: 'Sources of the finding, the study and the trial.',
      resolve: (p, _a, ctx) => loadNodes(ctx, 'Source', p.sources),
    }),
  }),
});

const ExplainNodeRef = builder.objectRef<ElementNode>('ExplainNode').implement({
  description: 'A node of the explanation graph, shaped like GraphNode for Cytoscape.js.',
  fields: (t) => ({
    id: t.id({ description: 'Global ID, usable with node(id).', resolve: (n) => encodeGlobalID(n.type, n.slug) }),
    slug: t.string({ description: 'Stable readable id of the node.', resolve: (n) => n.slug }),
    type: t.field({ type: EntityTypeEnum, description: 'What kind of node it is.', resolve: (n) => n.type }),
    label: t.string({ description: 'Short display text: a name, or a finding’s statement cut to 70 characters.', resolve: (n) => n.label }),
  }),
});

const ExplainEdgeRef = builder.objectRef<ElementEdge & { types: Map<string, string> }>('ExplainEdge').implement({
  description: 'A relationship of the explanation graph; source and target are ExplainNode ids.',
  fields: (t) => ({
    id: t.id({ description: 'Unique id of the relationship within this explanation.', resolve: (e) => e.id }),
    source: t.id({ description: 'The ExplainNode id the relationship starts from.', resolve: (e) => encodeGlobalID(e.types.get(e.source) ?? 'Entity', e.source) }),
    target: t.id({ description: 'The ExplainNode id the relationship points to.', resolve: (e) => encodeGlobalID(e.types.get(e.target) ?? 'Entity', e.target) }),
    type: t.string({ description: 'The relationship type, e.g. HAS_FINDING, ANALYZES or SOURCED_FROM.', resolve: (e) => e.type }),
    label: t.string({ description: 'Display text: the type, with detail in brackets where there is some (biomarker state, trial link, author role).', resolve: (e) => e.label }),
  }),
});

const ExplanationRef = builder.objectRef<Explanation>('Explanation').implement({
  description: 'The sourced paths behind one biomarker’s place in the ranking, as rows (paths) and as a graph (nodes, edges).',
  fields: (t) => ({
    biomarker: t.field({ type: NodeRefs.Biomarker, nullable: true, description: 'The biomarker explained.', resolve: (x, _a, ctx) => loadNode(ctx, 'Biomarker', x.biomarker) }),
    biomarkerSlug: t.string({ description: 'Slug of that biomarker.', resolve: (x) => x.biomarker }),
    paths: t.field({
      type: [ExplainPathRef],
      description: 'One row per finding and trial: SUPPORTING first, then CONTRADICTING, then OTHER, by finding slug within each.',
      resolve: (x) => x.paths,
    }),
    nodes: t.field({ type: [ExplainNodeRef], description: 'Every node on the paths, once each.', resolve: (x) => x.nodes }),
    edges: t.field({
      type: [ExplainEdgeRef],
      description: 'Every relationship on the paths, once each.',
      resolve: (x) => {
        const types = new Map(x.nodes.map((n) => [n.slug, n.type]));
        return x.edges.map((e) => ({ ...e, types }));
      },
    }),
  }),
});

builder.queryField('explain', (t) =>
  t.field({
    type: [ExplanationRef],
    description:
      'Why a biomarker stands where it does in biomarkerEvidence: for each biomarker (or the one asked for), every path biomarker → finding → study → trial → institution / investigator → source, as rows and as graph elements (nodes, edges) for Cytoscape.js.',
    args: {
      biomarker: t.arg.string({ description: 'Biomarker slug (default: every biomarker in the ranking).' }),
      therapyClasses: t.arg.stringList({ defaultValue: DEFAULT_CLASSES, description: 'Therapy slugs that must all be involved, as in biomarkerEvidence.' }),
    },
    resolve: async (_p, args, ctx) => {
      const classes = requireClasses(args.therapyClasses);
      await requireIds(ctx, 'therapyClasses', classes, 'Therapy');
      if (args.biomarker) await requireIds(ctx, 'biomarker', [args.biomarker], 'Biomarker');
      return explain(ctx.db, args.biomarker ?? null, classes);
    },
  }),
);
