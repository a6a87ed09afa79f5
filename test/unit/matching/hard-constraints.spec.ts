/** Every hard constraint at its edge, both sides: just inside scores, just outside is excluded with its code. */
import { describe, it, expect } from '@jest/globals';

import { scoreMatch, type EnterpriseSide, type ListingSide } from '../../../libs/matching/src/index.js';
import { TODAY, WAN, challenge, credit, excluded, firm, scored, service, vacancy } from './match-test-kit.js';

interface Edge {
  name: string;
  inside: [EnterpriseSide, ListingSide];
  outside: [EnterpriseSide, ListingSide];
  code: string;
  label?: string;
}

const fin = (patch: Partial<NonNullable<EnterpriseSide['latestFinancials']>>) =>
  firm({ latestFinancials: { year: 2025, revenue: 3_000 * WAN, totalAssets: 10_000 * WAN, totalLiabilities: 4_000 * WAN, ...patch } });

const EDGES: Edge[] = [
  // Credit products: the bank's eligibility.
  {
    name: 'credit: tier admitted / not admitted',
    inside: [firm({ tier: 'LITTLE_GIANT' }), credit()],
    outside: [firm({ tier: 'KEY_LITTLE_GIANT' }), credit()],
    code: 'CREDIT.TIER_NOT_ADMITTED',
    label: '企业梯度 重点“小巨人”不属于产品准入梯度（创新型中小企业、专精特新中小企业、专精特新“小巨人”）',
  },
  {
    name: 'credit: revenue exactly the minimum / 1 yuan below',
    inside: [fin({ revenue: 1_000 * WAN }), credit()],
    outside: [fin({ revenue: 1_000 * WAN - 1 }), credit()],
    code: 'CREDIT.REVENUE_BELOW_MIN',
  },
  {
    name: 'credit: revenue unknown when a minimum is set',
    inside: [firm({ latestFinancials: null }), credit({ minAnnualRevenue: null })],
    outside: [firm({ latestFinancials: null }), credit()],
    code: 'CREDIT.REVENUE_UNKNOWN',
  },
  {
    name: 'credit: invention patents exactly the minimum / one fewer',
    inside: [firm({ ip: { inventionPatents: 2, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } }), credit()],
    outside: [firm({ ip: { inventionPatents: 1, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } }), credit()],
    code: 'CREDIT.PATENTS_BELOW_MIN',
    label: '发明专利 1 件 < 产品要求 2 件',
  },
  {
    name: 'credit: years in business on the anniversary / the day before',
    inside: [firm({ foundedOn: '2023-03-15' }), credit()],
    outside: [firm({ foundedOn: '2023-03-16' }), credit()],
    code: 'CREDIT.YEARS_BELOW_MIN',
    label: '成立 2 年 < 产品要求 3 年',
  },
  {
    name: 'credit: debt ratio exactly the maximum / just above',
    inside: [fin({ totalLiabilities: 7_000 * WAN }), credit()],
    outside: [fin({ totalLiabilities: 7_000 * WAN + 1 }), credit()],
    code: 'CREDIT.DEBT_ABOVE_MAX',
  },
  {
    name: 'credit: region covered by the city / another city',
    inside: [firm({ regionCode: '330281' }), credit({ regionCodes: ['330200'] })],
    outside: [firm({ regionCode: '330110' }), credit({ regionCodes: ['330200'] })],
    code: 'REGION_MISMATCH',
  },
  {
    name: 'credit: industry within the division / another division',
    inside: [firm({ industryCode: 'C3499' }), credit({ industryCodes: ['C34'] })],
    outside: [firm({ industryCode: 'C3599' }), credit({ industryCodes: ['C34'] })],
    code: 'INDUSTRY_MISMATCH',
  },
  // Services: listing region and industry.
  {
    name: 'service: region',
    inside: [firm({ regionCode: '330212' }), service({ regionCodes: ['330200'] })],
    outside: [firm({ regionCode: '330113' }), service({ regionCodes: ['330200'] })],
    code: 'REGION_MISMATCH',
  },
  {
    name: 'service: industry section letter',
    inside: [firm({ industryCode: 'C26' }), service({ industryCodes: ['C'] })],
    outside: [firm({ industryCode: 'I65' }), service({ industryCodes: ['C'] })],
    code: 'INDUSTRY_MISMATCH',
  },
  // Challenges: applyBy.
  {
    name: 'challenge: applyBy is today / was yesterday',
    inside: [firm(), challenge({ applyBy: TODAY })],
    outside: [firm(), challenge({ applyBy: '2026-03-14' })],
    code: 'CHALLENGE.PAST_APPLY_BY',
  },
  {
    name: 'challenge: industry',
    inside: [firm(), challenge({ industryCodes: ['C3484'] })],
    outside: [firm(), challenge({ industryCodes: ['C3485'] })],
    code: 'INDUSTRY_MISMATCH',
  },
  // Park vacancies: the firm's space need.
  {
    name: 'vacancy: area at the minimum / just below',
    inside: [firm(), vacancy({ areaSqm: 500 })],
    outside: [firm(), vacancy({ areaSqm: 499.9 })],
    code: 'VACANCY.AREA_OUTSIDE_NEED',
  },
  {
    name: 'vacancy: area at the maximum / just above',
    inside: [firm(), vacancy({ areaSqm: 1_000 })],
    outside: [firm(), vacancy({ areaSqm: 1_000.1 })],
    code: 'VACANCY.AREA_OUTSIDE_NEED',
    label: '面积 1000.1 ㎡ 不在需求 500–1000 ㎡ 内',
  },
  {
    name: 'vacancy: rent at the ceiling / above',
    inside: [firm(), vacancy({ rentPerSqmDay: 1.5 })],
    outside: [firm(), vacancy({ rentPerSqmDay: 1.51 })],
    code: 'VACANCY.RENT_ABOVE_CEILING',
    label: '租金 1.51 元/㎡·天 > 企业上限 1.5 元',
  },
  {
    name: 'vacancy: park region inside / outside the firm’s acceptable regions',
    inside: [firm(), vacancy({ parkRegionCode: '330281' })],
    outside: [firm(), vacancy({ parkRegionCode: '330110' })],
    code: 'VACANCY.REGION_NOT_ACCEPTABLE',
  },
  {
    name: 'vacancy: no space need',
    inside: [firm(), vacancy()],
    outside: [firm({ spaceNeed: null }), vacancy()],
    code: 'VACANCY.NO_SPACE_NEED',
  },
  {
    name: 'vacancy: listing industry restriction',
    inside: [firm(), vacancy({ industryCodes: ['C34'] })],
    outside: [firm(), vacancy({ industryCodes: ['C26'] })],
    code: 'INDUSTRY_MISMATCH',
  },
];

