/**
 * Embedded search engine benchmark: for each size, generated realistic listings (~150 characters,
 * test/unit/search/corpus.ts), the build time (upsert in batches of 1,000, as the start-up rebuild
 * does), the heap the index holds (process.memoryUsage() heapUsed and arrayBuffers deltas after a full GC),
 * and the latency of 200 queries of 2–6 characters cut from listing texts, 40 % of them with a
 * filter: p50/p95/p99 over all, without and with filters, plus browse pages (empty query) and 20
 * 1,000-character queries. Recall is
 * checked against a brute-force substring scan on a sample. Target: p95 ≤ 20 ms at 100k.
 * Query analysis (issue 19) on and off side by side: the 200 cut queries, and the 165 typed queries of
 * the judgement set (test/unit/search/judgements.ts: 余姚厂房, 专利贷款…), each timed both ways.
 *
 * Standalone: `npm run build && node dist/test/bench/search.bench.js [sizes…]`.
 */
import { pathToFileURL } from 'node:url';
import v8 from 'node:v8';
import vm from 'node:vm';
import { EmbeddedSearchIndex } from '../../libs/search/src/embedded/embedded-search-index.js';
import type { SearchDocument, SearchFilters, SearchIndex } from '../../libs/search/src/search-index.port.js';
import { expandQuery } from '../../libs/search/src/synonyms.js';
import { normalizeText, queryTerms } from '../../libs/search/src/text/normalize.js';
import { CREDIT_TYPES, INDUSTRIES, REGIONS, SERVICE_CATEGORIES, generateListings, rng } from '../unit/search/corpus.js';
import { JUDGEMENTS } from '../unit/search/judgements.js';
import { pct } from './bench-kit.js';

export interface LatencyFigure {
  label: string;
  n: number;
  p50: number;
  p95: number;
  p99: number;
  max: number;
}

export interface SearchBenchFigure {
  engine: string;
  documents: number;
  avgChars: number;
  buildMs: number;
  heapMB: number;
  /** Typed-array storage (postings) lives outside the JS heap: process.memoryUsage().arrayBuffers delta. */
  arrayBuffersMB: number;
  indexMemoryMB: number | undefined;
  latency: LatencyFigure[];
  /** Share of sampled queries whose hits equal the brute-force substring ground truth. */
  recall: { sampled: number; exact: number };
  avgHits: number;
}

export interface BenchQuery {
  query: string;
  filters: SearchFilters;
}

const CUTTABLE = /^[\p{Script=Han}A-Za-z0-9]+$/u;

/**
 * `count` queries of 2–6 characters cut from random listing titles and descriptions (only Chinese,
 * Latin and digits), `filtered` of them (a share) with one random filter.
 */
export function benchQueries(docs: SearchDocument[], count = 200, filtered = 0.4, seed = 99): BenchQuery[] {
  const r = rng(seed);
  const out: BenchQuery[] = [];
  while (out.length < count) {
    const d = docs[Math.floor(r() * docs.length)]!;
    const text = r() < 0.5 ? d.title : d.description;
    const len = 2 + Math.floor(r() * 5);
    const at = Math.floor(r() * Math.max(1, text.length - len));
    const query = text.slice(at, at + len);
    if (query.length < 2 || !CUTTABLE.test(query)) continue;
    let filters: SearchFilters = {};
    if (r() < filtered) {
      const which = Math.floor(r() * 5);
      const one = <T>(xs: readonly T[]) => [xs[Math.floor(r() * xs.length)]!];
      if (which === 0) filters = { kinds: one(['SERVICE_OFFERING', 'CREDIT_PRODUCT', 'CHALLENGE', 'PARK_VACANCY'] as const) };
      else if (which === 1) filters = { regionCodes: one(REGIONS) };
      else if (which === 2) filters = { industryCodes: [one(INDUSTRIES)[0]!.slice(0, 3)] };
      else if (which === 3) filters = { serviceCategories: one(SERVICE_CATEGORIES) };
      else filters = { creditProductTypes: one(CREDIT_TYPES) };
    }
    out.push({ query, filters });
  }
  return out;
}

