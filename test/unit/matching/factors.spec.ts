/** Each soft factor: its contribution and its Chinese label with the numbers. */
import { describe, it, expect } from '@jest/globals';

import { MIIT_2022, SAMPLE_FACTS, evaluateTiers } from '../../../libs/tiers/src/index.js';
import {
  WEIGHTS,
  finalize,
  gapCategory,
  scoreMatch,
  type AssessmentSummary,
  type EnterpriseSide,
  type ListingSide,
} from '../../../libs/matching/src/index.js';
import { TODAY, WAN, challenge, credit, expectConsistent, firm, reason, scored, service, vacancy } from './match-test-kit.js';

interface FactorCase {
  name: string;
  e: EnterpriseSide;
  l: ListingSide;
  code: string;
  /** Points; the largest-remainder rounding may move a contribution by at most 0.1. */
  points: number;
  label?: string | RegExp;
}

const noIp = { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 };
const fin = { year: 2025, revenue: 3_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 4_000 * WAN };
/** Credit without thresholds, so only the factor under test moves. */
const open = (patch: Parameters<typeof credit>[0] = {}) =>
  credit({ eligibleTiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null, ...patch });
const gap = (tier: AssessmentSummary['tier'], eligible: boolean, ...criteria: Array<[string, 'MET' | 'UNMET' | 'UNKNOWN']>): AssessmentSummary => ({
  tier,
  eligible,
  criteria: criteria.map(([code, status]) => ({ code, status })),
});

