/**
 * One table per shipped policy (libs/rewards/src/core): both sides of every date edge, first time
 * vs renewal, 就高不重复, the 奉化 1:1 配套, caps and tranches. Expected amounts are written out by
 * hand from the seed texts, never derived from the policy data.
 */
import { describe, expect, it } from '@jest/globals';

import {
  SHIPPED_POLICY_SET,
  amountDue,
  evaluateRewards,
  policySetProblems,
  type ChallengeFact,
  type OrganizationFacts,
  type PaidFact,
  type TitleFact,
  type TitleTier,
} from '../../../libs/rewards/src/core/index.js';

const YUYAO = '330281';
const FENGHUA = '330213';
const HAISHU = '330203';
const CIXI = '330282';
const HANGZHOU = '330106';

const title = (tier: TitleTier, certifiedOn: string): TitleFact => ({ tier, certifiedOn, provenance: { kind: 'CONFIRMED_TITLE', reference: `d-${tier}-${certifiedOn}` } });

function firm(regionCode: string, titles: TitleFact[], extra: Partial<OrganizationFacts> = {}): OrganizationFacts {
  return { organizationId: 'org-1', kind: 'ENTERPRISE', regionCode, titles, ...extra };
}

function owed(facts: OrganizationFacts, asOf: string, policyId: string): number | undefined {
  const e = evaluateRewards(SHIPPED_POLICY_SET, facts, asOf).entitlements.find((x) => x.policyId === policyId);
  return e?.amount;
}

describe('the shipped policy set', () => {
  it('has no problems', () => {
    expect(policySetProblems(SHIPPED_POLICY_SET)).toEqual([]);
  });
});

describe('余姚 小巨人 50万 (余政办发〔2022〕60号 四(一))', () => {
  const P = 'YUYAO-2022-LITTLE-GIANT';
  it.each([
    ['certified the day before the document', '2022-07-27', undefined],
    ['certified on the document date', '2022-07-28', 500_000],
    ['certified years later (no end date)', '2026-06-30', 500_000],
  ])('%s', (_label, certifiedOn, amount) => {
    expect(owed(firm(YUYAO, [title('LITTLE_GIANT', certifiedOn)]), '2026-12-05', P)).toBe(amount);
  });

  it.each([
    ['a firm in 余姚', YUYAO, 500_000],
    ['a firm in 慈溪 (same city, other county)', CIXI, undefined],
    ['a firm in 杭州', HANGZHOU, undefined],
  ])('region: %s', (_label, region, amount) => {
    expect(owed(firm(region, [title('LITTLE_GIANT', '2025-05-01')]), '2026-12-05', P)).toBe(amount);
  });

  it('first time only: a renewal certified after the document does not trigger when the first title came before it', () => {
    const f = firm(YUYAO, [title('LITTLE_GIANT', '2021-06-01'), title('LITTLE_GIANT', '2024-06-01')]);
    expect(owed(f, '2026-12-05', P)).toBeUndefined();
  });

  it('a 国家重点小巨人 counts as a national 小巨人; the earlier title is the trigger', () => {
    const f = firm(YUYAO, [title('KEY_LITTLE_GIANT', '2025-01-10'), title('LITTLE_GIANT', '2023-03-01')]);
    const e = evaluateRewards(SHIPPED_POLICY_SET, f, '2026-12-05').entitlements.find((x) => x.policyId === P)!;
    expect(e.triggeredOn).toBe('2023-03-01');
    expect(e.amount).toBe(500_000);
    expect(e.arithmetic).toBe('定额 50万元');
    expect(e.facts[0]).toEqual({ label: '专精特新“小巨人”企业认定日期', value: '2023-03-01', provenance: { kind: 'CONFIRMED_TITLE', reference: 'd-LITTLE_GIANT-2023-03-01' } });
  });

  it('a certification dated after the evaluation day does not count yet', () => {
    expect(owed(firm(YUYAO, [title('LITTLE_GIANT', '2026-12-06')]), '2026-12-05', P)).toBeUndefined();
    expect(owed(firm(YUYAO, [title('LITTLE_GIANT', '2026-12-05')]), '2026-12-05', P)).toBe(500_000);
  });
});

