/**
 * Audit of every band edge and threshold of every rule set against the counting rule (DOMAIN.md
 * §8.1, 《民法典》第1259条): "以上""以下" include the number, "不满""超过" exclude it; on an edge two
 * bands share, the "以上" band wins. Each row names the wording, the value on the edge and a value
 * just outside it, and the points or verdict written out by hand (never derived from the rule data).
 */
import { describe, expect, it } from '@jest/globals';

import { MIIT_2022, MIIT_2026, bandPoints, compare, type Band, type Indicator, type Rule, type RuleSet } from '../../../libs/tiers/src/index.js';

function indicator(rs: RuleSet, code: string): Indicator {
  for (const t of rs.tiers) for (const i of t.table?.indicators ?? []) if (i.code === code) return i;
  throw new Error(`no indicator ${code}`);
}

function bandsOf(rs: RuleSet, code: string, metric?: string): readonly Band[] {
  const i = indicator(rs, code);
  if (i.kind === 'bands') return i.bands;
  if (i.kind === 'bestOf') return i.options.find((o) => o.metric === metric)!.bands;
  throw new Error(`${code} has no bands`);
}

/** Every rule of a tree with its code, including switch cases and exemptions. */
function* walk(r: Rule): Generator<Rule> {
  yield r;
  if (r.kind === 'allOf' || r.kind === 'anyOf') for (const i of r.items) yield* walk(i);
  if (r.kind === 'switch') for (const c of r.cases) yield* walk(c.then);
  if (r.kind === 'threshold') for (const e of r.exemptions ?? []) yield* walk(e.when);
}

function rulesCoded(rs: RuleSet, code: string): Rule[] {
  return rs.tiers.flatMap((t) => [...walk(t.requires)]).filter((r) => 'code' in r && r.code === code);
}

// [indicator, metric of a bestOf, value, points]; ratios as fractions, money in yuan.
type BandRow = [string, string | undefined, number | boolean, number];

