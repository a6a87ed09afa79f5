import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { boundText } from '../../../../libs/platform/src/index.js';
import { asEnum as asEnumOf } from '../graphql/enums.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import {
  AssessmentVerdictEnum,
  CriterionStatusEnum,
  EnterpriseTierEnum,
  HonourEnum,
  MainProductFieldEnum,
  PassPathEnum,
  RdInstitutionLevelEnum,
} from './enterprise.models.js';

const AwardLevelEnum = { NATIONAL: 'NATIONAL', PROVINCIAL: 'PROVINCIAL' } as const;
registerEnumType(AwardLevelEnum, {
  name: 'AwardLevel',
  description: '科技奖励级别 (level of a science and technology award)',
  valuesMap: {
    NATIONAL: { description: '国家级科技奖励 (national award)' },
    PROVINCIAL: { description: '省级科技奖励 (provincial award)' },
  },
});
const MakerChinaGroupEnum = { TOP50: 'TOP50', TOP500: 'TOP500' } as const;
registerEnumType(MakerChinaGroupEnum, {
  name: 'MakerChinaGroup',
  description: '“创客中国”中小企业创新创业大赛全国赛中进入的企业组名次段 (创客中国 national group reached)',
  valuesMap: {
    TOP50: { description: '全国50强企业组 (national top-50 group)' },
    TOP500: { description: '全国500强企业组 (national top-500 group)' },
  },
});

@ObjectType('ScienceAward', { description: '企业获得的科技奖励 (a science and technology award the firm received)' })
@InputType('ScienceAwardInput', { description: '企业获得的科技奖励 (a science and technology award the firm received)' })
export class ScienceAwardModel {
  @Field(() => AwardLevelEnum, { description: '奖励级别 (award level)' }) level: 'NATIONAL' | 'PROVINCIAL';
  @Field(() => Int, { description: '获奖年份，整数，不晚于今年 (year of the award, not after this year)' }) year: number;
  @Field(() => Int, { nullable: true, description: '企业在获奖单位中的排名，≥ 1 的整数 (the firm\'s rank among the awardees, ≥ 1)' }) rank?: number | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: '获奖日期（须在所填年份内）；"近3年"指评价日前36个月内，只填年份且该年跨越起算日时需要填写。Award date, within the stated year.',
  })
  awardedOn?: string | null;
}

@ObjectType('MakerChinaResult', { description: '“创客中国”大赛成绩 (result in the 创客中国 competition)' })
@InputType('MakerChinaResultInput', { description: '“创客中国”大赛成绩 (result in the 创客中国 competition)' })
export class MakerChinaModel {
  @Field(() => Int, { description: '参赛年份 (year of the competition)' }) year: number;
  @Field(() => MakerChinaGroupEnum, { description: '进入的全国企业组 (national group reached)' }) group: 'TOP50' | 'TOP500';
  @Field(() => DateScalar, {
    nullable: true,
    description: '晋级日期（须在所填年份内）；"近3年"指评价日前36个月内，只填年份且该年跨越起算日时需要填写。Date the group was reached.',
  })
  reachedOn?: string | null;
}

@ObjectType('EquityRound', { description: '一笔新增股权融资（合格机构投资者实缴）。One equity financing round, paid in by qualified institutional investors.' })
@InputType('EquityRoundInput', { description: '一笔新增股权融资（合格机构投资者实缴）。One equity financing round.' })
export class EquityRoundModel {
  @Field(() => DateScalar, { description: '到账日期，不晚于今天。Day the money was received.' }) receivedOn: string;
  @Field(() => SafeIntScalar, { description: `金额，单位：元（正整数），取值 ${boundText('positiveMoneyYuan')}。Amount in whole yuan.` }) amount: number;
}

