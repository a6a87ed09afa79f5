/**
 * The embedded search engine: an in-process character n-gram index (unigram + bigram postings, see
 * ngram-postings.ts) with substring verification. The choice rests on the recall suite
 * (test/unit/search/relevance.spec.ts: hits equal a brute-force substring scan, no false hits) and
 * the search bench (test/bench/search.bench.ts; its figures are in docs/benchmarks.md).
 *
 * Semantics (shared with the Meilisearch adapter through test/search-contract):
 * - text is normalised (NFKC, lower case); a query is split into terms on whitespace and
 *   punctuation/symbols, which are plain separators, never operators; every term must match (AND);
 * - a term matches a document whose title, description, extra text, tags or owner name contains it,
 *   or contains one of its synonym variants (synonyms.ts), as a substring;
 * - ranking per term: exact in title 4, synonym in title 3, exact elsewhere 2, synonym elsewhere 1,
 *   summed over the terms; ties: newer publishedAt first, then id;
 * - an empty query browses the filtered documents, newest first;
 * - facets count every matching document after the filters.
 * The above are the PHRASE hits. With query analysis (on unless `analysis: false`; see
 * query/query-analysis.ts and matchTerms below) ALL_TERMS and MOST_TERMS hits follow them: the
 * analysed terms in any order, places named in the query as region filters.
 * Everything lives in memory: the index starts empty and is rebuilt from the database at start.
 */
import type {
  FacetCountRef,
  MatchLevel,
  FacetField,
  SearchDocument,
  SearchFilters,
  SearchHitRef,
  SearchIndex,
  SearchIndexStats,
  SearchListingKind,
  SearchRequest,
  SearchResponse,
} from '../search-index.port.js';
import { SYNONYM_GROUPS, expandQuery } from '../synonyms.js';
import { buildHighlight } from '../text/highlight.js';
import { normalizeText, queryTerms } from '../text/normalize.js';
import { NgramPostings } from './ngram-postings.js';
import { analyzeQuery, type AnalyzedQuery } from '../query/query-analysis.js';
import { buildVocabulary, vocabulary, type Vocabulary } from '../query/vocabulary.js';
import { suggestQueries, warmSuggestions } from '../query/suggest.js';
import { Dictionary, MultiColumn } from './embedded-columns.js';
import { regionStem } from '../../../identity/src/index.js';

export interface EmbeddedSearchIndexOptions {
  /** Synonym groups; defaults to SYNONYM_GROUPS. */
  synonyms?: readonly (readonly string[])[];
  /** Snippet width of highlights in characters (default 60). */
  snippetWidth?: number;
}

const KINDS: readonly SearchListingKind[] = ['SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY'];
const SCORE_TITLE_EXACT = 4;
const SCORE_TITLE_SYNONYM = 3;
const SCORE_BODY_EXACT = 2;
const SCORE_BODY_SYNONYM = 1;
/** Rank key = (3 − level) × LEVEL_UNIT + score within the level; ties: newer publishedAt, then id. */
const LEVEL_UNIT = 1e8;
const MATCH_LEVELS: readonly MatchLevel[] = ['PHRASE', 'ALL_TERMS', 'MOST_TERMS'];
/** Graded matching: field weights of a term found in the title, the tags, elsewhere. */
const FIELD_TITLE = 3;
const FIELD_TAGS = 2;
const FIELD_BODY = 1;
/** A synonym variant counts this much of the exact term. */
const SYNONYM_FACTOR = 0.7;
/** Added to a graded hit whose own regions lie in a place the query named (not merely region-less). */
const REGION_BONUS = 1;

/** One region nests in the other: the stem of one is a prefix of the other's stem. */
export function regionsNest(a: string, b: string): boolean {
  const x = regionStem(a);
  const y = regionStem(b);
  return x.startsWith(y) || y.startsWith(x);
}

interface TermPlan {
  /** The term first (exact), then its synonym variants. */
  alternatives: string[];
  estimate: number;
}

type SlotFilter = (slot: number) => boolean;

