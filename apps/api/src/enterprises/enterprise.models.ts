import { Field, Float, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import {
  ENTERPRISE_TIERS,
  HONOURS,
  MAIN_PRODUCT_FIELDS,
  RD_INSTITUTION_LEVELS,
  SERVICE_CATEGORIES,
} from '../../../../libs/enterprises/src/enterprise-tier.js';
import { SafeIntScalar } from '../graphql/scalars.js';


export const EnterpriseTierEnum = asEnum(ENTERPRISE_TIERS);
registerEnumType(EnterpriseTierEnum, {
  name: 'EnterpriseTier',
  valuesMap: {
    INNOVATIVE_SME: { description: '创新型中小企业' },
    SPECIALIZED_SME: { description: '专精特新中小企业' },
    LITTLE_GIANT: { description: '专精特新“小巨人”企业' },
    KEY_LITTLE_GIANT: { description: '国家重点“小巨人”企业' },
  },
});
export const ServiceCategoryEnum = asEnum(SERVICE_CATEGORIES);
registerEnumType(ServiceCategoryEnum, { name: 'ServiceCategory' });
export const RdInstitutionLevelEnum = asEnum(RD_INSTITUTION_LEVELS);
registerEnumType(RdInstitutionLevelEnum, { name: 'RdInstitutionLevel', description: '自有研发机构级别' });
export const MainProductFieldEnum = asEnum(MAIN_PRODUCT_FIELDS);
registerEnumType(MainProductFieldEnum, { name: 'MainProductField', description: '主导产品所属领域 (专精特新 Annex 2 indicator 4)' });
export const HonourEnum = asEnum(HONOURS);
registerEnumType(HonourEnum, { name: 'EnterpriseHonour', description: '高新技术企业 and the other 创新型 direct-qualification honours' });
export const CriterionStatusEnum = asEnum(['MET', 'UNMET', 'UNKNOWN', 'PENDING'] as const);
registerEnumType(CriterionStatusEnum, { name: 'CriterionStatus', description: 'PENDING: waits for an input only the national platform can give' });
export const AssessmentVerdictEnum = asEnum(['ELIGIBLE', 'NOT_ELIGIBLE', 'UNDETERMINED'] as const);
registerEnumType(AssessmentVerdictEnum, { name: 'AssessmentVerdict' });
export const PassPathEnum = asEnum(['SCORE', 'DIRECT', 'CONDITIONS'] as const);
registerEnumType(PassPathEnum, { name: 'PassPath' });

@ObjectType('AnnualFinancials')
export class AnnualFinancialsModel {
  @Field(() => Int) year: number;
  @Field(() => SafeIntScalar, { description: '营业收入' }) revenue: number;
  @Field(() => SafeIntScalar, { description: '主营业务收入' }) mainBusinessRevenue: number;
  @Field(() => SafeIntScalar, { description: '研发费用' }) rdExpense: number;
  @Field(() => SafeIntScalar, { nullable: true }) netProfit: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalAssets: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalLiabilities: number | null;
  @Field(() => Int, { nullable: true }) employees: number | null;
  @Field(() => Int, { nullable: true }) rdEmployees: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: 'New equity financing received in that year.' }) equityFinancing: number | null;
}

@InputType('AnnualFinancialsInput')
export class AnnualFinancialsInput {
  @Field(() => Int) year: number;
  @Field(() => SafeIntScalar) revenue: number;
  @Field(() => SafeIntScalar) mainBusinessRevenue: number;
  @Field(() => SafeIntScalar) rdExpense: number;
  @Field(() => SafeIntScalar, { nullable: true }) netProfit?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalAssets?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) totalLiabilities?: number | null;
  @Field(() => Int, { nullable: true }) employees?: number | null;
  @Field(() => Int, { nullable: true }) rdEmployees?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) equityFinancing?: number | null;
}

@ObjectType('IpAssets')
export class IpAssetsModel {
  @Field(() => Int, { description: 'Ⅰ类: invention patents and equivalents.' }) inventionPatents: number;
  @Field(() => Int) utilityModels: number;
  @Field(() => Int) designPatents: number;
  @Field(() => Int) softwareCopyrights: number;
  @Field(() => Int) trademarks: number;
}

@InputType('IpAssetsInput')
export class IpAssetsInput {
  @Field(() => Int) inventionPatents: number;
  @Field(() => Int) utilityModels: number;
  @Field(() => Int) designPatents: number;
  @Field(() => Int) softwareCopyrights: number;
  @Field(() => Int) trademarks: number;
}

@ObjectType('FinancingNeed')
export class FinancingNeedModel {
  @Field(() => SafeIntScalar) amount: number;
  @Field(() => Int) termMonths: number;
  @Field(() => String, { nullable: true }) purpose?: string | null;
}

@InputType('FinancingNeedInput')
export class FinancingNeedInput {
  @Field(() => SafeIntScalar) amount: number;
  @Field(() => Int) termMonths: number;
  @Field(() => String, { nullable: true }) purpose?: string | null;
}

@ObjectType('SpaceNeed')
export class SpaceNeedModel {
  @Field(() => Float) minAreaSqm: number;
  @Field(() => Float) maxAreaSqm: number;
  @Field(() => [String], { description: 'Acceptable regions; empty means anywhere.' }) regionCodes: string[];
  @Field(() => Float, { nullable: true }) maxRentPerSqmDay?: number | null;
}

@InputType('SpaceNeedInput')
export class SpaceNeedInput {
  @Field(() => Float) minAreaSqm: number;
  @Field(() => Float) maxAreaSqm: number;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => Float, { nullable: true }) maxRentPerSqmDay?: number | null;
}
