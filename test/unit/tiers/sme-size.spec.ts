/**
 * 中小企业划型 by industry (DOMAIN.md §8.6): 《中小企业划型标准规定》（工信部联企业〔2011〕300号）第四条.
 * Every ceiling is tested on both sides: "X以下" excludes X (the text pairs it with "X及以上", §8.1).
 */
import { describe, expect, it } from '@jest/globals';

import {
  MIIT_2022,
  MIIT_2026,
  SME_SIZE_CLASSES,
  describeSmeCeilings,
  evaluateTiers,
  judgeSmeSize,
  smeSizeClassOf,
  type SmeSizeClassId,
  type SmeSizeField,
} from '../../../libs/tiers/src/index.js';
import { a1, crit, makeFacts } from './tier-test-kit.js';

const WAN = 10_000;

describe('industry code → 划型 industry (第三条)', () => {
  it.each<[string, SmeSizeClassId]>([
    ['A01', 'AGRICULTURE'],
    ['A0511', 'AGRICULTURE'],
    ['B06', 'INDUSTRY'],
    ['C34', 'INDUSTRY'],
    ['C3484', 'INDUSTRY'],
    ['D44', 'INDUSTRY'],
    ['E47', 'CONSTRUCTION'],
    ['F51', 'WHOLESALE'],
    ['F5211', 'RETAIL'],
    ['G53', 'OTHER'], // 交通运输业"不含铁路运输业"
    ['G54', 'TRANSPORT'],
    ['G58', 'TRANSPORT'],
    ['G59', 'WAREHOUSING'],
    ['G60', 'POSTAL'],
    ['H61', 'ACCOMMODATION'],
    ['H62', 'CATERING'],
    ['I63', 'INFO_TRANSMISSION'],
    ['I64', 'INFO_TRANSMISSION'],
    ['I65', 'SOFTWARE_IT'],
    ['I6511', 'SOFTWARE_IT'],
    ['J66', 'OTHER'], // 金融业 is not named
    ['K70', 'OTHER'], // 房地产业 without its 中类: neither 开发经营 nor 物业管理
    ['K701', 'REAL_ESTATE_DEVELOPMENT'],
    ['K7010', 'REAL_ESTATE_DEVELOPMENT'],
    ['K702', 'PROPERTY_MANAGEMENT'],
    ['L71', 'LEASING_BUSINESS'],
    ['L72', 'LEASING_BUSINESS'],
    ['M73', 'OTHER'],
    ['R86', 'OTHER'],
    [' i65 ', 'SOFTWARE_IT'],
  ])('%s → %s', (code, id) => {
    expect(smeSizeClassOf(code).id).toBe(id);
  });
});

/** The ceilings of 第四条 (中小微型 upper bounds), as read from the text. */
const CEILINGS: Array<[SmeSizeClassId, Partial<Record<SmeSizeField, number>>]> = [
  ['AGRICULTURE', { revenue: 20_000 * WAN }],
  ['INDUSTRY', { employees: 1000, revenue: 40_000 * WAN }],
  ['CONSTRUCTION', { revenue: 80_000 * WAN, totalAssets: 80_000 * WAN }],
  ['WHOLESALE', { employees: 200, revenue: 40_000 * WAN }],
  ['RETAIL', { employees: 300, revenue: 20_000 * WAN }],
  ['TRANSPORT', { employees: 1000, revenue: 30_000 * WAN }],
  ['WAREHOUSING', { employees: 200, revenue: 30_000 * WAN }],
  ['POSTAL', { employees: 1000, revenue: 30_000 * WAN }],
  ['ACCOMMODATION', { employees: 300, revenue: 10_000 * WAN }],
  ['CATERING', { employees: 300, revenue: 10_000 * WAN }],
  ['INFO_TRANSMISSION', { employees: 2000, revenue: 100_000 * WAN }],
  ['SOFTWARE_IT', { employees: 300, revenue: 10_000 * WAN }],
  ['REAL_ESTATE_DEVELOPMENT', { revenue: 200_000 * WAN, totalAssets: 10_000 * WAN }],
  ['PROPERTY_MANAGEMENT', { employees: 1000, revenue: 5_000 * WAN }],
  ['LEASING_BUSINESS', { employees: 300, totalAssets: 120_000 * WAN }],
  ['OTHER', { employees: 300 }],
];

