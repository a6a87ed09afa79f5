/** 专精特新中小企业 — 2022 Annex 2: four conditions, 13-indicator table, direct conditions (a)–(d). */
import { describe, it, expect } from '@jest/globals';

import { DEFAULT_LOCAL_INDICATOR_NOTE, SAMPLE_SPECIALIZED, type EnterpriseFacts } from '../../../libs/tiers/src/index.js';
import { a2, crit, expectPoints, makeFacts, specialized, type FactsPatch } from './tier-test-kit.js';

const row2025 = (r: Partial<EnterpriseFacts['financials'][number]>): FactsPatch => ({ years: { 2025: r } });

describe('MIIT-2022 专精特新 point table: every band edge', () => {
  const cases: Array<[string, string, FactsPatch, number]> = [
    // 1. main-business share
    ...([[0.8, 5], [0.7999, 3], [0.7, 3], [0.6999, 1], [0.6, 1], [0.5999, 0]] as const).map(
      ([s, p]): [string, string, FactsPatch, number] => ['A2.IND.MAIN_SHARE', `share ${s}`, row2025({ revenue: 10_000_000, mainBusinessRevenue: s * 10_000_000 }), p],
    ),
    // 2. average growth over 2 years: 2023 = 2024 = 10,000,000, so 2025 carries twice the average
    ...([[0.1, 10], [0.0999, 8], [0.08, 8], [0.0799, 6], [0.06, 6], [0.0599, 4], [0.04, 4], [0.0399, 2], [0, 2], [-0.0001, 0]] as const).map(
      ([g, p]): [string, string, FactsPatch, number] => [
        'A2.IND.GROWTH',
        `avg growth ${g}`,
        { years: { 2023: { mainBusinessRevenue: 10_000_000 }, 2024: { mainBusinessRevenue: 10_000_000 }, 2025: { revenue: 40_000_000, mainBusinessRevenue: 10_000_000 * (1 + 2 * g) } } },
        p,
      ],
    ),
    // 3. years in the niche at the end of 2025
    ...([['2016-01-01', 5], ['2016-01-02', 4], ['2018-01-01', 4], ['2018-01-02', 3], ['2020-01-01', 3], ['2020-01-02', 2], ['2022-01-01', 2], ['2022-01-02', 1], ['2024-01-01', 1], ['2024-01-02', 0], ['1990-05-01', 5]] as const).map(
      ([since, p]): [string, string, FactsPatch, number] => ['A2.IND.NICHE_YEARS', `in niche since ${since}`, { mainBusinessSince: since }, p],
    ),
    // 4. main product field
    ['A2.IND.FIELD', 'key chain breakthrough', { mainProductField: 'KEY_CHAIN_BREAKTHROUGH' }, 5],
    ['A2.IND.FIELD', '六基 / 老字号 / lead-firm supplier', { mainProductField: 'SIX_FOUNDATIONS_OR_KEY_SUPPLIER' }, 3],
    ['A2.IND.FIELD', 'other', { mainProductField: 'OTHER' }, 0],
    // 5. digitalisation level
    ...([[4, 5], [3, 5], [2, 3], [1, 0], [0, 0]] as const).map(
      ([l, p]): [string, string, FactsPatch, number] => ['A2.IND.DIGITAL', `digital level ${l}`, { digitalMaturityLevel: l }, p],
    ),
    // 6. quality: +3 per item, max 5
    ['A2.IND.QUALITY', 'no item', { quality: {} }, 0],
    ['A2.IND.QUALITY', 'quality award only', { quality: { provincialQualityAward: true } }, 3],
    ['A2.IND.QUALITY', 'ISO9001 only', { quality: { iso9001: true } }, 3],
    ['A2.IND.QUALITY', 'own brand only', { quality: { ownBrand: true } }, 3],
    ['A2.IND.QUALITY', 'standards drafting only', { quality: { standardsDrafting: true } }, 3],
    ['A2.IND.QUALITY', 'two items (6 capped at 5)', { quality: { iso9001: true, ownBrand: true } }, 5],
    ['A2.IND.QUALITY', 'all four items', { quality: { provincialQualityAward: true, iso9001: true, ownBrand: true, standardsDrafting: true } }, 5],
    // 7. net profit margin
    ...([[0.1, 10], [0.0999, 8], [0.08, 8], [0.0799, 6], [0.06, 6], [0.0599, 4], [0.04, 4], [0.0399, 2], [0.02, 2], [0.0199, 0], [-0.05, 0]] as const).map(
      ([m, p]): [string, string, FactsPatch, number] => ['A2.IND.NET_MARGIN', `net margin ${m}`, row2025({ revenue: 10_000_000, netProfit: m * 10_000_000 }), p],
    ),
    // 8. debt ratio
    ...([[0.5, 5], [0.5001, 3], [0.6, 3], [0.6001, 1], [0.7, 1], [0.7001, 0]] as const).map(
      ([d, p]): [string, string, FactsPatch, number] => ['A2.IND.DEBT', `debt ${d}`, row2025({ totalAssets: 10_000_000, totalLiabilities: d * 10_000_000 }), p],
    ),
    // 10. IP class
    ['A2.IND.IP', 'Ⅰ类高价值', { ip: { inventionPatents: 2, highValueInventionPatents: 1 } }, 10],
    ['A2.IND.IP', '自主研发Ⅰ类', { ip: { inventionPatents: 2, highValueInventionPatents: 0, selfDevelopedInventionPatents: 1 } }, 8],
    ['A2.IND.IP', 'Ⅰ类', { ip: { inventionPatents: 2, highValueInventionPatents: 0, selfDevelopedInventionPatents: 0 } }, 6],
    ['A2.IND.IP', 'Ⅱ类', { ip: { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 1 } }, 2],
    ['A2.IND.IP', 'none (trademarks only)', { ip: { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 0 } }, 0],
    // 11. R&D input by amount (revenue 10亿 keeps the ratio band at 0)
    ...([[5_000_000, 10], [4_999_999, 8], [4_000_000, 8], [3_999_999, 6], [3_000_000, 6], [2_999_999, 4], [2_000_000, 4], [1_999_999, 2], [1_000_000, 2], [999_999, 0]] as const).map(
      ([rd, p]): [string, string, FactsPatch, number] => ['A2.IND.RD', `R&D ${rd} yuan`, row2025({ revenue: 1_000_000_000, rdExpense: rd }), p],
    ),
    // 11. R&D input by ratio (amount below 100万 keeps the amount band at 0)
    ...([[0.1, 10], [0.0999, 8], [0.08, 8], [0.0799, 6], [0.06, 6], [0.0599, 4], [0.04, 4], [0.0399, 2], [0.03, 2], [0.0299, 0]] as const).map(
      ([r, p]): [string, string, FactsPatch, number] => ['A2.IND.RD', `R&D ratio ${r}`, row2025({ revenue: 5_000_000, rdExpense: r * 5_000_000 }), p],
    ),
    ['A2.IND.RD', 'amount 450万 (8) beats ratio 6 % (6)', row2025({ revenue: 75_000_000, rdExpense: 4_500_000 }), 8],
    // 12. R&D staff share
    ...([[200, 5], [199, 3], [100, 3], [99, 1], [50, 1], [49, 0]] as const).map(
      ([n, p]): [string, string, FactsPatch, number] => ['A2.IND.RD_STAFF', `${n} of 1000 staff in R&D`, row2025({ employees: 1000, rdEmployees: n }), p],
    ),
    // 13. R&D institution level
    ['A2.IND.RD_INSTITUTION', 'national', { rdInstitutionLevel: 'NATIONAL' }, 10],
    ['A2.IND.RD_INSTITUTION', 'provincial', { rdInstitutionLevel: 'PROVINCIAL' }, 8],
    ['A2.IND.RD_INSTITUTION', 'municipal', { rdInstitutionLevel: 'MUNICIPAL' }, 4],
    ['A2.IND.RD_INSTITUTION', 'below municipal', { rdInstitutionLevel: 'BELOW_MUNICIPAL' }, 2],
    ['A2.IND.RD_INSTITUTION', 'none', { rdInstitutionLevel: 'NONE' }, 0],
  ];

  it.each(cases)('%s: %s → %i', (code, _label, patch, points) => {
    expectPoints(a2(makeFacts(patch)), code, points);
  });

  // DOMAIN.md §8.5 (was: 0 points): no provincial set ships, so the 15 points are UNKNOWN.
  it('9. local 特色化 indicators are UNKNOWN when no province is configured, with a note citing the text', () => {
    const c = crit(a2(SAMPLE_SPECIALIZED), 'A2.IND.LOCAL');
    expect(c).toMatchObject({ status: 'UNKNOWN', maxPoints: 15, note: DEFAULT_LOCAL_INDICATOR_NOTE });
    expect(c).not.toHaveProperty('points');
    expect(c.note).toContain('工信部企业〔2022〕63号附件2');
    expect(c.note).not.toMatch(/DOMAIN|\.md|localIndicatorPoints/);
  });
});

