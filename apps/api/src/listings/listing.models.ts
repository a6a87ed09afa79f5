import { Field, Float, ID, Int, InterfaceType, ObjectType, registerEnumType } from '@nestjs/graphql';
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
} from '../../../../libs/listings/src/index.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum, ServiceCategoryEnum } from '../enterprises/enterprise.models.js';
import type { OrganizationModel } from '../identity/identity.models.js';

export const ListingKindEnum = asEnum(LISTING_KINDS);
registerEnumType(ListingKindEnum, {
  name: 'ListingKind',
  description: '发布信息的类别 (kind of listing)',
  valuesMap: {
    SERVICE_OFFERING: { description: '服务产品，由服务机构发布 (a service, posted by a service provider)' },
    CREDIT_PRODUCT: { description: '金融产品，由银行发布 (a credit product, posted by a bank)' },
    CHALLENGE: { description: '揭榜挂帅榜单，由链主企业发布 (a 揭榜 challenge, posted by an anchor enterprise)' },
    PARK_VACANCY: { description: '园区空间房源，由园区运营方发布 (a park vacancy, posted by a park operator)' },
  },
});
export const ListingStatusEnum = asEnum(LISTING_STATUSES);
registerEnumType(ListingStatusEnum, {
  name: 'ListingStatus',
  description: '发布状态 (listing status)',
  valuesMap: {
    DRAFT: { description: '草稿，仅发布方可见 (draft, seen only by its owner)' },
    PUBLISHED: { description: '已发布 (published)' },
    CLOSED: { description: '已关闭（发布方关闭或主管部门下架）(closed by its owner or taken down by the AUTHORITY)' },
  },
});

export const ListingClosedByEnum = { OWNER: 'OWNER', AUTHORITY: 'AUTHORITY' } as const;
registerEnumType(ListingClosedByEnum, {
  name: 'ListingClosedBy',
  description: '关闭发布信息的一方 (who closed a listing)',
  valuesMap: {
    OWNER: { description: '发布方自行关闭，可自行重新发布 (closed by its owner, who may publish it again)' },
    AUTHORITY: { description: '主管部门下架，仅主管部门可恢复，发布方可申诉 (taken down by the AUTHORITY; only it reinstates; the owner may appeal)' },
  },
});
export const CreditProductTypeEnum = asEnum(CREDIT_PRODUCT_TYPES);
registerEnumType(CreditProductTypeEnum, {
  name: 'CreditProductType',
  description: '金融产品类型 (type of credit product)',
  valuesMap: {
    IP_PLEDGE: { description: '知识产权质押融资 (IP-pledge financing)' },
    LOAN_INVESTMENT_LINKAGE: { description: '贷投联动 (loans linked with equity investment)' },
    CREDIT_LOAN: { description: '信用贷 (unsecured credit loan)' },
    TALENT_LOAN: { description: '人才贷 (talent loan)' },
    ORDER_FINANCING: { description: '订单融资 (order financing)' },
    SUPPLY_CHAIN: { description: '供应链金融 (supply-chain finance)' },
    TECH_REFINANCING: { description: '科技创新和技术改造再贷款支持的贷款 (loans backed by the technology and upgrading relending facility)' },
    OTHER: { description: '其他 (other)' },
  },
});
export const IpOwnershipEnum = asEnum(IP_OWNERSHIPS);
registerEnumType(IpOwnershipEnum, {
  name: 'IpOwnership',
  description: '揭榜成果的知识产权归属 (who owns the IP of the solution)',
  valuesMap: {
    POSTER: { description: '归发榜方 (the poster)' },
    SOLVER: { description: '归揭榜方 (the solver)' },
    SHARED: { description: '双方共有 (shared)' },
    BY_CONTRACT: { description: '按合同约定 (as agreed by contract)' },
  },
});
export const RateTypeEnum = asEnum(RATE_TYPES);
registerEnumType(RateTypeEnum, {
  name: 'RateType',
  description: '利率方式 (rate type)',
  valuesMap: {
    FIXED: { description: '固定利率 (fixed rate)' },
    LPR_FLOATING: { description: '以 LPR 为基准浮动 (floating over the LPR)' },
  },
});
export const GuaranteeMethodEnum = asEnum(GUARANTEE_METHODS);
registerEnumType(GuaranteeMethodEnum, {
  name: 'GuaranteeMethod',
  description: '担保方式 (guarantee method)',
  valuesMap: {
    CREDIT: { description: '信用，无担保 (unsecured)' },
    IP_PLEDGE: { description: '知识产权质押 (IP pledge)' },
    EQUITY_PLEDGE: { description: '股权质押 (equity pledge)' },
    GUARANTEE_COMPANY: { description: '融资担保公司担保 (guarantee company)' },
    MORTGAGE: { description: '抵押 (mortgage)' },
    RECEIVABLES_PLEDGE: { description: '应收账款质押 (receivables pledge)' },
  },
});
export const CooperationModeEnum = asEnum(COOPERATION_MODES);
registerEnumType(CooperationModeEnum, {
  name: 'CooperationMode',
  description: '揭榜合作方式 (揭榜 cooperation mode)',
  valuesMap: {
    JOINT_RD: { description: '联合研发 (joint R&D)' },
    COMMISSIONED_RD: { description: '委托研发 (commissioned R&D)' },
    TECH_TRANSFER: { description: '技术转让 (technology transfer)' },
    PROCUREMENT: { description: '产品采购 (procurement)' },
  },
});
export const VacancyUseEnum = asEnum(VACANCY_USES);
registerEnumType(VacancyUseEnum, {
  name: 'VacancyUse',
  description: '空间用途 (use of the space)',
  valuesMap: {
    PRODUCTION: { description: '生产厂房 (production)' },
    RD: { description: '研发 (R&D)' },
    WAREHOUSE: { description: '仓储 (warehouse)' },
    OFFICE: { description: '办公 (office)' },
  },
});
export const VacancyTenureEnum = asEnum(VACANCY_TENURES);
registerEnumType(VacancyTenureEnum, {
  name: 'VacancyTenure',
  description: '租售方式 (lease, sale or either)',
  valuesMap: {
    LEASE: { description: '出租 (lease)' },
    SALE: { description: '出售（分割出售）(sale)' },
    LEASE_OR_SALE: { description: '可租可售 (lease or sale)' },
  },
});

