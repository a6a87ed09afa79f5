import { describe, expect, it } from '@jest/globals';
import {
  challengeChangeLines,
  challengeClosedNotice,
  challengeTermsChangedNotice,
  chineseDate,
  reinstatedNotices,
  takedownAppealNotices,
  takedownNotice,
  takedownRecordNotice,
  verifiedNotice,
  yuan,
} from '../../../libs/notifications/src/notification-texts.js';
import { challengeTermChanges } from '../../../libs/listings/src/listing.service.js';
import { ORGANIZATION_KINDS } from '../../../libs/identity/src/organizations/organization-kind.js';

describe('amounts and dates', () => {
  it.each([
    [0, '0 元'],
    [3_000_000, '3,000,000 元'],
    [999, '999 元'],
  ])('yuan(%d) → %s', (n, text) => expect(yuan(n)).toBe(text));

  it.each([
    ['2026-12-31', '2026年12月31日'],
    ['2027-01-05', '2027年1月5日'],
    [null, '未设定'],
  ])('chineseDate(%s) → %s', (d, text) => expect(chineseDate(d)).toBe(text));
});

describe('verification notice per kind', () => {
  const says: Record<string, RegExp> = {
    ENTERPRISE: /企业档案/,
    SERVICE_PROVIDER: /发布服务产品/,
    BANK: /发布金融产品/,
    ANCHOR_ENTERPRISE: /发布揭榜榜单/,
    PARK_OPERATOR: /发布园区房源/,
  };
  it.each(ORGANIZATION_KINDS.filter((k) => k !== 'AUTHORITY'))('%s is told what its kind can do, and nothing another kind does', (kind) => {
    const { title, body } = verifiedNotice(kind);
    expect(title).toBe('机构审核已通过');
    expect(body).toMatch(says[kind]!);
    // The old text promised every kind "服务、产品、榜单和房源".
    expect(body).not.toContain('服务、产品、榜单和房源');
    for (const [other, pattern] of Object.entries(says)) if (other !== kind) expect(body).not.toMatch(pattern);
  });
});

describe('下架 notice to the owner', () => {
  it.each([
    ['CREDIT_PRODUCT', '利率与备案不符', '金融产品已被主管部门下架：贷', '下架原因：利率与备案不符'],
    ['SERVICE_OFFERING', null, '服务产品已被主管部门下架：贷', undefined],
    ['PARK_VACANCY', '  ', '园区房源已被主管部门下架：贷', undefined],
  ] as const)('%s with reason %j', (kind, reason, title, line) => {
    const text = takedownNotice({ kind, title: '贷' }, reason?.trim() || null);
    expect(text.title).toBe(title);
    if (line) expect(text.body).toContain(line);
    else expect(text.body).not.toContain('下架原因');
  });
});

describe('challenge changes', () => {
  const base = { budget: 3_000_000, applyBy: '2027-01-31', completionDeadline: '2027-12-31' as string | null };
  it.each([
    ['nothing', base, {}, []],
    ['the budget', { ...base, budget: 3_500_000 }, { budget: { from: 3_000_000, to: 3_500_000 } }, ['榜单金额：3,000,000 元 → 3,500,000 元']],
    ['the deadline', { ...base, applyBy: '2027-02-15' }, { applyBy: { from: '2027-01-31', to: '2027-02-15' } }, ['揭榜截止日期：2027年1月31日 → 2027年2月15日']],
    [
      'the completion deadline, removed',
      { ...base, completionDeadline: null },
      { completionDeadline: { from: '2027-12-31', to: null } },
      ['完成期限：2027年12月31日 → 未设定'],
    ],
    [
      'all three',
      { budget: 1, applyBy: '2027-03-01', completionDeadline: '2028-01-01' },
      { budget: { from: 3_000_000, to: 1 }, applyBy: { from: '2027-01-31', to: '2027-03-01' }, completionDeadline: { from: '2027-12-31', to: '2028-01-01' } },
      ['榜单金额：3,000,000 元 → 1 元', '揭榜截止日期：2027年1月31日 → 2027年3月1日', '完成期限：2027年12月31日 → 2028年1月1日'],
    ],
  ])('when %s changed', (_what, after, changes, lines) => {
    expect(challengeTermChanges(base, after)).toEqual(changes);
    expect(challengeChangeLines(changes)).toEqual(lines);
    const notice = challengeTermsChangedNotice('榜', changes);
    if (lines.length === 0) expect(notice).toBeNull();
    else expect(notice!.body).toContain(lines.join('\n'));
  });

  it('a bigint budget read back as a string is no change', () => {
    expect(challengeTermChanges(base, { ...base, budget: '3000000' as unknown as number })).toEqual({});
  });

  it.each([
    [false, '发榜企业已关闭'],
    [true, '主管部门下架'],
  ])('closed (by the AUTHORITY: %s) says who closed it', (byAuthority, text) => {
    expect(challengeClosedNotice('榜', byAuthority).body).toContain(text);
  });
});

describe('takedown, appeal and reinstatement notices (issue 24): both sides, with the reason', () => {
  const listing = { kind: 'SERVICE_OFFERING' as const, title: '检测服务' };

  it.each([
    ['a reason', '宣传夸大', true],
    ['no reason', null, false],
  ] as const)('the AUTHORITY’s record of a takedown with %s', (_n, reason, quoted) => {
    const text = takedownRecordNotice(listing, '宁波某检测公司', reason);
    expect(text.title).toBe('已下架服务产品：检测服务');
    expect(text.body).toContain('「宁波某检测公司」');
    expect(text.body.includes('下架原因：宣传夸大')).toBe(quoted);
  });

  it('the owner’s notice of a takedown points to the appeal, not to re-publishing', () => {
    const text = takedownNotice(listing, '宣传夸大');
    expect(text.body).toContain('不能自行重新发布');
    expect(text.body).toContain('申诉');
  });

  it.each([
    ['a reason', '宣传夸大'],
    ['no reason', null],
  ] as const)('an appeal, with %s: the desk gets the message, the owner a receipt', (_n, reason) => {
    const { authority, owner } = takedownAppealNotices(listing, '宁波某检测公司', reason, '已删除夸大表述');
    expect(authority.title).toBe('下架申诉待处理：检测服务');
    expect(owner.title).toBe('申诉已提交：检测服务');
    for (const t of [authority, owner]) {
      expect(t.body).toContain('申诉说明：已删除夸大表述');
      expect(t.body.includes('下架原因：宣传夸大')).toBe(reason !== null);
    }
  });

  it.each([
    [true, '已恢复发布'],
    [false, '请修改后自行重新发布'],
  ] as const)('a reinstatement (republished: %s) says what happens next, the note and the old reason', (republished, effect) => {
    const { authority, owner } = reinstatedNotices(listing, '宁波某检测公司', '宣传夸大', '已整改', republished);
    for (const t of [authority, owner]) {
      expect(t.body).toContain(effect);
      expect(t.body).toContain('恢复说明：已整改');
      expect(t.body).toContain('原下架原因：宣传夸大');
    }
    expect(owner.title).toBe('服务产品已恢复：检测服务');
  });
});
