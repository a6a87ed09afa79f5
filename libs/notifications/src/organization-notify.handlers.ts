import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import {
  regionName,
  OrganizationEntity,
  ORGANIZATION_KIND_LABELS,
  type OrganizationKind,
  VerificationDecisionEntity,
} from '../../identity/src/index.js';
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
    await this.notifications.createMany(
      await this.notifications.forAuthorities({
        kind: 'organization.pending-review',
        title: `新机构待审核：${org.name}`,
        body: `${ORGANIZATION_KIND_LABELS[org.kind]}「${org.name}」（统一社会信用代码 ${org.uscc}，${regionName(org.regionCode) ?? '所在地区未知'}）已注册，请审核。`,
        targetType: 'ORGANIZATION',
        targetId: org.id,
        sourceEventId: job.eventId,
      }),
    );
  }
}

/** What revocation ended for an organization of this kind. */
const REVOKED_EFFECTS: Record<OrganizationKind, string> = {
  ENTERPRISE: '您进行中的对接申请已全部取消，在重新通过审核前不能发起新的对接。',
  SERVICE_PROVIDER: '您已发布的服务产品已全部下架，进行中的对接申请已全部取消；在重新通过审核前不能发布新信息。',
  BANK: '您已发布的金融产品已全部下架，进行中的对接申请已全部取消；在重新通过审核前不能发布新信息。',
  ANCHOR_ENTERPRISE: '您已发布的揭榜榜单已全部下架，进行中的对接申请已全部取消；在重新通过审核前不能发布新信息。',
  PARK_OPERATOR: '您已发布的园区房源已全部下架，进行中的对接申请已全部取消；在重新通过审核前不能发布新信息。',
  AUTHORITY: '',
};

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

/**
 * The other verification decisions: tells the organization why it was rejected, what information
 * is missing, or that its verification was revoked (with the reason, read from the decision row:
 * events carry ids only); tells every AUTHORITY that an organization resubmitted.
 */
@Injectable()
@HandlesJob('notify.organization-verification-decided')
export class OrganizationVerificationDecidedNotifier implements JobHandler<'notify.organization-verification-decided'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.organization-verification-decided']): Promise<void> {
    const [org, decision] = await Promise.all([
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: job.data.organizationId }),
      this.dataSource.getRepository(VerificationDecisionEntity).findOneBy({ id: job.data.decisionId }),
    ]);
    if (!org || !decision) return;
    const reason = decision.reason ?? '';
    const target = { targetType: 'ORGANIZATION' as const, targetId: org.id };
    const to = (title: string, kind: string, body: string) => [{ organizationId: org.id, kind, title, body, sourceEventId: job.eventId, ...target }];
    switch (decision.toState) {
      case 'REJECTED':
        if (job.data.usccReleased) {
          await this.notifications.createMany(
            to(
              '统一社会信用代码申领未获确认',
              'organization.uscc-released',
              `主管部门核实后认定，您的机构「${org.name}」不是统一社会信用代码 ${org.releasedUscc ?? ''} 所属的企业，已驳回审核并释放该代码。\n原因：${reason}\n` +
                '本机构成员的账号保留；如代码填写有误，请填写本机构正确的统一社会信用代码后重新提交审核。',
            ),
          );
          return;
        }
        await this.notifications.createMany(
          to('机构审核未通过', 'organization.rejected', `您的机构「${org.name}」未通过主管部门审核。\n原因：${reason}\n请按原因更正机构信息后重新提交审核。`),
        );
        return;
      case 'NEEDS_INFO':
        await this.notifications.createMany(
          to('机构审核需补充材料', 'organization.needs-info', `主管部门审核您的机构「${org.name}」时，需要您补充以下信息：\n${reason}\n请补充或更正后重新提交审核。`),
        );
        return;
      case 'REVOKED':
        await this.notifications.createMany(
          to(
            '机构资质已被撤销',
            'organization.verification-revoked',
            `您的机构「${org.name}」的审核资质已被主管部门撤销。\n原因：${reason}\n${REVOKED_EFFECTS[org.kind]}如有异议，可更正信息后重新提交审核。`,
          ),
        );
        return;
      case 'PENDING': {
        await this.notifications.createMany(
          await this.notifications.forAuthorities({
            kind: 'organization.resubmitted',
            title: `机构重新提交审核：${org.name}`,
            body:
              `${ORGANIZATION_KIND_LABELS[org.kind]}「${org.name}」（统一社会信用代码 ${org.uscc ?? '未填写'}，${regionName(org.regionCode) ?? '所在地区未知'}）已更正信息并重新提交审核，请审核。` +
              (decision.reason ? `\n机构说明：${decision.reason}` : ''),
            sourceEventId: job.eventId,
            ...target,
          }),
        );
        return;
      }
      default:
        return;
    }
  }
}
