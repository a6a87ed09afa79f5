import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/queue/job-handler.js';
import type { JobPayloads } from '../../platform/src/queue/job-catalog.js';
import { OrganizationEntity } from '../../identity/src/organizations/organization.entity.js';
import { ORGANIZATION_KIND_LABELS } from '../../identity/src/organizations/organization-kind.js';
import { NotificationService } from './notification.service.js';
import { verifiedNotice } from './notification-texts.js';

/** Tells every AUTHORITY that a new organization waits for review. */
@Injectable()
@HandlesJob('notify.organization-registered')
export class OrganizationRegisteredNotifier implements JobHandler<'notify.organization-registered'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.organization-registered']): Promise<void> {
    const repo = this.dataSource.getRepository(OrganizationEntity);
    const org = await repo.findOneBy({ id: job.data.organizationId });
    // Already verified (e.g. seeded or verified before this job ran): nothing to review.
    if (!org || org.verified) return;
    const authorities = await repo.findBy({ kind: 'AUTHORITY' });
    await this.notifications.createMany(
      authorities.map((a) => ({
        organizationId: a.id,
        kind: 'organization.pending-review',
        title: `新机构待审核：${org.name}`,
        body: `${ORGANIZATION_KIND_LABELS[org.kind]}「${org.name}」（统一社会信用代码 ${org.uscc}，区划 ${org.regionCode}）已注册，请审核。`,
        targetType: 'ORGANIZATION' as const,
        targetId: org.id,
        sourceEventId: job.eventId,
      })),
    );
  }
}

/** Tells the organization it was verified and what that lets its kind do. */
@Injectable()
@HandlesJob('notify.organization-verified')
export class OrganizationVerifiedNotifier implements JobHandler<'notify.organization-verified'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.organization-verified']): Promise<void> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: job.data.organizationId });
    if (!org) return;
    await this.notifications.createMany([
      {
        organizationId: org.id,
        kind: 'organization.verified',
        ...verifiedNotice(org.kind),
        targetType: 'ORGANIZATION',
        targetId: org.id,
        sourceEventId: job.eventId,
      },
    ]);
  }
}