export class EmbeddedSearchIndex implements SearchIndex {
  readonly engine = 'embedded';
  private readonly synonyms: readonly (readonly string[])[];
  private readonly vocabulary: Vocabulary;
  private readonly snippetWidth: number;
  private postings = new NgramPostings();
  private bySlotId = new Map<string, number>();
  private dead = 0;
  /** Slots in use (live and dead); columns below have room for `capacity`. */
  private size = 0;
  private capacity = 0;
  // Columns per slot.
  private docs: (SearchDocument | undefined)[] = [];
  /** Normalised title, a newline, the normalised tags, a newline, then description, extra text and owner name. */
  private texts: string[] = [];
  private titleLength = new Int32Array(0);
  /** Where the tags end in `texts` (the body starts one unit later). */
  private tagsEnd = new Int32Array(0);
  /** Kind index, -1 for a dead slot. */
  private kind = new Int8Array(0);
  private published = new Float64Array(0);
  private category = new Int32Array(0);
  private credit = new Int32Array(0);
  private regions = new MultiColumn();
  private industries = new MultiColumn();
  private divisions = new MultiColumn();
  private readonly dict = {
    regions: new Dictionary(),
    industries: new Dictionary(),
    divisions: new Dictionary(),
    categories: new Dictionary(),
    credits: new Dictionary(),
  };
  /** Per-slot scratch for one search (see match and matchTerms); zero between searches. */
  private scratch = new Uint8Array(0);
  private graded = { seen: new Uint8Array(0), last: new Uint8Array(0), matchedTerms: new Uint8Array(0), covered: new Uint16Array(0), score: new Float32Array(0), best: new Float32Array(0) };

  constructor(options: EmbeddedSearchIndexOptions = {}) {
    this.synonyms = options.synonyms ?? SYNONYM_GROUPS;
    this.vocabulary = options.synonyms ? buildVocabulary({ synonyms: options.synonyms }) : vocabulary();
    this.snippetWidth = options.snippetWidth ?? 60;
  }

  async init(): Promise<void> {
    warmSuggestions(this.vocabulary);
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    for (const doc of documents) {
      const existing = this.bySlotId.get(doc.id);
      if (existing !== undefined) {
        if (this.docs[existing]!.version > doc.version) continue;
        this.kill(existing);
      }
      this.insert(doc);
    }
    this.maybeCompact();
  }

  async delete(ids: string[]): Promise<void> {
    for (const id of ids) {
      const slot = this.bySlotId.get(id);
      if (slot !== undefined) this.kill(slot);
    }
    this.maybeCompact();
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    const limit = Math.max(0, Math.floor(request.limit));
    const offset = Math.max(0, Math.floor(request.offset));
    const filter = this.compileFilter(request.filters ?? {});
    const analysis = request.analysis === false ? null : analyzeQuery(request.query ?? '', this.vocabulary);
    const phrases = analysis ? analysis.phrases : queryTerms(request.query ?? '');
    let matched: Int32Array;
    let count = 0;
    let phraseCount: number;
    /** Rank key per matched entry: level first, then the score within the level (see LEVEL_UNIT). */
    let keys: Float64Array | null = null;
    let scores: Float64Array | null = null;
    let levels: Uint8Array | null = null;
    if (phrases.length === 0) {
      matched = new Int32Array(this.size);
      const kind = this.kind;
      for (let s = 0; s < this.size; s++) if (kind[s]! >= 0 && (!filter || filter(s))) matched[count++] = s;
      phraseCount = count;
    } else {
      const plans = phrases.map((t) => this.plan(t)).sort((a, b) => a.estimate - b.estimate);
      const phrase = this.match(plans, filter);
      phraseCount = phrase.count;
      const graded = analysis?.graded ? this.matchTerms(analysis, filter, phrase.matched, phrase.count) : null;
      count = phrase.count + (graded?.count ?? 0);
      matched = new Int32Array(count);
      keys = new Float64Array(count);
      scores = new Float64Array(count);
      levels = new Uint8Array(count);
      for (let i = 0; i < phrase.count; i++) {
        matched[i] = phrase.matched[i]!;
        scores[i] = phrase.scores[i]!;
        keys[i] = 3 * LEVEL_UNIT + phrase.scores[i]!;
      }
      if (graded) {
        for (let i = 0; i < graded.count; i++) {
          const at = phrase.count + i;
          matched[at] = graded.matched[i]!;
          scores[at] = Math.round(graded.scores[i]! * 100) / 100;
          levels[at] = graded.levels[i]!;
          keys[at] = (3 - graded.levels[i]!) * LEVEL_UNIT + Math.round(graded.coverage[i]! * 1_000) * 10_000 + Math.min(9_999, Math.round(graded.scores[i]! * 100));
        }
      }
    }
    const facets = this.facets(matched, count);
    const top = this.topK(matched, keys, count, offset + limit).slice(offset);
    const words = analysis ? [...phrases, ...analysis.terms] : phrases;
    const marks = words.length ? [...new Set(words.flatMap((t) => expandQuery(t, this.synonyms)))].filter((m) => m.length > 0) : [];
    const hits: SearchHitRef[] = top.map((i) => {
      const doc = this.docs[matched[i]!]!;
      const hit: SearchHitRef = {
        id: doc.id,
        highlight: marks.length ? buildHighlight(doc, marks, this.snippetWidth) : null,
        score: scores ? scores[i]! : 0,
      };
      if (levels) hit.match = MATCH_LEVELS[levels[i]!]!;
      return hit;
    });
    const response: SearchResponse = { total: count, hits, facets, phraseTotal: phraseCount };
    if (analysis && phrases.length > 0) response.reading = { terms: analysis.terms, regions: analysis.regions.map((r) => ({ ...r })) };
    if (analysis && phrases.length > 0 && count === 0) response.suggestions = suggestQueries(analysis.normalized, (p) => this.mayMatch(p), this.vocabulary);
    return response;
  }

