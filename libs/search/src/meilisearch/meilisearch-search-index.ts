/**
 * The Meilisearch adapter of the search port (selected when MEILI_URL is set), on the official
 * `meilisearch` client 0.62. One index (uid `listings` by default, primary key `id`); the pure parts
 * are beside it: meilisearch-document.ts (the stored document), -query.ts (query, filter, paging),
 * -settings.ts, -hits.ts (facets, highlights) and -encoding.ts, whose header explains how Chinese
 * infixes and synonyms are matched (gram fields and quoted phrases, not Meilisearch's jieba words).
 *
 * Writes wait for their task, so a resolved upsert/delete/clear is visible to the next search
 * (read-your-writes). Requires Meilisearch ≥ 1.12 (localizedAttributes, prefixSearch, facetSearch
 * settings); written against 1.16 (docker/compose.yml).
 */
import {
  Meilisearch,
  MeilisearchApiError,
  MeilisearchRequestError,
  MeilisearchTaskTimeOutError,
  type EnqueuedTask,
  type Index,
  type SearchParams,
  type SearchResponse as MeiliSearchResponse,
  type Task,
} from 'meilisearch';
import type { SearchDocument, SearchHitRef, SearchIndex, SearchIndexStats, SearchRequest, SearchResponse } from '../search-index.port.js';
import { GRAM_FIELDS, INDEX_FORMAT, toMeiliDocument, type MeiliListingDocument } from './meilisearch-document.js';
import { andFilters, BROWSE_SORT, buildFilter, buildGradedQuery, buildQuery, idFilter, planPage, regionClause, type GradedQuery } from './meilisearch-query.js';
import { analyzeQuery, type AnalyzedQuery } from '../query/query-analysis.js';
import { suggestQueries } from '../query/suggest.js';
import { buildSettings, settingsDiff } from './meilisearch-settings.js';
import { combineFacets, FACETS, HIT_FIELDS, hitHighlight, mapFacets, mergeGradedPage } from './meilisearch-hits.js';

export interface MeilisearchSearchIndexOptions {
  url: string;
  apiKey?: string;
  /** Index uid; default 'listings'. */
  indexUid?: string;
  /** Timeout of each HTTP request in ms; default 10 s. */
  timeoutMs?: number;
  /** How long a write waits for its task in ms; default 120 s (a settings change re-indexes everything). */
  taskTimeoutMs?: number;
  /** `pagination.maxTotalHits`: the highest total (and deepest hit) a search reports; default 100,000. */
  maxTotalHits?: number;
}

/** Ids per `id IN [...]` document fetch. */
const VERSION_FETCH_CHUNK = 250;
/** Documents per listVersions page. */
const LIST_PAGE = 1_000;
/** Upper bounds of one addDocuments payload (Meilisearch accepts 100 MB by default). */
const ADD_CHUNK_DOCS = 1_000;
const ADD_CHUNK_BYTES = 20 * 1024 * 1024;
const DELETE_CHUNK = 10_000;

type VersionRow = { id: string; version: number; indexFormat?: string };
type HitRow = { id: string } & Record<string, unknown>;

/** The URL for messages: no credentials, no query string. */
function describeUrl(url: string): string {
  try {
    const u = new URL(url);
    return `${u.protocol}//${u.host}${u.pathname === '/' ? '' : u.pathname}`;
  } catch {
    return '(invalid URL)';
  }
}

/** The innermost message of an error chain (fetch failed → connect ECONNREFUSED 127.0.0.1:7700). */
function rootMessage(err: unknown): string {
  let e: unknown = err;
  let message = err instanceof Error ? err.message : String(err);
  for (let depth = 0; depth < 5 && e instanceof Error && e.cause !== undefined; depth++) {
    e = e.cause;
    if (e instanceof Error && e.message) message = e.message;
    else if (e && typeof e === 'object' && 'code' in e) message = String((e as { code: unknown }).code);
  }
  return message;
}

