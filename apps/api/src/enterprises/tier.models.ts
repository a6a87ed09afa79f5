import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
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
registerEnumType(AwardLevelEnum, { name: 'AwardLevel' });
const MakerChinaGroupEnum = { TOP50: 'TOP50', TOP500: 'TOP500' } as const;
registerEnumType(MakerChinaGroupEnum, { name: 'MakerChinaGroup', description: '创客中国 national group reached' });

@ObjectType('ScienceAward')
@InputType('ScienceAwardInput')
export class ScienceAwardModel {
  @Field(() => AwardLevelEnum) level: 'NATIONAL' | 'PROVINCIAL';
  @Field(() => Int) year: number;
  @Field(() => Int, { nullable: true, description: "The firm's rank among the awardees." }) rank?: number | null;
  @Field(() => DateScalar, {
    nullable: true,
    description: '获奖日期（须在所填年份内）；"近3年"指评价日前36个月内，只填年份且该年跨越起算日时需要填写。Award date, within the stated year.',
  })
  awardedOn?: string | null;
}

@ObjectType('MakerChinaResult')
@InputType('MakerChinaResultInput')
export class MakerChinaModel {
  @Field(() => Int) year: number;
  @Field(() => MakerChinaGroupEnum) group: 'TOP50' | 'TOP500';
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
  @Field(() => SafeIntScalar, { description: '金额，单位：元（正整数）。Amount in whole yuan.' }) amount: number;
}

@ObjectType('QualityManagement')
@InputType('QualityManagementInput')
export class QualityModel {
  @Field(() => Boolean, { nullable: true, description: '省级以上质量奖' }) provincialQualityAward?: boolean;
  @Field(() => Boolean, { nullable: true, description: 'ISO9001-type certificate' }) iso9001?: boolean;
  @Field(() => Boolean, { nullable: true, description: '自主品牌' }) ownBrand?: boolean;
  @Field(() => Boolean, { nullable: true, description: '参与制修订标准' }) standardsDrafting?: boolean;
}

@ObjectType('PlatformScore')
@InputType('PlatformScoreInput')
export class PlatformScoreModel {
  @Field(() => Int) year: number;
  @Field(() => Float, { description: '专精特新发展评价得分 from the national platform (2026 rules)' }) score: number;
}

/**
 * What the tier rules need beyond the contract's profile; every field optional. Missing ones make
 * the affected criteria UNKNOWN (listed in TierAssessment.missingData), never silently failed.
 */
@ObjectType('EnterpriseTierFacts')
@InputType('EnterpriseTierFactsInput')
export class TierFactsModel {
  @Field(() => Int, { nullable: true, description: 'Ⅰ类高价值 invention patents (overseas family, >10 years, pledged, awarded)' }) highValueInventionPatents?: number | null;
  @Field(() => Int, { nullable: true, description: 'Ⅰ类 patents developed in house (not transferred in)' }) selfDevelopedInventionPatents?: number | null;
  @Field(() => RdInstitutionLevelEnum, { nullable: true }) rdInstitutionLevel?: (typeof RdInstitutionLevelEnum)[keyof typeof RdInstitutionLevelEnum] | null;
  @Field(() => Int, { nullable: true, description: '中小企业数字化水平 level 0–4' }) digitalMaturityLevel?: number | null;
  @Field(() => Float, { nullable: true, description: 'National niche market share of the main product, %' }) nicheMarketSharePercent?: number | null;
  @Field(() => Boolean, { nullable: true, description: 'Main product ranks top 3 in China' }) marketTop3?: boolean | null;
  @Field(() => [ScienceAwardModel], { nullable: true }) awards?: ScienceAwardModel[] | null;
  @Field(() => MakerChinaModel, { nullable: true }) makerChina?: MakerChinaModel | null;
  @Field(() => [EquityRoundModel], {
    nullable: true,
    description:
      '各笔股权融资（最多50笔）。填写后（含空列表），"近3年新增股权融资"按到账日期计入评价日前36个月内的各笔；不填则按年度融资额计。Dated equity rounds (at most 50); when given they decide the 3-year equity window.',
  })
  equityRounds?: EquityRoundModel[] | null;
  @Field(() => [HonourEnum], { nullable: true }) honours?: Array<(typeof HonourEnum)[keyof typeof HonourEnum]> | null;
  @Field(() => Boolean, { nullable: true, description: 'Main product in 《战略性新兴产业分类》' }) strategicEmergingIndustry?: boolean | null;
  @Field(() => MainProductFieldEnum, { nullable: true }) mainProductField?: (typeof MainProductFieldEnum)[keyof typeof MainProductFieldEnum] | null;
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
  @Field(() => Boolean, { nullable: true, description: '位于产业链关键环节，发挥补短板、锻长板、填空白作用（"小巨人"产业链配套；2026年也满足主导产品领域条件）。Key chain link with a 补短板/锻长板/填空白 role (小巨人 链).' }) keyChainRole?: boolean | null;
  @Field(() => QualityModel, { nullable: true }) quality?: QualityModel | null;
  @Field(() => Boolean, { nullable: true }) managementCertification?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'A core process runs on an information system' }) coreProcessInformatized?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Good governance and credit (not on 经营异常/失信 lists)' }) goodCredit?: boolean | null;
  @Field(() => [PlatformScoreModel], { nullable: true }) platformScores?: PlatformScoreModel[] | null;
  @Field(() => Boolean, { nullable: true, description: '科技型中小企业 or 创新型 title valid (2026 prerequisite)' }) techOrInnovativeSmeValid?: boolean | null;
}

