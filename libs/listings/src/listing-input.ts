import { badInput, echoInput, plausible, plausibleDate, todayInShanghai, type Patch, type PlausibleKind } from '../../platform/src/index.js';
import { describeRegionCodeProblem } from '../../identity/src/index.js';
import { describeIndustryCodeProblem, isCalendarDate, ENTERPRISE_TIERS, SERVICE_CATEGORIES } from '../../enterprises/src/index.js';
import {
  COOPERATION_MODES,
  CREDIT_PRODUCT_TYPES,
  GUARANTEE_METHODS,
  IP_OWNERSHIPS,
  RATE_TYPES,
  VACANCY_TENURES,
  VACANCY_USES,
} from './listing-enums.js';

/** Fields every listing input has (a vacancy takes its regions from its park). */
export interface CommonListingInput {
  title: string;
  description: string;
  regionCodes?: string[];
  industryCodes: string[];
  tags: string[];
}

export interface ServiceOfferingInputCommand extends CommonListingInput {
  category: string;
  priceMin?: number | null;
  priceMax?: number | null;
  acceptsServiceVoucher: boolean;
}

export interface CreditProductInputCommand extends CommonListingInput {
  productType: string;
  amountMin: number;
  amountMax: number;
  annualRateMin: number;
  annualRateMax: number;
  termMonthsMax: number;
  eligibility: {
    tiers: string[];
    minAnnualRevenue?: number | null;
    minInventionPatents?: number | null;
    minYearsInBusiness?: number | null;
    maxDebtRatio?: number | null;
  };
  rateType?: string | null;
  guaranteeMethods?: string[] | null;
  pledgeRatioPercent?: number | null;
  partnerInvestor?: string | null;
}

export interface ChallengeInputCommand extends CommonListingInput {
  techField: string;
  requirements: string;
  budget: number;
  applyBy: string | Date;
  ipOwnership: string;
  cooperationMode?: string | null;
  completionDeadline?: string | Date | null;
  indicators?: string[] | null;
  preferredTiers?: string[] | null;
}

export interface ParkVacancyInputCommand extends CommonListingInput {
  parkId: string;
  areaSqm: number;
  floor?: number | null;
  ceilingHeightM?: number | null;
  floorLoadKgPerSqm?: number | null;
  rentPerSqmDay: number;
  availableFrom: string | Date;
  useClass?: string | null;
  tenure?: string | null;
  powerCapacityKva?: number | null;
  minTaxPerMuWan?: number | null;
  entryConditions?: string | null;
}

export interface ParkInputCommand {
  name: string;
  regionCode: string;
  starRating?: number | null;
  industries: string[];
  address: string;
}

const f = (name: string) => `input.${name}`;

export function text(value: string, field: string, max: number, min = 1): string {
  const v = value.trim();
  if (v.length < min) throw badInput(`${field} 不能为空 (required)`, f(field));
  if (v.length > max) throw badInput(`${field} 最多 ${max} 个字符，当前 ${v.length} (at most ${max} characters)`, f(field));
  return v;
}

function optionalText(value: string | null | undefined, field: string, max: number): string | null {
  if (value === null || value === undefined || value.trim() === '') return null;
  return text(value, field, max);
}

function oneOf(value: string, allowed: readonly string[], field: string): string {
  if (!allowed.includes(value)) throw badInput(`${field} 取值无效：${echoInput(value)}（可选 ${allowed.join(', ')}） (not one of the allowed values)`, f(field));
  return value;
}

/** Whole yuan within the plausible range (libs/platform bounds): [0, 10^13], or (0, 10^13] when `positive`. */
function money(value: number | null | undefined, field: string, label: string, { positive = false } = {}): number | null {
  if (value === null || value === undefined) return null;
  return plausible(value, positive ? 'positiveMoneyYuan' : 'moneyYuan', f(field), label);
}

/** A positive measurement within its plausible bound (area, rent, height …). */
function measure(value: number | null | undefined, kind: PlausibleKind, field: string, label: string): number | null {
  if (value === null || value === undefined) return null;
  return plausible(value, kind, f(field), label);
}

