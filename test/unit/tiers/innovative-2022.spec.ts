/** 创新型中小企业 — 2022 Annex 1 (also the 创新型 standard inside MIIT-2026). */
import { describe, it, expect } from '@jest/globals';

import { MIIT_2026, SAMPLE_INNOVATIVE_ONLY } from '../../../libs/tiers/src/index.js';
import { NEUTRAL, a1, assess, crit, expectPoints, failing, makeFacts, type FactsPatch } from './tier-test-kit.js';

/** Prior-year R&D expense for a ratio of the neutral firm's 20,000,000 revenue. */
const rdRatio = (r: number): FactsPatch => ({ years: { 2025: { rdExpense: Math.round(r * 20_000_000) } } });
/** Main-business growth 2024 → 2025 from a 10,000,000 base. */
const growth = (g: number): FactsPatch => ({
  years: { 2024: { mainBusinessRevenue: 10_000_000 }, 2025: { revenue: 30_000_000, mainBusinessRevenue: Math.round(10_000_000 * (1 + g)) } },
});
const debt = (d: number): FactsPatch => ({ years: { 2025: { totalAssets: 10_000_000, totalLiabilities: Math.round(d * 10_000_000) } } });
const share = (s: number): FactsPatch => ({ years: { 2025: { revenue: 10_000_000, mainBusinessRevenue: Math.round(s * 10_000_000) } } });

describe('MIIT-2022 创新型 point table: every band edge', () => {
  it.each([
    ['Ⅰ类高价值', 20, { inventionPatents: 1, highValueInventionPatents: 1, selfDevelopedInventionPatents: 0 }],
    ['自主研发Ⅰ类', 15, { inventionPatents: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 1 }],
    ['Ⅰ类 (transferred in)', 10, { inventionPatents: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 0 }],
    ['Ⅱ类: utility model only', 5, { inventionPatents: 0, utilityModels: 1, designPatents: 0, softwareCopyrights: 0 }],
    ['Ⅱ类: design patent only', 5, { inventionPatents: 0, utilityModels: 0, designPatents: 1, softwareCopyrights: 0 }],
    ['Ⅱ类: software copyright only', 5, { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 1 }],
    ['trademarks only (excluded)', 0, { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 9 }],
  ] as Array<[string, number, FactsPatch['ip']]>)('① IP %s → %i', (_label, points, ip) => {
    expectPoints(a1(makeFacts({ ip })), 'A1.IP', points);
  });

  it.each([
    [0.05, 20],
    [0.0499, 15],
    [0.03, 15],
    [0.0299, 10],
    [0.02, 10],
    [0.0199, 5],
    [0.01, 5],
    [0.0099, 0],
    [0, 0],
  ])('② R&D ratio %f → %i', (r, points) => {
    expectPoints(a1(makeFacts(rdRatio(r))), 'A1.RD_RATIO', points);
  });

  it.each([
    [0.15, 20],
    [0.1499, 15],
    [0.1, 15],
    [0.0999, 10],
    [0.05, 10],
    [0.0499, 5],
    [0, 5],
    [-0.0001, 0],
  ])('③ main-business growth %f → %i', (g, points) => {
    expectPoints(a1(makeFacts(growth(g))), 'A1.GROWTH', points);
  });

  it.each([
    [0.55, 10],
    [0.5501, 5],
    [0.75, 5],
    [0.7501, 0],
  ])('④ debt ratio %f → %i', (d, points) => {
    expectPoints(a1(makeFacts(debt(d))), 'A1.DEBT', points);
  });

  it.each([
    [true, 10],
    [false, 5],
  ])('⑤ strategic emerging industry %s → %i', (sei, points) => {
    expectPoints(a1(makeFacts({ strategicEmergingIndustry: sei })), 'A1.FIELD', points);
  });

  it.each([
    [0.7, 20],
    [0.6999, 15],
    [0.6, 15],
    [0.5999, 10],
    [0.55, 10],
    [0.5499, 5],
    [0.5, 5],
    [0.4999, 0],
  ])('⑥ main-business share %f → %i', (s, points) => {
    expectPoints(a1(makeFacts(share(s))), 'A1.MAIN_SHARE', points);
  });

  it('notes the boundary rule only when a value sits exactly on a band edge', () => {
    expect(crit(a1(makeFacts(rdRatio(0.03))), 'A1.RD_RATIO').note).toContain('计入措辞包含该数的较高一档');
    expect(crit(a1(makeFacts(rdRatio(0.031))), 'A1.RD_RATIO').note).toBeUndefined();
  });
});