describe('余姚 首次专精特新 5万 and 就高不重复 with 小巨人', () => {
  const S = 'YUYAO-2022-SPECIALIZED-FIRST';
  const L = 'YUYAO-2022-LITTLE-GIANT';
  it('专精特新 only: 5万, and a near miss for 小巨人', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [title('SPECIALIZED_SME', '2024-09-01')]), '2026-12-05');
    expect(r.entitlements.map((e) => [e.policyId, e.status, e.amount])).toEqual([[S, 'ENTITLED', 50_000]]);
    expect(r.nearMisses.map((m) => m.missing)).toContain('再获得专精特新“小巨人”企业或国家重点“小巨人”企业认定即可获得“余姚市国家级专精特新“小巨人”企业奖励” 50万元');
  });

  it('no title: near misses for both, 5万 first', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, []), '2026-12-05');
    expect(r.entitlements).toEqual([]);
    expect(r.nearMisses.map((m) => [m.policyId, m.potentialAmount])).toEqual(
      expect.arrayContaining([
        [L, 500_000],
        [S, 50_000],
      ]),
    );
    expect(r.nearMisses.find((m) => m.policyId === S)!.missing).toBe('再获得专精特新中小企业认定即可获得“余姚市首次列入专精特新中小企业奖励” 5万元');
  });

  it('both titles, nothing paid yet: the higher (50万) is owed, the lower superseded', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [title('SPECIALIZED_SME', '2023-01-01'), title('LITTLE_GIANT', '2025-07-01')]), '2026-12-05');
    const by = Object.fromEntries(r.entitlements.map((e) => [e.policyId, e]));
    expect([by[L]!.status, by[L]!.amount]).toEqual(['ENTITLED', 500_000]);
    expect([by[S]!.status, by[S]!.amount]).toEqual(['SUPERSEDED', 0]);
    expect(by[S]!.arithmetic).toContain('就高不重复');
  });

  it('5万 already paid: the 小巨人 reward pays the difference, 45万', () => {
    const paid: PaidFact[] = [{ policyId: S, amount: 50_000, paidOn: '2023-06-01', reference: 'YY-2023-001' }];
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [title('SPECIALIZED_SME', '2023-01-01'), title('LITTLE_GIANT', '2025-07-01')], { paid }), '2026-12-05');
    const by = Object.fromEntries(r.entitlements.map((e) => [e.policyId, e]));
    expect(by[L]!.amount).toBe(450_000);
    expect(by[L]!.arithmetic).toBe('定额 50万元；就高不重复：50万元 − 已发放（余姚市首次列入专精特新中小企业奖励 5万元）= 45万元');
    expect(amountDue(by[L]!)).toBe(450_000);
    expect([by[S]!.status, by[S]!.amount]).toEqual(['ENTITLED', 50_000]);
  });

  it('a 小巨人 holds no near miss for the lower 5万', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [title('LITTLE_GIANT', '2025-07-01')]), '2026-12-05');
    expect(r.nearMisses.find((m) => m.policyId === S)).toBeUndefined();
  });
});

describe('district 小巨人 rewards (甬经信函〔2023〕25号)', () => {
  it.each([
    ['海曙区', HAISHU, 'NINGBO-HAISHU-LITTLE-GIANT', 500_000],
    ['江北区', '330205', 'NINGBO-JIANGBEI-LITTLE-GIANT', 500_000],
    ['鄞州区', '330212', 'NINGBO-YINZHOU-LITTLE-GIANT', 500_000],
  ])('%s: 50万 from 2023-01-01', (_n, region, id, amount) => {
    expect(owed(firm(region, [title('LITTLE_GIANT', '2023-01-01')]), '2026-12-05', id)).toBe(amount);
    expect(owed(firm(region, [title('LITTLE_GIANT', '2022-12-31')]), '2026-12-05', id)).toBeUndefined();
  });

  it('functional zones (高新区, 杭州湾新区) are disabled until their regions are configured', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(CIXI, [title('LITTLE_GIANT', '2024-01-01')]), '2026-12-05');
    expect(r.entitlements).toEqual([]);
  });

  it('cumulative across issuers: a 余姚 firm gets only 余姚; a 海曙 firm only 海曙 (no overlap of regions)', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, firm(HAISHU, [title('LITTLE_GIANT', '2024-01-01')]), '2026-12-05');
    expect(r.entitlements.map((e) => e.policyId)).toEqual(['NINGBO-HAISHU-LITTLE-GIANT']);
  });
});

