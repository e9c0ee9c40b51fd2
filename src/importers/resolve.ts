/**
 * Entity resolution for imports: registry and PubMed spellings onto the nodes the graph already
 * has (curated names, catalog aliases, seed/catalog/aliases.json, earlier imports). It merges only
 * on an exact normalised spelling or a curated alias, never on similarity; similar names that
 * were not merged are reported as near-matches for a curator to decide.
 */
import { z } from 'zod';
import type { Db } from '../db/run.js';
import type { AliasCatalog } from './aliases.js';
import { initialsOf, normalise, type PersonName, parsePersonName, personKey, similarity, slugify } from './names.js';

const KnownRow = z.object({
  label: z.string(),
  id: z.string(),
  name: z.string(),
  aliasText: z.string().nullable(),
  nctId: z.string().nullable(),
  orcid: z.string().nullable(),
  doi: z.string().nullable(),
  pmid: z.string().nullable(),
  importedFrom: z.string().nullable(),
});
export type KnownEntity = z.infer<typeof KnownRow>;

export async function loadKnownEntities(db: Db): Promise<KnownEntity[]> {
  return (await db.read('import-known-entities')).map((r) => KnownRow.parse(r));
}

export interface Resolved {
  id: string;
  /** A curated node: link to it, never overwrite it. */
  curated: boolean;
  /** The Source id of the record that created it (null for curated nodes). */
  importedFrom: string | null;
}

/**
 * Whether a record's plan should (re)state a node: when nothing matched, or when the match is a
 * node this very record created. A record thus plans the same nodes on every run, which is what
 * makes its content hash, and so "re-import changes nothing", stable.
 */
export function ownsOrCreates(found: Resolved | undefined, source: string): boolean {
  return found === undefined || found.importedFrom === source;
}

type Kind = 'Therapy' | 'Disease' | 'Institution' | 'Investigator';

/** Words that make an affiliation segment look like an institution rather than a department or city. */
const INSTITUTION_WORDS = /(universit|institut|hospital|cent(er|re)|college|clinic|school|foundation|ziekenhuis|klinik|medical|health|cancer|mc\b)/i;
const UNIT_WORDS = /^(department|dept|division|section|unit|laboratory|lab|program|service|faculty|graduate|office|the department)\b/i;

export class Resolver {
  private readonly spellings = new Map<Kind, Map<string, KnownEntity>>();
  private readonly names = new Map<Kind, KnownEntity[]>();
  private readonly people = new Map<string, KnownEntity[]>();
  private readonly orcids = new Map<string, KnownEntity>();
  private readonly trials = new Map<string, KnownEntity>();
  private readonly studiesByPmid = new Map<string, KnownEntity>();
  private readonly studiesByDoi = new Map<string, KnownEntity>();
  private readonly idsTaken = new Map<string, string>();
  readonly nearMatches = new Set<string>();

  constructor(known: readonly KnownEntity[], aliases: AliasCatalog) {
    for (const e of known) this.remember(e);
    const byId = new Map(known.map((e) => [e.id, e]));
    const addAliases = (kind: Kind, table: Record<string, string[]>): void => {
      for (const [id, spellings] of Object.entries(table)) {
        const target = byId.get(id);
        if (!target || target.label !== kind) throw new Error(`aliases.json: ${kind.toLowerCase()} "${id}" is not in the graph (load the seed first)`);
        for (const s of spellings) this.spellingMap(kind).set(normalise(s), target);
      }
    };
    addAliases('Institution', aliases.institutions);
    addAliases('Therapy', aliases.therapies);
    addAliases('Disease', aliases.diseases);
  }

  private spellingMap(kind: Kind): Map<string, KnownEntity> {
    const m = this.spellings.get(kind) ?? new Map<string, KnownEntity>();
    this.spellings.set(kind, m);
    return m;
  }

  private remember(e: KnownEntity): void {
    this.idsTaken.set(e.id, e.label);
    if (e.label === 'Trial' && e.nctId) this.trials.set(e.nctId.toUpperCase(), e);
    if (e.label === 'Study') {
      if (e.pmid) this.studiesByPmid.set(e.pmid, e);
      if (e.doi) this.studiesByDoi.set(e.doi.toLowerCase(), e);
    }
    if (e.label === 'Investigator') {
      if (e.orcid) this.orcids.set(e.orcid, e);
      for (const spelling of [e.name, ...(e.aliasText?.split(' | ') ?? [])]) {
        const p = parsePersonName(spelling);
        if (!p) continue;
        const key = personKey(p);
        const list = this.people.get(key) ?? [];
        if (!list.some((x) => x.id === e.id)) list.push(e);
        this.people.set(key, list);
      }
      return;
    }
    if (e.label === 'Therapy' || e.label === 'Disease' || e.label === 'Institution') {
      const kind = e.label;
      for (const spelling of [e.name, ...(e.aliasText?.split(' | ') ?? [])]) {
        const key = normalise(spelling);
        if (key && !this.spellingMap(kind).has(key)) this.spellingMap(kind).set(key, e);
      }
      const list = this.names.get(kind) ?? [];
      list.push(e);
      this.names.set(kind, list);
    }
  }