/** Shared fields of every listing; kind-specific ones are on the implementing types. */
@InterfaceType('Listing', {
  description: '发布信息的公共字段：服务产品、金融产品、揭榜榜单或园区房源 (fields shared by every kind of listing)',
  resolveType: (value: { kind: string }) =>
    ({ SERVICE_OFFERING: 'ServiceOffering', CREDIT_PRODUCT: 'CreditProduct', CHALLENGE: 'Challenge', PARK_VACANCY: 'ParkVacancy' })[value.kind],
})
export abstract class ListingModel {
  @Field(() => ID, { description: '发布信息 ID (listing id)' }) id: string;
  @Field(() => ListingKindEnum, { description: '类别 (kind)' }) kind: string;
  @Field({ description: '标题 (title)' }) title: string;
  @Field({ description: '详细说明 (description)' }) description: string;
  @Field(() => ListingStatusEnum, { description: '状态 (status)' }) status: string;
  @Field(() => [String], { description: '服务地区，6 位行政区划代码；为空表示不限地区 (regions it serves; empty means anywhere)' }) regionCodes: string[];
  @Field(() => [String], { description: '面向的行业代码前缀（GB/T 4754，如 C 或 C34）；为空表示不限行业 (industry code prefixes it targets; empty means any industry)' }) industryCodes: string[];
  @Field(() => [String], { description: '标签 (tags)' }) tags: string[];
  @Field(() => DateTimeScalar, { nullable: true, description: '最近发布时间；从未发布时为空 (last published; null if never)' }) publishedAt: Date | null;
  @Field(() => DateTimeScalar, { description: '创建时间 (created at)' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: '最近修改时间 (last change)' }) updatedAt: Date;
  @Field(() => Int, { description: '版本号，每次修改加 1 (incremented on every change)' }) version: number;
  @Field(() => String, { nullable: true, description: '下架或关闭原因（主管部门下架时必有）(reason it was closed; always set when the AUTHORITY took it down)' }) closedReason: string | null;
  @Field(() => ListingClosedByEnum, {
    nullable: true,
    description: '谁关闭了它：OWNER 发布方自行关闭（可自行重新发布），AUTHORITY 主管部门下架（须主管部门恢复，发布方可申诉）；未关闭时为空 (who closed it: the owner, who may re-publish, or the AUTHORITY, who alone reinstates; null unless closed)',
  })
  closedBy: 'OWNER' | 'AUTHORITY' | null;
  /** Resolved through the organization loader. */
  ownerOrganizationId: string;
  /** The owner's public fields when they came in the listing's own statement (ADR 0040); else the loader. */
  prefetchedOwner?: OrganizationModel;
}