describe('第四条 ceilings, both sides of every edge', () => {
  it('the data holds exactly the text\'s ceilings', () => {
    expect(Object.fromEntries(Object.values(SME_SIZE_CLASSES).map((c) => [c.id, c.below]))).toEqual(Object.fromEntries(CEILINGS));
  });

  const cases = CEILINGS.flatMap(([id, below]) => {
    const fields = Object.keys(below) as SmeSizeField[];
    const atCeiling = Object.fromEntries(fields.map((f) => [f, below[f]!])) as Record<SmeSizeField, number>;
    return [
      [id, 'every figure exactly on its ceiling ("以下" excludes it)', atCeiling, false] as const,
      ...fields.map((f) => [id, `${f} one below its ceiling, the others on theirs`, { ...atCeiling, [f]: below[f]! - 1 }, true] as const),
    ];
  });
  it.each(cases)('%s: %s → SME %s', (id, _what, figures, sme) => {
    expect(judgeSmeSize(SME_SIZE_CLASSES[id], figures).sme).toBe(sme);
  });

  it('a blank figure leaves it open only while the known ones are at or above their ceilings', () => {
    const software = SME_SIZE_CLASSES.SOFTWARE_IT;
    const open = judgeSmeSize(software, { revenue: 12_000 * WAN });
    expect(open.sme).toBeUndefined();
    expect(open.blank).toEqual(['employees']);
    expect(judgeSmeSize(software, { revenue: 9_999 * WAN })).toMatchObject({ sme: true, blank: [] });
  });

  it('words the ceilings as the text does', () => {
    expect(describeSmeCeilings(SME_SIZE_CLASSES.SOFTWARE_IT)).toBe('从业人员300人以下或营业收入10,000万元以下');
    expect(describeSmeCeilings(SME_SIZE_CLASSES.LEASING_BUSINESS)).toBe('从业人员300人以下或资产总额120,000万元以下');
  });
});

describe('every rule set sizes the firm by its industry', () => {
  /** The software firm of issue 15: 350 staff, 1.2亿元 revenue. */
  const software = (patch = {}) =>
    makeFacts({ industryCode: 'I65', years: { 2025: { employees: 350, revenue: 120_000_000, mainBusinessRevenue: 100_000_000, rdExpense: 8_000_000 } }, ...patch });

  it.each([
    ['MIIT-2022', MIIT_2022],
    ['MIIT-2026', MIIT_2026],
  ])('%s: the software firm with 350 staff and 1.2亿元 is not an SME in any tier', (_id, rs) => {
    const outcomes = evaluateTiers(rs, software());
    expect(outcomes).toHaveLength(3);
    for (const o of outcomes) {
      expect(o.criteria.find((c) => c.code.endsWith('.SME'))?.status).toBe('UNMET');
      expect(o.verdict).toBe('NOT_ELIGIBLE');
    }
  });

  it.each([
    ['I65', 350, 120_000_000, 'UNMET', '否（软件和信息技术服务业：从业人员350人，营业收入12,000万元）'],
    ['I65', 299, 120_000_000, 'MET', '是（软件和信息技术服务业：从业人员299人，营业收入12,000万元）'],
    ['I65', 350, 99_999_999, 'MET', undefined],
    ['C39', 350, 120_000_000, 'MET', '是（工业：从业人员350人，营业收入12,000万元）'],
    ['M73', 300, 1_000_000, 'UNMET', '否（其他未列明行业：从业人员300人）'],
    ['M73', 299, 900_000_000, 'MET', '是（其他未列明行业：从业人员299人）'],
  ])('%s with %d staff and %d yuan → %s', (industryCode, employees, revenue, status, actual) => {
    const c = crit(a1(software({ industryCode, years: { 2025: { employees, revenue, mainBusinessRevenue: revenue * 0.8, rdExpense: revenue * 0.05 } } })), 'A1.SME');
    expect(c.status).toBe(status);
    if (actual) expect(c.actual).toBe(actual);
    expect(c.note).toContain('工信部联企业〔2011〕300号');
    expect(c.note).not.toMatch(/DOMAIN|\.md|\.ts/);
  });

  it('construction uses 资产总额; blank assets with revenue at the ceiling stay open and are named', () => {
    const o = a1(makeFacts({ industryCode: 'E48', years: { 2025: { employees: 5000, revenue: 800_000_000, mainBusinessRevenue: 700_000_000, rdExpense: 40_000_000, totalAssets: undefined } } }));
    expect(crit(o, 'A1.SME').status).toBe('UNKNOWN');
    expect(o.missingData).toContain('financials[2025].totalAssets');
  });

  it('no industry code: the SME criterion is UNKNOWN and asks for it', () => {
    const o = a1(makeFacts({ industryCode: undefined }));
    expect(crit(o, 'A1.SME').status).toBe('UNKNOWN');
    expect(o.missingData).toContain('industryCode');
  });
});
