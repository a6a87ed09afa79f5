import { Field, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TitleStatus } from '../../../../libs/tiers/src/index.js';
import type { EnterpriseTier, ServiceCategory } from '../../../../libs/enterprises/src/enterprise-tier.js';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
import {
  AnnualFinancialsInput,
  AnnualFinancialsModel,
  EnterpriseTierEnum,
  FinancingNeedInput,
  FinancingNeedModel,
  IpAssetsInput,
  IpAssetsModel,
  ServiceCategoryEnum,
  SpaceNeedInput,
  SpaceNeedModel,
} from './enterprise.models.js';
import { ReviewRiskModel, TierFactsModel } from './tier.models.js';

export enum TierStatusEnum {
  NONE = 'NONE',
  VALID = 'VALID',
  REVIEW_PENDING = 'REVIEW_PENDING',
  LAPSED = 'LAPSED',
}
registerEnumType(TierStatusEnum, {
  name: 'TierStatus',
  description: '认定称号的状态（有效期3年）。Standing of the certified title (3-year validity).',
  valuesMap: {
    NONE: { description: '未认定称号。No title.' },
    VALID: { description: '有效期内（或未填写认定日期，无法核对）。Within its 3 years, or no certification date to check.' },
    REVIEW_PENDING: { description: '复核中：有效期已届满，主管部门登记复核待定，至登记的截止日仍按有效计。Expired, re-review recorded as pending until a date not yet passed: still counts.' },
    LAPSED: { description: '已失效：认定满3年，未续期且无待定复核；不计入统计、银行准入和前置条件。Lapsed: counts nowhere.' },
  },
});

@ObjectType('EnterpriseProfile')
export class EnterpriseProfileModel {
  /** Resolved through the organization loader. */
  organizationId: string;

  @Field(() => EnterpriseTierEnum) tier: EnterpriseTier;
  @Field({ description: 'GB/T 4754-2017 code, e.g. C34 or C3484.' }) industryCode: string;
  @Field(() => String, { nullable: true, description: 'Name of the GB/T 4754 division, e.g. 通用设备制造业' }) industryName: string | null;
  @Field(() => DateScalar, { nullable: true }) tierCertifiedOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: 'End of the 3-year validity of the certified tier.' }) tierExpiresOn: string | null;
  @Field(() => DateScalar, {
    nullable: true,
    description:
      '主管部门登记的"复核待定"截止日（含当日）：称号届满后至该日仍按有效计；未登记为空。Last day (inclusive) a re-review recorded as pending by the AUTHORITY keeps the expired title in force; null when none.',
  })
  tierReviewPendingUntil: string | null;
  @Field(() => TierStatusEnum, { description: '称号状态（按今日北京时间计）。Standing of the title today (Beijing time).' }) tierStatus: TitleStatus;
  @Field(() => String, {
    nullable: true,
    description: '称号状态说明，如"称号已于2026-12-03失效（认定满3年，未续期且无待定复核）"；未认定时为空。The standing in words; null without a title.',
  })
  tierStatusText: string | null;
  @Field(() => DateScalar) foundedOn: string;
  @Field(() => DateScalar, { description: 'Since when the firm has worked in its niche (main business).' }) mainBusinessSince: string;
  @Field(() => [String]) mainProducts: string[];
  @Field({ description: 'Core technologies and what the firm can solve, free text.' }) capabilities: string;
  @Field(() => [String]) certifications: string[];
  @Field(() => [AnnualFinancialsModel], { description: 'Newest year first.' }) financials: AnnualFinancialsModel[];
  @Field(() => IpAssetsModel) ipAssets: IpAssetsModel;
  @Field(() => FinancingNeedModel, { nullable: true }) financingNeed: FinancingNeedModel | null;
  @Field(() => [ServiceCategoryEnum]) serviceNeeds: ServiceCategory[];
  @Field(() => SpaceNeedModel, { nullable: true }) spaceNeed: SpaceNeedModel | null;
  @Field(() => TierFactsModel) tierFacts: TierFactsModel;
  @Field(() => ReviewRiskModel, { nullable: true, description: 'Set by the scoring worker; null when no 复核 risk.' }) reviewRisk: ReviewRiskModel | null;
  @Field(() => Int, { description: 'Incremented on every change.' }) version: number;
  @Field(() => DateTimeScalar) updatedAt: Date;
}

@InputType('EnterpriseProfileInput')
export class EnterpriseProfileInput {
  @Field() industryCode: string;
  @Field(() => EnterpriseTierEnum) tier: EnterpriseTier;
  @Field(() => DateScalar, { nullable: true }) tierCertifiedOn?: string | null;
  @Field(() => DateScalar) foundedOn: string;
  @Field(() => DateScalar) mainBusinessSince: string;
  @Field(() => [String]) mainProducts: string[];
  @Field() capabilities: string;
  @Field(() => [String]) certifications: string[];
  @Field(() => [AnnualFinancialsInput]) financials: AnnualFinancialsInput[];
  @Field(() => IpAssetsInput) ipAssets: IpAssetsInput;
  @Field(() => FinancingNeedInput, { nullable: true }) financingNeed?: FinancingNeedInput | null;
  @Field(() => [ServiceCategoryEnum]) serviceNeeds: ServiceCategory[];
  @Field(() => SpaceNeedInput, { nullable: true }) spaceNeed?: SpaceNeedInput | null;
  @Field(() => TierFactsModel, { nullable: true, description: 'Optional facts the tier rules use; omitted ones stay unknown.' })
  tierFacts?: TierFactsModel | null;
}

@ObjectType('ReviewRiskEntry')
export class ReviewRiskEntryModel {
  @Field(() => ID) organizationId: string;
  @Field() name: string;
  @Field() regionCode: string;
  @Field(() => ReviewRiskModel) risk: ReviewRiskModel;
}
