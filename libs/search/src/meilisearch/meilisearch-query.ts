/**
 * The Meilisearch request of a search: the query string (one quoted phrase of gram tokens per term,
 * see meilisearch-encoding.ts), the filter expression, the browse sort and the paging. Pure.
 */
import type { SearchFilters } from '../search-index.port.js';
import { expandQuery } from '../synonyms.js';
import { queryTerms } from '../text/normalize.js';
import { regionStem } from '../../../identity/src/index.js';
import { charToken, distinct, memberToken, synonymTable, type SynonymTable } from './meilisearch-encoding.js';
import { prefixesOf } from './meilisearch-document.js';

export const BROWSE_SORT = ['publishedAt:desc', 'id:asc'];

/** The tokens of one (normalised) query term: leftmost-longest members as member tokens, other characters as character tokens. */
export function termTokens(term: string, table: SynonymTable = synonymTable()): string[] {
  const tokens: string[] = [];
  let i = 0;
  while (i < term.length) {
    const member = table.byFirst.get(term[i]!)?.find((m) => term.startsWith(m, i));
    if (member) {
      tokens.push(memberToken(member));
      i += member.length;
      continue;
    }
    const cp = term.codePointAt(i)!;
    const ch = String.fromCodePoint(cp);
    tokens.push(charToken(ch));
    i += ch.length;
  }
  return tokens;
}

export interface PlannedQuery {
  /** Meilisearch `q`: one quoted phrase per term; '' when browsing. */
  q: string;
  /** The normalised terms (as the embedded engine splits them). */
  terms: string[];
  /** What the highlight marks: each term and its synonym variants. */
  marks: string[];
}

/**
 * The Meilisearch query of a user query. Every term becomes a phrase, so `"`, `-`, `*`, `:` and
 * the like never reach Meilisearch as operators: `q` holds only digits, spaces and quotes.
 */
export function buildQuery(query: string, table: SynonymTable = synonymTable()): PlannedQuery {
  const terms = queryTerms(query ?? '');
  if (terms.length === 0) return { q: '', terms, marks: [] };
  const q = terms.map((t) => `"${termTokens(t, table).join(' ')}"`).join(' ');
  return { q, terms, marks: distinct(terms.flatMap((t) => expandQuery(t))) };
}

// ── filters ───────────────────────────────────────────────────────────────────────────────────────

/** A filter string literal: double-quoted, `\` and `"` escaped (Meilisearch's filter grammar). */
export function quoteFilterValue(value: string): string {
  return `"${value.replace(/\\/g, '\\\\').replace(/"/g, '\\"')}"`;
}

const inList = (values: readonly string[]) => `[${values.map(quoteFilterValue).join(', ')}]`;

/**
 * The Meilisearch filter of the port's filters (AND of the non-empty ones), or undefined for none.
 * Regions nest both ways and documents without regions match; industries match by prefix and
 * documents without industries match. A blank filter code matches everything, as in the embedded engine.
 */
export function buildFilter(filters: SearchFilters | undefined): string | undefined {
  const parts: string[] = [];
  const f = filters ?? {};
  if (f.kinds?.length) parts.push(`kind IN ${inList(distinct(f.kinds))}`);
  if (f.regionCodes?.length) {
    const stems = distinct(f.regionCodes.map(regionStem));
    if (!stems.includes('')) {
      const ancestors = distinct(stems.flatMap(prefixesOf));
      parts.push(`(hasRegions = false OR regionPrefixes IN ${inList(stems)} OR regionStems IN ${inList(ancestors)})`);
    }
  }
  if (f.industryCodes?.length) {
    const codes = distinct(f.industryCodes.map((c) => c.trim().toUpperCase()));
    if (!codes.includes('')) parts.push(`(hasIndustries = false OR industryPrefixes IN ${inList(codes)})`);
  }
  if (f.serviceCategories?.length) parts.push(`serviceCategory IN ${inList(distinct(f.serviceCategories))}`);
  if (f.creditProductTypes?.length) parts.push(`creditProductType IN ${inList(distinct(f.creditProductTypes))}`);
  return parts.length ? parts.join(' AND ') : undefined;
}

/** `id IN [...]` for fetching documents by id. */
export function idFilter(ids: readonly string[]): string {
  return `id IN ${inList(ids)}`;
}

// ── paging ────────────────────────────────────────────────────────────────────────────────────────

export interface PagePlan {
  /** Meilisearch pagination of the request that returns the hits. */
  hits: { page: number; hitsPerPage: number } | { offset: number; limit: number };
  /** True when that same request also gives an exact total (page mode); else a second, count-only request does. */
  exactTotal: boolean;
}

/**
 * Paging: `page`/`hitsPerPage` (exhaustive totalHits) when offset is a multiple of limit, which is
 * every pager the API builds; otherwise offset/limit for the hits plus a count-only page request.
 */
export function planPage(limit: number, offset: number): PagePlan {
  const l = Math.max(0, Math.floor(Number.isFinite(limit) ? limit : 0));
  const o = Math.max(0, Math.floor(Number.isFinite(offset) ? offset : 0));
  if (l === 0) return { hits: { page: 1, hitsPerPage: 0 }, exactTotal: true };
  if (o % l === 0) return { hits: { page: o / l + 1, hitsPerPage: l }, exactTotal: true };
  return { hits: { offset: o, limit: l }, exactTotal: false };
}
