import { Field, Float, ID, InputType, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import {
  COOPERATION_MODES,
  CREDIT_PRODUCT_TYPES,
  GUARANTEE_METHODS,
  IP_OWNERSHIPS,
  LISTING_KINDS,
  LISTING_STATUSES,
  RATE_TYPES,
  VACANCY_TENURES,
  VACANCY_USES,
} from '../../../../libs/listings/src/listing-enums.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum, ServiceCategoryEnum } from '../enterprises/enterprise.models.js';

export const ListingKindEnum = asEnum(LISTING_KINDS);
registerEnumType(ListingKindEnum, { name: 'ListingKind' });
export const ListingStatusEnum = asEnum(LISTING_STATUSES);
registerEnumType(ListingStatusEnum, { name: 'ListingStatus' });
export const CreditProductTypeEnum = asEnum(CREDIT_PRODUCT_TYPES);
registerEnumType(CreditProductTypeEnum, {
  name: 'CreditProductType',
  valuesMap: {
    IP_PLEDGE: { description: '知识产权质押融资' },
    LOAN_INVESTMENT_LINKAGE: { description: '贷投联动' },
    TECH_REFINANCING: { description: '科技创新和技术改造再贷款 backed loans' },
  },
});
export const IpOwnershipEnum = asEnum(IP_OWNERSHIPS);
registerEnumType(IpOwnershipEnum, { name: 'IpOwnership' });
export const RateTypeEnum = asEnum(RATE_TYPES);
registerEnumType(RateTypeEnum, { name: 'RateType', description: 'Fixed, or floating over the LPR' });
export const GuaranteeMethodEnum = asEnum(GUARANTEE_METHODS);
registerEnumType(GuaranteeMethodEnum, { name: 'GuaranteeMethod' });
export const CooperationModeEnum = asEnum(COOPERATION_MODES);
registerEnumType(CooperationModeEnum, { name: 'CooperationMode', description: '揭榜 cooperation: joint or commissioned R&D, transfer, procurement' });
export const VacancyUseEnum = asEnum(VACANCY_USES);
registerEnumType(VacancyUseEnum, { name: 'VacancyUse' });
export const VacancyTenureEnum = asEnum(VACANCY_TENURES);
registerEnumType(VacancyTenureEnum, { name: 'VacancyTenure', description: 'Lease, sale (分割出售), or either' });

/** Shared fields of every listing; kind-specific ones are on the implementing types. */
@InterfaceType('Listing', {
  resolveType: (value: { kind: string }) =>
    ({ SERVICE_OFFERING: 'ServiceOffering', CREDIT_PRODUCT: 'CreditProduct', CHALLENGE: 'Challenge', PARK_VACANCY: 'ParkVacancy' })[value.kind],
})
export abstract class ListingModel {
  @Field(() => ID) id: string;
  @Field(() => ListingKindEnum) kind: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => ListingStatusEnum) status: string;
  @Field(() => [String], { description: 'Regions it serves; empty means anywhere.' }) regionCodes: string[];
  @Field(() => [String], { description: 'GB/T 4754 code prefixes it targets; empty means any industry.' }) industryCodes: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => DateTimeScalar, { nullable: true }) publishedAt: Date | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
  @Field(() => Int, { description: 'Incremented on every change.' }) version: number;
  @Field(() => String, { nullable: true, description: '下架 reason when the AUTHORITY closed it.' }) closedReason: string | null;
  /** Resolved through the organization loader. */
  ownerOrganizationId: string;
}

@ObjectType('ServiceOffering', { implements: () => [ListingModel] })
export class ServiceOfferingModel extends ListingModel {
  @Field(() => ServiceCategoryEnum) category: string;
  @Field(() => SafeIntScalar, { nullable: true }) priceMin: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) priceMax: number | null;
  @Field({ description: 'Accepts government service vouchers (服务券/创新券).' }) acceptsServiceVoucher: boolean;
}

@ObjectType('CreditEligibility')
export class CreditEligibilityModel {
  @Field(() => [EnterpriseTierEnum], { description: 'Tiers admitted; empty means any.' }) tiers: string[];
  @Field(() => SafeIntScalar, { nullable: true }) minAnnualRevenue: number | null;
  @Field(() => Int, { nullable: true }) minInventionPatents: number | null;
  @Field(() => Int, { nullable: true }) minYearsInBusiness: number | null;
  @Field(() => Float, { nullable: true, description: 'Highest accepted total liabilities / total assets, 0..1.' }) maxDebtRatio: number | null;
}