@ObjectType('QualityManagement', { description: '质量管理情况（专精特新中小企业评分第6项，每项3分，最高5分）(quality management, 专精特新 indicator 6: 3 points per item, at most 5)' })
@InputType('QualityManagementInput', { description: '质量管理情况（专精特新中小企业评分第6项，每项3分，最高5分）(quality management, 专精特新 indicator 6: 3 points per item, at most 5)' })
export class QualityModel {
  @Field(() => Boolean, { nullable: true, description: '获得省级以上质量奖 (a provincial-or-higher quality award)' }) provincialQualityAward?: boolean;
  @Field(() => Boolean, { nullable: true, description: '通过 ISO9001 等质量管理体系认证 (an ISO9001-type certificate)' }) iso9001?: boolean;
  @Field(() => Boolean, { nullable: true, description: '拥有自主品牌 (own brand)' }) ownBrand?: boolean;
  @Field(() => Boolean, { nullable: true, description: '参与制修订标准 (took part in drafting standards)' }) standardsDrafting?: boolean;
}

@ObjectType('PlatformScore', { description: '国家平台给出的专精特新发展评价得分（2026 规则）(the national platform\'s development evaluation score, 2026 rules)' })
@InputType('PlatformScoreInput', { description: '国家平台给出的专精特新发展评价得分（2026 规则）(the national platform\'s development evaluation score, 2026 rules)' })
export class PlatformScoreModel {
  @Field(() => Int, { description: '评价年份，整数，不晚于今年 (year evaluated, not after this year)' }) year: number;
  @Field(() => Float, { description: '专精特新发展评价得分，0–100 分，由国家平台给出（2026 规则）(score 0–100 from the national platform)' }) score: number;
}

/**
 * What the tier rules need beyond the contract's profile; every field optional. Missing ones make
 * the affected criteria UNKNOWN (listed in TierAssessment.missingData), never silently failed.
 */
