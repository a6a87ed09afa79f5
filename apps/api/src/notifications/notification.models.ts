import { Field, ID, Int, ObjectType, createUnionType } from '@nestjs/graphql';
import type { NotificationTargetType, NotificationView } from '../../../../libs/notifications/src/index.js';
import { DateTimeScalar } from '../graphql/scalars.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { ChallengeApplicationModel } from '../listings/listing.inputs.js';
import { ChallengeModel, CreditProductModel, PageInfoModel, ParkVacancyModel, ServiceOfferingModel } from '../listings/listing.models.js';
import { MatchRequestModel } from '../matching/match-request.models.js';

/** A resolved target carries what it is, so the union can name its GraphQL type. */
export type TargetValue = { readonly __target: NotificationTargetType; readonly kind?: string };

const LISTING_TYPE: Record<string, string> = {
  SERVICE_OFFERING: 'ServiceOffering',
  CREDIT_PRODUCT: 'CreditProduct',
  CHALLENGE: 'Challenge',
  PARK_VACANCY: 'ParkVacancy',
};

export const NotificationTargetUnion = createUnionType({
  name: 'NotificationTarget',
  description:
    '通知所涉及的对象：信息（服务产品、金融产品、揭榜榜单、园区房源）、对接申请、揭榜申请或机构 ' +
    '(what a notification is about: a listing, a match request, a 揭榜 application or an organization).',
  types: () => [ServiceOfferingModel, CreditProductModel, ChallengeModel, ParkVacancyModel, MatchRequestModel, ChallengeApplicationModel, OrganizationModel] as const,
  resolveType: (value: TargetValue) => {
    switch (value.__target) {
      case 'LISTING':
        return LISTING_TYPE[value.kind ?? ''];
      case 'MATCH_REQUEST':
        return 'MatchRequest';
      case 'CHALLENGE_APPLICATION':
        return 'ChallengeApplication';
      case 'ORGANIZATION':
        return 'Organization';
    }
  },
});

@ObjectType('Notification', { description: '发给调用者所在机构的站内通知；已读状态按用户记录 (an in-app message to the caller’s organization; read state is per user).' })
export class NotificationModel {
  @Field(() => ID, { description: '通知 ID (UUID).' })
  id: string;

  @Field({
    description:
      '通知类型，如 organization.verified、organization.pending-review、listing.taken-down、challenge.terms-changed、challenge.closed、match-request.created ' +
      '(e.g. organization.verified, organization.pending-review)',
  })
  kind: string;

  @Field({ description: '标题 (title)' })
  title: string;

  @Field({ description: '正文，可含换行 (body; may contain line breaks)' })
  body: string;

  @Field(() => DateTimeScalar, { description: '创建时间 (created at)' })
  createdAt: Date;

  @Field(() => DateTimeScalar, { nullable: true, description: '调用者本人读过的时间；未读为 null。同机构的其他用户各有各的已读状态 (when the calling user read it; null while unread)' })
  readAt: Date | null;

  @Field({ description: '调用者本人是否已读 (whether the calling user has read it)' })
  read: boolean;

  /** Resolved by the target field with the caller's read access. */
  targetType: NotificationTargetType | null;
  targetId: string | null;
}

@ObjectType('NotificationEdge', { description: '通知分页中的一项 (one notification of a page)' })
export class NotificationEdgeModel {
  @Field({ description: '游标，传给 after 以取下一页 (cursor; pass to after for the next page)' }) cursor: string;
  @Field(() => NotificationModel, { description: '通知 (the notification)' }) node: NotificationModel;
}

@ObjectType('NotificationConnection', { description: '通知分页，最新的在前 (a page of notifications, newest first)' })
export class NotificationConnectionModel {
  @Field(() => [NotificationEdgeModel], { description: '本页通知 (this page)' }) edges: NotificationEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (paging)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的通知总数，单位：条 (how many notifications match, in all)' }) totalCount: number;
}

export function toNotificationModel({ notification: n, readAt }: NotificationView): NotificationModel {
  return {
    id: n.id,
    kind: n.kind,
    title: n.title,
    body: n.body,
    createdAt: n.createdAt,
    readAt,
    read: readAt !== null,
    targetType: n.targetType,
    targetId: n.targetId,
  };
}