const BANDS_2022: BandRow[] = [
  // 创新型 附件1 ① IP class level: 4 Ⅰ类高价值, 3 自主研发Ⅰ类, 2 Ⅰ类, 1 Ⅱ类, 0 none.
  ['A1.IP', undefined, 4, 20], ['A1.IP', undefined, 3, 15], ['A1.IP', undefined, 2, 10], ['A1.IP', undefined, 1, 5], ['A1.IP', undefined, 0, 0],
  // ② R&D/revenue: 5%以上 20; 3%–5% 15; 2%–3% 10; 1%–2% 5; 1%以下 (below) 0.
  ['A1.RD_RATIO', undefined, 0.05, 20], ['A1.RD_RATIO', undefined, 0.0499, 15],
  ['A1.RD_RATIO', undefined, 0.03, 15], ['A1.RD_RATIO', undefined, 0.0299, 10],
  ['A1.RD_RATIO', undefined, 0.02, 10], ['A1.RD_RATIO', undefined, 0.0199, 5],
  ['A1.RD_RATIO', undefined, 0.01, 5], ['A1.RD_RATIO', undefined, 0.0099, 0],
  // ③ main-business growth: 15%以上 20; 10–15% 15; 5–10% 10; 0–5% 5; below 0 → 0.
  ['A1.GROWTH', undefined, 0.15, 20], ['A1.GROWTH', undefined, 0.1499, 15],
  ['A1.GROWTH', undefined, 0.1, 15], ['A1.GROWTH', undefined, 0.0999, 10],
  ['A1.GROWTH', undefined, 0.05, 10], ['A1.GROWTH', undefined, 0.0499, 5],
  ['A1.GROWTH', undefined, 0, 5], ['A1.GROWTH', undefined, -0.0001, 0],
  // ④ debt ratio: 55%以下 10; 55–75% 5; 超过75% 0.
  ['A1.DEBT', undefined, 0.55, 10], ['A1.DEBT', undefined, 0.5501, 5],
  ['A1.DEBT', undefined, 0.75, 5], ['A1.DEBT', undefined, 0.7501, 0],
  // ⑤ field: 战略性新兴产业 10, other 5.
  ['A1.FIELD', undefined, true, 10], ['A1.FIELD', undefined, false, 5],
  // ⑥ main-business share: 70%以上 20; 60–70% 15; 55–60% 10; 50–55% 5; below 50% 0.
  ['A1.MAIN_SHARE', undefined, 0.7, 20], ['A1.MAIN_SHARE', undefined, 0.6999, 15],
  ['A1.MAIN_SHARE', undefined, 0.6, 15], ['A1.MAIN_SHARE', undefined, 0.5999, 10],
  ['A1.MAIN_SHARE', undefined, 0.55, 10], ['A1.MAIN_SHARE', undefined, 0.5499, 5],
  ['A1.MAIN_SHARE', undefined, 0.5, 5], ['A1.MAIN_SHARE', undefined, 0.4999, 0],
  // 专精特新 附件2 indicator 1: 80%以上 5; 70–80% 3; 60–70% 1; below 60% 0.
  ['A2.IND.MAIN_SHARE', undefined, 0.8, 5], ['A2.IND.MAIN_SHARE', undefined, 0.7999, 3],
  ['A2.IND.MAIN_SHARE', undefined, 0.7, 3], ['A2.IND.MAIN_SHARE', undefined, 0.6999, 1],
  ['A2.IND.MAIN_SHARE', undefined, 0.6, 1], ['A2.IND.MAIN_SHARE', undefined, 0.5999, 0],
  // 2: 10%以上 10; 8–10% 8; 6–8% 6; 4–6% 4; 0–4% 2; below 0 → 0.
  ['A2.IND.GROWTH', undefined, 0.1, 10], ['A2.IND.GROWTH', undefined, 0.0999, 8],
  ['A2.IND.GROWTH', undefined, 0.08, 8], ['A2.IND.GROWTH', undefined, 0.0799, 6],
  ['A2.IND.GROWTH', undefined, 0.06, 6], ['A2.IND.GROWTH', undefined, 0.0599, 4],
  ['A2.IND.GROWTH', undefined, 0.04, 4], ['A2.IND.GROWTH', undefined, 0.0399, 2],
  ['A2.IND.GROWTH', undefined, 0, 2], ['A2.IND.GROWTH', undefined, -0.0001, 0],
  // 3: 1 point per full 2 years, at most 5 (10年以上 5 … 2–4年 1, 不满2年 0).
  ['A2.IND.NICHE_YEARS', undefined, 10, 5], ['A2.IND.NICHE_YEARS', undefined, 9, 4],
  ['A2.IND.NICHE_YEARS', undefined, 8, 4], ['A2.IND.NICHE_YEARS', undefined, 7, 3],
  ['A2.IND.NICHE_YEARS', undefined, 6, 3], ['A2.IND.NICHE_YEARS', undefined, 5, 2],
  ['A2.IND.NICHE_YEARS', undefined, 4, 2], ['A2.IND.NICHE_YEARS', undefined, 3, 1],
  ['A2.IND.NICHE_YEARS', undefined, 2, 1], ['A2.IND.NICHE_YEARS', undefined, 1, 0],
  // 4: key-chain results 5; 六基/老字号/链主配套 3; other 0.
  ['A2.IND.FIELD', undefined, 2, 5], ['A2.IND.FIELD', undefined, 1, 3], ['A2.IND.FIELD', undefined, 0, 0],
  // 5: 三级及以上 5; 二级 3; 一级 0.
  ['A2.IND.DIGITAL', undefined, 4, 5], ['A2.IND.DIGITAL', undefined, 3, 5], ['A2.IND.DIGITAL', undefined, 2, 3], ['A2.IND.DIGITAL', undefined, 1, 0],
  // 6: +3 per item, at most 5.
  ['A2.IND.QUALITY', undefined, 4, 5], ['A2.IND.QUALITY', undefined, 2, 5], ['A2.IND.QUALITY', undefined, 1, 3], ['A2.IND.QUALITY', undefined, 0, 0],
  // 7: 10%以上 10; 8–10% 8; 6–8% 6; 4–6% 4; 2–4% 2; below 2% 0.
  ['A2.IND.NET_MARGIN', undefined, 0.1, 10], ['A2.IND.NET_MARGIN', undefined, 0.0999, 8],
  ['A2.IND.NET_MARGIN', undefined, 0.08, 8], ['A2.IND.NET_MARGIN', undefined, 0.0799, 6],
  ['A2.IND.NET_MARGIN', undefined, 0.06, 6], ['A2.IND.NET_MARGIN', undefined, 0.0599, 4],
  ['A2.IND.NET_MARGIN', undefined, 0.04, 4], ['A2.IND.NET_MARGIN', undefined, 0.0399, 2],
  ['A2.IND.NET_MARGIN', undefined, 0.02, 2], ['A2.IND.NET_MARGIN', undefined, 0.0199, 0],
  // 8: 50%以下 5; 50–60% 3; 60–70% 1; 超过70% 0.
  ['A2.IND.DEBT', undefined, 0.5, 5], ['A2.IND.DEBT', undefined, 0.5001, 3],
  ['A2.IND.DEBT', undefined, 0.6, 3], ['A2.IND.DEBT', undefined, 0.6001, 1],
  ['A2.IND.DEBT', undefined, 0.7, 1], ['A2.IND.DEBT', undefined, 0.7001, 0],
  // 10: Ⅰ类高价值 10; 自主研发Ⅰ类 8; Ⅰ类 6; Ⅱ类 2; none 0.
  ['A2.IND.IP', undefined, 4, 10], ['A2.IND.IP', undefined, 3, 8], ['A2.IND.IP', undefined, 2, 6], ['A2.IND.IP', undefined, 1, 2], ['A2.IND.IP', undefined, 0, 0],
  // 11: 500万元以上 10; 400–500万 8; 300–400万 6; 200–300万 4; 100–200万 2; below 100万 0 …
  ['A2.IND.RD', 'rdExpensePriorYear', 5_000_000, 10], ['A2.IND.RD', 'rdExpensePriorYear', 4_999_999, 8],
  ['A2.IND.RD', 'rdExpensePriorYear', 4_000_000, 8], ['A2.IND.RD', 'rdExpensePriorYear', 3_999_999, 6],
  ['A2.IND.RD', 'rdExpensePriorYear', 3_000_000, 6], ['A2.IND.RD', 'rdExpensePriorYear', 2_999_999, 4],
  ['A2.IND.RD', 'rdExpensePriorYear', 2_000_000, 4], ['A2.IND.RD', 'rdExpensePriorYear', 1_999_999, 2],
  ['A2.IND.RD', 'rdExpensePriorYear', 1_000_000, 2], ['A2.IND.RD', 'rdExpensePriorYear', 999_999, 0],
  // … or 10%以上 10; 8–10% 8; 6–8% 6; 4–6% 4; 3–4% 2; below 3% 0.
  ['A2.IND.RD', 'rdRatioPriorYear', 0.1, 10], ['A2.IND.RD', 'rdRatioPriorYear', 0.0999, 8],
  ['A2.IND.RD', 'rdRatioPriorYear', 0.08, 8], ['A2.IND.RD', 'rdRatioPriorYear', 0.0799, 6],
  ['A2.IND.RD', 'rdRatioPriorYear', 0.06, 6], ['A2.IND.RD', 'rdRatioPriorYear', 0.0599, 4],
  ['A2.IND.RD', 'rdRatioPriorYear', 0.04, 4], ['A2.IND.RD', 'rdRatioPriorYear', 0.0399, 2],
  ['A2.IND.RD', 'rdRatioPriorYear', 0.03, 2], ['A2.IND.RD', 'rdRatioPriorYear', 0.0299, 0],
  // 12: 20%以上 5; 10–20% 3; 5–10% 1; below 5% 0.
  ['A2.IND.RD_STAFF', undefined, 0.2, 5], ['A2.IND.RD_STAFF', undefined, 0.1999, 3],
  ['A2.IND.RD_STAFF', undefined, 0.1, 3], ['A2.IND.RD_STAFF', undefined, 0.0999, 1],
  ['A2.IND.RD_STAFF', undefined, 0.05, 1], ['A2.IND.RD_STAFF', undefined, 0.0499, 0],
  // 13: national 10; provincial 8; municipal 4; below municipal 2; none 0.
  ['A2.IND.RD_INSTITUTION', undefined, 4, 10], ['A2.IND.RD_INSTITUTION', undefined, 3, 8], ['A2.IND.RD_INSTITUTION', undefined, 2, 4],
  ['A2.IND.RD_INSTITUTION', undefined, 1, 2], ['A2.IND.RD_INSTITUTION', undefined, 0, 0],
];

