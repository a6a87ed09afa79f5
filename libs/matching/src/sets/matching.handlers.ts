import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { HandlesJob, JOB_CATALOG, type JobHandler, QueueRegistry, RUNTIME, jobOptions } from '../../../platform/src/index.js';
import type { JobPayloads, Runtime } from '../../../platform/src/index.js';
import { MatchSetService } from './match-set.service.js';
import { MatchMaintenanceService, type MatchReconcileReport, type RebuildReport } from './match-maintenance.service.js';

/** Nightly at 03:45 Beijing time: after the tier reassessment (02:00) and the search reconcile (03:30). */
export const NIGHTLY_MATCH_RECONCILE_PATTERN = '45 3 * * *';

@Injectable()
@HandlesJob('matching.rescore-enterprise')
export class RescoreEnterpriseHandler implements JobHandler<'matching.rescore-enterprise'> {
  constructor(private readonly matches: MatchSetService) {}

  /**
   * A profile change rescores the whole set; new tier assessments only the service offerings, the
   * one kind whose score reads them (tier gaps) — the other kinds would come out the same.
   */
  handle(job: JobPayloads['matching.rescore-enterprise']): Promise<number> {
    if (job.eventType === 'enterprise-assessment.changed') return this.matches.rescoreEnterprise(job.data.organizationId, undefined, ['SERVICE_OFFERING']);
    return this.matches.rescoreEnterprise(job.data.organizationId);
  }
}

@Injectable()
@HandlesJob('matching.sync-listing')
export class SyncListingMatchesHandler implements JobHandler<'matching.sync-listing'> {
  constructor(private readonly matches: MatchSetService) {}

  handle(job: JobPayloads['matching.sync-listing']): Promise<number> {
    return this.matches.scoreListing(job.data.listingId);
  }
}

@Injectable()
@HandlesJob('matching.rescore-provider')
export class RescoreProviderHandler implements JobHandler<'matching.rescore-provider'> {
  constructor(private readonly matches: MatchSetService) {}

  /** Only a rating changes a provider's score, and only service offerings use it. */
  handle(job: JobPayloads['matching.rescore-provider']): Promise<number> {
    return this.matches.rescoreProvider(job.data.ownerOrganizationId, job.data.matchRequestId);
  }
}

@Injectable()
@HandlesJob('matching.reconcile')
export class ReconcileMatchesHandler implements JobHandler<'matching.reconcile'> {
  private readonly logger: Logger;
  /** MATCH_REBUILD_PARTITIONS: a rebuild job that names no count is split into this many ranges. */
  private readonly rebuildPartitions: number;

  constructor(
    private readonly maintenance: MatchMaintenanceService,
    @Inject(RUNTIME) runtime: Runtime,
    private readonly queues: QueueRegistry,
  ) {
    this.logger = runtime.logger;
    this.rebuildPartitions = runtime.config.matching.rebuildPartitions;
  }

  async handle(job: JobPayloads['matching.reconcile']): Promise<MatchReconcileReport | RebuildReport> {
    if (job.rebuild) {
      // A job's own count (the CLI's --partitions) is bounded here; the configured one was checked at start.
      const partitions = job.partitions === undefined ? this.rebuildPartitions : Number.isInteger(job.partitions) ? Math.min(Math.max(job.partitions, 1), MAX_PARTITIONS) : 1;
      const report = await this.maintenance.rebuildAll(undefined, {
        partitions,
        // One job per range on the matching queue: any worker process may take it (this one takes ranges too).
        announce: async (runId, ranges) => {
          const queue = this.queues.queue(JOB_CATALOG['matching.rebuild-partition'].queue);
          await queue.addBulk(
            ranges.map((r) => ({
              name: 'matching.rebuild-partition',
              data: { runId, partition: r.partition },
              opts: jobOptions('matching.rebuild-partition', 'fan-out', { jobId: `match-rebuild-${runId}-${r.partition}` }),
            })),
          );
        },
      });
      this.logger.info({ report }, `match sets rebuilt: ${report.enterprises} enterprises × ${report.listings} listings, ${report.stored} rows in ${Math.round(report.ms)} ms`);
      return report;
    }
    const report = await this.maintenance.reconcile();
    this.logger.info({ report }, `match sets reconciled: ${report.rowsBefore} → ${report.rowsAfter} rows in ${Math.round(report.ms)} ms`);
    return report;
  }
}

/** Ranges a partitioned rebuild may be split into (a bound on the jobs and rows one run queues). */
export const MAX_PARTITIONS = 64;

@Injectable()
@HandlesJob('matching.rebuild-partition')
export class RebuildPartitionHandler implements JobHandler<'matching.rebuild-partition'> {
  constructor(private readonly maintenance: MatchMaintenanceService) {}

  /** Takes the range if no process has; true when this job scored it. */
  handle(job: JobPayloads['matching.rebuild-partition']): Promise<boolean> {
    return this.maintenance.takePartition(job.runId, job.partition);
  }
}

/** Registers the nightly match-set reconcile with BullMQ's job scheduler (idempotent). */
@Injectable()
export class NightlyMatchReconcileScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('matching.reconcile', NIGHTLY_MATCH_RECONCILE_PATTERN);
  }
}
