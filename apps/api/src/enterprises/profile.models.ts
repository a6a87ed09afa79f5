import { Field, ID, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import type { TitleStatus } from '../../../../libs/tiers/src/index.js';
import type { EnterpriseTier, ServiceCategory } from '../../../../libs/enterprises/src/index.js';
import { DateScalar, DateTimeScalar } from '../graphql/scalars.js';
import {
  AnnualFinancialsModel,
  EnterpriseTierEnum,
  FinancingNeedModel,
  IpAssetsModel,
  ServiceCategoryEnum,
  SpaceNeedModel,
} from './enterprise.models.js';
import { ReviewRiskModel, TierFactsModel } from './tier.models.js';
import { TITLE_PROVENANCES, type TitleProvenance } from '../../../../libs/enterprises/src/index.js';
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
    REVIEW_PENDING: { description: '复核中：有效期已届满，主管部门登记复核待定，至登记的截止日仍按有效计。Expired, re-review recorded as pending until a date not yet passed: still counts.' },
    LAPSED: { description: '已失效：认定满3年，未续期且无待定复核；不计入统计、银行准入和前置条件。Lapsed: counts nowhere.' },
  },
});

@ObjectType('EnterpriseProfile', { description: '企业画像：梯度、行业、财务、知识产权与需求 (an enterprise profile: tier, industry, financials, IP and needs)' })
export class EnterpriseProfileModel {
  /** Resolved through the organization loader. */
  organizationId: string;

  @Field(() => EnterpriseTierEnum, { description: '已认定的梯度称号（企业填报或主管部门导入）(the certified tier)' }) tier: EnterpriseTier;
  @Field({ description: '国民经济行业代码（GB/T 4754-2017），如 C34 或 C3484 (industry code)' }) industryCode: string;
  @Field(() => String, { nullable: true, description: '行业大类名称，如“通用设备制造业” (name of the GB/T 4754 division)' }) industryName: string | null;
  @Field(() => DateScalar, { nullable: true, description: '梯度称号认定日期；无称号或未填写时为空 (date the tier was certified; null without a title or date)' }) tierCertifiedOn: string | null;
  @Field(() => DateScalar, { nullable: true, description: '称号有效期届满日（认定后3年）(end of the 3-year validity of the certified tier)' }) tierExpiresOn: string | null;
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
  @Field(() => DateScalar, { description: '成立日期 (date founded)' }) foundedOn: string;
  @Field(() => DateScalar, { description: '从事细分市场（主营业务）的起始日期 (since when the firm has worked in its niche)' }) mainBusinessSince: string;
  @Field(() => [String], { description: '主导产品 (main products)' }) mainProducts: string[];
  @Field({ description: '核心技术与可解决的问题，自由文本 (core technologies and what the firm can solve, free text)' }) capabilities: string;
  @Field(() => [String], { description: '资质与认证 (certifications held)' }) certifications: string[];
  @Field(() => [AnnualFinancialsModel], { description: '各年度财务数据，最近年度在前 (financial years, newest first)' }) financials: AnnualFinancialsModel[];
  @Field(() => IpAssetsModel, { description: '有效知识产权 (intellectual property held)' }) ipAssets: IpAssetsModel;
  @Field(() => FinancingNeedModel, { nullable: true, description: '融资需求；无需求时为空 (financing need; null when none)' }) financingNeed: FinancingNeedModel | null;
  @Field(() => [ServiceCategoryEnum], { description: '需要的服务类别 (service categories needed)' }) serviceNeeds: ServiceCategory[];
  @Field(() => SpaceNeedModel, { nullable: true, description: '场地需求；无需求时为空 (space need; null when none)' }) spaceNeed: SpaceNeedModel | null;
  @Field(() => TierFactsModel, { description: '梯度认定规则所需的补充信息 (facts the tier rules use)' }) tierFacts: TierFactsModel;
  @Field(() => ReviewRiskModel, { nullable: true, description: '复核风险，由评分任务计算；无风险时为空 (复核 risk, set by the scoring worker; null when none)' }) reviewRisk: ReviewRiskModel | null;
  @Field(() => Int, { description: '版本号，每次修改加 1 (incremented on every change)' }) version: number;
  @Field(() => DateTimeScalar, { description: '最近修改时间 (last change)' }) updatedAt: Date;
}

@ObjectType('ReviewRiskEntry', { description: '复核风险名单中的一家企业 (one enterprise at 复核 risk)' })
export class ReviewRiskEntryModel {
  @Field(() => ID, { description: '企业所属机构 ID (the enterprise\'s organization)' }) organizationId: string;
  @Field({ description: '企业名称 (enterprise name)' }) name: string;
  @Field({ description: '企业所在地区，6 位行政区划代码 (region code of the enterprise)' }) regionCode: string;
  @Field(() => ReviewRiskModel, { description: '复核风险详情 (the risk)' }) risk: ReviewRiskModel;
}
