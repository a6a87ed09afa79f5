/**
 * Pure helpers of the Meilisearch adapter: the document stored for a listing, the filter expression,
 * the query string, the index settings, facets and highlights. No I/O here, so all of it is unit
 * tested (test/unit/search/meilisearch-documents.spec.ts) without a server.
 *
 * ── Why the query does not go through Meilisearch's Chinese tokenizer ───────────────────────────────
 * Meilisearch segments Chinese with jieba (charabia) and matches a query word only as a whole word or
 * as a word prefix (meilisearch#2499, #4874: 处理 misses 待处理). jieba splits domain terms differently
 * by context (知识产权质押融资 → 知识/产权/质/押/融资), so neither infixes nor compounds are found
 * reliably, and Meilisearch has no OR inside `q` to add synonym alternatives per query term. The
 * port, and the contract suite shared with the embedded engine, ask for exact substring semantics:
 * a term matches when the document contains it, or one of its synonym variants, as a substring.
 *
 * So the adapter indexes, next to the natural fields, "gram" fields that spell the normalised text
 * (NFKC, lower case, the same rule as the embedded engine) one character per token, and turns each
 * query term into a quoted phrase of the same tokens:
 * - a character is the token `9` + its code point in 7 digits (中 → 90020013). Digit-only tokens fall
 *   in charabia's "Other" script: no jieba, no language detection, no stemming, identical on both
 *   sides; and quoted phrases get neither typos nor prefix matching.
 * - Meilisearch resolves a phrase from word-pair proximity 1, i.e. consecutive positions, so a phrase
 *   matches exactly where the term occurs contiguously: full infix recall (押融, 榜, 5g, iso9001,
 *   1000平), no scattered-character false hits. Runs of text are separated by ` ; ` (a hard separator,
 *   +8 positions), so a phrase never spans punctuation, as a query term never does.
 * - synonyms: a synonym group member in the query becomes one member token (`8` + 15-digit hash of
 *   the member) instead of its characters. For every occurrence of a member x in a document the
 *   adapter stores short snippets "≤8 chars of context + member token + ≤8 chars of context", one per
 *   y in {x} ∪ synonyms(x) (and, round two, for two members ≤4 chars apart, both replaced):
 *   y = x in the `…Marked` fields, y ≠ x in the `…Syn` fields. A query term 知产质押快贷 (→ 知产质押 as a
 *   member token, then 快, 贷) thus matches 知识产权质押快贷 but a query 贷 cannot match a 知产贷 that
 *   only exists as a synonym: the substituted span is one opaque token.
 * - ranking by attribute order reproduces the embedded scores: title literal > title member >
 *   title synonym > body literal > body member > body synonym; then publishedAt desc, then id.
 *
 * Not covered (documented limits): a term holding three or more synonym members, or two that are
 * more than 4 characters apart; more than 8 characters of a term on either side of a member (4 with
 * two members); synonym chains across two groups (the embedded engine expands twice); more than 10
 * terms per query (Meilisearch reads the first 10); gram fields are cut at 20,000 characters and 200
 * snippets per field (a field dense in synonym members loses its last ones); totals are capped at
 * `pagination.maxTotalHits`.
 * The natural fields (title, tags, extraText, description, ownerName) stay searchable with
 * localizedAttributes cmn, the dictionary and the synonyms, for the Meilisearch dashboard and any
 * client that queries them directly; this adapter searches only the gram fields (attributesToSearchOn).
 */
import type { Settings } from 'meilisearch';
import type { FacetCountRef, FacetField, SearchDocument, SearchFilters } from '../search-index.port.js';
import { DICTIONARY, SYNONYM_GROUPS, SYNONYMS_VERSION, expandQuery, synonymMap } from '../synonyms.js';
import { buildHighlight } from '../text/highlight.js';
import { normalizeText, queryTerms } from '../text/normalize.js';
import { regionStem } from '../../../identity/src/regions/region-codes.js';

export { regionStem };

/** Bump when the stored document shape or the gram encoding changes: older documents are then reported stale. */
const GRAM_FORMAT = 'g1';
export const INDEX_FORMAT = `${GRAM_FORMAT}+${SYNONYMS_VERSION}`;

