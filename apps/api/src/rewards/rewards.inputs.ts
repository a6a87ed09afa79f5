import { Field, ID, InputType, Int, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import { DateScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum } from '../enterprises/enterprise.models.js';

@InputType('MarkPolicyPayoutPaidInput', { description: '标记一期奖励已发放 (mark one tranche paid)' })
export class MarkPolicyPayoutPaidInput {
  @Field(() => ID, { description: '应享奖励 ID (entitlement id)' }) entitlementId: string;
  @Field(() => Int, { nullable: true, defaultValue: 0, description: '期次序号，0–9，默认 0（首期）(tranche index, 0–9, default 0)' }) trancheIndex?: number | null;
  @Field(() => DateScalar, { description: '发放日期，不晚于今天 (day paid, not in the future)' }) paidOn: Date;
  @Field({ description: '拨付凭证号，1–64 个字符 (payment reference, 1–64 characters)' }) reference: string;
  @Field(() => SafeIntScalar, { nullable: true, description: '实际发放金额，单位：元，取值 1 至本期应发金额（≤ 本期应发）；不填按本期应发 (amount actually paid, yuan, 1 to the tranche amount; default the tranche amount)' }) amount?: number | null;
}

@InputType('WithholdPolicyPayoutInput', { description: '暂缓发放一期奖励，须选择理由代码 (withhold one tranche with a coded reason)' })
export class WithholdPolicyPayoutInput {
  @Field(() => ID, { description: '应享奖励 ID (entitlement id)' }) entitlementId: string;
  @Field(() => Int, { nullable: true, defaultValue: 0, description: '期次序号，0–9，默认 0（首期）(tranche index, 0–9, default 0)' }) trancheIndex?: number | null;
  @Field({ description: '理由代码：POOR_CREDIT（信用不良）、ALREADY_REWARDED（已获同类奖励）、OUTSIDE_REGION（注册地或税收不在本地）、FACTS_DISPUTED（认定或投入信息待核实）、WITHHOLD_OTHER（其他，须填说明）(reason code)' }) reasonCode: string;
  @Field(() => String, { nullable: true, description: '理由说明，至多 200 个字符；选“其他”时必填 (text, at most 200 characters; required for WITHHOLD_OTHER)' }) reasonText?: string | null;
}

export const DraftTriggerKindEnum = asEnum(['TITLE_FIRST_CONFIRMED', 'CHALLENGE_ACCEPTED', 'SERVICE_PROVIDER_SELECTED'] as const);
registerEnumType(DraftTriggerKindEnum, {
  name: 'RewardTriggerKind',
  description: '奖励的触发条件 (what makes an organization entitled)',
  valuesMap: {
    TITLE_FIRST_CONFIRMED: { description: '首次获得所列称号（主管部门确认或导入名单；复核续期不触发）(a title confirmed for the first time)' },
    CHALLENGE_ACCEPTED: { description: '揭榜项目立项（申请被接受）(a 揭榜 project accepted)' },
    SERVICE_PROVIDER_SELECTED: { description: '入选优质服务机构 (selected as 优质服务机构)' },
  },
});

export const DraftFormulaKindEnum = asEnum(['FIXED', 'SHARE', 'MATCH_PAID'] as const);
registerEnumType(DraftFormulaKindEnum, {
  name: 'RewardFormulaKind',
  description: '奖励的计算方式 (how much)',
  valuesMap: {
    FIXED: { description: '定额 (fixed amount)' },
    SHARE: { description: '按基数的比例，设上限 (a share of a recorded base, capped)' },
    MATCH_PAID: { description: '按其他政策实际发放额配套（如 1:1）(matching of other policies’ actual payouts)' },
  },
});

export const RewardBaseEnum = asEnum(['CHALLENGE_RD_ACTUAL', 'CHALLENGE_INVESTMENT', 'SELECTION_AWARD'] as const);
registerEnumType(RewardBaseEnum, {
  name: 'RewardBase',
  description: '比例奖励的计算基数 (the base of a share)',
  valuesMap: {
    CHALLENGE_RD_ACTUAL: { description: '揭榜项目实际研发投入 (actual R&D of a 揭榜 project)' },
    CHALLENGE_INVESTMENT: { description: '揭榜项目科技投入：立项按计划、验收后按实际 (S&T investment: planned, then actual)' },
    SELECTION_AWARD: { description: '优质服务机构核定奖励 (the award decided for a 优质服务机构)' },
  },
});

@InputType('DraftRewardPolicyInput', { description: '政策草案（测算用，不发布）(a draft policy, evaluated only)' })
export class DraftRewardPolicyInput {
  @Field({ description: '政策编号，2–64 位大写字母、数字或连字符；与已有政策相同则替换其参数测算 (id; an existing id evaluates new parameters of that policy)' }) id: string;
  @Field({ description: '政策名称，1–100 个字符 (name)' }) name: string;
  @Field({ description: '发文单位，1–100 个字符 (issuer)' }) issuer: string;
  @Field(() => [String], { description: '适用地区：6 位行政区划代码，含下辖地区，1–20 个 (region codes, 1–20)' }) regionCodes: string[];
  @Field(() => DateScalar, { description: '起始日（含）(first day)' }) validFrom: Date;
  @Field(() => DateScalar, { nullable: true, description: '截止日（含），不早于起始日；不填为不定期 (last day; open when null)' }) validTo?: Date | null;
  @Field(() => DraftTriggerKindEnum, { description: '触发条件 (trigger)' }) trigger: 'TITLE_FIRST_CONFIRMED' | 'CHALLENGE_ACCEPTED' | 'SERVICE_PROVIDER_SELECTED';
  @Field(() => [EnterpriseTierEnum], { nullable: true, description: '触发或前置称号（不含 NONE），至多 4 个 (the titles of the trigger)' }) tiers?: string[] | null;
  @Field(() => DraftFormulaKindEnum, { description: '计算方式 (formula)' }) formula: 'FIXED' | 'SHARE' | 'MATCH_PAID';
  @Field(() => SafeIntScalar, { nullable: true, description: '定额，单位：元，1 至 100亿 (fixed amount, yuan)' }) amount?: number | null;
  @Field(() => RewardBaseEnum, { nullable: true, description: '比例奖励的基数 (base of a share)' }) base?: string | null;
  @Field(() => Int, { nullable: true, description: '比例，单位：基点（1–10000，3000 = 30%）(share in basis points)' }) shareBp?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '上限，单位：元 (cap, yuan)' }) cap?: number | null;
  @Field(() => Int, { nullable: true, description: '配套比例的分子，1–100 (matching numerator)' }) numerator?: number | null;
  @Field(() => Int, { nullable: true, description: '配套比例的分母，1–100 (matching denominator)' }) denominator?: number | null;
  @Field(() => String, { nullable: true, description: '就高不重复组，至多 64 个字符 (stacking group)' }) stackingGroup?: string | null;
}

