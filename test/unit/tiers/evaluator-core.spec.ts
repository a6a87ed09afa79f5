/**
 * Evaluator semantics shared by every tier: unknown facts, missing data, display strings,
 * validity dates, the public index, the samples and the integrity of the rule data itself.
 */
import { describe, it, expect } from '@jest/globals';

import {
  DEFAULT_RULE_SET_ID,
  EVALUATOR_VERSION,
  MIIT_2022,
  RULE_SETS,
  SAMPLE_FACTS,
  evaluate,
  evaluateTiers,
  metricValue,
  tierExpiresOn,
  titleValidOn,
  type EnterpriseFacts,
  type Rule,
} from '../../../libs/tiers/src/index.js';
import { formatValue } from '../../../libs/tiers/src/format.js';
import { NEUTRAL, a1, a2, crit, failing, littleGiant, makeFacts, specialized } from './tier-test-kit.js';

describe('unknown facts are UNKNOWN, never silently 0 points', () => {
  it('a blank net profit: UNKNOWN, no points, and the score could still reach 60 → UNDETERMINED', () => {
    const o = a2(specialized({ years: { 2025: { netProfit: undefined } } }));
    expect(crit(o, 'A2.IND.NET_MARGIN')).toMatchObject({ status: 'UNKNOWN', maxPoints: 10 });
    expect(crit(o, 'A2.IND.NET_MARGIN')).not.toHaveProperty('points');
    expect(crit(o, 'A2.IND.NET_MARGIN')).not.toHaveProperty('actual');
    // DOMAIN.md §8.5: the 15 特色化 points are unknown too (was: 10 more at most, net profit only).
    expect(crit(o, 'A2.SCORE')).toMatchObject({ status: 'UNKNOWN', actual: '58分（未知项最多可再得25分）' });
    expect(o).toMatchObject({ score: 58, verdict: 'UNDETERMINED', eligible: false, missingData: ['financials[2025].netProfit', 'localIndicators'] });
  });

  it('a blank net profit that cannot matter: still listed, verdict settled', () => {
    const o = a2(littleGiant({ years: { 2025: { netProfit: undefined } } }));
    expect(o).toMatchObject({ score: 73, verdict: 'ELIGIBLE', passedBy: 'SCORE', missingData: ['financials[2025].netProfit'] });
    const low = a2(failing({ years: { 2025: { netProfit: undefined } } }));
    expect(low).toMatchObject({ verdict: 'NOT_ELIGIBLE', missingData: ['financials[2025].netProfit'] });
  });

  it('a missing year names the year once, however many criteria need it', () => {
    const o = a2(specialized({ years: { 2025: null } }));
    expect(o.missingData).toEqual(['financials[2025]', 'localIndicators']); // §8.5: the open score needs the 特色化 points too
    expect(crit(o, 'A2.COND.RD_EXPENSE').status).toBe('UNKNOWN');
    expect(o.verdict).toBe('UNDETERMINED');
  });

  it('2-year averages need the year before last', () => {
    const o = a2(specialized({ years: { 2023: null } }));
    expect(crit(o, 'A2.IND.GROWTH')).toMatchObject({ status: 'UNKNOWN' });
    expect(crit(o, 'A2.IND.GROWTH')).not.toHaveProperty('points');
    expect(o.missingData).toEqual(['financials[2023]', 'localIndicators']); // §8.5
  });

  it('unstated high-value / self-developed counts bound the IP class: at least Ⅰ类', () => {
    const o = a1(makeFacts({ ip: { inventionPatents: 3, highValueInventionPatents: undefined, selfDevelopedInventionPatents: undefined } }));
    const c = crit(o, 'A1.IP');
    expect(c).toMatchObject({ status: 'UNKNOWN', points: 10, maxPoints: 20, actual: '至少Ⅰ类' });
    expect(c.note).toContain('已知至少10分，补充数据后最多可得20分');
    expect(o.score).toBe(80);
    expect(o.missingData).toEqual(['ip.highValueInventionPatents', 'ip.selfDevelopedInventionPatents']);
    expect(o.verdict).toBe('ELIGIBLE');
  });

  it('no Ⅰ类 at all settles the IP class even with blank sub-counts', () => {
    const o = a1(makeFacts({ ip: { inventionPatents: 0, utilityModels: 2, highValueInventionPatents: undefined, selfDevelopedInventionPatents: undefined } }));
    expect(crit(o, 'A1.IP')).toMatchObject({ status: 'MET', points: 5, actual: 'Ⅱ类' });
  });

  it('an unstated direct condition keeps a low-scoring firm UNDETERMINED', () => {
    const o = a1(failing({ honours: undefined }));
    expect(crit(o, 'A1.DIRECT.HONOUR')).toMatchObject({ status: 'UNKNOWN' });
    expect(crit(o, 'A1.DIRECT.HONOUR')).not.toHaveProperty('actual');
    expect(o).toMatchObject({ score: 5, verdict: 'UNDETERMINED', missingData: ['honours'] });
  });

  it('equity known for one year only: enough when that year alone reaches the bar', () => {
    const enough = a1(failing({ years: { 2024: { equityFinancing: undefined }, 2025: { equityFinancing: 6_000_000 } } }));
    expect(crit(enough, 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'MET', actual: '至少600万元' });
    expect(enough).toMatchObject({ verdict: 'ELIGIBLE', passedBy: 'DIRECT', missingData: [] });
    const open = a1(failing({ years: { 2024: { equityFinancing: undefined }, 2025: { equityFinancing: 1_000_000 } } }));
    expect(crit(open, 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'UNKNOWN', actual: '至少100万元' });
    expect(open).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['financials[2024].equityFinancing'] });
  });

  it('an unknown category minimum decides nothing until settled', () => {
    // Growth band 0–5 % = 5; debt unknown could add 10 → 成长性 between 5 and 15.
    const o = a1(makeFacts({ years: { 2024: { mainBusinessRevenue: 16_000_000 }, 2025: { totalAssets: undefined } } }));
    expect(crit(o, 'A1.GROWTH').points).toBe(5);
    expect(crit(o, 'A1.DEBT')).toMatchObject({ status: 'UNKNOWN' });
    expect(crit(o, 'A1.DEBT')).not.toHaveProperty('points');
    expect(crit(o, 'A1.MIN.GROWTH')).toMatchObject({ status: 'UNKNOWN', actual: '5分（未知项最多可再得10分）' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['financials[2025].totalAssets'] });
  });

  it('quality left blank is UNKNOWN; an empty quality block is 0 points', () => {
    expect(crit(a2(specialized({ quality: null })), 'A2.IND.QUALITY')).toMatchObject({ status: 'UNKNOWN' });
    expect(crit(a2(specialized({ quality: {} })), 'A2.IND.QUALITY')).toMatchObject({ status: 'UNMET', points: 0 });
  });

  it('SME size: ≥4亿元 revenue with blank headcount is UNKNOWN', () => {
    const o = a1(makeFacts({ years: { 2025: { revenue: 400_000_000, mainBusinessRevenue: 380_000_000, rdExpense: 20_000_000, employees: undefined } } }));
    expect(crit(o, 'A1.PATH.SCORE').status).toBe('MET');
    expect(crit(o, 'A1.SME')).toMatchObject({ status: 'UNKNOWN', actual: '工业：营业收入40,000万元' });
    expect(o.missingData).toContain('financials[2025].employees');
    expect(o.verdict).toBe('UNDETERMINED');
  });
});

