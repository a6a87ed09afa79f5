/** Bad policy input is refused with the field and a precise reason (libs/rewards/src/core/validate-policies.ts). */
import { describe, expect, it } from '@jest/globals';

import { SHIPPED_POLICIES, describeWithholdReasonProblem, formatShare, formatYuan, policySetProblems, shareOf, type Policy } from '../../../libs/rewards/src/core/index.js';

const base: Policy = SHIPPED_POLICIES.find((p) => p.id === 'YUYAO-2022-LITTLE-GIANT')!;
const problems = (...policies: Policy[]) => policySetProblems({ version: 'x', policies });

describe('policy set problems', () => {
  it('validity end before start', () => {
    expect(problems({ ...base, validTo: '2022-07-27' })).toEqual([
      { policyId: base.id, field: 'validTo', message: expect.stringContaining('截止日期 2022-07-27 早于起始日期 2022-07-28') },
    ]);
    expect(problems({ ...base, validTo: '2022-07-28' })).toEqual([]);
  });

  it('a formula referring to an unknown base', () => {
    const p = { ...base, trigger: { kind: 'CHALLENGE_ACCEPTED' }, formula: { kind: 'SHARE', base: 'REVENUE', shareBp: 100, cap: 1000 } } as unknown as Policy;
    expect(problems(p).map((x) => x.field)).toEqual(['formula.base']);
    expect(problems(p)[0]!.message).toContain('引用了未知的计算基数 REVENUE；可选：揭榜项目实际研发投入');
  });

  it('a base that does not fit the trigger', () => {
    const p: Policy = { ...base, formula: { kind: 'SHARE', base: 'CHALLENGE_RD_ACTUAL', shareBp: 100, cap: 1000 } };
    expect(problems(p).map((x) => x.field)).toEqual(['formula.base']);
  });

  it('a match of an unknown policy, and of itself', () => {
    const m: Policy = { ...base, id: 'MATCH', formula: { kind: 'MATCH_PAID', numerator: 1, denominator: 1, policyIds: ['NOPE', 'MATCH'] } };
    expect(problems(base, m).map((x) => x.message.replace(/^.*”(配套的政策|不能)/, '$1').slice(0, 12))).toEqual(['配套的政策 NOPE 不', '不能配套自身 (a po']);
    expect(problems(base, m).map((x) => x.field)).toEqual(['formula.policyIds', 'formula.policyIds']);
  });

  it('contradictory caps in one stacking group (overlapping validity), none when the validities do not overlap', () => {
    const a: Policy = { ...base, id: 'POLICY-A', stackingGroup: 'G', groupCap: 500_000, validTo: '2024-12-31' };
    const b: Policy = { ...base, id: 'POLICY-B', stackingGroup: 'G', groupCap: 300_000, validFrom: '2024-12-31' };
    expect(problems(a, b).map((x) => [x.policyId, x.field])).toEqual([['POLICY-B', 'groupCap']]);
    expect(problems(a, { ...b, validFrom: '2025-01-01' })).toEqual([]);
    expect(problems(a, { ...b, groupCap: 500_000 })).toEqual([]);
  });

  it.each([
    ['shareBp 0', { kind: 'SHARE', base: 'CHALLENGE_RD_ACTUAL', shareBp: 0, cap: 1 }, 'formula.shareBp'],
    ['shareBp 10001', { kind: 'SHARE', base: 'CHALLENGE_RD_ACTUAL', shareBp: 10_001, cap: 1 }, 'formula.shareBp'],
    ['a float cap', { kind: 'SHARE', base: 'CHALLENGE_RD_ACTUAL', shareBp: 100, cap: 0.5 }, 'formula.cap'],
  ])('%s', (_l, formula, field) => {
    const p = { ...base, trigger: { kind: 'CHALLENGE_ACCEPTED' }, formula } as unknown as Policy;
    expect(problems(p).map((x) => x.field)).toEqual([field]);
  });

  it('a fixed amount above 2^53 or fractional', () => {
    expect(problems({ ...base, formula: { kind: 'FIXED', amount: 2 ** 53 } }).map((x) => x.field)).toEqual(['formula.amount']);
    expect(problems({ ...base, formula: { kind: 'FIXED', amount: 1.5 } }).map((x) => x.field)).toEqual(['formula.amount']);
  });

  it('an enabled policy without a region, and an unknown region', () => {
    expect(problems({ ...base, regionCodes: [] }).map((x) => x.field)).toEqual(['regionCodes']);
    expect(problems({ ...base, regionCodes: [], disabled: true })).toEqual([]);
    expect(problems({ ...base, regionCodes: ['339999'] }).map((x) => x.field)).toEqual(['regionCodes']);
  });
});

describe('withhold reasons', () => {
  it.each([
    [undefined, null, '暂缓发放须选择理由代码'],
    ['NOPE', null, '未知的理由代码 NOPE'],
    ['WITHHOLD_OTHER', null, '选择「其他」'],
    ['WITHHOLD_OTHER', '另有安排', null],
    ['POOR_CREDIT', null, null],
  ])('%p %p', (code, text, expected) => {
    const p = describeWithholdReasonProblem(code, text);
    if (expected === null) expect(p).toBeNull();
    else expect(p).toContain(expected);
  });
});

describe('money', () => {
  it.each([
    [0, '0元'],
    [9_999, '9999元'],
    [10_000, '1万元'],
    [12_345, '1.2345万元'],
    [2_000_000, '200万元'],
  ])('formatYuan(%p) = %p', (n, s) => expect(formatYuan(n)).toBe(s));
  it('shares in BigInt: no float rounding at 2^53 scale', () => {
    expect(shareOf(9_000_000_000_000, 3_000)).toBe(2_700_000_000_000);
    expect(shareOf(6_666_667, 3_000)).toBe(2_000_000);
    expect(formatShare(1_250)).toBe('12.5%');
  });
});
