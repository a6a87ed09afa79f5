import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import {
  MATCH_OUTCOMES,
  MATCH_REQUEST_ROLES,
  MATCH_REQUEST_STATUSES,
  type MatchOutcome,
  type MatchRequestStatus,
  type MatchRequestEntity,
} from '../../../../libs/matching/src/index.js';
import { DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { asEnum } from '../graphql/enums.js';
import { PageInfoModel, type ListingModel } from '../listings/listing.models.js';
import type { OrganizationModel } from '../identity/identity.models.js';

export const MatchRequestStatusEnum = asEnum(MATCH_REQUEST_STATUSES);
registerEnumType(MatchRequestStatusEnum, {
  name: 'MatchRequestStatus',
  description: '对接申请状态 (status of a match request)',
  valuesMap: {
    PENDING: { description: '待回复 (awaiting the owner\'s answer)' },
    ACCEPTED: { description: '已接受 (accepted)' },
    DECLINED: { description: '已婉拒 (declined)' },
    COMPLETED: { description: '已完成 (completed)' },
    CANCELLED: { description: '已取消：企业取消，或一方机构的审核被撤销 (cancelled by the enterprise, or because either side\'s verification was revoked)' },
  },
});
export const MatchOutcomeEnum = asEnum(MATCH_OUTCOMES);
registerEnumType(MatchOutcomeEnum, {
  name: 'MatchOutcome',
  description: '对接结果，由企业在完成时填写 (outcome, given by the enterprise on completion)',
  valuesMap: {
    SUCCESS: { description: '对接成功 (success)' },
    FAILURE: { description: '未成功 (failure)' },
  },
});
export const MatchRequestRoleEnum = asEnum(MATCH_REQUEST_ROLES);
registerEnumType(MatchRequestRoleEnum, {
  name: 'MatchRequestRole',
  description: '按调用者在对接申请中的角色查看 (which side of the requests to list)',
  valuesMap: {
    SENT: { description: '调用者所在企业发出的申请 (requests the caller\'s enterprise sent)' },
    RECEIVED: { description: '调用者所在机构的发布信息收到的申请 (requests for the caller\'s organization\'s listings)' },
  },
});

@ObjectType('MatchRequest', { description: '企业对一条发布信息发起的对接申请 (an enterprise\'s request to connect with a listing)' })
export class MatchRequestModel {
  @Field(() => ID, { description: '对接申请 ID (match request id)' }) id: string;
  @Field(() => String, { nullable: true, description: '企业的留言 (the enterprise\'s message)' }) message: string | null;
  @Field({ description: '企业是否同意向发布方展示画像 (whether the enterprise shares its profile with the owner)' }) shareProfile: boolean;
  @Field(() => SafeIntScalar, { nullable: true, description: '申请金额，单位：元 (amount applied for, yuan)' }) requestedAmount: number | null;
  @Field(() => MatchRequestStatusEnum, { description: '状态 (status)' }) status: MatchRequestStatus;
  @Field(() => String, { nullable: true, description: '发布方的回复 (the owner\'s reply)' }) responseMessage: string | null;
  @Field(() => MatchOutcomeEnum, { nullable: true, description: '对接结果，完成后才有 (outcome, once completed)' }) outcome: MatchOutcome | null;
  @Field(() => Int, { nullable: true, description: '企业完成时给出的评分，1–5 (rating 1..5, given by the enterprise on completion)' }) rating: number | null;
  @Field(() => DateTimeScalar, { description: '发起时间 (requested at)' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: '最近变化时间 (last change)' }) updatedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: '答复时限：发布方须在此时刻前接受或婉拒（按工作日计算，工作时间 09:00–17:00 北京时间；等待企业补充材料的时间不计）；时限制度前的申请为空 (respond-by instant: accept or decline before it; counted in working days, 09:00–17:00 Beijing; time waiting on the firm does not count; null on requests older than deadlines)' }) respondBy: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '办理时限：融资须在此前作出决定，服务与空间须在此前办结（按工作日计算，暂停时间不计）；时限制度前的申请为空 (decide-by instant: the credit decision, or completion for services and space; working days, pauses excluded; null on older requests)' }) decideBy: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '发布方要求企业补充材料的时刻；企业答复前办理时限暂停，答复后为空 (when the owner asked the firm for information; the deadlines are paused until the firm answers; null otherwise)' }) awaitingInformationSince: Date | null;
  /** Resolved through the per-request loaders, unless the page's statement brought them (below). */
  listingId: string;
  enterpriseOrganizationId: string;
  /** The listing read in the page's statement (ADR 0040; null: its kind details are missing); not a GraphQL field. */
  prefetchedListing?: ListingModel | null;
  /** The enterprise's public columns read in the page's statement; not a GraphQL field. */
  prefetchedEnterprise?: OrganizationModel;
  /** Read by MatchOutcomeResolver (declineReason, creditDecision, serviceDelivery; issue 17). */
  outcomeFacts: MatchOutcomeFacts;
}