describe('display strings', () => {
  it.each([
    [123_456_789, 'yuan', '12,345.68万元'],
    [1_000_000_000, 'yuan', '100,000万元'],
    [-0.134, 'ratio', '-13.4%'],
    [-0.00001, 'ratio', '0%'],
    [12.5, 'percent', '12.5%'],
    [9, 'years', '9年'],
    [3, 'items', '3件'],
    [72, 'points', '72分'],
  ] as const)('formatValue(%p, %s) = %s', (value, unit, text) => {
    expect(formatValue(value, unit)).toBe(text);
  });

  it.each([
    [{ 2025: { rdExpense: 840_000 } }, 'A1.RD_RATIO', '4.2%'],
    [{ 2025: { rdExpense: 1_234_567 } }, 'A1.RD_RATIO', '6.17%'],
  ])('R&D ratio %#', (years, code, actual) => {
    expect(crit(a1(makeFacts({ years })), code).actual).toBe(actual);
  });

  it('adds decimals only where rounding would cross the threshold', () => {
    expect(crit(a2(specialized({ years: { 2025: { rdExpense: 999_999 } } })), 'A2.COND.RD_EXPENSE').actual).toBe('99.9999万元');
    expect(crit(a2(specialized({ years: { 2025: { rdExpense: 1_234_567 } } })), 'A2.COND.RD_EXPENSE').actual).toBe('123.46万元');
  });

  it('uses Chinese units for money, ratios, years, items and levels', () => {
    const o = a2(SAMPLE_FACTS.specialized);
    expect(crit(o, 'A2.COND.REVENUE.AMOUNT')).toMatchObject({ actual: '6,000万元', required: '≥1,000万元' });
    expect(crit(o, 'A2.COND.NICHE_YEARS')).toMatchObject({ actual: '9年', required: '≥2年' });
    expect(crit(o, 'A2.IND.RD_INSTITUTION')).toMatchObject({ actual: '市级', required: '国家级:10分；省级:8分；市级:4分；市级以下:2分；其他:0分' });
    expect(crit(o, 'A2.IND.DIGITAL').required).toBe('三级及以上:5分；二级:3分；其他:0分');
    expect(crit(a1(NEUTRAL), 'A1.DIRECT.RD_INSTITUTION')).toMatchObject({ actual: '无', required: '省级及以上' });
    expect(crit(a1(failing({ honours: ['HIGH_TECH_ENTERPRISE', 'IP_DEMO'] })), 'A1.DIRECT.HONOUR').actual).toBe('是（高新技术企业、知识产权示范企业）');
    expect(crit(a1(failing({ awards: [{ level: 'PROVINCIAL', year: 2024, rank: 2 }] })), 'A1.DIRECT.AWARD').actual).toBe('是（2024年省级科技奖励）');
  });
});

