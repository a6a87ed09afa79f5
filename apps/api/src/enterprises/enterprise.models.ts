import { Field, Float, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import {
  ENTERPRISE_TIERS,
  HONOURS,
  MAIN_PRODUCT_FIELDS,
  RD_INSTITUTION_LEVELS,
  SERVICE_CATEGORIES,
} from '../../../../libs/enterprises/src/index.js';
import { SafeIntScalar } from '../graphql/scalars.js';


export const EnterpriseTierEnum = asEnum(ENTERPRISE_TIERS);
registerEnumType(EnterpriseTierEnum, {
  name: 'EnterpriseTier',
  description: '企业梯度（优质中小企业梯度培育体系中的称号）(the SME tier title)',
  valuesMap: {
    NONE: { description: '无梯度称号 (no tier title)' },
    INNOVATIVE_SME: { description: '创新型中小企业' },
    SPECIALIZED_SME: { description: '专精特新中小企业' },
    LITTLE_GIANT: { description: '专精特新“小巨人”企业' },
    KEY_LITTLE_GIANT: { description: '国家重点“小巨人”企业' },
  },
});
export const ServiceCategoryEnum = asEnum(SERVICE_CATEGORIES);
registerEnumType(ServiceCategoryEnum, {
  name: 'ServiceCategory',
  description: '服务类别 (service category)',
  valuesMap: {
    TECH_INNOVATION: { description: '技术创新 (technology innovation, R&D services)' },
    INTELLECTUAL_PROPERTY: { description: '知识产权 (intellectual property)' },
    DIGITAL_TRANSFORMATION: { description: '数字化转型 (digital transformation)' },
    GREEN_LOW_CARBON: { description: '绿色低碳 (green, low-carbon)' },
    FINANCING_ADVISORY: { description: '融资服务 (financing advisory)' },
    MARKET_EXPANSION: { description: '市场开拓 (market expansion)' },
    MANAGEMENT_CONSULTING: { description: '管理咨询 (management consulting)' },
    INDUSTRY_MATCHING: { description: '产业对接 (industry matchmaking)' },
    TALENT_TRAINING: { description: '人才培训 (talent and training)' },
    LEGAL_TAX: { description: '法律财税 (legal and tax)' },
    TESTING_CERTIFICATION: { description: '检验检测认证 (testing and certification)' },
    POLICY_APPLICATION: { description: '政策申报 (policy and project applications)' },
  },
});
export const RdInstitutionLevelEnum = asEnum(RD_INSTITUTION_LEVELS);
registerEnumType(RdInstitutionLevelEnum, {
  name: 'RdInstitutionLevel',
  description: '自有研发机构级别 (level of the firm\'s own R&D institution)',
  valuesMap: {
    NATIONAL: { description: '国家级 (national)' },
    PROVINCIAL: { description: '省级 (provincial)' },
    MUNICIPAL: { description: '市级 (municipal)' },
    BELOW_MUNICIPAL: { description: '市级以下 (below municipal)' },
    NONE: { description: '无自有研发机构 (none)' },
  },
});
export const MainProductFieldEnum = asEnum(MAIN_PRODUCT_FIELDS);
registerEnumType(MainProductFieldEnum, {
  name: 'MainProductField',
  description: '主导产品所属领域（专精特新中小企业评分第4项）(field of the main product, 专精特新 Annex 2 indicator 4)',
  valuesMap: {
    KEY_CHAIN_BREAKTHROUGH: { description: '在产业链关键环节补短板、锻长板、填空白取得实际成效，计5分 (results at a key chain link: 5 points)' },
    SIX_FOUNDATIONS_OR_KEY_SUPPLIER: { description: '属于工业“六基”领域、中华老字号，或为产业链龙头企业配套，计3分 (工业六基 field, 中华老字号, or supplier of a chain leader: 3 points)' },
    OTHER: { description: '其他领域，计0分 (any other field: 0 points)' },
  },
});
export const HonourEnum = asEnum(HONOURS);
registerEnumType(HonourEnum, {
  name: 'EnterpriseHonour',
  description: '有效期内的荣誉称号，创新型中小企业的直通条件之一 (valid honours that qualify a firm as 创新型中小企业 directly)',
  valuesMap: {
    HIGH_TECH_ENTERPRISE: { description: '高新技术企业 (high-tech enterprise)' },
    TECH_INNOVATION_DEMO: { description: '国家级技术创新示范企业 (national technology-innovation demonstration enterprise)' },
    IP_ADVANTAGE: { description: '知识产权优势企业 (IP advantage enterprise)' },
    IP_DEMO: { description: '知识产权示范企业 (IP demonstration enterprise)' },
  },
});
export const CriterionStatusEnum = asEnum(['MET', 'UNMET', 'UNKNOWN', 'PENDING'] as const);
registerEnumType(CriterionStatusEnum, {
  name: 'CriterionStatus',
  description: '单项认定条件的判定结果 (outcome of one criterion)',
  valuesMap: {
    MET: { description: '满足 (met)' },
    UNMET: { description: '不满足 (not met)' },
    UNKNOWN: { description: '信息不足，无法判定；补充 missingData 中的信息后可判定 (unknown: facts missing, see missingData)' },
    PENDING: { description: '待定：需要只有国家平台才能给出的评价结果 (waits for an input only the national platform can give)' },
  },
});
export const AssessmentVerdictEnum = asEnum(['ELIGIBLE', 'NOT_ELIGIBLE', 'UNDETERMINED'] as const);
registerEnumType(AssessmentVerdictEnum, {
  name: 'AssessmentVerdict',
  description: '梯度评估结论 (verdict of a tier assessment)',
  valuesMap: {
    ELIGIBLE: { description: '符合认定条件：某一路径的全部所需条件均满足 (eligible: a path passed with every needed criterion met)' },
    NOT_ELIGIBLE: { description: '不符合：补充信息也无法改变结论 (not eligible, whatever the unknown facts turn out to be)' },
    UNDETERMINED: { description: '暂无法判定：尚有未知或待定条件可能改变结论 (undetermined: unknown or pending criteria could still change it)' },
  },
});
export const PassPathEnum = asEnum(['SCORE', 'DIRECT', 'CONDITIONS'] as const);
registerEnumType(PassPathEnum, {
  name: 'PassPath',
  description: '评估通过的路径 (the path by which an assessment passed)',
  valuesMap: {
    SCORE: { description: '评分达标（如创新型中小企业 ≥ 60 分）(point score reached)' },
    DIRECT: { description: '满足直通条件 (a direct qualification condition)' },
    CONDITIONS: { description: '全部认定条件均满足 (all recognition conditions met)' },
  },
});

@ObjectType('AnnualFinancials', { description: '企业一个会计年度的财务数据，金额单位：元 (one financial year; amounts in yuan)' })
export class AnnualFinancialsModel {
  @Field(() => Int, { description: '会计年度，如 2025；不早于成立年份、不晚于今年 (financial year, from the founding year to this year)' }) year: number;
  @Field(() => SafeIntScalar, { description: '营业收入，单位：元 (operating revenue, yuan)' }) revenue: number;
  @Field(() => SafeIntScalar, { description: '主营业务收入，单位：元 (main-business revenue, yuan)' }) mainBusinessRevenue: number;
  @Field(() => SafeIntScalar, { description: '研发费用，单位：元 (R&D expense, yuan)' }) rdExpense: number;
  @Field(() => SafeIntScalar, { nullable: true, description: '净利润，单位：元，可为负数 (net profit, yuan; may be negative)' }) netProfit: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '年末资产总额，单位：元 (total assets at year end, yuan)' }) totalAssets: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '年末负债总额，单位：元 (total liabilities at year end, yuan)' }) totalLiabilities: number | null;
  @Field(() => Int, { nullable: true, description: '从业人员数，单位：人 (employees, persons)' }) employees: number | null;
  @Field(() => Int, { nullable: true, description: '研发人员数，单位：人 (R&D staff, persons)' }) rdEmployees: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '当年新增股权融资额，单位：元 (new equity financing received in that year, yuan)' }) equityFinancing: number | null;
}

