/** Builders for scorer tests: a neutral enterprise and one listing per kind, patched per case. */
import { expect } from '@jest/globals';

import type {
  ChallengeListing,
  CreditListing,
  EnterpriseSide,
  ListingSide,
  MatchResult,
  Reason,
  ServiceListing,
  VacancyListing,
} from '../../../libs/matching/src/index.js';
import { rng } from '../../helpers/seeded-random.js';

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

const TIERS = ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'] as const;
const REGIONS = ['330211', '330281', '330212', '330110', '330200', '330000'];
const INDUSTRIES = ['C3484', 'C34', 'C26', 'C', 'C3599', 'I65'];
const CATEGORIES = ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION', 'TECH_INNOVATION', 'MARKET_EXPANSION', 'LEGAL_TAX'];
const PRODUCT_TYPES = ['IP_PLEDGE', 'LOAN_INVESTMENT_LINKAGE', 'CREDIT_LOAN', 'TALENT_LOAN', 'ORDER_FINANCING', 'SUPPLY_CHAIN', 'TECH_REFINANCING', 'OTHER'];
const WORDS = ['精密', '齿轮', '激光焊接', '减速器', '伺服', '视觉检测', '新能源', '电池', '传感器', '数控', '注塑模具', '工业软件'];
const CODES = ['A1.IP', 'A2.IND.IP', 'A2.IND.DIGITAL', 'A1.RD_RATIO', 'A2.IND.QUALITY', 'A2.SCORE', 'B1.MARKET'];

/** Seeded random firms and listings of every kind (the same seed, the same inputs). */
export function pairGenerator(seed: number) {
  const r = rng(seed);
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(r() * xs.length)]!;
  const some = <T>(xs: readonly T[], max = 3): T[] => [...new Set(Array.from({ length: Math.floor(r() * (max + 1)) }, () => pick(xs)))];
  const int = (lo: number, hi: number) => lo + Math.floor(r() * (hi - lo + 1));
  const maybe = <T>(x: T, p = 0.7): T | null => (r() < p ? x : null);
  const text = () => some(WORDS, 4).join('，');

  const enterprise = (): EnterpriseSide => {
    const min = int(100, 2_000);
    return firm({
      regionCode: pick(REGIONS.slice(0, 4)),
      industryCode: pick(INDUSTRIES),
      tier: pick(TIERS),
      foundedOn: `${int(2005, 2026)}-0${int(1, 9)}-1${int(0, 9)}`,
      latestFinancials: maybe({
        year: 2025,
        revenue: int(0, 20_000) * WAN,
        totalAssets: maybe(int(1, 30_000) * WAN),
        totalLiabilities: int(0, 20_000) * WAN,
        equityFinancing: maybe(int(0, 3) * 500 * WAN),
        rdEmployees: maybe(int(0, 40)),
      }, 0.9),
      ip: { inventionPatents: int(0, 12), utilityModels: int(0, 20), designPatents: int(0, 3), softwareCopyrights: int(0, 10), trademarks: int(0, 5) },
      financingNeed: maybe({ amount: int(10, 5_000) * WAN, termMonths: int(3, 72) }),
      serviceNeeds: some(CATEGORIES),
      spaceNeed: maybe({ minAreaSqm: min, maxAreaSqm: min + int(0, 3_000), regionCodes: some(REGIONS), maxRentPerSqmDay: maybe(int(5, 30) / 10) }),
      capabilities: text(),
      mainProducts: some(WORDS, 2),
      latestAssessments: some(TIERS.slice(1, 4)).map((tier) => ({
        tier: tier as 'INNOVATIVE_SME',
        eligible: r() < 0.3,
        criteria: some(CODES, 4).map((code) => ({ code, status: pick(['MET', 'UNMET', 'UNKNOWN'] as const) })),
      })),
      anchorRelations: pick([true, false, null]),
    });
  };

  const listing = (): ListingSide => {
    const base = { regionCodes: some(REGIONS, 2), industryCodes: some(INDUSTRIES.slice(0, 4), 2), tags: some(WORDS, 2) };
    switch (int(0, 3)) {
      case 0: {
        const amountMin = int(10, 500) * WAN;
        const rateMin = int(20, 60) / 10;
        return credit({
          ...base,
          productType: pick(PRODUCT_TYPES),
          amountMin,
          amountMax: amountMin + int(0, 3_000) * WAN,
          annualRateMin: rateMin,
          annualRateMax: rateMin + int(0, 20) / 10,
          termMonthsMax: int(6, 60),
          eligibleTiers: some(TIERS, 4),
          minAnnualRevenue: maybe(int(0, 5_000) * WAN),
          minInventionPatents: maybe(int(0, 5)),
          minYearsInBusiness: maybe(int(0, 5)),
          maxDebtRatio: maybe(int(30, 90) / 100),
        });
      }
      case 1:
        return service({ ...base, category: pick(CATEGORIES), acceptsServiceVoucher: r() < 0.5, providerRating: maybe(int(10, 50) / 10) });
      case 2:
        return challenge({ ...base, title: text(), techField: pick(WORDS), requirements: text(), applyBy: `2026-0${int(2, 6)}-1${int(0, 9)}`, preferredTiers: some(TIERS) });
      default:
        return vacancy({ ...base, areaSqm: int(50, 4_000), rentPerSqmDay: int(5, 30) / 10, parkRegionCode: pick(REGIONS.slice(0, 4)), parkIndustries: some(INDUSTRIES, 3) });
    }
  };
  return { enterprise, listing };
}
