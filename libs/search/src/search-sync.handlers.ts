import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { HandlesJob, type JobHandler, QueueRegistry, RUNTIME } from '../../platform/src/index.js';
import type { JobPayloads, Runtime } from '../../platform/src/index.js';
import { SearchSyncService, type ReconcileReport } from './search-sync.service.js';

/** Nightly at 03:30 Beijing time, after the tier reassessment. */
export const NIGHTLY_RECONCILE_PATTERN = '30 3 * * *';

@Injectable()
@HandlesJob('search.sync-listing')
export class SyncListingHandler implements JobHandler<'search.sync-listing'> {
  constructor(private readonly sync: SearchSyncService) {}

  async handle(job: JobPayloads['search.sync-listing']): Promise<void> {
    await this.sync.sync([job.data.listingId]);
  }
}

@Injectable()
@HandlesJob('search.reconcile')
export class ReconcileSearchHandler implements JobHandler<'search.reconcile'> {
  private readonly logger: Logger;

  constructor(
    private readonly sync: SearchSyncService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  async handle(): Promise<ReconcileReport> {
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