describe('2022 points tables: both sides of every band edge, terminal bands included', () => {
  it.each(BANDS_2022)('%s %s at %p → %p points', (code, metric, value, points) => {
    expect(bandPoints(bandsOf(MIIT_2022, code, metric), value)).toBe(points);
  });

  it('the 2026 rule set reuses the 2022 创新型 table (transition)', () => {
    expect(bandsOf(MIIT_2026, 'A1.RD_RATIO')).toBe(bandsOf(MIIT_2022, 'A1.RD_RATIO'));
  });
});

// [rule set, code, text's wording, op, threshold, value on the edge, value just outside]
type ThresholdRow = [RuleSet, string, string, string, number, number, number];
const T: ThresholdRow[] = [
  [MIIT_2022, 'A1.DIRECT.RD_INSTITUTION', '省部级以上研发机构', '>=', 3, 3, 2],
  [MIIT_2022, 'A1.DIRECT.EQUITY', '500万元以上', '>=', 5_000_000, 5_000_000, 4_999_999],
  [MIIT_2022, 'A2.COND.NICHE_YEARS', '2年以上', '>=', 2, 2, 1],
  [MIIT_2022, 'A2.COND.RD_EXPENSE', '100万元以上', '>=', 1_000_000, 1_000_000, 999_999],
  [MIIT_2022, 'A2.COND.RD_RATIO', '3%以上', '>=', 0.03, 0.03, 0.0299],
  [MIIT_2022, 'A2.COND.REVENUE.AMOUNT', '1000万元以上', '>=', 10_000_000, 10_000_000, 9_999_999],
  [MIIT_2022, 'A2.COND.REVENUE.EQUITY', '2000万元以上', '>=', 20_000_000, 20_000_000, 19_999_999],
  [MIIT_2022, 'A2.DIRECT.RD_AVG', '1000万元以上', '>=', 10_000_000, 10_000_000, 9_999_999],
  [MIIT_2022, 'A2.DIRECT.EQUITY', '6000万元以上', '>=', 60_000_000, 60_000_000, 59_999_999],
  [MIIT_2022, 'A3.NICHE_YEARS', '3年以上', '>=', 3, 3, 2],
  [MIIT_2022, 'A3.MAIN_SHARE', '70%以上', '>=', 0.7, 0.7, 0.6999],
  [MIIT_2022, 'A3.GROWTH', '5%以上', '>=', 0.05, 0.05, 0.0499],
  [MIIT_2022, 'A3.DEBT', '70%以下', '<=', 0.7, 0.7, 0.7001],
  [MIIT_2022, 'A3.MARKET_SHARE', '10%以上', '>=', 10, 10, 9.99],
  [MIIT_2022, 'A3.RD_RATIO_3', '3%以上', '>=', 0.03, 0.03, 0.0299],
  [MIIT_2022, 'A3.RD_RATIO_6', '6%以上', '>=', 0.06, 0.06, 0.0599],
  [MIIT_2022, 'A3.SMALL.EQUITY', '8000万元以上', '>=', 80_000_000, 80_000_000, 79_999_999],
  [MIIT_2022, 'A3.SMALL.RD_TOTAL', '3000万元以上', '>=', 30_000_000, 30_000_000, 29_999_999],
  [MIIT_2022, 'A3.SMALL.RD_STAFF', '50%以上', '>=', 0.5, 0.5, 0.4999],
  [MIIT_2022, 'A3.RD_INSTITUTION', '建立研发机构', '>=', 1, 1, 0],
  [MIIT_2022, 'A3.IP_COUNT', '2项以上', '>=', 2, 2, 1],
  [MIIT_2026, 'B1.NICHE_YEARS', '3年以上', '>=', 3, 3, 2],
  [MIIT_2026, 'B1.REVENUE.AMOUNT', '1500万元以上', '>=', 15_000_000, 15_000_000, 14_999_999],
  [MIIT_2026, 'B1.REVENUE.EQUITY', '2000万元以上', '>=', 20_000_000, 20_000_000, 19_999_999],
  [MIIT_2026, 'B1.MAIN_SHARE', '80%以上', '>=', 0.8, 0.8, 0.7999],
  [MIIT_2026, 'B1.DEBT', '80%以下', '<=', 0.8, 0.8, 0.8001],
  [MIIT_2026, 'B1.RD_EXPENSE', '100万元以上', '>=', 1_000_000, 1_000_000, 999_999],
  [MIIT_2026, 'B1.RD_RATIO', '3%以上', '>=', 0.03, 0.03, 0.0299],
  [MIIT_2026, 'B1.IP', '1项以上', '>=', 1, 1, 0],
  [MIIT_2026, 'B1.IP.EXEMPT.RD_INSTITUTION', '省级及以上研发机构', '>=', 3, 3, 2],
  [MIIT_2026, 'B1.PLATFORM_SCORE', '50分以上', '>=', 50, 50, 49.99],
  [MIIT_2026, 'B2.NICHE_YEARS', '3年以上', '>=', 3, 3, 2],
  [MIIT_2026, 'B2.REVENUE', '5000万元以上', '>=', 50_000_000, 50_000_000, 49_999_999],
  [MIIT_2026, 'B2.MAIN_SHARE', '90%以上', '>=', 0.9, 0.9, 0.8999],
  [MIIT_2026, 'B2.CAGR', '5%以上', '>=', 0.05, 0.05, 0.0499],
  [MIIT_2026, 'B2.DEBT', '75%以下', '<=', 0.75, 0.75, 0.7501],
  [MIIT_2026, 'B2.RD_TOTAL', '1200万元以上', '>=', 12_000_000, 12_000_000, 11_999_999],
  [MIIT_2026, 'B2.RD_RATIO', '3%以上', '>=', 0.03, 0.03, 0.0299],
  [MIIT_2026, 'B2.IP', '4项以上', '>=', 4, 4, 3],
  [MIIT_2026, 'B2.MARKET.SHARE', '10%以上', '>=', 10, 10, 9.99],
  [MIIT_2026, 'B2.PLATFORM_SCORE', '60分以上（新申请与复核）', '>=', 60, 60, 59.99],
];