export const ProjectCategoryEnum = asEnum(['INDUSTRIAL', 'AGRICULTURAL_SOCIAL'] as const);
registerEnumType(ProjectCategoryEnum, {
  name: 'ChallengeProjectCategory',
  description: '揭榜项目类别（余姚 揭榜挂帅 分类）(project class)',
  valuesMap: { INDUSTRIAL: { description: '工业类 (industrial)' }, AGRICULTURAL_SOCIAL: { description: '农业和社会发展类 (agricultural or social development)' } },
});

@InputType('RecordServiceProviderSelectionInput', { description: '登记某年度优质服务机构评选结果及主管部门核定的奖励金额（优质服务机构奖励的计算基数）(a year\'s 优质服务机构 selection and the award the bureau decided)' })
export class RecordServiceProviderSelectionInput {
  @Field(() => ID, { description: '已认证的服务机构 ID (a verified service institution)' }) organizationId: string;
  @Field(() => Int, { description: '评选年度，2018 至今年 (the selection\'s year, 2018 to this year)' }) year: number;
  @Field(() => SafeIntScalar, { description: '核定奖励，单位：元，1 至 100亿（政策另有上限，如每家最高 50万元）(award decided, yuan, 1–10^10; the policy\'s cap applies)' }) award: number;
  @Field(() => DateScalar, { nullable: true, description: '公布日期，不早于评选年度、不晚于今天；不填为今天 (day announced; default today)' }) selectedOn?: Date | null;
}

@InputType('RecordChallengeProjectFactsInput', { description: '登记已立项揭榜项目的投入与验收（揭榜奖励的计算基数）；只改填写的项 (project facts of an accepted 揭榜 application; only given fields change)' })
export class RecordChallengeProjectFactsInput {
  @Field(() => ID, { description: '已接受（立项）的揭榜申请 ID (an ACCEPTED challenge application)' }) applicationId: string;
  @Field(() => ProjectCategoryEnum, { nullable: true, description: '项目类别 (project class)' }) category?: 'INDUSTRIAL' | 'AGRICULTURAL_SOCIAL' | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '计划科技投入，单位：元，0 至 100亿 (planned investment, yuan)' }) plannedInvestment?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '实际研发（科技）投入，单位：元，0 至 100亿 (actual R&D investment, yuan)' }) actualInvestment?: number | null;
  @Field(() => DateScalar, { nullable: true, description: '验收日期，不早于立项、不晚于今天；须与验收结果同时填写 (acceptance day)' }) completedOn?: Date | null;
  @Field(() => Boolean, { nullable: true, description: '验收是否通过；须与验收日期同时填写 (passed)' }) completionPassed?: boolean | null;
}
