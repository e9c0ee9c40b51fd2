import { builder } from '../builder.js';
import { AuthorshipRef, TrialLinkRef, relNum, relStr } from './common.js';
import { externalLinks } from './display.js';
import { FindingTypeEnum, StudyKindEnum } from './enums.js';
import { NodeRefs, nodeOptions, num, related, str, strs } from './refs.js';

builder.node(NodeRefs.Study, {
  ...nodeOptions('Study', 'One analysis that reports results: a trial report, a secondary, pooled or subgroup analysis, a cohort.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    shortName: t.string({ description: 'Short name, e.g. PEMBRO-RT.', resolve: (n) => str(n, 'shortName') ?? n.id }),
    title: t.string({ description: 'Title as published.', nullable: true, resolve: (n) => str(n, 'title') }),
    kind: t.field({ description: 'What kind of analysis it is.', type: StudyKindEnum, nullable: true, resolve: (n) => str(n, 'kind') as 'COHORT' | null }),
    design: t.string({ description: 'Study design in words, e.g. randomized phase II.', nullable: true, resolve: (n) => str(n, 'design') }),
    phase: t.string({ description: 'Trial phase as recorded, e.g. II or I/II.', nullable: true, resolve: (n) => str(n, 'phase') }),
    enrolled: t.int({ description: 'Patients enrolled, when a source gives it.', nullable: true, resolve: (n) => num(n, 'enrolled') }),
    year: t.int({ description: 'Year of publication.', nullable: true, resolve: (n) => num(n, 'year') }),
    published: t.string({ nullable: true, description: 'ISO date, possibly partial (YYYY or YYYY-MM).', resolve: (n) => str(n, 'published') }),
    journal: t.string({ description: 'Journal.', nullable: true, resolve: (n) => str(n, 'journal') }),
    citation: t.string({ description: 'Citation as the source gives it.', nullable: true, resolve: (n) => str(n, 'citation') }),
    doi: t.string({ description: 'DOI of the study.', nullable: true, resolve: (n) => str(n, 'doi') }),
    pmid: t.string({ description: 'PubMed id.', nullable: true, resolve: (n) => str(n, 'pmid') }),
    pmcid: t.string({ description: 'PubMed Central id.', nullable: true, resolve: (n) => str(n, 'pmcid') }),
    links: t.stringList({ description: 'DOI and PubMed links of the study itself.', resolve: (n) => externalLinks({ doi: n.props['doi'], pmid: n.props['pmid'] }) }),
    summary: t.string({ description: 'What the study did and found, in a few sentences.', resolve: (n) => str(n, 'summary') ?? '' }),
    omittedFacts: t.stringList({ description: 'Facts curators deliberately left out, and why (disputed, unverified, not found).', resolve: (n) => strs(n, 'omitted') }),
    trials: t.field({
      description: 'Registered trials the study analyses, each link confirmed or candidate.',
      type: [TrialLinkRef],
      resolve: async (n, _a, ctx) =>
        (await ctx.loaders.edge('Study.trials').load(n.id)).map((h) => ({
          status: relStr(h.rel, 'link') ?? 'CANDIDATE',
          note: relStr(h.rel, 'note'),
          sourceIds: Array.isArray(h.rel['sources']) ? (h.rel['sources'] as string[]) : [],
          trial: h.node,
          study: n,
        })),
    }),
    institutions: t.field({ description: 'Institutions where it was conducted.', type: [NodeRefs.Institution], resolve: (n, _a, ctx) => related(ctx, 'Study.institutions', n) }),
    investigators: t.field({ description: 'Authors (see authors for their roles).', type: [NodeRefs.Investigator], resolve: (n, _a, ctx) => related(ctx, 'Study.authors', n) }),
    authors: t.field({
      description: 'Authors, each with the role that matters for credit.',
      type: [AuthorshipRef],
      resolve: async (n, _a, ctx) =>
        (await ctx.loaders.edge('Study.authors').load(n.id)).map((h) => ({
          role: relStr(h.rel, 'role') ?? 'AUTHOR',
          position: relNum(h.rel, 'position'),
          investigator: h.node,
          study: n,
        })),
    }),
    diseases: t.field({ description: 'Diseases studied.', type: [NodeRefs.Disease], resolve: (n, _a, ctx) => related(ctx, 'Study.diseases', n) }),
    arms: t.field({ description: 'Treatment arms.', type: [NodeRefs.Arm], resolve: (n, _a, ctx) => related(ctx, 'Study.arms', n) }),
    outcomes: t.field({ description: 'Measured results, per arm or as comparisons.', type: [NodeRefs.Outcome], resolve: (n, _a, ctx) => related(ctx, 'Study.outcomes', n) }),
    findings: t.field({
      description: 'Evidence statements the study reports.',
      type: [NodeRefs.Finding],
      args: { type: t.arg({ description: 'Only findings of this type.', type: FindingTypeEnum, required: false }) },
      resolve: async (n, args, ctx) => (await related(ctx, 'Study.findings', n)).filter((f) => !args.type || f.props['type'] === args.type),
    }),
    sources: t.field({ description: 'Where the study was read.', type: [NodeRefs.Source], resolve: (n, _a, ctx) => related(ctx, 'Study.sources', n) }),
  }),
});
