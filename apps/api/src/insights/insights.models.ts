import { Field, Float, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DECLINE_STAGES } from '../../../../libs/insights/src/index.js';
import { DeclineReasonKindEnum } from '../matching/match-outcome.models.js';
import { asEnum } from '../graphql/enums.js';
import { type EnterpriseTier } from '../../../../libs/enterprises/src/index.js';
import { DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum } from '../enterprises/enterprise.models.js';
import { CreditProductTypeEnum, ListingKindEnum, PageInfoModel } from '../listings/listing.models.js';
import { OrganizationModel } from '../identity/identity.models.js';
import { MUTATION_RULES } from '../../../../libs/identity/src/index.js';
import { APP_ERROR_CODES } from '../../../../libs/platform/src/index.js';

/**
 * AuditEntry.operation as an enum (issue 24 item 7): every mutation of the access table (a new
 * mutation needs its row there, so it joins this enum by itself), and OTHER for a name that is not
 * one (a refused document naming an unknown field).
 */
export const AUDIT_OPERATIONS = [...(Object.keys(MUTATION_RULES) as string[]), 'OTHER'] as const;
export const AuditOperationEnum = asEnum(AUDIT_OPERATIONS as readonly string[]);
registerEnumType(AuditOperationEnum, {
  name: 'AuditOperation',
  description: '操作日志中的操作：mutation 名称 (the mutation an audit entry records)',
  valuesMap: Object.fromEntries(
    AUDIT_OPERATIONS.map((op) => [op, { description: op === 'OTHER' ? '其他：不是本系统的 mutation 名称（如被拒绝的请求中写错的字段）(not a mutation of this API)' : `操作 ${op}（mutation 名称）` }]),
  ),
});

/** AuditEntry.outcome as an enum: OK, an error code of the API, or OTHER. */
export const AUDIT_OUTCOMES = ['OK', ...APP_ERROR_CODES, 'INTERNAL_SERVER_ERROR', 'GRAPHQL_VALIDATION_FAILED', 'GRAPHQL_PARSE_FAILED', 'BAD_REQUEST', 'OTHER'] as const;
export const AuditOutcomeEnum = asEnum(AUDIT_OUTCOMES);
const OUTCOME_WORDS: Record<(typeof AUDIT_OUTCOMES)[number], string> = {
  OK: '成功 (succeeded)',
  UNAUTHENTICATED: '未登录或登录已失效 (not signed in)',
  FORBIDDEN: '无权操作 (not allowed)',
  BAD_USER_INPUT: '输入有误 (bad input)',
  NOT_FOUND: '对象不存在 (not found)',
  CONFLICT: '状态冲突 (conflict)',
  SERVICE_UNAVAILABLE: '依赖的服务暂不可用 (a service was unavailable)',
  RATE_LIMITED: '请求过于频繁 (rate limited)',
  INTERNAL_SERVER_ERROR: '服务器内部错误 (internal error)',
  GRAPHQL_VALIDATION_FAILED: '请求不符合 schema (the document did not validate)',
  GRAPHQL_PARSE_FAILED: '请求无法解析 (the document did not parse)',
  BAD_REQUEST: 'HTTP 请求有误 (bad HTTP request)',
  OTHER: '其他错误码 (another error code)',
};
registerEnumType(AuditOutcomeEnum, {
  name: 'AuditOutcome',
  description: '操作结果：OK 或返回的错误码 (OK or the error code returned)',
  valuesMap: Object.fromEntries(AUDIT_OUTCOMES.map((o) => [o, { description: OUTCOME_WORDS[o] }])),
});

/** A stored operation/outcome as its enum value (OTHER when it is none of them). */
export const auditOperation = (op: string): string => ((AUDIT_OPERATIONS as readonly string[]).includes(op) ? op : 'OTHER');
export const auditOutcome = (outcome: string): string => ((AUDIT_OUTCOMES as readonly string[]).includes(outcome) ? outcome : 'OTHER');