@ObjectType('ServiceOffering', { implements: () => [ListingModel], description: '服务机构发布的服务产品 (a service offered by a service provider)' })
export class ServiceOfferingModel extends ListingModel {
  @Field(() => ServiceCategoryEnum, { description: '服务类别 (category)' }) category: string;
  @Field(() => SafeIntScalar, { nullable: true, description: '最低价，单位：元 (lowest price, yuan)' }) priceMin: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '最高价，单位：元 (highest price, yuan)' }) priceMax: number | null;
  @Field({ description: '接受政府服务券、创新券 (accepts government service vouchers)' }) acceptsServiceVoucher: boolean;
}

@ObjectType('CreditEligibility', { description: '金融产品的准入条件 (who a credit product admits)' })
export class CreditEligibilityModel {
  @Field(() => [EnterpriseTierEnum], { description: '准入的梯度；为空表示不限 (tiers admitted; empty means any)' }) tiers: string[];
  @Field(() => SafeIntScalar, { nullable: true, description: '最低年营业收入，单位：元 (lowest annual revenue, yuan)' }) minAnnualRevenue: number | null;
  @Field(() => Int, { nullable: true, description: '最少发明专利数，单位：件 (fewest invention patents, count)' }) minInventionPatents: number | null;
  @Field(() => Int, { nullable: true, description: '最短经营年限，单位：年 (fewest years in business)' }) minYearsInBusiness: number | null;
  @Field(() => Float, { nullable: true, description: '最高资产负债率（负债总额/资产总额），小数 0–1，如 0.7 表示 70% (highest debt ratio, a fraction 0..1)' }) maxDebtRatio: number | null;
}

@ObjectType('CreditProduct', { implements: () => [ListingModel], description: '银行发布的金融产品 (a credit product offered by a bank)' })
export class CreditProductModel extends ListingModel {
  @Field(() => CreditProductTypeEnum, { description: '产品类型 (product type)' }) productType: string;
  @Field(() => SafeIntScalar, { description: '最低额度，单位：元 (smallest amount, yuan)' }) amountMin: number;
  @Field(() => SafeIntScalar, { description: '最高额度，单位：元 (largest amount, yuan)' }) amountMax: number;
  @Field(() => Float, { description: '最低年利率，单位：%，如 3.45 表示 3.45%，范围 (0, 24] (lowest annual rate, percent)' }) annualRateMin: number;
  @Field(() => Float, { description: '最高年利率，单位：%，范围 (0, 24] (highest annual rate, percent)' }) annualRateMax: number;
  @Field(() => Int, { description: '最长期限，单位：月 (longest term, months)' }) termMonthsMax: number;
  @Field(() => CreditEligibilityModel, { description: '准入条件 (eligibility)' }) eligibility: CreditEligibilityModel;
  @Field(() => RateTypeEnum, { nullable: true, description: '利率方式 (rate type)' }) rateType: string | null;
  @Field(() => [GuaranteeMethodEnum], { description: '担保方式 (guarantee methods)' }) guaranteeMethods: string[];
  @Field(() => Float, { nullable: true, description: '知识产权质押率：贷款额占知识产权评估值的百分比，单位：% (IP pledge: loan as % of the appraised IP value)' }) pledgeRatioPercent: number | null;
  @Field(() => String, { nullable: true, description: '贷投联动的合作投资机构 (贷投联动: the partner investor)' }) partnerInvestor: string | null;
}

@ObjectType('Challenge', { implements: () => [ListingModel], description: '链主企业发布（发榜）的揭榜挂帅榜单 (a 揭榜 challenge posted by an anchor enterprise)' })
export class ChallengeModel extends ListingModel {
  @Field({ description: '技术领域 (technical field)' }) techField: string;
  @Field({ description: '技术难点、量化指标与验收标准 (technical difficulties, quantified indicators and acceptance criteria)' }) requirements: string;
  @Field(() => SafeIntScalar, { description: '预算，单位：元 (budget, yuan)' }) budget: number;
  @Field(() => DateScalar, { description: '揭榜截止日期（北京时间，当天仍可申请）(last day to apply, Beijing time)' }) applyBy: string;
  @Field(() => IpOwnershipEnum, { description: '成果知识产权归属 (IP ownership of the solution)' }) ipOwnership: string;
  @Field(() => CooperationModeEnum, { nullable: true, description: '合作方式 (cooperation mode)' }) cooperationMode: string | null;
  @Field(() => DateScalar, { nullable: true, description: '完成期限 (completion deadline)' }) completionDeadline: string | null;
  @Field(() => [String], { description: '方案须达到的量化指标 (quantified indicators the solution must reach)' }) indicators: string[];
  @Field(() => [EnterpriseTierEnum], { description: '发榜方偏好的揭榜方梯度（用于双向匹配）(the poster\'s preferred solver tiers)' }) preferredTiers: string[];
}

