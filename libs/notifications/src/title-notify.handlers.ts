import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { TitleDecisionEntity, TIER_NAMES } from '../../enterprises/src/index.js';
import { NotificationService } from './notification.service.js';
import { titleDecisionNotice } from './notification-texts.js';

/**
 * Tells the enterprise how the AUTHORITY decided on its title: confirmed (and counted from now on),
 * or its claim rejected, with the reason read from the decision row (events carry ids only).
 */
@Injectable()
@HandlesJob('notify.enterprise-title-decided')
export class TitleDecidedNotifier implements JobHandler<'notify.enterprise-title-decided'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.enterprise-title-decided']): Promise<void> {
    const decision = await this.dataSource.getRepository(TitleDecisionEntity).findOneBy({ id: job.data.decisionId });
    if (!decision) return;
    const notice = titleDecisionNotice({
      outcome: decision.outcome,
      tierName: TIER_NAMES[decision.tier],
      certifiedOn: decision.certifiedOn,
      claimedTierName: decision.claimedTier ? TIER_NAMES[decision.claimedTier] : null,
      reason: decision.reason,
    });
    await this.notifications.createMany([
      {
        organizationId: decision.organizationId,
        kind: decision.outcome === 'CONFIRMED' ? 'enterprise.title-confirmed' : 'enterprise.title-rejected',
        ...notice,
        targetType: 'ORGANIZATION',
        targetId: decision.organizationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}