@ObjectType('EnterpriseTierFacts', { description: '梯度认定规则所需的补充信息；均为可选，未填写的项使相关条件为“未知” (optional facts the tier rules use; missing ones make criteria UNKNOWN)' })
@InputType('EnterpriseTierFactsInput', { description: '梯度认定规则所需的补充信息；均为可选，未填写的项使相关条件为“未知” (optional facts the tier rules use; missing ones make criteria UNKNOWN)' })
export class TierFactsModel {
  @Field(() => Int, { nullable: true, description: 'Ⅰ类高价值发明专利数（海外同族、维持超过10年、质押融资或获奖），单位：件，0 至发明专利总数 (high-value Ⅰ类 patents, count, at most inventionPatents)' }) highValueInventionPatents?: number | null;
  @Field(() => Int, { nullable: true, description: '自主研发（非受让）的Ⅰ类知识产权数，单位：件，0 至发明专利总数 (Ⅰ类 IP developed in house, count, at most inventionPatents)' }) selfDevelopedInventionPatents?: number | null;
  @Field(() => RdInstitutionLevelEnum, { nullable: true, description: '自有研发机构的最高级别 (level of the firm\'s own R&D institution)' }) rdInstitutionLevel?: (typeof RdInstitutionLevelEnum)[keyof typeof RdInstitutionLevelEnum] | null;
  @Field(() => Int, { nullable: true, description: '中小企业数字化水平等级，0–4 级的整数 (SME digital maturity level, whole number 0–4)' }) digitalMaturityLevel?: number | null;
  @Field(() => Float, { nullable: true, description: '主导产品全国细分市场占有率，单位：%，0–100 (national niche market share of the main product, percent 0–100)' }) nicheMarketSharePercent?: number | null;
  @Field(() => Boolean, { nullable: true, description: '主导产品全国市场排名前三 (main product ranks top 3 in China)' }) marketTop3?: boolean | null;
  @Field(() => [ScienceAwardModel], { nullable: true, description: '企业获得的国家级或省级科技奖励 (national or provincial science and technology awards received)' }) awards?: ScienceAwardModel[] | null;
  @Field(() => MakerChinaModel, { nullable: true, description: '“创客中国”大赛最好成绩 (best 创客中国 result)' }) makerChina?: MakerChinaModel | null;
  @Field(() => [EquityRoundModel], {
    nullable: true,
    description:
      '各笔股权融资（最多50笔）。填写后（含空列表），"近3年新增股权融资"按到账日期计入评价日前36个月内的各笔；不填则按年度融资额计。Dated equity rounds (at most 50); when given they decide the 3-year equity window.',
  })
  equityRounds?: EquityRoundModel[] | null;
  @Field(() => [HonourEnum], { nullable: true, description: '有效期内的荣誉称号 (honours currently held)' }) honours?: Array<(typeof HonourEnum)[keyof typeof HonourEnum]> | null;
  @Field(() => Boolean, { nullable: true, description: '主导产品属于《战略性新兴产业分类》(main product listed in the strategic emerging industries classification)' }) strategicEmergingIndustry?: boolean | null;
  @Field(() => MainProductFieldEnum, { nullable: true, description: '主导产品所属领域（专精特新中小企业评分第4项）(field of the main product)' }) mainProductField?: (typeof MainProductFieldEnum)[keyof typeof MainProductFieldEnum] | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      '旧字段：主导产品属于工业"六基"、制造强国十大重点产业或网络强国领域之一（合并填报）。请改填 mainProductInSixFoundations、mainProductInTopTenSectors、mainProductInCyberPowerField 三个分项；仅在分项未填时使用：填"否"视为三项均否，填"是"不能证明属于"六基"，不满足2026年"小巨人"主导产品领域条件。Former combined flag (工业六基 / 制造强国 priority sectors / 网络强国 fields); use the three split fields instead.',
  })
  mainProductInPriorityField?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      '主导产品属于工业"六基"领域（核心基础零部件/元器件、关键软件、先进基础工艺、关键基础材料、产业技术基础）；与产业链关键环节一起决定2026年"小巨人"主导产品领域条件。Main product in the 工业六基 fields.',
  })
  mainProductInSixFoundations?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: '主导产品属于制造强国战略十大重点产业领域（计入2022年"小巨人"主导产品领域，不满足2026年该条件）。Main product in the ten priority sectors of the 制造强国 strategy.',
  })
  mainProductInTopTenSectors?: boolean | null;
  @Field(() => Boolean, {
    nullable: true,
    description: '主导产品属于网络强国建设领域（信息基础设施、关键核心技术、网络与数据安全；计入2022年"小巨人"主导产品领域，不满足2026年该条件）。Main product in the 网络强国 fields.',
  })
  mainProductInCyberPowerField?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '处于产业链关键环节并发挥补短板、锻长板、填空白作用（小巨人“链”）(key chain link with a 补短板/锻长板/填空白 role)' }) keyChainRole?: boolean | null;
  @Field(() => QualityModel, { nullable: true, description: '质量管理情况 (quality management)' }) quality?: QualityModel | null;
  @Field(() => Boolean, { nullable: true, description: '获得管理体系认证，或产品获得发达国家或地区认证 (holds a management-system certification, or product certification from developed countries or regions)' }) managementCertification?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '至少一项核心业务流程（研发设计、生产制造或供应链）应用信息系统 (a core process runs on an information system)' }) coreProcessInformatized?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: '治理规范、信用良好（未列入经营异常名录或严重失信名单）(good governance and credit)' }) goodCredit?: boolean | null;
  @Field(() => [PlatformScoreModel], { nullable: true, description: '各年度专精特新发展评价得分 (platform evaluation scores by year)' }) platformScores?: PlatformScoreModel[] | null;
  @Field(() => Boolean, { nullable: true, description: '科技型中小企业入库或创新型中小企业称号有效（2026 规则的前置条件）(科技型 or 创新型 status valid, 2026 prerequisite)' }) techOrInnovativeSmeValid?: boolean | null;
}

