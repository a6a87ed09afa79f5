import { Global, Inject, Module, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { APP_CONFIG, type AppConfig, RUNTIME } from '../../platform/src/index.js';
import type { Runtime } from '../../platform/src/index.js';
import { SEARCH_INDEX, type SearchIndex } from './search-index.port.js';
import { SearchSyncService } from './search-sync.service.js';
import { ReconcileSearchHandler, SyncListingHandler } from './search-sync.handlers.js';
import { EmbeddedSearchIndex } from './embedded/embedded-search-index.js';
import { MeilisearchSearchIndex } from './meilisearch/meilisearch-search-index.js';
import { SearchReadiness } from './search-readiness.js';
import { SearchReplica } from './search-replica.js';

/** Picks the engine: Meilisearch when MEILI_URL is set, else the in-process engine. */
export function createSearchIndex(config: Pick<AppConfig, 'meiliUrl' | 'meiliMasterKey'>): SearchIndex {
  return config.meiliUrl ? new MeilisearchSearchIndex({ url: config.meiliUrl, apiKey: config.meiliMasterKey }) : new EmbeddedSearchIndex();
}

/**
 * One index per process, shared by the API (queries) and the workers (sync). At start it applies
 * the engine's settings. The embedded engine is a replica (ADR 0039) in every process that serves
 * queries (API or all-in-one): built from the database before the process reports ready, then kept
 * current by the outbox's change feed — so `start:api` ×N need no Meilisearch. A standalone worker
 * with the embedded engine holds no index (it serves no queries; its search-sync job has nothing to write).
 */
@Global()
@Module({
  providers: [
    { provide: SEARCH_INDEX, inject: [APP_CONFIG], useFactory: (config: AppConfig) => createSearchIndex(config) },
    SearchSyncService,
    SearchReadiness,
    SyncListingHandler,
    ReconcileSearchHandler,
  ],
  exports: [SEARCH_INDEX, SearchSyncService, SearchReadiness],
})
export class SearchModule implements OnApplicationBootstrap, OnApplicationShutdown {
  constructor(
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    private readonly sync: SearchSyncService,
    private readonly readiness: SearchReadiness,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  private retry: NodeJS.Timeout | undefined;
  private attempts = 0;

  async onApplicationBootstrap(): Promise<void> {
    await this.start();
  }

  /** Applies settings (and rebuilds the embedded engine); on failure retries with backoff until it works. */
  private async start(): Promise<void> {
    this.attempts++;
    try {
      await this.index.init();
      if (this.index.engine === 'embedded' && this.runtime.role !== 'worker') {
        const replica = new SearchReplica(this.runtime.database.dataSource, this.index, {
          databaseUrl: this.runtime.database.url,
          ...this.runtime.config.searchReplica,
          log: (level, message) => this.runtime.logger[level](message),
        });
        const t0 = Date.now();
        await replica.startingPosition();
        const count = await this.sync.rebuild();
        await replica.follow();
        this.sync.replica = replica;
        const metrics = this.runtime.metrics;
        metrics.gauge('srdi_search_replica_read_age_seconds', 'Seconds since the embedded search replica last read its change feed completely (bounded by the poll when healthy)', () => replica.state().sinceLastRead / 1000);
        metrics.gauge('srdi_search_replica_holes', 'Holes in the outbox ids the search replica waits on (transactions still running, or rolled back)', () => replica.state().holes);
        metrics.gauge('srdi_search_replica_repaired_total', 'Listings the search replica\'s version check repaired since start (the feed had not brought them)', () => replica.state().repaired);
        this.runtime.logger.info(`search: embedded replica built from the database (${count} listings, ${Date.now() - t0} ms), following the outbox from event ${replica.state().position}`);
      }
      this.readiness.markReady();
    } catch (err) {
      // The API still serves everything else; /health/ready and search() report the engine as down.
      this.readiness.markFailed((err as Error).message);
      const delay = Math.min(60_000, 1_000 * 2 ** Math.min(this.attempts, 6));
      this.runtime.logger.error(`search: engine not ready (${(err as Error).message}); retrying in ${delay / 1000} s`);
      this.retry = setTimeout(() => void this.start(), delay);
      this.retry.unref();
    }
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.retry) clearTimeout(this.retry);
    await this.sync.replica?.stop();
    await this.index.close();
  }
}
