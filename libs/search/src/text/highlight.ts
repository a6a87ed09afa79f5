/**
 * Highlights for search hits: the matched terms wrapped in <em>…</em>, everything else HTML-escaped.
 * Matching is on normalised text (see normalize.ts); the marks are placed in the original text.
 */
import { escapeHtml, normalizeWithMap } from './normalize.js';

interface Range {
  start: number;
  end: number;
}

/** Source ranges of every occurrence of any of the (normalised, non-empty) terms, merged and sorted. */
export function matchRanges(text: string, terms: readonly string[]): Range[] {
  if (text.length === 0) return [];
  const { normalized, sourceIndex } = normalizeWithMap(text);
  const raw: Range[] = [];
  for (const term of terms) {
    if (term.length === 0) continue;
    for (let at = normalized.indexOf(term); at >= 0; at = normalized.indexOf(term, at + term.length)) {
      const start = sourceIndex[at]!;
      // The end is where the next source piece starts (a piece may normalise to several units).
      let k = at + term.length;
      while (k < sourceIndex.length - 1 && sourceIndex[k] === sourceIndex[k - 1]) k++;
      raw.push({ start, end: sourceIndex[k]! });
    }
  }
  if (raw.length === 0) return [];
  raw.sort((a, b) => a.start - b.start || b.end - a.end);
  const merged: Range[] = [raw[0]!];
  for (const r of raw.slice(1)) {
    const last = merged[merged.length - 1]!;
    if (r.start <= last.end) last.end = Math.max(last.end, r.end);
    else merged.push({ ...r });
  }
  return merged;
}

function render(text: string, ranges: readonly Range[], from: number, to: number): string {
  let out = '';
  let at = from;
  for (const r of ranges) {
    const s = Math.max(r.start, from);
    const e = Math.min(r.end, to);
    if (e <= s) continue;
    out += escapeHtml(text.slice(at, s)) + '<em>' + escapeHtml(text.slice(s, e)) + '</em>';
    at = e;
  }
  return out + escapeHtml(text.slice(at, to));
}

/** Keeps a cut from splitting a surrogate pair. */
function safeCut(text: string, at: number): number {
  if (at > 0 && at < text.length) {
    const c = text.charCodeAt(at);
    if (c >= 0xdc00 && c <= 0xdfff) return at - 1;
  }
  return at;
}

/** The whole text with every match marked, or null when nothing matches. */
export function highlightWhole(text: string, terms: readonly string[]): string | null {
  const ranges = matchRanges(text, terms);
  return ranges.length === 0 ? null : render(text, ranges, 0, text.length);
}

/**
 * About `width` characters around the first match (a third before it), with every match inside
 * marked and `…` where the text was cut; null when nothing matches.
 */
export function highlightSnippet(text: string, terms: readonly string[], width = 60): string | null {
  const ranges = matchRanges(text, terms);
  if (ranges.length === 0) return null;
  const first = ranges[0]!;
  let from = Math.max(0, first.start - Math.floor(width / 3));
  let to = Math.min(text.length, Math.max(from + width, first.end));
  if (to - from < width) from = Math.max(0, to - width);
  from = safeCut(text, from);
  to = safeCut(text, to);
  return (from > 0 ? '…' : '') + render(text, ranges, from, to) + (to < text.length ? '…' : '');
}

export interface HighlightSource {
  title: string;
  description: string;
  extraText: string;
  tags?: readonly string[];
  ownerName?: string;
}

/**
 * The best snippet of a hit: the title when a term matches it, else ~60 characters around the first
 * match in the description, then the extra text (then tags and owner name). Null when no field matches.
 */
export function buildHighlight(doc: HighlightSource, terms: readonly string[], width = 60): string | null {
  return (
    highlightWhole(doc.title, terms) ??
    highlightSnippet(doc.description, terms, width) ??
    highlightSnippet(doc.extraText, terms, width) ??
    highlightSnippet([...(doc.tags ?? []), doc.ownerName ?? ''].join(' '), terms, width)
  );
}