export const GRAM_FIELDS = ['gTitle', 'gTitleMarked', 'gTitleSyn', 'gBody', 'gBodyMarked', 'gBodySyn'] as const;
export const NATURAL_FIELDS = ['title', 'tags', 'extraText', 'description', 'ownerName'] as const;
/** What a search hit carries back: enough for the highlight, nothing of the gram fields. */
export const HIT_FIELDS = ['id', 'title', 'description', 'extraText', 'tags', 'ownerName'];
export const FILTERABLE_ATTRIBUTES = [
  'id',
  'kind',
  'regionCodes',
  'regionPrefixes',
  'regionStems',
  'hasRegions',
  'industryPrefixes',
  'industryDivisions',
  'hasIndustries',
  'serviceCategory',
  'creditProductType',
];
export const SORTABLE_ATTRIBUTES = ['publishedAt', 'id'];
/** Meilisearch facet attribute → the port's facet field, in the order the embedded engine emits them. */
export const FACETS: ReadonlyArray<readonly [string, FacetField]> = [
  ['kind', 'kind'],
  ['regionCodes', 'regionCode'],
  ['serviceCategory', 'serviceCategory'],
  ['creditProductType', 'creditProductType'],
  ['industryDivisions', 'industryCode'],
];
const DISPLAYED_ATTRIBUTES = [
  'id',
  'kind',
  'title',
  'description',
  'extraText',
  'tags',
  'ownerName',
  'regionCodes',
  'industryCodes',
  'serviceCategory',
  'creditProductType',
  'publishedAt',
  'version',
  'indexFormat',
];
export const BROWSE_SORT = ['publishedAt:desc', 'id:asc'];
const TIE_BREAK_RULES = ['publishedAt:desc', 'id:asc'];

/** Characters of context kept on each side of a synonym member in a snippet. */
const SNIPPET_CONTEXT = 8;
/** Round two pairs two members at most this many characters apart, with this much outer context. */
const PAIR_GAP = 4;
const PAIR_CONTEXT = 4;
const MAX_SNIPPETS_PER_FIELD = 200;
const MAX_GRAM_CHARS = 20_000;

// ── documents ─────────────────────────────────────────────────────────────────────────────────────

/** The document as stored in Meilisearch. */
export interface MeiliListingDocument {
  id: string;
  kind: SearchDocument['kind'];
  title: string;
  description: string;
  extraText: string;
  tags: string[];
  ownerName: string;
  /** Trimmed, distinct, non-empty (the regionCode facet). */
  regionCodes: string[];
  /** Trimmed, upper case, distinct, non-empty. */
  industryCodes: string[];
  serviceCategory: string | null;
  creditProductType: string | null;
  publishedAt: number;
  version: number;
  /** Region stems (330200 → 3302) of the document. */
  regionStems: string[];
  /** Every prefix of every stem (3302 → 3, 33, 330, 3302). */
  regionPrefixes: string[];
  hasRegions: boolean;
  /** Every prefix of every industry code (C3484 → C, C3, C34, C348, C3484). */
  industryPrefixes: string[];
  /** First three characters of each code (GB/T 4754 division, C3484 → C34): the industryCode facet. */
  industryDivisions: string[];
  hasIndustries: boolean;
  gTitle: string;
  gTitleMarked: string;
  gTitleSyn: string;
  gBody: string;
  gBodyMarked: string;
  gBodySyn: string;
  indexFormat: string;
}

const distinct = <T>(values: Iterable<T>): T[] => [...new Set(values)];


/** Every non-empty prefix of `value`, the value itself included: C34 → [C, C3, C34]. */
export function prefixesOf(value: string): string[] {
  const out: string[] = [];
  for (let i = 1; i <= value.length; i++) out.push(value.slice(0, i));
  return out;
}

/**
 * Region fields of a document. A filter region f matches a document region r when their stems nest
 * either way: stem(r) starts with stem(f) (r lies inside f: f's stem is one of r's `regionPrefixes`)
 * or stem(f) starts with stem(r) (f lies inside r: r's stem is one of the prefixes of f's stem).
 */