describe('奉化 1:1 配套 of the actual reward', () => {
  const M = 'NINGBO-FENGHUA-LITTLE-GIANT-MATCH';
  // A city-level 小巨人 reward configured by the bureau, so 奉化 has something to match.
  const set = {
    version: 't',
    policies: [
      ...SHIPPED_POLICY_SET.policies,
      { ...SHIPPED_POLICY_SET.policies.find((p) => p.id === 'NINGBO-HAISHU-LITTLE-GIANT')!, id: 'CITY-LG', name: '市级小巨人奖励', regionCodes: ['330200'], formula: { kind: 'FIXED' as const, amount: 300_000 } },
    ],
  };
  const f = (paid: PaidFact[]) => firm(FENGHUA, [title('LITTLE_GIANT', '2024-03-01')], { paid });

  it('nothing paid yet: no entitlement, a near miss saying it follows the actual payout', () => {
    const r = evaluateRewards(set, f([]), '2026-12-05');
    expect(r.entitlements.map((e) => e.policyId)).toEqual(['CITY-LG']);
    expect(r.nearMisses.find((m) => m.policyId === M)!.missing).toBe('其他“专精特新“小巨人”企业或国家重点“小巨人”企业”奖励实际发放后，按 1:1 配套即可获得“奉化区“小巨人”奖励 1:1 配套”');
  });

  it('30万 paid: 配套 30万 with the arithmetic and the payout as evidence', () => {
    const r = evaluateRewards(set, f([{ policyId: 'CITY-LG', amount: 300_000, paidOn: '2024-08-01', reference: 'NB-1' }]), '2026-12-05');
    const e = r.entitlements.find((x) => x.policyId === M)!;
    expect(e.amount).toBe(300_000);
    expect(e.arithmetic).toBe('实际奖励总额 30万元 × 1:1 = 30万元');
    expect(e.facts.map((x) => x.provenance)).toContainEqual({ kind: 'PAYOUT', reference: 'NB-1' });
  });

  it('a reduced actual payout (withheld part) is matched as paid, not as promised', () => {
    const r = evaluateRewards(set, f([{ policyId: 'CITY-LG', amount: 123_457, paidOn: '2024-08-01', reference: 'NB-1' }]), '2026-12-05');
    expect(r.entitlements.find((x) => x.policyId === M)!.amount).toBe(123_457);
  });

  it('a cap on the match applies', () => {
    const capped = { version: 't2', policies: set.policies.map((p) => (p.id === M ? { ...p, formula: { kind: 'MATCH_PAID' as const, numerator: 1, denominator: 2, cap: 100_000 } } : p)) };
    const e = evaluateRewards(capped, f([{ policyId: 'CITY-LG', amount: 300_000, paidOn: '2024-08-01', reference: 'NB-1' }]), '2026-12-05').entitlements.find((x) => x.policyId === M)!;
    expect(e.amount).toBe(100_000);
    expect(e.arithmetic).toBe('实际奖励总额 30万元 × 1:2 = 15万元，上限 10万元 → 10万元');
  });
});

