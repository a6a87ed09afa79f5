import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler, todayInShanghai } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { TitleReviewMarkEntity } from '../../enterprises/src/index.js';
import { NotificationService } from './notification.service.js';
import { titleReviewNotice } from './title-review-texts.js';

/**
 * Tells each firm of a re-review decision (the event carries the mark's id only) that its title's
 * re-review was recorded as pending until a date, or that the mark was cleared. The title is read
 * now; a firm whose title changed since (no title, no certification date) is skipped.
 */
@Injectable()
@HandlesJob('notify.title-review-decided')
export class TitleReviewDecidedNotifier implements JobHandler<'notify.title-review-decided'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.title-review-decided']): Promise<void> {
    const mark = await this.dataSource.getRepository(TitleReviewMarkEntity).findOneBy({ id: job.data.markId });
    if (!mark || mark.organizationIds.length === 0) return;
    const titles: Array<{ organization_id: string; tier: string; tier_certified_on: string | null }> = await this.dataSource.query(
      `SELECT organization_id, tier::text AS tier, tier_certified_on::text AS tier_certified_on FROM enterprise_profiles WHERE organization_id = ANY($1::uuid[])`,
      [mark.organizationIds],
    );
    const today = todayInShanghai();
    await this.notifications.createMany(
      titles
        .filter((t) => t.tier !== 'NONE' && t.tier_certified_on)
        .map((t) => ({
          organizationId: t.organization_id,
          kind: mark.action === 'PENDING_RECORDED' ? 'title-review.pending-recorded' : 'title-review.pending-cleared',
          ...titleReviewNotice({ action: mark.action, pendingUntil: mark.pendingUntil, document: mark.document, tier: t.tier, certifiedOn: t.tier_certified_on!, today }),
          targetType: 'ORGANIZATION' as const,
          targetId: t.organization_id,
          sourceEventId: job.eventId,
        })),
    );
  }
}