function figure(label: string, times: number[]): LatencyFigure {
  const s = [...times].sort((a, b) => a - b);
  const round = (x: number) => Math.round(x * 100) / 100;
  return { label, n: s.length, p50: round(pct(s, 50)), p95: round(pct(s, 95)), p99: round(pct(s, 99)), max: round(s[s.length - 1] ?? 0) };
}

/** A full GC before each heap reading (exposed at run time when node was started without --expose-gc). */
const gc: () => void = (() => {
  const exposed = (globalThis as { gc?: () => void }).gc;
  if (exposed) return exposed;
  v8.setFlagsFromString('--expose-gc');
  return vm.runInNewContext('gc') as () => void;
})();

function bruteForce(docs: SearchDocument[], texts: string[], query: string): Set<string> {
  const terms = queryTerms(query).map((t) => expandQuery(t));
  const out = new Set<string>();
  for (let i = 0; i < docs.length; i++) if (terms.every((alts) => alts.some((a) => texts[i]!.includes(a)))) out.add(docs[i]!.id);
  return out;
}

/** Builds one index of `n` listings and measures it. */
export async function benchOne(n: number, makeIndex: () => SearchIndex = () => new EmbeddedSearchIndex()): Promise<SearchBenchFigure> {
  const docs = generateListings(n, 2026);
  const avgChars = Math.round(docs.reduce((s, d) => s + d.title.length + d.description.length + d.extraText.length + d.tags.join('').length + d.ownerName.length, 0) / n);
  gc();
  const mem0 = process.memoryUsage();
  const index = makeIndex();
  await index.init();
  const t0 = performance.now();
  for (let i = 0; i < docs.length; i += 1_000) await index.upsert(docs.slice(i, i + 1_000));
  const buildMs = Math.round(performance.now() - t0);
  gc();
  const mem1 = process.memoryUsage();
  const heapMB = Math.round((mem1.heapUsed - mem0.heapUsed) / 1_048_576);
  const arrayBuffersMB = Math.round((mem1.arrayBuffers - mem0.arrayBuffers) / 1_048_576);
  const stats = await index.stats();

  const queries = benchQueries(docs, 200);
  for (const q of benchQueries(docs, 30, 0.4, 7)) {
    // warm-up, both ways
    await index.search({ ...q, limit: 20, offset: 0 });
    await index.search({ ...q, limit: 20, offset: 0, analysis: false });
  }
  const all: number[] = [];
  const plain: number[] = [];
  const withFilter: number[] = [];
  const allOff: number[] = [];
  let hits = 0;
  for (const q of queries) {
    let s = performance.now();
    const r = await index.search({ ...q, limit: 20, offset: 0 });
    const ms = performance.now() - s;
    hits += r.total;
    all.push(ms);
    (Object.keys(q.filters).length ? withFilter : plain).push(ms);
    s = performance.now();
    await index.search({ ...q, limit: 20, offset: 0, analysis: false });
    allOff.push(performance.now() - s);
  }
  // Queries as people type them (the judgement set), analysis on and off.
  const typedOn: number[] = [];
  const typedOff: number[] = [];
  for (const { query } of JUDGEMENTS) {
    let s = performance.now();
    await index.search({ query, filters: {}, limit: 20, offset: 0 });
    typedOn.push(performance.now() - s);
    s = performance.now();
    await index.search({ query, filters: {}, limit: 20, offset: 0, analysis: false });
    typedOff.push(performance.now() - s);
  }
  const browse: number[] = [];
  for (let i = 0; i < 50; i++) {
    const filters: SearchFilters = i % 2 ? { regionCodes: [REGIONS[i % REGIONS.length]!] } : {};
    const s = performance.now();
    await index.search({ query: '', filters, limit: 20, offset: (i % 5) * 20 });
    browse.push(performance.now() - s);
  }
  // 1,000-character queries (as in the unit test): one repeated phrase, and 500 distinct characters.
  const longQueries = ['知识产权质押融资'.repeat(125), Array.from({ length: 500 }, (_, i) => String.fromCharCode(0x4e00 + i)).join(' ')];
  const long: number[] = [];
  for (let i = 0; i < 20; i++) {
    const s = performance.now();
    await index.search({ query: longQueries[i % 2]!, filters: {}, limit: 20, offset: 0 });
    long.push(performance.now() - s);
  }

  // Recall on a sample: the total must equal the brute-force count of documents containing the query.
  const texts = docs.map((d) => normalizeText([d.title, d.description, d.extraText, d.tags.join(' '), d.ownerName].join('\n')));
  let exact = 0;
  const sample = queries.filter((q) => Object.keys(q.filters).length === 0).slice(0, 25);
  for (const q of sample) {
    const truth = bruteForce(docs, texts, q.query);
    // With analysis the PHRASE hits (first) are the substring matches; graded hits may follow them.
    const r = await index.search({ ...q, limit: truth.size + 1, offset: 0 });
    const phrase = r.hits.filter((h) => (h.match ?? 'PHRASE') === 'PHRASE');
    if (r.phraseTotal === truth.size && phrase.length === Math.min(truth.size, r.hits.length) && phrase.every((h) => truth.has(h.id))) exact++;
  }
  await index.close();
  return {
    engine: index.engine,
    documents: n,
    avgChars,
    buildMs,
    heapMB,
    arrayBuffersMB,
    indexMemoryMB: stats.memoryBytes === undefined ? undefined : Math.round(stats.memoryBytes / 1_048_576),
    latency: [
      figure('200 queries (40 % filtered), analysis on', all),
      figure('the same, analysis off', allOff),
      figure('without filters, analysis on', plain),
      figure('with a filter, analysis on', withFilter),
      figure('165 typed queries (judgement set), analysis on', typedOn),
      figure('the same, analysis off', typedOff),
      figure('browse (empty query, 20 per page)', browse),
      figure('1,000-character queries', long),
    ],
    recall: { sampled: sample.length, exact },
    avgHits: Math.round(hits / queries.length),
  };
}