export const DeclineStageEnum = asEnum(DECLINE_STAGES);
registerEnumType(DeclineStageEnum, {
  name: 'DeclineStage',
  description: '企业在哪个环节被婉拒或拒绝 (where a firm was turned down)',
  valuesMap: {
    REQUEST_DECLINED: { description: '对接申请被婉拒 (a match request declined)' },
    CREDIT_NOT_APPROVED: { description: '接受后授信未获批 (credit not granted after acceptance)' },
    APPLICATION_REJECTED: { description: '揭榜申请被拒绝 (a 揭榜 application rejected)' },
  },
});

@ObjectType('TierCount', { description: '某一梯度的企业数 (enterprises of one tier)' })
export class TierCountModel {
  @Field(() => EnterpriseTierEnum, { description: '梯度 (tier)' }) tier: EnterpriseTier;
  @Field(() => Int, { description: '企业数 (enterprises)' }) count: number;
}

@ObjectType('TierPipelineRow', { description: '一个县级地区的企业：按已认定梯度，以及按已符合条件的更高梯度统计 (enterprises of one county-level region by certified tier and by the higher tier they already qualify for)' })
export class TierPipelineRowModel {
  @Field({ description: '县级地区的 6 位行政区划代码 (county-level region code)' }) regionCode: string;
  @Field(() => String, { nullable: true, description: '地区名称；代码不在区划表中时为空 (region name; null when the code is not in the table)' }) regionName: string | null;
  @Field(() => Int, { description: '有画像的企业数 (enterprises with a profile)' }) enterprises: number;
  @Field(() => [TierCountModel], { description: '按持有且经主管部门确认或名单导入的梯度统计（含 NONE；已失效或仅企业自报的称号计为 NONE）(by the tier held, confirmed or imported; a lapsed or merely claimed title counts as NONE)' }) certified: TierCountModel[];
  @Field(() => [TierCountModel], { description: '按现行规则的最新评估，已符合高于所持梯度的企业数，按该更高梯度统计 (eligible for a tier above the one held, by that tier)' })
  eligibleNotCertified: TierCountModel[];
  @Field(() => Int, { description: '面临复核风险的称号数 (titles at 复核 risk)' }) atRisk: number;
  @Field(() => Int, {
    description: '称号已失效的企业数：认定满3年、未续期且无待定复核（已计入 certified 的 NONE）。Lapsed titles, counted under NONE in certified.',
  })
  lapsed: number;
}

@ObjectType('MatchmakingInsightRow', { description: '某月某地区企业对某一类发布信息发起的对接申请统计 (match requests made in one month by enterprises of one region for one listing kind)' })
export class MatchmakingRowModel {
  @Field({ description: '月份，YYYY-MM（北京时间）(month, Beijing time)' }) month: string;
  @Field({ description: '发起企业所在地区，6 位行政区划代码 (the requesting enterprise\'s region)' }) regionCode: string;
  @Field(() => ListingKindEnum, { description: '发布信息类别 (listing kind)' }) listingKind: string;
  @Field(() => Int, { description: '申请数 (requests)' }) requests: number;
  @Field(() => Int, { description: '其中待回复 (still pending)' }) pending: number;
  @Field(() => Int, { description: '其中已接受、未完成 (accepted, not yet completed)' }) accepted: number;
  @Field(() => Int, { description: '其中已婉拒 (declined)' }) declined: number;
  @Field(() => Int, { description: '其中已完成 (completed)' }) completed: number;
  @Field(() => Int, { description: '其中完成且成功 (completed with SUCCESS)' }) successful: number;
  @Field(() => Int, { description: '其中已取消 (cancelled)' }) cancelled: number;
  @Field(() => Float, { nullable: true, description: '接受率 =（已接受 + 已完成）/ 已回复，小数 0–1；无回复时为空 ((accepted + completed) / responded, a fraction 0..1)' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: '成功率 = 成功 / 已完成，小数 0–1；无完成时为空 (successful / completed, a fraction 0..1)' }) successRate: number | null;
  @Field(() => Float, { nullable: true, description: '首次回复时长的中位数，单位：小时；无回复时为空 (median hours to the first answer)' }) medianFirstResponseHours: number | null;
}

