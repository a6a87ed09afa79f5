import { Field, Float, ID, InputType, Int, ObjectType, registerEnumType } from '@nestjs/graphql';
import { boundText, dateWindowText } from '../../../../libs/platform/src/index.js';
import { asEnum } from '../graphql/enums.js';
import { APPLICATION_DECISIONS, APPLICATION_STATUSES } from '../../../../libs/listings/src/index.js';
import { DateScalar, DateTimeScalar, SafeIntScalar } from '../graphql/scalars.js';
import { EnterpriseTierEnum, ServiceCategoryEnum } from '../enterprises/enterprise.models.js';
import {
  CooperationModeEnum,
  CreditProductTypeEnum,
  GuaranteeMethodEnum,
  IpOwnershipEnum,
  ListingKindEnum,
  ListingStatusEnum,
  PageInfoModel,
  RateTypeEnum,
  VacancyTenureEnum,
  VacancyUseEnum,
} from './listing.models.js';

@InputType('ServiceOfferingInput', { description: '服务产品（创建或整体替换）(a service offering, created or replaced whole)' })
export class ServiceOfferingInput {
  @Field({ description: '标题，1–100 个字符 (title, 1–100 characters)' }) title: string;
  @Field({ description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description: string;
  @Field(() => [String], { description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes: string[];
  @Field(() => [String], { description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes: string[];
  @Field(() => [String], { description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags: string[];
  @Field(() => ServiceCategoryEnum, { description: '服务类别 (category)' }) category: string;
  @Field(() => SafeIntScalar, { nullable: true, description: `最低价，单位：元，≥ 0 的整数，不高于 priceMax，取值 ${boundText('moneyYuan')} (lowest price, whole yuan ≥ 0, ≤ priceMax)` }) priceMin?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `最高价，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (highest price, whole yuan ≥ 0)` }) priceMax?: number | null;
  @Field({ description: '是否接受政府服务券、创新券 (accepts government service vouchers)' }) acceptsServiceVoucher: boolean;
}

@InputType('CreditEligibilityInput', { description: '金融产品的准入条件 (who a credit product admits)' })
export class CreditEligibilityInput {
  @Field(() => [EnterpriseTierEnum], { description: '准入的梯度；为空表示不限 (tiers admitted; empty means any)' }) tiers: string[];
  @Field(() => SafeIntScalar, { nullable: true, description: `最低年营业收入，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (lowest annual revenue, whole yuan ≥ 0)` }) minAnnualRevenue?: number | null;
  @Field(() => Int, { nullable: true, description: '最少发明专利数，单位：件，≥ 0 (fewest invention patents, ≥ 0)' }) minInventionPatents?: number | null;
  @Field(() => Int, { nullable: true, description: '最短经营年限，单位：年，0–100 的整数 (fewest years in business, 0–100)' }) minYearsInBusiness?: number | null;
  @Field(() => Float, { nullable: true, description: '最高资产负债率，小数 0–1，如 0.7 表示 70% (highest debt ratio, a fraction 0..1)' }) maxDebtRatio?: number | null;
}

@InputType('CreditProductInput', { description: '金融产品（创建或整体替换）(a credit product, created or replaced whole)' })
export class CreditProductInput {
  @Field({ description: '标题，1–100 个字符 (title, 1–100 characters)' }) title: string;
  @Field({ description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description: string;
  @Field(() => [String], { description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes: string[];
  @Field(() => [String], { description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes: string[];
  @Field(() => [String], { description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags: string[];
  @Field(() => CreditProductTypeEnum, { description: '产品类型 (product type)' }) productType: string;
  @Field(() => SafeIntScalar, { description: `最低额度，单位：元，正整数，不高于 amountMax，取值 ${boundText('positiveMoneyYuan')} (smallest amount, whole yuan > 0, ≤ amountMax)` }) amountMin: number;
  @Field(() => SafeIntScalar, { description: `最高额度，单位：元，正整数，取值 ${boundText('positiveMoneyYuan')} (largest amount, whole yuan > 0)` }) amountMax: number;
  @Field(() => Float, { description: `最低年利率，单位：%（年化百分数，3.45 表示 3.45%，不是 0.0345），不高于 annualRateMax，取值 ${boundText('annualRatePercent')} (lowest annual rate in percent, (0, 24])` }) annualRateMin: number;
  @Field(() => Float, { description: `最高年利率，单位：%（年化百分数），取值 ${boundText('annualRatePercent')} (highest annual rate in percent, (0, 24])` }) annualRateMax: number;
  @Field(() => Int, { description: '最长期限，单位：月，1–360 (longest term, 1–360 months)' }) termMonthsMax: number;
  @Field(() => CreditEligibilityInput, { description: '准入条件 (eligibility)' }) eligibility: CreditEligibilityInput;
  @Field(() => RateTypeEnum, { nullable: true, description: '利率方式 (rate type)' }) rateType?: string | null;
  @Field(() => [GuaranteeMethodEnum], { nullable: true, description: '担保方式 (guarantee methods)' }) guaranteeMethods?: string[] | null;
  @Field(() => Float, { nullable: true, description: '知识产权质押率，单位：%，0–100 (IP pledge ratio, percent 0–100)' }) pledgeRatioPercent?: number | null;
  @Field(() => String, { nullable: true, description: '贷投联动的合作投资机构，最多 200 个字符 (partner investor, at most 200 characters)' }) partnerInvestor?: string | null;
}

@InputType('ChallengeInput', { description: '揭榜榜单（创建或整体替换）(a 揭榜 challenge, created or replaced whole)' })
export class ChallengeInput {
  @Field({ description: '标题，1–100 个字符 (title, 1–100 characters)' }) title: string;
  @Field({ description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description: string;
  @Field(() => [String], { description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes: string[];
  @Field(() => [String], { description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes: string[];
  @Field(() => [String], { description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags: string[];
  @Field({ description: '技术领域，1–100 个字符 (technical field, 1–100 characters)' }) techField: string;
  @Field({ description: '技术难点、量化指标与验收标准，1–5000 个字符 (requirements, 1–5000 characters)' }) requirements: string;
  @Field(() => SafeIntScalar, { description: `预算，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (budget, whole yuan ≥ 0)` }) budget: number;
  @Field(() => DateScalar, { description: `揭榜截止日期（含当天，北京时间）；发布或修改已发布榜单时不能早于今天，须在 ${dateWindowText('challengeApplyBy')} 之间 (last day to apply; not in the past when publishing)` }) applyBy: string;
  @Field(() => IpOwnershipEnum, { description: '成果知识产权归属 (IP ownership of the solution)' }) ipOwnership: string;
  @Field(() => CooperationModeEnum, { nullable: true, description: '合作方式 (cooperation mode)' }) cooperationMode?: string | null;
  @Field(() => DateScalar, { nullable: true, description: `完成期限，不早于 applyBy，须在 ${dateWindowText('challengeCompletion')} 之间 (completion deadline, not before applyBy)` }) completionDeadline?: string | null;
  @Field(() => [String], { nullable: true, description: '量化指标，最多 30 条 (quantified indicators, at most 30)' }) indicators?: string[] | null;
  @Field(() => [EnterpriseTierEnum], { nullable: true, description: '偏好的揭榜方梯度 (preferred solver tiers)' }) preferredTiers?: string[] | null;
}

@InputType('ParkInput', { description: '新园区 (a new park)' })
export class ParkInput {
  @Field({ description: '园区名称，2–100 个字符 (name, 2–100 characters)' }) name: string;
  @Field({ description: '所在地区，6 位行政区划代码（GB/T 2260）(region code)' }) regionCode: string;
  @Field(() => Int, { nullable: true, description: '小微企业园星级，1–5 的整数 (star rating, 1–5)' }) starRating?: number | null;
  @Field(() => [String], { description: '园区主导产业，行业代码（GB/T 4754），最多 50 个 (industry codes of the industries the park hosts, at most 50)' }) industries: string[];
  @Field({ description: '地址，1–300 个字符 (address, 1–300 characters)' }) address: string;
}

@InputType('ParkVacancyInput', { description: '园区房源（创建或整体替换）；地区取自所属园区 (a park vacancy; its region is the park\'s)' })
export class ParkVacancyInput {
  @Field(() => ID, { description: '所属园区，须为调用者运营的园区 (the park; must be one the caller operates)' }) parkId: string;
  @Field({ description: '标题，1–100 个字符 (title, 1–100 characters)' }) title: string;
  @Field({ description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description: string;
  @Field(() => [String], { description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes: string[];
  @Field(() => [String], { description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags: string[];
  @Field(() => Float, { description: `面积，单位：m²，> 0，取值 ${boundText('areaSqm')} (area, m² > 0)` }) areaSqm: number;
  @Field(() => Int, { nullable: true, description: '所在楼层，-5 到 100 的整数，负数为地下层 (floor, −5 to 100)' }) floor?: number | null;
  @Field(() => Float, { nullable: true, description: `层高，单位：m，> 0，取值 ${boundText('ceilingHeightM')} (ceiling height, metres > 0)` }) ceilingHeightM?: number | null;
  @Field(() => Float, { nullable: true, description: `楼面承重，单位：kg/m²，> 0，取值 ${boundText('floorLoadKgPerSqm')} (floor load, kg per m² > 0)` }) floorLoadKgPerSqm?: number | null;
  @Field(() => Float, { description: `租金，单位：元/m²·天，> 0，取值 ${boundText('rentPerSqmDay')} (rent, yuan per m² per day, > 0)` }) rentPerSqmDay: number;
  @Field(() => DateScalar, { description: `可入驻日期，须在 ${dateWindowText('availability')} 之间 (available from)` }) availableFrom: string;
  @Field(() => VacancyUseEnum, { nullable: true, description: '用途 (use)' }) useClass?: string | null;
  @Field(() => VacancyTenureEnum, { nullable: true, description: '租售方式 (tenure)' }) tenure?: string | null;
  @Field(() => Float, { nullable: true, description: `可用电力容量，单位：kVA，> 0，取值 ${boundText('powerCapacityKva')} (power capacity, kVA > 0)` }) powerCapacityKva?: number | null;
  @Field(() => Float, { nullable: true, description: `入园准入：承诺亩均税收，单位：万元/亩，> 0，取值 ${boundText('taxPerMuWan')} (committed tax per mu, 10,000 yuan per mu, > 0)` }) minTaxPerMuWan?: number | null;
  @Field(() => String, { nullable: true, description: '入园准入条件，最多 2000 个字符 (entry conditions, at most 2000 characters)' }) entryConditions?: string | null;
}

@InputType('ServiceOfferingPatch', { description: '服务产品的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行 (partial update of a service offering: absent keeps, null clears an optional field; the merged whole is validated)' })
export class ServiceOfferingPatchInput {
  @Field(() => String, { nullable: true, description: '标题，1–100 个字符 (title, 1–100 characters)' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description?: string | null;
  @Field(() => [String], { nullable: true, description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags?: string[] | null;
  @Field(() => ServiceCategoryEnum, { nullable: true, description: '服务类别 (category)' }) category?: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '最低价，单位：元，≥ 0 的整数，不高于 priceMax (lowest price, whole yuan ≥ 0, ≤ priceMax)' }) priceMin?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '最高价，单位：元，≥ 0 的整数 (highest price, whole yuan ≥ 0)' }) priceMax?: number | null;
  @Field(() => Boolean, { nullable: true, description: '是否接受政府服务券、创新券 (accepts government service vouchers)' }) acceptsServiceVoucher?: boolean | null;
}

@InputType('CreditEligibilityPatch', { description: '金融产品准入条件的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行 (partial update of the eligibility)' })
export class CreditEligibilityPatchInput {
  @Field(() => [EnterpriseTierEnum], { nullable: true, description: '准入的梯度；为空表示不限 (tiers admitted; empty means any)' }) tiers?: string[] | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '最低年营业收入，单位：元，≥ 0 的整数 (lowest annual revenue, whole yuan ≥ 0)' }) minAnnualRevenue?: number | null;
  @Field(() => Int, { nullable: true, description: '最少发明专利数，单位：件，≥ 0 (fewest invention patents, ≥ 0)' }) minInventionPatents?: number | null;
  @Field(() => Int, { nullable: true, description: '最短经营年限，单位：年，0–100 的整数 (fewest years in business, 0–100)' }) minYearsInBusiness?: number | null;
  @Field(() => Float, { nullable: true, description: '最高资产负债率，小数 0–1，如 0.7 表示 70% (highest debt ratio, a fraction 0..1)' }) maxDebtRatio?: number | null;
}

@InputType('CreditProductPatch', { description: '金融产品的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行 (partial update of a credit product)' })
export class CreditProductPatchInput {
  @Field(() => String, { nullable: true, description: '标题，1–100 个字符 (title, 1–100 characters)' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description?: string | null;
  @Field(() => [String], { nullable: true, description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags?: string[] | null;
  @Field(() => CreditProductTypeEnum, { nullable: true, description: '产品类型 (product type)' }) productType?: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `最低额度，单位：元，正整数，不高于 amountMax，取值 ${boundText('positiveMoneyYuan')} (smallest amount, whole yuan > 0, ≤ amountMax)` }) amountMin?: number | null;
  @Field(() => SafeIntScalar, { nullable: true, description: `最高额度，单位：元，正整数，取值 ${boundText('positiveMoneyYuan')} (largest amount, whole yuan > 0)` }) amountMax?: number | null;
  @Field(() => Float, { nullable: true, description: '最低年利率，单位：%，0–24，如 3.45 表示 3.45%，不高于 annualRateMax (lowest annual rate, percent 0–24)' }) annualRateMin?: number | null;
  @Field(() => Float, { nullable: true, description: '最高年利率，单位：%，0–24 (highest annual rate, percent 0–24)' }) annualRateMax?: number | null;
  @Field(() => Int, { nullable: true, description: '最长期限，单位：月，1–360 (longest term, 1–360 months)' }) termMonthsMax?: number | null;
  @Field(() => CreditEligibilityPatchInput, { nullable: true, description: '准入条件，按项部分修改；不能为 null (eligibility, changed item by item; not null)' }) eligibility?: CreditEligibilityPatchInput | null;
  @Field(() => RateTypeEnum, { nullable: true, description: '利率方式 (rate type)' }) rateType?: string | null;
  @Field(() => [GuaranteeMethodEnum], { nullable: true, description: '担保方式 (guarantee methods)' }) guaranteeMethods?: string[] | null;
  @Field(() => Float, { nullable: true, description: '知识产权质押率，单位：%，0–100 (IP pledge ratio, percent 0–100)' }) pledgeRatioPercent?: number | null;
  @Field(() => String, { nullable: true, description: '贷投联动的合作投资机构，最多 200 个字符 (partner investor, at most 200 characters)' }) partnerInvestor?: string | null;
}

@InputType('ChallengePatch', { description: '揭榜榜单的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行 (partial update of a challenge)' })
export class ChallengePatchInput {
  @Field(() => String, { nullable: true, description: '标题，1–100 个字符 (title, 1–100 characters)' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description?: string | null;
  @Field(() => [String], { nullable: true, description: '服务地区，6 位行政区划代码，最多 50 个；为空表示不限地区 (regions served, at most 50; empty means anywhere)' }) regionCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags?: string[] | null;
  @Field(() => String, { nullable: true, description: '技术领域，1–100 个字符 (technical field, 1–100 characters)' }) techField?: string | null;
  @Field(() => String, { nullable: true, description: '技术难点、量化指标与验收标准，1–5000 个字符 (requirements, 1–5000 characters)' }) requirements?: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '预算，单位：元，≥ 0 的整数 (budget, whole yuan ≥ 0)' }) budget?: number | null;
  @Field(() => DateScalar, { nullable: true, description: `揭榜截止日期（含当天，北京时间）；发布或修改已发布榜单时不能早于今天，须在 ${dateWindowText('challengeApplyBy')} 之间 (last day to apply; not in the past when publishing)` }) applyBy?: string | null;
  @Field(() => IpOwnershipEnum, { nullable: true, description: '成果知识产权归属 (IP ownership of the solution)' }) ipOwnership?: string | null;
  @Field(() => CooperationModeEnum, { nullable: true, description: '合作方式 (cooperation mode)' }) cooperationMode?: string | null;
  @Field(() => DateScalar, { nullable: true, description: `完成期限，不早于 applyBy，须在 ${dateWindowText('challengeCompletion')} 之间 (completion deadline, not before applyBy)` }) completionDeadline?: string | null;
  @Field(() => [String], { nullable: true, description: '量化指标，最多 30 条 (quantified indicators, at most 30)' }) indicators?: string[] | null;
  @Field(() => [EnterpriseTierEnum], { nullable: true, description: '偏好的揭榜方梯度 (preferred solver tiers)' }) preferredTiers?: string[] | null;
}

@InputType('ParkVacancyPatch', { description: '园区房源的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行；地区取自所属园区 (partial update of a park vacancy: absent keeps, null clears an optional field; its region is the park\'s)' })
export class ParkVacancyPatchInput {
  @Field(() => ID, { nullable: true, description: '所属园区，须为调用者运营的园区 (the park; must be one the caller operates)' }) parkId?: string | null;
  @Field(() => String, { nullable: true, description: '标题，1–100 个字符 (title, 1–100 characters)' }) title?: string | null;
  @Field(() => String, { nullable: true, description: '详细说明，1–5000 个字符 (description, 1–5000 characters)' }) description?: string | null;
  @Field(() => [String], { nullable: true, description: '面向的行业代码前缀（GB/T 4754 门类字母或代码，如 C、C34），最多 50 个；为空表示不限行业 (industry code prefixes, at most 50; empty means any)' }) industryCodes?: string[] | null;
  @Field(() => [String], { nullable: true, description: '标签，最多 20 个，每个最多 30 个字符 (tags: at most 20, each at most 30 characters)' }) tags?: string[] | null;
  @Field(() => Float, { nullable: true, description: `面积，单位：m²，> 0，取值 ${boundText('areaSqm')} (area, m² > 0)` }) areaSqm?: number | null;
  @Field(() => Int, { nullable: true, description: '所在楼层，-5 到 100 的整数，负数为地下层 (floor, −5 to 100)' }) floor?: number | null;
  @Field(() => Float, { nullable: true, description: '层高，单位：m，> 0 (ceiling height, metres > 0)' }) ceilingHeightM?: number | null;
  @Field(() => Float, { nullable: true, description: '楼面承重，单位：kg/m²，> 0 (floor load, kg per m² > 0)' }) floorLoadKgPerSqm?: number | null;
  @Field(() => Float, { nullable: true, description: `租金，单位：元/m²·天，> 0，取值 ${boundText('rentPerSqmDay')} (rent, yuan per m² per day, > 0)` }) rentPerSqmDay?: number | null;
  @Field(() => DateScalar, { nullable: true, description: `可入驻日期，须在 ${dateWindowText('availability')} 之间 (available from)` }) availableFrom?: string | null;
  @Field(() => VacancyUseEnum, { nullable: true, description: '用途 (use)' }) useClass?: string | null;
  @Field(() => VacancyTenureEnum, { nullable: true, description: '租售方式 (tenure)' }) tenure?: string | null;
  @Field(() => Float, { nullable: true, description: '可用电力容量，单位：kVA，> 0 (power capacity, kVA > 0)' }) powerCapacityKva?: number | null;
  @Field(() => Float, { nullable: true, description: '入园准入：承诺亩均税收，单位：万元/亩，> 0 (committed tax per mu, 10,000 yuan per mu, > 0)' }) minTaxPerMuWan?: number | null;
  @Field(() => String, { nullable: true, description: '入园准入条件，最多 2000 个字符 (entry conditions, at most 2000 characters)' }) entryConditions?: string | null;
}

@InputType('ParkPatch', { description: '园区的部分修改：不传的字段保持不变，传 null 清空可选字段（必填字段不能清空），校验按合并后的整体进行；改地区时其房源随之改变 (partial update of a park; its vacancies follow a new region)' })
export class ParkPatchInput {
  @Field(() => String, { nullable: true, description: '园区名称，2–100 个字符 (name, 2–100 characters)' }) name?: string | null;
  @Field(() => String, { nullable: true, description: '所在地区，6 位行政区划代码（GB/T 2260）(region code)' }) regionCode?: string | null;
  @Field(() => Int, { nullable: true, description: '小微企业园星级，1–5 的整数 (star rating, 1–5)' }) starRating?: number | null;
  @Field(() => [String], { nullable: true, description: '园区主导产业，行业代码（GB/T 4754），最多 50 个 (industry codes of the industries the park hosts, at most 50)' }) industries?: string[] | null;
  @Field(() => String, { nullable: true, description: '地址，1–300 个字符 (address, 1–300 characters)' }) address?: string | null;
}


export const ApplicationStatusEnum = asEnum(APPLICATION_STATUSES);
registerEnumType(ApplicationStatusEnum, {
  name: 'ApplicationStatus',
  description: '揭榜申请状态 (status of a challenge application)',
  valuesMap: {
    SUBMITTED: { description: '已提交 (submitted)' },
    SHORTLISTED: { description: '已入围 (shortlisted)' },
    ACCEPTED: { description: '已接受（揭榜成功）(accepted)' },
    REJECTED: { description: '未获选 (rejected)' },
    WITHDRAWN: { description: '已撤回 (withdrawn by the applicant)' },
    CLOSED_BY_OWNER: { description: '已随榜单关闭：未决定的申请在榜单关闭（发榜方关闭或主管部门下架）时结束，不再评审；榜单重新发布后可再次揭榜 (ended undecided because the challenge was closed by its owner or taken down; applying again is possible once it is published again)' },
  },
});
export const ApplicationDecisionEnum = asEnum(APPLICATION_DECISIONS);
registerEnumType(ApplicationDecisionEnum, {
  name: 'ApplicationDecision',
  description: '发榜方对揭榜申请的决定 (the poster\'s decision on an application)',
  valuesMap: {
    SHORTLIST: { description: '入围（仅对已提交的申请）(shortlist a submitted application)' },
    ACCEPT: { description: '接受 (accept)' },
    REJECT: { description: '拒绝 (reject)' },
  },
});

@InputType('ChallengeApplicationInput', { description: '揭榜申请 (an application to a challenge)' })
export class ChallengeApplicationInput {
  @Field(() => ID, { description: '揭榜的榜单 ID (the challenge)' }) challengeId: string;
  @Field({ description: '揭榜方案：技术路线、团队和进度安排，不能为空，最多 5000 字 (proposal: approach, team and schedule; 1–5000 characters)' }) proposal: string;
  @Field(() => SafeIntScalar, { nullable: true, description: `揭榜报价，单位：元，≥ 0 的整数，取值 ${boundText('moneyYuan')} (quoted price, whole yuan ≥ 0)` }) quote?: number | null;
  @Field(() => Boolean, {
    nullable: true,
    description:
      '是否同意发榜企业在申请有效期间查看本企业画像（含财务数据）；不填为否；申请撤回、未获选或随榜单关闭后授权结束 (consent to show the enterprise profile, financials included, to the challenge\'s owner while the application is live; default false; ends when it is withdrawn, rejected or closed with the challenge)',
  })
  shareProfile?: boolean | null;
}

@ObjectType('ChallengeApplication', { description: '企业对揭榜榜单的申请 (an enterprise\'s application to a challenge)' })
export class ChallengeApplicationModel {
  @Field(() => ID, { description: '申请 ID (application id)' }) id: string;
  challengeId: string;
  applicantOrganizationId: string;
  /** Read by MatchOutcomeResolver (rejectionReason; issue 17). */
  rejectionReasonCode: string | null;
  @Field(() => SafeIntScalar, { nullable: true, description: '接受时约定的合同金额，单位：元 (contract value agreed on acceptance, yuan)' }) contractValue: number | null;
  @Field({ description: '揭榜方案 (proposal)' }) proposal: string;
  @Field(() => SafeIntScalar, { nullable: true, description: `揭榜报价，单位：元，取值 ${boundText('moneyYuan')} (quoted price, yuan)` }) quote: number | null;
  @Field(() => ApplicationStatusEnum, { description: '状态 (status)' }) status: string;
  @Field({ description: '申请企业是否同意发榜企业查看其企业画像（申请有效期间）(whether the applicant shares its profile with the challenge\'s owner while the application is live)' }) shareProfile: boolean;
  @Field(() => String, { nullable: true, description: '发榜方最近一次决定的评审意见 (comment of the last decision)' }) decisionComment: string | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '最近一次决定的时间 (when the last decision was taken)' }) decidedAt: Date | null;
  @Field(() => DateTimeScalar, { description: '提交时间 (submitted at)' }) createdAt: Date;
  @Field(() => DateTimeScalar, { description: '最近修改时间 (last change)' }) updatedAt: Date;
  @Field(() => DateTimeScalar, { nullable: true, description: '答复时限：发榜方须在此前入围或作出决定（按工作日计算，工作时间 09:00–17:00 北京时间）；时限制度前的申请为空 (respond-by instant: shortlist or decide before it; working days, 09:00–17:00 Beijing; null on older applications)' }) respondBy: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '决定时限：发榜方须在此前接受或拒绝（按工作日计算）；时限制度前的申请为空 (decide-by instant: accept or reject before it; working days; null on older applications)' }) decideBy: Date | null;
  @Field(() => DateTimeScalar, { nullable: true, description: '发榜方要求申请企业补充材料的时刻；答复前评审时限暂停，答复后为空 (when the owner asked the applicant for information; the deadlines are paused until it answers; null otherwise)' }) awaitingInformationSince: Date | null;
}

@InputType('ListingFilter', { description: '发布信息筛选条件，各条件同时满足 (all conditions apply)' })
export class ListingFilterInput {
  @Field(() => [ListingKindEnum], { nullable: true, description: '只看这些类别；不填表示全部 (only these kinds)' }) kinds?: Array<keyof typeof ListingKindEnum> | null;
  @Field(() => ID, { nullable: true, description: '只看该机构发布的 (only listings of this organization)' }) ownerId?: string | null;
  @Field(() => ListingStatusEnum, { nullable: true, description: '只看该状态；草稿仅对发布方可见 (only this status; drafts are seen only by their owner)' }) status?: keyof typeof ListingStatusEnum | null;
  @Field(() => [String], { nullable: true, description: '6 位行政区划代码；上下级地区互相包含，不限地区的信息总是包含在内 (region codes; regions nest, and listings serving anywhere always match)' }) regionCodes?: string[] | null;
}

@ObjectType('ChallengeApplicationEdge', { description: '揭榜申请列表的一项 (one application of a page)' })
export class ChallengeApplicationEdgeModel {
  @Field({ description: '游标 (cursor)' }) cursor: string;
  @Field(() => ChallengeApplicationModel, { description: '揭榜申请 (the application)' }) node: ChallengeApplicationModel;
}

@ObjectType('ChallengeApplicationConnection', { description: '揭榜申请分页，新的在前 (a page of 揭榜 applications, newest first)' })
export class ChallengeApplicationConnectionModel {
  @Field(() => [ChallengeApplicationEdgeModel], { description: '本页 (this page)' }) edges: ChallengeApplicationEdgeModel[];
  @Field(() => PageInfoModel, { description: '分页信息 (page info)' }) pageInfo: PageInfoModel;
  @Field(() => Int, { description: '符合条件的申请总数 (applications matching the status filter)' }) totalCount: number;
}
