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
import { TITLE_PROVENANCES, type TitleProvenance } from '../../../../libs/enterprises/src/title-provenance.js';
import { asEnum } from '../graphql/enums.js';

export const TitleProvenanceEnum = asEnum(TITLE_PROVENANCES);
registerEnumType(TitleProvenanceEnum, {
  name: 'TitleProvenance',
  description: '认定称号的来源：谁说企业持有该称号（企业自报须经主管部门确认后才计入统计）。Who says the firm holds its title.',
  valuesMap: {
    CLAIMED: {
      description: '企业自报，尚待主管部门确认：只用于企业自己的梯度自评（标注为自报），不计入统计、金融产品准入、揭榜偏好和复核风险。Declared by the firm; counts for no one else.',
    },
    CONFIRMED: { description: '主管部门已确认。Confirmed by the AUTHORITY; counts.' },
    IMPORTED: { description: '来自主管部门导入的认定名单。Imported by the AUTHORITY from a published list; counts.' },
    REJECTED: {
      description: '企业自报的称号未获主管部门确认（原因见 tierRejectionReason）：不计入任何统计和评估，企业更正称号或认定日期后重新成为自报。A rejected claim; counts nowhere.',
    },
  },
});

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
    REVIEW_PENDING: { description: '有效期已届满，主管部门登记复核待定，暂按有效计。Expired, re-review recorded as pending: still counts.' },
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
  @Field(() => TierStatusEnum, { description: '称号状态（按今日北京时间计）。Standing of the title today (Beijing time).' }) tierStatus: TitleStatus;
  @Field(() => String, {
    nullable: true,
    description: '称号状态说明，如"称号已于2026-12-03失效（认定满3年，未续期且无待定复核）"；未认定时为空。The standing in words; null without a title.',
  })
  tierStatusText: string | null;
  @Field(() => TitleProvenanceEnum, { nullable: true, description: '称号来源（自报、主管部门确认、名单导入、自报未获确认）；未认定时为空。Provenance of the title; null without a title.' })
  tierProvenance: TitleProvenance | null;
  @Field(() => String, { nullable: true, description: '称号来源说明，如"称号为企业自报，尚待主管部门确认……"；未认定时为空。The provenance in words.' })
  tierProvenanceText: string | null;
  @Field({
    description:
      '称号今日是否计入主管部门统计、金融产品准入和揭榜偏好：须经主管部门确认或来自导入名单，且未失效。Whether the title counts for others today (confirmed or imported, not lapsed).',
  })
  tierCounted: boolean;
  @Field(() => DateTimeScalar, { nullable: true, description: '称号来源的记录时间（自报、确认、驳回或导入的时间）。When the provenance was recorded.' })
  tierProvenanceAt: Date | null;
  @Field(() => String, { nullable: true, description: '主管部门驳回自报称号的原因（1–500 字），仅 REJECTED 时有值。The AUTHORITY\'s reason for rejecting the claim.' })
  tierRejectionReason: string | null;
  /** Not a field: the user who recorded the provenance, resolved by the resolver. */
  tierProvenanceByUserId: string | null;
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