@ObjectType('FinancingInsightRow', { description: '某一类金融产品的对接申请统计，含金额 (match requests for credit products of one product type, with amounts)' })
export class FinancingRowModel {
  @Field(() => CreditProductTypeEnum, { description: '产品类型 (product type)' }) productType: string;
  @Field(() => Int, { description: '申请数 (requests)' }) requests: number;
  @Field(() => Int, { description: '已完成数 (completed)' }) completed: number;
  @Field(() => Int, { description: '完成且成功数 (completed with SUCCESS)' }) successful: number;
  @Field(() => SafeIntScalar, { description: '已完成申请的申请金额合计，单位：元 (amount requested in completed matches, yuan)' }) completedAmount: number;
  @Field(() => SafeIntScalar, { description: '成功申请的申请金额合计，单位：元 (amount requested in matches completed with SUCCESS, yuan)' }) successfulAmount: number;
  @Field(() => SafeIntScalar, { description: '全部申请的申请金额合计，单位：元 (amount applied for in all requests, yuan)' }) appliedAmount: number;
  @Field(() => Int, { description: '银行已登记授信结果的申请数 (requests with a recorded credit decision)' }) decided: number;
  @Field(() => Int, { description: '其中获批数 (of which approved)' }) approved: number;
  @Field(() => Float, { nullable: true, description: '授信通过率 = 获批 / 已登记结果，小数 0–1；无结果时为空 (approval rate: approved / decided, a fraction 0..1)' }) approvalRate: number | null;
  @Field(() => SafeIntScalar, { description: '获批授信金额合计，单位：元 (amount granted, yuan)' }) grantedAmount: number;
  @Field(() => Float, { nullable: true, description: '从申请日到放款日的中位天数；无放款时为空 (median days from the request date to disbursement)' }) medianDaysToDisbursement: number | null;
}

@ObjectType('DeclineReasonInsightRow', { description: '一家机构在统计区间内按理由统计的婉拒或拒绝次数 (declines and rejections of one institution by reason, decided in the period)' })
export class DeclineReasonInsightRowModel {
  @Field(() => ID, { description: '作出决定的机构 ID (the deciding institution)' }) institutionId: string;
  @Field({ description: '机构名称 (institution name)' }) institutionName: string;
  @Field(() => DeclineReasonKindEnum, { description: '理由列表（资源类型）(the reason list, by listing kind)' }) kind: string;
  @Field(() => DeclineStageEnum, { description: '环节 (where the firm was turned down)' }) stage: string;
  @Field({ description: '理由代码 (reason code)' }) reasonCode: string;
  @Field({ description: '理由名称 (reason label)' }) reasonLabel: string;
  @Field(() => Int, { description: '次数 (how many)' }) count: number;
}

@ObjectType('ChallengeInsightRow', { description: '一家链主企业在统计区间内的揭榜挂帅情况 (揭榜 activity of one anchor enterprise in the period)' })
export class ChallengeInsightRowModel {
  @Field(() => ID, { description: '链主企业机构 ID (anchor enterprise)' }) anchorOrganizationId: string;
  @Field({ description: '链主企业名称 (anchor enterprise name)' }) anchorName: string;
  @Field(() => Int, { description: '区间内发布的榜单数 (challenges published in the period)' }) challengesPublished: number;
  @Field(() => Int, { description: '区间内收到的揭榜申请数 (applications received in the period)' }) applications: number;
  @Field(() => Int, { description: '区间内接受的揭榜方数 (solvers accepted in the period)' }) acceptedSolvers: number;
}

@ObjectType('RankingComponent', { description: '服务机构排名得分的一个组成部分 (one weighted input of the ranking score)' })
export class RankingComponentModel {
  @Field({ description: '指标：volume（申请量）、acceptance（接受率）、responsiveness（响应速度，按工作小时）、punctuality（按时答复率）、completion（完成率）、success（成功率）或 satisfaction（满意度）(the input)' }) input: string;
  @Field(() => Float, { description: '归一化后的指标值，0–1 (normalised input 0..1)' }) value: number;
  @Field(() => Float, { description: '加权后贡献的分数；各项之和等于总分 (weighted share of the score; shares sum to the score)' }) contribution: number;
}