export function regionFields(codes: readonly string[]): Pick<MeiliListingDocument, 'regionCodes' | 'regionStems' | 'regionPrefixes' | 'hasRegions'> {
  const regionCodes = distinct(codes.map((c) => c.trim()).filter(Boolean));
  const regionStems = distinct(regionCodes.map(regionStem));
  return { regionCodes, regionStems, regionPrefixes: distinct(regionStems.flatMap(prefixesOf)), hasRegions: regionCodes.length > 0 };
}

/** Industry fields of a document: a filter code matches when a document code starts with it. */
export function industryFields(codes: readonly string[]): Pick<MeiliListingDocument, 'industryCodes' | 'industryPrefixes' | 'industryDivisions' | 'hasIndustries'> {
  const industryCodes = distinct(codes.map((c) => c.trim().toUpperCase()).filter(Boolean));
  return {
    industryCodes,
    industryPrefixes: distinct(industryCodes.flatMap(prefixesOf)),
    industryDivisions: distinct(industryCodes.map((c) => c.slice(0, 3))),
    hasIndustries: industryCodes.length > 0,
  };
}

// ── gram encoding ─────────────────────────────────────────────────────────────────────────────────

/** A character that can be part of a query term (the complement of normalize.ts's TERM_SEPARATOR). */
const TERM_CHAR = /^[\p{L}\p{N}\p{M}.%#+&/_@]$/u;
const HARD = ';';

/** The token of one character: `9` and the code point in seven digits (中 → 90020013). */
export function charToken(char: string): string {
  return '9' + String(char.codePointAt(0)!).padStart(7, '0');
}

const memberTokens = new Map<string, string>();

/** The token of a synonym group member (normalised): `8` and 15 digits of its 64-bit FNV-1a hash. */
export function memberToken(member: string): string {
  let token = memberTokens.get(member);
  if (token === undefined) {
    token = hashToken(member);
    if (memberTokens.size < 10_000) memberTokens.set(member, token);
  }
  return token;
}

function hashToken(member: string): string {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(member, 'utf8')) {
    h ^= BigInt(byte);
    h = (h * 0x100000001b3n) & 0xffffffffffffffffn;
  }
  return '8' + (h % 10n ** 15n).toString().padStart(15, '0');
}

/**
 * Character tokens of a text, with one `;` for every stretch of separators, at the edges too: a
 * snippet's context that ends in punctuation must stay cut off from the member token after it.
 */
function textItems(text: string): string[] {
  const items: string[] = [];
  for (const ch of text) {
    if (TERM_CHAR.test(ch)) items.push(charToken(ch));
    else if (items[items.length - 1] !== HARD) items.push(HARD);
  }
  return items;
}

/** Serialises items: tokens joined by spaces, ` ; ` (a hard separator) between runs, none at the edges. */
function serialise(items: readonly string[]): string {
  let out = '';
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    if (item === HARD) {
      if (out.length > 0 && i < items.length - 1 && items[i + 1] !== HARD) out += ' ;';
      continue;
    }
    out += out.length > 0 ? ` ${item}` : item;
  }
  return out;
}

/** Cuts to at most `max` code points. */
function clip(text: string, max: number): string {
  if (text.length <= max) return text;
  const cps = Array.from(text);
  return cps.length <= max ? text : cps.slice(0, max).join('');
}

/** The literal gram field of some (already normalised) texts: each text's runs, hard-separated. */
export function literalGrams(texts: readonly string[]): string {
  const items: string[] = [];
  let budget = MAX_GRAM_CHARS;
  for (const text of texts) {
    if (budget <= 0) break;
    const part = textItems(clip(text, budget));
    budget -= text.length;
    if (part.length === 0) continue;
    if (items.length > 0) items.push(HARD);
    items.push(...part);
  }
  return serialise(items);
}

// ── synonyms ──────────────────────────────────────────────────────────────────────────────────────

export interface SynonymTable {
  /** Members by their first UTF-16 unit, longest first. */
  byFirst: Map<string, string[]>;
  /** Member → the other members of every group it belongs to. */
  equivalents: Map<string, string[]>;
}