describe('title validity', () => {
  it.each([
    ['2023-07-01', '2026-07-01'],
    ['2024-02-29', '2027-02-28'],
    ['2021-12-31', '2024-12-31'],
  ])('certified %s expires on %s', (on, expires) => {
    expect(tierExpiresOn(on)).toBe(expires);
  });

  it('a title is valid before its expiry date only', () => {
    expect(titleValidOn('2023-07-01', '2026-06-30')).toBe(true);
    expect(titleValidOn('2023-07-01', '2026-07-01')).toBe(false);
  });

  it('rejects a non-date', () => {
    expect(() => tierExpiresOn('July 2023')).toThrow(RangeError);
  });
});

describe('public index', () => {
  it('exposes both rule sets by id, the default and the versions', () => {
    expect(Object.keys(RULE_SETS)).toEqual(['MIIT-2022', 'MIIT-2026']);
    expect(DEFAULT_RULE_SET_ID).toBe('MIIT-2022');
    expect(RULE_SETS['MIIT-2022']).toMatchObject({ id: 'MIIT-2022', version: '1.0.0' });
    expect(RULE_SETS['MIIT-2026']).toMatchObject({ id: 'MIIT-2026', version: '1.0.0', effectiveFrom: '2026-04-01' });
    expect(EVALUATOR_VERSION).toBe('2.0.0');
    expect(evaluate).toBe(evaluateTiers);
  });

  it('returns one outcome per tier in rule-set order, tagged with the rule set', () => {
    for (const rs of Object.values(RULE_SETS)) {
      const outcomes = evaluateTiers(rs, NEUTRAL);
      expect(outcomes.map((o) => [o.tier, o.ruleSet])).toEqual([
        ['INNOVATIVE_SME', rs.id],
        ['SPECIALIZED_SME', rs.id],
        ['LITTLE_GIANT', rs.id],
      ]);
    }
  });

  it('reads metrics as plain values; partly known values read as undefined', () => {
    expect(metricValue('rdRatioPriorYear', SAMPLE_FACTS.specialized)).toBeCloseTo(0.055, 12);
    expect(metricValue('yearsInNiche', SAMPLE_FACTS.specialized)).toBe(9);
    expect(metricValue('ipClassLevel', makeFacts({ ip: { inventionPatents: 2, highValueInventionPatents: undefined } }))).toBeUndefined();
    expect(metricValue('qualifyingHonour', makeFacts({ honours: undefined }))).toBeUndefined();
  });

  it('is pure: frozen facts are accepted and results repeat exactly', () => {
    const deepFreeze = <T>(o: T): T => {
      if (o && typeof o === 'object') {
        Object.values(o).forEach(deepFreeze);
        Object.freeze(o);
      }
      return o;
    };
    const facts = deepFreeze(structuredClone(SAMPLE_FACTS.littleGiant)) as EnterpriseFacts;
    for (const rs of Object.values(RULE_SETS)) expect(evaluateTiers(rs, facts)).toEqual(evaluateTiers(rs, facts));
  });
});

