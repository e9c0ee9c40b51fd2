/**
 * PubMed E-utilities efetch XML (PubmedArticleSet) -> RecordPlans. fast-xml-parser reads the XML
 * (validated first, so a truncated file is one clear error with its line); each PubmedArticle is
 * then checked with zod and rejected alone when it lacks what makes it a record (its PMID, a title).
 */
import { XMLParser, XMLValidator } from 'fast-xml-parser';
import { z } from 'zod';
import { NCT_ID } from './ctgov.js';
import { initialsOf, slugify } from './names.js';
import { dedupeLinks, dedupeNodes, omitUndefined, type PlanLink, type PlanNode, type Prop, type RecordPlan, type Rejection, type Unmapped } from './plan.js';
import { ownsOrCreates, type Resolver } from './resolve.js';

const ALWAYS_ARRAYS = new Set(['PubmedArticle', 'Author', 'AffiliationInfo', 'Identifier', 'PublicationType', 'ArticleId', 'DataBank', 'AccessionNumber', 'ELocationID']);

const parser = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: '@',
  textNodeName: '#text',
  // PMIDs, years and volumes stay strings: "0123" is not a number, and nothing is rounded.
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  // Titles and affiliations may carry inline markup (<i>, <sup>): keep their text whole.
  stopNodes: ['*.ArticleTitle', '*.Affiliation', '*.Title'],
  isArray: (name) => ALWAYS_ARRAYS.has(name),
});

const Text = z.union([z.string(), z.object({ '#text': z.string() }).passthrough()]).transform((v) => (typeof v === 'string' ? v : v['#text']));
const stripTags = (s: string): string =>
  s
    .replace(/<[^>]+>/g, '')
    .replace(/\s+/g, ' ')
    .trim();

const AuthorSchema = z
  .object({
    LastName: Text.optional(),
    ForeName: Text.optional(),
    Initials: Text.optional(),
    CollectiveName: Text.optional(),
    Identifier: z.array(z.object({ '#text': z.string(), '@Source': z.string() }).passthrough()).optional(),
    AffiliationInfo: z.array(z.object({ Affiliation: Text }).passthrough()).optional(),
  })
  .passthrough();

const ArticleSchema = z
  .object({
    MedlineCitation: z
      .object({
        PMID: Text.pipe(z.string().regex(/^\d{1,9}$/, 'PMID must be digits')),
        Article: z
          .object({
            Journal: z
              .object({
                Title: Text.optional(),
                ISOAbbreviation: Text.optional(),
                JournalIssue: z
                  .object({
                    Volume: Text.optional(),
                    Issue: Text.optional(),
                    PubDate: z.object({ Year: Text.optional(), Month: Text.optional(), MedlineDate: Text.optional() }).passthrough().optional(),
                  })
                  .passthrough()
                  .optional(),
              })
              .passthrough(),
            ArticleTitle: Text.pipe(z.string().trim().min(1, 'ArticleTitle is empty')),
            Pagination: z.object({ MedlinePgn: Text.optional() }).passthrough().optional(),
            ELocationID: z.array(z.object({ '#text': z.string(), '@EIdType': z.string() }).passthrough()).optional(),
            AuthorList: z
              .object({ Author: z.array(AuthorSchema).optional(), '@CompleteYN': z.string().optional() })
              .passthrough()
              .optional(),
            PublicationTypeList: z
              .object({ PublicationType: z.array(Text) })
              .passthrough()
              .optional(),
            DataBankList: z
              .object({
                DataBank: z.array(
                  z
                    .object({
                      DataBankName: Text,
                      AccessionNumberList: z
                        .object({ AccessionNumber: z.array(Text) })
                        .passthrough()
                        .optional(),
                    })
                    .passthrough(),
                ),
              })
              .passthrough()
              .optional(),
          })
          .passthrough(),
      })
      .passthrough(),
    PubmedData: z
      .object({
        ArticleIdList: z
          .object({ ArticleId: z.array(z.object({ '#text': z.string(), '@IdType': z.string() }).passthrough()) })
          .passthrough()
          .optional(),
      })
      .passthrough()
      .optional(),
  })
  .passthrough();
export type PubmedArticle = z.infer<typeof ArticleSchema>;

export interface ParsedPubmed {
  articles: { article: PubmedArticle; index: number }[];
  rejected: Rejection[];
}

function describe(issue: z.core.$ZodIssue): string {
  const at = issue.path.join('.');
  if (at === 'MedlineCitation.PMID' && issue.code !== 'invalid_format') return 'the record has no PMID (MedlineCitation/PMID is missing)';
  if (at === 'MedlineCitation.Article.ArticleTitle' && issue.code !== 'too_small') return 'the record has no ArticleTitle';
  return `${at || 'record'}: ${issue.message}`;
}