export class MeilisearchSearchIndex implements SearchIndex {
  readonly engine = 'meilisearch';
  private readonly client: Meilisearch | undefined;
  private readonly configError: Error | undefined;
  private readonly indexUid: string;
  private readonly where: string;
  private readonly taskTimeoutMs: number;
  private readonly maxTotalHits: number;
  private readonly apiKey: string | undefined;

  constructor(options: MeilisearchSearchIndexOptions) {
    this.apiKey = options.apiKey || undefined;
    this.indexUid = options.indexUid ?? 'listings';
    this.where = describeUrl(options.url);
    this.taskTimeoutMs = options.taskTimeoutMs ?? 120_000;
    this.maxTotalHits = options.maxTotalHits ?? 100_000;
    try {
      this.client = new Meilisearch({
        host: options.url,
        apiKey: options.apiKey,
        timeout: options.timeoutMs ?? 10_000,
        defaultWaitOptions: { timeout: this.taskTimeoutMs, interval: 50 },
      });
    } catch {
      // Reported by every call instead of failing the process at construction (the API keeps serving).
      this.configError = new Error(`Meilisearch URL is invalid: ${this.where}`);
    }
  }

  async init(): Promise<void> {
    await this.run('init', async (client) => {
      try {
        await client.getRawIndex(this.indexUid);
      } catch (err) {
        if (!(err instanceof MeilisearchApiError) || err.cause?.code !== 'index_not_found') throw err;
        const task = await client.createIndex(this.indexUid, { primaryKey: 'id' }).waitTask({ timeout: this.taskTimeoutMs });
        // Another process may have created it meanwhile.
        if (task.status !== 'succeeded' && task.error?.code !== 'index_already_exists') this.assertSucceeded(task, 'create the index');
      }
      const index = this.index(client);
      const current = await index.getSettings();
      const desired = buildSettings(current.rankingRules, this.maxTotalHits);
      const changed = settingsDiff(desired, current);
      if (changed.length === 0) return;
      const task = await index.updateSettings(desired).waitTask({ timeout: this.taskTimeoutMs });
      this.assertSucceeded(task, `update the settings (${changed.join(', ')})`);
    });
  }

  async upsert(documents: SearchDocument[]): Promise<void> {
    if (documents.length === 0) return;
    await this.run('upsert', async (client) => {
      const index = this.index(client);
      // Latest version per id within the batch.
      const latest = new Map<string, SearchDocument>();
      for (const d of documents) {
        const seen = latest.get(d.id);
        if (!seen || d.version >= seen.version) latest.set(d.id, d);
      }
      // Skip documents older than what the index holds. (Check-then-write: the sync worker serialises
      // writes per listing; Meilisearch has no conditional write outside the experimental edit-by-function.)
      const indexed = await this.versionsOf(index, [...latest.keys()]);
      const toWrite = [...latest.values()].filter((d) => (indexed.get(d.id) ?? -Infinity) <= d.version).map((d) => toMeiliDocument(d));
      const tasks: EnqueuedTask[] = [];
      for (const chunk of chunkBySize(toWrite)) tasks.push(await index.addDocuments(chunk));
      await this.waitAll(client, tasks, 'add documents');
    });
  }

  async delete(ids: string[]): Promise<void> {
    const unique = [...new Set(ids)];
    if (unique.length === 0) return;
    await this.run('delete', async (client) => {
      const index = this.index(client);
      const tasks: EnqueuedTask[] = [];
      for (let i = 0; i < unique.length; i += DELETE_CHUNK) tasks.push(await index.deleteDocuments(unique.slice(i, i + DELETE_CHUNK)));
      await this.waitAll(client, tasks, 'delete documents');
    });
  }