describe('MIIT-2022 专精特新 conditions 1–3: both sides of each threshold', () => {
  it.each([
    ['cond 1: 2 years in the niche', { mainBusinessSince: '2024-01-01' }, 'A2.COND.NICHE_YEARS', 'MET', '2年'],
    ['cond 1: 1 year in the niche', { mainBusinessSince: '2024-01-02' }, 'A2.COND.NICHE_YEARS', 'UNMET', '1年'],
    ['cond 2: R&D 100万元', row2025({ rdExpense: 1_000_000 }), 'A2.COND.RD_EXPENSE', 'MET', '100万元'],
    ['cond 2: R&D 99.9999万元', row2025({ rdExpense: 999_999 }), 'A2.COND.RD_EXPENSE', 'UNMET', '99.9999万元'],
    ['cond 2: R&D ratio exactly 3 %', row2025({ revenue: 110_000_000, rdExpense: 3_300_000 }), 'A2.COND.RD_RATIO', 'MET', '3%'],
    ['cond 2: R&D ratio just under 3 %', row2025({ revenue: 110_000_100, rdExpense: 3_300_000 }), 'A2.COND.RD_RATIO', 'UNMET', '2.999997%'],
    ['cond 3: revenue 1000万元', row2025({ revenue: 10_000_000, mainBusinessRevenue: 9_000_000 }), 'A2.COND.REVENUE.AMOUNT', 'MET', '1,000万元'],
    ['cond 3: revenue 999.9999万元', row2025({ revenue: 9_999_999, mainBusinessRevenue: 9_000_000 }), 'A2.COND.REVENUE.AMOUNT', 'UNMET', '999.9999万元'],
  ] as Array<[string, FactsPatch, string, string, string]>)('%s', (_label, patch, code, status, actual) => {
    const o = a2(specialized(patch));
    expect(crit(o, code)).toMatchObject({ status, actual });
    if (status === 'UNMET') expect(o.verdict).toBe('NOT_ELIGIBLE');
  });

  /** Revenue under 1000万元; equity raised 2024 + 2025 (2023's 5000万 is outside the window). */
  const smallFirm = (equity2025: number) =>
    specialized({
      years: {
        2023: { equityFinancing: 50_000_000 },
        2024: { equityFinancing: 8_000_000 },
        2025: { revenue: 9_999_999, mainBusinessRevenue: 9_000_000, equityFinancing: equity2025 },
      },
    });

  it('cond 3: revenue < 1000万元 passes with ≥ 2000万元 equity over 2 years', () => {
    const o = a2(smallFirm(12_000_000));
    expect(crit(o, 'A2.COND.REVENUE.AMOUNT').status).toBe('UNMET');
    expect(crit(o, 'A2.COND.REVENUE.EQUITY')).toMatchObject({ status: 'MET', actual: '2,000万元', required: '≥2,000万元' });
    expect(crit(o, 'A2.COND.REVENUE')).toMatchObject({ status: 'MET', actual: '1/2项满足' });
    expect(o.verdict).toBe('ELIGIBLE');
  });

  it('cond 3: revenue < 1000万元 fails with 1999.9999万元 equity', () => {
    const o = a2(smallFirm(11_999_999));
    expect(crit(o, 'A2.COND.REVENUE')).toMatchObject({ status: 'UNMET', actual: '0/2项满足' });
    expect(o).toMatchObject({ verdict: 'NOT_ELIGIBLE', eligible: false });
  });
});