const CASES: FactorCase[] = [
  // ---- credit: eligibility margins (bank's side; 30 points split among the thresholds present)
  { name: 'no thresholds → full margin', e: firm(), l: open(), code: 'CREDIT.MARGIN.NONE', points: 30, label: '产品未设准入门槛' },
  {
    name: 'revenue 1.5× the minimum → half its share',
    e: firm({ latestFinancials: { ...fin, revenue: 1_500 * WAN } }),
    l: open({ minAnnualRevenue: 1_000 * WAN }),
    code: 'CREDIT.MARGIN.REVENUE',
    points: 15,
    label: '营业收入 1500 万元 ≥ 产品要求 1000 万元（1.5 倍）',
  },
  {
    name: 'revenue 2× the minimum → full share',
    e: firm({ latestFinancials: { ...fin, revenue: 2_000 * WAN } }),
    l: open({ minAnnualRevenue: 1_000 * WAN }),
    code: 'CREDIT.MARGIN.REVENUE',
    points: 30,
  },
  {
    name: 'patents 3 vs 2 → half share',
    e: firm({ ip: { ...noIp, inventionPatents: 3 } }),
    l: open({ minInventionPatents: 2 }),
    code: 'CREDIT.MARGIN.PATENTS',
    points: 15,
    label: '发明专利 3 件 ≥ 产品要求 2 件',
  },
  { name: 'patents exactly the minimum → 0', e: firm({ ip: { ...noIp, inventionPatents: 2 } }), l: open({ minInventionPatents: 2 }), code: 'CREDIT.MARGIN.PATENTS', points: 0 },
  {
    name: 'years 4 vs 3 → a third',
    e: firm({ foundedOn: '2022-03-15' }),
    l: open({ minYearsInBusiness: 3 }),
    code: 'CREDIT.MARGIN.YEARS',
    points: 10,
    label: '成立 4 年 ≥ 产品要求 3 年',
  },
  {
    name: 'debt at the maximum → 0',
    e: firm({ latestFinancials: { ...fin, totalLiabilities: 7_000 * WAN } }),
    l: open({ maxDebtRatio: 0.7 }),
    code: 'CREDIT.MARGIN.DEBT',
    points: 0,
    label: '资产负债率 70% ≤ 产品上限 70%',
  },
  { name: 'debt at half the maximum → full', e: firm({ latestFinancials: { ...fin, totalLiabilities: 3_500 * WAN } }), l: open({ maxDebtRatio: 0.7 }), code: 'CREDIT.MARGIN.DEBT', points: 30 },
  {
    name: 'tier admitted → full share, both sides named',
    e: firm(),
    l: open({ eligibleTiers: ['SPECIALIZED_SME'], minInventionPatents: 5 }),
    code: 'CREDIT.MARGIN.TIER',
    points: 15,
    label: '企业梯度 专精特新中小企业属于产品准入梯度（专精特新中小企业）',
  },
  // ---- credit: the firm's need
  { name: 'amount inside the range', e: firm(), l: open(), code: 'CREDIT.AMOUNT_FIT', points: 20, label: '融资需求 500 万元在额度 100–1000 万元内' },
  { name: 'amount at the range maximum', e: firm({ financingNeed: { amount: 1_000 * WAN, termMonths: 12 } }), l: open(), code: 'CREDIT.AMOUNT_FIT', points: 20 },
  {
    name: 'amount twice the maximum → 0.6 × 1/2',
    e: firm({ financingNeed: { amount: 2_000 * WAN, termMonths: 12 } }),
    l: open(),
    code: 'CREDIT.AMOUNT_FIT',
    points: 6,
    label: '融资需求 2000 万元超出额度上限 1000 万元',
  },
  {
    name: 'amount below the minimum',
    e: firm({ financingNeed: { amount: 50 * WAN, termMonths: 12 } }),
    l: open(),
    code: 'CREDIT.AMOUNT_FIT',
    points: 6,
    label: '融资需求 50 万元低于起贷额 100 万元',
  },
  { name: 'no financing need → amount 0', e: firm({ financingNeed: null }), l: open(), code: 'CREDIT.AMOUNT_FIT', points: 0, label: /未填写融资需求/ },
  { name: 'no financing need → term 0', e: firm({ financingNeed: null }), l: open(), code: 'CREDIT.TERM_FIT', points: 0 },
  { name: 'term within the maximum', e: firm(), l: open(), code: 'CREDIT.TERM_FIT', points: 10, label: '期限需求 12 个月 ≤ 产品最长 36 个月' },
  {
    name: 'term twice the maximum → 0.5 × 1/2',
    e: firm({ financingNeed: { amount: 500 * WAN, termMonths: 72 } }),
    l: open(),
    code: 'CREDIT.TERM_FIT',
    points: 2.5,
    label: '期限需求 72 个月 > 产品最长 36 个月',
  },
  // ---- credit: product type
  { name: 'IP pledge with 5 invention patents', e: firm(), l: open(), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 20, label: '知识产权质押：发明专利 5 件、其他知识产权 4 件可质押' },
  { name: 'IP pledge with 1 invention patent → 1/3', e: firm({ ip: { ...noIp, inventionPatents: 1 } }), l: open(), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 20 / 3 },
  { name: 'IP pledge without IP', e: firm({ ip: noIp }), l: open(), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 0, label: '知识产权质押：无可质押的知识产权' },
  {
    name: 'loan-investment linkage with equity financing',
    e: firm({ latestFinancials: { ...fin, equityFinancing: 800 * WAN } }),
    l: open({ productType: 'LOAN_INVESTMENT_LINKAGE' }),
    code: 'CREDIT.PRODUCT_TYPE_FIT',
    points: 20,
    label: '贷投联动：2025 年股权融资 800 万元',
  },
  { name: 'linkage with no equity financing', e: firm({ latestFinancials: { ...fin, equityFinancing: 0 } }), l: open({ productType: 'LOAN_INVESTMENT_LINKAGE' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 0 },
  { name: 'linkage, equity not stated', e: firm({ latestFinancials: fin }), l: open({ productType: 'LOAN_INVESTMENT_LINKAGE' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 6 },
  { name: 'talent loan with 12 R&D staff → 12/20', e: firm(), l: open({ productType: 'TALENT_LOAN' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 12, label: '人才贷：研发人员 12 人' },
  { name: 'talent loan, R&D staff unknown', e: firm({ latestFinancials: fin }), l: open({ productType: 'TALENT_LOAN' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 6 },
  { name: 'order financing with anchor relations', e: firm({ anchorRelations: true }), l: open({ productType: 'ORDER_FINANCING' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 20 },
  { name: 'supply chain without anchor relations', e: firm({ anchorRelations: false }), l: open({ productType: 'SUPPLY_CHAIN' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 0 },
  { name: 'supply chain, anchor relations not stated', e: firm(), l: open({ productType: 'SUPPLY_CHAIN' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 6 },
  { name: 'tech refinancing for a tiered firm', e: firm(), l: open({ productType: 'TECH_REFINANCING' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 20 },
  { name: 'tech refinancing for an untiered firm', e: firm({ tier: 'NONE' }), l: open({ productType: 'TECH_REFINANCING' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 6 },
  { name: 'credit loan scales with tier', e: firm(), l: open({ productType: 'CREDIT_LOAN' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 15 },
  { name: 'other product type is neutral', e: firm(), l: open({ productType: 'OTHER' }), code: 'CREDIT.PRODUCT_TYPE_FIT', points: 10 },
  // ---- credit: rate, region, industry
  { name: 'rate mid 3.9% → 0.7', e: firm(), l: open(), code: 'CREDIT.RATE', points: 7, label: '年利率 3.45%–4.35%（中位 3.9%）' },
  { name: 'rate mid 3% → full', e: firm(), l: open({ annualRateMin: 2.5, annualRateMax: 3.5 }), code: 'CREDIT.RATE', points: 10 },
  { name: 'rate mid 6.5% → 0', e: firm(), l: open({ annualRateMin: 6, annualRateMax: 7 }), code: 'CREDIT.RATE', points: 0 },
  { name: 'region exact', e: firm(), l: open({ regionCodes: ['330211'] }), code: 'CREDIT.REGION', points: 5, label: '地区镇海区完全一致' },
  { name: 'region by city', e: firm(), l: open({ regionCodes: ['330200'] }), code: 'CREDIT.REGION', points: 4, label: '地区镇海区属于宁波市' },
  { name: 'region by province', e: firm(), l: open({ regionCodes: ['330000'] }), code: 'CREDIT.REGION', points: 3 },
  { name: 'region anywhere', e: firm(), l: open({ regionCodes: [] }), code: 'CREDIT.REGION', points: 2.5 },
  { name: 'industry exact', e: firm(), l: open({ industryCodes: ['C3484'] }), code: 'CREDIT.INDUSTRY', points: 5 },
  { name: 'industry by division', e: firm(), l: open({ industryCodes: ['C34'] }), code: 'CREDIT.INDUSTRY', points: 4 },
  { name: 'industry by section', e: firm(), l: open({ industryCodes: ['C'] }), code: 'CREDIT.INDUSTRY', points: 2.5 },
  { name: 'industry any', e: firm(), l: open({ industryCodes: [] }), code: 'CREDIT.INDUSTRY', points: 2 },

  // ---- services
  { name: 'category in the firm’s needs', e: firm(), l: service(), code: 'SERVICE.CATEGORY_NEED', points: 35, label: '服务类别「知识产权」在企业服务需求中' },
  {
    name: 'category not needed',
    e: firm(),
    l: service({ category: 'DIGITAL_TRANSFORMATION' }),
    code: 'SERVICE.CATEGORY_NEED',
    points: 0,
    label: '服务类别「数字化转型」不在企业服务需求（知识产权）中',
  },
  { name: 'no assessment → no gap', e: firm(), l: service(), code: 'SERVICE.TIER_GAP', points: 0, label: '企业暂无梯度测评' },
  {
    name: 'one unmet IP criterion raises INTELLECTUAL_PROPERTY',
    e: firm({ latestAssessments: [gap('SPECIALIZED_SME', false, ['A2.IND.IP', 'UNMET'], ['A2.IND.RD', 'MET'])] }),
    l: service(),
    code: 'SERVICE.TIER_GAP',
    points: 17.5,
    label: '梯度测评缺口 1 项可由「知识产权」补足：专精特新中小企业 A2.IND.IP 未达标',
  },
  {
    name: 'two IP gaps → full',
    e: firm({ latestAssessments: [gap('INNOVATIVE_SME', false, ['A1.IP', 'UNMET']), gap('SPECIALIZED_SME', false, ['A2.IND.IP', 'UNMET'])] }),
    l: service(),
    code: 'SERVICE.TIER_GAP',
    points: 25,
  },
  {
    name: 'digital maturity raises DIGITAL_TRANSFORMATION',
    e: firm({ latestAssessments: [gap('SPECIALIZED_SME', false, ['A2.IND.DIGITAL', 'UNMET'])] }),
    l: service({ category: 'DIGITAL_TRANSFORMATION' }),
    code: 'SERVICE.TIER_GAP',
    points: 17.5,
  },
  {
    name: 'R&D ratio raises TECH_INNOVATION',
    e: firm({ latestAssessments: [gap('INNOVATIVE_SME', false, ['A1.RD_RATIO', 'UNMET'])] }),
    l: service({ category: 'TECH_INNOVATION' }),
    code: 'SERVICE.TIER_GAP',
    points: 17.5,
  },
  {
    name: 'an eligible tier’s unmet items are not gaps',
    e: firm({ latestAssessments: [gap('SPECIALIZED_SME', true, ['A2.IND.IP', 'UNMET'])] }),
    l: service(),
    code: 'SERVICE.TIER_GAP',
    points: 0,
  },
  {
    name: 'UNKNOWN is not a gap',
    e: firm({ latestAssessments: [gap('SPECIALIZED_SME', false, ['A2.IND.IP', 'UNKNOWN'])] }),
    l: service(),
    code: 'SERVICE.TIER_GAP',
    points: 0,
    label: '梯度测评中无「知识产权」可补足的未达标项',
  },
  { name: 'service region exact', e: firm(), l: service({ regionCodes: ['330211'] }), code: 'SERVICE.REGION', points: 15 },
  { name: 'service region anywhere', e: firm(), l: service({ regionCodes: [] }), code: 'SERVICE.REGION', points: 7.5 },
  { name: 'voucher accepted', e: firm(), l: service(), code: 'SERVICE.VOUCHER', points: 10, label: '可使用服务券' },
  { name: 'voucher not accepted', e: firm(), l: service({ acceptsServiceVoucher: false }), code: 'SERVICE.VOUCHER', points: 0 },
  { name: 'rating 4.6', e: firm(), l: service(), code: 'SERVICE.PROVIDER_RATING', points: 13.5, label: '服务商评分 4.6 / 5' },
  { name: 'rating 5', e: firm(), l: service({ providerRating: 5 }), code: 'SERVICE.PROVIDER_RATING', points: 15 },
  { name: 'rating 1', e: firm(), l: service({ providerRating: 1 }), code: 'SERVICE.PROVIDER_RATING', points: 0 },
  { name: 'unrated provider', e: firm(), l: service({ providerRating: null }), code: 'SERVICE.PROVIDER_RATING', points: 6, label: '服务商暂无评分' },

  // ---- challenges
  {
    name: 'unrelated capabilities → no relevance',
    e: firm({ capabilities: '食品包装设计', mainProducts: ['饮料瓶'] }),
    l: challenge(),
    code: 'CHALLENGE.TEXT_RELEVANCE',
    points: 0,
    label: '企业能力与榜单技术无重合词',
  },
  {
    name: 'identical text → full relevance',
    e: firm({ capabilities: '精密传动 谐波减速器', mainProducts: [] }),
    l: challenge({ title: '精密传动', techField: '谐波减速器', requirements: '' }),
    code: 'CHALLENGE.TEXT_RELEVANCE',
    points: 45,
    label: /相关度 1（重合词：精密、密传、传动、谐波、波减、减速）/,
  },
  {
    name: 'poster prefers the firm’s tier (poster’s side + firm’s side in one label)',
    e: firm(),
    l: challenge(),
    code: 'CHALLENGE.POSTER_TIER_PREFERENCE',
    points: 20,
    label: '发榜方偏好梯度 专精特新中小企业、专精特新“小巨人”；企业为专精特新中小企业，符合',
  },
  { name: 'poster does not prefer the firm’s tier', e: firm({ tier: 'NONE' }), l: challenge(), code: 'CHALLENGE.POSTER_TIER_PREFERENCE', points: 0, label: /不在偏好内/ },
  { name: 'poster has no preference', e: firm(), l: challenge({ preferredTiers: [] }), code: 'CHALLENGE.POSTER_TIER_PREFERENCE', points: 12 },
  { name: 'solver tier KEY_LITTLE_GIANT', e: firm({ tier: 'KEY_LITTLE_GIANT' }), l: challenge(), code: 'CHALLENGE.SOLVER_TIER', points: 10 },
  { name: 'solver tier NONE', e: firm({ tier: 'NONE' }), l: challenge(), code: 'CHALLENGE.SOLVER_TIER', points: 0 },
  { name: 'challenge industry by division', e: firm(), l: challenge(), code: 'CHALLENGE.INDUSTRY', points: 12 },
  { name: 'challenge industry any', e: firm(), l: challenge({ industryCodes: [] }), code: 'CHALLENGE.INDUSTRY', points: 6 },
  { name: 'challenge region exact', e: firm(), l: challenge({ regionCodes: ['330211'] }), code: 'CHALLENGE.REGION', points: 5 },
  { name: 'applyBy today → no time left', e: firm(), l: challenge({ applyBy: TODAY }), code: 'CHALLENGE.TIME_LEFT', points: 0, label: '距揭榜截止 0 天（2026-03-15）' },
  { name: '7 days left → half', e: firm(), l: challenge({ applyBy: '2026-03-22' }), code: 'CHALLENGE.TIME_LEFT', points: 2.5 },
  { name: '46 days left → full', e: firm(), l: challenge(), code: 'CHALLENGE.TIME_LEFT', points: 5 },

  // ---- vacancies
  { name: 'area at the midpoint', e: firm(), l: vacancy(), code: 'VACANCY.AREA_FIT', points: 35, label: '面积 750 ㎡ 在需求 500–1000 ㎡ 内' },
  { name: 'area at the minimum edge', e: firm(), l: vacancy({ areaSqm: 500 }), code: 'VACANCY.AREA_FIT', points: 17.5 },
  { name: 'area at the maximum edge', e: firm(), l: vacancy({ areaSqm: 1_000 }), code: 'VACANCY.AREA_FIT', points: 17.5 },
  {
    name: 'exact area need',
    e: firm({ spaceNeed: { minAreaSqm: 600, maxAreaSqm: 600, regionCodes: ['330200'], maxRentPerSqmDay: 1.5 } }),
    l: vacancy({ areaSqm: 600 }),
    code: 'VACANCY.AREA_FIT',
    points: 35,
  },
  { name: 'rent at the ceiling', e: firm(), l: vacancy({ rentPerSqmDay: 1.5 }), code: 'VACANCY.RENT', points: 10, label: '租金 1.5 元/㎡·天 ≤ 企业上限 1.5 元' },
  { name: 'rent at half the ceiling', e: firm(), l: vacancy({ rentPerSqmDay: 0.75 }), code: 'VACANCY.RENT', points: 25 },
  { name: 'rent 1.2 of 1.5', e: firm(), l: vacancy(), code: 'VACANCY.RENT', points: 16 },
  {
    name: 'no rent ceiling',
    e: firm({ spaceNeed: { minAreaSqm: 500, maxAreaSqm: 1_000, regionCodes: ['330200'] } }),
    l: vacancy(),
    code: 'VACANCY.RENT',
    points: 12.5,
    label: '租金 1.2 元/㎡·天（企业未设上限）',
  },
  { name: 'park industry by division', e: firm(), l: vacancy(), code: 'VACANCY.PARK_INDUSTRY', points: 20, label: '园区主导产业 通用设备制造业、专用设备制造业：企业行业「通用设备制造业」相符' },
  { name: 'park industry exact', e: firm(), l: vacancy({ parkIndustries: ['C3484'] }), code: 'VACANCY.PARK_INDUSTRY', points: 25 },
  { name: 'park industry mismatch (soft)', e: firm(), l: vacancy({ parkIndustries: ['C26'] }), code: 'VACANCY.PARK_INDUSTRY', points: 0, label: /不在「化学原料和化学制品制造业」范围内/ },
  { name: 'park without leading industries', e: firm(), l: vacancy({ parkIndustries: [] }), code: 'VACANCY.PARK_INDUSTRY', points: 10 },
  { name: 'park region by city', e: firm(), l: vacancy(), code: 'VACANCY.REGION', points: 12, label: '园区地区镇海区属于宁波市（企业意向区域：宁波市）' },
  {
    name: 'park region exact',
    e: firm({ spaceNeed: { minAreaSqm: 500, maxAreaSqm: 1_000, regionCodes: ['330211'], maxRentPerSqmDay: 1.5 } }),
    l: vacancy(),
    code: 'VACANCY.REGION',
    points: 15,
  },
  {
    name: 'firm accepts any region',
    e: firm({ spaceNeed: { minAreaSqm: 500, maxAreaSqm: 1_000, regionCodes: [], maxRentPerSqmDay: 1.5 } }),
    l: vacancy(),
    code: 'VACANCY.REGION',
    points: 7.5,
  },
];

describe('soft factors', () => {
  it.each(CASES.map((c) => [`${c.code}: ${c.name}`, c] as const))('%s', (_name, c) => {
    const result = scoreMatch(c.e, c.l, { today: TODAY });
    const r = reason(result, c.code);
    expect(Math.abs(r.contribution - c.points)).toBeLessThanOrEqual(0.1 + 1e-9);
    if (typeof c.label === 'string') expect(r.label).toBe(c.label);
    else if (c.label) expect(r.label).toMatch(c.label);
    expectConsistent(result);
  });

  it('the neutral firm against each default listing (whole-score snapshots)', () => {
    expect(scored(scoreMatch(firm(), credit(), { today: TODAY })).score).toBe(94.1);
    expect(scored(scoreMatch(firm(), service(), { today: TODAY })).score).toBe(70.5);
    expect(scored(scoreMatch(firm(), vacancy(), { today: TODAY })).score).toBe(83);
  });

  it('a perfect credit fit scores exactly 100', () => {
    const r = scored(scoreMatch(firm(), open({ regionCodes: ['330211'], industryCodes: ['C3484'], annualRateMin: 2, annualRateMax: 3 }), { today: TODAY }));
    expect(r.score).toBe(100);
    expect(r.reasons.map((x) => x.contribution)).toEqual([30, 20, 10, 20, 10, 5, 5]);
  });

  it('reasons follow the weight order and have one reason per factor', () => {
    const r = scored(scoreMatch(firm(), challenge(), { today: TODAY }));
    expect(r.reasons.map((x) => x.code)).toEqual(Object.keys(WEIGHTS.CHALLENGE).map((k) => `CHALLENGE.${k}`));
  });

  it('a real TierOutcome[] from libs/tiers feeds gap detection', () => {
    const outcomes = evaluateTiers(MIIT_2022, SAMPLE_FACTS.innovativeOnly);
    const r = scored(scoreMatch(firm({ latestAssessments: outcomes }), service({ category: 'TECH_INNOVATION' }), { today: TODAY }));
    expect(r.reasons.find((x) => x.code === 'SERVICE.TIER_GAP')).toBeDefined();
    expectConsistent(r);
  });
});

describe('criterion code → service category', () => {
  it.each([
    ['A1.IP', 'INTELLECTUAL_PROPERTY'],
    ['A2.IND.IP', 'INTELLECTUAL_PROPERTY'],
    ['A2.IND.DIGITAL', 'DIGITAL_TRANSFORMATION'],
    ['A1.RD_RATIO', 'TECH_INNOVATION'],
    ['A2.IND.RD', 'TECH_INNOVATION'],
    ['A2.COND.RD', 'TECH_INNOVATION'],
    ['A2.IND.RD_STAFF', 'TECH_INNOVATION'],
    ['A2.IND.RD_INSTITUTION', 'TECH_INNOVATION'],
    ['A3.RD_INTENSITY', 'TECH_INNOVATION'],
    ['A3.INNOVATION', 'TECH_INNOVATION'],
    ['A1.MIN.INNOVATION', 'TECH_INNOVATION'],
    ['B1.RD', 'TECH_INNOVATION'],
    ['A2.IND.QUALITY', 'TESTING_CERTIFICATION'],
    ['B1.MARKET', 'MARKET_EXPANSION'],
    ['A2.IND.MAIN_SHARE', 'MARKET_EXPANSION'],
    ['A1.GROWTH', 'MARKET_EXPANSION'],
    ['B1.REVENUE', 'MARKET_EXPANSION'],
    ['A1.DEBT', 'FINANCING_ADVISORY'],
    ['A2.IND.NET_MARGIN', 'FINANCING_ADVISORY'],
    ['A3.REFINEMENT', 'MANAGEMENT_CONSULTING'],
    ['A2.SCORE', undefined],
    ['A1.PATH.DIRECT', undefined],
    ['A2.IND.FIELD', undefined],
    ['A2.COND.SCORE_OR_DIRECT', undefined],
  ])('%s → %s', (code, category) => {
    expect(gapCategory(code)).toBe(category);
  });
});

describe('rounding', () => {
  it('largest remainders: four × 1.25 → 1.3, 1.3, 1.2, 1.2 = 5.0', () => {
    const raw = [1.25, 1.25, 1.25, 1.25].map((points, i) => ({ code: `F${i}`, label: '', points }));
    const r = scored(finalize(raw));
    expect(r.score).toBe(5);
    expect(r.reasons.map((x) => x.contribution)).toEqual([1.3, 1.3, 1.2, 1.2]);
  });

  it('two × 0.05 → 0.1 and 0', () => {
    const r = scored(finalize([{ code: 'a', label: '', points: 0.05 }, { code: 'b', label: '', points: 0.05 }]));
    expect(r.score).toBe(0.1);
    expect(r.reasons.map((x) => x.contribution)).toEqual([0.1, 0]);
  });
});

describe('gap labels', () => {
  it('name at most three gaps and count all of them', () => {
    const criteria = ['A1.RD_RATIO', 'A2.IND.RD', 'A2.IND.RD_STAFF', 'A2.IND.RD_INSTITUTION'].map((code) => ({ code, status: 'UNMET' as const }));
    const r = scoreMatch(firm({ latestAssessments: [{ tier: 'SPECIALIZED_SME', eligible: false, criteria }] }), service({ category: 'TECH_INNOVATION' }), {
      today: TODAY,
    });
    expect(reason(r, 'SERVICE.TIER_GAP').label).toBe(
      '梯度测评缺口 4 项可由「技术创新」补足：专精特新中小企业 A1.RD_RATIO；专精特新中小企业 A2.IND.RD；专精特新中小企业 A2.IND.RD_STAFF 等 未达标',
    );
  });
});