  async search(request: SearchRequest): Promise<SearchResponse> {
    return this.run('search', async (client) => {
      const analysis = request.analysis === false ? null : analyzeQuery(request.query ?? '');
      const planned = analysis ? buildGradedQuery(analysis) : { phrase: buildQuery(request.query ?? ''), terms: undefined, marks: buildQuery(request.query ?? '').marks };
      if (analysis && planned.terms) return this.gradedSearch(client, request, analysis, planned as Required<GradedQuery>);
      const index = this.index(client);
      const q = planned.phrase.q;
      const marks = planned.marks;
      const browsing = q === '';
      const filter = buildFilter(request.filters);
      const base: SearchParams = {
        filter,
        attributesToRetrieve: HIT_FIELDS,
        showRankingScore: !browsing,
        ...(browsing ? { sort: BROWSE_SORT } : { attributesToSearchOn: [...GRAM_FIELDS], matchingStrategy: 'all' }),
      };
      const facets = FACETS.map(([attribute]) => attribute);
      const plan = planPage(request.limit, request.offset);
      let hitsResponse: MeiliSearchResponse<HitRow>;
      let counted: MeiliSearchResponse<HitRow>;
      if (plan.exactTotal) {
        hitsResponse = await index.search<HitRow>(q, { ...base, ...plan.hits, facets });
        counted = hitsResponse;
      } else {
        // One request, two searches: the hits at an arbitrary offset, and the exact total with facets.
        const { results } = await client.multiSearch<{ queries: Array<SearchParams & { indexUid: string }> }, HitRow>({
          queries: [
            { indexUid: this.indexUid, q, ...base, ...plan.hits },
            { indexUid: this.indexUid, q, ...base, attributesToRetrieve: ['id'], page: 1, hitsPerPage: 0, facets },
          ],
        });
        hitsResponse = results[0]!;
        counted = results[1]!;
      }
      const hits: SearchHitRef[] = hitsResponse.hits.map((hit) => ({
        id: String(hit.id),
        highlight: hitHighlight(hit, marks),
        score: browsing ? 0 : (hit._rankingScore ?? 0),
        ...(browsing ? {} : { match: 'PHRASE' as const }),
      }));
      const total = counted.totalHits ?? counted.estimatedTotalHits ?? hits.length;
      const response: SearchResponse = { total, hits, facets: mapFacets(counted.facetDistribution), phraseTotal: total };
      if (analysis && !browsing) response.reading = { terms: analysis.terms, regions: analysis.regions.map((r) => ({ ...r })) };
      if (analysis && !browsing && total === 0) response.suggestions = suggestQueries(analysis.normalized, () => true);
      return response;
    });
  }

