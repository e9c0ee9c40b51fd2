/** Human-readable names for nodes of any type: list rows, search hits and graph-view labels. */
import type { NodeRecord } from '../db/model.js';

const MEASURE_UNIT: Record<string, string> = { months: ' mo', percent: '%', patients: ' pts', ratio: '' };

export function displayName(n: NodeRecord): string {
  const p = n.props;
  const s = (k: string): string | undefined => (typeof p[k] === 'string' ? (p[k] as string) : undefined);
  switch (n.label) {
    case 'Study':
      return s('shortName') ?? s('title') ?? n.id;
    case 'Outcome': {
      const parts = [s('measure') ?? 'outcome'];
      if (typeof p['value'] === 'number') parts.push(`${p['value']}${MEASURE_UNIT[s('unit') ?? ''] ?? ''}`);
      if (typeof p['hr'] === 'number') parts.push(`HR ${p['hr']}`);
      if (s('population')) parts.push(`(${s('population')})`);
      return parts.join(' ');
    }
    case 'Finding': {
      const text = s('statement') ?? n.id;
      return text.length > 70 ? `${text.slice(0, 67)}…` : text;
    }
    case 'Source':
      return s('title') ?? s('publisher') ?? s('doi') ?? s('url') ?? n.id;
    default:
      return s('name') ?? s('title') ?? n.id;
  }
}

/** Where a person can read a source or identifier: DOI, PubMed, ClinicalTrials.gov, or the URL itself. */
export function externalLinks(props: Record<string, unknown>): string[] {
  const links: string[] = [];
  const s = (k: string): string | undefined => (typeof props[k] === 'string' ? (props[k] as string) : undefined);
  const doi = s('doi');
  const pmid = s('pmid');
  const nct = s('nctId');
  if (doi) links.push(`https://doi.org/${doi}`);
  if (pmid) links.push(`https://pubmed.ncbi.nlm.nih.gov/${pmid}/`);
  if (nct) links.push(`https://clinicaltrials.gov/study/${nct}`);
  const url = s('url');
  if (url && !links.includes(url)) links.push(url);
  const also = props['alsoAt'];
  if (Array.isArray(also)) for (const u of also) if (typeof u === 'string' && !links.includes(u)) links.push(u);
  return links;
}