/** Figures at each size, as a Markdown table (printed) and as data. */
export async function benchSearchEngine(sizes: number[] = [10_000, 100_000]): Promise<SearchBenchFigure[]> {
  const figures: SearchBenchFigure[] = [];
  for (const n of sizes) figures.push(await benchOne(n));
  console.log(renderSearchBench(figures));
  return figures;
}

export function renderSearchBench(figures: SearchBenchFigure[]): string {
  const lines = [
    '| engine | listings | chars/listing | build | heapUsed Δ | arrayBuffers Δ | index estimate | queries | p50 | p95 | p99 | max | recall (sample) | avg hits |',
    '|---|---|---|---|---|---|---|---|---|---|---|---|---|---|',
  ];
  for (const f of figures) {
    for (const l of f.latency) {
      lines.push(
        `| ${f.engine} | ${f.documents.toLocaleString('en')} | ${f.avgChars} | ${f.buildMs} ms | ${f.heapMB} MB | ${f.arrayBuffersMB} MB | ${f.indexMemoryMB ?? '–'} MB | ${l.label} (${l.n}) | ${l.p50} ms | ${l.p95} ms | ${l.p99} ms | ${l.max} ms | ${f.recall.exact}/${f.recall.sampled} | ${f.avgHits} |`,
      );
    }
  }
  return lines.join('\n');
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const sizes = process.argv.slice(2).map(Number).filter((n) => n > 0);
  await benchSearchEngine(sizes.length ? sizes : undefined);
}