/** Normalises the groups (NFKC, lower case) and indexes their members. */
export function buildSynonymTable(groups: readonly (readonly string[])[] = SYNONYM_GROUPS): SynonymTable {
  const equivalents = new Map<string, Set<string>>();
  for (const group of groups) {
    const members = distinct(group.map(normalizeText).filter(Boolean));
    for (const m of members) {
      const set = equivalents.get(m) ?? new Set<string>();
      for (const o of members) if (o !== m) set.add(o);
      equivalents.set(m, set);
    }
  }
  const byFirst = new Map<string, string[]>();
  for (const m of equivalents.keys()) {
    const list = byFirst.get(m[0]!) ?? [];
    list.push(m);
    byFirst.set(m[0]!, list);
  }
  for (const list of byFirst.values()) list.sort((a, b) => b.length - a.length || (a < b ? -1 : 1));
  return { byFirst, equivalents: new Map([...equivalents].map(([k, v]) => [k, [...v].sort()])) };
}

let defaultTable: SynonymTable | undefined;
/** The table of SYNONYM_GROUPS (built once). */
export function synonymTable(): SynonymTable {
  return (defaultTable ??= buildSynonymTable(SYNONYM_GROUPS));
}

interface MemberHit {
  start: number;
  end: number;
  member: string;
}

/** Every occurrence of every member in `text`, overlapping ones included, by start then length. */
export function findMembers(text: string, table: SynonymTable): MemberHit[] {
  const hits: MemberHit[] = [];
  for (let i = 0; i < text.length; i++) {
    const candidates = table.byFirst.get(text[i]!);
    if (!candidates) continue;
    for (const m of candidates) if (text.startsWith(m, i)) hits.push({ start: i, end: i + m.length, member: m });
  }
  return hits;
}

/** Start of the window `n` code points before `at`. */
function backCodePoints(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i > 0; k++) {
    i--;
    const c = text.charCodeAt(i);
    if (c >= 0xdc00 && c <= 0xdfff && i > 0) i--;
  }
  return i;
}

/** End of the window `n` code points after `at`. */
function forwardCodePoints(text: string, at: number, n: number): number {
  let i = at;
  for (let k = 0; k < n && i < text.length; k++) {
    const c = text.charCodeAt(i);
    i += c >= 0xd800 && c <= 0xdbff ? 2 : 1;
  }
  return Math.min(i, text.length);
}

export interface SynonymSnippets {
  /** Snippets where every marked member is the document's own text (y = x). */
  marked: string[];
  /** Snippets where at least one member is replaced by a synonym. */
  syn: string[];
}

/**
 * Snippets of a normalised text for member-token matching (see the file comment): for each member
 * occurrence x, the context window with x replaced by a member token for each y in {x} ∪ synonyms(x);
 * round two replaces two members at most PAIR_GAP characters apart (with PAIR_CONTEXT around them).
 */
export function synonymSnippets(
  text: string,
  table: SynonymTable = synonymTable(),
  context = SNIPPET_CONTEXT,
  cap = MAX_SNIPPETS_PER_FIELD,
  pairContext = PAIR_CONTEXT,
): SynonymSnippets {
  const marked = new Set<string>();
  const syn = new Set<string>();
  const hits = findMembers(text, table);
  if (hits.length === 0) return { marked: [], syn: [] };
  const full = () => marked.size + syn.size >= cap;
  const windows = hits.map((h) => ({ hit: h, from: backCodePoints(text, h.start, context), to: forwardCodePoints(text, h.end, context) }));
  const choices = (m: string) => [m, ...(table.equivalents.get(m) ?? [])];
  // Round one: one member replaced.
  for (const { hit, from, to } of windows) {
    for (const y of choices(hit.member)) {
      if (full()) break;
      const items = [...textItems(text.slice(from, hit.start)), memberToken(y), ...textItems(text.slice(hit.end, to))];
      (y === hit.member ? marked : syn).add(serialise(items));
    }
  }
  // Round two: two members close to each other (a query term holding both), both replaced.
  for (const a of hits) {
    if (full()) break;
    for (const b of hits) {
      if (full()) break;
      if (b.start < a.end || b.start - a.end > PAIR_GAP) continue;
      const from = backCodePoints(text, a.start, pairContext);
      const to = forwardCodePoints(text, b.end, pairContext);
      for (const ya of choices(a.member)) {
        for (const yb of choices(b.member)) {
          if (full()) break;
          const items = [
            ...textItems(text.slice(from, a.start)),
            memberToken(ya),
            ...textItems(text.slice(a.end, b.start)),
            memberToken(yb),
            ...textItems(text.slice(b.end, to)),
          ];
          (ya === a.member && yb === b.member ? marked : syn).add(serialise(items));
        }
      }
    }
  }
  return { marked: [...marked], syn: [...syn] };
}