describe('MIIT-2022 专精特新 condition 4: score ≥ 60 OR a direct condition', () => {
  /** SAMPLE_SPECIALIZED less digital (5), quality (5) and net margin (10): 48 points, conditions 1–3 met. */
  const low = (patch: FactsPatch = {}) =>
    makeFacts(patch, specialized({ digitalMaturityLevel: 0, quality: {}, years: { 2025: { netProfit: 0 } } }));
  /**
   * A province whose 特色化 indicators give this firm 0 points: isolates the direct conditions. Without
   * a configured province the 15 points are UNKNOWN (DOMAIN.md §8.5, tested below).
   */
  const zeroLocal = { localIndicatorPoints: () => 0 };

  it('the low-score firm fails on score alone', () => {
    const o = a2(low(), zeroLocal);
    expect(o).toMatchObject({ score: 48, verdict: 'NOT_ELIGIBLE' });
    expect(crit(o, 'A2.SCORE')).toMatchObject({ status: 'UNMET', actual: '48分', required: '≥60分' });
    expect(crit(o, 'A2.COND.SCORE_OR_DIRECT').status).toBe('UNMET');
  });

  it.each([
    // 近3年 (§8.8) on 2026-06-30: from 2023-06-30 (exactly 36 months) to 2026-06-30.
    ['(a) provincial award ranked 3rd, dated exactly 36 months back', { awards: [{ level: 'PROVINCIAL', year: 2023, rank: 3, awardedOn: '2023-06-30' }] }, 'A2.DIRECT.AWARD', true],
    ['(a) provincial award ranked 3rd, 36 months and a day back', { awards: [{ level: 'PROVINCIAL', year: 2023, rank: 3, awardedOn: '2023-06-29' }] }, 'A2.DIRECT.AWARD', false],
    ['(a) provincial award ranked 4th', { awards: [{ level: 'PROVINCIAL', year: 2023, rank: 4 }] }, 'A2.DIRECT.AWARD', false],
    ['(a) national award ranked 5th', { awards: [{ level: 'NATIONAL', year: 2025, rank: 5 }] }, 'A2.DIRECT.AWARD', true],
    ['(a) national award ranked 6th', { awards: [{ level: 'NATIONAL', year: 2025, rank: 6 }] }, 'A2.DIRECT.AWARD', false],
    ['(a) provincial 1st place in 2022 (outside 3 years)', { awards: [{ level: 'PROVINCIAL', year: 2022, rank: 1 }] }, 'A2.DIRECT.AWARD', false],
    ['(b) R&D averages 1000万元 over 2 years', { years: { 2024: { rdExpense: 9_000_000 }, 2025: { rdExpense: 11_000_000 } } }, 'A2.DIRECT.RD_AVG', true],
    ['(b) R&D averages 999.9999万元', { years: { 2024: { rdExpense: 8_999_998 }, 2025: { rdExpense: 11_000_000 } } }, 'A2.DIRECT.RD_AVG', false],
    ['(c) equity 6000万元 over 2 years', { years: { 2024: { equityFinancing: 30_000_000 }, 2025: { equityFinancing: 30_000_000 } } }, 'A2.DIRECT.EQUITY', true],
    ['(c) equity 5999.9999万元', { years: { 2023: { equityFinancing: 90_000_000 }, 2024: { equityFinancing: 29_999_999 }, 2025: { equityFinancing: 30_000_000 } } }, 'A2.DIRECT.EQUITY', false],
    ['(d) 创客中国 top 500 on 2023-07-01', { makerChina: { year: 2023, group: 'TOP500', reachedOn: '2023-07-01' } }, 'A2.DIRECT.MAKER_CHINA', true],
    ['(d) 创客中国 top 500 on 2023-06-29', { makerChina: { year: 2023, group: 'TOP500', reachedOn: '2023-06-29' } }, 'A2.DIRECT.MAKER_CHINA', false],
    ['(d) 创客中国 top 500 in 2024 (year wholly inside)', { makerChina: { year: 2024, group: 'TOP500' } }, 'A2.DIRECT.MAKER_CHINA', true],
    ['(d) 创客中国 top 50 in 2026', { makerChina: { year: 2026, group: 'TOP50' } }, 'A2.DIRECT.MAKER_CHINA', true],
    ['(d) 创客中国 top 500 in 2022', { makerChina: { year: 2022, group: 'TOP500' } }, 'A2.DIRECT.MAKER_CHINA', false],
  ] as Array<[string, FactsPatch, string, boolean]>)('%s', (_label, patch, code, passes) => {
    const o = a2(low(patch), zeroLocal);
    expect(o.score).toBeLessThan(60);
    expect(crit(o, code).status).toBe(passes ? 'MET' : 'UNMET');
    expect(crit(o, 'A2.DIRECT').status).toBe(passes ? 'MET' : 'UNMET');
    expect(o.verdict).toBe(passes ? 'ELIGIBLE' : 'NOT_ELIGIBLE');
    expect(o.passedBy).toBe(passes ? 'DIRECT' : undefined);
  });

  it('a 创客中国 result known only by 2023 (the year the window starts in) leaves (d) open, asking for its date', () => {
    const o = a2(low({ makerChina: { year: 2023, group: 'TOP500' } }), zeroLocal);
    expect(crit(o, 'A2.DIRECT.MAKER_CHINA').status).toBe('UNKNOWN');
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['makerChina.reachedOn'] });
  });

  it('an award with no rank stated leaves (a) open: UNDETERMINED, asking for the rank', () => {
    const o = a2(low({ awards: [{ level: 'PROVINCIAL', year: 2024 }] }), zeroLocal);
    expect(crit(o, 'A2.DIRECT.AWARD')).toMatchObject({ status: 'UNKNOWN' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', eligible: false, missingData: ['awards.rank'] });
  });

  it.each([
    ['12 local points reach exactly 60', () => 12, 60, 'ELIGIBLE', 'MET'],
    ['11 local points leave 59', () => 11, 59, 'NOT_ELIGIBLE', 'MET'],
    ['99 is capped at 15', () => 99, 63, 'ELIGIBLE', 'MET'],
    ['negative is floored at 0', () => -3, 48, 'NOT_ELIGIBLE', 'UNMET'],
  ] as Array<[string, () => number, number, string, string]>)('local indicators configured: %s', (_label, fn, score, verdict, status) => {
    const o = a2(low(), { localIndicatorPoints: fn, localIndicatorNote: '测试省份特色化指标' });
    expect(o).toMatchObject({ score, verdict });
    expect(crit(o, 'A2.IND.LOCAL')).toMatchObject({ status, note: '测试省份特色化指标' });
    if (verdict === 'ELIGIBLE') expect(o.passedBy).toBe('SCORE');
  });

  // DOMAIN.md §8.5: no provincial set configured (Zhejiang) → the 15 points are UNKNOWN, not 0.
  it.each([
    ['48 known points: the 15 could reach 60', {}, 48, 'UNKNOWN', 'UNDETERMINED'],
    ['45 known points: exactly 60 at best', { years: { 2025: { rdEmployees: 1 } } }, 45, 'UNKNOWN', 'UNDETERMINED'],
    ['44 known points: 59 at best', { rdInstitutionLevel: 'NONE' }, 44, 'UNMET', 'NOT_ELIGIBLE'],
  ] as Array<[string, FactsPatch, number, string, string]>)('特色化 unknown (none configured): %s', (_label, patch, score, status, verdict) => {
    const o = a2(low(patch));
    expect(o).toMatchObject({ score, verdict });
    expect(crit(o, 'A2.SCORE').status).toBe(status);
    expect(crit(o, 'A2.IND.LOCAL')).toMatchObject({ status: 'UNKNOWN', maxPoints: 15, note: DEFAULT_LOCAL_INDICATOR_NOTE });
    expect(crit(o, 'A2.IND.LOCAL')).not.toHaveProperty('points');
    if (verdict === 'UNDETERMINED') expect(o.missingData).toEqual(['localIndicators']);
    else expect(o.missingData).toEqual([]);
  });

  it('特色化 unknown does not hold back a firm that passes without it, nor a firm that fails another condition', () => {
    expect(a2(SAMPLE_SPECIALIZED)).toMatchObject({ verdict: 'ELIGIBLE', missingData: [] });
    const o = a2(low({ years: { 2025: { rdExpense: 999_999 } } }));
    expect(crit(o, 'A2.COND.RD').status).toBe('UNMET');
    expect(o.verdict).toBe('NOT_ELIGIBLE');
  });

  it('local indicators the province cannot settle are UNKNOWN and could reach 60: UNDETERMINED', () => {
    const o = a2(low(), { localIndicatorPoints: () => undefined });
    expect(crit(o, 'A2.IND.LOCAL')).toMatchObject({ status: 'UNKNOWN', maxPoints: 15 });
    expect(crit(o, 'A2.IND.LOCAL')).not.toHaveProperty('points');
    expect(crit(o, 'A2.SCORE')).toMatchObject({ status: 'UNKNOWN', actual: '48分（未知项最多可再得15分）' });
    expect(o).toMatchObject({ score: 48, verdict: 'UNDETERMINED', missingData: ['localIndicators'] });
  });
});

