import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import { DateScalar, SafeIntScalar } from '../graphql/scalars.js';
import { PageInfoModel } from '../listings/listing.models.js';

export const RewardPolicyConfirmationEnum = asEnum(['CONFIRMED', 'UNCONFIRMED'] as const);
registerEnumType(RewardPolicyConfirmationEnum, {
  name: 'RewardPolicyConfirmation',
  description: '政策参数的确认状态 (how sure the policy parameters are)',
  valuesMap: {
    CONFIRMED: { description: '已确认：参数出自正式文件 (parameters from the published document)' },
    UNCONFIRMED: { description: '待确认：出自征求意见稿或转述，文号、有效期或口径未核实，参数可配置 (from a draft or a report; to be confirmed)' },
  },
});

export const RewardTrancheStatusEnum = asEnum(['DUE', 'WAITING', 'FORFEITED'] as const);
registerEnumType(RewardTrancheStatusEnum, {
  name: 'RewardTrancheStatus',
  description: '一期奖励的状态 (state of one tranche)',
  valuesMap: {
    DUE: { description: '已到期，可拨付 (due)' },
    WAITING: { description: '待条件成就（如验收）后按实际结算 (waiting for e.g. 验收)' },
    FORFEITED: { description: '不再拨付（如验收未通过）(forfeited, e.g. 验收 failed)' },
  },
});

export const PolicyRewardStateEnum = asEnum(['ELIGIBLE', 'PENDING', 'PAID', 'WITHHELD', 'SUPERSEDED'] as const);
registerEnumType(PolicyRewardStateEnum, {
  name: 'PolicyRewardState',
  description: '应享奖励的兑付状态 (where an entitlement stands)',
  valuesMap: {
    ELIGIBLE: { description: '应享：有已到期未兑付的金额 (owed: something is due and not yet decided)' },
    PENDING: { description: '待结算：其余各期待条件成就（如验收）(later tranches wait for a condition)' },
    PAID: { description: '已兑付：各到期期次均已发放 (every due tranche paid)' },
    WITHHELD: { description: '暂缓发放：主管部门按理由代码暂缓 (withheld by the bureau with a coded reason)' },
    SUPERSEDED: { description: '就高不重复：同组较高奖励发放，本项不发 (a higher reward of its group pays instead)' },
  },
});

export const PayoutDecisionEnum = asEnum(['PAID', 'WITHHELD'] as const);
registerEnumType(PayoutDecisionEnum, {
  name: 'PolicyPayoutDecision',
  description: '主管部门对一期兑付的决定 (the bureau’s decision on one tranche)',
  valuesMap: { PAID: { description: '已发放 (paid)' }, WITHHELD: { description: '暂缓发放 (withheld)' } },
});

@ObjectType('RewardPolicy', { description: '惠企政策（奖励规则以数据形式配置）(a reward policy, rules as data)' })
export class RewardPolicyModel {
  @Field(() => ID, { description: '政策编号，如 YUYAO-2022-LITTLE-GIANT (stable policy id)' }) id: string;
  @Field({ description: '政策名称 (name)' }) name: string;
  @Field({ description: '发文单位 (issuer)' }) issuer: string;
  @Field(() => String, { nullable: true, description: '文号，如 余政办发〔2022〕60号；未见时为空 (document number, when known)' }) documentNumber: string | null;
  @Field({ description: '出处（种子文件与条款或网址）(where the rule is written)' }) source: string;
  @Field(() => RewardPolicyConfirmationEnum, { description: '参数确认状态 (confirmation status)' }) confirmation: 'CONFIRMED' | 'UNCONFIRMED';
  @Field(() => String, { nullable: true, description: '说明：待确认之处或口径 (note: what is unconfirmed, how the text is read)' }) note: string | null;
  @Field(() => [String], { description: '适用地区名称（含下辖地区）(names of the regions in scope, areas under them included)' }) regionNames: string[];
  @Field(() => DateScalar, { description: '起始日（含），按触发日期判断 (first day a trigger counts)' }) validFrom: string;
  @Field(() => DateScalar, { nullable: true, description: '截止日（含）；为空表示未定 (last day a trigger counts; null = open)' }) validTo: string | null;
  @Field({ description: '奖励规则的中文说明，如“首次获得专精特新“小巨人”企业认定，定额 50万元” (the rule in words)' }) rule: string;
  @Field(() => String, { nullable: true, description: '就高不重复组；同组只按最高者发放 (stacking group: only the highest of a group pays)' }) stackingGroup: string | null;
}

