/**
 * The Meilisearch request of a search: the query string (one quoted phrase of gram tokens per term,
 * see meilisearch-encoding.ts), the filter expression, the browse sort and the paging. Pure.
 */
import type { SearchFilters } from '../search-index.port.js';
import { expandQuery } from '../synonyms.js';
import { queryTerms } from '../text/normalize.js';
import type { AnalyzedQuery } from '../query/query-analysis.js';
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

/** One quoted phrase of gram tokens per term: `q` holds only digits, spaces and quotes. */
function phrasesOf(terms: readonly string[], table: SynonymTable): string {
  return terms.map((t) => `"${termTokens(t, table).join(' ')}"`).join(' ');
}

/**
 * The Meilisearch query of a user query. Every term becomes a phrase, so `"`, `-`, `*`, `:` and
 * the like never reach Meilisearch as operators: `q` holds only digits, spaces and quotes.
 */
export function buildQuery(query: string, table: SynonymTable = synonymTable()): PlannedQuery {
  const terms = queryTerms(query ?? '');
  if (terms.length === 0) return { q: '', terms, marks: [] };
  return { q: phrasesOf(terms, table), terms, marks: distinct(terms.flatMap((t) => expandQuery(t))) };
}

/** The searches of an analysed query (query/query-analysis.ts) on Meilisearch. */
export interface GradedQuery {
  /** The PHRASE search: exactly buildQuery of the raw query. */
  phrase: PlannedQuery;
  /**
   * Present when the analysis says more than the phrases: `q` asks for every analysed term in any
   * order (each a quoted phrase of gram tokens), `both` for the phrases and the terms together (to
   * count the overlap of the two searches), `regionCodes` the places the query named.
   */
  terms?: { q: string; both: string; regionCodes: string[] };
  /** What the highlight marks: phrases, terms and their synonym variants. */
  marks: string[];
}

/**
 * The Meilisearch searches of an analysed query. Meilisearch expresses PHRASE and ALL_TERMS (every
 * term as a required phrase); it cannot express MOST_TERMS (a phrase is never optional under any
 * matchingStrategy), nor the embedded engine's rank within ALL_TERMS (idf × field weight × synonym
 * factor): its own ranking rules order those hits.
 */
export function buildGradedQuery(analysis: AnalyzedQuery, table: SynonymTable = synonymTable()): GradedQuery {
  const phrase = buildQuery(analysis.normalized, table);
  const marks = distinct([...phrase.terms, ...analysis.terms].flatMap((t) => expandQuery(t)).filter((m) => m.length > 0));
  if (!analysis.graded || phrase.terms.length === 0) return { phrase, marks };
  const q = phrasesOf(analysis.terms, table);
  return { phrase, marks, terms: { q, both: `${phrase.q} ${q}`.trim(), regionCodes: analysis.regions.map((r) => r.code) } };
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
    const clause = regionClause(f.regionCodes);
    if (clause) parts.push(clause);
  }
  if (f.industryCodes?.length) {
    const codes = distinct(f.industryCodes.map((c) => c.trim().toUpperCase()));
    if (!codes.includes('')) parts.push(`(hasIndustries = false OR industryPrefixes IN ${inList(codes)})`);
  }
  if (f.serviceCategories?.length) parts.push(`serviceCategory IN ${inList(distinct(f.serviceCategories))}`);
  if (f.creditProductTypes?.length) parts.push(`creditProductType IN ${inList(distinct(f.creditProductTypes))}`);
  return parts.length ? parts.join(' AND ') : undefined;
}

/** Regions nest both ways and documents without regions match; undefined when a code is blank (no filter). */
export function regionClause(codes: readonly string[]): string | undefined {
  const stems = distinct(codes.map(regionStem));
  if (stems.length === 0 || stems.includes('')) return undefined;
  const ancestors = distinct(stems.flatMap(prefixesOf));
  return `(hasRegions = false OR regionPrefixes IN ${inList(stems)} OR regionStems IN ${inList(ancestors)})`;
}

/** Two filter expressions joined with AND (either may be absent). */
export function andFilters(a: string | undefined, b: string | undefined): string | undefined {
  return a && b ? `${a} AND ${b}` : (a ?? b);
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