@ObjectType('CreditProduct', { implements: () => [ListingModel] })
export class CreditProductModel extends ListingModel {
  @Field(() => CreditProductTypeEnum) productType: string;
  @Field(() => SafeIntScalar) amountMin: number;
  @Field(() => SafeIntScalar) amountMax: number;
  @Field(() => Float) annualRateMin: number;
  @Field(() => Float) annualRateMax: number;
  @Field(() => Int) termMonthsMax: number;
  @Field(() => CreditEligibilityModel) eligibility: CreditEligibilityModel;
  @Field(() => RateTypeEnum, { nullable: true }) rateType: string | null;
  @Field(() => [GuaranteeMethodEnum]) guaranteeMethods: string[];
  @Field(() => Float, { nullable: true, description: '知识产权质押: loan as % of the appraised IP value' }) pledgeRatioPercent: number | null;
  @Field(() => String, { nullable: true, description: '贷投联动: the partner investor' }) partnerInvestor: string | null;
}

@ObjectType('Challenge', { implements: () => [ListingModel], description: 'A 揭榜 challenge posted (发榜) by an anchor enterprise.' })
export class ChallengeModel extends ListingModel {
  @Field() techField: string;
  @Field({ description: 'Technical difficulties, quantified indicators and acceptance criteria.' }) requirements: string;
  @Field(() => SafeIntScalar) budget: number;
  @Field(() => DateScalar) applyBy: string;
  @Field(() => IpOwnershipEnum) ipOwnership: string;
  @Field(() => CooperationModeEnum, { nullable: true }) cooperationMode: string | null;
  @Field(() => DateScalar, { nullable: true }) completionDeadline: string | null;
  @Field(() => [String], { description: 'Quantified indicators the solution must reach.' }) indicators: string[];
  @Field(() => [EnterpriseTierEnum], { description: "The poster's preferred solver tiers (two-sided matching)." }) preferredTiers: string[];
}

@ObjectType('Park')
export class ParkModel {
  @Field(() => ID) id: string;
  @Field() name: string;
  @Field() regionCode: string;
  @Field(() => Int, { nullable: true, description: '小微企业园 star rating, 1..5.' }) starRating: number | null;
  @Field(() => [String]) industries: string[];
  @Field() address: string;
  operatorOrganizationId: string;
}

@ObjectType('ParkVacancy', { implements: () => [ListingModel] })
export class ParkVacancyModel extends ListingModel {
  parkId: string;
  @Field(() => Float) areaSqm: number;
  @Field(() => Int, { nullable: true }) floor: number | null;
  @Field(() => Float, { nullable: true }) ceilingHeightM: number | null;
  @Field(() => Float, { nullable: true }) floorLoadKgPerSqm: number | null;
  @Field(() => Float, { description: 'Rent in yuan per square metre per day.' }) rentPerSqmDay: number;
  @Field(() => DateScalar) availableFrom: string;
  @Field(() => VacancyUseEnum, { nullable: true }) useClass: string | null;
  @Field(() => VacancyTenureEnum, { nullable: true }) tenure: string | null;
  @Field(() => Float, { nullable: true }) powerCapacityKva: number | null;
  @Field(() => Float, { nullable: true, description: '入园准入: committed 亩均税收, 万元/亩' }) minTaxPerMuWan: number | null;
  @Field(() => String, { nullable: true, description: '入园准入 conditions in words' }) entryConditions: string | null;
}

@ObjectType('PageInfo')
export class PageInfoModel {
  @Field() hasNextPage: boolean;
  @Field(() => String, { nullable: true }) endCursor: string | null;
}

@ObjectType('ListingEdge')
export class ListingEdgeModel {
  @Field() cursor: string;
  @Field(() => ListingModel) node: ListingModel;
}

@ObjectType('ListingConnection')
export class ListingConnectionModel {
  @Field(() => [ListingEdgeModel]) edges: ListingEdgeModel[];
  @Field(() => PageInfoModel) pageInfo: PageInfoModel;
  @Field(() => Int) totalCount: number;
}

@InputType('ListingFilter')
export class ListingFilterInput {
  @Field(() => [ListingKindEnum], { nullable: true }) kinds?: Array<keyof typeof ListingKindEnum> | null;
  @Field(() => ID, { nullable: true }) ownerId?: string | null;
  @Field(() => ListingStatusEnum, { nullable: true }) status?: keyof typeof ListingStatusEnum | null;
  @Field(() => [String], { nullable: true }) regionCodes?: string[] | null;
}