function range(value: number, field: string, min: number, max: number, unit = ''): number {
  if (!Number.isFinite(value) || value < min || value > max) {
    throw badInput(`${field} 需在 ${min}–${max}${unit} 之间，当前 ${value} (must be between ${min} and ${max})`, f(field));
  }
  return value;
}

export function isoDate(value: string | Date, field: string): string {
  const s = value instanceof Date ? (Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10)) : String(value);
  if (!isCalendarDate(s)) throw badInput(`${field} 不是有效日期 (not a valid date)`, f(field));
  return s;
}

function codes(values: string[] | undefined, field: string, check: (c: string) => string | undefined): string[] {
  const list = [...new Set((values ?? []).map((v) => v.trim().toUpperCase()))];
  if (list.length > 50) throw badInput(`${field} 最多 50 项 (at most 50)`, f(field));
  list.forEach((c, i) => {
    const problem = check(c);
    if (problem) throw badInput(problem, `${f(field)}[${i}]`);
  });
  return list;
}

/** A single 门类 letter (C) or any valid division/group/class code (C34, C3484) is a valid target prefix. */
export function industryPrefixProblem(code: string): string | undefined {
  return /^[A-T]$/.test(code) ? undefined : describeIndustryCodeProblem(code);
}

export function validateCommon(input: CommonListingInput) {
  const tags = [...new Set(input.tags.map((t) => t.trim()).filter(Boolean))];
  if (tags.length > 20) throw badInput('tags 最多 20 个 (at most 20 tags)', f('tags'));
  tags.forEach((t, i) => {
    if (t.length > 30) throw badInput('每个标签最多 30 个字符 (each tag at most 30 characters)', `${f('tags')}[${i}]`);
  });
  return {
    title: text(input.title, 'title', 100),
    description: text(input.description, 'description', 5_000),
    regionCodes: codes(input.regionCodes, 'regionCodes', (c) => describeRegionCodeProblem(c)),
    industryCodes: codes(input.industryCodes, 'industryCodes', industryPrefixProblem),
    tags,
  };
}

export function validateServiceOffering(input: ServiceOfferingInputCommand) {
  const priceMin = money(input.priceMin, 'priceMin', '最低价');
  const priceMax = money(input.priceMax, 'priceMax', '最高价');
  if (priceMin !== null && priceMax !== null && priceMin > priceMax) {
    throw badInput(`最低价 ${priceMin} 高于最高价 ${priceMax} (priceMin exceeds priceMax)`, f('priceMin'));
  }
  return {
    common: validateCommon(input),
    details: { category: oneOf(input.category, SERVICE_CATEGORIES, 'category'), priceMin, priceMax, acceptsServiceVoucher: input.acceptsServiceVoucher },
  };
}