@ObjectType('ServiceInstitutionRank', { description: '服务机构排名中的一家机构，按统计区间内收到的对接申请计算 (one service institution in the ranking, from requests made in the period)' })
export class ServiceInstitutionRankModel {
  @Field(() => Int, { description: '名次，从 1 起 (rank, from 1)' }) rank: number;
  @Field(() => OrganizationModel, { description: '服务机构 (the service institution)' }) organization: OrganizationModel;
  @Field(() => Float, { description: '综合得分，0–100 (score 0..100)' }) score: number;
  @Field(() => Int, { description: '收到的申请数 (requests received)' }) requests: number;
  @Field(() => Int, { description: '已完成数 (completed)' }) completed: number;
  @Field(() => Float, { nullable: true, description: '接受率 =（已接受 + 已完成）/ 已回复，小数 0–1 (acceptance rate, a fraction 0..1)' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: '完成率 = 已完成 /（已接受 + 已完成），小数 0–1 (completion rate, a fraction 0..1)' }) completionRate: number | null;
  @Field(() => Float, { nullable: true, description: '成功率 = 成功 / 已完成，小数 0–1 (success rate, a fraction 0..1)' }) successRate: number | null;
  @Field(() => Float, { nullable: true, description: '平均评分，1–5 (mean rating 1..5)' }) averageRating: number | null;
  @Field(() => Int, { description: '评分次数 (ratings given)' }) ratingCount: number;
  @Field(() => Float, { nullable: true, description: '从申请到回复的中位时长，单位：小时 (median hours to answer)' }) medianResponseHours: number | null;
  @Field(() => Float, { nullable: true, description: '首次答复的中位时长，单位：工作小时（工作日 09:00–17:00 北京时间，等待企业补充材料的时间不计）；无带时限的申请时为空 (median working hours to the first answer, pauses excluded; null without requests that have deadlines)' }) medianResponseWorkingHours: number | null;
  @Field(() => Float, { nullable: true, description: '按时答复率 = 在答复时限内答复数 /（已答复数 + 已超时仍未答复数），小数 0–1；无带时限的申请时为空 (on-time rate: answered within the response deadline / (answered + unanswered past it), a fraction 0..1; null without requests that have deadlines)' }) onTimeResponseRate: number | null;
  @Field(() => [RankingComponentModel], { description: '得分构成 (score components)' }) components: RankingComponentModel[];
  organizationId: string;
}

@ObjectType('AuditEntry', { description: '一次 mutation 调用的操作日志 (one mutation call in the audit log)' })
export class AuditEntryModel {
  @Field(() => ID, { description: '日志 ID (entry id)' }) id: string;
  @Field(() => DateTimeScalar, { description: '时间 (when)' }) at: Date;
  @Field(() => ID, { nullable: true, description: '操作的用户；未登录时为空 (the user; null when signed out)' }) userId: string | null;
  @Field(() => ID, { nullable: true, description: '用户所在机构 (the user\'s organization)' }) organizationId: string | null;
  @Field(() => String, { nullable: true, description: '机构类型，如 ENTERPRISE (organization kind)' }) organizationKind: string | null;
  @Field(() => AuditOperationEnum, { description: '操作名（mutation 名称）；不是本系统 mutation 的名称为 OTHER (the mutation; OTHER for an unknown name)' }) operation: string;
  @Field(() => String, { nullable: true, description: '操作对象的 ID (the row acted on)' }) targetId: string | null;
  @Field(() => AuditOutcomeEnum, { description: '结果：OK 或返回的错误码 (OK or the error code returned)' }) outcome: string;
  @Field(() => String, { nullable: true, description: '请求 ID，用于关联日志 (request id)' }) requestId: string | null;
}

@ObjectType('AuditEntryEdge', { description: '操作日志的一项 (one audit entry of a page)' })
export class AuditEntryEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => AuditEntryModel, { description: '日志 (the entry)' }) node: AuditEntryModel;
}

