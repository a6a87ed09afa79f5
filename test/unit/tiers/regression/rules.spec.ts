/**
 * Regression firms for the tier rules (issue 15; DOMAIN.md §8.1, §8.3, §8.5–§8.8): each firm is
 * worked by hand, the arithmetic written out next to the expectation. Assessment date 2026-06-30
 * (prior year 2025) unless a test says otherwise.
 *
 * The NEUTRAL firm (tier-test-kit): C34, 100 staff, 2025 revenue 2000万元, main business 1600万元,
 * R&D 100万元, net profit 160万元, assets 2000万元 / liabilities 1000万元, 10 R&D staff; 2024 main
 * business 1400万元, 2023 1200万元; one Ⅰ类 patent (not high-value, not self-developed); niche since
 * 2018-01-01; digital level 2; ISO9001 only; no award, honour, equity or R&D institution.
 */
import { describe, expect, it } from '@jest/globals';

import { profileFacts } from '../../../../libs/enterprises/src/profile-facts.js';
import type { EnterpriseProfileEntity } from '../../../../libs/enterprises/src/enterprise-profile.entity.js';
import { describeMissingFact, eventInWindow } from '../../../../libs/tiers/src/index.js';
import { a1, a2, a3, b1, b2, crit, failing, littleGiant, makeFacts } from '../tier-test-kit.js';

describe('firm 1 — 创新型 2022, R&D ratio on the 5% edge (5%以上 includes 5%)', () => {
  it('R&D 100万元 / revenue 2000万元 = 5.000% → 20 points; total 10+20+15+10+5+20 = 80', () => {
    // IP Ⅰ类 10; R&D 5% 20; growth 1600/1400−1 = 14.29% → 10–15% band 15; debt 1000/2000 = 50% → 10;
    // field not 战略性新兴 5; main share 1600/2000 = 80% → 20.
    const o = a1(makeFacts());
    expect(crit(o, 'A1.RD_RATIO')).toMatchObject({ points: 20, actual: '5%' });
    expect(o).toMatchObject({ score: 80, verdict: 'ELIGIBLE', passedBy: 'SCORE' });
  });

  it('R&D 99.9999万元 / 2000万元 = 4.999995% → 15 points; total 80 − 5 = 75', () => {
    const o = a1(makeFacts({ years: { 2025: { rdExpense: 999_999 } } }));
    expect(crit(o, 'A1.RD_RATIO').points).toBe(15);
    expect(o).toMatchObject({ score: 75, verdict: 'ELIGIBLE' });
  });
});

describe('firm 2 — 创新型 2022, debt ratio on the 55% edge (55%以下 includes 55%)', () => {
  it('liabilities 1100万元 / assets 2000万元 = 55% → 10 points; score stays 80', () => {
    const o = a1(makeFacts({ years: { 2025: { totalLiabilities: 11_000_000 } } }));
    expect(crit(o, 'A1.DEBT').points).toBe(10);
    expect(o.score).toBe(80);
  });

  it('liabilities 1100.0001万元 → 55.000005% (超过55%) → 5 points; score 80 − 5 = 75', () => {
    const o = a1(makeFacts({ years: { 2025: { totalLiabilities: 11_000_001 } } }));
    expect(crit(o, 'A1.DEBT').points).toBe(5);
    expect(o.score).toBe(75);
  });
});

describe('firm 3 — 专精特新 2022 with the province\'s 特色化 points unknown (§8.5)', () => {
  // Known points: main share 80% → 5; growth avg ((1600/1400−1) + (1400/1200−1)) / 2 = (14.29% + 16.67%) / 2
  // = 15.48% → 10; niche 2026 − 2018 = 8 years → 4; field OTHER 0; digital level 2 → 3; ISO9001 only → 3;
  // net margin n/2000; debt 50% → 5; IP Ⅰ类 → 6; R&D best of (100万元 → 2, 5% → 4) = 4; R&D staff
  // 10/100 = 10% → 3; no institution 0. Without the margin: 5+10+4+0+3+3+5+6+4+3+0 = 43.
  it('net profit 40万元 → margin 2.000% → 2 points: 45 known, 45 + 15 = 60 reachable → UNDETERMINED', () => {
    const o = a2(makeFacts({ years: { 2025: { netProfit: 400_000 } } }));
    expect(crit(o, 'A2.IND.NET_MARGIN').points).toBe(2);
    expect(o).toMatchObject({ score: 45, verdict: 'UNDETERMINED', missingData: ['localIndicators'] });
    expect(crit(o, 'A2.IND.LOCAL').status).toBe('UNKNOWN');
  });

  it('net profit 39.9999万元 → margin 1.999995% → 0 points: 43 known, 43 + 15 = 58 < 60 → NOT_ELIGIBLE', () => {
    const o = a2(makeFacts({ years: { 2025: { netProfit: 399_999 } } }));
    expect(crit(o, 'A2.IND.NET_MARGIN').points).toBe(0);
    expect(o).toMatchObject({ score: 43, verdict: 'NOT_ELIGIBLE', missingData: [] });
  });
});

