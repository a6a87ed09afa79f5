import { describe, expect, it } from '@jest/globals';
import {
  BUNDLED_WORKING_CALENDAR_JSON,
  WorkingCalendarError,
  bundledWorkingCalendar,
  deadlinesFor,
  loadWorkingCalendar,
  overdueDeadline,
  parseWorkingCalendar,
  responseWorkingMinutes,
  resumeDeadlines,
  workingDaysOverdue,
} from '../../../libs/calendar/src/index.js';

const cal = bundledWorkingCalendar();
/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const H = 3_600_000;

describe('isWorkingDay (2026 arrangement, 国务院办公厅 2025-11-04)', () => {
  it.each([
    ['2026-04-03', true, 'Friday before 清明'],
    ['2026-04-04', false, '清明 Saturday'],
    ['2026-04-06', false, '清明 Monday'],
    ['2026-04-07', true, 'Tuesday after 清明'],
    ['2026-02-13', true, 'Friday before 春节 make-up Saturday'],
    ['2026-02-14', true, '调休 Saturday (春节)'],
    ['2026-02-15', false, '春节 first day (Sunday)'],
    ['2026-02-23', false, '春节 last day (Monday)'],
    ['2026-02-24', true, 'first working day after 春节'],
    ['2026-02-28', true, '调休 Saturday after 春节'],
    ['2026-03-01', false, 'an ordinary Sunday'],
    ['2026-09-20', true, '调休 Sunday before 国庆'],
    ['2026-09-24', true, 'Thursday before 中秋'],
    ['2026-09-25', false, '中秋 Friday'],
    ['2026-10-07', false, '国庆 last day (Wednesday)'],
    ['2026-10-08', true, 'Thursday after 国庆'],
    ['2026-10-10', true, '调休 Saturday after 国庆'],
    ['2026-01-01', false, '元旦'],
    ['2026-01-04', true, '调休 Sunday after 元旦'],
    ['2025-12-31', true, 'year end of an uncovered year: weekday'],
    ['2026-12-31', true, 'year end 2026 (Thursday)'],
    ['2027-01-01', true, '2027 not published: weekends only, nothing guessed'],
    ['2027-01-02', false, '2027 Saturday'],
  ])('%s → %s (%s)', (date, working) => {
    expect(cal.isWorkingDay(date)).toBe(working);
  });

  it('knows which years are published', () => {
    expect(cal.covers(2026)).toBe(true);
    expect(cal.covers(2027)).toBe(false);
    expect(cal.covers(2025)).toBe(false);
  });
});

describe('addWorkingDays', () => {
  it.each([
    ['2026-04-02', 1, '2026-04-03'],
    ['2026-04-03', 1, '2026-04-07'],
    ['2026-02-13', 1, '2026-02-14'],
    ['2026-02-14', 1, '2026-02-24'],
    ['2026-02-12', 2, '2026-02-14'],
    ['2026-09-30', 1, '2026-10-08'],
    ['2026-10-09', 1, '2026-10-10'],
    ['2025-12-31', 1, '2026-01-04'],
    ['2026-12-31', 1, '2027-01-01'],
    ['2026-04-03', 0, '2026-04-03'],
  ])('%s + %d → %s', (date, n, want) => {
    expect(cal.addWorkingDays(date, n)).toBe(want);
  });
});

describe('working time between instants (09:00–17:00 Beijing)', () => {
  it.each([
    ['2026-04-03T10:00', '2026-04-07T10:00', 8, 'Friday to Tuesday over 清明'],
    ['2026-04-03T16:59', '2026-04-03T17:01', 1 / 60, 'one minute before the close counts, one after does not'],
    ['2026-04-03T08:00', '2026-04-03T09:00', 0, 'before opening'],
    ['2026-04-03T17:00', '2026-04-07T09:00', 0, 'close to the next opening over a holiday'],
    ['2026-02-13T09:00', '2026-02-14T17:00', 16, '调休 Saturday counts'],
    ['2026-09-20T00:00', '2026-09-21T00:00', 8, '调休 Sunday counts'],
    ['2026-12-31T09:00', '2027-01-01T17:00', 16, 'year end'],
    ['2026-04-07T10:00', '2026-04-03T10:00', 0, 'reversed'],
  ])('%s → %s = %d h (%s)', (from, to, hours) => {
    expect(cal.workingHoursBetween(bj(from), bj(to))).toBeCloseTo(hours, 6);
  });

  it('a pause spanning a holiday takes out only its working time', () => {
    const from = bj('2026-09-24T09:00');
    const to = bj('2026-09-29T17:00');
    expect(cal.workingHoursBetween(from, to)).toBe(24);
    const pause = { from: bj('2026-09-24T12:00'), to: bj('2026-09-29T12:00') };
    expect(cal.workingHoursBetween(from, to, [pause])).toBe(8);
    // overlapping pauses are not subtracted twice; an open pause runs to the end
    expect(cal.workingHoursBetween(from, to, [pause, { from: bj('2026-09-28T09:00'), to: bj('2026-09-28T10:00') }])).toBe(8);
    expect(cal.workingHoursBetween(from, to, [{ from: bj('2026-09-29T16:00'), to: null }])).toBe(23);
  });
});