const joinSnippets = (snippets: readonly string[]) => snippets.join(' ; ');

/** The document stored in Meilisearch for a listing. */
export function toMeiliDocument(doc: SearchDocument, table: SynonymTable = synonymTable()): MeiliListingDocument {
  const title = clip(normalizeText(doc.title), MAX_GRAM_CHARS);
  const bodyTexts = [doc.description, doc.extraText, doc.tags.join(' '), doc.ownerName].map((t) => normalizeText(t));
  const titleSnippets = synonymSnippets(title, table);
  const bodySnippets = { marked: [] as string[], syn: [] as string[] };
  let budget = MAX_SNIPPETS_PER_FIELD;
  for (const text of bodyTexts) {
    if (budget <= 0) break;
    const s = synonymSnippets(clip(text, MAX_GRAM_CHARS), table, SNIPPET_CONTEXT, budget);
    bodySnippets.marked.push(...s.marked);
    bodySnippets.syn.push(...s.syn);
    budget -= s.marked.length + s.syn.length;
  }
  return {
    id: doc.id,
    kind: doc.kind,
    title: doc.title,
    description: doc.description,
    extraText: doc.extraText,
    tags: [...doc.tags],
    ownerName: doc.ownerName,
    ...regionFields(doc.regionCodes),
    ...industryFields(doc.industryCodes),
    serviceCategory: doc.serviceCategory,
    creditProductType: doc.creditProductType,
    publishedAt: doc.publishedAt,
    version: doc.version,
    gTitle: literalGrams([title]),
    gTitleMarked: joinSnippets(titleSnippets.marked),
    gTitleSyn: joinSnippets(titleSnippets.syn),
    gBody: literalGrams(bodyTexts),
    gBodyMarked: joinSnippets(bodySnippets.marked),
    gBodySyn: joinSnippets(bodySnippets.syn),
    indexFormat: INDEX_FORMAT,
  };
}

// ── queries ───────────────────────────────────────────────────────────────────────────────────────

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

// ── settings ──────────────────────────────────────────────────────────────────────────────────────

/** Custom `attr:asc|desc` rules are ours; everything else is a built-in rule of the server's version. */
const CUSTOM_RULE = /^[^:]+:(asc|desc)$/;

/**
 * The ranking rules: the server's built-in rules in their current order (the names changed across
 * versions: `attribute` → `attributeRank` + `wordPosition`), then newer first, then id.
 */
export function rankingRules(current: readonly string[] | null | undefined): string[] {
  const builtIn = (current ?? []).filter((r) => !CUSTOM_RULE.test(r));
  const base = builtIn.length ? builtIn : ['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'];
  return [...base, ...TIE_BREAK_RULES];
}