  /**
   * PHRASE hits first, then ALL_TERMS hits (every analysed term, within the places the query named)
   * that are not PHRASE hits. Three searches: the phrases, and the phrases + terms together (how many
   * hits the two share, with facets), in one request; then the terms, deep enough to fill the page
   * after skipping the shared ones. Totals and facets are exact (phrase + terms − shared). MOST_TERMS
   * is not expressed (see buildGradedQuery).
   */
  private async gradedSearch(client: Meilisearch, request: SearchRequest, analysis: AnalyzedQuery, planned: Required<GradedQuery>): Promise<SearchResponse> {
    const limit = Math.max(0, Math.floor(Number.isFinite(request.limit) ? request.limit : 0));
    const offset = Math.max(0, Math.floor(Number.isFinite(request.offset) ? request.offset : 0));
    const window = Math.min(this.maxTotalHits, offset + limit);
    const filter = buildFilter(request.filters);
    const termsFilter = andFilters(filter, regionClause(planned.terms.regionCodes));
    const facets = FACETS.map(([attribute]) => attribute);
    const common = { attributesToSearchOn: [...GRAM_FIELDS], matchingStrategy: 'all' as const, showRankingScore: true };
    const first = await client.multiSearch<{ queries: Array<SearchParams & { indexUid: string }> }, HitRow>({
      queries: [
        { indexUid: this.indexUid, q: planned.phrase.q, filter, ...common, attributesToRetrieve: HIT_FIELDS, page: 1, hitsPerPage: window, facets },
        { indexUid: this.indexUid, q: planned.terms.both, filter: termsFilter, ...common, attributesToRetrieve: ['id'], page: 1, hitsPerPage: 0, facets },
      ],
    });
    const phrase: MeiliSearchResponse<HitRow> = first.results[0]!;
    const shared: MeiliSearchResponse<HitRow> = first.results[1]!;
    const phraseTotal = phrase.totalHits ?? phrase.estimatedTotalHits ?? phrase.hits.length;
    const sharedTotal = shared.totalHits ?? shared.estimatedTotalHits ?? 0;
    // Every PHRASE hit of the window was fetched when phraseTotal ≤ window, so the shared ones can be skipped.
    const need = Math.min(this.maxTotalHits, window - Math.min(window, phraseTotal) + sharedTotal);
    const terms: MeiliSearchResponse<HitRow> = await this.index(client).search<HitRow>(planned.terms.q, { filter: termsFilter, ...common, attributesToRetrieve: HIT_FIELDS, page: 1, hitsPerPage: need, facets });
    const termsTotal = terms.totalHits ?? terms.estimatedTotalHits ?? terms.hits.length;
    const page = mergeGradedPage(phrase.hits, terms.hits, { phraseTotal, window, offset, limit });
    const hits: SearchHitRef[] = page.map(({ hit, match }) => ({
      id: String(hit.id),
      highlight: hitHighlight(hit, planned.marks),
      score: hit._rankingScore ?? 0,
      match,
    }));
    const total = phraseTotal + termsTotal - sharedTotal;
    return {
      ...(total === 0 ? { suggestions: suggestQueries(analysis.normalized, () => true) } : {}),
      total,
      hits,
      facets: mapFacets(combineFacets(phrase.facetDistribution, terms.facetDistribution, shared.facetDistribution)),
      phraseTotal,
      reading: { terms: analysis.terms, regions: analysis.regions.map((r) => ({ ...r })) },
    };
  }

  async listVersions(): Promise<Map<string, number>> {
    return this.run('listVersions', async (client) => {
      const index = this.index(client);
      const out = new Map<string, number>();
      for (let offset = 0; ; offset += LIST_PAGE) {
        const page = await index.getDocuments<VersionRow>({ fields: ['id', 'version', 'indexFormat'], limit: LIST_PAGE, offset });
        // A document written with an older encoding or synonym list reports version -1, so the
        // reconcile job rewrites it.
        for (const d of page.results) out.set(String(d.id), d.indexFormat === INDEX_FORMAT ? d.version : -1);
        if (page.results.length < LIST_PAGE || offset + LIST_PAGE >= page.total) return out;
      }
    });
  }

  async stats(): Promise<SearchIndexStats> {
    return this.run('stats', async (client) => ({ documents: (await this.index(client).getStats()).numberOfDocuments }));
  }

  async health(): Promise<void> {
    await this.run('health', async (client) => {
      const health = await client.health();
      if (health.status !== 'available') throw new Error(`Meilisearch at ${this.where} reports status ${String(health.status)}`);
    });
  }

  async clear(): Promise<void> {
    await this.run('clear', async (client) => {
      const task = await this.index(client).deleteAllDocuments().waitTask({ timeout: this.taskTimeoutMs });
      this.assertSucceeded(task, 'delete all documents');
    });
  }

  async close(): Promise<void> {
    // The client holds no connection of its own (fetch); nothing to release.
  }

  // ── internals ───────────────────────────────────────────────────────────────────────────────────

  private index(client: Meilisearch): Index<MeiliListingDocument> {
    return client.index<MeiliListingDocument>(this.indexUid);
  }