describe('MIIT-2022 专精特新 worked example: SAMPLE_SPECIALIZED', () => {
  it('scores 68 on the table and passes on SCORE', () => {
    const o = a2(SAMPLE_SPECIALIZED);
    expect(o).toMatchObject({ tier: 'SPECIALIZED_SME', eligible: true, verdict: 'ELIGIBLE', passedBy: 'SCORE', score: 68, maxScore: 100, missingData: [] });
    const points = Object.fromEntries(o.criteria.filter((c) => c.code.startsWith('A2.IND.')).map((c) => [c.code.slice(7), c.points]));
    expect(points).toEqual({
      MAIN_SHARE: 5, // 86.67 %
      GROWTH: 10, // (15 % + 13.04 %) / 2
      NICHE_YEARS: 4, // since 2016-03-01: 9 full years
      FIELD: 3,
      DIGITAL: 5,
      QUALITY: 5,
      NET_MARGIN: 10, // exactly 10 %
      DEBT: 5, // 45 %
      LOCAL: undefined, // 特色化 unknown (§8.5)
      IP: 8, // 自主研发Ⅰ类
      RD: 6, // 330万元 (6) vs 5.5 % (4)
      RD_STAFF: 3, // 15 %
      RD_INSTITUTION: 4, // municipal
    });
    expect(crit(o, 'A2.IND.NET_MARGIN').note).toContain('计入措辞包含该数的较高一档');
    expect(crit(o, 'A2.IND.RD')).toMatchObject({ actual: '330万元；5.5%' });
    for (const code of ['A2.COND.NICHE_YEARS', 'A2.COND.RD', 'A2.COND.REVENUE', 'A2.COND.SCORE_OR_DIRECT', 'A2.SCORE']) {
      expect(crit(o, code).status).toBe('MET');
    }
    expect(crit(o, 'A2.DIRECT')).toMatchObject({ status: 'UNMET', actual: '0/4项满足' });
  });
});