/** Parses one efetch response. A malformed file rejects as a whole; a bad article rejects alone. */
export function parsePubmedXml(xml: string, origin: string): ParsedPubmed {
  const valid = XMLValidator.validate(xml);
  if (valid !== true) {
    // An unclosed-elements error is what a truncated download looks like: name the open elements.
    const open = /^Invalid '\[(.*)\]' found/s.exec(valid.err.msg)?.[1];
    const what = open
      ? `unclosed elements ${open
          .replace(/[\s"]+/g, '')
          .split(',')
          .join(' > ')} (truncated file?)`
      : `${valid.err.msg} at line ${valid.err.line}, column ${valid.err.col}`;
    return { articles: [], rejected: [{ origin, reason: `not well-formed XML: ${what}` }] };
  }
  // fast-xml-parser returns any; only the root's shape is assumed, each article is parsed by zod.
  const doc = parser.parse(xml) as { PubmedArticleSet?: { PubmedArticle?: unknown[] } | string };
  const set = doc.PubmedArticleSet;
  if (set === undefined) return { articles: [], rejected: [{ origin, reason: 'not a PubMed efetch response: no <PubmedArticleSet> root element' }] };
  const raw = typeof set === 'object' ? (set.PubmedArticle ?? []) : [];
  if (raw.length === 0) return { articles: [], rejected: [{ origin, reason: '<PubmedArticleSet> holds no <PubmedArticle>' }] };
  const out: ParsedPubmed = { articles: [], rejected: [] };
  raw.forEach((item, index) => {
    const parsed = ArticleSchema.safeParse(item);
    if (parsed.success) out.articles.push({ article: parsed.data, index });
    else out.rejected.push({ origin: `${origin} (PubmedArticle ${index + 1})`, reason: parsed.error.issues.map(describe).join('; ') });
  });
  return out;
}

export const pubmedSourceId = (pmid: string): string => `src-pubmed-${pmid}`;

function articleId(a: PubmedArticle, type: string): string | undefined {
  return a.PubmedData?.ArticleIdList?.ArticleId.find((x) => x['@IdType'] === type)?.['#text'];
}