@ObjectType('Park', { description: '园区运营方管理的园区 (a park run by a park operator)' })
export class ParkModel {
  @Field(() => ID, { description: '园区 ID (park id)' }) id: string;
  @Field({ description: '园区名称 (name)' }) name: string;
  @Field({ description: '所在地区，6 位行政区划代码 (region code)' }) regionCode: string;
  @Field(() => Int, { nullable: true, description: '小微企业园星级，1–5 星 (star rating, 1..5)' }) starRating: number | null;
  @Field(() => [String], { description: '园区主导产业，行业代码（GB/T 4754）(industries the park hosts, industry codes)' }) industries: string[];
  @Field({ description: '地址 (address)' }) address: string;
  operatorOrganizationId: string;
  /** The operator's public fields when they came in the listing's statement (ADR 0040); else the loader. */
  prefetchedOperator?: OrganizationModel;
}

@ObjectType('ParkVacancy', { implements: () => [ListingModel], description: '园区运营方发布的空间房源；地区取自所属园区 (a vacancy in a park; its region is the park\'s)' })
export class ParkVacancyModel extends ListingModel {
  parkId: string;
  /** The park when it came in the listing's statement (ADR 0040); else the park loader. */
  prefetchedPark?: ParkModel;
  @Field(() => Float, { description: '面积，单位：m² (area, m²)' }) areaSqm: number;
  @Field(() => Int, { nullable: true, description: '所在楼层，负数为地下层 (floor; negative below ground)' }) floor: number | null;
  @Field(() => Float, { nullable: true, description: '层高，单位：m (ceiling height, metres)' }) ceilingHeightM: number | null;
  @Field(() => Float, { nullable: true, description: '楼面承重，单位：kg/m² (floor load, kg per m²)' }) floorLoadKgPerSqm: number | null;
  @Field(() => Float, { description: '租金，单位：元/m²·天 (rent, yuan per m² per day)' }) rentPerSqmDay: number;
  @Field(() => DateScalar, { description: '可入驻日期 (available from)' }) availableFrom: string;
  @Field(() => VacancyUseEnum, { nullable: true, description: '用途 (use)' }) useClass: string | null;
  @Field(() => VacancyTenureEnum, { nullable: true, description: '租售方式 (tenure)' }) tenure: string | null;
  @Field(() => Float, { nullable: true, description: '可用电力容量，单位：kVA (power capacity, kVA)' }) powerCapacityKva: number | null;
  @Field(() => Float, { nullable: true, description: '入园准入：承诺亩均税收，单位：万元/亩 (committed tax per mu, 10,000 yuan per mu)' }) minTaxPerMuWan: number | null;
  @Field(() => String, { nullable: true, description: '入园准入条件（文字）(entry conditions in words)' }) entryConditions: string | null;
}

@ObjectType('PageInfo', { description: '分页信息 (Relay page info)' })
export class PageInfoModel {
  @Field({ description: '是否还有下一页 (whether another page follows)' }) hasNextPage: boolean;
  @Field(() => String, { nullable: true, description: '本页最后一项的游标，作为下一页的 after；本页为空时为空 (cursor of the last item: pass it as `after`; null on an empty page)' }) endCursor: string | null;
}

@ObjectType('ListingEdge', { description: '发布信息列表的一项 (one listing of a page)' })
export class ListingEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => ListingModel, { description: '发布信息 (the listing)' }) node: ListingModel;
}

@ObjectType('ListingConnection', { description: '发布信息分页，新的在前 (a page of listings, newest first)' })
export class ListingConnectionModel {
  @Field(() => [ListingEdgeModel], { description: '本页 (this page)' }) edges: ListingEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的总数 (listings matching the filter)' }) totalCount: number;
}
