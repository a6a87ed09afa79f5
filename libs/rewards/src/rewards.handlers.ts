import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import { HandlesJob, type JobHandler, type JobPayloads, QueueRegistry } from '../../platform/src/index.js';
import { RewardsService } from './rewards.service.js';

/** Nightly at 03:00 Beijing time (after the tier reassessment at 02:00). */
export const NIGHTLY_REWARDS_PATTERN = '0 3 * * *';

/** A title confirmed or imported, a region changed, or a 揭榜 application decided: re-evaluate that organization. */
@Injectable()
@HandlesJob('rewards.evaluate-organization')
export class EvaluateOrganizationRewardsHandler implements JobHandler<'rewards.evaluate-organization'> {
  constructor(private readonly rewards: RewardsService) {}

  async handle(job: JobPayloads['rewards.evaluate-organization']): Promise<void> {
    const organizationId = job.eventType === 'challenge-application.decided' ? (job.data as { applicantOrganizationId: string }).applicantOrganizationId : (job.data as { organizationId: string }).organizationId;
    if (job.eventType === 'challenge-application.decided' && (job.data as { status: string }).status !== 'ACCEPTED') return;
    await this.rewards.evaluate([organizationId], undefined, undefined, job.lane ?? 'interactive');
  }
}

/** Every enterprise and service institution, 1,000 per transaction (the evaluator is pure and fast; see test/bench/rewards.bench.ts). */
@Injectable()
@HandlesJob('rewards.evaluate-all')
export class EvaluateAllRewardsHandler implements JobHandler<'rewards.evaluate-all'> {
  constructor(private readonly rewards: RewardsService) {}

  async handle(): Promise<void> {
    for await (const ids of this.rewards.allOrganizationIds()) await this.rewards.evaluate(ids, undefined, undefined, 'bulk');
  }
}

/** Registers the nightly evaluation with BullMQ's job scheduler (idempotent across restarts and workers). */
@Injectable()
export class NightlyRewardsScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('rewards.evaluate-all', NIGHTLY_REWARDS_PATTERN);
  }
}