describe('宁波 揭榜 30% of actual R&D, at most 200万 (三年攻坚行动方案 征求意见稿)', () => {
  const P = 'NINGBO-2024-CHALLENGE-RD';
  const project = (acceptedOn: string, rd?: number): ChallengeFact => ({
    projectId: 'app-1',
    title: '高精度轴承',
    acceptedOn,
    ...(rd !== undefined ? { actualInvestment: { amount: rd, recordedOn: '2025-10-01', provenance: { kind: 'RECORDED_RD' as const, reference: 'app-1' } } } : {}),
  });
  const f = (titles: TitleFact[], c: ChallengeFact) => firm(HAISHU, titles, { challenges: [c] });
  const specialized = [title('SPECIALIZED_SME', '2023-05-01')];

  it.each([
    ['R&D 100万 → 30万', 1_000_000, 300_000],
    ['R&D 666.6667万 → 200.00001万 capped to 200万', 6_666_667, 2_000_000],
    ['R&D 666.6666万 → 199.99998万 (below the cap)', 6_666_666, 1_999_999],
    ['R&D 1元 → 0元 (rounded down)', 1, 0],
  ])('%s', (_l, rd, amount) => {
    expect(owed(f(specialized, project('2025-03-01', rd)), '2026-12-05', P)).toBe(amount);
  });

  it.each([
    ['accepted the day before the window', '2023-12-31', undefined],
    ['accepted on the first day', '2024-01-01', 300_000],
    ['accepted on the last day', '2026-12-31', 300_000],
    ['accepted the day after the window', '2027-01-01', undefined],
  ])('%s', (_l, acceptedOn, amount) => {
    const titles = [title('SPECIALIZED_SME', '2023-05-01'), title('SPECIALIZED_SME', '2026-05-01')];
    expect(owed(f(titles, project(acceptedOn, 1_000_000)), '2027-06-01', P)).toBe(amount);
  });

  it('the firm must hold a valid qualifying title on the 立项 day', () => {
    // certified 2022-03-01: valid until 2025-02-28 (3 years).
    expect(owed(f([title('SPECIALIZED_SME', '2022-03-01')], project('2025-02-28', 1_000_000)), '2026-12-05', P)).toBe(300_000);
    const r = evaluateRewards(SHIPPED_POLICY_SET, f([title('SPECIALIZED_SME', '2022-03-01')], project('2025-03-01', 1_000_000)), '2026-12-05');
    expect(r.entitlements.find((e) => e.policyId === P)).toBeUndefined();
    expect(r.nearMisses.find((m) => m.policyId === P)!.missing).toContain('揭榜立项时须持有有效的');
  });

  it('R&D not yet recorded: near miss saying what to record', () => {
    const r = evaluateRewards(SHIPPED_POLICY_SET, f(specialized, project('2025-03-01')), '2026-12-05');
    expect(r.entitlements.find((e) => e.policyId === P)).toBeUndefined();
    expect(r.nearMisses.find((m) => m.policyId === P)!.missing).toBe('登记揭榜项目“高精度轴承”的实际研发投入后，按 30% 计算（最高 200万元）即可获得“宁波市“揭榜”大企业技术创新需求研发投入奖励”（30%，最高 200万元）');
  });

  it('the arithmetic shows the cap', () => {
    const e = evaluateRewards(SHIPPED_POLICY_SET, f(specialized, project('2025-03-01', 10_000_000)), '2026-12-05').entitlements.find((x) => x.policyId === P)!;
    expect(e.arithmetic).toBe('30% × 实际研发投入 1000万元 = 300万元，上限 200万元 → 200万元');
    expect(e.notes[0]).toMatch(/^政策参数尚待确认/);
  });
});

