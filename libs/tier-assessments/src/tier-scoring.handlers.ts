import { Injectable, type OnApplicationBootstrap } from '@nestjs/common';
import {
  HandlesJob,
  type JobHandler,
  JOB_CATALOG,
  type JobPayloads,
  jobOptions,
  QueueRegistry,
  todayInShanghai,
} from '../../platform/src/index.js';
import { TierAssessmentService } from './tier-assessment.service.js';

/** Nightly at 02:00 Beijing time. */
export const NIGHTLY_REASSESS_PATTERN = '0 2 * * *';

@Injectable()
@HandlesJob('tiers.assess-enterprise')
export class AssessEnterpriseHandler implements JobHandler<'tiers.assess-enterprise'> {
  constructor(private readonly assessments: TierAssessmentService) {}

  async handle(job: JobPayloads['tiers.assess-enterprise']): Promise<void> {
    await this.assessments.assess(job.data.organizationId, undefined, job.lane ?? 'interactive');
  }
}

/** Fans a nightly run out into one job per enterprise, so many workers share it. */
@Injectable()
@HandlesJob('tiers.reassess-all')
export class ReassessAllHandler implements JobHandler<'tiers.reassess-all'> {
  constructor(
    private readonly assessments: TierAssessmentService,
    private readonly queues: QueueRegistry,
  ) {}

  async handle(payload: JobPayloads['tiers.reassess-all']): Promise<void> {
    const runId = payload.runId ?? `nightly-${todayInShanghai()}`;
    const spec = JOB_CATALOG['tiers.reassess-enterprise'];
    for await (const ids of this.assessments.allProfileIds()) {
      await this.queues.queue(spec.queue).addBulk(
        ids.map((organizationId) => ({
          name: 'tiers.reassess-enterprise',
          data: { organizationId, runId },
          opts: jobOptions('tiers.reassess-enterprise', 'fan-out', { jobId: `reassess-${runId}-${organizationId}` }),
        })),
      );
    }
  }
}

@Injectable()
@HandlesJob('tiers.reassess-enterprise')
export class ReassessEnterpriseHandler implements JobHandler<'tiers.reassess-enterprise'> {
  constructor(private readonly assessments: TierAssessmentService) {}

  async handle(job: JobPayloads['tiers.reassess-enterprise']): Promise<void> {
    // Every enterprise every night: the rescoring it causes takes the bulk lane (ADR 0017).
    await this.assessments.assess(job.organizationId, undefined, 'bulk');
  }
}

/** Registers the nightly reassessment with BullMQ's job scheduler (idempotent across restarts and workers). */
@Injectable()
export class NightlyReassessScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('tiers.reassess-all', NIGHTLY_REASSESS_PATTERN);
  }
}
