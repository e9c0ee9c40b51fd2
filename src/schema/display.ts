/** Human-readable names for nodes of any type: list rows, search hits and graph-view labels. */
import type { Entity } from '../db/entities.js';

const MEASURE_UNIT: Record<string, string> = { months: ' mo', percent: '%', patients: ' pts', ratio: '' };

export function displayName(n: Entity): string {
  switch (n.label) {
    case 'Study':
      return n.shortName;
    case 'Outcome': {
      const parts: string[] = [n.measure];
      if (n.value !== undefined) parts.push(`${n.value}${MEASURE_UNIT[n.unit ?? ''] ?? ''}`);
      if (n.hr !== undefined) parts.push(`HR ${n.hr}`);
      if (n.population) parts.push(`(${n.population})`);
      return parts.join(' ');
    }
    case 'Finding':
      return n.statement.length > 70 ? `${n.statement.slice(0, 67)}…` : n.statement;
    case 'Source':
      return n.title ?? n.publisher ?? n.doi ?? n.url ?? n.id;
    default:
      return n.name;
  }
}

export interface Identifiers {
  doi?: string | undefined;
  pmid?: string | undefined;
  nctId?: string | undefined;
  url?: string | undefined;
  alsoAt?: readonly string[] | undefined;
}

/** Where a person can read a source or identifier: DOI, PubMed, ClinicalTrials.gov, or the URL itself. */
export function externalLinks(ids: Identifiers): string[] {
  const links: string[] = [];
  if (ids.doi) links.push(`https://doi.org/${ids.doi}`);
  if (ids.pmid) links.push(`https://pubmed.ncbi.nlm.nih.gov/${ids.pmid}/`);
  if (ids.nctId) links.push(`https://clinicaltrials.gov/study/${ids.nctId}`);
  for (const u of [ids.url, ...(ids.alsoAt ?? [])]) if (u && !links.includes(u)) links.push(u);
  return links;
}
