/**
 * The strength of the evidence in one place of the gap map, from the findings there, in the
 * vocabulary of the evidence answer (src/analysis/answer.ts): only PREDICTIVE findings (a contrast
 * between arms) can make a cell predictive; SUPPORTS counts for, DOES_NOT_SUPPORT against.
 */
export const GAP_EVIDENCE = ['PREDICTIVE', 'PREDICTIVE_CONTESTED', 'NOT_PREDICTIVE', 'PROGNOSTIC_OR_ASSOCIATED', 'PHARMACODYNAMIC_ONLY', 'NONE'] as const;
export type GapEvidence = (typeof GAP_EVIDENCE)[number];

export interface WeighedFinding {
  type: string;
  direction: string;
}

export function strengthOf(findings: readonly WeighedFinding[]): GapEvidence {
  const predictive = findings.filter((f) => f.type === 'PREDICTIVE');
  const forIt = predictive.some((f) => f.direction === 'SUPPORTS');
  const against = predictive.some((f) => f.direction === 'DOES_NOT_SUPPORT');
  if (forIt && against) return 'PREDICTIVE_CONTESTED';
  if (forIt) return 'PREDICTIVE';
  if (against) return 'NOT_PREDICTIVE';
  if (findings.some((f) => f.type === 'PROGNOSTIC' || f.type === 'ASSOCIATED')) return 'PROGNOSTIC_OR_ASSOCIATED';
  if (findings.length > 0) return 'PHARMACODYNAMIC_ONLY';
  return 'NONE';
}
