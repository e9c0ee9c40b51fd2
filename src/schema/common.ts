/** Small shared object types: key/value display properties and relationship wrappers. */
import { builder } from '../builder.js';
import type { NodeRecord } from '../db/model.js';
import { AuthorRoleEnum, TrialLinkEnum } from './enums.js';
import { NodeRefs } from './refs.js';

export interface Authorship {
  role: string;
  position: number | null;
  investigator: NodeRecord;
  study: NodeRecord;
}

export const AuthorshipRef = builder.objectRef<Authorship>('Authorship').implement({
  description: 'An investigator’s authorship of a study, with the role that matters for credit.',
  fields: (t) => ({
    role: t.field({ description: 'First, senior or other author.', type: AuthorRoleEnum, resolve: (a) => a.role as 'FIRST' }),
    position: t.int({ nullable: true, description: '0-based position in the author list as curated.', resolve: (a) => a.position }),
    investigator: t.field({ description: 'The author.', type: NodeRefs.Investigator, resolve: (a) => a.investigator }),
    study: t.field({ description: 'The study authored.', type: NodeRefs.Study, resolve: (a) => a.study }),
  }),
});

export interface TrialLinkShape {
  status: string;
  note: string | null;
  sourceIds: string[];
  trial: NodeRecord;
  study: NodeRecord;
}

export const TrialLinkRef = builder.objectRef<TrialLinkShape>('StudyTrialLink').implement({
  description: 'A study analysing a registered trial. CANDIDATE links are plausible but unconfirmed by any source read.',
  fields: (t) => ({
    status: t.field({ description: 'CONFIRMED or CANDIDATE.', type: TrialLinkEnum, resolve: (l) => l.status as 'CONFIRMED' }),
    note: t.string({ description: 'Curator’s note on the link.', nullable: true, resolve: (l) => l.note }),
    trial: t.field({ description: 'The trial.', type: NodeRefs.Trial, resolve: (l) => l.trial }),
    study: t.field({ description: 'The study.', type: NodeRefs.Study, resolve: (l) => l.study }),
    sources: t.field({
      type: [NodeRefs.Source],
      description: 'Where the link between study and trial was read.',
      resolve: async (l, _a, ctx) => (await ctx.loaders.node.loadMany(l.sourceIds)).filter((s): s is NodeRecord => !!s && !(s instanceof Error)),
    }),
  }),
});

export interface TherapyUse {
  order: number;
  dose: string | null;
  fractions: string | null;
  note: string | null;
  therapy: NodeRecord;
  arm: NodeRecord;
}

export const TherapyUseRef = builder.objectRef<TherapyUse>('TherapyUse').implement({
  description: 'A therapy as an arm received it: order (1 = first; equal = given together), dose and fractions as the source prints them.',
  fields: (t) => ({
    order: t.int({ description: '1 = first; equal numbers are given together.', resolve: (u) => u.order }),
    dose: t.string({ description: 'Dose as the source prints it.', nullable: true, resolve: (u) => u.dose }),
    fractions: t.string({ description: 'Fractions as the source prints them.', nullable: true, resolve: (u) => u.fractions }),
    note: t.string({ description: 'Curator’s note.', nullable: true, resolve: (u) => u.note }),
    therapy: t.field({ description: 'The therapy received.', type: NodeRefs.Therapy, resolve: (u) => u.therapy }),
    arm: t.field({ description: 'The arm.', type: NodeRefs.Arm, resolve: (u) => u.arm }),
  }),
});

export const relStr = (rel: Record<string, unknown>, key: string): string | null => (typeof rel[key] === 'string' ? (rel[key] as string) : null);
export const relNum = (rel: Record<string, unknown>, key: string): number | null => (typeof rel[key] === 'number' ? (rel[key] as number) : null);
