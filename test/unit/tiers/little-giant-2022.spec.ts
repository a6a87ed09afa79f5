/** 专精特新"小巨人" — 2022 Annex 3: 专/精/特/新/链/品 all required, no points table. */
import { describe, it, expect } from '@jest/globals';

import { SAMPLE_LITTLE_GIANT } from '../../../libs/tiers/src/index.js';
import { a3, crit, littleGiant, type FactsPatch } from './tier-test-kit.js';

/**
 * The little-giant sample rescaled to prior-year revenue `rev` with 10 % yearly main-business
 * growth, a 95 % main-business share and the given R&D ratios for 2024 and 2025.
 */
function scaled(rev: number, rd2024: number, rd2025: number, extra: FactsPatch['years'] = {}): FactsPatch {
  const y = (r: number, ratio: number) => ({ revenue: r, mainBusinessRevenue: 0.95 * r, rdExpense: ratio * r });
  return {
    years: {
      2023: { ...y(rev / 1.21, 0.05), ...extra[2023] },
      2024: { ...y(rev / 1.1, rd2024), ...extra[2024] },
      2025: { ...y(rev, rd2025), ...extra[2025] },
    },
  };
}

describe('MIIT-2022 小巨人 worked example: SAMPLE_LITTLE_GIANT', () => {
  it('meets every condition through the general innovation conditions', () => {
    const o = a3(SAMPLE_LITTLE_GIANT);
    expect(o).toMatchObject({ tier: 'LITTLE_GIANT', ruleSet: 'MIIT-2022', eligible: true, verdict: 'ELIGIBLE', passedBy: 'CONDITIONS', missingData: [] });
    expect(o.score).toBeUndefined();
    expect(o.maxScore).toBeUndefined();
    expect(o.criteria.map((c) => c.code)).toEqual([
      'A3.SME', 'A3.PREREQ',
      'A3.SPECIALIZATION', 'A3.NICHE_YEARS', 'A3.MAIN_SHARE', 'A3.GROWTH',
      'A3.REFINEMENT', 'A3.CREDIT', 'A3.INFORMATIZED', 'A3.CERTIFICATION', 'A3.DEBT',
      'A3.FEATURE', 'A3.MARKET_SHARE', 'A3.OWN_BRAND',
      'A3.INNOVATION', 'A3.INNOVATION.GENERAL', 'A3.RD_INTENSITY', 'A3.RD_RATIO_3', 'A3.RD_INSTITUTION', 'A3.IP_COUNT',
      'A3.INNOVATION.DIRECT', 'A3.DIRECT.AWARD', 'A3.DIRECT.MAKER_CHINA',
      'A3.CHAIN', 'A3.PRODUCT',
    ]);
    expect(o.criteria.filter((c) => c.status !== 'MET').map((c) => c.code)).toEqual(['A3.INNOVATION.DIRECT', 'A3.DIRECT.AWARD', 'A3.DIRECT.MAKER_CHINA']);
    expect(crit(o, 'A3.NICHE_YEARS')).toMatchObject({ actual: '14年', required: '≥3年' });
    expect(crit(o, 'A3.MAIN_SHARE')).toMatchObject({ actual: '93.33%', required: '≥70%' });
    expect(crit(o, 'A3.DEBT')).toMatchObject({ actual: '40%', required: '≤70%' });
    expect(crit(o, 'A3.MARKET_SHARE')).toMatchObject({ actual: '18%', required: '≥10%' });
    expect(crit(o, 'A3.RD_INTENSITY').actual).toBe('15,000万元 → 营业收入≥1亿元：近2年研发费用占比均≥3%');
    expect(crit(o, 'A3.RD_RATIO_3')).toMatchObject({ actual: '5%', required: '≥3%' });
    expect(crit(o, 'A3.IP_COUNT')).toMatchObject({ actual: '12件', required: '≥2件' });
    expect(crit(o, 'A3.PREREQ').note).toContain('原文未核实'); // issue 15 item 9: the text, not an internal mark
  });
});

