/**
 * Query analysis, shared by both search engines: how a query as people type it (余姚厂房, 专利贷款,
 * 小巨人申报, no spaces) becomes phrases, terms and place filters. Pure: no Nest, no TypeORM, no I/O.
 *
 * 1. Normalise (NFKC, full → half width, lower case) and split on whitespace and punctuation into
 *    **phrases** — exactly today's terms (normalize.ts `queryTerms`): a document containing every
 *    phrase (or a synonym variant) as a substring is a phrase hit and keeps the top rank.
 * 2. Segment each phrase. A phrase is cut into runs of Chinese characters and runs of anything else
 *    (Latin, digits, `. % # + & / _ @`); a non-Chinese run is one segment. A Chinese run is segmented
 *    against the vocabulary (vocabulary.ts) by a lattice: the cheapest path where a known word costs 1
 *    and an unknown character 1.5, so known words cover as much as they can and, among equal paths, the
 *    leftmost-longest word wins (知识产权质押融资 stays whole; 余姚厂房 → 余姚 | 厂房).
 *    A phrase in which no segment is a known word or a place stays one term (第4轮, 盐雾试验).
 * 3. Consecutive unknown characters form an unknown run: one character is a term (unless it is a
 *    stopword such as 的 and something else remains), two characters are a term, three or more become
 *    their overlapping character bigrams (阳明科创 → 阳明, 明科, 科创).
 * 4. A segment that is a region name or short form (余姚市, 余姚, 宁波, 甬, 杭州湾) becomes a region
 *    filter instead of a term. It is a segment only when no longer known word covers it, so 杭州湾 is not
 *    杭州; a one-character short form (甬) counts only between known words or the phrase's ends
 *    (甬知贷 is a brand, not 宁波 + 知贷).
 * The terms are distinct, in order, at most MAX_QUERY_TERMS. Synonym expansion of each term is left to
 * the engines (synonyms.ts `expandQuery`), as for phrases.
 */
import { MAX_QUERY_TERMS, normalizeText, queryTerms } from '../text/normalize.js';
import { vocabulary as defaultVocabulary, type Vocabulary } from './vocabulary.js';

export type SegmentKind = 'word' | 'region' | 'unknown' | 'other';

export interface Segment {
  /** Normalised text of the segment. */
  text: string;
  /** word: in the vocabulary; region: a place name; unknown: Chinese characters not in it; other: Latin, digits… */
  kind: SegmentKind;
}

export interface RegionMention {
  /** The region's GB/T 2260 code (330281). */
  code: string;
  /** Its official name (余姚市). */
  name: string;
  /** What the query said (余姚). */
  text: string;
}

export interface AnalyzedQuery {
  /** Normalised query. */
  normalized: string;
  /** Today's terms: the query split on whitespace and punctuation; matched as substrings. */
  phrases: string[];
  /** Segments of every phrase, in order (for explanations and tests). */
  segments: Segment[];
  /** What the graded match looks for: words, unknown runs or their bigrams, Latin/digit runs; no regions. */
  terms: string[];
  /** Places named in the query, as filters (one entry per region code). */
  regions: RegionMention[];
  /**
   * True when the analysis says more than the phrases do (a phrase was cut into several terms, or a
   * place became a filter): only then can graded matching find documents the phrases do not.
   */
  graded: boolean;
}

const HAN = /\p{Script=Han}/u;
const WORD_COST = 1;
const UNKNOWN_COST = 1.5;

/** Words that make a preceding place part of a name (宁波银行, 余姚支行): the place is then no filter. */
const NAME_SUFFIXES = ['银行', '分行', '支行', '大学', '学院', '研究院', '实验室', '集团', '公司', '协会'];

/**
 * Cheapest segmentation of a run of Chinese characters (code points). Costs are computed from the end
 * (best[i] = cheapest segmentation of chars[i..]) and at each position the longest word is tried first
 * and kept on a tie, so the leftmost-longest word wins among equally cheap paths (知产质押 | 贷款).
 */
