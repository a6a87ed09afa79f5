/**
 * MIIT-2026 (工信部企业〔2026〕2号): 专精特新 and 小巨人 condition lists, the platform score as a
 * PENDING input, IP exemptions, and the 小巨人 re-review variant.
 */
import { describe, it, expect } from '@jest/globals';

import { MIIT_2022, SAMPLE_LITTLE_GIANT, SAMPLE_SPECIALIZED, evaluateTiers } from '../../../libs/tiers/src/index.js';
import { a3, b1, b2, crit, littleGiant, specialized, type FactsPatch } from './tier-test-kit.js';

describe('MIIT-2026 专精特新 worked example: SAMPLE_SPECIALIZED', () => {
  it('meets every condition; the 2022 points table no longer exists', () => {
    const o = b1(SAMPLE_SPECIALIZED);
    expect(o).toMatchObject({ tier: 'SPECIALIZED_SME', ruleSet: 'MIIT-2026', eligible: true, verdict: 'ELIGIBLE', passedBy: 'CONDITIONS', missingData: [] });
    expect(o.score).toBeUndefined();
    expect(o.criteria.map((c) => [c.code, c.status, c.actual])).toEqual([
      ['B1.SME', 'MET', '是（工业：从业人员200人，营业收入6,000万元）'],
      ['B1.BASE', 'MET', '是'],
      ['B1.NICHE_YEARS', 'MET', '9年'],
      ['B1.REVENUE', 'MET', '1/2项满足'],
      ['B1.REVENUE.AMOUNT', 'MET', '6,000万元'],
      ['B1.REVENUE.EQUITY', 'UNMET', '0万元'],
      ['B1.MAIN_SHARE', 'MET', '86.67%'],
      ['B1.DEBT', 'MET', '45%'],
      ['B1.RD', 'MET', '2/2项满足'],
      ['B1.RD_EXPENSE', 'MET', '280万元'],
      ['B1.RD_RATIO', 'MET', '5.28%'],
      ['B1.IP', 'MET', '5件'],
      ['B1.MARKET', 'MET', '6%'],
      ['B1.PLATFORM_SCORE', 'MET', '72分（2026年）'],
    ]);
    expect(crit(o, 'B1.PLATFORM_SCORE').required).toBe('≥50分');
    expect(crit(o, 'B1.MAIN_SHARE').note).toContain('工信部企业〔2026〕2号'); // issue 15 item 9: cites the text, not a repository file
  });
});

