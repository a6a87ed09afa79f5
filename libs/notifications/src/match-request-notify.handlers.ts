import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { HandlesJob, type JobHandler } from '../../platform/src/index.js';
import type { JobPayloads } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { ListingEntity } from '../../listings/src/index.js';
import { MatchRequestEntity } from '../../matching/src/index.js';
import { NotificationService } from './notification.service.js';
import { LISTING_NOUN } from './notification-texts.js';
import { declineReasonLabel } from '../../codes/src/index.js';

type Job = JobPayloads['notify.match-request'];

/**
 * Tells the other side of a match request what happened: the listing's owner about a new,
 * cancelled or completed request; the enterprise about the owner's answer. The texts quote the
 * request as it was at the event's version, so a late job never describes a newer state.
 */
@Injectable()
@HandlesJob('notify.match-request')
export class MatchRequestNotifier implements JobHandler<'notify.match-request'> {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly notifications: NotificationService,
  ) {}

  async handle(job: Job): Promise<void> {
    const { matchRequestId, listingId, enterpriseOrganizationId, ownerOrganizationId, status, version } = job.data;
    const [request, listing, enterprise, owner] = await Promise.all([
      this.dataSource.getRepository(MatchRequestEntity).findOneBy({ id: matchRequestId }),
      this.dataSource.getRepository(ListingEntity).findOneBy({ id: listingId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: enterpriseOrganizationId }),
      this.dataSource.getRepository(OrganizationEntity).findOneBy({ id: ownerOrganizationId }),
    ]);
    if (!request || !listing || !enterprise || !owner) return;
    // Texts (message, response) belong to this event only while the request has not moved on since.
    const current = request.version === version;
    const quote = (label: string, text: string | null) => (current && text ? `\n${label}：${text}` : '');
    const item = ((): { to: string; title: string; body: string } | null => {
      switch (job.eventType) {
        case 'match-request.created':
          return {
            to: ownerOrganizationId,
            title: `新的对接申请：${listing.title}`,
            body:
              `「${enterprise.name}」申请对接您发布的${LISTING_NOUN[listing.kind]}「${listing.title}」` +
              (request.shareProfile ? '，并授权您查看其企业档案（含财务数据）' : '') +
              '。请在“对接申请”中接受或婉拒。' +
              quote('留言', request.message),
          };
        case 'match-request.responded':
          return status === 'ACCEPTED'
            ? { to: enterpriseOrganizationId, title: `对接申请已接受：${listing.title}`, body: `「${owner.name}」已接受您对「${listing.title}」的对接申请，请与对方联系推进。${quote('回复', request.responseMessage)}` }
            : {
                to: enterpriseOrganizationId,
                title: `对接申请未被接受：${listing.title}`,
                // The coded reason is final once declined, so it is named whatever the request's version.
                body:
                  `「${owner.name}」婉拒了您对「${listing.title}」的对接申请` +
                  (request.declineReasonCode ? `，理由：${declineReasonLabel(request.declineReasonCode)}` : '') +
                  `。欢迎查看平台为您推荐的其他资源。${quote('回复', request.responseMessage)}`,
              };
        case 'match-request.outcome-recorded':
          return outcomeNotice(request, listing.title, owner.name, enterpriseOrganizationId);
        case 'match-request.completed':
          return {
            to: ownerOrganizationId,
            title: `对接已完成：${listing.title}`,
            body:
              `「${enterprise.name}」已确认与您就「${listing.title}」的对接完成，结果：${request.outcome === 'SUCCESS' ? '成功' : '未成功'}` +
              (request.rating ? `，评分 ${request.rating} / 5。` : '。'),
          };
        case 'match-request.cancelled': {
          const revoked = (job.data as { revokedOrganizationId?: string }).revokedOrganizationId;
          if (revoked === enterpriseOrganizationId) {
            return {
              to: ownerOrganizationId,
              title: `对接申请已取消：${listing.title}`,
              body: `因「${enterprise.name}」的机构资质被主管部门撤销，其对「${listing.title}」的对接申请已由平台自动取消。`,
            };
          }
          if (revoked === ownerOrganizationId) {
            return {
              to: enterpriseOrganizationId,
              title: `对接申请已取消：${listing.title}`,
              body: `因「${owner.name}」的机构资质被主管部门撤销，「${listing.title}」已下架，您的对接申请已由平台自动取消。欢迎查看平台为您推荐的其他资源。`,
            };
          }
          return { to: ownerOrganizationId, title: `对接申请已取消：${listing.title}`, body: `「${enterprise.name}」取消了对「${listing.title}」的对接申请。` };
        }
        case 'match-request.info-requested':
          return {
            to: enterpriseOrganizationId,
            title: `请补充材料：${listing.title}`,
            body: `「${owner.name}」就您对「${listing.title}」的对接申请请您补充材料或信息，请在“对接申请”的时间线中查看并答复；答复前办理时限暂停计算。`,
          };
        case 'match-request.info-provided':
          return {
            to: ownerOrganizationId,
            title: `企业已补充材料：${listing.title}`,
            body: `「${enterprise.name}」已就「${listing.title}」的对接申请补充材料，办理时限恢复计算，请在“对接申请”中查看并办理。`,
          };
      }
    })();
    if (!item) return;
    await this.notifications.createMany([
      {
        organizationId: item.to,
        kind: job.eventType,
        title: item.title,
        body: item.body,
        targetType: 'MATCH_REQUEST',
        targetId: matchRequestId,
        sourceEventId: job.eventId,
      },
    ]);
  }
}

/** The enterprise learns of the bank's credit decision or the recorded delivery (issue 17); figures stay in the request. */
function outcomeNotice(request: MatchRequestEntity, title: string, ownerName: string, to: string): { to: string; title: string; body: string } {
  if (request.creditApproved === true) {
    return { to, title: `授信已获批：${title}`, body: `「${ownerName}」已登记您对「${title}」的授信获批并放款，详情请在对接申请中查看。` };
  }
  if (request.creditApproved === false) {
    return {
      to,
      title: `授信未获批：${title}`,
      body: `「${ownerName}」登记了您对「${title}」的授信未获批，理由：${declineReasonLabel(request.creditDeclineReasonCode) ?? '未说明'}。详情请在对接申请中查看。`,
    };
  }
  return { to, title: `服务已交付：${title}`, body: `「${ownerName}」已登记「${title}」的服务交付，详情请在对接申请中查看。` };
}
