import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { ChallengeApplicationEntity, ListingEntity } from '../../listings/src/index.js';
import { MatchRequestEntity } from '../../matching/src/index.js';
import { ESCALATE_AFTER_WORKING_DAYS } from '../../calendar/src/index.js';
import { NotificationService, type NewNotification } from './notification.service.js';
import { LISTING_NOUN } from './notification-texts.js';

type Job = JobPayloads['notify.deadline-overdue'];

/** "2026-04-08 10:00" in Beijing time. */
export function beijingMinute(iso: string): string {
  return new Date(Date.parse(iso) + 8 * 3_600_000).toISOString().slice(0, 16).replace('T', ' ');
}

/**
 * An overdue case's reminder (to the owner organization, read by all its members) or escalation
 * (to every AUTHORITY organization). One notification per recipient per event: the source event id
 * makes a replayed job insert nothing.
 */
@Injectable()
@HandlesJob('notify.deadline-overdue')
export class DeadlineOverdueNotifier implements JobHandler<'notify.deadline-overdue'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: Job): Promise<void> {
    const d = job.data;
    const subject = await this.describe(d.subjectType, d.subjectId);
    if (!subject) return;
    const owner = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: d.ownerOrganizationId });
    if (!owner) return;
    const what = d.deadline === 'RESPOND' ? '答复' : '办理';
    const due = beijingMinute(d.dueAt);
    const target = { targetType: d.subjectType, targetId: d.subjectId, sourceEventId: job.eventId, kind: job.eventType } as const;
    let items: NewNotification[];
    if (d.step === 'REMINDER') {
      items = [
        {
          ...target,
          organizationId: d.ownerOrganizationId,
          title: `超时提醒：${subject.title}`,
          body:
            `「${subject.firm}」${subject.noun}已超过${what}时限（${due}，北京时间），已逾期 ${d.workingDaysOverdue} 个工作日，请尽快${what}。` +
            `提醒后 ${ESCALATE_AFTER_WORKING_DAYS} 个工作日内仍未${what}的，平台将报主管部门督办。`,
        },
      ];
    } else {
      items = await this.notifications.forAuthorities({
        ...target,
        title: `逾期督办：${owner.name}`,
        body: `「${owner.name}」未在时限（${due}，北京时间）内${what}「${subject.firm}」${subject.noun}，提醒后仍未${what}，已逾期 ${d.workingDaysOverdue} 个工作日。详见“逾期督办台账”（overdueRequests）。`,
      });
    }
    await this.notifications.createMany(items);
  }

  /** The case in words: its title, the firm's name and what it is ("对「…」的对接申请"). */
  private async describe(subjectType: Job['data']['subjectType'], id: string): Promise<{ title: string; firm: string; noun: string } | null> {
    if (subjectType === 'MATCH_REQUEST') {
      const request = await this.dataSource.getRepository(MatchRequestEntity).findOneBy({ id });
      if (!request) return null;
      const [listing, firm] = await Promise.all([
        this.dataSource.getRepository(ListingEntity).findOneBy({ id: request.listingId }),
        this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: request.enterpriseOrganizationId }),
      ]);
      if (!listing || !firm) return null;
      return { title: listing.title, firm: firm.name, noun: `对${LISTING_NOUN[listing.kind]}「${listing.title}」的对接申请` };
    }
    const application = await this.dataSource.getRepository(ChallengeApplicationEntity).findOneBy({ id });
    if (!application) return null;
    const [challenge, firm] = await Promise.all([
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: application.challengeId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: application.applicantOrganizationId }),
    ]);
    if (!challenge || !firm) return null;
    return { title: challenge.title, firm: firm.name, noun: `对榜单「${challenge.title}」的揭榜申请` };
  }
}

/**
 * 揭榜 information steps: the applicant is asked for information (the clock pauses), or the
 * challenge's owner learns the applicant answered (it runs again). The text stays on the timeline.
 */
@Injectable()
@HandlesJob('notify.challenge-application-information')
export class ChallengeApplicationInformationNotifier implements JobHandler<'notify.challenge-application-information'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.challenge-application-information']): Promise<void> {
    const { applicationId, challengeId, applicantOrganizationId, step } = job.data;
    const challenge = await this.dataSource.getRepository(ListingEntity).findOneBy({ id: challengeId });
    if (!challenge) return;
    const [owner, applicant] = await Promise.all([
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: challenge.ownerOrganizationId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: applicantOrganizationId }),
    ]);
    if (!owner || !applicant) return;
    const notice =
      step === 'INFO_REQUESTED'
        ? { organizationId: applicantOrganizationId, title: `请补充揭榜材料：${challenge.title}`, body: `「${owner.name}」请您就榜单「${challenge.title}」的揭榜申请补充材料或信息，请在申请的时间线中查看并答复；答复前评审时限暂停计算。` }
        : { organizationId: challenge.ownerOrganizationId, title: `揭榜企业已补充材料：${challenge.title}`, body: `「${applicant.name}」已就榜单「${challenge.title}」的揭榜申请补充材料，评审时限恢复计算。` };
    await this.notifications.createMany([{ ...notice, kind: job.eventType, targetType: 'CHALLENGE_APPLICATION', targetId: applicationId, sourceEventId: job.eventId }]);
  }
}