describe('MIIT-2022 小巨人 conditions: both sides of each threshold', () => {
  it.each([
    ['3 years in the niche', { mainBusinessSince: '2023-01-01' }, 'A3.NICHE_YEARS', 'MET'],
    ['2 years in the niche', { mainBusinessSince: '2023-01-02' }, 'A3.NICHE_YEARS', 'UNMET'],
    ['main-business share 70 %', { years: { 2025: { revenue: 200_000_000 } } }, 'A3.MAIN_SHARE', 'MET'],
    ['main-business share 69.99 %', { years: { 2025: { revenue: 140_000_000 / 0.6999 } } }, 'A3.MAIN_SHARE', 'UNMET'],
    ['average growth 5 %', { years: { 2023: { mainBusinessRevenue: 100_000_000 }, 2024: { mainBusinessRevenue: 100_000_000 }, 2025: { mainBusinessRevenue: 110_000_000 } } }, 'A3.GROWTH', 'MET'],
    ['average growth 4.99 %', { years: { 2023: { mainBusinessRevenue: 100_000_000 }, 2024: { mainBusinessRevenue: 100_000_000 }, 2025: { mainBusinessRevenue: 109_980_000 } } }, 'A3.GROWTH', 'UNMET'],
    ['bad credit', { goodCredit: false }, 'A3.CREDIT', 'UNMET'],
    ['no informatized core process', { coreProcessInformatized: false }, 'A3.INFORMATIZED', 'UNMET'],
    ['no management certification', { managementCertification: false }, 'A3.CERTIFICATION', 'UNMET'],
    ['debt ratio 70 %', { years: { 2025: { totalLiabilities: 140_000_000 } } }, 'A3.DEBT', 'MET'],
    ['debt ratio 70.01 %', { years: { 2025: { totalLiabilities: 140_020_000 } } }, 'A3.DEBT', 'UNMET'],
    ['market share 10 %', { nicheMarketSharePercent: 10 }, 'A3.MARKET_SHARE', 'MET'],
    ['market share 9.99 %', { nicheMarketSharePercent: 9.99 }, 'A3.MARKET_SHARE', 'UNMET'],
    ['no own brand', { quality: { iso9001: true, ownBrand: false } }, 'A3.OWN_BRAND', 'UNMET'],
    ['not at a key chain link (链)', { keyChainRole: false }, 'A3.CHAIN', 'UNMET'],
    ['main product outside priority fields (品)', { mainProductInSixFoundations: false }, 'A3.PRODUCT', 'UNMET'],
    ['品 by 十大重点产业 alone (2022 counts all three lists)', { mainProductInSixFoundations: false, mainProductInTopTenSectors: true }, 'A3.PRODUCT', 'MET'],
    ['品 by 网络强国 alone', { mainProductInSixFoundations: false, mainProductInCyberPowerField: true }, 'A3.PRODUCT', 'MET'],
    ['品 by the former combined flag, split facts blank', { mainProductInSixFoundations: undefined, mainProductInTopTenSectors: undefined, mainProductInCyberPowerField: undefined, mainProductInPriorityField: true }, 'A3.PRODUCT', 'MET'],
    ['former combined flag false, split facts blank', { mainProductInSixFoundations: undefined, mainProductInTopTenSectors: undefined, mainProductInCyberPowerField: undefined, mainProductInPriorityField: false }, 'A3.PRODUCT', 'UNMET'],
    ['split facts all false outrank a stale combined flag', { mainProductInSixFoundations: false, mainProductInPriorityField: true }, 'A3.PRODUCT', 'UNMET'],
    ['no tier title', { certifiedTier: 'NONE', tierCertifiedOn: undefined }, 'A3.PREREQ', 'UNMET'],
    ['only 创新型', { certifiedTier: 'INNOVATIVE_SME' }, 'A3.PREREQ', 'UNMET'],
    ['专精特新 certified 2023-06-30 (lapsed on 2026-06-30)', { tierCertifiedOn: '2023-06-30' }, 'A3.PREREQ', 'UNMET'],
    ['专精特新 certified 2023-07-01 (valid)', { tierCertifiedOn: '2023-07-01' }, 'A3.PREREQ', 'MET'],
    ['already 小巨人 (re-application), title still valid', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-07-01' }, 'A3.PREREQ', 'MET'],
    // DOMAIN.md §8.3: a lapsed 小巨人 (certified 2020-07-01, lapsed 2023-07-01) satisfies no prerequisite.
    ['lapsed 小巨人', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2020-07-01' }, 'A3.PREREQ', 'UNMET'],
    ['not an SME: ≥4亿元 revenue and 1000 staff', { years: { 2025: { revenue: 400_000_000, mainBusinessRevenue: 380_000_000, rdExpense: 20_000_000, employees: 1000 } } }, 'A3.SME', 'UNMET'],
    ['SME: ≥4亿元 revenue but 999 staff', { years: { 2025: { revenue: 400_000_000, mainBusinessRevenue: 380_000_000, rdExpense: 20_000_000, employees: 999 } } }, 'A3.SME', 'MET'],
  ] as Array<[string, FactsPatch, string, string]>)('%s', (_label, patch, code, status) => {
    const o = a3(littleGiant(patch));
    expect(crit(o, code).status).toBe(status);
    if (status === 'UNMET') expect(o).toMatchObject({ verdict: 'NOT_ELIGIBLE', eligible: false });
    else expect(o.verdict).toBe('ELIGIBLE');
  });
});

describe('MIIT-2022 小巨人 R&D intensity by prior-year revenue band', () => {
  it.each([
    // revenue ≥ 1亿: ≥ 3 % in each of the last 2 years
    ['1亿 exactly, 3 % both years', 100_000_000, 0.03, 0.03, 'A3.RD_RATIO_3', 'MET'],
    ['1亿 exactly, 2.99 % in 2025', 100_000_000, 0.03, 0.0299, 'A3.RD_RATIO_3', 'UNMET'],
    ['1亿 exactly, 2.99 % in 2024', 100_000_000, 0.0299, 0.05, 'A3.RD_RATIO_3', 'UNMET'],
    // 5000万 ≤ revenue < 1亿: ≥ 6 % in each year
    ['99,999,999 yuan, 6 % both years', 99_999_999, 0.06, 0.06, 'A3.RD_RATIO_6', 'MET'],
    ['99,999,999 yuan, 5 % (enough above 1亿, not here)', 99_999_999, 0.05, 0.05, 'A3.RD_RATIO_6', 'UNMET'],
    ['5000万 exactly, 6 % both years', 50_000_000, 0.06, 0.06, 'A3.RD_RATIO_6', 'MET'],
    ['5000万 exactly, 5.99 % in 2025', 50_000_000, 0.06, 0.0599, 'A3.RD_RATIO_6', 'UNMET'],
    ['5000万 exactly, 5.99 % in 2024', 50_000_000, 0.0599, 0.06, 'A3.RD_RATIO_6', 'UNMET'],
  ])('%s', (_label, rev, r24, r25, code, status) => {
    const o = a3(littleGiant(scaled(rev, r24, r25)));
    expect(crit(o, 'A3.RD_INTENSITY').status).toBe(status);
    expect(crit(o, code).status).toBe(status);
    expect(o.verdict).toBe(status === 'MET' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
  });

  /** Revenue just under 5000万 with 8000万 equity, 3000万 R&D over 2 years and 50 % R&D staff. */
  const small = (equity2025: number, rd2025: number, rdStaff: number) =>
    littleGiant({
      ...scaled(49_999_999, 0.3, 0, {
        2024: { equityFinancing: 40_000_000 },
        2025: { equityFinancing: equity2025, rdExpense: rd2025, employees: 400, rdEmployees: rdStaff },
      }),
    });
  // 2024 R&D: 30 % of 49,999,999 / 1.1 = 13,636,363.36…; 2025 tops it up to 3000万.
  const rd2024 = (0.3 * 49_999_999) / 1.1;
  const topUp = 30_000_000 - rd2024;

  it('below 5000万: all three small-firm conditions met', () => {
    const o = a3(small(40_000_000, topUp, 200));
    expect(crit(o, 'A3.RD_INTENSITY')).toMatchObject({ status: 'MET' });
    expect(crit(o, 'A3.RD_INTENSITY').actual).toContain('→ 营业收入<5000万元');
    expect(crit(o, 'A3.SMALL.EQUITY')).toMatchObject({ status: 'MET', actual: '8,000万元' });
    expect(crit(o, 'A3.SMALL.RD_TOTAL')).toMatchObject({ status: 'MET', actual: '3,000万元' });
    expect(crit(o, 'A3.SMALL.RD_STAFF')).toMatchObject({ status: 'MET', actual: '50%' });
    expect(o.criteria.some((c) => c.code === 'A3.RD_RATIO_3' || c.code === 'A3.RD_RATIO_6')).toBe(false);
    expect(o.verdict).toBe('ELIGIBLE');
  });

  it.each([
    ['equity 7999.9999万元', [39_999_999, topUp, 200], 'A3.SMALL.EQUITY'],
    ['R&D just under 3000万元', [40_000_000, topUp - 1, 200], 'A3.SMALL.RD_TOTAL'],
    ['R&D staff 49.75 %', [40_000_000, topUp, 199], 'A3.SMALL.RD_STAFF'],
  ] as Array<[string, [number, number, number], string]>)('below 5000万: %s fails', (_label, [eq, rd, staff], code) => {
    const o = a3(small(eq, rd, staff));
    expect(crit(o, code).status).toBe('UNMET');
    expect(crit(o, 'A3.RD_INTENSITY').status).toBe('UNMET');
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });
});

describe('MIIT-2022 小巨人 innovation: general conditions OR a direct condition', () => {
  /** Only one Ⅰ类 item: the general conditions fail on A3.IP_COUNT. */
  const weakIp = (patch: FactsPatch = {}) =>
    littleGiant({ ip: { inventionPatents: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 1 }, ...patch });

  it('one Ⅰ类 item fails the general conditions', () => {
    const o = a3(weakIp());
    expect(crit(o, 'A3.IP_COUNT')).toMatchObject({ status: 'UNMET', actual: '1件' });
    expect(crit(o, 'A3.INNOVATION.GENERAL').status).toBe('UNMET');
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });

  it('no R&D institution fails the general conditions', () => {
    const o = a3(littleGiant({ rdInstitutionLevel: 'NONE' }));
    expect(crit(o, 'A3.RD_INSTITUTION')).toMatchObject({ status: 'UNMET', actual: '无', required: '有（任一级别）' });
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });

  it.each([
    ['national award ranked 3rd in 2024', { awards: [{ level: 'NATIONAL', year: 2024, rank: 3 }] }, 'A3.DIRECT.AWARD', true],
    ['national award ranked 4th', { awards: [{ level: 'NATIONAL', year: 2024, rank: 4 }] }, 'A3.DIRECT.AWARD', false],
    ['provincial award ranked 1st (national required)', { awards: [{ level: 'PROVINCIAL', year: 2024, rank: 1 }] }, 'A3.DIRECT.AWARD', false],
    ['创客中国 top 50 in 2025', { makerChina: { year: 2025, group: 'TOP50' } }, 'A3.DIRECT.MAKER_CHINA', true],
    ['创客中国 top 500 only', { makerChina: { year: 2025, group: 'TOP500' } }, 'A3.DIRECT.MAKER_CHINA', false],
  ] as Array<[string, FactsPatch, string, boolean]>)('%s', (_label, patch, code, passes) => {
    const o = a3(weakIp(patch));
    expect(crit(o, code).status).toBe(passes ? 'MET' : 'UNMET');
    expect(crit(o, 'A3.INNOVATION').status).toBe(passes ? 'MET' : 'UNMET');
    expect(o.verdict).toBe(passes ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
    expect(o.passedBy).toBe(passes ? 'DIRECT' : undefined);
  });

  it('reports CONDITIONS when both the general and a direct condition hold', () => {
    const o = a3(littleGiant({ makerChina: { year: 2025, group: 'TOP50' } }));
    expect(crit(o, 'A3.INNOVATION.DIRECT').status).toBe('MET');
    expect(o.passedBy).toBe('CONDITIONS');
  });
});
