/** Display names and source links for exported rows, from plain properties. */
const text = (props: Record<string, unknown>, key: string): string | undefined => (typeof props[key] === 'string' ? (props[key] as string) : undefined);

export function nodeLabel(type: string, id: string, props: Record<string, unknown>): string {
  if (type === 'Study') return text(props, 'shortName') ?? text(props, 'title') ?? id;
  if (type === 'Finding' || type === 'Outcome') return id;
  return text(props, 'name') ?? text(props, 'title') ?? text(props, 'publisher') ?? id;
}

export interface SourceRef {
  id: string;
  kind: string | null;
  primary: boolean | null;
  doi: string | null;
  pmid: string | null;
  nctId: string | null;
  url: string | null;
}

/** The first place a person can read a source: DOI, PubMed, ClinicalTrials.gov, or its URL. */
export function sourceLink(s: SourceRef): string {
  if (s.doi) return `https://doi.org/${s.doi}`;
  if (s.pmid) return `https://pubmed.ncbi.nlm.nih.gov/${s.pmid}/`;
  if (s.nctId) return `https://clinicaltrials.gov/study/${s.nctId}`;
  return s.url ?? '';
}
