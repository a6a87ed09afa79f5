import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { HandlesJob, type JobHandler, QueueRegistry, RUNTIME } from '../../platform/src/index.js';
import type { JobPayloads, Runtime } from '../../platform/src/index.js';
import { SearchSyncService, type ReconcileReport } from './search-sync.service.js';
import { SEARCH_INDEX, type SearchIndex } from './search-index.port.js';

/** Nightly at 03:30 Beijing time, after the tier reassessment. */
export const NIGHTLY_RECONCILE_PATTERN = '30 3 * * *';

@Injectable()
@HandlesJob('search.sync-listing')
export class SyncListingHandler implements JobHandler<'search.sync-listing'> {
  constructor(
    private readonly sync: SearchSyncService,
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
  ) {}

  /**
   * Meilisearch: writes the listing's current state. Embedded engine: this process's replica reads
   * the feed up to now (so the job's end still means "searchable here"); other processes' replicas
   * follow the feed themselves. A standalone worker holds no embedded index: nothing to do.
   */
  async handle(job: JobPayloads['search.sync-listing']): Promise<void> {
    if (this.sync.replica) await this.sync.replica.catchUp();
    else if (this.index.engine !== 'embedded') await this.sync.sync([job.data.listingId]);
  }
}

@Injectable()
@HandlesJob('search.reconcile')
export class ReconcileSearchHandler implements JobHandler<'search.reconcile'> {
  private readonly logger: Logger;

  constructor(
    private readonly sync: SearchSyncService,
    @Inject(SEARCH_INDEX) private readonly index: SearchIndex,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  /** The index this process holds (a standalone worker with the embedded engine holds none: each API process's replica checks itself). */
  async handle(): Promise<ReconcileReport> {
    if (this.index.engine === 'embedded' && !this.sync.replica) return { checked: 0, added: 0, updated: 0, removed: 0 };
    const report = await this.sync.reconcile();
    this.logger.info({ report }, `search reconcile: ${report.checked} checked, ${report.added} added, ${report.updated} updated, ${report.removed} removed`);
    return report;
  }
}

/** Registers the nightly reconciliation with BullMQ's job scheduler (idempotent). */
@Injectable()
export class NightlyReconcileScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('search.reconcile', NIGHTLY_RECONCILE_PATTERN);
  }
}
