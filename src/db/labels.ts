/**
 * The graph's node labels, on their own: the typed entities (entities.ts) and the model's
 * relationship fields (model.ts, which imports the entities) both need them, and a module of
 * its own keeps that one-way (model -> entities -> labels).
 */
export const LABELS = ['Study', 'Trial', 'Institution', 'Investigator', 'Disease', 'Therapy', 'Arm', 'Outcome', 'Biomarker', 'Finding', 'Source'] as const;
export type Label = (typeof LABELS)[number];
