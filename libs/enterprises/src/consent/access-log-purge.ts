import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { APP_CONFIG, HandlesJob, QueueRegistry, type AppConfig, type JobHandler } from '../../../platform/src/index.js';
import { AccessLogService } from './access-log.service.js';

/** Nightly at 04:45 Beijing time: deletes access-log rows older than ACCESS_LOG_RETENTION_DAYS. */
export const NIGHTLY_ACCESS_LOG_PURGE_PATTERN = '45 4 * * *';

@Injectable()
@HandlesJob('consent.purge-access-log')
export class PurgeAccessLogHandler implements JobHandler<'consent.purge-access-log'> {
  constructor(
    private readonly log: AccessLogService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves to the number of rows deleted (kept as the job's return value). */
  async handle(): Promise<{ purged: number; retentionDays: number }> {
    const retentionDays = this.config.accessLogRetentionDays;
    return { purged: await this.log.purge(retentionDays), retentionDays };
  }
}

/** Registers the nightly purge with BullMQ's job scheduler (idempotent across restarts and workers). */
@Injectable()
export class NightlyAccessLogPurgeScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('consent.purge-access-log', NIGHTLY_ACCESS_LOG_PURGE_PATTERN);
  }
}
