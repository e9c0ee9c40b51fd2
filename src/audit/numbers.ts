/**
 * Finding a figure in a quote "as printed". Sources print numbers in their house styles — an en
 * dash in a CI ("0.48–1.11"), a Lancet decimal point ("0·66"), thousands separators ("1,154"),
 * a p-value without its zero ("P =.07"), small counts as words ("in one responder") — so both
 * sides are reduced to numeric tokens and compared by value, never by guessing or rounding.
 */

export interface NumberToken {
  value: number;
  /** Offsets in the normalised text, so the unit or comparator printed next to it can be checked. */
  start: number;
  end: number;
}

const TENS: Record<string, number> = { twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90 };
const WORDS: Record<string, number> = {
  one: 1,
  two: 2,
  three: 3,
  four: 4,
  five: 5,
  six: 6,
  seven: 7,
  eight: 8,
  nine: 9,
  ten: 10,
  eleven: 11,
  twelve: 12,
  thirteen: 13,
  fourteen: 14,
  fifteen: 15,
  sixteen: 16,
  seventeen: 17,
  eighteen: 18,
  nineteen: 19,
};

/** House styles to one notation: "·" and "∙" decimal points to ".", dashes and minus to "-", odd spaces to " ", no thousands separators. */
export function normalise(text: string): string {
  return text
    .replace(/[\u00B7\u2219\u22C5]/g, '.')
    .replace(/[\u2010-\u2015\u2212]/g, '-')
    .replace(/(\d)[,\u2009\u202F](?=\d{3}(?![\d.]))/g, '$1')
    .replace(/[\u00A0\u2009\u202F\u2007]/g, ' ');
}

/**
 * Every number printed in the text: digits or a leading-dot decimal, and (unless `words` is false)
 * a count written as a word. Digits that are part of a name are not numbers: STK11, CD8, PD-L1,
 * PD-1, CTLA-4, KEYNOTE-001 (a letter, or a letter and a hyphen, right before them).
 */
export function numbersIn(text: string, options: { words?: boolean } = {}): NumberToken[] {
  const t = normalise(text);
  const tokens: NumberToken[] = [];
  for (const m of t.matchAll(/(?<![\d.\p{L}])(?<!\p{L}-)(\d+(?:\.\d+)?|\.\d+)(?![\d\p{L}])/gu)) {
    tokens.push({ value: Number(m[1]!.startsWith('.') ? `0${m[1]}` : m[1]), start: m.index, end: m.index + m[0].length });
  }
  if (options.words === false) return tokens;
  // Counts written as words: "one", "twenty", "Thirty seven", "thirty-seven" (larger ones are not needed by any source read).
  const words = [...t.matchAll(/[A-Za-z]+/g)].map((m) => ({ word: m[0].toLowerCase(), start: m.index, end: m.index + m[0].length }));
  words.forEach((w, i) => {
    const tens = TENS[w.word];
    const next = words[i + 1];
    const unit = next && /^[\s-]+$/.test(t.slice(w.end, next.start)) ? WORDS[next.word] : undefined;
    if (tens !== undefined)
      tokens.push({ value: unit !== undefined && unit < 10 ? tens + unit : tens, start: w.start, end: unit !== undefined && unit < 10 && next ? next.end : w.end });
    else if (WORDS[w.word] !== undefined) tokens.push({ value: WORDS[w.word]!, start: w.start, end: w.end });
  });
  return tokens;
}

const same = (a: number, b: number): boolean => Math.abs(a - b) < 1e-9;

/** The tokens of `text` equal to `value`. */
export function find(text: string, value: number): NumberToken[] {
  return numbersIn(text).filter((t) => same(t.value, value));
}

export type Unit = 'months' | 'percent' | 'patients' | 'ratio';

/**
 * Whether the quote prints `value` with its unit: a percentage needs its "%" (or "percent") right
 * after the number; months need "mo"/"month" somewhere in the sentence ("16.8 vs 5.6 months"
 * prints the unit once for both); counts and ratios carry no unit of their own.
 */
export function hasValueWithUnit(text: string, value: number, unit: Unit | undefined): boolean {
  const hits = find(text, value);
  if (hits.length === 0) return false;
  const t = normalise(text);
  switch (unit) {
    case 'percent':
      return hits.some((h) => /^\s*(%|percent\b|per cent\b)/i.test(t.slice(h.end)));
    case 'months':
      // "months", "mo", "ms" (a table's legend: "ms, months"), or "m" printed right after the number ("4.4 m vs 8.3 m").
      return /\bmo(nths?)?\b|\bmonth|\bms\b/i.test(t) || hits.some((h) => /^\s*m\b/.test(t.slice(h.end)));
    default:
      return true;
  }
}

/**
 * A p-value in the seed's notation ("0.04", ".07", "<0.001") against the quote: the same number,
 * and the same comparator when the seed has one ("<0.001" must be printed with its "<").
 */
export function hasPValue(text: string, p: string): boolean {
  const m = /^\s*([<>=≤≥]?)\s*(0?\.\d+)\s*$/.exec(p);
  if (!m) return false;
  const comparator = m[1] ?? '';
  const value = Number(m[2]!.startsWith('.') ? `0${m[2]}` : m[2]);
  const t = normalise(text);
  return find(text, value).some((h) => {
    if (comparator === '' || comparator === '=') return true;
    const before = t.slice(0, h.start).trimEnd();
    return comparator === '<' ? /[<≤]$/.test(before) : comparator === '≤' ? /[<≤]$/.test(before) : /[>≥]$/.test(before);
  });
}