function segmentHan(chars: readonly string[], vocab: Vocabulary): Segment[] {
  const n = chars.length;
  const best = new Float64Array(n + 1).fill(Infinity);
  const next = new Int32Array(n + 1).fill(-1);
  const kindAt: SegmentKind[] = new Array(n + 1);
  best[n] = 0;
  for (let i = n - 1; i >= 0; i--) {
    let text = '';
    const words: Array<[number, SegmentKind]> = [];
    for (let len = 1; len <= n - i; len++) {
      text += chars[i + len - 1]!;
      if (text.length > vocab.maxLength) break;
      const entry = vocab.entries.get(text);
      if (entry) words.push([len, entry.region ? 'region' : 'word']);
    }
    for (let w = words.length - 1; w >= 0; w--) {
      const [len, kind] = words[w]!;
      const c = WORD_COST + best[i + len]!;
      if (c < best[i]!) {
        best[i] = c;
        next[i] = i + len;
        kindAt[i] = kind;
      }
    }
    const c = UNKNOWN_COST + best[i + 1]!;
    if (c < best[i]!) {
      best[i] = c;
      next[i] = i + 1;
      kindAt[i] = 'unknown';
    }
  }
  const out: Segment[] = [];
  for (let i = 0; i < n; i = next[i]!) out.push({ text: chars.slice(i, next[i]!).join(''), kind: kindAt[i]! });
  // A one-character place (甬) next to an unknown character is part of a name, not a place.
  for (let k = 0; k < out.length; k++) {
    const s = out[k]!;
    if (s.kind !== 'region' || Array.from(s.text).length > 1) continue;
    if (out[k - 1]?.kind === 'unknown' || out[k + 1]?.kind === 'unknown') s.kind = 'unknown';
  }
  // Merge adjacent unknown characters into runs.
  const merged: Segment[] = [];
  for (const s of out) {
    const last = merged[merged.length - 1];
    if (s.kind === 'unknown' && last?.kind === 'unknown') last.text += s.text;
    else merged.push({ ...s });
  }
  // A place followed by an institution word is a name (宁波银行, 余姚支行), not a filter.
  for (let k = 0; k + 1 < merged.length; k++) {
    const s = merged[k]!;
    const following = merged[k + 1]!;
    const suffix = NAME_SUFFIXES.find((w) => following.text.startsWith(w));
    if (s.kind !== 'region' || !suffix) continue;
    if (following.text === suffix) merged.splice(k, 2, { text: s.text + suffix, kind: 'word' });
    else merged.splice(k, 2, { text: s.text + suffix, kind: 'word' }, { text: following.text.slice(suffix.length), kind: following.kind });
  }
  return merged;
}

/** Segments of one phrase (a normalised query term without separators). */
export function segmentPhrase(phrase: string, vocab: Vocabulary = defaultVocabulary()): Segment[] {
  const out: Segment[] = [];
  let run: string[] = [];
  let han = false;
  const flush = () => {
    if (run.length === 0) return;
    if (han) out.push(...segmentHan(run, vocab));
    else {
      const text = run.join('');
      const entry = vocab.entries.get(text);
      out.push({ text, kind: entry?.region ? 'region' : entry ? 'word' : 'other' });
    }
    run = [];
  };
  for (const ch of phrase) {
    const isHan = HAN.test(ch);
    if (run.length > 0 && isHan !== han) flush();
    han = isHan;
    run.push(ch);
  }
  flush();
  return out;
}

/** The terms an unknown run stands for: itself up to two characters, else its overlapping bigrams. */
export function unknownRunTerms(text: string): string[] {
  const chars = Array.from(text);
  if (chars.length <= 2) return [text];
  const out: string[] = [];
  for (let i = 0; i + 1 < chars.length; i++) out.push(chars[i]! + chars[i + 1]!);
  return out;
}

/** Analyses a raw query (any length; the API bounds it to 100 characters before). */
export function analyzeQuery(query: string, vocab: Vocabulary = defaultVocabulary()): AnalyzedQuery {
  const normalized = normalizeText(query ?? '');
  const phrases = queryTerms(normalized);
  // A phrase with no known word in it stays one term: bigrams of text the vocabulary does not know
  // would only add noise (第4轮, 盐雾试验 stay substrings).
  const segments = phrases.flatMap((p) => {
    const parts = segmentPhrase(p, vocab);
    return parts.some((s) => s.kind === 'word' || s.kind === 'region') ? parts : [{ text: p, kind: 'other' as const }];
  });
  const terms: string[] = [];
  const seen = new Set<string>();
  const regions: RegionMention[] = [];
  const stopped: string[] = [];
  const add = (t: string) => {
    if (t.length === 0 || seen.has(t) || terms.length >= MAX_QUERY_TERMS) return;
    seen.add(t);
    terms.push(t);
  };
  for (const s of segments) {
    if (s.kind === 'region') {
      const region = vocab.entries.get(s.text)!.region!;
      if (!regions.some((r) => r.code === region.code)) regions.push({ code: region.code, name: region.name, text: s.text });
    } else if (s.kind === 'unknown') {
      if (vocab.stopwords.has(s.text)) stopped.push(s.text);
      else unknownRunTerms(s.text).forEach(add);
    } else add(s.text);
  }
  // A query of stopwords only (的) still searches for them.
  if (terms.length === 0 && regions.length === 0) stopped.forEach(add);
  const graded = regions.length > 0 || terms.length !== phrases.length || terms.some((t, i) => t !== phrases[i]);
  return { normalized, phrases, segments, terms, regions, graded };
}