export function validateCreditProduct(input: CreditProductInputCommand) {
  const amountMin = money(input.amountMin, 'amountMin', '最低额度', { positive: true })!;
  const amountMax = money(input.amountMax, 'amountMax', '最高额度', { positive: true })!;
  if (amountMin > amountMax) throw badInput(`最低额度 ${amountMin} 高于最高额度 ${amountMax} (amountMin exceeds amountMax)`, f('amountMin'));
  const annualRateMin = plausible(input.annualRateMin, 'annualRatePercent', f('annualRateMin'), '最低年利率', { required: true });
  const annualRateMax = plausible(input.annualRateMax, 'annualRatePercent', f('annualRateMax'), '最高年利率', { required: true });
  if (annualRateMin > annualRateMax) throw badInput('最低利率高于最高利率 (annualRateMin exceeds annualRateMax)', f('annualRateMin'));
  if (!Number.isInteger(input.termMonthsMax)) throw badInput('termMonthsMax 必须为整数 (whole months)', f('termMonthsMax'));
  const termMonthsMax = range(input.termMonthsMax, 'termMonthsMax', 1, 360, ' 个月');
  const e = input.eligibility;
  e.tiers.forEach((t) => oneOf(t, ENTERPRISE_TIERS, 'eligibility.tiers'));
  if (e.minInventionPatents != null && (!Number.isInteger(e.minInventionPatents) || e.minInventionPatents < 0)) {
    throw badInput('minInventionPatents 必须为非负整数 (non-negative whole number)', f('eligibility.minInventionPatents'));
  }
  if (e.minYearsInBusiness != null && (!Number.isInteger(e.minYearsInBusiness) || e.minYearsInBusiness < 0 || e.minYearsInBusiness > 100)) {
    throw badInput('minYearsInBusiness 需为 0–100 的整数 (0–100)', f('eligibility.minYearsInBusiness'));
  }
  if (e.maxDebtRatio != null) range(e.maxDebtRatio, 'eligibility.maxDebtRatio', 0, 1);
  (input.guaranteeMethods ?? []).forEach((g) => oneOf(g, GUARANTEE_METHODS, 'guaranteeMethods'));
  if (input.pledgeRatioPercent != null) range(input.pledgeRatioPercent, 'pledgeRatioPercent', 0, 100, '%');
  return {
    common: validateCommon(input),
    details: {
      productType: oneOf(input.productType, CREDIT_PRODUCT_TYPES, 'productType'),
      amountMin,
      amountMax,
      annualRateMin,
      annualRateMax,
      termMonthsMax,
      eligibleTiers: [...new Set(e.tiers)],
      minAnnualRevenue: money(e.minAnnualRevenue, 'eligibility.minAnnualRevenue', '最低年营业收入'),
      minInventionPatents: e.minInventionPatents ?? null,
      minYearsInBusiness: e.minYearsInBusiness ?? null,
      maxDebtRatio: e.maxDebtRatio ?? null,
      rateType: input.rateType ? oneOf(input.rateType, RATE_TYPES, 'rateType') : null,
      guaranteeMethods: [...new Set(input.guaranteeMethods ?? [])],
      pledgeRatioPercent: input.pledgeRatioPercent ?? null,
      partnerInvestor: optionalText(input.partnerInvestor, 'partnerInvestor', 200),
    },
  };
}

/** One quantified indicator of a challenge: a line, quoted old → new in applicants' notices. */
export const INDICATOR_MAX_CHARS = 200;

export function validateChallenge(input: ChallengeInputCommand, today = todayInShanghai()) {
  const applyBy = plausibleDate(isoDate(input.applyBy, 'applyBy'), 'challengeApplyBy', today, f('applyBy'), '揭榜截止日期');
  const completionDeadline = input.completionDeadline
    ? plausibleDate(isoDate(input.completionDeadline, 'completionDeadline'), 'challengeCompletion', today, f('completionDeadline'), '完成期限')
    : null;
  if (completionDeadline && completionDeadline < applyBy) {
    throw badInput('完成期限早于揭榜截止日期 (completionDeadline is before applyBy)', f('completionDeadline'));
  }
  const indicators = (input.indicators ?? []).map((i) => i.trim()).filter(Boolean);
  if (indicators.length > 30) throw badInput('量化指标最多 30 条 (at most 30 indicators)', f('indicators'));
  indicators.forEach((item, i) => {
    const n = Array.from(item).length;
    if (n > INDICATOR_MAX_CHARS) throw badInput(`每条量化指标最多 ${INDICATOR_MAX_CHARS} 字，第 ${i + 1} 条有 ${n} 字 (indicator ${i + 1} has ${n} characters; at most ${INDICATOR_MAX_CHARS})`, f(`indicators[${i}]`));
  });
  (input.preferredTiers ?? []).forEach((t) => oneOf(t, ENTERPRISE_TIERS, 'preferredTiers'));
  return {
    common: validateCommon(input),
    details: {
      techField: text(input.techField, 'techField', 100),
      requirements: text(input.requirements, 'requirements', 5_000),
      budget: money(input.budget, 'budget', '榜单预算')!,
      applyBy,
      ipOwnership: oneOf(input.ipOwnership, IP_OWNERSHIPS, 'ipOwnership'),
      cooperationMode: input.cooperationMode ? oneOf(input.cooperationMode, COOPERATION_MODES, 'cooperationMode') : null,
      completionDeadline,
      indicators,
      preferredTiers: [...new Set(input.preferredTiers ?? [])],
    },
  };
}

