import { builder } from './builder.js';
import { AuthorshipRef, TrialLinkRef } from './common.js';
import { externalLinks } from './display.js';
import { AllocationEnum, FindingTypeEnum, StudyKindEnum } from './enums.js';
import { after, hits, related } from './loading.js';
import { reads } from './lookahead.js';
import { NodeRefs, nodeOptions } from './refs.js';
import { listComplexity } from './relation-page.js';

builder.node(NodeRefs.Study, {
  ...nodeOptions('Study', 'One analysis that reports results: a trial report, a secondary, pooled or subgroup analysis, a cohort.'),
  fields: (t) => ({
    shortName: t.exposeString('shortName', { description: 'Short name, e.g. PEMBRO-RT.' }),
    title: t.exposeString('title', { description: 'Title as published.', nullable: true }),
    kind: t.expose('kind', { description: 'What kind of analysis it is.', type: StudyKindEnum, nullable: true }),
    design: t.exposeString('design', { description: 'Study design in words, e.g. randomized phase II.', nullable: true }),
    phase: t.exposeString('phase', { description: 'Trial phase as recorded, e.g. II or I/II.', nullable: true }),
    allocation: t.expose('allocation', {
      type: AllocationEnum,
      nullable: true,
      description: 'RANDOMIZED or NON_RANDOMIZED as a source states it (quoted); empty when no source read says.',
    }),
    enrolled: t.exposeInt('enrolled', { description: 'Patients enrolled, when a source gives it.', nullable: true }),
    year: t.exposeInt('year', { description: 'Year of publication.', nullable: true }),
    published: t.exposeString('published', { nullable: true, description: 'ISO date, possibly partial (YYYY or YYYY-MM).' }),
    journal: t.exposeString('journal', { description: 'Journal.', nullable: true }),
    citation: t.exposeString('citation', { description: 'Citation as the source gives it.', nullable: true }),
    doi: t.exposeString('doi', { description: 'DOI of the study.', nullable: true }),
    pmid: t.exposeString('pmid', { description: 'PubMed id.', nullable: true }),
    pmcid: t.exposeString('pmcid', { description: 'PubMed Central id.', nullable: true }),
    links: t.stringList({
      description: 'DOI and PubMed links of the study itself.',
      extensions: reads('Study', 'doi', 'pmid'),
      resolve: (n) => externalLinks({ doi: n.doi, pmid: n.pmid }),
    }),
    summary: t.exposeString('summary', { description: 'What the study did and found, in a few sentences.' }),
    omittedFacts: t.exposeStringList('omitted', { description: 'Facts curators deliberately left out, and why (disputed, unverified, not found).' }),
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
      extensions: reads('Study'),
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