describe('thresholds: the wording decides the comparison; both sides of each edge', () => {
  it.each(T.map(([rs, code, words, op, v, on, off]) => [code, words, rs, op, v, on, off] as const))(
    '%s (%s)',
    (code, _words, rs, op, threshold, on, off) => {
      const rules = rulesCoded(rs, code);
      expect(rules.length).toBeGreaterThan(0);
      for (const r of rules) {
        expect(r).toMatchObject({ kind: 'threshold', op, value: threshold });
        if (r.kind !== 'threshold') continue;
        expect(compare(on, r.op, r.value)).toBe(true);
        expect(compare(off, r.op, r.value)).toBe(false);
      }
    },
  );

  it.each([
    [MIIT_2022, 'A1.SCORE', 60], [MIIT_2022, 'A1.MIN.INNOVATION', 20], [MIIT_2022, 'A1.MIN.GROWTH', 15],
    [MIIT_2022, 'A1.MIN.SPECIALIZATION', 15], [MIIT_2022, 'A2.SCORE', 60],
  ] as Array<[RuleSet, string, number]>)('score %s: %p分以上 passes, one point less fails', (rs, code, min) => {
    const [r] = rulesCoded(rs, code);
    expect(r).toMatchObject({ min });
    expect(compare(min, '>=', min)).toBe(true);
    expect(compare(min - 1, '>=', min)).toBe(false);
  });

  it.each([
    // 小巨人 2022 R&D intensity by revenue: 1亿元以上 / 5000万元–1亿元 / 5000万元以下 (the 以上 band wins the shared edge).
    [100_000_000, '营业收入≥1亿元：近2年研发费用占比均≥3%'],
    [99_999_999, '营业收入5000万–1亿元：近2年研发费用占比均≥6%'],
    [50_000_000, '营业收入5000万–1亿元：近2年研发费用占比均≥6%'],
    [49_999_999, '营业收入<5000万元：近2年新增股权融资≥8000万元，且研发费用≥3000万元、研发人员占比≥50%'],
  ])('A3.RD_INTENSITY at %p yuan → %s', (revenue, label) => {
    const [sw] = rulesCoded(MIIT_2022, 'A3.RD_INTENSITY');
    if (sw?.kind !== 'switch') throw new Error('A3.RD_INTENSITY is a switch');
    expect(sw.cases.find((c) => c.min === undefined || compare(revenue, '>=', c.min))?.label).toBe(label);
  });
});