describe('hard constraints at their edges', () => {
  it.each(EDGES.map((e) => [e.name, e] as const))('%s', (_name, edge) => {
    expect(scored(scoreMatch(edge.inside[0], edge.inside[1], { today: TODAY })).score).toBeGreaterThan(0);
    const out = excluded(scoreMatch(edge.outside[0], edge.outside[1], { today: TODAY }));
    expect(out.excludedBy.map((r) => r.code)).toEqual([edge.code]);
    expect(out.excludedBy[0]!.contribution).toBe(0);
    if (edge.label) expect(out.excludedBy[0]!.label).toBe(edge.label);
  });

  it('lists every failed constraint, not just the first', () => {
    const out = excluded(
      scoreMatch(
        firm({ tier: 'NONE', regionCode: '330110', ip: { inventionPatents: 0, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } }),
        credit(),
        { today: TODAY },
      ),
    );
    expect(out.excludedBy.map((r) => r.code)).toEqual(['REGION_MISMATCH', 'CREDIT.TIER_NOT_ADMITTED', 'CREDIT.PATENTS_BELOW_MIN']);
  });

  it('empty listing regions, industries and tiers admit everyone', () => {
    const r = scoreMatch(firm({ tier: 'NONE', regionCode: '110105', industryCode: 'I65' }), credit({ regionCodes: [], industryCodes: [], eligibleTiers: [] }), {
      today: TODAY,
    });
    expect(r.eligible).toBe(true);
  });

  it('a vacancy ignores the firm’s own district (relocation is the point) and uses its space need', () => {
    expect(scoreMatch(firm({ regionCode: '330110' }), vacancy({ regionCodes: ['330211'] }), { today: TODAY }).eligible).toBe(true);
  });

  it('an unknown debt ratio does not exclude but earns no margin', () => {
    const r = scored(scoreMatch(fin({ totalAssets: null }), credit(), { today: TODAY }));
    expect(r.reasons.find((x) => x.code === 'CREDIT.MARGIN.DEBT')).toMatchObject({ contribution: 0, label: '资产负债率未知（产品要求 ≤ 70%）' });
  });

  it('today defaults to the enterprise’s asOf', () => {
    expect(scoreMatch(firm({ asOf: '2026-05-01' }), challenge({ applyBy: '2026-04-30' })).eligible).toBe(false);
    expect(scoreMatch(firm({ asOf: '2026-04-30' }), challenge({ applyBy: '2026-04-30' })).eligible).toBe(true);
  });
});

describe('the IP-pledge journey from the issue', () => {
  it('a product requiring 2 invention patents: a firm with 5 sees it with reasons, a firm with 0 does not', () => {
    const product = credit({ productType: 'IP_PLEDGE', minInventionPatents: 2 });
    const five = scored(scoreMatch(firm(), product, { today: TODAY }));
    expect(five.reasons.map((r) => r.label)).toEqual(
      expect.arrayContaining(['发明专利 5 件 ≥ 产品要求 2 件', '融资需求 500 万元在额度 100–1000 万元内']),
    );
    const none = firm({ ip: { inventionPatents: 0, utilityModels: 9, designPatents: 0, softwareCopyrights: 0, trademarks: 0 } });
    expect(excluded(scoreMatch(none, product, { today: TODAY })).excludedBy).toEqual([
      { code: 'CREDIT.PATENTS_BELOW_MIN', label: '发明专利 0 件 < 产品要求 2 件', contribution: 0 },
    ]);
  });
});
