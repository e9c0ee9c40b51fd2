/** evidenceGaps: where the evidence is, how strong, and which trials could fill what is missing. */

import { GAP_EVIDENCE } from '../analysis/evidence-strength.js';
import { evidenceGaps, type GapCell, type GapMap, type GapRow, type GapTrial } from '../analysis/gaps.js';
import { keptAggregate } from './aggregate.js';
import { DEFAULT_CLASSES, loadNode, loadNodes, requireClasses, requireIds } from './analysis-args.js';
import { builder } from './builder.js';
import { describedValues, GAP_EVIDENCE as GAP_EVIDENCE_MEANINGS } from './enum-values.js';
import { ScheduleEnum, TrialLinkEnum } from './enums.js';
import { NodeRefs } from './refs.js';

/** The backing type of a node ref, whatever the data layer makes it. */

const GapEvidenceEnum = builder.enumType('GapEvidence', {
  values: describedValues(GAP_EVIDENCE, GAP_EVIDENCE_MEANINGS),
  description:
    'The strongest evidence in a cell. PREDICTIVE: predictive findings for an effect modification, none against. PREDICTIVE_CONTESTED: predictive findings for and against. NOT_PREDICTIVE: predictive findings against only (no interaction seen). PROGNOSTIC_OR_ASSOCIATED: prognostic or associated findings only. PHARMACODYNAMIC_ONLY: only treatment-induced changes. NONE: no finding.',
});

const GapTrialRef = builder.objectRef<GapTrial>('GapTrial').implement({
  description: 'A registered trial whose arms (therapies and schedule) and disease cover the cell.',
  fields: (t) => ({
    trial: t.field({ description: 'The trial.', type: NodeRefs.Trial, nullable: true, resolve: (g, _a, ctx) => loadNode(ctx, 'Trial', g.trial) }),
    link: t.field({ type: TrialLinkEnum, description: 'How the covering study is tied to the trial.', resolve: (g) => g.link }),
    reportsBiomarker: t.boolean({ description: 'The trial already reported a finding on this biomarker.', resolve: (g) => g.reportsBiomarker }),
    status: t.string({
      nullable: true,
      description: 'The overall status its ClinicalTrials.gov record states (RECRUITING, ACTIVE_NOT_RECRUITING …); null when no record is imported.',
      resolve: (g) => g.status,
    }),
    biomarkerFocus: t.field({
      type: [NodeRefs.Biomarker],
      description: 'Biomarkers the trial’s studies reported findings on.',
      resolve: (g, _a, ctx) => loadNodes(ctx, 'Biomarker', g.biomarkers),
    }),
  }),
});

const GapCellRef = builder.objectRef<GapCell>('GapCell').implement({
  description: 'One biomarker on one schedule in one setting: the strongest evidence there, the findings and studies behind it, and the trials that cover it.',
  fields: (t) => ({
    schedule: t.field({ type: ScheduleEnum, description: 'How radiotherapy and immunotherapy are timed in this cell.', resolve: (c) => c.schedule }),
    setting: t.field({
      type: NodeRefs.Disease,
      nullable: true,
      description: 'The disease setting of this cell.',
      resolve: (c, _a, ctx) => loadNode(ctx, 'Disease', c.setting),
    }),
    settingSlug: t.string({ description: 'Slug of that disease setting.', resolve: (c) => c.setting }),
    evidence: t.field({ type: GapEvidenceEnum, description: 'The strongest evidence in the cell; NONE marks a gap.', resolve: (c) => c.evidence }),
    findings: t.field({ type: [NodeRefs.Finding], description: 'The findings placed in this cell.', resolve: (c, _a, ctx) => loadNodes(ctx, 'Finding', c.findings) }),
    findingCount: t.int({ description: 'How many findings are placed in this cell.', resolve: (c) => c.findings.length }),
    studies: t.field({ type: [NodeRefs.Study], description: 'The studies those findings come from, by slug.', resolve: (c, _a, ctx) => loadNodes(ctx, 'Study', c.studies) }),
    patients: t.int({
      nullable: true,
      description: 'Patients behind the predictive findings (else all findings), once per trial or study; empty when no source gives a number.',
      resolve: (c) => c.patients,
    }),
    populations: t.int({
      description: 'Independent patient populations (trials, or studies without a trial) behind the predictive findings (else all findings).',
      resolve: (c) => c.populations,
    }),
    trials: t.field({ type: [GapTrialRef], description: 'Trials that cover this cell and could fill it.', resolve: (c) => c.trials }),
    recruitingTrials: t.field({
      type: [GapTrialRef],
      description: 'Of these, the trials recruiting now by their registry status (RECRUITING, ENROLLING_BY_INVITATION).',
      resolve: (c) => c.recruiting,
    }),
    activeTrials: t.field({
      type: [GapTrialRef],
      description: 'Of these, the trials still running without recruiting (ACTIVE_NOT_RECRUITING): results to come.',
      resolve: (c) => c.active,
    }),
  }),
});

