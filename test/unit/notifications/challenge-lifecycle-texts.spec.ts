import { describe, expect, it } from '@jest/globals';
import { applicationClosedNotice, challengeChangeLines, challengeTermsChangedNotice } from '../../../libs/notifications/src/notification-texts.js';
import { challengeTermChanges } from '../../../libs/listings/src/listing.service.js';
import { OPEN_APPLICATION_STATUSES, SHARING_APPLICATION_STATUSES, APPLICATION_STATUSES } from '../../../libs/listings/src/listing-enums.js';

/** ADR 0028: a challenge's indicators are terms its applicants relied on; closure and consent by status. */
describe('揭榜 lifecycle texts and rules', () => {
  const base = { budget: 3_000_000, applyBy: '2027-01-31', completionDeadline: null, indicators: ['背隙 ≤ 10 弧秒', '寿命 ≥ 10000 小时'] };
  it.each([
    ['the same list', ['背隙 ≤ 10 弧秒', '寿命 ≥ 10000 小时'], null],
    ['a changed indicator', ['背隙 ≤ 8 弧秒', '寿命 ≥ 10000 小时'], '量化指标：「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」 → 「背隙 ≤ 8 弧秒」「寿命 ≥ 10000 小时」'],
    ['the order', ['寿命 ≥ 10000 小时', '背隙 ≤ 10 弧秒'], '量化指标：「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」 → 「寿命 ≥ 10000 小时」「背隙 ≤ 10 弧秒」'],
    ['one added', [...base.indicators, '噪声 ≤ 60 dB'], '量化指标：「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」 → 「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」「噪声 ≤ 60 dB」'],
    ['one removed', ['背隙 ≤ 10 弧秒'], '量化指标：「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」 → 「背隙 ≤ 10 弧秒」'],
    ['all removed', [], '量化指标：「背隙 ≤ 10 弧秒」「寿命 ≥ 10000 小时」 → 未设定'],
  ])('indicators: %s', (_what, indicators, line) => {
    const changes = challengeTermChanges(base, { ...base, indicators });
    if (line === null) {
      expect(changes).toEqual({});
      expect(challengeTermsChangedNotice('榜', changes)).toBeNull();
      return;
    }
    expect(changes).toEqual({ indicators: { from: base.indicators, to: indicators } });
    expect(challengeChangeLines(changes)).toEqual([line]);
    expect(challengeTermsChangedNotice('榜', changes)!.body).toContain(line);
  });

  it('indicators added to an empty list read 未设定 → the new ones', () => {
    expect(challengeChangeLines(challengeTermChanges({ ...base, indicators: [] }, { ...base, indicators: ['噪声 ≤ 60 dB'] }))).toEqual(['量化指标：未设定 → 「噪声 ≤ 60 dB」']);
  });

  it.each([
    [false, '发榜企业已关闭', '可再次揭榜'],
    [true, '主管部门下架', '不会再被评审'],
  ])('the closed application’s notice (by the AUTHORITY: %s) says who closed it and that the application ended', (byAuthority, who, what) => {
    const notice = applicationClosedNotice('谐波减速器', byAuthority);
    expect(notice.title).toBe('揭榜榜单已关闭：谐波减速器');
    expect(notice.body).toContain(who);
    expect(notice.body).toContain(what);
    expect(notice.body).toContain('已随榜单关闭');
  });

  it.each(APPLICATION_STATUSES.map((s) => [s] as const))('%s: closed with the challenge / shares the profile', (status) => {
    const open = (OPEN_APPLICATION_STATUSES as readonly string[]).includes(status);
    const sharing = (SHARING_APPLICATION_STATUSES as readonly string[]).includes(status);
    expect(open).toBe(status === 'SUBMITTED' || status === 'SHORTLISTED');
    expect(sharing).toBe(status === 'SUBMITTED' || status === 'SHORTLISTED' || status === 'ACCEPTED');
  });
});
