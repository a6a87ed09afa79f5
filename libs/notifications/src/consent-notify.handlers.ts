import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { ProfileConsentEntity, sectionLabels } from '../../enterprises/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { NotificationService } from './notification.service.js';

/** 2026-12-05 → 2026年12月5日 (Asia/Shanghai): a date as the grantee's staff read it. */
const dayOf = (t: Date) => new Intl.DateTimeFormat('zh-CN', { timeZone: 'Asia/Shanghai', year: 'numeric', month: 'long', day: 'numeric' }).format(t);

/**
 * Tells the grantee's members that a firm gave them a consent to read its profile (which sections,
 * until when) or revoked one (from now on those sections are refused). The grantor did it itself
 * and hears nothing. Read from the consent row: the event carries its id only.
 */
@Injectable()
@HandlesJob('notify.profile-consent')
export class ProfileConsentNotifier implements JobHandler<'notify.profile-consent'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.profile-consent']): Promise<void> {
    const consent = await this.dataSource.getRepository(ProfileConsentEntity).findOne({ where: { id: job.data.consentId } });
    if (!consent) return;
    const grantor = await this.dataSource.getRepository(OrganizationEntity).findOne({ where: { id: consent.grantorOrganizationId }, select: { id: true, name: true } });
    const firm = `“${grantor?.name ?? '一家企业'}”`;
    const scope = sectionLabels(consent.sections);
    const years = consent.financialYears.length ? `（财务数据：${[...consent.financialYears].sort().join('、')} 年度）` : '';
    const granted = job.eventType === 'profile-consent.granted';
    await this.notifications.createMany([
      {
        organizationId: consent.granteeOrganizationId,
        kind: job.eventType,
        title: granted ? `${firm}授权贵机构查看企业档案` : `${firm}已撤销对贵机构的档案授权`,
        body: granted
          ? `授权范围：${scope}${years}；有效期至 ${dayOf(consent.expiresAt)}，企业可随时撤销。每次查看都会记入该企业可见的访问记录。`
          : `自 ${dayOf(consent.revokedAt ?? new Date())} 起，贵机构不能再查看该授权所含内容：${scope}。如仍需了解，请在对接中向企业说明用途并请其重新授权。`,
        targetType: 'ORGANIZATION',
        targetId: consent.grantorOrganizationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}
