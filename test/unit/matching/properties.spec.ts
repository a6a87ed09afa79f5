/** Properties over many seeded random inputs: exact sums, bounds, determinism, no mutation. */
import { describe, it, expect } from '@jest/globals';

import { SCORER_VERSION, WEIGHTS, scoreMatch, scoreValue, type EnterpriseSide, type ListingSide, type MatchResult } from '../../../libs/matching/src/index.js';
import { ListingPool, upperBound } from '../../../libs/matching/src/sets/match-engine.js';
import { TODAY, WAN, challenge, credit, firm, rng, service, tenthsSum, vacancy } from './match-test-kit.js';

const TIERS = ['NONE', 'INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT', 'KEY_LITTLE_GIANT'] as const;
const REGIONS = ['330211', '330281', '330212', '330110', '330200', '330000'];
const INDUSTRIES = ['C3484', 'C34', 'C26', 'C', 'C3599', 'I65'];
const CATEGORIES = ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION', 'TECH_INNOVATION', 'MARKET_EXPANSION', 'LEGAL_TAX'];
const PRODUCT_TYPES = ['IP_PLEDGE', 'LOAN_INVESTMENT_LINKAGE', 'CREDIT_LOAN', 'TALENT_LOAN', 'ORDER_FINANCING', 'SUPPLY_CHAIN', 'TECH_REFINANCING', 'OTHER'];
const WORDS = ['精密', '齿轮', '激光焊接', '减速器', '伺服', '视觉检测', '新能源', '电池', '传感器', '数控', '注塑模具', '工业软件'];
const CODES = ['A1.IP', 'A2.IND.IP', 'A2.IND.DIGITAL', 'A1.RD_RATIO', 'A2.IND.QUALITY', 'A2.SCORE', 'B1.MARKET'];

function generator(seed: number) {
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

const KIND_PREFIX = { CREDIT_PRODUCT: 'CREDIT', SERVICE_OFFERING: 'SERVICE', CHALLENGE: 'CHALLENGE', PARK_VACANCY: 'VACANCY' } as const;

/** The weight a reason code draws from (all margin sub-reasons share ELIGIBILITY_MARGIN). */
function factorMax(kind: ListingSide['kind'], code: string): number {
  const rest = code.slice(KIND_PREFIX[kind].length + 1);
  const key = rest.startsWith('MARGIN.') ? 'ELIGIBILITY_MARGIN' : rest;
  const max = (WEIGHTS[kind] as Record<string, number>)[key];
  if (max === undefined) throw new Error(`unknown factor ${code}`);
  return max;
}

const N = 4_000;
const pairs = (() => {
  const g = generator(20260315);
  return Array.from({ length: N }, () => ({ e: g.enterprise(), l: g.listing() }));
})();

describe(`properties over ${N} seeded random pairs`, () => {
  const results: MatchResult[] = pairs.map(({ e, l }) => scoreMatch(e, l, { today: TODAY }));

  it('scoreValue gives the score scoreMatch gives (null when excluded), without labels', () => {
    pairs.forEach(({ e, l }, i) => {
      const r = results[i]!;
      expect(scoreValue(e, l, { today: TODAY })).toBe(r.eligible ? r.score : null);
    });
  });

  it("the match engine's index and pre-checks never drop a pair the scorer admits", () => {
    pairs.forEach(({ e, l }, i) => {
      const kept = new ListingPool([{ side: l, version: 1 }]).topFor(e, 1, TODAY, [l.kind], 1);
      const r = results[i]!;
      expect(kept.map((k) => ({ score: k.score, reasons: k.reasons }))).toEqual(r.eligible ? [{ score: r.score, reasons: r.reasons }] : []);
    });
  });

  it("the match engine's upper bound is never below the score", () => {
    pairs.forEach(({ e, l }, i) => {
      const r = results[i]!;
      if (!r.eligible) return;
      expect(upperBound(e, l, TODAY)).toBeGreaterThanOrEqual(r.score);
    });
  });

  it('both outcomes occur for every kind', () => {
    for (const kind of Object.keys(KIND_PREFIX)) {
      const mine = results.filter((_, i) => pairs[i]!.l.kind === kind);
      expect(mine.filter((r) => r.eligible).length).toBeGreaterThan(20);
      expect(mine.filter((r) => !r.eligible).length).toBeGreaterThan(20);
    }
  });

  it('contributions sum exactly (in tenths) to the score; score in 0..100 with one decimal', () => {
    results.forEach((r, i) => {
      if (!r.eligible) {
        expect(r.excludedBy.length).toBeGreaterThan(0);
        expect(r.excludedBy.every((x) => x.contribution === 0 && x.label.length > 0)).toBe(true);
        return;
      }
      expect(tenthsSum(r.reasons)).toBe(Math.round(r.score * 10));
      expect(Math.abs(r.reasons.reduce((s, x) => s + x.contribution, 0) - r.score)).toBeLessThan(1e-9);
      expect(r.score).toBeGreaterThanOrEqual(0);
      expect(r.score).toBeLessThanOrEqual(100);
      expect(Number.isInteger(Math.round(r.score * 10)) && Math.abs(r.score * 10 - Math.round(r.score * 10)) < 1e-9).toBe(true);
      const kind = pairs[i]!.l.kind;
      for (const x of r.reasons) {
        expect(x.contribution).toBeGreaterThanOrEqual(0);
        expect(x.contribution).toBeLessThanOrEqual(factorMax(kind, x.code) + 0.1);
        expect(x.label.length).toBeGreaterThan(0);
      }
      expect(new Set(r.reasons.map((x) => x.code)).size).toBe(r.reasons.length);
    });
  });

  it('factor groups stay within their weights (margins share one budget)', () => {
    results.forEach((r, i) => {
      if (!r.eligible || pairs[i]!.l.kind !== 'CREDIT_PRODUCT') return;
      const margin = r.reasons.filter((x) => x.code.startsWith('CREDIT.MARGIN.')).reduce((s, x) => s + Math.round(x.contribution * 10), 0);
      expect(margin).toBeLessThanOrEqual(WEIGHTS.CREDIT_PRODUCT.ELIGIBILITY_MARGIN * 10 + 1);
    });
  });

  it('is deterministic: same input → same output, also from a deep copy; inputs are not mutated', () => {
    pairs.slice(0, 500).forEach(({ e, l }, i) => {
      const before = JSON.stringify([e, l]);
      expect(scoreMatch(e, l, { today: TODAY })).toEqual(results[i]);
      expect(scoreMatch(structuredClone(e), structuredClone(l), { today: TODAY })).toEqual(results[i]);
      expect(JSON.stringify([e, l])).toBe(before);
    });
  });

  it('the same seed generates the same inputs', () => {
    const g = generator(20260315);
    expect(JSON.stringify(g.enterprise())).toBe(JSON.stringify(pairs[0]!.e));
  });
});

describe('weights as data', () => {
  it('is versioned', () => {
    expect(SCORER_VERSION).toBe('1.0.3');
  });

  it.each(Object.entries(WEIGHTS))('%s sums to 100', (_kind, factors) => {
    expect(Object.values(factors).reduce((s, x) => s + x, 0)).toBe(100);
  });
});