@ObjectType('CriterionResult', { description: '一项认定条件或评分指标的判定结果 (the outcome of one criterion or scored indicator)' })
export class CriterionResultModel {
  @Field({ description: '条件的稳定代码，如 A1.RD_RATIO (stable code)' }) code: string;
  @Field({ description: '条件的中文名称 (Chinese label)' }) label: string;
  @Field({ description: '仅当 status 为 MET 时为 true；未知或待定见 status (true only when MET; see status for UNKNOWN / PENDING)' }) met: boolean;
  @Field(() => CriterionStatusEnum, { description: '判定结果 (outcome)' }) status: string;
  @Field(() => String, { nullable: true, description: '企业的实际值（含单位，如“4.2%”“1,200万元”）；未知时为空 (actual value as shown, with unit; null when unknown)' }) actual?: string | null;
  @Field(() => String, { nullable: true, description: '要求值（含单位）(required value, with unit)' }) required?: string | null;
  @Field(() => Float, { nullable: true, description: '所得分数，仅评分表指标有 (points earned; score tables only)' }) points?: number | null;
  @Field(() => Float, { nullable: true, description: '该指标满分 (maximum points of the indicator)' }) maxPoints?: number | null;
  @Field(() => String, { nullable: true, description: '说明：规则存疑之处、地方规则、所用豁免 (notes: rule uncertainty, local rules, exemptions used)' }) note?: string | null;
}

/**
 * The shipped rule sets as an enum (issue 24 item 7): TierAssessment.ruleSet stays the contract's
 * string (MIIT-2022), ruleSetId beside it is the enum (MIIT_2022: GraphQL names take no hyphen).
 */
export const RULE_SET_IDS = ['MIIT_2022', 'MIIT_2026'] as const;
export const RuleSetIdEnum = asEnumOf(RULE_SET_IDS);
registerEnumType(RuleSetIdEnum, {
  name: 'RuleSetId',
  description: '梯度认定规则集 (the tier rule sets)',
  valuesMap: {
    MIIT_2022: { description: '工信部 2022 年《优质中小企业梯度培育管理暂行办法》规则集（MIIT-2022）(the 2022 MIIT rules)' },
    MIIT_2026: { description: '工信部 2026 年修订规则集（MIIT-2026）(the 2026 MIIT rules)' },
  },
});
/** MIIT-2022 → MIIT_2022; null for an id that is not a shipped rule set. */
export const ruleSetIdOf = (ruleSet: string): string | null => {
  const id = ruleSet.replace(/-/g, '_');
  return (RULE_SET_IDS as readonly string[]).includes(id) ? id : null;
};

@ObjectType('TierAssessment', { description: '按某一规则集对某一梯度的评估结果，由评分任务计算 (an assessment against one tier under one rule set, computed by the scoring workers)' })
export class TierAssessmentModel {
  @Field(() => EnterpriseTierEnum, { description: '评估的目标梯度 (the tier assessed against)' }) tier: string;
  @Field({ description: '所用规则集：MIIT-2022 或 MIIT-2026（契约规定的字符串；枚举见 ruleSetId）(rule set used; the enum is ruleSetId)' }) ruleSet: string;
  @Field(() => RuleSetIdEnum, { nullable: true, description: '所用规则集（枚举），与 ruleSet 相同；未知规则集为空 (the rule set as an enum; null for an unknown one)' }) ruleSetId: string | null;
  @Field({ description: '规则集版本 (version of the rule set)' }) ruleSetVersion: string;
  @Field({ description: '评估程序版本 (version of the evaluator)' }) evaluatorVersion: string;
  @Field({ description: '是否符合：某一路径的全部所需条件均满足时为 true (true only when a path passed with every needed criterion met)' }) eligible: boolean;
  @Field(() => AssessmentVerdictEnum, { description: '评估结论 (verdict)' }) verdict: string;
  @Field(() => Float, { nullable: true, description: '评分表得分（该梯度有评分表时）(points, where the tier has a point table)' }) score: number | null;
  @Field(() => Float, { nullable: true, description: '评分表满分，如 100 (maximum points of the table)' }) maxScore: number | null;
  @Field(() => PassPathEnum, { nullable: true, description: '通过的路径：评分、直通条件或全部条件；未通过时为空 (which path passed; null when none did)' }) passedBy: string | null;
  @Field(() => [CriterionResultModel], { description: '各项条件与指标的判定结果 (outcome of every criterion)' }) criteria: CriterionResultModel[];
  @Field(() => [String], { description: '需补充才能判定“未知”条件的信息（机器路径；中文名称见 missingFacts）(facts to supply, as machine paths)' }) missingData: string[];
  @Field(() => [MissingFactModel], { description: '待补充的信息：与 missingData 一一对应，附中文名称和单位。The same facts with a Chinese label and unit.' })
  missingFacts: MissingFactModel[];
  @Field(() => Int, { description: '评估所依据的企业画像版本号 (profile version assessed)' }) profileVersion: number;
  @Field(() => DateTimeScalar, { description: '计算时间 (when it was computed)' }) computedAt: Date;
}

