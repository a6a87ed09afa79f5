/**
 * The search port: one index of published listings, queried in Chinese (and Latin/digits) with
 * filters, facets, paging and highlights. Two adapters implement it: the embedded in-process
 * engine (default, all-in-one only) and Meilisearch (`MEILI_URL`). Adapters hold documents only;
 * the database stays the source of truth and the API re-checks every hit against it.
 */

export type SearchListingKind = 'SERVICE_OFFERING' | 'CREDIT_PRODUCT' | 'CHALLENGE' | 'PARK_VACANCY';

/** What is indexed for one published listing. Ids are listing UUIDs. */
export interface SearchDocument {
  id: string;
  kind: SearchListingKind;
  title: string;
  description: string;
  /** Owner organization name, tags and kind-specific text (tech field, requirements, park name…). */
  extraText: string;
  tags: string[];
  ownerName: string;
  regionCodes: string[];
  /** GB/T 4754 codes; filters match by prefix (C34 matches C3484). */
  industryCodes: string[];
  serviceCategory: string | null;
  creditProductType: string | null;
  /** Epoch milliseconds of publication; newer ranks above older on ties. */
  publishedAt: number;
  /** Listing version; an adapter never replaces a document with an older version. */
  version: number;
}

export interface SearchFilters {
  kinds?: SearchListingKind[];
  /** A document matches when one of its regions nests with one of these (330200 ⊃ 330281), or it has none. */
  regionCodes?: string[];
  /** Prefix match on the document's industry codes; documents with none match any industry. */
  industryCodes?: string[];
  serviceCategories?: string[];
  creditProductTypes?: string[];
}

export interface SearchRequest {
  /** Free text, already trimmed; may be empty to browse by filters (newest first). */
  query: string;
  filters: SearchFilters;
  limit: number;
  offset: number;
  /**
   * Query analysis (query/query-analysis.ts), default true: the query is also segmented into terms,
   * place names become region filters, and documents that contain the terms in any order (or all
   * but one of three or more) follow the phrase hits. false: phrase matching only (the behaviour
   * before issue 19; the bench compares both).
   */
  analysis?: boolean;
}

/**
 * How a hit matched, best first: PHRASE — every phrase of the query (or a synonym variant) is a
 * substring, the behaviour before analysis, always ranked first; ALL_TERMS — every analysed term,
 * in any order, within the places the query named; MOST_TERMS — all but one of three or more terms
 * (embedded engine: the dropped term is never the rarest term the index holds).
 */
export type MatchLevel = 'PHRASE' | 'ALL_TERMS' | 'MOST_TERMS';

export interface SearchHitRef {
  id: string;
  /** Matched text with the query terms marked <em>…</em>, or null when nothing textual matched. */
  highlight: string | null;
  /** Engine-specific rank score (embedded: the phrase score 1–4 per phrase for PHRASE hits, a graded score below). */
  score: number;
  /** Absent when browsing (empty query). */
  match?: MatchLevel;
}

/** A place named in the query that became a region filter (余姚厂房 → 余姚市 330281). */
export interface AppliedRegionFilter {
  code: string;
  /** Official name (余姚市). */
  name: string;
  /** The query text it came from (余姚). */
  text: string;
}

/** How the query was read; absent when browsing or with analysis off. */
export interface QueryReading {
  /** The analysed terms, normalised (专利贷款 → 专利, 贷款). */
  terms: string[];
  /** Region filters taken from the query; they restrict the ALL_TERMS / MOST_TERMS hits, not the PHRASE hits. */
  regions: AppliedRegionFilter[];
}

export type FacetField = 'kind' | 'regionCode' | 'serviceCategory' | 'creditProductType' | 'industryCode';

export interface FacetCountRef {
  field: FacetField;
  value: string;
  count: number;
}

export interface SearchResponse {
  /** Matching documents in total (for the facets and paging), not just this page. */
  total: number;
  hits: SearchHitRef[];
  /** Counts over all matching documents; industryCode facets are GB/T 4754 divisions (C34). */
  facets: FacetCountRef[];
  /** Of `total`, the PHRASE hits (equal to `total` when browsing or with analysis off). */
  phraseTotal: number;
  reading?: QueryReading;
  /**
   * When a text query found nothing: up to three corrected queries (normalised), nearest first, by
   * pinyin and by one changed character against the vocabulary (query/suggest.ts). The embedded
   * engine keeps only corrections whose words occur in the index; Meilisearch checks them against
   * the vocabulary only.
   */
  suggestions?: string[];
}

export interface SearchIndexStats {
  documents: number;
  /** For the embedded engine: approximate heap used by the index. */
  memoryBytes?: number;
}

/**
 * One search engine behind the port. Methods reject when the engine is unreachable.
 *
 * Query analysis (query/query-analysis.ts, issue 19) is shared: both adapters analyse
 * `SearchRequest.query` with the same pure module and return PHRASE hits first. What Meilisearch
 * cannot express: MOST_TERMS (a quoted phrase — the only way its adapter matches Chinese infixes — is
 * never optional under any `matchingStrategy`), and the embedded rank within ALL_TERMS (idf × field
 * weight × synonym factor, place bonus); Meilisearch orders those hits by its own ranking rules.
 */
export interface SearchIndex {
  /** 'embedded' or 'meilisearch'. */
  readonly engine: string;
  /** Creates the index and applies settings (synonyms, attributes); idempotent. */
  init(): Promise<void>;
  /**
   * Inserts or replaces documents; a document whose version is lower than the indexed one is
   * skipped. Resolves once the documents are searchable (read-your-writes).
   */
  upsert(documents: SearchDocument[]): Promise<void>;
  /** Removes documents by id; unknown ids are ignored. Resolves once applied. */
  delete(ids: string[]): Promise<void>;
  search(request: SearchRequest): Promise<SearchResponse>;
  /** Ids and versions of every indexed document, for reconciliation with the database. */
  listVersions(): Promise<Map<string, number>>;
  stats(): Promise<SearchIndexStats>;
  /** Resolves when the engine answers; rejects with the reason otherwise. */
  health(): Promise<void>;
  /** Removes every document (settings stay). */
  clear(): Promise<void>;
  close(): Promise<void>;
}

export const SEARCH_INDEX = Symbol('SEARCH_INDEX');