  private resolved(e: KnownEntity): Resolved {
    return { id: e.id, curated: e.importedFrom === null, importedFrom: e.importedFrom };
  }

  /** A free, stable id for a new node: the slug, or the slug with the label when another node has it. */
  newId(label: string, base: string): string {
    const taken = this.idsTaken.get(base);
    if (taken === undefined || taken === label) return base;
    return `${base}-${label.toLowerCase()}`;
  }

  /** Records a node a record creates in this run, so later references resolve to it. */
  add(label: Kind | 'Trial' | 'Study', id: string, name: string, importedFrom: string, extra: Partial<KnownEntity> = {}): void {
    this.remember({ label, id, name, aliasText: null, nctId: null, orcid: null, doi: null, pmid: null, importedFrom, ...extra });
  }

  trialByNct(nctId: string): Resolved | undefined {
    const e = this.trials.get(nctId.toUpperCase());
    return e && this.resolved(e);
  }

  study(pmid: string, doi: string | undefined): Resolved | undefined {
    const e = this.studiesByPmid.get(pmid) ?? (doi ? this.studiesByDoi.get(doi.toLowerCase()) : undefined);
    return e && this.resolved(e);
  }

  /** A term against one kind's names and aliases, trying the text without and inside parentheses too. */
  lookup(kind: Kind, term: string): Resolved | undefined {
    const variants = [term, term.replace(/\([^)]*\)/g, ' '), ...[...term.matchAll(/\(([^)]*)\)/g)].map((m) => m[1] ?? '')];
    for (const v of variants) {
      const e = this.spellingMap(kind).get(normalise(v));
      if (e) return this.resolved(e);
    }
    return undefined;
  }

  /** Reports names similar to `name` that were not merged with it. */
  noteNearMatches(kind: Kind, name: string, chosenId: string): void {
    for (const e of this.names.get(kind) ?? []) {
      if (e.id === chosenId) continue;
      const spellings = [e.name, ...(e.aliasText?.split(' | ') ?? [])];
      const best = Math.max(...spellings.map((s) => similarity(s, name)));
      if (best >= 0.5) this.nearMatches.add(`${kind.toLowerCase()} "${name}" (${chosenId}) ~ "${e.name}" (${e.id}): similar, not merged`);
    }
  }

  /**
   * An affiliation string ("Department of Thoracic Oncology, Netherlands Cancer Institute,
   * Amsterdam, the Netherlands.") -> the institution it names: a known spelling in any segment,
   * else the first segment that looks like an institution (returned as a new name).
   */
  institutionFromAffiliation(affiliation: string): { known?: Resolved; knownName?: string; name?: string } {
    const segments = affiliation
      .replace(/\.\s*$/, '')
      .split(/[;,]/)
      .map((s) => s.trim())
      .filter(Boolean);
    for (const s of segments) {
      const known = this.lookup('Institution', s);
      if (known) return { known, knownName: s };
    }
    const name = segments.find((s) => INSTITUTION_WORDS.test(s) && !UNIT_WORDS.test(s));
    return name ? { name } : {};
  }

  /** A person: by ORCID first, then by surname and initials; several candidates are reported, not guessed. */
  person(p: PersonName, orcid: string | undefined): Resolved | undefined {
    if (orcid) {
      const e = this.orcids.get(orcid);
      if (e) return this.resolved(e);
    }
    const candidates = this.people.get(personKey(p)) ?? [];
    if (candidates.length === 1 && candidates[0]) return this.resolved(candidates[0]);
    if (candidates.length > 1) {
      this.nearMatches.add(`investigator "${p.last} ${p.initials}": ${candidates.length} curated people share the name (${candidates.map((c) => c.id).join(', ')}); not merged`);
      return undefined;
    }
    // Same surname and first initial but other initials: a possible match a curator should look at.
    for (const [key, list] of this.people) {
      const [last, initials] = key.split('|');
      if (last === normalise(p.last) && initials && initials.charAt(0) === p.initials.charAt(0).toLowerCase()) {
        for (const e of list) this.nearMatches.add(`investigator "${p.last} ${p.initials}" ~ "${e.name}" (${e.id}): initials differ, not merged`);
      }
    }
    return undefined;
  }
}

export { initialsOf, slugify };
