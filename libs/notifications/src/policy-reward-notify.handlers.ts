import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { PolicyEntitlementEntity, RewardsService, formatYuan } from '../../rewards/src/index.js';
import { NotificationService } from './notification.service.js';

/**
 * Tells an organization about policy rewards it became entitled to (免申即享): which policy, how
 * much and why, read from the entitlement rows (the event carries ids only). No figures of the
 * firm itself: the amount is the reward, the basis names the title or project.
 */
@Injectable()
@HandlesJob('notify.policy-entitlement')
export class PolicyEntitlementNotifier implements JobHandler<'notify.policy-entitlement'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
    private readonly rewards: RewardsService,
  ) {}

  async handle(job: JobPayloads['notify.policy-entitlement']): Promise<void> {
    const rows = await this.dataSource.getRepository(PolicyEntitlementEntity).find({ where: { id: In(job.data.entitlementIds) } });
    const owed = rows.filter((r) => r.status === 'ENTITLED' && r.amount > 0);
    if (owed.length === 0) return;
    const names = owed.map((r) => `“${this.rewards.policySet.policies.find((p) => p.id === r.policyId)?.name ?? r.policyId}” ${formatYuan(r.amount)}`);
    await this.notifications.createMany([
      {
        organizationId: job.data.organizationId,
        kind: 'policy.entitlement-created',
        title: '您有新的政策奖励（免申即享）',
        body: `根据主管部门确认的信息，贵机构可享受：${names.join('；')}。无需申请，主管部门将按兑付清单拨付；详情与计算过程见“我的政策奖励”。`,
        targetType: 'ORGANIZATION',
        targetId: job.data.organizationId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}