export function validateParkVacancy(input: ParkVacancyInputCommand, today = todayInShanghai()) {
  if (input.floor != null && (!Number.isInteger(input.floor) || input.floor < -5 || input.floor > 100)) {
    throw badInput('floor 需为 -5 到 100 的整数 (whole floor number)', f('floor'));
  }
  return {
    common: validateCommon({ ...input, regionCodes: [] }),
    details: {
      areaSqm: measure(input.areaSqm, 'areaSqm', 'areaSqm', '面积')!,
      floor: input.floor ?? null,
      ceilingHeightM: measure(input.ceilingHeightM, 'ceilingHeightM', 'ceilingHeightM', '净高'),
      floorLoadKgPerSqm: measure(input.floorLoadKgPerSqm, 'floorLoadKgPerSqm', 'floorLoadKgPerSqm', '楼面承重'),
      rentPerSqmDay: measure(input.rentPerSqmDay, 'rentPerSqmDay', 'rentPerSqmDay', '租金')!,
      availableFrom: plausibleDate(isoDate(input.availableFrom, 'availableFrom'), 'availability', today, f('availableFrom'), '可入驻日期'),
      useClass: input.useClass ? oneOf(input.useClass, VACANCY_USES, 'useClass') : null,
      tenure: input.tenure ? oneOf(input.tenure, VACANCY_TENURES, 'tenure') : null,
      powerCapacityKva: measure(input.powerCapacityKva, 'powerCapacityKva', 'powerCapacityKva', '供电容量'),
      minTaxPerMuWan: measure(input.minTaxPerMuWan, 'taxPerMuWan', 'minTaxPerMuWan', '亩均税收要求'),
      entryConditions: optionalText(input.entryConditions, 'entryConditions', 2_000),
    },
  };
}

export function validatePark(input: ParkInputCommand) {
  const regionProblem = describeRegionCodeProblem(input.regionCode.trim());
  if (regionProblem) throw badInput(regionProblem, f('regionCode'));
  if (input.starRating != null && (!Number.isInteger(input.starRating) || input.starRating < 1 || input.starRating > 5)) {
    throw badInput('starRating 为 1–5 星 (1..5)', f('starRating'));
  }
  return {
    name: text(input.name, 'name', 100, 2),
    regionCode: input.regionCode.trim(),
    starRating: input.starRating ?? null,
    industries: codes(input.industries, 'industries', industryPrefixProblem),
    address: text(input.address, 'address', 300),
  };
}

// ---------------------------------------------------------------- partial updates (ADR 0031)

export const COMMON_REQUIRED = ['title', 'description', 'regionCodes', 'industryCodes', 'tags'] as const;
export const SERVICE_OFFERING_REQUIRED = [...COMMON_REQUIRED, 'category', 'acceptsServiceVoucher'] as const;
export const CREDIT_PRODUCT_REQUIRED = [...COMMON_REQUIRED, 'productType', 'amountMin', 'amountMax', 'annualRateMin', 'annualRateMax', 'termMonthsMax', 'eligibility'] as const;
export const CHALLENGE_REQUIRED = [...COMMON_REQUIRED, 'techField', 'requirements', 'budget', 'applyBy', 'ipOwnership'] as const;
export const PARK_VACANCY_REQUIRED = ['title', 'description', 'industryCodes', 'tags', 'parkId', 'areaSqm', 'rentPerSqmDay', 'availableFrom'] as const;
export const PARK_REQUIRED = ['name', 'regionCode', 'industries', 'address'] as const;

export type ServiceOfferingPatchCommand = Patch<ServiceOfferingInputCommand>;
export type CreditProductPatchCommand = Patch<Omit<CreditProductInputCommand, 'eligibility'>> & { eligibility?: Patch<CreditProductInputCommand['eligibility']> | null };
export type ChallengePatchCommand = Patch<ChallengeInputCommand>;
export type ParkVacancyPatchCommand = Patch<ParkVacancyInputCommand>;
export type ParkPatchCommand = Patch<ParkInputCommand>;