describe('MIIT-2022 创新型 score path: total ≥ 60 and minimum sub-scores', () => {
  /**
   * A firm built from independent knobs: growth sets 2025 main-business revenue from 10,000,000,
   * share sets revenue from it, R&D and debt are ratios of that revenue / 10,000,000 assets.
   */
  const firm = (p: { ip: FactsPatch['ip']; rd: number; g: number; debt: number; sei: boolean; share: number }) => {
    const main = 10_000_000 * (1 + p.g);
    const revenue = main / p.share;
    return makeFacts({
      ip: p.ip,
      strategicEmergingIndustry: p.sei,
      years: {
        2024: { mainBusinessRevenue: 10_000_000, revenue: 12_000_000 },
        2025: { revenue, mainBusinessRevenue: main, rdExpense: p.rd * revenue, totalAssets: 10_000_000, totalLiabilities: p.debt * 10_000_000 },
      },
    });
  };
  const II = { inventionPatents: 0, utilityModels: 1 };
  const I = { inventionPatents: 1, highValueInventionPatents: 0, selfDevelopedInventionPatents: 0 };
  const HV = { inventionPatents: 1, highValueInventionPatents: 1 };

  it.each([
    // label, knobs, [score, 创新能力, 成长性, 专业化], verdict
    ['创新能力 15 < 20 with total 75', { ip: II, rd: 0.02, g: 0.15, debt: 0.5, sei: true, share: 0.7 }, [75, 15, 30, 30], 'NOT_ELIGIBLE'],
    ['创新能力 exactly 20', { ip: I, rd: 0.02, g: 0.15, debt: 0.5, sei: true, share: 0.7 }, [80, 20, 30, 30], 'ELIGIBLE'],
    ['成长性 10 < 15 with total 80', { ip: HV, rd: 0.05, g: 0.01, debt: 0.6, sei: true, share: 0.7 }, [80, 40, 10, 30], 'NOT_ELIGIBLE'],
    ['成长性 exactly 15', { ip: HV, rd: 0.05, g: 0.05, debt: 0.6, sei: true, share: 0.7 }, [85, 40, 15, 30], 'ELIGIBLE'],
    ['专业化 10 < 15 with total 80', { ip: HV, rd: 0.05, g: 0.15, debt: 0.5, sei: false, share: 0.5 }, [80, 40, 30, 10], 'NOT_ELIGIBLE'],
    ['专业化 exactly 15', { ip: HV, rd: 0.05, g: 0.15, debt: 0.5, sei: false, share: 0.55 }, [85, 40, 30, 15], 'ELIGIBLE'],
    ['total 55 < 60 with every minimum met', { ip: I, rd: 0.02, g: 0.05, debt: 0.6, sei: false, share: 0.6 }, [55, 20, 15, 20], 'NOT_ELIGIBLE'],
    ['total exactly 60 with every minimum met', { ip: I, rd: 0.02, g: 0.05, debt: 0.6, sei: false, share: 0.7 }, [60, 20, 15, 25], 'ELIGIBLE'],
  ] as const)('%s', (_label, knobs, [score, inn, gro, spe], verdict) => {
    const o = a1(firm(knobs));
    expect(o.score).toBe(score);
    expect(crit(o, 'A1.MIN.INNOVATION')).toMatchObject({ actual: `${inn}分`, status: inn >= 20 ? 'MET' : 'UNMET' });
    expect(crit(o, 'A1.MIN.GROWTH')).toMatchObject({ actual: `${gro}分`, status: gro >= 15 ? 'MET' : 'UNMET' });
    expect(crit(o, 'A1.MIN.SPECIALIZATION')).toMatchObject({ actual: `${spe}分`, status: spe >= 15 ? 'MET' : 'UNMET' });
    expect(crit(o, 'A1.SCORE').status).toBe(score >= 60 ? 'MET' : 'UNMET');
    expect(crit(o, 'A1.PATH.DIRECT').status).toBe('UNMET');
    expect(o.verdict).toBe(verdict);
    expect(o.passedBy).toBe(verdict === 'ELIGIBLE' ? 'SCORE' : undefined);
  });
});

