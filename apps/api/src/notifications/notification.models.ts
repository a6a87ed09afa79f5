import { Field, ID, Int, ObjectType, createUnionType, registerEnumType } from '@nestjs/graphql';
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

  @Field(() => NotificationKindEnum, { description: '通知类型（枚举），与 kind 相同；尚未列入枚举的新类型为 OTHER (the kind as an enum; OTHER for one not listed yet)' })
  kindCode: string;

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

/**
 * Notification.kindCode (issue 24 item 7): the kinds as an enum beside the `kind` string, which
 * stays as it is (its values include domain event types; a kind added later reads OTHER here
 * until it is listed). organization.verified → ORGANIZATION_VERIFIED.
 */
const NOTIFICATION_KINDS: ReadonlyArray<readonly [string, string]> = [
  ['organization.pending-review', '有新机构待审核（主管部门）'],
  ['organization.verified', '机构审核已通过'],
  ['organization.rejected', '机构审核未通过'],
  ['organization.needs-info', '机构审核需补充材料'],
  ['organization.verification-revoked', '机构认证被撤销'],
  ['organization.uscc-released', '统一社会信用代码已释放'],
  ['organization.resubmitted', '机构已重新提交审核（主管部门）'],
  ['organization.activated', '机构已启用'],
  ['member.joined', '新成员加入'],
  ['account.sign-in-failures', '账号多次登录失败（主管部门）'],
  ['listing.taken-down', '发布信息被下架'],
  ['challenge.closed', '榜单已关闭'],
  ['challenge.terms-changed', '榜单条款已修改'],
  ['challenge-application.submitted', '收到揭榜申请'],
  ['challenge-application.shortlisted', '揭榜申请已入围'],
  ['challenge-application.accepted', '揭榜申请已被接受'],
  ['challenge-application.rejected', '揭榜申请未被接受'],
  ['challenge-application.withdrawn', '揭榜申请已撤回'],
  ['challenge-application.information', '揭榜申请补充材料'],
  ['match-request.created', '收到对接申请'],
  ['match-request.responded', '对接申请已答复'],
  ['match-request.completed', '对接已完成'],
  ['match-request.cancelled', '对接申请已撤销'],
  ['match-request.info-requested', '对接申请需补充材料'],
  ['match-request.info-provided', '对接申请已补充材料'],
  ['match-request.outcome-recorded', '对接结果已登记'],
  ['case-message.sent', '收到新留言'],
  ['deadline.overdue', '办理已逾期'],
  ['enterprise.title-confirmed', '梯度称号已确认'],
  ['enterprise.title-rejected', '梯度称号未被确认'],
  ['title-review.pending-recorded', '已登记复核待定'],
  ['title-review.pending-cleared', '复核待定已解除'],
  ['listing.takedown-appealed', '下架申诉已提交'],
  ['listing.reinstated', '发布信息已恢复'],
  ['policy.entitlement-created', '新的政策奖励（免申即享）'],
  ['recommendation.added', '新推荐'],
  ['recommendation.digest', '每日推荐汇总'],
  ['profile-consent.granted', '企业授权查看档案'],
  ['profile-consent.revoked', '企业撤销档案授权'],
];
const kindCodeOf = (kind: string) => kind.toUpperCase().replace(/[.-]/g, '_');
const KNOWN_KIND_CODES = new Set(NOTIFICATION_KINDS.map(([k]) => kindCodeOf(k)));
export const NotificationKindEnum = Object.fromEntries([...NOTIFICATION_KINDS.map(([k]) => kindCodeOf(k)), 'OTHER'].map((c) => [c, c]));
registerEnumType(NotificationKindEnum, {
  name: 'NotificationKind',
  description: '通知类型（枚举），与 Notification.kind 对应，如 organization.verified → ORGANIZATION_VERIFIED (the notification kinds)',
  valuesMap: Object.fromEntries([
    ...NOTIFICATION_KINDS.map(([k, zh]) => [kindCodeOf(k), { description: `${zh}（${k}）` }]),
    ['OTHER', { description: '其他：尚未列入本枚举的新类型，见 kind (a kind not listed yet; see kind)' }],
  ]),
});
/** The enum value of a stored kind (OTHER for one not listed). */
export const notificationKindCode = (kind: string): string => (KNOWN_KIND_CODES.has(kindCodeOf(kind)) ? kindCodeOf(kind) : 'OTHER');

export function toNotificationModel({ notification: n, readAt }: NotificationView): NotificationModel {
  return {
    id: n.id,
    kind: n.kind,
    kindCode: notificationKindCode(n.kind),
    title: n.title,
    body: n.body,
    createdAt: n.createdAt,
    readAt,
    read: readAt !== null,
    targetType: n.targetType,
    targetId: n.targetId,
  };
}