describe('addWorkingMs (deadlines)', () => {
  it.each([
    ['2026-04-03T10:00', 16, '2026-04-08T10:00', 'Friday before 清明 + 2 working days'],
    ['2026-04-03T17:00', 8, '2026-04-07T17:00', 'at the close: the next working day counts whole'],
    ['2026-04-03T18:30', 8, '2026-04-07T17:00', 'after hours'],
    ['2026-02-12T16:00', 16, '2026-02-14T16:00', 'into the 调休 Saturday'],
    ['2026-02-14T16:00', 8, '2026-02-24T16:00', 'from the 调休 Saturday over 春节'],
    ['2026-12-31T10:00', 8, '2027-01-01T10:00', 'year end into unpublished 2027'],
    ['2026-04-03T10:00', 0, '2026-04-03T10:00', 'zero'],
  ])('%s + %d h → %s (%s)', (from, hours, want) => {
    expect(cal.addWorkingMs(bj(from), hours * H).toISOString()).toBe(bj(want).toISOString());
  });
});

describe('deadlines', () => {
  it('credit: respond in 2, decide in 5 working days; a pause over a holiday moves both', () => {
    const d = deadlinesFor(cal, 'CREDIT_PRODUCT', bj('2026-09-23T10:00'));
    expect(d.respondBy.toISOString()).toBe(bj('2026-09-28T10:00').toISOString());
    expect(d.decideBy.toISOString()).toBe(bj('2026-10-08T10:00').toISOString());
    const moved = resumeDeadlines(cal, d, bj('2026-09-24T16:00'), bj('2026-09-28T10:00'));
    // paused: Thu 1 h + Mon 1 h = 2 working hours
    expect(moved.respondBy.toISOString()).toBe(bj('2026-09-28T12:00').toISOString());
    expect(moved.decideBy.toISOString()).toBe(bj('2026-10-08T12:00').toISOString());
  });

  it('overdue only after the deadline, never while paused or without a stage', () => {
    const d = { respondBy: bj('2026-04-08T10:00'), decideBy: bj('2026-04-13T10:00') };
    expect(overdueDeadline('RESPOND', d, false, bj('2026-04-08T10:00'))).toBeNull();
    expect(overdueDeadline('RESPOND', d, false, bj('2026-04-08T10:01'))?.stage).toBe('RESPOND');
    expect(overdueDeadline('RESPOND', d, true, bj('2026-04-09T10:00'))).toBeNull();
    expect(overdueDeadline(null, d, false, bj('2026-05-01T10:00'))).toBeNull();
    expect(overdueDeadline('DECIDE', d, false, bj('2026-04-13T09:00'))).toBeNull();
    expect(workingDaysOverdue(cal, d.respondBy, bj('2026-04-09T14:00'))).toBe(1.5);
  });

  it('response working time is read off the deadline', () => {
    const respondBy = bj('2026-04-08T10:00');
    expect(responseWorkingMinutes(cal, 'CREDIT_PRODUCT', respondBy, bj('2026-04-03T12:00'))).toBe(120);
    expect(responseWorkingMinutes(cal, 'CREDIT_PRODUCT', respondBy, bj('2026-04-08T11:00'))).toBe(17 * 60);
  });
});

describe('calendar file validation', () => {
  const file = (years: string) => `{\n  "name": "测试",\n  "years": {\n${years}\n  }\n}\n`;
  const year2026 = (holidays: string, makeUp = '') =>
    `    "2026": {\n      "published": true,\n      "holidays": [${holidays}],\n      "makeUpWorkdays": [${makeUp}]\n    }`;

  it('the bundled file round-trips', () => {
    const again = parseWorkingCalendar(BUNDLED_WORKING_CALENDAR_JSON, 'copy');
    expect(again.isWorkingDay('2026-02-14')).toBe(true);
    expect(again.years.get(2027)?.published).toBe(false);
  });

  it.each([
    ['a malformed date', year2026('"2026-1-05"'), /第 6 行.*"2026-1-05" 无效/],
    ['an impossible date', year2026('"2026-02-30"'), /第 6 行.*"2026-02-30" 无效/],
    ['a date under another year', year2026('"2027-01-01"'), /第 6 行.*2027-01-01 不属于 2026 年/],
    ['a holiday that is also a make-up day', year2026('"2026-02-14"', '\n        "2026-02-14"\n      '), /第 8 行.*2026-02-14 同时列为放假日和调休上班日/],
    ['a date listed twice', year2026('"2026-10-01", "2026-10-01"'), /第 6 行.*2026-10-01 重复列出/],
    ['a make-up day on a weekday', year2026('', '"2026-02-13"'), /第 7 行.*调休上班日 2026-02-13 不是周六或周日/],
    ['a year outside the range', `    "1999": { "published": true, "holidays": [], "makeUpWorkdays": [] }`, /第 4 行.*年份 "1999" 超出范围/],
    ['an unknown key', `    "2026": { "published": true, "holiday": [] }`, /第 4 行.*未知字段 "holiday"/],
    ['a missing published flag', `    "2026": { "holidays": [] }`, /第 4 行.*缺少 "published"/],
  ])('refuses %s, naming the line and the date', (_what, years, message) => {
    expect(() => parseWorkingCalendar(file(years), 'cal.json')).toThrow(WorkingCalendarError);
    expect(() => parseWorkingCalendar(file(years), 'cal.json')).toThrow(message);
  });

  it('refuses broken JSON with its line', () => {
    expect(() => parseWorkingCalendar('{\n  "years": {\n    "2026": }\n}', 'cal.json')).toThrow(/cal\.json 第 3 行.*不是有效的 JSON/);
  });

  it('an unreadable path is refused with the path', () => {
    expect(() => loadWorkingCalendar('/nonexistent/working-calendar.json')).toThrow(/无法读取工作日历文件 \/nonexistent\/working-calendar\.json/);
  });
});
