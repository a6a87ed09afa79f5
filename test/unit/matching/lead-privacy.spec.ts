import { describe, expect, it } from '@jest/globals';
import { figureFreeLabel, reasonsWithin, reasonsWithoutProfile } from '../../../libs/matching/src/lead-privacy.js';

describe('reasons a listing owner sees before the firm shares its profile', () => {
  it.each([
    ['CREDIT.MARGIN.REVENUE', '营业收入 3600 万元 ≥ 产品要求 1000 万元（3.6 倍）', true],
    ['CREDIT.MARGIN.DEBT', '资产负债率 40% ≤ 产品上限 70%', true],
    ['CREDIT.MARGIN.PATENTS', '发明专利 3 件 ≥ 产品要求 1 件', true],
    ['CREDIT.AMOUNT_FIT', '融资需求 500 万元在额度 100–1000 万元内', true],
    ['CREDIT.TERM_FIT', '期限需求 12 个月 ≤ 产品最长 36 个月', true],
    ['CREDIT.PRODUCT_TYPE_FIT', '贷投联动：2025 年股权融资 800 万元', true],
    ['SERVICE.TIER_GAP', '专精特新 研发费用占比', true],
    ['CREDIT.RATE', '年利率 3.2%–4.5%（中位 3.85%）', false],
    ['CREDIT.REGION', '地区 330281 完全一致', false],
    ['VACANCY.RENT', '租金 0.9 元/㎡·天', false],
  ])('%s: withheld %s', (code, label, withheld) => {
    const [out] = reasonsWithoutProfile([{ code, label, contribution: 7.5 }]);
    expect(out!.code).toBe(code);
    expect(out!.contribution).toBe(7.5);
    if (withheld) {
      expect(out!.label).not.toMatch(/\d/);
      expect(out!.label).toMatch(/授权后可见/);
    } else expect(out!.label).toBe(label);
  });
});

describe('reasons a listing owner sees under a consent of some sections (ADR 0035)', () => {
  const reasons = [
    { code: 'CREDIT.MARGIN.REVENUE', label: '营业收入 3600 万元 ≥ 产品要求 1000 万元（3.6 倍）', contribution: 5 },
    { code: 'CREDIT.MARGIN.PATENTS', label: '发明专利 3 件 ≥ 产品要求 1 件', contribution: 4 },
    { code: 'CREDIT.AMOUNT_FIT', label: '融资需求 500 万元在额度 100–1000 万元内', contribution: 3 },
    { code: 'SERVICE.TIER_GAP', label: '专精特新 研发费用占比', contribution: 2 },
    { code: 'CREDIT.REGION', label: '地区 330281 完全一致', contribution: 1 },
  ];
  it.each([
    [['FINANCIALS'], ['CREDIT.MARGIN.REVENUE'], ['FINANCIALS']],
    [['IP', 'NEEDS'], ['CREDIT.MARGIN.PATENTS', 'CREDIT.AMOUNT_FIT'], ['IP', 'NEEDS']],
    [['BASIC'], [], []],
    [['FINANCIALS', 'IP', 'NEEDS', 'TIER_ASSESSMENTS', 'BASIC'], ['CREDIT.MARGIN.REVENUE', 'CREDIT.MARGIN.PATENTS', 'CREDIT.AMOUNT_FIT', 'SERVICE.TIER_GAP'], ['FINANCIALS', 'IP', 'NEEDS', 'TIER_ASSESSMENTS']],
  ] as const)('granted %j: figures of %j shown, read %j', (granted, shown, read) => {
    const out = reasonsWithin(reasons, granted);
    for (const r of out.reasons) {
      const original = reasons.find((o) => o.code === r.code)!;
      const figures = (shown as readonly string[]).includes(r.code) || r.code === 'CREDIT.REGION';
      expect([r.code, r.label === original.label]).toEqual([r.code, figures]);
    }
    expect(out.read.sort()).toEqual([...read].sort());
  });
});

describe('reasons as a stored push notice names them (figures never kept in notices)', () => {
  it.each([
    ['CREDIT.MARGIN.REVENUE', '营业收入 7391.8 万元，高于准入门槛 3000 万元', '营业收入与产品准入门槛'],
    ['CREDIT.MARGIN.DEBT', '资产负债率 46.2%，低于上限 70%', '资产负债率与产品上限'],
    ['CREDIT.AMOUNT_FIT', '融资需求 500 万元在产品额度内', '融资需求金额与产品额度'],
    ['CREDIT.REGION', '产品覆盖企业所在地区：宁波市海曙区', '产品覆盖企业所在地区：宁波市海曙区'],
  ])('%s', (code, label, shown) => {
    expect(figureFreeLabel({ code, label })).toBe(shown);
  });
});