@ObjectType('RewardTranche', { description: '一期奖励 (one tranche)' })
export class RewardTrancheModel {
  @Field(() => Int, { description: '期次序号，0 为首期，0–9 (tranche index, 0 = first)' }) index: number;
  @Field({ description: '期次名称，如 立项拨付 (label)' }) label: string;
  @Field(() => SafeIntScalar, { description: '本期金额，单位：元 (amount, yuan)' }) amount: number;
  @Field(() => RewardTrancheStatusEnum, { description: '本期状态 (state)' }) status: 'DUE' | 'WAITING' | 'FORFEITED';
  @Field(() => DateScalar, { nullable: true, description: '到期日 (day it became due)' }) dueOn: string | null;
  @Field(() => PayoutDecisionEnum, { nullable: true, description: '主管部门的决定；未决定时为空 (the bureau’s decision, null when none)' }) decision: 'PAID' | 'WITHHELD' | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '实际发放金额，单位：元 (amount actually paid, yuan)' }) paidAmount: number | null;
  @Field(() => DateScalar, { nullable: true, description: '发放日期 (day paid)' }) paidOn: string | null;
  @Field(() => String, { nullable: true, description: '拨付凭证号 (payment reference)' }) reference: string | null;
  @Field(() => String, { nullable: true, description: '暂缓发放的理由代码 (withhold reason code)' }) withholdReasonCode: string | null;
  @Field(() => String, { nullable: true, description: '暂缓发放的理由，中文 (withhold reason in Chinese)' }) withholdReason: string | null;
}

@ObjectType('RewardFact', { description: '计算所用的事实及其来源 (a fact used, with where it comes from)' })
export class RewardFactModel {
  @Field({ description: '事实名称，如 专精特新“小巨人”企业认定日期 (what)' }) label: string;
  @Field({ description: '取值 (value as shown)' }) value: string;
  @Field({ description: '来源：主管部门确认的称号、导入的认定名单、登记的研发投入、已发放记录等 (provenance in Chinese)' }) source: string;
}

@ObjectType('PolicyReward', { description: '一项应享奖励：政策、金额、计算过程、分期与依据 (one entitlement with its arithmetic, tranches and evidence)' })
export class PolicyRewardModel {
  @Field(() => ID, { description: '应享奖励 ID (entitlement id)' }) id: string;
  @Field(() => RewardPolicyModel, { description: '政策 (the policy)' }) policy: RewardPolicyModel;
  @Field(() => PolicyRewardStateEnum, { description: '兑付状态 (state)' }) state: string;
  @Field(() => DateScalar, { description: '触发日期（认定日期、立项日期等）(trigger date)' }) triggeredOn: string;
  @Field(() => SafeIntScalar, { description: '应享总额，单位：元（就高不重复后）(total owed, yuan)' }) amount: number;
  @Field(() => SafeIntScalar, { description: '已到期未决定的金额，单位：元 (due and not yet decided, yuan)' }) amountDue: number;
  @Field(() => SafeIntScalar, { description: '已发放金额，单位：元 (paid so far, yuan)' }) amountPaid: number;
  @Field({ description: '计算过程，如 “定额 50万元” (the arithmetic in Chinese)' }) arithmetic: string;
  @Field(() => [RewardTrancheModel], { complexity: (o) => 1 + o.childComplexity * 2, description: '分期，至多 2 期 (tranches, at most 2)' }) tranches: RewardTrancheModel[];
  @Field(() => [RewardFactModel], { complexity: (o) => 1 + o.childComplexity * 10, description: '依据的事实及来源，至多 10 项 (facts used, at most 10)' }) facts: RewardFactModel[];
  @Field(() => [String], { description: '说明，如政策参数待确认 (notes)' }) notes: string[];
  @Field({ description: '计算所用政策集版本 (policy set version)' }) policySetVersion: string;
  @Field(() => DateScalar, { description: '计算日期 (evaluated on)' }) evaluatedOn: string;
  @Field({ description: '触发条件已不成立但已有兑付记录时为 true (the trigger no longer holds; kept for its payout records)' }) stale: boolean;
}

@ObjectType('PolicyNearMiss', { description: '差一步即可获得的奖励 (a reward within reach)' })
export class PolicyNearMissModel {
  @Field(() => RewardPolicyModel, { description: '政策 (the policy)' }) policy: RewardPolicyModel;
  @Field({ description: '还缺什么，如 “再获得专精特新中小企业认定即可获得…5万元” (what is missing)' }) missing: string;
  @Field(() => SafeIntScalar, { nullable: true, description: '可获得金额，单位：元；按比例计算的为空 (what it would pay, yuan; null when it depends on a base)' }) potentialAmount: number | null;
}

@ObjectType('MyPolicyRewards', { description: '本机构的政策奖励（免申即享）(the caller’s policy rewards)' })
export class MyPolicyRewardsModel {
  @Field(() => [PolicyRewardModel], { complexity: (o) => 1 + o.childComplexity * 20, description: '应享（有到期未兑付金额），最多 20 项 (owed, at most 20)' }) eligible: PolicyRewardModel[];
  @Field(() => [PolicyRewardModel], { complexity: (o) => 1 + o.childComplexity * 20, description: '待结算或暂缓，最多 20 项 (waiting for a condition or withheld, at most 20)' }) pending: PolicyRewardModel[];
  @Field(() => [PolicyRewardModel], { complexity: (o) => 1 + o.childComplexity * 20, description: '已兑付，最多 20 项 (paid, at most 20)' }) paid: PolicyRewardModel[];
  @Field(() => [PolicyRewardModel], { complexity: (o) => 1 + o.childComplexity * 20, description: '就高不重复未发的项，最多 20 项 (superseded, at most 20)' }) superseded: PolicyRewardModel[];
  @Field(() => [PolicyNearMissModel], { complexity: (o) => 1 + o.childComplexity * 20, description: '差一步即可获得的奖励，最多 20 项 (near misses, at most 20)' }) nearMisses: PolicyNearMissModel[];
  @Field(() => SafeIntScalar, { description: '应享未兑付合计，单位：元 (owed and not yet paid in total, yuan)' }) totalOwed: number;
}