export function mapPubmedArticle(a: PubmedArticle, origin: string, r: Resolver): RecordPlan {
  const mc = a.MedlineCitation;
  const art = mc.Article;
  const pmid = mc.PMID;
  const source = pubmedSourceId(pmid);
  const tag = { importedFrom: source };
  const doi = art.ELocationID?.find((e) => e['@EIdType'] === 'doi')?.['#text'] ?? articleId(a, 'doi');
  const pmcid = articleId(a, 'pmc');
  const title = stripTags(art.ArticleTitle);
  const issue = art.Journal.JournalIssue;
  const yearText = issue?.PubDate?.Year ?? issue?.PubDate?.MedlineDate?.slice(0, 4);
  const year = yearText && /^\d{4}$/.test(yearText) ? Number(yearText) : undefined;
  const journal = art.Journal.Title ? stripTags(art.Journal.Title) : art.Journal.ISOAbbreviation;
  const abbrev = art.Journal.ISOAbbreviation ?? journal;
  const citation =
    abbrev && year
      ? `${abbrev}. ${year}${issue?.Volume ? `;${issue.Volume}` : ''}${issue?.Issue ? `(${issue.Issue})` : ''}${art.Pagination?.MedlinePgn ? `:${art.Pagination.MedlinePgn}` : ''}`
      : undefined;
  const publicationTypes = art.PublicationTypeList?.PublicationType ?? [];
  const authors = art.AuthorList?.Author ?? [];
  const complete = art.AuthorList?.['@CompleteYN'] !== 'N';
  const nodes: PlanNode[] = [];
  const links: PlanLink[] = [];
  const unmapped: Unmapped[] = [];
  const link = (rel: PlanLink['rel'], from: string, to: string, props: Record<string, Prop | undefined> = {}): void => {
    links.push({ rel, from, to, props: { ...omitUndefined(props), ...tag } });
  };
  const sourced = (id: string): void => link('SOURCED_FROM', id, source);

  nodes.push({
    label: 'Source',
    id: source,
    props: omitUndefined({
      kind: 'PUBLICATION',
      primary: true,
      title,
      publisher: 'PubMed',
      url: `https://pubmed.ncbi.nlm.nih.gov/${pmid}/`,
      pmid,
      doi,
      published: yearText,
      ...tag,
    }),
  });

  // The paper: the curated study when PMID or DOI match (never overwritten), else a new record.
  const known = r.study(pmid, doi);
  const owner = known?.id ?? r.newId('Study', `pubmed-${pmid}`);
  const ownerCurated = known?.curated ?? false;
  if (ownsOrCreates(known, source)) {
    const first = authors[0];
    const firstName = first?.LastName ?? first?.CollectiveName;
    nodes.push({
      label: 'Study',
      id: owner,
      props: omitUndefined({
        shortName: `${firstName ? `${firstName} ` : ''}${year ?? ''} (${abbrev ?? 'PubMed'}), PMID ${pmid}`.replace(/\s+/g, ' '),
        title,
        kind: 'PUBLICATION_RECORD',
        year,
        journal,
        citation,
        doi,
        pmid,
        pmcid,
        publicationTypes,
        summary: `PubMed record ${pmid}: bibliographic facts only (title, journal, authors, affiliations, registrations); not curated, so no arms, outcomes or findings.`,
        ...tag,
      }),
    });
    if (!known) r.add('Study', owner, title, source, { pmid, doi: doi ?? null });
  }
  sourced(owner);

  authors.forEach((au, position) => {
    if (!au.LastName) {
      if (au.CollectiveName) unmapped.push({ kind: 'affiliation', term: au.CollectiveName, action: 'group author reported; not an investigator' });
      return;
    }
    const given = au.ForeName;
    const person = { last: au.LastName, initials: au.Initials ?? (given ? initialsOf(given) : ''), ...(given ? { given } : {}) };
    const orcid = au.Identifier?.find((i) => i['@Source'] === 'ORCID')?.['#text'].replace(/^https?:\/\/orcid\.org\//, '');
    const found = r.person(person, orcid);
    const display = given ? `${given} ${au.LastName}` : `${au.LastName} ${person.initials}`.trim();
    const pid = found?.id ?? r.newId('Investigator', slugify(display));
    if (ownsOrCreates(found, source)) {
      nodes.push({
        label: 'Investigator',
        id: pid,
        props: omitUndefined({ name: display, aliases: [`${au.LastName} ${person.initials}`.trim()], aliasText: `${au.LastName} ${person.initials}`.trim(), orcid, ...tag }),
      });
      sourced(pid);
      if (!found) r.add('Investigator', pid, display, source, { orcid: orcid ?? null });
    }
    const role = position === 0 ? 'FIRST' : complete && authors.length > 1 && position === authors.length - 1 ? 'SENIOR' : 'AUTHOR';
    link('AUTHORED', pid, owner, { role, position });
    for (const aff of au.AffiliationInfo ?? []) {
      const text = stripTags(aff.Affiliation);
      const inst = r.institutionFromAffiliation(text);
      const iid = inst.known?.id ?? (inst.name ? r.newId('Institution', slugify(inst.name)) : undefined);
      if (iid && inst.name && !inst.known) {
        nodes.push({ label: 'Institution', id: iid, props: omitUndefined({ name: inst.name, ...tag }) });
        sourced(iid);
        r.noteNearMatches('Institution', inst.name, iid);
        r.add('Institution', iid, inst.name, source);
      } else if (iid && inst.known && ownsOrCreates(inst.known, source)) {
        // Created by this record on an earlier run: state it again so the plan (and its hash) is stable.
        nodes.push({ label: 'Institution', id: iid, props: omitUndefined({ name: inst.knownName ?? iid, ...tag }) });
        sourced(iid);
      }
      if (iid) link('AFFILIATED_WITH', pid, iid);
      else unmapped.push({ kind: 'affiliation', term: text, action: 'no institution recognised; reported' });
    }
  });

  // A registered trial named in the record's DataBank list is confirmed by the record itself.
  for (const bank of art.DataBankList?.DataBank ?? []) {
    if (bank.DataBankName !== 'ClinicalTrials.gov') continue;
    for (const acc of bank.AccessionNumberList?.AccessionNumber ?? []) {
      const nct = acc.trim().toUpperCase();
      if (!NCT_ID.test(nct)) continue;
      const trial = r.trialByNct(nct);
      const tid = trial?.id ?? r.newId('Trial', nct.toLowerCase());
      if (ownsOrCreates(trial, source)) {
        nodes.push({ label: 'Trial', id: tid, props: { name: nct, nctId: nct, ...tag } });
        sourced(tid);
        if (!trial) r.add('Trial', tid, nct, source, { nctId: nct });
      }
      link('ANALYZES', owner, tid, { link: 'CONFIRMED', note: `ClinicalTrials.gov accession ${nct} in PubMed record ${pmid}.`, sources: [source] });
    }
  }

  return { kind: 'pubmed', key: pmid, origin, sourceId: source, owner, ownerCurated, nodes: dedupeNodes(nodes), links: dedupeLinks(links), unmapped, nearMatches: [] };
}