@ObjectType('IpAssets', { description: '有效知识产权数量，单位：件 (valid intellectual property, counts)' })
export class IpAssetsModel {
  @Field(() => Int, { description: 'Ⅰ类知识产权（发明专利及同类），单位：件 (Ⅰ类: invention patents and equivalents, count)' }) inventionPatents: number;
  @Field(() => Int, { description: '实用新型专利，单位：件 (utility models, count)' }) utilityModels: number;
  @Field(() => Int, { description: '外观设计专利，单位：件 (design patents, count)' }) designPatents: number;
  @Field(() => Int, { description: '软件著作权，单位：件 (software copyrights, count)' }) softwareCopyrights: number;
  @Field(() => Int, { description: '注册商标，单位：件（不计入Ⅰ类、Ⅱ类知识产权）(trademarks, count; not counted as Ⅰ/Ⅱ类 IP)' }) trademarks: number;
}

@ObjectType('FinancingNeed', { description: '企业的融资需求 (the firm\'s financing need)' })
export class FinancingNeedModel {
  @Field(() => SafeIntScalar, { description: '融资金额，单位：元 (amount, yuan)' }) amount: number;
  @Field(() => Int, { description: '融资期限，单位：月，1–360 (term, months)' }) termMonths: number;
  @Field(() => String, { nullable: true, description: '资金用途 (purpose of the funds)' }) purpose?: string | null;
}

@ObjectType('SpaceNeed', { description: '企业的场地需求 (the firm\'s space need)' })
export class SpaceNeedModel {
  @Field(() => Float, { description: '最小面积，单位：m² (smallest acceptable area, m²)' }) minAreaSqm: number;
  @Field(() => Float, { description: '最大面积，单位：m² (largest acceptable area, m²)' }) maxAreaSqm: number;
  @Field(() => [String], { description: '可接受的地区（6 位行政区划代码）；为空表示不限 (acceptable regions; empty means anywhere)' }) regionCodes: string[];
  @Field(() => Float, { nullable: true, description: '可接受的最高租金，单位：元/m²·天 (highest acceptable rent, yuan per m² per day)' }) maxRentPerSqmDay?: number | null;
}
