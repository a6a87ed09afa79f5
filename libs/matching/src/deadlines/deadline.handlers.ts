import { Inject, Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import type { Logger } from 'pino';
import { HandlesJob, type JobHandler, QueueRegistry, RUNTIME } from '../../../platform/src/index.js';
import type { JobPayloads, Runtime } from '../../../platform/src/index.js';
import { DeadlineDeskService, type SweepReport } from './deadline-desk.service.js';

/**
 * Every 15 minutes, Beijing time: a reminder goes out within a quarter of an hour of a deadline
 * passing. Cheap when nothing is overdue (one indexed query).
 */
export const DEADLINE_SWEEP_PATTERN = '*/15 * * * *';

@Injectable()
@HandlesJob('deadlines.sweep')
export class DeadlineSweepHandler implements JobHandler<'deadlines.sweep'> {
  private readonly logger: Logger;

  constructor(
    private readonly desk: DeadlineDeskService,
    @Inject(RUNTIME) runtime: Runtime,
  ) {
    this.logger = runtime.logger;
  }

  async handle(_job: JobPayloads['deadlines.sweep']): Promise<SweepReport> {
    const report = await this.desk.sweep();
    if (report.reminders || report.escalations) this.logger.info({ report }, `deadline sweep: ${report.reminders} reminders, ${report.escalations} escalations`);
    return report;
  }
}

/** Registers the deadline sweep with BullMQ's job scheduler (idempotent). */
@Injectable()
export class DeadlineSweepScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('deadlines.sweep', DEADLINE_SWEEP_PATTERN);
  }
}