/** The request's coded decline and recorded outcome, as stored. */
export type MatchOutcomeFacts = Pick<
  MatchRequestEntity,
  | 'declineReasonCode'
  | 'creditApproved'
  | 'amountGranted'
  | 'annualRatePercent'
  | 'termMonths'
  | 'disbursedOn'
  | 'creditDeclineReasonCode'
  | 'deliveredOn'
  | 'servicePrice'
  | 'outcomeNote'
  | 'outcomeRecordedAt'
>;

@ObjectType('MatchRequestEdge', { description: '对接申请列表的一项 (one match request of a page)' })
export class MatchRequestEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => MatchRequestModel, { description: '对接申请 (the request)' }) node: MatchRequestModel;
}

@ObjectType('MatchRequestConnection', { description: '对接申请分页，新的在前 (a page of match requests, newest first)' })
export class MatchRequestConnectionModel {
  @Field(() => [MatchRequestEdgeModel], { description: '本页 (this page)' }) edges: MatchRequestEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的总数 (requests matching role and status)' }) totalCount: number;
}

@ObjectType('ProviderMatchStats', { description: '机构作为对接申请接收方的统计：收到的申请及其结果 (an organization as the receiving side of match requests)' })
export class ProviderMatchStatsModel {
  @Field(() => Int, { description: '收到的申请总数 (requests received)' }) requestsReceived: number;
  @Field(() => Int, { description: '待回复数 (pending)' }) pending: number;
  @Field(() => Int, { description: '已接受、尚未完成数 (accepted and not yet completed)' }) accepted: number;
  @Field(() => Int, { description: '已婉拒数 (declined)' }) declined: number;
  @Field(() => Int, { description: '已完成数 (completed)' }) completed: number;
  @Field(() => Int, { description: '完成且结果为成功的数量 (completed with outcome SUCCESS)' }) successful: number;
  @Field(() => Int, { description: '已取消数 (cancelled)' }) cancelled: number;
  @Field(() => Float, { nullable: true, description: '接受率 =（已接受 + 已完成）/ 已回复，小数 0–1；尚无回复时为空 ((accepted + completed) / responded, a fraction 0..1; null before the first response)' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: '成功率 = 成功 / 已完成，小数 0–1；尚无完成时为空 (successful / completed, a fraction 0..1; null before the first completion)' }) successRate: number | null;
  @Field(() => Float, { nullable: true, description: '平均评分，1–5；尚无评分时为空 (mean rating 1..5; null before the first rating)' }) averageRating: number | null;
  @Field(() => Int, { description: '评分次数 (ratings given)' }) ratingCount: number;
  @Field(() => Float, { nullable: true, description: '从申请到接受或婉拒的中位时长，单位：小时 (median hours from request to accept/decline)' }) medianResponseHours: number | null;
  @Field(() => Float, { nullable: true, description: '首次答复的中位时长，单位：工作小时（工作日 09:00–17:00 北京时间，等待企业补充材料的时间不计）；尚无答复时为空 (median working hours to the first answer: 09:00–17:00 Beijing on working days, pauses excluded; null before the first answer)' }) medianResponseWorkingHours: number | null;
  @Field(() => Float, { nullable: true, description: '按时答复率 = 在答复时限内答复数 /（已答复数 + 已超时仍未答复数），小数 0–1，仅计有时限的申请；无此类申请时为空 (on-time rate: answered within the response deadline / (answered + unanswered past it), a fraction 0..1, requests with deadlines only; null when none)' }) onTimeResponseRate: number | null;
  @Field(() => Float, { nullable: true, description: '授信通过率 = 获批 / 已登记的授信结果，小数 0–1；仅银行，尚无结果时为空 (credit approval rate: approved / decisions recorded, a fraction 0..1; banks only, null before the first)' }) creditApprovalRate: number | null;
  @Field(() => Float, { nullable: true, description: '从申请日到放款日的中位天数；尚无放款时为空 (median days from the request date to disbursement; null before the first)' }) medianDaysToDisbursement: number | null;
}