  /** Current versions (and formats) of the given ids. */
  private async versionsOf(index: Index<MeiliListingDocument>, ids: string[]): Promise<Map<string, number>> {
    const out = new Map<string, number>();
    for (let i = 0; i < ids.length; i += VERSION_FETCH_CHUNK) {
      const chunk = ids.slice(i, i + VERSION_FETCH_CHUNK);
      const page = await index.getDocuments<VersionRow>({ filter: idFilter(chunk), fields: ['id', 'version'], limit: chunk.length });
      for (const d of page.results) out.set(String(d.id), d.version);
    }
    return out;
  }

  private async waitAll(client: Meilisearch, tasks: EnqueuedTask[], what: string): Promise<void> {
    for (const enqueued of tasks) {
      const task = await client.tasks.waitForTask(enqueued.taskUid, { timeout: this.taskTimeoutMs });
      this.assertSucceeded(task, what);
    }
  }

  private assertSucceeded(task: Task, what: string): void {
    if (task.status === 'succeeded') return;
    const reason = task.error ? `${task.error.message} (${task.error.code})` : `task ${task.status}`;
    throw new TaskFailedError(`Meilisearch could not ${what} in index ${this.indexUid}: ${reason}`);
  }

  /** Runs a call, turning client errors into messages that name the server but never the API key. */
  private async run<T>(action: string, fn: (client: Meilisearch) => Promise<T>): Promise<T> {
    if (this.configError || !this.client) throw this.configError ?? new Error('Meilisearch client is not configured');
    try {
      return await fn(this.client);
    } catch (err) {
      throw this.describe(action, err);
    }
  }

  private describe(action: string, err: unknown): Error {
    const error = this.describeUnscrubbed(action, err);
    const clean = this.scrub(error.message);
    return clean === error.message ? error : new Error(clean);
  }

  /** Removes URL credentials (user:password@) and the API key from a message. */
  private scrub(message: string): string {
    let out = message.replace(/\/\/[^/@\s]*@/g, '//');
    if (this.apiKey) out = out.split(this.apiKey).join('***');
    return out;
  }

  private describeUnscrubbed(action: string, err: unknown): Error {
    if (err instanceof TaskFailedError) return err;
    if (err instanceof MeilisearchRequestError) {
      return new Error(`Meilisearch is unreachable at ${this.where} (${action}): ${rootMessage(err)}`);
    }
    if (err instanceof MeilisearchTaskTimeOutError) {
      return new Error(`Meilisearch at ${this.where} did not finish ${action} within ${err.cause.timeout} ms (task ${err.cause.taskUid}; it may still complete)`);
    }
    if (err instanceof MeilisearchApiError) {
      const code = err.cause?.code ? ` (${err.cause.code})` : ` (HTTP ${err.response.status})`;
      return new Error(`Meilisearch at ${this.where} rejected ${action} on index ${this.indexUid}: ${err.message}${code}`);
    }
    return new Error(`Meilisearch ${action} failed at ${this.where}: ${err instanceof Error ? err.message : String(err)}`);
  }
}

class TaskFailedError extends Error {
  override name = 'MeilisearchTaskFailed';
}

/** Splits documents into addDocuments payloads under ADD_CHUNK_DOCS documents and ~ADD_CHUNK_BYTES. */
function chunkBySize(docs: MeiliListingDocument[]): MeiliListingDocument[][] {
  const chunks: MeiliListingDocument[][] = [];
  let current: MeiliListingDocument[] = [];
  let bytes = 0;
  for (const d of docs) {
    // JSON length in UTF-16 units; CJK is 3 bytes in UTF-8, gram fields are ASCII.
    const size = JSON.stringify(d).length * 2;
    if (current.length > 0 && (current.length >= ADD_CHUNK_DOCS || bytes + size > ADD_CHUNK_BYTES)) {
      chunks.push(current);
      current = [];
      bytes = 0;
    }
    current.push(d);
    bytes += size;
  }
  if (current.length > 0) chunks.push(current);
  return chunks;
}
