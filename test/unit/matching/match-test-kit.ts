/** Builders for scorer tests: a neutral enterprise and one listing per kind, patched per case. */
import { expect } from '@jest/globals';

import type {
  ChallengeListing,
  CreditListing,
  EnterpriseSide,
  MatchResult,
  Reason,
  ServiceListing,
  VacancyListing,
} from '../../../libs/matching/src/index.js';

export const TODAY = '2026-03-15';
export const WAN = 10_000;

export function firm(patch: Partial<EnterpriseSide> = {}): EnterpriseSide {
  return {
    organizationId: 'org-1',
    regionCode: '330211',
    industryCode: 'C3484',
    tier: 'SPECIALIZED_SME',
    foundedOn: '2018-06-01',
    asOf: TODAY,
    latestFinancials: { year: 2025, revenue: 3_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 4_000 * WAN, equityFinancing: null, rdEmployees: 12 },
    ip: { inventionPatents: 5, utilityModels: 4, designPatents: 0, softwareCopyrights: 0, trademarks: 0 },
    financingNeed: { amount: 500 * WAN, termMonths: 12 },
    serviceNeeds: ['INTELLECTUAL_PROPERTY'],
    spaceNeed: { minAreaSqm: 500, maxAreaSqm: 1_000, regionCodes: ['330200'], maxRentPerSqmDay: 1.5 },
    capabilities: '精密齿轮加工、激光焊接工艺、伺服减速器设计',
    mainProducts: ['精密行星减速器', '谐波减速器'],
    latestAssessments: [],
    anchorRelations: null,
    ...patch,
  };
}

const base = { listingId: 'l-1', regionCodes: ['330200'], industryCodes: ['C34'], tags: [] as string[], title: '产品', description: '' };

export function credit(patch: Partial<CreditListing> = {}): CreditListing {
  return {
    ...base,
    kind: 'CREDIT_PRODUCT',
    title: '知识产权质押贷',
    productType: 'IP_PLEDGE',
    amountMin: 100 * WAN,
    amountMax: 1_000 * WAN,
    annualRateMin: 3.45,
    annualRateMax: 4.35,
    termMonthsMax: 36,
    eligibleTiers: ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'],
    minAnnualRevenue: 1_000 * WAN,
    minInventionPatents: 2,
    minYearsInBusiness: 3,
    maxDebtRatio: 0.7,
    ...patch,
  };
}

export function service(patch: Partial<ServiceListing> = {}): ServiceListing {
  return {
    ...base,
    kind: 'SERVICE_OFFERING',
    title: '专利布局与导航服务',
    category: 'INTELLECTUAL_PROPERTY',
    acceptsServiceVoucher: true,
    providerRating: 4.6,
    ...patch,
  };
}

export function challenge(patch: Partial<ChallengeListing> = {}): ChallengeListing {
  return {
    ...base,
    kind: 'CHALLENGE',
    regionCodes: [],
    title: '高精度机器人减速器国产化',
    techField: '精密传动',
    requirements: '谐波减速器传动精度 ≤ 1 弧分，寿命 ≥ 10000 小时，需具备精密齿轮加工能力',
    applyBy: '2026-04-30',
    preferredTiers: ['SPECIALIZED_SME', 'LITTLE_GIANT'],
    ...patch,
  };
}

export function vacancy(patch: Partial<VacancyListing> = {}): VacancyListing {
  return {
    ...base,
    kind: 'PARK_VACANCY',
    regionCodes: ['330211'],
    industryCodes: [],
    title: '镇海小微园 3 号楼标准厂房',
    areaSqm: 750,
    rentPerSqmDay: 1.2,
    parkRegionCode: '330211',
    parkIndustries: ['C34', 'C35'],
    ...patch,
  };
}

export type Scored = Extract<MatchResult, { eligible: true }>;
export type Excluded = Extract<MatchResult, { eligible: false }>;

export function scored(r: MatchResult): Scored {
  if (!r.eligible) throw new Error(`expected eligible, excluded by ${r.excludedBy.map((x) => `${x.code} ${x.label}`).join('; ')}`);
  return r;
}

export function excluded(r: MatchResult): Excluded {
  if (r.eligible) throw new Error(`expected exclusion, scored ${r.score}`);
  return r;
}

export function reason(r: MatchResult, code: string): Reason {
  const found = scored(r).reasons.find((x) => x.code === code);
  if (!found) throw new Error(`no reason ${code} in ${scored(r).reasons.map((x) => x.code).join(', ')}`);
  return found;
}

/** Sum of contributions in tenths (integers, so "exactly" is meaningful). */
export const tenthsSum = (reasons: readonly Reason[]): number => reasons.reduce((s, x) => s + Math.round(x.contribution * 10), 0);

export function expectConsistent(r: MatchResult): void {
  const s = scored(r);
  expect(tenthsSum(s.reasons)).toBe(Math.round(s.score * 10));
  expect(Math.abs(s.reasons.reduce((a, x) => a + x.contribution, 0) - s.score)).toBeLessThan(1e-9);
}

export { rng } from '../../helpers/seeded-random.js';
