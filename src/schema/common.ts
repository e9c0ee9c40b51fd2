/** Small shared object types: key/value display properties and relationship wrappers. */

import type { z } from 'zod';
import type { Arm, Investigator, Source, Study, Therapy, Trial } from '../db/entities.js';
import type { AuthorRole, TrialLink } from '../model/vocabulary.js';
import { builder } from './builder.js';
import { AuthorRoleEnum, TrialLinkEnum } from './enums.js';
import { NodeRefs } from './refs.js';

export interface Authorship {
  role: z.output<typeof AuthorRole>;
  position: number | null;
  investigator: Investigator;
  study: Study;
}

export const AuthorshipRef = builder.objectRef<Authorship>('Authorship').implement({
  description: 'An investigator’s authorship of a study, with the role that matters for credit.',
  fields: (t) => ({
    role: t.field({ description: 'First, senior or other author.', type: AuthorRoleEnum, resolve: (a) => a.role }),
    position: t.int({ nullable: true, description: '0-based position in the author list as curated.', resolve: (a) => a.position }),
    investigator: t.field({ description: 'The author.', type: NodeRefs.Investigator, resolve: (a) => a.investigator }),
    study: t.field({ description: 'The study authored.', type: NodeRefs.Study, resolve: (a) => a.study }),
  }),
});

export interface TrialLinkShape {
  status: z.output<typeof TrialLink>;
  note: string | null;
  sourceIds: string[];
  trial: Trial;
  study: Study;
}

export const TrialLinkRef = builder.objectRef<TrialLinkShape>('StudyTrialLink').implement({
  description: 'A study analysing a registered trial. CANDIDATE links are plausible but unconfirmed by any source read.',
  fields: (t) => ({
    status: t.field({ description: 'CONFIRMED or CANDIDATE.', type: TrialLinkEnum, resolve: (l) => l.status }),
    note: t.string({ description: 'Curator’s note on the link.', nullable: true, resolve: (l) => l.note }),
    trial: t.field({ description: 'The trial.', type: NodeRefs.Trial, resolve: (l) => l.trial }),
    study: t.field({ description: 'The study.', type: NodeRefs.Study, resolve: (l) => l.study }),
    sources: t.field({
      type: [NodeRefs.Source],
      description: 'Where the link between study and trial was read.',
      resolve: async (l, _a, ctx) => (await ctx.loaders.node.loadMany(l.sourceIds)).filter((s): s is Source => !!s && !(s instanceof Error) && s.label === 'Source'),
    }),
  }),
});

export interface TherapyUse {
  order: number | null;
  dose: string | null;
  fractions: string | null;
  note: string | null;
  therapy: Therapy;
  arm: Arm;
}

export const TherapyUseRef = builder.objectRef<TherapyUse>('TherapyUse').implement({
  description: 'A therapy as an arm received it: order (1 = first; equal = given together), dose and fractions as the source prints them.',
  fields: (t) => ({
    order: t.int({
      description: '1 = first; equal numbers are given together; null where the source does not give the order (a registry record).',
      nullable: true,
      resolve: (u) => u.order,
    }),
    dose: t.string({ description: 'Dose as the source prints it.', nullable: true, resolve: (u) => u.dose }),
    fractions: t.string({ description: 'Fractions as the source prints them.', nullable: true, resolve: (u) => u.fractions }),
    note: t.string({ description: 'Curator’s note on this use of the therapy.', nullable: true, resolve: (u) => u.note }),
    therapy: t.field({ description: 'The therapy received.', type: NodeRefs.Therapy, resolve: (u) => u.therapy }),
    arm: t.field({ description: 'The arm that received it.', type: NodeRefs.Arm, resolve: (u) => u.arm }),
  }),
});
