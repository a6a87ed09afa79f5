/** The coded decline/rejection reasons (issue 17 item 3): the lists as data and the one check. */
import { describe, expect, it } from '@jest/globals';
import {
  DECLINE_REASONS,
  DECLINE_REASON_KINDS,
  declineReasonLabel,
  declineReasonsOf,
  describeDeclineReasonProblem,
} from '../../../libs/codes/src/index.js';

describe('decline reason lists', () => {
  it('every kind has a list ending in 其他, which alone requires text', () => {
    for (const kind of DECLINE_REASON_KINDS) {
      const list = declineReasonsOf(kind);
      expect(list.length).toBeGreaterThanOrEqual(4);
      expect(list[list.length - 1]).toMatchObject({ label: '其他', requiresText: true, code: expect.stringMatching(/_OTHER$/) });
      expect(list.filter((r) => r.requiresText)).toHaveLength(1);
    }
  });

  it('codes are unique across lists, upper snake case, and labels Chinese', () => {
    const codes = DECLINE_REASONS.map((r) => r.code);
    expect(new Set(codes).size).toBe(codes.length);
    for (const r of DECLINE_REASONS) {
      expect(r.code).toMatch(/^[A-Z]+(_[A-Z]+)+$/);
      expect(r.label).toMatch(/[\u4e00-\u9fff]/);
    }
  });

  it('holds the lists the issue names', () => {
    expect(declineReasonsOf('CREDIT_PRODUCT').map((r) => r.label)).toEqual(['不符合准入条件', '资料不全', '额度已满', '风险评估未通过', '其他']);
    expect(declineReasonsOf('SERVICE_OFFERING').map((r) => r.label)).toEqual(['超出服务范围', '排期已满', '报价未达成一致', '资料不全', '其他']);
    expect(declineReasonsOf('CHALLENGE').map((r) => r.label)).toEqual(['技术路线不符', '资质不足', '报价过高', '方案不完整', '其他']);
    expect(declineReasonsOf('PARK_VACANCY').map((r) => r.label)).toContain('面积不符');
    expect(declineReasonLabel('CREDIT_QUOTA_FULL')).toBe('额度已满');
    expect(declineReasonLabel('NOPE')).toBeNull();
    expect(declineReasonLabel(null)).toBeNull();
  });

  it.each([
    ['a code of the kind', 'CREDIT_PRODUCT', 'CREDIT_INELIGIBLE', null, null],
    ['其他 with text', 'CREDIT_PRODUCT', 'CREDIT_OTHER', '抵押物不足', null],
    ['其他 without text', 'CREDIT_PRODUCT', 'CREDIT_OTHER', null, '请填写具体理由'],
    ['其他 with empty text', 'SERVICE_OFFERING', 'SERVICE_OTHER', '', '请填写具体理由'],
    ['missing', 'SERVICE_OFFERING', undefined, null, '请选择服务产品的理由代码'],
    ['null', 'PARK_VACANCY', null, null, '请选择园区空间的理由代码'],
    ['empty', 'CHALLENGE', '', null, '请选择揭榜挂帅的理由代码'],
    ['unknown', 'CHALLENGE', 'CHALLENGE_BORED', null, '未知的理由代码'],
    ['another kind\'s code', 'SERVICE_OFFERING', 'CREDIT_INELIGIBLE', null, '属于金融产品的理由列表，不适用于服务产品'],
    ['another kind\'s 其他', 'CHALLENGE', 'PARK_OTHER', '理由', '属于园区空间的理由列表'],
    ['not a string', 'CREDIT_PRODUCT', 42, null, '须为文本'],
  ] as const)('%s', (_name, kind, code, text, problem) => {
    const found = describeDeclineReasonProblem(kind, code, text);
    if (problem === null) expect(found).toBeNull();
    else expect(found).toContain(problem);
  });
});