@ObjectType('CriterionResult')
export class CriterionResultModel {
  @Field() code: string;
  @Field() label: string;
  @Field({ description: 'true only when MET; see status for UNKNOWN / PENDING' }) met: boolean;
  @Field(() => CriterionStatusEnum) status: string;
  @Field(() => String, { nullable: true }) actual?: string | null;
  @Field(() => String, { nullable: true }) required?: string | null;
  @Field(() => Float, { nullable: true }) points?: number | null;
  @Field(() => Float, { nullable: true }) maxPoints?: number | null;
  @Field(() => String, { nullable: true, description: 'Rule uncertainty, local rules, exemptions used' }) note?: string | null;
}

@ObjectType('TierAssessment')
export class TierAssessmentModel {
  @Field(() => EnterpriseTierEnum, { description: 'The tier assessed against.' }) tier: string;
  @Field({ description: 'Which rule set produced it, e.g. MIIT-2022.' }) ruleSet: string;
  @Field() ruleSetVersion: string;
  @Field() evaluatorVersion: string;
  @Field() eligible: boolean;
  @Field(() => AssessmentVerdictEnum) verdict: string;
  @Field(() => Float, { nullable: true, description: 'Points, where the tier has a point table.' }) score: number | null;
  @Field(() => Float, { nullable: true }) maxScore: number | null;
  @Field(() => PassPathEnum, { nullable: true, description: 'Which path passed: point score, direct condition, or all conditions.' }) passedBy: string | null;
  @Field(() => [CriterionResultModel]) criteria: CriterionResultModel[];
  @Field(() => [String], { description: 'Profile facts to supply to settle UNKNOWN criteria (machine paths; see missingFacts for labels).' }) missingData: string[];
  @Field(() => [MissingFactModel], { description: '待补充的信息：与 missingData 一一对应，附中文名称和单位。The same facts with a Chinese label and unit.' })
  missingFacts: MissingFactModel[];
  @Field(() => Int) profileVersion: number;
  @Field(() => DateTimeScalar) computedAt: Date;
}

@ObjectType('MissingFact', { description: '一项待补充的企业信息。One fact the firm should supply.' })
export class MissingFactModel {
  @Field({ description: '机器路径，如 financials[2025].employees。Machine path, as in missingData.' }) path: string;
  @Field({ description: '中文名称，如"2025年从业人员"。Chinese label.' }) label: string;
  @Field(() => String, { nullable: true, description: '填写单位，如 元、人、%、级；是/否类与列表类为空。Unit the fact is entered in; null for yes/no and lists.' })
  unit?: string | null;
}

@ObjectType('ReviewRiskCriterion')
export class ReviewRiskCriterionModel {
  @Field() code: string;
  @Field() label: string;
  @Field(() => CriterionStatusEnum) status: string;
  @Field(() => String, { nullable: true }) actual?: string | null;
  @Field(() => String, { nullable: true }) required?: string | null;
}

@ObjectType('ReviewRisk', { description: '复核 risk: the certified title expires within 12 months and its criteria are not met today.' })
export class ReviewRiskModel {
  @Field(() => EnterpriseTierEnum) tier: string;
  @Field(() => DateScalar) expiresOn: string;
  @Field() ruleSet: string;
  @Field(() => AssessmentVerdictEnum) verdict: string;
  @Field(() => [ReviewRiskCriterionModel]) failing: ReviewRiskCriterionModel[];
  @Field(() => DateScalar) assessedAt: string;
}