const GapRowRef = builder.objectRef<GapRow>('GapRow').implement({
  description: 'One biomarker’s row of the gap map: a cell for each schedule × setting.',
  fields: (t) => ({
    biomarker: t.field({
      type: NodeRefs.Biomarker,
      nullable: true,
      description: 'The biomarker of this row.',
      resolve: (r, _a, ctx) => loadNode(ctx, 'Biomarker', r.biomarker),
    }),
    biomarkerSlug: t.string({ description: 'Slug of that biomarker.', resolve: (r) => r.biomarker }),
    cells: t.field({ type: [GapCellRef], description: 'One per schedule × setting, schedules outer, in the order of the map’s schedules and settings.', resolve: (r) => r.cells }),
  }),
});

const GapMapRef = builder.objectRef<GapMap & { classes: string[] }>('EvidenceGapMap').implement({
  description: 'Biomarker × schedule × setting: the evidence in each cell and the trials that could fill it.',
  fields: (t) => ({
    therapyClasses: t.field({ type: [NodeRefs.Therapy], description: 'The therapy combination asked about.', resolve: (m, _a, ctx) => loadNodes(ctx, 'Therapy', m.classes) }),
    schedules: t.field({ type: [ScheduleEnum], description: 'The schedules (columns) of the map, in the order cells follow.', resolve: (m) => m.schedules }),
    settings: t.field({
      type: [NodeRefs.Disease],
      description: 'The disease settings of the map, in the order cells follow within a schedule.',
      resolve: (m, _a, ctx) => loadNodes(ctx, 'Disease', m.settings),
    }),
    rows: t.field({ type: [GapRowRef], description: 'One row per biomarker with findings, by biomarker slug.', resolve: (m) => m.rows }),
    unplaced: t.field({
      type: [NodeRefs.Finding],
      description: 'Findings with no schedule and no contrasted arm to place them by.',
      resolve: (m, _a, ctx) => loadNodes(ctx, 'Finding', m.unplaced),
    }),
    placement: t.string({
      description: 'How findings and trials are placed in cells, in words.',
      resolve: () =>
        'A finding sits under its own schedule, else the non-monotherapy schedules of the arms it contrasts, and under its own disease, else its study’s diseases. A trial covers a cell when a study of it has an arm receiving every therapy class on that schedule in that disease.',
    }),
  }),
});

builder.queryField('evidenceGaps', (t) =>
  t.field({
    type: GapMapRef,
    description: 'Where is the evidence on a therapy combination missing? Biomarker × schedule × setting, with the strongest evidence per cell and the trials that could fill it.',
    args: {
      therapyClasses: t.arg.stringList({ defaultValue: DEFAULT_CLASSES, description: 'Therapy slugs that must all be involved; narrower therapies count.' }),
      disease: t.arg.string({ description: 'Disease slug: only settings at or under it.' }),
    },
    resolve: async (_p, args, ctx) => {
      const classes = requireClasses(args.therapyClasses);
      await requireIds(ctx, 'therapyClasses', classes, 'Therapy');
      if (args.disease) await requireIds(ctx, 'disease', [args.disease], 'Disease');
      // Reads every finding and trial: kept per graph version (db/aggregates.ts).
      const disease = args.disease ?? null;
      const gaps = await keptAggregate(ctx, `evidence-gaps${JSON.stringify({ classes, disease })}`, (db) => evidenceGaps(db, classes, disease));
      return { ...gaps, classes };
    },
  }),
);
