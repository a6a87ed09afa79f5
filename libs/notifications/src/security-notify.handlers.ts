import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { NotificationService } from './notification.service.js';

/**
 * Tells every AUTHORITY that an account reached the per-account ceiling of failed sign-ins. Names
 * the organization and the user id, never the e-mail address.
 */
@Injectable()
@HandlesJob('notify.sign-in-failures-exceeded')
export class SignInFailuresNotifier implements JobHandler<'notify.sign-in-failures-exceeded'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: JobPayloads['notify.sign-in-failures-exceeded']): Promise<void> {
    const org = await this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: job.data.organizationId });
    const { failures, windowMinutes, userId } = job.data;
    await this.notifications.createMany(
      await this.notifications.forAuthorities({
        kind: 'account.sign-in-failures',
        title: `账号登录失败次数异常：${org?.name ?? '未知机构'}`,
        body:
          `机构「${org?.name ?? job.data.organizationId}」的一个账号（用户 ID ${userId}）在 ${windowMinutes} 分钟内登录失败已达 ${failures} 次，` +
          '来自一个或多个网络地址，可能正遭受密码猜测。账号本身未被锁定（只有失败过多的地址被暂时拒绝），请留意并视情况联系该机构。',
        sourceEventId: job.eventId,
        targetType: 'ORGANIZATION',
        targetId: job.data.organizationId,
      }),
    );
  }
}