@ObjectType('PolicyPayoutLine', { description: '兑付清单的一行：受益机构、金额、依据与凭证 (one line of a payout list)' })
export class PolicyPayoutLineModel {
  @Field(() => ID, { description: '应享奖励 ID (entitlement id)' }) id: string;
  @Field(() => ID, { description: '受益机构 ID (the organization)' }) organizationId: string;
  @Field({ description: '受益机构名称 (organization name)' }) organizationName: string;
  @Field(() => String, { nullable: true, description: '统一社会信用代码 (USCC)' }) uscc: string | null;
  @Field({ description: '所在地区名称 (region name)' }) regionName: string;
  @Field(() => PolicyRewardModel, { description: '应享奖励（金额、计算过程、分期、依据）(the entitlement)' }) reward: PolicyRewardModel;
}

@ObjectType('PolicyPayoutEdge', { description: '兑付清单的一项 (one line of a page)' })
export class PolicyPayoutEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => PolicyPayoutLineModel, { description: '兑付行 (the line)' }) node: PolicyPayoutLineModel;
}

@ObjectType('PolicyPayoutConnection', { description: '兑付清单分页，最新的在前 (a page of a payout list, newest first)' })
export class PolicyPayoutConnectionModel {
  @Field(() => [PolicyPayoutEdgeModel], { description: '本页各行 (the lines)' }) edges: PolicyPayoutEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (paging)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的总行数 (lines matching in total)' }) totalCount: number;
}

@ObjectType('PolicyPayoutTotal', { description: '按政策和地区的兑付汇总 (totals per policy and region)' })
export class PolicyPayoutTotalModel {
  @Field(() => ID, { description: '政策编号 (policy id)' }) policyId: string;
  @Field({ description: '县级地区代码 (county region code)' }) regionCode: string;
  @Field({ description: '地区名称 (region name)' }) regionName: string;
  @Field(() => Int, { description: '受益机构数，单位：家 (organizations)' }) organizations: number;
  @Field(() => SafeIntScalar, { description: '应享合计，单位：元 (entitled, yuan)' }) entitled: number;
  @Field(() => SafeIntScalar, { description: '已发放合计，单位：元 (paid, yuan)' }) paid: number;
  @Field(() => Int, { description: '暂缓发放的期次数，单位：期 (withheld tranches)' }) withheld: number;
}

@ObjectType('PolicyWhatIf', { description: '政策草案测算：对当前机构的受益数与成本 (a draft policy against current organizations)' })
export class PolicyWhatIfModel {
  @Field(() => Int, { description: '受益机构数，单位：家 (beneficiaries)' }) beneficiaries: number;
  @Field(() => SafeIntScalar, { description: '总成本，单位：元 (total cost, yuan)' }) cost: number;
  @Field(() => Int, { description: '参与测算的机构数，单位：家 (organizations evaluated)' }) evaluated: number;
}


@ObjectType('ServiceProviderSelection', { description: '优质服务机构评选结果 (a recorded 优质服务机构 selection)' })
export class ServiceProviderSelectionModel {
  @Field(() => ID, { description: '服务机构 ID (institution id)' }) organizationId: string;
  @Field(() => Int, { description: '评选年度 (year)' }) year: number;
  @Field(() => SafeIntScalar, { description: '核定奖励，单位：元 (award, yuan)' }) award: number;
  @Field(() => DateScalar, { description: '公布日期（北京时间）(day announced)' }) selectedOn: string;
}

@ObjectType('ChallengeProjectFacts', { description: '揭榜项目的登记信息 (recorded project facts)' })
export class ChallengeProjectFactsModel {
  @Field(() => ID, { description: '揭榜申请 ID (application id)' }) applicationId: string;
  @Field(() => String, { nullable: true, description: '项目类别：INDUSTRIAL 工业类、AGRICULTURAL_SOCIAL 农业和社会发展类 (class)' }) category: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '计划科技投入，单位：元 (planned, yuan)' }) plannedInvestment: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '实际研发（科技）投入，单位：元 (actual, yuan)' }) actualInvestment: number | null;
  @Field(() => DateScalar, { nullable: true, description: '验收日期 (acceptance day)' }) completedOn: string | null;
  @Field(() => Boolean, { nullable: true, description: '验收是否通过 (passed)' }) completionPassed: boolean | null;
}