describe('MIIT-2026 专精特新 conditions: both sides of each threshold', () => {
  it.each([
    ['科技型 status not held, no title', { techOrInnovativeSmeValid: false, certifiedTier: 'NONE' }, 'B1.BASE', 'UNMET'],
    ['valid 创新型 title stands in for 科技型', { techOrInnovativeSmeValid: false, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2024-09-01' }, 'B1.BASE', 'MET'],
    ['lapsed 创新型 title', { techOrInnovativeSmeValid: false, certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2023-06-01' }, 'B1.BASE', 'UNMET'],
    ['3 years in the niche', { mainBusinessSince: '2023-01-01' }, 'B1.NICHE_YEARS', 'MET'],
    ['2 years in the niche (2022 minimum no longer enough)', { mainBusinessSince: '2023-01-02' }, 'B1.NICHE_YEARS', 'UNMET'],
    ['revenue 1500万元', { years: { 2025: { revenue: 15_000_000, mainBusinessRevenue: 13_500_000 } } }, 'B1.REVENUE', 'MET'],
    ['revenue 1499.9999万元, no equity', { years: { 2025: { revenue: 14_999_999, mainBusinessRevenue: 13_500_000 } } }, 'B1.REVENUE', 'UNMET'],
    ['revenue 1499.9999万元 with 2000万元 equity over 2 years', { years: { 2024: { equityFinancing: 10_000_000 }, 2025: { revenue: 14_999_999, mainBusinessRevenue: 13_500_000, equityFinancing: 10_000_000 } } }, 'B1.REVENUE', 'MET'],
    ['main-business share 80 %', { years: { 2025: { mainBusinessRevenue: 48_000_000 } } }, 'B1.MAIN_SHARE', 'MET'],
    ['main-business share 79.999 %', { years: { 2025: { mainBusinessRevenue: 47_999_400 } } }, 'B1.MAIN_SHARE', 'UNMET'],
    ['debt ratio 80 %', { years: { 2025: { totalLiabilities: 64_000_000 } } }, 'B1.DEBT', 'MET'],
    ['debt ratio 80.01 %', { years: { 2025: { totalLiabilities: 64_008_000 } } }, 'B1.DEBT', 'UNMET'],
    ['2024 R&D 100万元 (5 %)', { years: { 2024: { revenue: 20_000_000, rdExpense: 1_000_000 } } }, 'B1.RD_EXPENSE', 'MET'],
    ['2024 R&D 99.9999万元 (each year counts)', { years: { 2024: { revenue: 20_000_000, rdExpense: 999_999 } } }, 'B1.RD_EXPENSE', 'UNMET'],
    ['2024 R&D ratio 3 %', { years: { 2024: { rdExpense: 1_590_000 } } }, 'B1.RD_RATIO', 'MET'],
    ['2024 R&D ratio 2.99 %', { years: { 2024: { rdExpense: 1_584_700 } } }, 'B1.RD_RATIO', 'UNMET'],
    ['one Ⅰ类 item', { ip: { inventionPatents: 1, selfDevelopedInventionPatents: 1 } }, 'B1.IP', 'MET'],
    ['no Ⅰ类 item', { ip: { inventionPatents: 0, selfDevelopedInventionPatents: 0 } }, 'B1.IP', 'UNMET'],
    ['platform score 50', { platformScores: [{ year: 2026, score: 50 }] }, 'B1.PLATFORM_SCORE', 'MET'],
    ['platform score 49.99', { platformScores: [{ year: 2026, score: 49.99 }] }, 'B1.PLATFORM_SCORE', 'UNMET'],
    // §8.9 (changed: was MET): a new application needs the assessment year's score; last year's does not stand in.
    ['only last year’s score: PENDING for a new application', { platformScores: [{ year: 2025, score: 51 }] }, 'B1.PLATFORM_SCORE', 'PENDING'],
    ['the newest score wins', { platformScores: [{ year: 2025, score: 80 }, { year: 2026, score: 45 }] }, 'B1.PLATFORM_SCORE', 'UNMET'],
  ] as Array<[string, FactsPatch, string, string]>)('%s', (_label, patch, code, status) => {
    const o = b1(specialized(patch));
    expect(crit(o, code).status).toBe(status);
    expect(o.verdict).toBe(status === 'MET' ? 'ELIGIBLE' : status === 'PENDING' ? 'UNDETERMINED' : 'NOT_ELIGIBLE');
  });
});

describe('MIIT-2026 专精特新 IP exemptions', () => {
  const noIp = (patch: FactsPatch = {}) => specialized({ ip: { inventionPatents: 0, selfDevelopedInventionPatents: 0 }, ...patch });

  it.each([
    ['provincial award ranked 3rd', { awards: [{ level: 'PROVINCIAL', year: 2024, rank: 3 }] }, '近3年获省级及以上科技奖励且排名前三'],
    ['national award ranked 1st', { awards: [{ level: 'NATIONAL', year: 2026, rank: 1 }] }, '近3年获省级及以上科技奖励且排名前三'],
    ['provincial R&D institution', { rdInstitutionLevel: 'PROVINCIAL' }, '拥有省级及以上研发机构'],
  ] as Array<[string, FactsPatch, string]>)('no Ⅰ类 IP but exempt: %s', (_label, patch, exemption) => {
    const o = b1(noIp(patch));
    expect(crit(o, 'B1.IP')).toMatchObject({ status: 'MET', actual: '0件', required: '≥1件' });
    expect(crit(o, 'B1.IP').note).toContain(`适用豁免：${exemption}`);
    expect(o.verdict).toBe('ELIGIBLE');
  });

  it.each([
    ['provincial award ranked 4th', { awards: [{ level: 'PROVINCIAL', year: 2024, rank: 4 }] }],
    ['municipal R&D institution', { rdInstitutionLevel: 'MUNICIPAL' }],
  ] as Array<[string, FactsPatch]>)('no exemption: %s', (_label, patch) => {
    const o = b1(noIp(patch));
    expect(crit(o, 'B1.IP').status).toBe('UNMET');
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });

  it('an award without a rank leaves the IP rule open', () => {
    const o = b1(noIp({ awards: [{ level: 'PROVINCIAL', year: 2024 }] }));
    expect(crit(o, 'B1.IP').status).toBe('UNKNOWN');
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['awards.rank'] });
  });
});

describe('MIIT-2026 platform score is an input: PENDING, never UNMET, while missing', () => {
  it('missing score with everything else met → PENDING and UNDETERMINED', () => {
    const o = b1(specialized({ platformScores: undefined }));
    expect(crit(o, 'B1.PLATFORM_SCORE')).toMatchObject({ status: 'PENDING', required: '≥50分' });
    expect(crit(o, 'B1.PLATFORM_SCORE')).not.toHaveProperty('actual');
    expect(crit(o, 'B1.PLATFORM_SCORE').note).toContain('无法本地计算');
    expect(o).toMatchObject({ eligible: false, verdict: 'UNDETERMINED', missingData: ['platformScores[2026]'] });
    expect(o.passedBy).toBeUndefined();
  });

  it('a score older than last year is treated as missing', () => {
    const o = b1(specialized({ platformScores: [{ year: 2024, score: 90 }] }));
    expect(crit(o, 'B1.PLATFORM_SCORE').status).toBe('PENDING');
    expect(o.verdict).toBe('UNDETERMINED');
  });

  it('missing score but another criterion UNMET → NOT_ELIGIBLE', () => {
    const o = b1(specialized({ platformScores: undefined, mainBusinessSince: '2024-06-01' }));
    expect(crit(o, 'B1.PLATFORM_SCORE').status).toBe('PENDING');
    expect(o).toMatchObject({ verdict: 'NOT_ELIGIBLE', missingData: ['platformScores[2026]'] });
  });

  it('小巨人: missing score → PENDING and UNDETERMINED', () => {
    const o = b2(littleGiant({ platformScores: [] }));
    expect(crit(o, 'B2.PLATFORM_SCORE')).toMatchObject({ status: 'PENDING', required: '≥60分' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['platformScores[2026]'] });
  });
});

describe('MIIT-2026 小巨人 (new application)', () => {
  it('worked example: SAMPLE_LITTLE_GIANT meets every condition', () => {
    const o = b2(SAMPLE_LITTLE_GIANT);
    expect(o).toMatchObject({ ruleSet: 'MIIT-2026', verdict: 'ELIGIBLE', passedBy: 'CONDITIONS', missingData: [] });
    expect(o.criteria.map((c) => [c.code, c.status, c.actual])).toEqual([
      ['B2.SME', 'MET', '是（工业：从业人员400人，营业收入15,000万元）'],
      ['B2.PREREQ', 'MET', '是'],
      ['B2.NICHE_YEARS', 'MET', '14年'],
      ['B2.REVENUE', 'MET', '15,000万元'],
      ['B2.MAIN_SHARE', 'MET', '93.33%'],
      ['B2.CAGR', 'MET', '12.75%'],
      ['B2.DEBT', 'MET', '40%'],
      ['B2.RD', 'MET', '2/2项满足'],
      ['B2.RD_TOTAL', 'MET', '1,410万元'],
      ['B2.RD_RATIO', 'MET', '5%'],
      ['B2.IP', 'MET', '10件'],
      ['B2.MARKET', 'MET', '2/2项满足'],
      ['B2.MARKET.SHARE', 'MET', '18%'],
      ['B2.MARKET.TOP3', 'MET', '是'],
      ['B2.FIELD', 'MET', '2/2项满足'],
      ['B2.FIELD.SIX_FOUNDATIONS', 'MET', '是'],
      ['B2.FIELD.CHAIN', 'MET', '是'],
      ['B2.PLATFORM_SCORE', 'MET', '78分（2026年）'],
    ]);
  });

  it.each([
    ['revenue 5000万元 (CAGR kept at 5.4 %)', { years: { 2023: { revenue: 45_000_000 }, 2025: { revenue: 50_000_000, mainBusinessRevenue: 47_000_000 } } }, 'B2.REVENUE', 'MET'],
    ['revenue 4999.9999万元', { years: { 2025: { revenue: 49_999_999, mainBusinessRevenue: 47_000_000 } } }, 'B2.REVENUE', 'UNMET'],
    ['main-business share 90 %', { years: { 2025: { mainBusinessRevenue: 135_000_000 } } }, 'B2.MAIN_SHARE', 'MET'],
    ['main-business share 89.99 %', { years: { 2025: { mainBusinessRevenue: 134_985_000 } } }, 'B2.MAIN_SHARE', 'UNMET'],
    ['revenue CAGR exactly 5 %', { years: { 2023: { revenue: 100_000_000 }, 2025: { revenue: 110_250_000 } } }, 'B2.CAGR', 'MET'],
    ['revenue CAGR 4.995 %', { years: { 2023: { revenue: 100_000_000 }, 2025: { revenue: 110_240_000 } } }, 'B2.CAGR', 'UNMET'],
    ['debt ratio 75 %', { years: { 2025: { totalLiabilities: 150_000_000 } } }, 'B2.DEBT', 'MET'],
    ['debt ratio 75.01 %', { years: { 2025: { totalLiabilities: 150_020_000 } } }, 'B2.DEBT', 'UNMET'],
    ['R&D 1200万元 over 2 years', { years: { 2024: { rdExpense: 4_500_000 } } }, 'B2.RD_TOTAL', 'MET'],
    ['R&D 1199.9999万元 over 2 years', { years: { 2024: { rdExpense: 4_499_999 } } }, 'B2.RD_TOTAL', 'UNMET'],
    ['2024 R&D ratio 3 %', { years: { 2024: { rdExpense: 3_960_000 }, 2025: { rdExpense: 9_000_000 } } }, 'B2.RD_RATIO', 'MET'],
    ['2024 R&D ratio 2.99 %', { years: { 2024: { rdExpense: 3_959_999 }, 2025: { rdExpense: 9_000_000 } } }, 'B2.RD_RATIO', 'UNMET'],
    ['4 self-developed Ⅰ类 items', { ip: { selfDevelopedInventionPatents: 4 } }, 'B2.IP', 'MET'],
    ['3 self-developed Ⅰ类 items', { ip: { selfDevelopedInventionPatents: 3 } }, 'B2.IP', 'UNMET'],
    ['self-developed count unstated, only 3 Ⅰ类 in all', { ip: { inventionPatents: 3, highValueInventionPatents: 0, selfDevelopedInventionPatents: undefined } }, 'B2.IP', 'UNMET'],
    ['3 items, exempt by a national award ranked 2nd', { ip: { selfDevelopedInventionPatents: 3 }, awards: [{ level: 'NATIONAL', year: 2025, rank: 2 }] }, 'B2.IP', 'MET'],
    ['3 items, provincial award does not exempt', { ip: { selfDevelopedInventionPatents: 3 }, awards: [{ level: 'PROVINCIAL', year: 2025, rank: 1 }] }, 'B2.IP', 'UNMET'],
    ['share 9.99 %, not top 3', { nicheMarketSharePercent: 9.99, marketTop3: false }, 'B2.MARKET', 'UNMET'],
    ['share 9.99 % but top 3', { nicheMarketSharePercent: 9.99, marketTop3: true }, 'B2.MARKET', 'MET'],
    ['share 10 %, not top 3', { nicheMarketSharePercent: 10, marketTop3: false }, 'B2.MARKET', 'MET'],
    ['key chain link only', { mainProductInSixFoundations: false, keyChainRole: true }, 'B2.FIELD', 'MET'],
    ['六基 only', { mainProductInSixFoundations: true, keyChainRole: false }, 'B2.FIELD', 'MET'],
    ['neither 六基 nor chain', { mainProductInSixFoundations: false, keyChainRole: false }, 'B2.FIELD', 'UNMET'],
    ['十大重点产业 only (§8.7: does not satisfy)', { mainProductInSixFoundations: false, mainProductInTopTenSectors: true, keyChainRole: false }, 'B2.FIELD', 'UNMET'],
    ['网络强国 only (§8.7: does not satisfy)', { mainProductInSixFoundations: false, mainProductInCyberPowerField: true, keyChainRole: false }, 'B2.FIELD', 'UNMET'],
    ['former combined flag false, split facts blank: not 六基', { mainProductInSixFoundations: undefined, mainProductInPriorityField: false, keyChainRole: false }, 'B2.FIELD', 'UNMET'],
    ['no 专精特新 title', { certifiedTier: 'NONE' }, 'B2.PREREQ', 'UNMET'],
    ['platform score 60', { platformScores: [{ year: 2026, score: 60 }] }, 'B2.PLATFORM_SCORE', 'MET'],
    ['platform score 59.99', { platformScores: [{ year: 2026, score: 59.99 }] }, 'B2.PLATFORM_SCORE', 'UNMET'],
  ] as Array<[string, FactsPatch, string, string]>)('%s', (_label, patch, code, status) => {
    const o = b2(littleGiant(patch));
    expect(crit(o, code).status).toBe(status);
    expect(o.verdict).toBe(status === 'MET' ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
  });

  it('the former combined flag alone (true) never satisfies the 2026 field criterion: 六基 is asked for', () => {
    const o = b2(littleGiant({ mainProductInSixFoundations: undefined, mainProductInPriorityField: true, keyChainRole: false }));
    expect(crit(o, 'B2.FIELD.SIX_FOUNDATIONS').status).toBe('UNKNOWN');
    expect(crit(o, 'B2.FIELD').status).toBe('UNKNOWN');
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['mainProductInSixFoundations'] });
  });

  it('the former combined flag (true) with a key chain link: MET by the chain, not by the flag', () => {
    const o = b2(littleGiant({ mainProductInSixFoundations: undefined, mainProductInPriorityField: true, keyChainRole: true }));
    expect(crit(o, 'B2.FIELD.SIX_FOUNDATIONS').status).toBe('UNKNOWN');
    expect(crit(o, 'B2.FIELD.CHAIN').status).toBe('MET');
    expect(o.verdict).toBe('ELIGIBLE');
  });

  it('an exempted IP shortfall says so in the note', () => {
    const o = b2(littleGiant({ ip: { selfDevelopedInventionPatents: 3 }, awards: [{ level: 'NATIONAL', year: 2025, rank: 2 }] }));
    expect(crit(o, 'B2.IP').note).toContain('适用豁免：近3年获国家级科技奖励且排名前三');
  });

  it('an unstated self-developed count with 12 Ⅰ类 items is UNKNOWN and asked for', () => {
    const o = b2(littleGiant({ ip: { selfDevelopedInventionPatents: undefined } }));
    expect(crit(o, 'B2.IP').status).toBe('UNKNOWN');
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['ip.selfDevelopedInventionPatents'] });
  });
});