describe('named samples land where their names say', () => {
  const verdicts = (f: EnterpriseFacts) =>
    Object.fromEntries(Object.values(RULE_SETS).map((rs) => [rs.id, evaluateTiers(rs, f).map((o) => o.verdict)]));

  it.each([
    ['innovativeOnly', ['ELIGIBLE', 'NOT_ELIGIBLE', 'NOT_ELIGIBLE']],
    ['specialized', ['ELIGIBLE', 'ELIGIBLE', 'NOT_ELIGIBLE']],
    ['littleGiant', ['ELIGIBLE', 'ELIGIBLE', 'ELIGIBLE']],
    ['failing', ['NOT_ELIGIBLE', 'NOT_ELIGIBLE', 'NOT_ELIGIBLE']],
  ] as const)('%s', (name, expected) => {
    const f = SAMPLE_FACTS[name];
    expect(verdicts(f)).toEqual({ 'MIIT-2022': expected, 'MIIT-2026': expected });
    for (const rs of Object.values(RULE_SETS)) for (const o of evaluateTiers(rs, f)) expect(o.missingData).toEqual([]);
  });
});

describe('rule data integrity', () => {
  const walk = (r: Rule, out: Rule[] = []): Rule[] => {
    out.push(r);
    if (r.kind === 'allOf' || r.kind === 'anyOf') r.items.forEach((i) => walk(i, out));
    if (r.kind === 'switch') r.cases.forEach((c) => walk(c.then, out));
    if (r.kind === 'threshold') r.exemptions?.forEach((e) => walk(e.when, out));
    return out;
  };

  for (const rs of Object.values(RULE_SETS)) {
    for (const tier of rs.tiers) {
      it(`${rs.id} ${tier.tier}: points add up and codes are unique`, () => {
        if (tier.table) {
          const { categories, indicators, maxScore } = tier.table;
          expect(categories.reduce((s, c) => s + c.maxPoints, 0)).toBe(maxScore);
          for (const cat of categories) {
            expect(indicators.filter((i) => i.category === cat.id).reduce((s, i) => s + i.maxPoints, 0)).toBe(cat.maxPoints);
          }
          for (const ind of indicators) {
            const tables = ind.kind === 'bands' ? [ind.bands] : ind.kind === 'bestOf' ? ind.options.map((o) => o.bands) : [];
            for (const bands of tables) expect(Math.max(...bands.map((b) => b.points))).toBe(ind.maxPoints);
          }
        }
        const codes = [...(tier.table?.indicators ?? []), ...walk(tier.requires)]
          .filter((r) => 'code' in r && r.code && !(r.kind === 'threshold' && r.modes?.includes('REVIEW')))
          .map((r) => (r as { code: string }).code);
        expect(new Set(codes).size).toBe(codes.length);
      });
    }
  }

  it('records the boundary rule once, on the rule set', () => {
    expect(MIIT_2022.boundaryNote).toContain('较高一档');
    expect(RULE_SETS['MIIT-2026'].boundaryNote).toBe(MIIT_2022.boundaryNote);
  });
});
