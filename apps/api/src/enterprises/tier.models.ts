import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
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
  @Field(() => Int, { nullable: true, description: "The firm's rank among the awardees." }) rank?: number;
}

@ObjectType('MakerChinaResult')
@InputType('MakerChinaResultInput')
export class MakerChinaModel {
  @Field(() => Int) year: number;
  @Field(() => MakerChinaGroupEnum) group: 'TOP50' | 'TOP500';
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
  @Field(() => [HonourEnum], { nullable: true }) honours?: Array<(typeof HonourEnum)[keyof typeof HonourEnum]> | null;
  @Field(() => Boolean, { nullable: true, description: 'Main product in 《战略性新兴产业分类》' }) strategicEmergingIndustry?: boolean | null;
  @Field(() => MainProductFieldEnum, { nullable: true }) mainProductField?: (typeof MainProductFieldEnum)[keyof typeof MainProductFieldEnum] | null;
  @Field(() => Boolean, { nullable: true, description: '工业六基 / 制造强国 priority sectors / 网络强国 fields (小巨人 品)' }) mainProductInPriorityField?: boolean | null;
  @Field(() => Boolean, { nullable: true, description: 'Key chain link with a 补短板/锻长板/填空白 role (小巨人 链)' }) keyChainRole?: boolean | null;
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
  @Field(() => String, {
    nullable: true,
    description:
      '为何按该规则集复核（复核日期即称号届满日及所依文件，如"依工信厅企业函〔2026〕117号……沿用2022年标准"）；旧记录为空。Why this rule set judges the re-review; null on rows stored before it was recorded.',
  })
  basis?: string | null;
  @Field(() => AssessmentVerdictEnum) verdict: string;
  @Field(() => [ReviewRiskCriterionModel]) failing: ReviewRiskCriterionModel[];
  @Field(() => DateScalar) assessedAt: string;
}