describe('MIIT-2022 创新型 direct conditions: each alone makes a failing firm pass', () => {
  it('the failing sample scores 5 and meets no condition', () => {
    const o = a1(failing());
    expect(o).toMatchObject({ score: 5, verdict: 'NOT_ELIGIBLE', eligible: false, missingData: [] });
    expect(crit(o, 'A1.PATH.DIRECT')).toMatchObject({ status: 'UNMET', actual: '0/4项满足' });
  });

  it.each([
    ['provincial award, any rank, 2024', { awards: [{ level: 'PROVINCIAL', year: 2024 }] }, 'A1.DIRECT.AWARD', 'ELIGIBLE'],
    // 近3年 (§8.8) on 2026-06-30: dated 2023-06-30 … 2026-06-30.
    ['national award ranked 9th, 2023-06-30 (exactly 36 months)', { awards: [{ level: 'NATIONAL', year: 2023, rank: 9, awardedOn: '2023-06-30' }] }, 'A1.DIRECT.AWARD', 'ELIGIBLE'],
    ['national award, 2023-06-29 (36 months and a day)', { awards: [{ level: 'NATIONAL', year: 2023, rank: 1, awardedOn: '2023-06-29' }] }, 'A1.DIRECT.AWARD', 'NOT_ELIGIBLE'],
    ['award in 2022 (outside 3 years)', { awards: [{ level: 'NATIONAL', year: 2022, rank: 1 }] }, 'A1.DIRECT.AWARD', 'NOT_ELIGIBLE'],
    ['高新技术企业', { honours: ['HIGH_TECH_ENTERPRISE'] }, 'A1.DIRECT.HONOUR', 'ELIGIBLE'],
    ['国家级技术创新示范企业', { honours: ['TECH_INNOVATION_DEMO'] }, 'A1.DIRECT.HONOUR', 'ELIGIBLE'],
    ['知识产权优势企业', { honours: ['IP_ADVANTAGE'] }, 'A1.DIRECT.HONOUR', 'ELIGIBLE'],
    ['知识产权示范企业', { honours: ['IP_DEMO'] }, 'A1.DIRECT.HONOUR', 'ELIGIBLE'],
    ['provincial R&D institution', { rdInstitutionLevel: 'PROVINCIAL' }, 'A1.DIRECT.RD_INSTITUTION', 'ELIGIBLE'],
    ['national R&D institution', { rdInstitutionLevel: 'NATIONAL' }, 'A1.DIRECT.RD_INSTITUTION', 'ELIGIBLE'],
    ['municipal R&D institution', { rdInstitutionLevel: 'MUNICIPAL' }, 'A1.DIRECT.RD_INSTITUTION', 'NOT_ELIGIBLE'],
    ['equity 500万 in 2024–2025', { years: { 2024: { equityFinancing: 2_000_000 }, 2025: { equityFinancing: 3_000_000 } } }, 'A1.DIRECT.EQUITY', 'ELIGIBLE'],
    ['equity 499.9999万', { years: { 2024: { equityFinancing: 1_999_999 }, 2025: { equityFinancing: 3_000_000 } } }, 'A1.DIRECT.EQUITY', 'NOT_ELIGIBLE'],
    ['dated rounds: 200万 on 2023-06-30 + 300万 (exactly 36 months)', { equityRounds: [{ receivedOn: '2023-06-30', amount: 2_000_000 }, { receivedOn: '2025-03-01', amount: 3_000_000 }] }, 'A1.DIRECT.EQUITY', 'ELIGIBLE'],
    ['dated rounds: 200万 on 2023-06-29 + 300万 (one day out)', { equityRounds: [{ receivedOn: '2023-06-29', amount: 2_000_000 }, { receivedOn: '2025-03-01', amount: 3_000_000 }] }, 'A1.DIRECT.EQUITY', 'NOT_ELIGIBLE'],
    ['equity 900万 in 2022 only (outside window)', { years: { 2022: { revenue: 1, mainBusinessRevenue: 1, rdExpense: 0, equityFinancing: 9_000_000 } } }, 'A1.DIRECT.EQUITY', 'NOT_ELIGIBLE'],
  ] as Array<[string, FactsPatch, string, string]>)('%s', (_label, patch, code, verdict) => {
    const o = a1(failing(patch));
    expect(o.score).toBe(5);
    expect(crit(o, code).status).toBe(verdict === 'ELIGIBLE' ? 'MET' : 'UNMET');
    expect(o.verdict).toBe(verdict);
    expect(o.passedBy).toBe(verdict === 'ELIGIBLE' ? 'DIRECT' : undefined);
  });

  it('yearly equity of 2023 (the year the 36 months start in) is open until the rounds are dated', () => {
    const o = a1(failing({ years: { 2023: { equityFinancing: 2_000_000 }, 2025: { equityFinancing: 3_000_000 } } }));
    expect(crit(o, 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'UNKNOWN', actual: '至少300万元' });
    expect(o).toMatchObject({ verdict: 'UNDETERMINED', missingData: ['equityRounds'] });
  });

  it('reports SCORE when both paths pass (score path listed first)', () => {
    const o = a1(makeFacts({ honours: ['HIGH_TECH_ENTERPRISE'] }));
    expect(crit(o, 'A1.PATH.DIRECT').status).toBe('MET');
    expect(o.passedBy).toBe('SCORE');
  });
});