/** The index settings. `currentRankingRules` comes from the server (see rankingRules). */
export function buildSettings(currentRankingRules: readonly string[] | null | undefined, maxTotalHits: number): Settings {
  return {
    searchableAttributes: [...GRAM_FIELDS, ...NATURAL_FIELDS],
    displayedAttributes: DISPLAYED_ATTRIBUTES,
    filterableAttributes: FILTERABLE_ATTRIBUTES,
    sortableAttributes: SORTABLE_ATTRIBUTES,
    rankingRules: rankingRules(currentRankingRules),
    synonyms: synonymMap(),
    dictionary: [...DICTIONARY],
    localizedAttributes: [{ locales: ['cmn'], attributePatterns: ['*'] }],
    typoTolerance: {
      enabled: true,
      // Chinese words are short; a typo on a 2–4 character word is another word. Latin words of 5+
      // letters keep one typo, 9+ two (natural fields only: gram fields and phrases never allow typos).
      minWordSizeForTypos: { oneTypo: 5, twoTypos: 9 },
      disableOnAttributes: [...GRAM_FIELDS],
      disableOnWords: distinct(DICTIONARY.map(normalizeText)),
    },
    faceting: { maxValuesPerFacet: 1000, sortFacetValuesBy: { '*': 'count' } },
    pagination: { maxTotalHits },
    // Phrases are resolved from word-pair proximity: keep it per word.
    proximityPrecision: 'byWord',
    // This adapter never searches by prefix nor searches facet values: skip building those structures.
    prefixSearch: 'disabled',
    facetSearch: false,
  };
}

const UNORDERED_KEYS = new Set(['filterableAttributes', 'sortableAttributes', 'dictionary', 'displayedAttributes', 'disableOnAttributes', 'disableOnWords']);

function canonical(value: unknown, key = ''): unknown {
  if (Array.isArray(value)) {
    const items = value.map((v) => canonical(v));
    return UNORDERED_KEYS.has(key) || key === '__synonym' ? items.map((v) => JSON.stringify(v)).sort() : items;
  }
  if (value && typeof value === 'object') {
    const obj = value as Record<string, unknown>;
    return Object.fromEntries(
      Object.keys(obj)
        .sort()
        .map((k) => [k, canonical(obj[k], key === 'synonyms' ? '__synonym' : k)]),
    );
  }
  return value;
}

/** Keys of `desired` whose value differs from `current` (only what `desired` sets; nested objects compared on their own keys). */
export function settingsDiff(desired: Settings, current: Settings): string[] {
  const differs = (want: unknown, have: unknown, key: string): boolean => {
    if (want && typeof want === 'object' && !Array.isArray(want) && key !== 'synonyms') {
      if (!have || typeof have !== 'object') return true;
      return Object.keys(want).some((k) => differs((want as Record<string, unknown>)[k], (have as Record<string, unknown>)[k], k));
    }
    return JSON.stringify(canonical(want, key)) !== JSON.stringify(canonical(have, key));
  };
  return Object.keys(desired).filter((k) => differs((desired as Record<string, unknown>)[k], (current as Record<string, unknown>)[k], k));
}

// ── responses ─────────────────────────────────────────────────────────────────────────────────────

/** The port's facet counts from Meilisearch's facetDistribution: fields in a fixed order, counts descending, then values. */
export function mapFacets(distribution: Record<string, Record<string, number>> | undefined): FacetCountRef[] {
  const out: FacetCountRef[] = [];
  for (const [attribute, field] of FACETS) {
    const counts = distribution?.[attribute];
    if (!counts) continue;
    const part = Object.entries(counts)
      .filter(([, count]) => count > 0)
      .map(([value, count]) => ({ field, value, count }));
    part.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
    out.push(...part);
  }
  return out;
}

/** A hit as returned by Meilisearch (HIT_FIELDS retrieved): title, description, extraText, tags, ownerName. */
export type HitFields = Readonly<Record<string, unknown>>;

const str = (v: unknown) => (typeof v === 'string' ? v : '');

/**
 * The highlight of a hit: the matched terms and their synonym variants marked <em>…</em> in the title,
 * else in a ~60-character snippet of the description, extra text, then tags and owner name; HTML
 * escaped outside the marks (the same code as the embedded engine). Null when browsing or when no
 * field contains a mark. Computed here rather than with Meilisearch's highlighter, which marks query
 * words and therefore never the gram tokens this adapter queries with.
 */
export function hitHighlight(hit: HitFields, marks: readonly string[]): string | null {
  if (marks.length === 0) return null;
  return buildHighlight(
    {
      title: str(hit.title),
      description: str(hit.description),
      extraText: str(hit.extraText),
      tags: Array.isArray(hit.tags) ? hit.tags.map(str) : [],
      ownerName: str(hit.ownerName),
    },
    marks,
  );
}

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
