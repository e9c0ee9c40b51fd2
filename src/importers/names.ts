/**
 * Name normalisation shared by the importers' entity resolution: one spelling rule for
 * institutions, therapies, diseases and people, so "Erasmus Medical Center" and "erasmus medical
 * center." compare equal while "Erasmus MC" stays a separate spelling that only an alias joins.
 */

/** Lower-case, accents stripped, "&" as "and", punctuation to spaces, a leading "the" dropped. */
export function normalise(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/&/g, ' and ')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .replace(/^the /, '');
}

/** A readable node id from free text: "Netherlands Cancer Institute" -> "netherlands-cancer-institute". */
export function slugify(text: string, max = 60): string {
  const slug = normalise(text).replace(/ /g, '-');
  return slug.length <= max ? slug : slug.slice(0, max).replace(/-[^-]*$/, '');
}

/** Tokens of a normalised name without filler words, for near-match scoring. */
export function tokens(text: string): Set<string> {
  const filler = new Set(['of', 'and', 'at', 'for', 'in', 'de', 'the', 'la', 'le', 'del', 'der', 'van', 'von']);
  return new Set(
    normalise(text)
      .split(' ')
      .filter((t) => t.length > 1 && !filler.has(t)),
  );
}

/** Jaccard overlap of two names' tokens (0..1). */
export function similarity(a: string, b: string): number {
  const ta = tokens(a);
  const tb = tokens(b);
  if (ta.size === 0 || tb.size === 0) return 0;
  let shared = 0;
  for (const t of ta) if (tb.has(t)) shared += 1;
  return shared / (ta.size + tb.size - shared);
}

const PARTICLES = new Set(['van', 'von', 'der', 'den', 'de', 'da', 'del', 'di', 'la', 'le', 'du', 'ter', 'ten']);

export interface PersonName {
  last: string;
  /** Initials of the given names, upper-case, no dots: "WSME". */
  initials: string;
  /** Given names when known ("Willemijn S M E"), else undefined. */
  given?: string;
}

/**
 * Parses the two spellings the catalog uses: "Willemijn S.M.E. Theelen" (given names first) and
 * "Theelen WSME" / "Abu Hejleh T" (PubMed style: surname, then capital initials).
 */
export function parsePersonName(name: string): PersonName | undefined {
  const words = name.trim().split(/\s+/).filter(Boolean);
  if (words.length === 0) return undefined;
  const lastWord = words[words.length - 1] ?? '';
  if (words.length >= 2 && /^\p{Lu}{1,4}$/u.test(lastWord)) {
    return { last: words.slice(0, -1).join(' '), initials: lastWord };
  }
  if (words.length === 1) return { last: lastWord, initials: '' };
  // Surname: the last word plus any lower-case particles before it ("van der Geest").
  let start = words.length - 1;
  while (start > 1 && PARTICLES.has((words[start - 1] ?? '').toLowerCase())) start -= 1;
  const given = words.slice(0, start);
  return {
    last: words.slice(start).join(' '),
    given: given.join(' '),
    initials: initialsOf(given.join(' ')),
  };
}

/** "Willemijn S.M.E." -> "WSME"; "Jean-Pierre" -> "JP". */
export function initialsOf(given: string): string {
  return given
    .replace(/\./g, ' ')
    .split(/[\s]+/)
    .filter(Boolean)
    .flatMap((w) => (/^\p{Lu}+$/u.test(w) && w.length <= 4 ? [...w] : w.split('-').map((p) => p.charAt(0))))
    .join('')
    .toUpperCase();
}

/** The key two spellings of one person share: normalised surname and initials. */
export function personKey(p: PersonName): string {
  return `${normalise(p.last)}|${normalise(p.initials).replace(/ /g, '')}`;
}