@ObjectType('AuditEntryConnection', { description: '操作日志分页，新的在前 (a page of the audit log, newest first)' })
export class AuditEntryConnectionModel {
  @Field(() => [AuditEntryEdgeModel], { description: '本页 (this page)' }) edges: AuditEntryEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  /** The filter of this page, for totalCount (AuditEntryConnectionResolver), counted only when asked for: the log is the largest table. */
  filter: AuditFilterValue;
}

/** What auditLog filtered by (not a GraphQL field). */
export interface AuditFilterValue {
  organizationId?: string | null;
  operation?: string | null;
  outcome?: string | null;
  from?: Date | null;
  to?: Date | null;
}

@ObjectType('MatchmakingFunnelRow', {
  description:
    '对接漏斗的一行：一种资源类型、一个企业所在地区、一家发布机构。口径：统计区间内进入企业推荐集的（企业、信息）对为“匹配”，其后在区间结束前发生的推送、查看、申请、答复、接受、成功依次计数 (one funnel row per listing kind, firm region and institution; the cohort is pairs matched in the period, later steps counted until the period ends)',
})
export class MatchmakingFunnelRowModel {
  @Field(() => ListingKindEnum, { description: '资源类型 (listing kind)' }) listingKind: string;
  @Field({ description: '企业所在地区，6 位行政区划代码 (the firms\' region code)' }) regionCode: string;
  @Field(() => String, { nullable: true, description: '地区名称 (region name)' }) regionName: string | null;
  @Field(() => ID, { description: '发布机构 ID (the listing owner)' }) institutionId: string;
  @Field({ description: '发布机构名称 (institution name)' }) institutionName: string;
  @Field(() => Int, { description: '匹配：区间内进入企业推荐集的（企业、信息）对数，单位：对 (pairs that entered a firm\'s set in the period)' }) matched: number;
  @Field(() => Int, { description: '推送：其中已推送的对数 (of those, pushed)' }) pushed: number;
  @Field(() => Int, { description: '查看：其中企业在匹配后、区间结束前查看过的对数 (viewed after matching, before the period ends)' }) viewed: number;
  @Field(() => Int, { description: '申请：其中企业在匹配后、区间结束前提出对接申请或揭榜申请的对数 (requested or applied after matching)' }) requested: number;
  @Field(() => Int, { description: '答复：其中申请在区间结束前已获答复（揭榜：已决定）的对数 (answered, or decided, before the period ends)' }) responded: number;
  @Field(() => Int, { description: '接受：其中答复不是婉拒（揭榜：入围或接受）的对数 (answered other than declined; 揭榜 shortlisted or accepted)' }) accepted: number;
  @Field(() => Int, { description: '成功：金融产品为授信获批（已放款口径），其他为对接成功完成，揭榜为接受揭榜方 (credit granted; others completed with success; 揭榜 accepted)' }) succeeded: number;
  @Field(() => SafeIntScalar, { description: '成功的金融产品对接获批金额合计，单位：元，0–2^53；其他类型为 0 (yuan granted on succeeded credit requests)' }) fundedAmount: number;
  @Field(() => Float, { nullable: true, description: '推送率 = 推送 / 匹配，小数 0–1；匹配为 0 时为空 (pushed / matched)' }) pushRate: number | null;
  @Field(() => Float, { nullable: true, description: '查看率 = 查看 / 匹配，小数 0–1 (viewed / matched)' }) viewRate: number | null;
  @Field(() => Float, { nullable: true, description: '申请率 = 申请 / 匹配，小数 0–1 (requested / matched)' }) requestRate: number | null;
  @Field(() => Float, { nullable: true, description: '答复率 = 答复 / 申请，小数 0–1 (responded / requested)' }) responseRate: number | null;
  @Field(() => Float, { nullable: true, description: '接受率 = 接受 / 答复，小数 0–1 (accepted / responded)' }) acceptanceRate: number | null;
  @Field(() => Float, { nullable: true, description: '成功率 = 成功 / 接受，小数 0–1 (succeeded / accepted)' }) successRate: number | null;
}