  async listVersions(): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (const doc of this.docs) if (doc) out.set(doc.id, doc.version);
    return out;
  }

  async stats(): Promise<SearchIndexStats> {
    let bytes = this.postings.memoryBytes() + this.capacity * 40 + this.bySlotId.size * 80;
    for (let s = 0; s < this.size; s++) {
      const d = this.docs[s];
      if (!d) continue;
      bytes += 2 * (this.texts[s]!.length * 2) + 400 + 16 * ((d.tags?.length ?? 0) + (d.regionCodes?.length ?? 0) + (d.industryCodes?.length ?? 0));
    }
    return { documents: this.bySlotId.size, memoryBytes: bytes };
  }

  async health(): Promise<void> {}

  async clear(): Promise<void> {
    this.postings.clear();
    this.bySlotId.clear();
    this.dead = 0;
    this.size = 0;
    this.capacity = 0;
    this.docs = [];
    this.texts = [];
    this.titleLength = new Int32Array(0);
    this.tagsEnd = new Int32Array(0);
    this.kind = new Int8Array(0);
    this.published = new Float64Array(0);
    this.category = new Int32Array(0);
    this.credit = new Int32Array(0);
    this.regions = new MultiColumn();
    this.industries = new MultiColumn();
    this.divisions = new MultiColumn();
    this.scratch = new Uint8Array(0);
    this.graded = { seen: new Uint8Array(0), last: new Uint8Array(0), matchedTerms: new Uint8Array(0), covered: new Uint16Array(0), score: new Float32Array(0), best: new Float32Array(0) };
  }

  async close(): Promise<void> {
    await this.clear();
  }

  // ── indexing ────────────────────────────────────────────────────────────────────────────────

  private grow(capacity: number): void {
    const copy = <T extends Int32Array | Int8Array | Float64Array>(from: T, make: (n: number) => T, fill?: number) => {
      const next = make(capacity);
      if (fill !== undefined) next.fill(fill);
      next.set(from);
      return next;
    };
    this.titleLength = copy(this.titleLength, (n) => new Int32Array(n));
    this.tagsEnd = copy(this.tagsEnd, (n) => new Int32Array(n));
    this.kind = copy(this.kind, (n) => new Int8Array(n), -1);
    this.published = copy(this.published, (n) => new Float64Array(n));
    this.category = copy(this.category, (n) => new Int32Array(n), -1);
    this.credit = copy(this.credit, (n) => new Int32Array(n), -1);
    this.regions.grow(capacity);
    this.industries.grow(capacity);
    this.divisions.grow(capacity);
    this.capacity = capacity;
  }

  private insert(doc: SearchDocument): void {
    const s = this.size;
    if (s === this.capacity) this.grow(Math.max(1_024, this.capacity * 2));
    const title = normalizeText(doc.title ?? '');
    const tags = normalizeText((doc.tags ?? []).join(' '));
    const body = normalizeText([doc.description ?? '', doc.extraText ?? '', doc.ownerName ?? ''].join('\n'));
    const text = `${title}\n${tags}\n${body}`;
    const industryCodes = [...new Set((doc.industryCodes ?? []).map((c) => c.trim().toUpperCase()).filter(Boolean))];
    this.docs[s] = doc;
    this.texts[s] = text;
    this.titleLength[s] = title.length;
    this.tagsEnd[s] = title.length + 1 + tags.length;
    this.kind[s] = KINDS.indexOf(doc.kind);
    this.published[s] = Number.isFinite(doc.publishedAt) ? doc.publishedAt : 0;
    this.category[s] = doc.serviceCategory ? this.dict.categories.intern(doc.serviceCategory) : -1;
    this.credit[s] = doc.creditProductType ? this.dict.credits.intern(doc.creditProductType) : -1;
    this.regions.set(s, [...new Set((doc.regionCodes ?? []).map((c) => c.trim()).filter(Boolean))].map((c) => this.dict.regions.intern(c)));
    this.industries.set(s, industryCodes.map((c) => this.dict.industries.intern(c)));
    this.divisions.set(s, [...new Set(industryCodes.map((c) => c.slice(0, 3)))].map((c) => this.dict.divisions.intern(c)));
    this.size = s + 1;
    this.bySlotId.set(doc.id, s);
    this.postings.add(s, text);
  }

  private kill(s: number): void {
    const doc = this.docs[s];
    if (!doc) return;
    this.bySlotId.delete(doc.id);
    this.docs[s] = undefined;
    this.texts[s] = '';
    this.kind[s] = -1;
    this.dead++;
  }

  /** Drops dead slots (postings and columns) once they outnumber the live ones. */
  private maybeCompact(): void {
    if (this.dead < 1_000 || this.dead < this.bySlotId.size) return;
    const mapping = new Int32Array(this.size).fill(-1);
    let live = 0;
    for (let s = 0; s < this.size; s++) if (this.docs[s]) mapping[s] = live++;
    const capacity = Math.max(1_024, live * 2);
    const docs: SearchDocument[] = new Array(live);
    const texts: string[] = new Array(live);
    const titleLength = new Int32Array(capacity);
    const tagsEnd = new Int32Array(capacity);
    const kind = new Int8Array(capacity).fill(-1);
    const published = new Float64Array(capacity);
    const category = new Int32Array(capacity).fill(-1);
    const credit = new Int32Array(capacity).fill(-1);
    for (let s = 0; s < this.size; s++) {
      const to = mapping[s]!;
      if (to < 0) continue;
      docs[to] = this.docs[s]!;
      texts[to] = this.texts[s]!;
      titleLength[to] = this.titleLength[s]!;
      tagsEnd[to] = this.tagsEnd[s]!;
      kind[to] = this.kind[s]!;
      published[to] = this.published[s]!;
      category[to] = this.category[s]!;
      credit[to] = this.credit[s]!;
      this.bySlotId.set(docs[to].id, to);
    }
    this.regions.remap(mapping, capacity);
    this.industries.remap(mapping, capacity);
    this.divisions.remap(mapping, capacity);
    this.postings.compact(mapping);
    Object.assign(this, { docs, texts, titleLength, tagsEnd, kind, published, category, credit, size: live, capacity, dead: 0 });
  }

  // ── searching ───────────────────────────────────────────────────────────────────────────────

  private compileFilter(filters: SearchFilters): SlotFilter | null {
    const kinds = filters.kinds?.length ? new Uint8Array(KINDS.length) : null;
    for (const k of filters.kinds ?? []) if (kinds && KINDS.includes(k)) kinds[KINDS.indexOf(k)] = 1;
    const passTable = (d: Dictionary, list: readonly string[] | undefined, test: (value: string, wanted: string) => boolean) => {
      if (!list?.length) return null;
      const table = new Uint8Array(d.values.length);
      d.values.forEach((v, i) => (table[i] = list.some((w) => test(v, w)) ? 1 : 0));
      return table;
    };
    const regions = passTable(this.dict.regions, filters.regionCodes, regionsNest);
    const industries = passTable(this.dict.industries, filters.industryCodes, (v, w) => v.startsWith(w.trim().toUpperCase()));
    const categories = passTable(this.dict.categories, filters.serviceCategories, (v, w) => v === w);
    const credits = passTable(this.dict.credits, filters.creditProductTypes, (v, w) => v === w);
    if (!kinds && !regions && !industries && !categories && !credits) return null;
    const kind = this.kind;
    const category = this.category;
    const credit = this.credit;
    const regionCol = this.regions;
    const industryCol = this.industries;
    return (s: number): boolean =>
      (!kinds || kinds[kind[s]!] === 1) &&
      (!categories || (category[s]! >= 0 && categories[category[s]!] === 1)) &&
      (!credits || (credit[s]! >= 0 && credits[credit[s]!] === 1)) &&
      (!regions || regionCol.anyOrNone(s, regions)) &&
      (!industries || industryCol.anyOrNone(s, industries));
  }

  private plan(term: string): TermPlan {
    const alternatives = expandQuery(term, this.synonyms).filter((a) => a.length > 0);
    if (alternatives[0] !== term) alternatives.unshift(term);
    let estimate = 0;
    for (const a of alternatives) estimate += this.postings.estimate(a);
    return { alternatives, estimate };
  }

  /** Score of one term in one slot: 0 (no match) or 1–4 (see SCORE_*). */
  private termScore(s: number, alternatives: readonly string[]): number {
    const text = this.texts[s]!;
    const titleLength = this.titleLength[s]!;
    let best = 0;
    for (let a = 0; a < alternatives.length; a++) {
      const alt = alternatives[a]!;
      const exact = a === 0;
      if (titleLength >= alt.length && text.lastIndexOf(alt, titleLength - alt.length) >= 0) return exact ? SCORE_TITLE_EXACT : Math.max(best, SCORE_TITLE_SYNONYM);
      if (best < SCORE_BODY_EXACT && text.indexOf(alt, titleLength + 1) >= 0) best = exact ? SCORE_BODY_EXACT : SCORE_BODY_SYNONYM;
    }
    return best;
  }

  /**
   * Slots matching every term, with their summed scores. The rarest term goes first: each of its
   * alternatives' candidates is verified by a substring test (a one- or two-character alternative's
   * candidates are exact, so only title versus body is checked); later terms are checked on the
   * survivors only.
   */
  private match(plans: TermPlan[], filter: SlotFilter | null) {
    if (this.scratch.length < this.size) this.scratch = new Uint8Array(Math.max(1_024, this.capacity));
    // state per slot: 0 unseen, REJECTED filtered out, else 1 + best score of the first term so far.
    const state = this.scratch;
    const REJECTED = 0xff;
    const kind = this.kind;
    const texts = this.texts;
    const titleLength = this.titleLength;
    const [first, ...rest] = plans;
    let touched = new Int32Array(64);
    let n = 0;
    for (let a = 0; a < first!.alternatives.length; a++) {
      const alt = first!.alternatives[a]!;
      const len = alt.length;
      const exact = a === 0;
      const titleScore = 1 + (exact ? SCORE_TITLE_EXACT : SCORE_TITLE_SYNONYM);
      const bodyScore = 1 + (exact ? SCORE_BODY_EXACT : SCORE_BODY_SYNONYM);
      const candidatesExact = len <= 2;
      const cands = this.postings.candidates(alt);
      for (let i = 0; i < cands.length; i++) {
        const s = cands[i]!;
        if (kind[s]! < 0) continue;
        let st = state[s]!;
        if (st === 0) {
          if (n === touched.length) {
            const grown = new Int32Array(n * 2);
            grown.set(touched);
            touched = grown;
          }
          touched[n++] = s;
          st = filter && !filter(s) ? REJECTED : 1;
          state[s] = st;
        }
        if (st === REJECTED || st >= titleScore) continue;
        const text = texts[s]!;
        const tl = titleLength[s]!;
        if (tl >= len && text.lastIndexOf(alt, tl - len) >= 0) state[s] = titleScore;
        else if (st < bodyScore && (candidatesExact || text.indexOf(alt, tl + 1) >= 0)) state[s] = bodyScore;
      }
    }
    const matched = new Int32Array(n);
    const scores = new Uint16Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const s = touched[i]!;
      const st = state[s]!;
      state[s] = 0;
      if (st === REJECTED || st <= 1) continue;
      let total = st - 1;
      for (let k = 0; total > 0 && k < rest.length; k++) {
        const score = this.termScore(s, rest[k]!.alternatives);
        total = score === 0 ? 0 : total + score;
      }
      if (total > 0) {
        matched[count] = s;
        scores[count++] = total;
      }
    }
    return { matched, scores, count };
  }

  /** Whether a (corrected) phrase can match: as a substring, or every analysed term (with synonyms) somewhere. */
  private mayMatch(phrase: string): boolean {
    if (this.plan(phrase).estimate > 0) return true;
    const terms = analyzeQuery(phrase, this.vocabulary).terms;
    return terms.length > 0 && terms.every((t) => this.plan(t).estimate > 0);
  }

  /**
   * Field weight of `alt` in a slot: FIELD_TITLE, FIELD_TAGS, FIELD_BODY, or 0 when absent. `present`:
   * the caller knows the slot contains it (an exact one- or two-character posting list), so only the
   * short title and tags are scanned; for such terms presence is otherwise read from the postings.
   */
  private fieldWeight(s: number, alt: string, present = false): number {
    const len = alt.length;
    if (!present && len <= 2 && !this.postings.has(alt, s)) return 0;
    const known = present || len <= 2;
    const text = this.texts[s]!;
    const tl = this.titleLength[s]!;
    const te = this.tagsEnd[s]!;
    if (tl >= len && text.lastIndexOf(alt, tl - len) >= 0) return FIELD_TITLE;
    if (te - tl - 1 >= len && text.lastIndexOf(alt, te - len) > tl) return FIELD_TAGS;
    if (known) return FIELD_BODY;
    return text.indexOf(alt, te + 1) >= 0 ? FIELD_BODY : 0;
  }

  /** Region table of the places a query named: 1 for every indexed region code that nests with one. */
  private regionTable(codes: readonly string[]): Uint8Array {
    const values = this.dict.regions.values;
    const table = new Uint8Array(values.length);
    values.forEach((v, i) => (table[i] = codes.some((c) => regionsNest(v, c)) ? 1 : 0));
    return table;
  }

  /**
   * Graded matching (issue 19): slots that are not PHRASE hits, pass the filters and the places the
   * query named (regions nest, or the slot has none), and contain every analysed term in any order
   * (ALL_TERMS) or all but one of three or more (MOST_TERMS). Each matched term adds its rarity
   * (BM25 idf over the n-gram postings) × its field weight (title 3, tags 2, elsewhere 1) × 0.7 for a
   * synonym variant; coverage is the share of the terms' characters found. The term dropped for
   * MOST_TERMS is never the rarest term the index holds (the most telling one; a term the index does
   * not hold, such as a typo, is the one dropped): only that term's postings are scanned and the
   * other terms are checked on its slots.
   */
  private matchTerms(analysis: AnalyzedQuery, filter: SlotFilter | null, phraseMatched: Int32Array, phraseCount: number) {
    if (this.graded.seen.length < this.size) {
      const n = Math.max(1_024, this.capacity);
      this.graded = { seen: new Uint8Array(n), last: new Uint8Array(n), matchedTerms: new Uint8Array(n), covered: new Uint16Array(n), score: new Float32Array(n), best: new Float32Array(n) };
    }
    const { seen, last, matchedTerms, covered, score, best } = this.graded;
    const OK = 1;
    const REJECTED = 2;
    const kind = this.kind;
    const regionCol = this.regions;
    const places = analysis.regions.length ? this.regionTable(analysis.regions.map((r) => r.code)) : null;
    // PHRASE hits are already ranked above; mark them so they are not counted twice.
    for (let i = 0; i < phraseCount; i++) seen[phraseMatched[i]!] = REJECTED;
    const admit = (s: number): number => (kind[s]! >= 0 && (!filter || filter(s)) && (!places || regionCol.anyOrNone(s, places)) ? OK : REJECTED);
    let touched = new Int32Array(64);
    let n = 0;
    const touch = (s: number) => {
      if (n === touched.length) {
        const grown = new Int32Array(n * 2);
        grown.set(touched);
        touched = grown;
      }
      touched[n++] = s;
    };
    const live = Math.max(1, this.bySlotId.size);
    const plans = analysis.terms
      .map((term) => {
        const p = this.plan(term);
        const df = Math.min(live, p.estimate);
        return { ...p, length: term.length, idf: Math.log(1 + (live - df + 0.5) / (df + 0.5)) };
      })
      .sort((a, b) => a.estimate - b.estimate);
    const terms = plans.length;
    const required = terms >= 3 ? terms - 1 : terms;
    const totalLength = plans.reduce((sum, p) => sum + p.length, 0);
    if (terms === 0) {
      // Only places: every listing in (or serving) them.
      for (let s = 0; s < this.size; s++) {
        if (seen[s] === 0 && admit(s) === OK) {
          seen[s] = OK;
          touch(s);
        }
      }
    }
    const credit = (s: number, k: number, weight: number, length: number) => {
      if (last[s] !== k + 1) {
        last[s] = k + 1;
        matchedTerms[s]!++;
        covered[s] += length;
        score[s] += weight;
        best[s] = weight;
      } else if (weight > best[s]!) {
        score[s] += weight - best[s]!;
        best[s] = weight;
      }
    };
    // Terms the index does not hold at all can only be the one dropped; the rarest term it holds is
    // never dropped, so only that term's postings are scanned and the others are checked on them.
    const absent = plans.filter((p) => p.estimate === 0).length;
    const first = terms > 0 && absent <= terms - required ? absent : -1;
    if (first >= 0) {
      const p = plans[first]!;
      for (let a = 0; a < p.alternatives.length; a++) {
        const alt = p.alternatives[a]!;
        const factor = p.idf * (a === 0 ? 1 : SYNONYM_FACTOR);
        const cands = this.postings.candidates(alt);
        // One- or two-character lists are exact: their slots contain the term.
        const exact = alt.length <= 2;
        for (let i = 0; i < cands.length; i++) {
          const s = cands[i]!;
          let st = seen[s]!;
          if (st === REJECTED) continue;
          if (st === 0) {
            if (kind[s]! < 0) continue;
            st = seen[s] = admit(s);
            touch(s);
            if (st === REJECTED) continue;
          }
          const w = this.fieldWeight(s, alt, exact);
          if (w > 0) credit(s, first, w * factor, p.length);
        }
      }
    }
    const others = plans.map((_, k) => k).filter((k) => k !== first && plans[k]!.estimate > 0);
    const matched = new Int32Array(n);
    const scores = new Float64Array(n);
    const levels = new Uint8Array(n);
    const coverage = new Float64Array(n);
    let count = 0;
    for (let i = 0; i < n; i++) {
      const s = touched[i]!;
      if (seen[s] === OK) {
        for (let o = 0; o < others.length && matchedTerms[s]! + (others.length - o) >= required; o++) {
          const k = others[o]!;
          const p = plans[k]!;
          for (let a = 0; a < p.alternatives.length; a++) {
            const w = this.fieldWeight(s, p.alternatives[a]!);
            if (w > 0) credit(s, k, w * p.idf * (a === 0 ? 1 : SYNONYM_FACTOR), p.length);
          }
        }
        if (matchedTerms[s]! >= required) {
          matched[count] = s;
          levels[count] = matchedTerms[s] === terms ? 1 : 2;
          coverage[count] = totalLength ? covered[s]! / totalLength : 1;
          scores[count] = score[s]! + (places && regionCol.any(s, places) ? REGION_BONUS : 0);
          count++;
        }
      }
      seen[s] = 0;
      last[s] = 0;
      matchedTerms[s] = 0;
      covered[s] = 0;
      score[s] = 0;
      best[s] = 0;
    }
    for (let i = 0; i < phraseCount; i++) seen[phraseMatched[i]!] = 0;
    return { matched, scores, levels, coverage, count };
  }

  /** Indexes into `matched` of the best `k` hits in rank order (key, then newer, then id); no keys = newest first. */
  private topK(matched: Int32Array, rankKeys: Float64Array | null, count: number, k: number): number[] {
    if (k <= 0 || count === 0) return [];
    const published = this.published;
    const keys = new Float64Array(count);
    const second = new Float64Array(count);
    for (let i = 0; i < count; i++) {
      keys[i] = rankKeys ? rankKeys[i]! : 0;
      second[i] = published[matched[i]!]!;
    }
    const docs = this.docs;
    const better = (a: number, b: number) => {
      const ka = keys[a]!;
      const kb = keys[b]!;
      if (ka !== kb) return ka > kb;
      const pa = second[a]!;
      const pb = second[b]!;
      return pa > pb || (pa === pb && docs[matched[a]!]!.id < docs[matched[b]!]!.id);
    };
    const order = (a: number, b: number) => (better(a, b) ? -1 : better(b, a) ? 1 : 0);
    if (k >= count || count <= 256) {
      const all = Array.from({ length: count }, (_, i) => i);
      return all.sort(order).slice(0, k);
    }
    // Min-heap of the k best seen so far (root = the worst of them).
    const heap: number[] = [];
    const up = (n: number) => {
      while (n > 0) {
        const p = (n - 1) >> 1;
        if (!better(heap[p]!, heap[n]!)) break;
        [heap[p], heap[n]] = [heap[n]!, heap[p]!];
        n = p;
      }
    };
    const down = (n: number) => {
      for (;;) {
        const l = 2 * n + 1;
        const r = l + 1;
        let w = n;
        if (l < heap.length && better(heap[w]!, heap[l]!)) w = l;
        if (r < heap.length && better(heap[w]!, heap[r]!)) w = r;
        if (w === n) return;
        [heap[w], heap[n]] = [heap[n]!, heap[w]!];
        n = w;
      }
    };
    for (let i = 0; i < count; i++) {
      if (heap.length < k) {
        heap.push(i);
        up(heap.length - 1);
      } else if (better(i, heap[0]!)) {
        heap[0] = i;
        down(0);
      }
    }
    return heap.sort(order);
  }

  private facets(matched: Int32Array, count: number): FacetCountRef[] {
    const kinds = new Int32Array(KINDS.length);
    const regions = new Int32Array(this.dict.regions.values.length);
    const divisions = new Int32Array(this.dict.divisions.values.length);
    const categories = new Int32Array(this.dict.categories.values.length + 1);
    const credits = new Int32Array(this.dict.credits.values.length + 1);
    const kind = this.kind;
    const category = this.category;
    const credit = this.credit;
    for (let i = 0; i < count; i++) {
      const s = matched[i]!;
      kinds[kind[s]!]!++;
      categories[category[s]! + 1]!++;
      credits[credit[s]! + 1]!++;
      this.regions.count(s, regions);
      this.divisions.count(s, divisions);
    }
    const out: FacetCountRef[] = [];
    const emit = (field: FacetField, counts: Int32Array, value: (i: number) => string | undefined) => {
      const part: FacetCountRef[] = [];
      counts.forEach((n, i) => {
        const v = value(i);
        if (n > 0 && v !== undefined) part.push({ field, value: v, count: n });
      });
      part.sort((a, b) => b.count - a.count || (a.value < b.value ? -1 : a.value > b.value ? 1 : 0));
      out.push(...part);
    };
    emit('kind', kinds, (i) => KINDS[i]);
    emit('regionCode', regions, (i) => this.dict.regions.values[i]);
    emit('serviceCategory', categories, (i) => (i === 0 ? undefined : this.dict.categories.values[i - 1]));
    emit('creditProductType', credits, (i) => (i === 0 ? undefined : this.dict.credits.values[i - 1]));
    emit('industryCode', divisions, (i) => this.dict.divisions.values[i]);
    return out;
  }
}
