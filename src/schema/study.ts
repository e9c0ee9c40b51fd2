import { builder } from './builder.js';
import { AuthorshipRef, TrialLinkRef } from './common.js';
import { externalLinks } from './display.js';
import { AllocationEnum, FindingTypeEnum, StudyKindEnum } from './enums.js';
import { after, hits, related } from './loading.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Study, {
  ...nodeOptions('Study', 'One analysis that reports results: a trial report, a secondary, pooled or subgroup analysis, a cohort.'),
  fields: (t) => ({
    slug: t.string({ description: 'Stable readable id.', resolve: (n) => n.id }),
    shortName: t.string({ description: 'Short name, e.g. PEMBRO-RT.', resolve: (n) => n.shortName }),
    title: t.string({ description: 'Title as published.', nullable: true, resolve: (n) => n.title ?? null }),
    kind: t.field({ description: 'What kind of analysis it is.', type: StudyKindEnum, nullable: true, resolve: (n) => n.kind }),
    design: t.string({ description: 'Study design in words, e.g. randomized phase II.', nullable: true, resolve: (n) => n.design ?? null }),
    phase: t.string({ description: 'Trial phase as recorded, e.g. II or I/II.', nullable: true, resolve: (n) => n.phase ?? null }),
    allocation: t.field({
      type: AllocationEnum,
      nullable: true,
      description: 'RANDOMIZED or NON_RANDOMIZED as a source states it (quoted); empty when no source read says.',
      resolve: (n) => n.allocation ?? null,
    }),
    enrolled: t.int({ description: 'Patients enrolled, when a source gives it.', nullable: true, resolve: (n) => n.enrolled ?? null }),
    year: t.int({ description: 'Year of publication.', nullable: true, resolve: (n) => n.year ?? null }),
    published: t.string({ nullable: true, description: 'ISO date, possibly partial (YYYY or YYYY-MM).', resolve: (n) => n.published ?? null }),
    journal: t.string({ description: 'Journal.', nullable: true, resolve: (n) => n.journal ?? null }),
    citation: t.string({ description: 'Citation as the source gives it.', nullable: true, resolve: (n) => n.citation ?? null }),
    doi: t.string({ description: 'DOI of the study.', nullable: true, resolve: (n) => n.doi ?? null }),
    pmid: t.string({ description: 'PubMed id.', nullable: true, resolve: (n) => n.pmid ?? null }),
    pmcid: t.string({ description: 'PubMed Central id.', nullable: true, resolve: (n) => n.pmcid ?? null }),
    links: t.stringList({ description: 'DOI and PubMed links of the study itself.', resolve: (n) => externalLinks({ doi: n.doi, pmid: n.pmid }) }),
    summary: t.string({ description: 'What the study did and found, in a few sentences.', resolve: (n) => n.summary }),
    omittedFacts: t.stringList({ description: 'Facts curators deliberately left out, and why (disputed, unverified, not found).', resolve: (n) => n.omitted }),
    trials: t.field({
      description: 'Registered trials the study analyses, each link confirmed or candidate.',
      type: [TrialLinkRef],
      complexity: listComplexity('Study.trials'),
      resolve: (n, _a, ctx, info) =>
        after(hits(ctx, 'Study.trials', n, info), (list) => list.map((h) => ({ status: h.rel.link, note: h.rel.note ?? null, sourceIds: h.rel.sources, trial: h.node, study: n }))),
    }),
    institutions: t.field({
      description: 'Institutions where it was conducted.',
      type: [NodeRefs.Institution],
      complexity: listComplexity('Study.institutions'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.institutions', n, info),
    }),
    investigators: t.field({
      description: 'Authors (see authors for their roles).',
      type: [NodeRefs.Investigator],
      complexity: listComplexity('Study.authors'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.authors', n, info),
    }),
    authors: t.field({
      description: 'Authors, each with the role that matters for credit.',
      type: [AuthorshipRef],
      complexity: listComplexity('Study.authors'),
      resolve: (n, _a, ctx, info) =>
        after(hits(ctx, 'Study.authors', n, info), (list) => list.map((h) => ({ role: h.rel.role, position: h.rel.position ?? null, investigator: h.node, study: n }))),
    }),
    diseases: t.field({
      description: 'Diseases studied.',
      type: [NodeRefs.Disease],
      complexity: listComplexity('Study.diseases'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.diseases', n, info),
    }),
    arms: t.field({
      description: 'Treatment arms.',
      type: [NodeRefs.Arm],
      complexity: listComplexity('Study.arms'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.arms', n, info),
    }),
    outcomes: t.field({
      description: 'Measured results, per arm or as comparisons.',
      type: [NodeRefs.Outcome],
      complexity: listComplexity('Study.outcomes'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.outcomes', n, info),
    }),
    registryOutcomes: t.field({
      description:
        'Results posted on ClinicalTrials.gov for a trial this study is confirmed to analyse: Outcomes of that registry record (primary data, sourced to the record), beside the study’s own figures and never merged into them. A registry figure that disagrees with a curated one is listed by the import report; both stay.',
      type: [NodeRefs.Outcome],
      complexity: listComplexity('Study.registryOutcomes'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.registryOutcomes', n, info),
    }),
    findings: t.field({
      description: 'Evidence statements the study reports.',
      type: [NodeRefs.Finding],
      args: { type: t.arg({ description: 'Only findings of this type (default: all).', type: FindingTypeEnum, required: false }) },
      complexity: listComplexity('Study.findings'),
      resolve: (n, args, ctx, info) => after(related(ctx, 'Study.findings', n, info), (list) => (args.type ? list.filter((f) => f.type === args.type) : list)),
    }),
    sources: t.field({
      description: 'Where the study was read.',
      type: [NodeRefs.Source],
      complexity: listComplexity('Study.sources'),
      resolve: (n, _a, ctx, info) => related(ctx, 'Study.sources', n, info),
    }),
  }),
});