describe('MIIT-2026 小巨人 re-review (复核) variant', () => {
  /** A 小巨人 up for re-review whose revenue shrank since 2023. */
  const reviewed = (patch: FactsPatch = {}) =>
    littleGiant({ certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-07-01', years: { 2023: { revenue: 200_000_000 } }, ...patch });

  it('does not check revenue CAGR at re-review', () => {
    const isNew = b2(reviewed(), { mode: 'NEW' });
    expect(crit(isNew, 'B2.CAGR')).toMatchObject({ status: 'UNMET', actual: '-13.4%' });
    expect(isNew.verdict).toBe('NOT_ELIGIBLE');
    const review = b2(reviewed(), { mode: 'REVIEW' });
    expect(review.criteria.some((c) => c.code === 'B2.CAGR')).toBe(false);
    expect(crit(review, 'B2.PREREQ')).toMatchObject({ status: 'MET', actual: '是（小巨人，受复核）' });
    expect(review).toMatchObject({ verdict: 'ELIGIBLE', passedBy: 'CONDITIONS' });
  });

  it.each([
    ['62 last year, 55 this year', [{ year: 2025, score: 62 }, { year: 2026, score: 55 }], 'UNMET', 'MET'],
    ['55 last year, 60 this year', [{ year: 2025, score: 55 }, { year: 2026, score: 60 }], 'MET', 'MET'],
    ['59 and 58', [{ year: 2025, score: 59 }, { year: 2026, score: 58 }], 'UNMET', 'UNMET'],
    ['only 55 this year: last year could still qualify', [{ year: 2026, score: 55 }], 'UNMET', 'PENDING'],
    // §8.9 (changed: NEW was MET): a new application needs this year's score.
    ['only 61 last year', [{ year: 2025, score: 61 }], 'PENDING', 'MET'],
  ] as Array<[string, Array<{ year: number; score: number }>, string, string]>)('platform score %s: NEW %s, REVIEW %s', (_label, scores, onNew, onReview) => {
    const f = littleGiant({ certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-07-01', platformScores: scores });
    expect(crit(b2(f, { mode: 'NEW' }), 'B2.PLATFORM_SCORE').status).toBe(onNew);
    const review = b2(f, { mode: 'REVIEW' });
    expect(crit(review, 'B2.PLATFORM_SCORE').status).toBe(onReview);
    expect(review.verdict).toBe({ MET: 'ELIGIBLE', UNMET: 'NOT_ELIGIBLE', PENDING: 'UNDETERMINED' }[onReview]);
    if (onReview === 'PENDING') expect(review.missingData).toEqual(['platformScores']);
  });

  it('the 2022 rule set differs at re-review only in the prerequisite, which reads the title under review (§8.3)', () => {
    const f = reviewed();
    const strip = (os: ReturnType<typeof evaluateTiers>) => os.map((o) => ({ ...o, criteria: o.criteria.filter((c) => c.code !== 'A3.PREREQ') }));
    expect(strip(evaluateTiers(MIIT_2022, f, { mode: 'REVIEW' }))).toEqual(strip(evaluateTiers(MIIT_2022, f, { mode: 'NEW' })));
  });

  it.each([
    // Certified 2023-06-30: the 3 years end on 2026-06-30 (the assessment day), so the title stands LAPSED that day.
    ['小巨人 on its re-review day', { certifiedTier: 'LITTLE_GIANT', tierCertifiedOn: '2023-06-30' }, 'UNMET', 'MET'],
    ['专精特新 on its re-review day', { certifiedTier: 'SPECIALIZED_SME', tierCertifiedOn: '2023-06-30' }, 'UNMET', 'MET'],
    ['only 创新型: no title of the rank under review', { certifiedTier: 'INNOVATIVE_SME', tierCertifiedOn: '2025-01-01' }, 'UNMET', 'UNMET'],
  ] as Array<[string, FactsPatch, string, string]>)('§8.3 prerequisite, %s: NEW %s, REVIEW %s', (_l, patch, fresh, review) => {
    const f = reviewed(patch);
    expect(crit(b2(f), 'B2.PREREQ').status).toBe(fresh);
    expect(crit(b2(f, { mode: 'REVIEW' }), 'B2.PREREQ').status).toBe(review);
    expect(crit(a3(f), 'A3.PREREQ').status).toBe(fresh);
    expect(crit(a3(f, { mode: 'REVIEW' }), 'A3.PREREQ').status).toBe(review);
  });
});