@ObjectType('MissingFact', { description: '一项待补充的企业信息。One fact the firm should supply.' })
export class MissingFactModel {
  @Field({ description: '机器路径，如 financials[2025].employees。Machine path, as in missingData.' }) path: string;
  @Field({ description: '中文名称，如"2025年从业人员"。Chinese label.' }) label: string;
  @Field(() => String, { nullable: true, description: '填写单位，如 元、人、%、级；是/否类与列表类为空。Unit the fact is entered in; null for yes/no and lists.' })
  unit?: string | null;
}

@ObjectType('ReviewRiskCriterion', { description: '复核时不满足或无法判定的一项条件 (a criterion that fails or is unsettled at re-review)' })
export class ReviewRiskCriterionModel {
  @Field({ description: '条件的稳定代码 (stable code)' }) code: string;
  @Field({ description: '条件的中文名称 (Chinese label)' }) label: string;
  @Field(() => CriterionStatusEnum, { description: '判定结果 (outcome)' }) status: string;
  @Field(() => String, { nullable: true, description: '企业的实际值（含单位）；未知时为空 (actual value, with unit; null when unknown)' }) actual?: string | null;
  @Field(() => String, { nullable: true, description: '要求值（含单位）(required value, with unit)' }) required?: string | null;
}

@ObjectType('ReviewRisk', { description: '复核风险：已认定称号将在 12 个月内到期，而按今日数据不满足复核条件 (the title expires within 12 months and its criteria are not met today)' })
export class ReviewRiskModel {
  @Field(() => EnterpriseTierEnum, { description: '面临复核的已认定梯度 (the certified tier at risk)' }) tier: string;
  @Field(() => DateScalar, { description: '称号到期日（认定满3年）(expiry date of the title, 3 years after certification)' }) expiresOn: string;
  @Field({ description: '复核所用规则集，如 MIIT-2022 (rule set of the re-review)' }) ruleSet: string;
  @Field(() => String, {
    nullable: true,
    description:
      '为何按该规则集复核（复核日期即称号届满日及所依文件，如"依工信厅企业函〔2026〕117号……沿用2022年标准"）；旧记录为空。Why this rule set judges the re-review; null on rows stored before it was recorded.',
  })
  basis?: string | null;
  @Field(() => AssessmentVerdictEnum, { description: '按复核规则的评估结论 (verdict under the re-review rules)' }) verdict: string;
  @Field(() => [ReviewRiskCriterionModel], { description: '不满足或无法判定的条件 (criteria failing or unsettled)' }) failing: ReviewRiskCriterionModel[];
  @Field(() => DateScalar, { description: '评估日期 (date assessed)' }) assessedAt: string;
}
