/**
 * Text normalisation shared by the search adapters, the synonym expansion and the tests.
 *
 * One rule for documents and queries alike: Unicode NFKC (full-width Latin, digits and punctuation
 * become half-width: ＩＳＯ９００１ → ISO9001, ５Ｇ → 5G, the ideographic space → a space), then
 * lower case. Chinese characters are unchanged. A query is then split into terms on whitespace and
 * on punctuation and symbols (quotes, `-`, `*`, `:`, emoji, SQL punctuation…), which are never
 * operators: `"知识产权" -质押` means the two terms 知识产权 and 质押. A handful of characters that
 * occur inside real terms stay in the term: `. % # + & / _ @` (2.5t, C++, 元/m2).
 */

/** NFKC, then lower case. */
export function normalizeText(text: string): string {
  return text.normalize('NFKC').toLowerCase();
}

/** Anything that is not a letter, a digit, a combining mark or one of `. % # + & / _ @` separates terms. */
const TERM_SEPARATOR = /[^\p{L}\p{N}\p{M}.%#+&/_@]+/u;

/** Upper bound on the distinct terms of one query; further terms are ignored (the API limits query length). */
export const MAX_QUERY_TERMS = 32;

/**
 * The distinct normalised terms of a query, in order of appearance. An empty array means "no text"
 * (an empty query, or one made only of separators: browse).
 */
export function queryTerms(query: string): string[] {
  const seen = new Set<string>();
  for (const part of normalizeText(query).split(TERM_SEPARATOR)) {
    if (part.length === 0 || seen.has(part)) continue;
    seen.add(part);
    if (seen.size >= MAX_QUERY_TERMS) break;
  }
  return [...seen];
}

/** A normalised string with, for each of its UTF-16 units, the index in the source string it came from. */
export interface MappedText {
  normalized: string;
  /** `sourceIndex[i]` is where `normalized[i]` starts in the source; one extra entry holds the source length. */
  sourceIndex: number[];
}

const COMBINING = /\p{M}/u;

/**
 * Normalises text piece by piece (a code point and the combining marks after it), remembering where
 * each normalised unit came from, so a match found in normalised text can be marked in the original.
 * For the text a search engine indexes (Chinese, Latin, digits) the result equals `normalizeText`.
 */
export function normalizeWithMap(text: string): MappedText {
  let normalized = '';
  const sourceIndex: number[] = [];
  let i = 0;
  while (i < text.length) {
    const start = i;
    const cp = text.codePointAt(i)!;
    i += cp > 0xffff ? 2 : 1;
    while (i < text.length) {
      const next = text.codePointAt(i)!;
      const ch = String.fromCodePoint(next);
      if (!COMBINING.test(ch)) break;
      i += ch.length;
    }
    const piece = text.slice(start, i);
    // Fast path: ASCII and CJK ideographs do not change under NFKC; only ASCII letters change case.
    const out = i - start === 1 && (cp < 0x80 || (cp >= 0x4e00 && cp <= 0x9fff)) ? piece.toLowerCase() : normalizeText(piece);
    normalized += out;
    for (let k = 0; k < out.length; k++) sourceIndex.push(start);
  }
  sourceIndex.push(text.length);
  return { normalized, sourceIndex };
}

const HTML_ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => HTML_ESCAPES[c]!);
}
