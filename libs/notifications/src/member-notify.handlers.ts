import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity, UserEntity, MEMBER_ROLE_LABELS } from '../../identity/src/index.js';
import { NotificationService, type NewNotification } from './notification.service.js';

/**
 * An invitation was accepted: the organization is told who joined and as what; for an imported
 * firm's activation, the AUTHORITY is told the firm now has an account. Names only, no addresses.
 */
@Injectable()
@HandlesJob('notify.invitation-accepted')
export class InvitationAcceptedNotifier implements JobHandler<'notify.invitation-accepted'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.invitation-accepted']): Promise<void> {
    const { organizationId, userId, kind, role } = job.data;
    const [org, user] = await Promise.all([
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: organizationId }),
      this.dataSource.getRepository(UserEntity).findOneBy({ id: userId }),
    ]);
    if (!org || !user) return;
    const items: NewNotification[] = [
      {
        organizationId,
        kind: 'member.joined',
        title: `新成员加入：${user.displayName}`,
        body: `${user.displayName} 已接受邀请，以${MEMBER_ROLE_LABELS[role]}身份加入「${org.name}」。负责人和管理员可在成员管理中调整其角色。`,
        sourceEventId: job.eventId,
        targetType: 'ORGANIZATION',
        targetId: org.id,
      },
    ];
    if (kind === 'OWNER_ACTIVATION') {
      items.push(
        ...(await this.notifications.forAuthorities({
          kind: 'organization.activated',
          title: `企业已开通账号：${org.name}`,
          body: `主管部门录入的企业「${org.name}」（统一社会信用代码 ${org.uscc}）已接受激活邀请，开通了负责人账号。`,
          sourceEventId: job.eventId,
          targetType: 'ORGANIZATION',
          targetId: org.id,
        })),
      );
    }
    await this.notifications.createMany(items);
  }
}