describe('余姚 揭榜挂帅 20% up to 50万 in two tranches (DOMAIN.md §2.5)', () => {
  const P = 'YUYAO-2021-CHALLENGE-INDUSTRIAL';
  const base: ChallengeFact = { projectId: 'p1', acceptedOn: '2025-01-10', category: 'INDUSTRIAL', plannedInvestment: 2_000_000 };
  const rec = (amount: number) => ({ amount, recordedOn: '2026-03-01', provenance: { kind: 'RECORDED_RD' as const, reference: 'p1' } });
  const ev = (c: ChallengeFact) => evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [], { challenges: [c] }), '2026-12-05').entitlements.find((e) => e.policyId === P);

  it('at 立项: 50% of 20% × planned 200万 = 20万 due; balance waiting', () => {
    const e = ev(base)!;
    expect(e.tranches).toEqual([
      { label: '立项拨付', amount: 200_000, status: 'DUE', dueOn: '2025-01-10' },
      { label: '验收后按实际投入结算', amount: 200_000, status: 'WAITING' },
    ]);
    expect(amountDue(e)).toBe(200_000);
  });

  it('验收 passed on actual 150万: total 30万, balance 10万', () => {
    const e = ev({ ...base, actualInvestment: rec(1_500_000), completion: { on: '2026-03-01', passed: true, provenance: { kind: 'RECORDED_ACCEPTANCE', reference: 'p1' } } })!;
    expect(e.tranches.map((t) => [t.amount, t.status])).toEqual([
      [200_000, 'DUE'],
      [100_000, 'DUE'],
    ]);
    expect(e.amount).toBe(300_000);
  });

  it('验收 passed on actual 500万: 100万 capped to 50万, balance 30万', () => {
    const e = ev({ ...base, actualInvestment: rec(5_000_000), completion: { on: '2026-03-01', passed: true, provenance: { kind: 'RECORDED_ACCEPTANCE', reference: 'p1' } } })!;
    expect(e.amount).toBe(500_000);
    expect(e.tranches[1]!.amount).toBe(300_000);
  });

  it('actual below the first tranche: the balance is 0, nothing is clawed back', () => {
    const e = ev({ ...base, actualInvestment: rec(500_000), completion: { on: '2026-03-01', passed: true, provenance: { kind: 'RECORDED_ACCEPTANCE', reference: 'p1' } } })!;
    expect(e.tranches[1]!.amount).toBe(0);
    expect(e.amount).toBe(200_000);
  });

  it('验收 failed: no balance', () => {
    const e = ev({ ...base, completion: { on: '2026-03-01', passed: false, provenance: { kind: 'RECORDED_ACCEPTANCE', reference: 'p1' } } })!;
    expect(e.tranches[1]).toEqual({ label: '验收后按实际投入结算', amount: 0, status: 'FORFEITED', dueOn: '2026-03-01' });
    expect(e.amount).toBe(200_000);
  });

  it('an agricultural project uses 30% up to 20万, not the industrial policy', () => {
    const c: ChallengeFact = { ...base, category: 'AGRICULTURAL_SOCIAL' };
    expect(ev(c)).toBeUndefined();
    const e = evaluateRewards(SHIPPED_POLICY_SET, firm(YUYAO, [], { challenges: [c] }), '2026-12-05').entitlements.find((x) => x.policyId === 'YUYAO-2021-CHALLENGE-AGRICULTURAL')!;
    // 30% × 200万 = 60万, capped 20万; first tranche 10万.
    expect(e.tranches[0]!.amount).toBe(100_000);
  });

  it.each([
    ['accepted the day before the notice', '2021-06-01', false],
    ['accepted on the notice day', '2021-06-02', true],
  ])('%s', (_l, acceptedOn, entitled) => {
    expect(ev({ ...base, acceptedOn }) !== undefined).toBe(entitled);
  });
});

describe('宁波 优质服务机构 up to 50万', () => {
  const P = 'NINGBO-2024-QUALITY-SERVICE-PROVIDER';
  const inst = (award: number, selectedOn = '2025-12-01'): OrganizationFacts => ({
    organizationId: 'sp-1',
    kind: 'SERVICE_PROVIDER',
    regionCode: HAISHU,
    titles: [],
    selections: [{ year: 2025, selectedOn, award, provenance: { kind: 'SELECTION', reference: 'sel-2025' } }],
  });
  it.each([
    [300_000, 300_000],
    [500_000, 500_000],
    [500_001, 500_000],
  ])('award %p → %p', (award, amount) => {
    expect(owed(inst(award), '2026-12-05', P)).toBe(amount);
  });
  it('an enterprise is never paid by it', () => {
    expect(owed({ ...inst(300_000), kind: 'ENTERPRISE' }, '2026-12-05', P)).toBeUndefined();
  });
  it('a selection after 2026-12-31 is outside the draft plan', () => {
    expect(owed(inst(300_000, '2027-01-01'), '2027-02-01', P)).toBeUndefined();
  });
});