describe('MIIT-2022 创新型 worked example: SAMPLE_INNOVATIVE_ONLY', () => {
  it('scores 95 with every criterion explained', () => {
    const o = a1(SAMPLE_INNOVATIVE_ONLY);
    expect(o).toMatchObject({ tier: 'INNOVATIVE_SME', ruleSet: 'MIIT-2022', eligible: true, verdict: 'ELIGIBLE', passedBy: 'SCORE', score: 95, maxScore: 100, missingData: [] });
    expect(crit(o, 'A1.IP')).toMatchObject({ points: 15, maxPoints: 20, actual: '自主研发Ⅰ类' });
    expect(crit(o, 'A1.RD_RATIO')).toMatchObject({ points: 20, actual: '5%', required: '≥5%:20分；≥3%:15分；≥2%:10分；≥1%:5分；其他:0分' });
    expect(crit(o, 'A1.GROWTH')).toMatchObject({ points: 20, actual: '16.67%' });
    expect(crit(o, 'A1.DEBT')).toMatchObject({ points: 10, actual: '40%' });
    expect(crit(o, 'A1.FIELD')).toMatchObject({ points: 10, actual: '是' });
    expect(crit(o, 'A1.MAIN_SHARE')).toMatchObject({ points: 20, actual: '87.5%' });
    expect(crit(o, 'A1.MIN.INNOVATION')).toMatchObject({ status: 'MET', actual: '35分' });
    expect(crit(o, 'A1.MIN.GROWTH')).toMatchObject({ status: 'MET', actual: '30分' });
    expect(crit(o, 'A1.MIN.SPECIALIZATION')).toMatchObject({ status: 'MET', actual: '30分' });
    expect(crit(o, 'A1.DIRECT.EQUITY')).toMatchObject({ status: 'UNMET', actual: '0万元', required: '≥500万元' });
  });

  it('is the same standard in MIIT-2026 (transition rule)', () => {
    const o = assess(MIIT_2026, 'INNOVATIVE_SME', SAMPLE_INNOVATIVE_ONLY);
    expect(o).toMatchObject({ ruleSet: 'MIIT-2026', verdict: 'ELIGIBLE', score: 95 });
    expect(o.criteria).toEqual(a1(SAMPLE_INNOVATIVE_ONLY).criteria);
  });

  it('the neutral test firm scores 80', () => {
    expect(a1(NEUTRAL)).toMatchObject({ score: 80, verdict: 'ELIGIBLE' });
  });
});