describe('firm 4 — one set of figures, three industries (工信部联企业〔2011〕300号第四条)', () => {
  // 350 staff, revenue 12,000万元, assets 2000万元.
  const figures = { years: { 2025: { employees: 350, rdEmployees: 35, revenue: 120_000_000, mainBusinessRevenue: 96_000_000, rdExpense: 6_000_000 } } };
  it.each([
    ['C39 工业: 350 < 1000人 → SME', 'C39', 'MET'],
    ['I65 软件和信息技术服务业: 350 ≥ 300人 and 12,000 ≥ 10,000万元 → not an SME', 'I65', 'UNMET'],
    ['F52 零售业: 350 ≥ 300人 but 12,000 < 20,000万元 → SME', 'F52', 'MET'],
  ])('%s', (_l, industryCode, status) => {
    const o = a1(makeFacts({ industryCode, ...figures }));
    expect(crit(o, 'A1.SME').status).toBe(status);
    expect(o.verdict).toBe(status === 'MET' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
  });

  it.each([
    ['G59 仓储业 200人, 30,000万元: neither below (200人以下 pairs with 200人及以上) → not an SME', 200, 300_000_000, 'UNMET'],
    ['G59 仓储业 199人, 30,000万元: 199 < 200 → SME', 199, 300_000_000, 'MET'],
    ['G59 仓储业 200人, 29,999.9999万元: revenue below → SME', 200, 299_999_999, 'MET'],
  ])('%s', (_l, employees, revenue, status) => {
    const o = a1(makeFacts({ industryCode: 'G59', years: { 2025: { employees, rdEmployees: 20, revenue, mainBusinessRevenue: 0.8 * revenue, rdExpense: 0.05 * revenue } } }));
    expect(crit(o, 'A1.SME').status).toBe(status);
  });
});

describe('firm 5 — 小巨人 field lists (§8.7): 十大重点产业 satisfies 2022, not 2026', () => {
  const f = littleGiant({ mainProductInSixFoundations: false, mainProductInTopTenSectors: true, mainProductInCyberPowerField: false, keyChainRole: false });
  it('2022 附件3 (品): 十大重点产业 is one of the three lists → MET (链 fails separately: no key chain link)', () => {
    const o = a3(f);
    expect(crit(o, 'A3.PRODUCT')).toMatchObject({ status: 'MET', actual: '是（制造强国十大重点产业领域）' });
    expect(crit(o, 'A3.CHAIN').status).toBe('UNMET');
  });
  it('2026 附件2: neither 六基 nor a key chain link → B2.FIELD UNMET → NOT_ELIGIBLE', () => {
    const o = b2(f);
    expect(crit(o, 'B2.FIELD.SIX_FOUNDATIONS').status).toBe('UNMET');
    expect(crit(o, 'B2.FIELD').status).toBe('UNMET');
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });
  it('2026: the same firm stating 六基 → B2.FIELD MET → ELIGIBLE (every other condition of the sample holds)', () => {
    expect(b2(littleGiant({ mainProductInSixFoundations: true, keyChainRole: false })).verdict).toBe('ELIGIBLE');
  });
});

describe('firm 6 — a profile stored before the split (former combined flag only)', () => {
  const stored = (tierFacts: Record<string, unknown>) =>
    profileFacts(
      {
        industryCode: 'C34',
        foundedOn: '2010-01-01',
        mainBusinessSince: '2012-01-01',
        tier: 'SPECIALIZED_SME',
        tierProvenance: 'IMPORTED',
        tierCertifiedOn: '2025-01-01',
        inventionPatents: 12,
        utilityModels: 0,
        designPatents: 0,
        softwareCopyrights: 0,
        trademarks: 0,
        tierFacts,
        financials: [],
      } as unknown as EnterpriseProfileEntity,
      '2026-06-30',
    );
  it('flag true: 2022 品 MET; 2026 六基 UNKNOWN (never MET by the flag), asked for by name', () => {
    const f = { ...littleGiant(), ...stored({ mainProductInPriorityField: true, keyChainRole: false }), financials: littleGiant().financials };
    expect(crit(a3(f), 'A3.PRODUCT').status).toBe('MET');
    const o = b2(f);
    expect(crit(o, 'B2.FIELD.SIX_FOUNDATIONS').status).toBe('UNKNOWN');
    expect(o.verdict).toBe('UNDETERMINED');
    expect(o.missingData).toContain('mainProductInSixFoundations');
    expect(describeMissingFact('mainProductInSixFoundations').label).toContain('工业"六基"');
  });
  it('flag false: none of the three lists, so not 六基 either → B2.FIELD UNMET', () => {
    const f = { ...littleGiant(), ...stored({ mainProductInPriorityField: false, keyChainRole: false }), financials: littleGiant().financials };
    expect(crit(b2(f), 'B2.FIELD.SIX_FOUNDATIONS')).toMatchObject({ status: 'UNMET' });
    expect(crit(a3(f), 'A3.PRODUCT').status).toBe('UNMET');
  });
  it('an award stored with rank null is "rank not stated" (was read as rank 0, i.e. first place)', () => {
    const f = { ...failing(), ...stored({ awards: [{ level: 'PROVINCIAL', year: 2025, rank: null }] }), financials: failing().financials };
    expect(f.awards).toEqual([{ level: 'PROVINCIAL', year: 2025 }]);
    const o = a2(f, { localIndicatorPoints: () => 0 });
    expect(crit(o, 'A2.DIRECT.AWARD').status).toBe('UNKNOWN');
  });
});

describe('firm 7 — 近3年 for an award (§8.8): 36 months before the assessment date, month ends clamped', () => {
  // The failing sample passes 创新型 only through a direct condition.
  it.each([
    ['2026-06-30', '2023-06-30', 'MET'], // exactly 36 months
    ['2026-06-30', '2023-06-29', 'UNMET'], // 36 months and one day
    ['2026-03-31', '2023-03-31', 'MET'],
    ['2026-03-31', '2023-03-30', 'UNMET'],
    ['2026-02-28', '2023-02-28', 'MET'],
    ['2026-02-28', '2023-02-27', 'UNMET'],
    ['2028-02-29', '2025-02-28', 'MET'], // 2028-02-29 − 36 months → 2025-02-29 does not exist → 2025-02-28
    ['2028-02-29', '2025-02-27', 'UNMET'],
  ])('assessed %s, provincial award dated %s → %s', (asOf, awardedOn, status) => {
    const o = a1(failing({ asOf, awards: [{ level: 'PROVINCIAL', year: Number(awardedOn.slice(0, 4)), awardedOn }] }));
    expect(crit(o, 'A1.DIRECT.AWARD').status).toBe(status);
  });

  it('the same rule decides years: on 2026-06-30 the window starts 2023-06-30, so 2024 is in, 2022 out, 2023 open', () => {
    expect([2022, 2023, 2024, 2026].map((year) => eventInWindow('2026-06-30', { year }))).toEqual(['OUT', 'OPEN', 'IN', 'IN']);
    expect(eventInWindow('2026-01-01', { year: 2023 })).toBe('IN'); // window starts 2023-01-01: the whole year is in
  });
});

describe('firm 8 — 近3年 equity (创新型 direct condition 4: 500万元以上)', () => {
  it('yearly: 2024 200万 + 2025 300万 = 500万元 (both years wholly in the window) → ELIGIBLE by DIRECT', () => {
    const o = a1(failing({ years: { 2024: { equityFinancing: 2_000_000 }, 2025: { equityFinancing: 3_000_000 } } }));
    expect(o).toMatchObject({ verdict: 'ELIGIBLE', passedBy: 'DIRECT' });
  });
  it('yearly: 2023 200万 + 2025 300万: 2023 straddles 2023-06-30 → at least 300万, at most 500万 → UNDETERMINED', () => {
    const o = a1(failing({ years: { 2023: { equityFinancing: 2_000_000 }, 2025: { equityFinancing: 3_000_000 } } }));
    expect(crit(o, 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'UNKNOWN', actual: '至少300万元' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['equityRounds'] });
  });
  it('dated rounds settle it: 2023-07-01 200万 + 2025-03-01 300万 = 500万元 → ELIGIBLE; 2023-06-29 → 300万 → NOT_ELIGIBLE', () => {
    expect(a1(failing({ equityRounds: [{ receivedOn: '2023-07-01', amount: 2_000_000 }, { receivedOn: '2025-03-01', amount: 3_000_000 }] })).verdict).toBe('ELIGIBLE');
    expect(a1(failing({ equityRounds: [{ receivedOn: '2023-06-29', amount: 2_000_000 }, { receivedOn: '2025-03-01', amount: 3_000_000 }] })).verdict).toBe('NOT_ELIGIBLE');
  });
});

describe('firm 9 — missing data is named, with Chinese labels', () => {
  it('2025 net profit and R&D staff blank: 专精特新 2022 UNDETERMINED, the two figures asked for', () => {
    const o = a2(makeFacts({ years: { 2025: { netProfit: undefined, rdEmployees: undefined } } }));
    expect(o.verdict).toBe('UNDETERMINED');
    expect(o.missingData).toEqual(expect.arrayContaining(['financials[2025].netProfit', 'financials[2025].rdEmployees']));
    expect(describeMissingFact('financials[2025].netProfit')).toEqual({ path: 'financials[2025].netProfit', label: '2025年净利润', unit: '元' });
  });
  it('2026 专精特新 without a platform score: PENDING, never MET (§8.9)', () => {
    const o = b1(makeFacts({ platformScores: [] }));
    expect(crit(o, 'B1.PLATFORM_SCORE').status).toBe('PENDING');
    // A new application needs the score of the assessment year (2026, §8.9): the fact asked for names it.
    expect(o.missingData).toContain('platformScores[2026]');
  });
});

describe('firm 10 — prerequisites (§8.3)', () => {
  it('2026 专精特新: no 科技型 registration stated, but a valid 创新型 title (certified 2025-01-01) → B1.BASE MET', () => {
    const o = b1(makeFacts({ techOrInnovativeSmeValid: undefined, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-01-01' }));
    expect(crit(o, 'B1.BASE').status).toBe('MET');
  });
  it('2026 专精特新: 创新型 certified 2023-06-30 lapsed on 2026-06-30 (3 years) → not satisfied, 科技型 unknown → UNKNOWN', () => {
    const o = b1(makeFacts({ techOrInnovativeSmeValid: undefined, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2023-06-30' }));
    expect(crit(o, 'B1.BASE').status).toBe('UNKNOWN');
  });
  it('小巨人 2026 at re-review on the day its 3 years end (certified 2023-06-30): the title under review counts', () => {
    const f = littleGiant({ certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-30' });
    expect(crit(b2(f), 'B2.PREREQ').status).toBe('UNMET'); // a new application on that day: lapsed
    expect(crit(b2(f, { mode: 'REVIEW' }), 'B2.PREREQ').status).toBe('MET');
  });
});

describe('firm 11 — 小巨人 2022 R&D intensity switch on the 1亿元 edge (1亿元以上 wins the shared edge)', () => {
  // Revenue 10,000万元, R&D 3.5% in 2024 and 2025 → ≥1亿 band needs 3% each year → MET.
  const y = (revenue: number, rd: number) => ({ revenue, mainBusinessRevenue: 0.95 * revenue, rdExpense: rd * revenue });
  it('revenue 10,000万元, R&D 3.5% both years → ≥3% band → MET', () => {
    const o = a3(littleGiant({ years: { 2024: y(95_000_000, 0.035), 2025: y(100_000_000, 0.035) } }));
    expect(crit(o, 'A3.RD_INTENSITY').status).toBe('MET');
  });
  it('revenue 9,999.9999万元, same R&D → 5000万–1亿 band needs 6% each year → UNMET', () => {
    const o = a3(littleGiant({ years: { 2024: y(95_000_000, 0.035), 2025: y(99_999_999, 0.035) } }));
    expect(crit(o, 'A3.RD_INTENSITY').status).toBe('UNMET');
  });
});
