import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { ListingEntity, ChallengeApplicationEntity } from '../../listings/src/index.js';
import { NotificationService } from './notification.service.js';
import { applicationClosedNotice, yuan } from './notification-texts.js';
import { declineReasonLabel } from '../../codes/src/index.js';


/** Tells the challenge's owner (发榜企业) that an enterprise applied (揭榜). */
@Injectable()
@HandlesJob('notify.challenge-application-submitted')
export class ChallengeApplicationSubmittedNotifier implements JobHandler<'notify.challenge-application-submitted'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-application-submitted']): Promise<void> {
    const { applicationId, challengeId, applicantOrganizationId } = job.data;
    const [application, listing, applicant] = await Promise.all([
      this.dataSource.getRepository(ChallengeApplicationEntity).findOneBy({ id: applicationId }),
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: applicantOrganizationId }),
    ]);
    // Withdrawn, closed with the challenge (or gone) before this job ran: nothing left for the owner to review.
    if (!application || application.status === 'WITHDRAWN' || application.status === 'CLOSED_BY_OWNER' || !listing || !applicant) return;
    const quote = application.quote !== null ? `，报价 ${yuan(application.quote)}` : '';
    await this.notifications.createMany([
      {
        organizationId: listing.ownerOrganizationId,
        kind: 'challenge-application.submitted',
        title: `新的揭榜申请：${listing.title}`,
        body: `「${applicant.name}」揭榜了您发布的榜单「${listing.title}」${quote}。请查看其揭榜方案，并决定入围、接受或拒绝。`,
        targetType: 'CHALLENGE_APPLICATION',
        targetId: applicationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}

/** Tells the applicant how the challenge's owner decided. */
@Injectable()
@HandlesJob('notify.challenge-application-decided')
export class ChallengeApplicationDecidedNotifier implements JobHandler<'notify.challenge-application-decided'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-application-decided']): Promise<void> {
    const { applicationId, challengeId, applicantOrganizationId, status, version } = job.data;
    if (status !== 'SHORTLISTED' && status !== 'ACCEPTED' && status !== 'REJECTED') return;
    const [listing, application] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId }),
      this.dataSource.getRepository(ChallengeApplicationEntity).findOneBy({ id: applicationId }),
    ]);
    if (!listing) return;
    const owner = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: listing.ownerOrganizationId });
    // The comment belongs to this decision only while the application has not changed since.
    const comment = application && application.version === version && application.decisionComment ? `\n评审意见：${application.decisionComment}` : '';
    const poster = owner ? `「${owner.name}」` : '发榜企业';
    // A rejection is final, so its coded reason (issue 17) is named whatever the version.
    const reason = status === 'REJECTED' && application?.rejectionReasonCode ? `，理由：${declineReasonLabel(application.rejectionReasonCode)}` : '';
    const text = {
      SHORTLISTED: { title: `揭榜申请已入围：${listing.title}`, body: `${poster}已将您对榜单「${listing.title}」的揭榜申请列入入围名单，请留意后续评审与对接安排。` },
      ACCEPTED: { title: `揭榜成功：${listing.title}`, body: `${poster}已接受您对榜单「${listing.title}」的揭榜申请，请与发榜企业联系，商定合作合同与任务书。` },
      REJECTED: { title: `揭榜未获选：${listing.title}`, body: `很遗憾，${poster}未选择您对榜单「${listing.title}」的揭榜申请${reason}。欢迎关注平台上的其他榜单。` },
    } as const;
    await this.notifications.createMany([
      {
        organizationId: applicantOrganizationId,
        kind: `challenge-application.${status.toLowerCase()}`,
        title: text[status].title,
        body: text[status].body + comment,
        targetType: 'CHALLENGE_APPLICATION',
        targetId: applicationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}

/**
 * Tells the challenge's owner that an application was withdrawn because the applicant's
 * verification was revoked (an applicant's own withdrawal is not announced: it is its choice).
 */
@Injectable()
@HandlesJob('notify.challenge-application-withdrawn')
export class ChallengeApplicationWithdrawnNotifier implements JobHandler<'notify.challenge-application-withdrawn'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-application-withdrawn']): Promise<void> {
    const { applicationId, challengeId, applicantOrganizationId, cause } = job.data;
    if (cause !== 'ORGANIZATION_REVOKED') return;
    const [listing, applicant] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: applicantOrganizationId }),
    ]);
    if (!listing || !applicant) return;
    await this.notifications.createMany([
      {
        organizationId: listing.ownerOrganizationId,
        kind: 'challenge-application.withdrawn',
        title: `揭榜申请已撤回：${listing.title}`,
        body: `「${applicant.name}」的机构资质已被主管部门撤销，其对您发布的榜单「${listing.title}」的揭榜申请已自动撤回，无需再评审。`,
        targetType: 'CHALLENGE_APPLICATION',
        targetId: applicationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}

/**
 * Tells the applicant that its open application ended with the challenge (CLOSED_BY_OWNER). Kind
 * `challenge.closed`, as the closure notice to applicants has always been, now aimed at the application.
 */
@Injectable()
@HandlesJob('notify.challenge-application-closed')
export class ChallengeApplicationClosedNotifier implements JobHandler<'notify.challenge-application-closed'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-application-closed']): Promise<void> {
    const { applicationId, challengeId, applicantOrganizationId, cause } = job.data;
    const listing = await this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId });
    if (!listing) return;
    await this.notifications.createMany([
      {
        organizationId: applicantOrganizationId,
        kind: 'challenge.closed',
        ...applicationClosedNotice(listing.title, cause === 'CHALLENGE_TAKEN_DOWN'),
        targetType: 'CHALLENGE_APPLICATION',
        targetId: applicationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}
