import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { asEnum } from '../graphql/enums.js';
import { APPLICATION_DECISIONS, APPLICATION_STATUSES } from '../../../../libs/listings/src/listing-enums.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum, ServiceCategoryEnum } from '../enterprises/enterprise.models.js';
import {
  CooperationModeEnum,
  CreditProductTypeEnum,
  GuaranteeMethodEnum,
  IpOwnershipEnum,
  RateTypeEnum,
  VacancyTenureEnum,
  VacancyUseEnum,
} from './listing.models.js';

@InputType('ServiceOfferingInput')
export class ServiceOfferingInput {
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => ServiceCategoryEnum) category: string;
  @Field(() => SafeIntScalar, { nullable: true }) priceMin?: number | null;
  @Field(() => SafeIntScalar, { nullable: true }) priceMax?: number | null;
  @Field() acceptsServiceVoucher: boolean;
}

@InputType('CreditEligibilityInput')
export class CreditEligibilityInput {
  @Field(() => [EnterpriseTierEnum]) tiers: string[];
  @Field(() => SafeIntScalar, { nullable: true }) minAnnualRevenue?: number | null;
  @Field(() => Int, { nullable: true }) minInventionPatents?: number | null;
  @Field(() => Int, { nullable: true }) minYearsInBusiness?: number | null;
  @Field(() => Float, { nullable: true }) maxDebtRatio?: number | null;
}

@InputType('CreditProductInput')
export class CreditProductInput {
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => CreditProductTypeEnum) productType: string;
  @Field(() => SafeIntScalar) amountMin: number;
  @Field(() => SafeIntScalar) amountMax: number;
  @Field(() => Float) annualRateMin: number;
  @Field(() => Float) annualRateMax: number;
  @Field(() => Int) termMonthsMax: number;
  @Field(() => CreditEligibilityInput) eligibility: CreditEligibilityInput;
  @Field(() => RateTypeEnum, { nullable: true }) rateType?: string | null;
  @Field(() => [GuaranteeMethodEnum], { nullable: true }) guaranteeMethods?: string[] | null;
  @Field(() => Float, { nullable: true }) pledgeRatioPercent?: number | null;
  @Field(() => String, { nullable: true }) partnerInvestor?: string | null;
}

@InputType('ChallengeInput')
export class ChallengeInput {
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) regionCodes: string[];
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) tags: string[];
  @Field() techField: string;
  @Field() requirements: string;
  @Field(() => SafeIntScalar) budget: number;
  @Field(() => DateScalar) applyBy: string;
  @Field(() => IpOwnershipEnum) ipOwnership: string;
  @Field(() => CooperationModeEnum, { nullable: true }) cooperationMode?: string | null;
  @Field(() => DateScalar, { nullable: true }) completionDeadline?: string | null;
  @Field(() => [String], { nullable: true }) indicators?: string[] | null;
  @Field(() => [EnterpriseTierEnum], { nullable: true }) preferredTiers?: string[] | null;
}

@InputType('ParkInput')
export class ParkInput {
  @Field() name: string;
  @Field() regionCode: string;
  @Field(() => Int, { nullable: true }) starRating?: number | null;
  @Field(() => [String], { description: 'GB/T 4754 codes of the industries the park hosts.' }) industries: string[];
  @Field() address: string;
}

@InputType('ParkVacancyInput')
export class ParkVacancyInput {
  @Field(() => ID) parkId: string;
  @Field() title: string;
  @Field() description: string;
  @Field(() => [String]) industryCodes: string[];
  @Field(() => [String]) tags: string[];
  @Field(() => Float) areaSqm: number;
  @Field(() => Int, { nullable: true }) floor?: number | null;
  @Field(() => Float, { nullable: true }) ceilingHeightM?: number | null;
  @Field(() => Float, { nullable: true }) floorLoadKgPerSqm?: number | null;
  @Field(() => Float) rentPerSqmDay: number;
  @Field(() => DateScalar) availableFrom: string;
  @Field(() => VacancyUseEnum, { nullable: true }) useClass?: string | null;
  @Field(() => VacancyTenureEnum, { nullable: true }) tenure?: string | null;
  @Field(() => Float, { nullable: true }) powerCapacityKva?: number | null;
  @Field(() => Float, { nullable: true }) minTaxPerMuWan?: number | null;
  @Field(() => String, { nullable: true }) entryConditions?: string | null;
}

export const ApplicationStatusEnum = asEnum(APPLICATION_STATUSES);
registerEnumType(ApplicationStatusEnum, { name: 'ApplicationStatus' });
export const ApplicationDecisionEnum = asEnum(APPLICATION_DECISIONS);
registerEnumType(ApplicationDecisionEnum, { name: 'ApplicationDecision' });

@InputType('ChallengeApplicationInput')
export class ChallengeApplicationInput {
  @Field(() => ID) challengeId: string;
  @Field() proposal: string;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Quoted price in yuan.' }) quote?: number | null;
}

@ObjectType('ChallengeApplication')
export class ChallengeApplicationModel {
  @Field(() => ID) id: string;
  challengeId: string;
  applicantOrganizationId: string;
  @Field() proposal: string;
  @Field(() => SafeIntScalar, { nullable: true, description: 'Quoted price in yuan.' }) quote: number | null;
  @Field(() => ApplicationStatusEnum) status: string;
  @Field(() => String, { nullable: true }) decisionComment: string | null;
  @Field(() => DateTimeScalar, { nullable: true }) decidedAt: Date | null;
  @Field(() => DateTimeScalar) createdAt: Date;
  @Field(() => DateTimeScalar) updatedAt: Date;
}
