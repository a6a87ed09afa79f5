import { readFileSync } from 'node:fs';
import { BUNDLED_WORKING_CALENDAR_JSON } from './working-calendar.data.js';

/**
 * A Chinese working-day calendar (工作日历) as data: weekends are rest days, the State Council's
 * public holidays (法定节假日) are rest days, and its 调休 make-up days are working days even on a
 * Saturday or Sunday. Working time runs 09:00–17:00 Beijing time (UTC+8, no daylight saving) on
 * working days: one working day is 8 working hours. Days of a year the file does not cover, or of a
 * year whose arrangement is not published yet, follow the weekend rule alone (nothing is guessed).
 */
export const WORKDAY_START_HOUR = 9;
export const WORKDAY_END_HOUR = 17;
export const WORKING_DAY_MS = (WORKDAY_END_HOUR - WORKDAY_START_HOUR) * 3_600_000;
export const WORKING_HOUR_MS = 3_600_000;
/** Years a calendar file may cover. */
export const CALENDAR_MIN_YEAR = 2000;
export const CALENDAR_MAX_YEAR = 2099;

const BEIJING_OFFSET_MS = 8 * 3_600_000;
const DAY_MS = 86_400_000;
/** The longest span the arithmetic walks (a bound, not a business rule): 20 years of days. */
const MAX_WALK_DAYS = 20 * 366;
const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

export interface CalendarYear {
  readonly published: boolean;
  readonly source: string;
  readonly holidays: readonly string[];
  readonly makeUpWorkdays: readonly string[];
}

/** A time span during which a case's clock stands still (`to` null: still paused). */
export interface Pause {
  from: Date;
  to: Date | null;
}

/** A calendar file that cannot be used: the message names the line and the date or key at fault. */
export class WorkingCalendarError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'WorkingCalendarError';
  }
}

/** The Beijing calendar date (yyyy-mm-dd) of an instant. */
export function beijingDate(at: Date | number): string {
  return new Date(+at + BEIJING_OFFSET_MS).toISOString().slice(0, 10);
}

/** The instant a Beijing calendar date begins (00:00 UTC+8). */
function dayStartMs(date: string): number {
  return Date.parse(`${date}T00:00:00Z`) - BEIJING_OFFSET_MS;
}

function nextDate(date: string, days = 1): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function isValidDate(date: string): boolean {
  const m = DATE_RE.exec(date);
  if (!m) return false;
  return new Date(`${date}T00:00:00Z`).toISOString().slice(0, 10) === date;
}

export class WorkingCalendar {
  private readonly holidays: ReadonlySet<string>;
  private readonly makeUp: ReadonlySet<string>;

  constructor(
    readonly name: string,
    readonly years: ReadonlyMap<number, CalendarYear>,
    /** Where it was read from ("bundled" or the file's path), for the start log. */
    readonly origin: string,
  ) {
    this.holidays = new Set([...years.values()].flatMap((y) => y.holidays));
    this.makeUp = new Set([...years.values()].flatMap((y) => y.makeUpWorkdays));
  }

  /** Whether the year's official arrangement is in the calendar (else only weekends count). */
  covers(year: number): boolean {
    return this.years.get(year)?.published === true;
  }

  /** A working day: a 调休 make-up day, or a weekday that is no public holiday. */
  isWorkingDay(date: string): boolean {
    if (!isValidDate(date)) throw new RangeError(`not a date (yyyy-mm-dd): ${date}`);
    if (this.makeUp.has(date)) return true;
    if (this.holidays.has(date)) return false;
    const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
    return weekday !== 0 && weekday !== 6;
  }

  /** The `n`-th working day after `date` (n ≥ 0; 0 gives `date` itself). */
  addWorkingDays(date: string, n: number): string {
    if (!Number.isInteger(n) || n < 0 || n > MAX_WALK_DAYS) throw new RangeError(`working days must be a whole number 0–${MAX_WALK_DAYS}: ${n}`);
    let d = date;
    for (let left = n, steps = 0; left > 0; steps++) {
      if (steps > MAX_WALK_DAYS) throw new RangeError('working-day walk too long');
      d = nextDate(d);
      if (this.isWorkingDay(d)) left--;
    }
    return d;
  }

  /** Working time (ms) between two instants: the parts of [from, to) inside 09:00–17:00 of working days. */
  workingMsBetween(from: Date, to: Date, pauses: readonly Pause[] = []): number {
    const total = this.rawWorkingMs(+from, +to);
    if (total === 0 || pauses.length === 0) return total;
    let paused = 0;
    for (const p of mergePauses(pauses, to)) {
      const a = Math.max(+p.from, +from);
      const b = Math.min(+(p.to ?? to), +to);
      if (b > a) paused += this.rawWorkingMs(a, b);
    }
    return total - paused;
  }

  /** Working hours between two instants (pauses excluded), as a fraction. */
  workingHoursBetween(from: Date, to: Date, pauses: readonly Pause[] = []): number {
    return this.workingMsBetween(from, to, pauses) / WORKING_HOUR_MS;
  }

  /** Working days (of 8 working hours) between two instants (pauses excluded), as a fraction. */
  workingDaysBetween(from: Date, to: Date, pauses: readonly Pause[] = []): number {
    return this.workingMsBetween(from, to, pauses) / WORKING_DAY_MS;
  }

  /**
   * The earliest instant by which `ms` of working time has passed since `from`. Starting outside
   * working time, the count begins at the next working day's 09:00; 2 working days from a Friday
   * 10:00 end on the next Tuesday 10:00 (holidays skipped, 调休 Saturdays counted).
   */
  addWorkingMs(from: Date, ms: number): Date {
    if (!Number.isFinite(ms) || ms < 0) throw new RangeError(`working time must be ≥ 0: ${ms}`);
    if (ms === 0) return new Date(+from);
    let left = ms;
    let date = beijingDate(from);
    for (let steps = 0; steps <= MAX_WALK_DAYS; steps++, date = nextDate(date)) {
      if (!this.isWorkingDay(date)) continue;
      const start = dayStartMs(date);
      const open = Math.max(start + WORKDAY_START_HOUR * 3_600_000, +from);
      const close = start + WORKDAY_END_HOUR * 3_600_000;
      if (open >= close) continue;
      if (left <= close - open) return new Date(open + left);
      left -= close - open;
    }
    throw new RangeError('working-time walk too long');
  }

  /** {@link addWorkingMs} in working days of 8 hours. */
  addWorkingDuration(from: Date, workingDays: number): Date {
    return this.addWorkingMs(from, workingDays * WORKING_DAY_MS);
  }

  private rawWorkingMs(fromMs: number, toMs: number): number {
    if (!(toMs > fromMs)) return 0;
    if (toMs - fromMs > MAX_WALK_DAYS * DAY_MS) throw new RangeError('working-time span too long');
    let sum = 0;
    const last = beijingDate(toMs);
    for (let date = beijingDate(fromMs); date <= last; date = nextDate(date)) {
      if (!this.isWorkingDay(date)) continue;
      const start = dayStartMs(date);
      const a = Math.max(start + WORKDAY_START_HOUR * 3_600_000, fromMs);
      const b = Math.min(start + WORKDAY_END_HOUR * 3_600_000, toMs);
      if (b > a) sum += b - a;
    }
    return sum;
  }
}

/** Sorted, overlapping pauses joined (so no time is subtracted twice); an open pause ends at `end`. */
function mergePauses(pauses: readonly Pause[], end: Date): Array<{ from: number; to: number }> {
  const spans = pauses.map((p) => ({ from: +p.from, to: +(p.to ?? end) })).filter((p) => p.to > p.from).sort((a, b) => a.from - b.from);
  const merged: Array<{ from: number; to: number }> = [];
  for (const s of spans) {
    const last = merged[merged.length - 1];
    if (last && s.from <= last.to) last.to = Math.max(last.to, s.to);
    else merged.push({ ...s });
  }
  return merged;
}

/**
 * The line of a JSON syntax error when the engine's message gives no position: the first line whose
 * prefix fails for a reason other than ending early (files are small; this runs only on a bad one).
 */
function jsonErrorLine(text: string): number {
  const lines = text.split('\n');
  for (let i = 1; i <= lines.length; i++) {
    const prefix = lines.slice(0, i).join('\n');
    try {
      JSON.parse(prefix);
    } catch (err) {
      const message = (err as Error).message;
      const pos = /position (\d+)/.exec(message);
      const early = pos ? Number(pos[1]) < prefix.trimEnd().length : !/end of JSON|Unterminated/i.test(message);
      if (early || i === lines.length) return i;
    }
  }
  return 0;
}

/** The 1-based line of the `occurrence`-th appearance of `needle` in `text` (0 when absent). */
function lineOf(text: string, needle: string, occurrence = 1): number {
  let at = -1;
  for (let i = 0; i < occurrence; i++) {
    at = text.indexOf(needle, at + 1);
    if (at < 0) return 0;
  }
  return text.slice(0, at).split('\n').length;
}

/**
 * Parses and checks a calendar file's text. Every problem is a {@link WorkingCalendarError} naming
 * the line and the date or key: malformed JSON (with its line), a year key outside
 * {@link CALENDAR_MIN_YEAR}–{@link CALENDAR_MAX_YEAR}, a malformed or impossible date, a date filed
 * under another year, a date listed twice, a date both a holiday and a make-up working day, a
 * make-up working day that is not a Saturday or Sunday, an unknown key.
 */
export function parseWorkingCalendar(text: string, origin = 'bundled'): WorkingCalendar {
  const where = (line: number) => (line > 0 ? `${origin} 第 ${line} 行 (line ${line})` : origin);
  const fail = (line: number, zh: string, en: string): never => {
    throw new WorkingCalendarError(`工作日历文件有误：${where(line)}：${zh} (working calendar ${origin}${line > 0 ? `, line ${line}` : ''}: ${en})`);
  };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (err) {
    const message = (err as Error).message;
    const pos = /position (\d+)/.exec(message);
    const line = pos ? text.slice(0, Number(pos[1])).split('\n').length : jsonErrorLine(text);
    return fail(line, `不是有效的 JSON：${message}`, `not valid JSON: ${message}`);
  }
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) return fail(1, '顶层须为对象 {"name", "years"}', 'the top level must be an object with "name" and "years"');
  const top = raw as Record<string, unknown>;
  for (const key of Object.keys(top)) {
    if (key !== 'name' && key !== 'years') fail(lineOf(text, `"${key}"`), `未知字段 "${key}"`, `unknown key "${key}"`);
  }
  const name = typeof top.name === 'string' ? top.name : '工作日历';
  const yearsRaw = top.years;
  if (typeof yearsRaw !== 'object' || yearsRaw === null || Array.isArray(yearsRaw)) return fail(lineOf(text, '"years"'), '"years" 须为对象，键为年份', '"years" must be an object keyed by year');
  const years = new Map<number, CalendarYear>();
  const seen = new Map<string, { list: string; count: number }>();
  for (const [key, value] of Object.entries(yearsRaw as Record<string, unknown>)) {
    const keyLine = lineOf(text, `"${key}"`);
    if (!/^\d{4}$/.test(key) || Number(key) < CALENDAR_MIN_YEAR || Number(key) > CALENDAR_MAX_YEAR) {
      fail(keyLine, `年份 "${key}" 超出范围 ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`, `year "${key}" is outside ${CALENDAR_MIN_YEAR}–${CALENDAR_MAX_YEAR}`);
    }
    const year = Number(key);
    if (typeof value !== 'object' || value === null || Array.isArray(value)) return fail(keyLine, `${key} 年须为对象`, `year ${key} must be an object`);
    const y = value as Record<string, unknown>;
    for (const k of Object.keys(y)) {
      if (!['published', 'source', 'holidays', 'makeUpWorkdays'].includes(k)) {
        fail(lineOf(text, `"${k}"`), `${key} 年有未知字段 "${k}"（应为 published、source、holidays、makeUpWorkdays）`, `year ${key} has an unknown key "${k}" (expected published, source, holidays, makeUpWorkdays)`);
      }
    }
    if (typeof y.published !== 'boolean') fail(keyLine, `${key} 年缺少 "published"（true/false）`, `year ${key} needs "published": true or false`);
    const lists: Record<'holidays' | 'makeUpWorkdays', string[]> = { holidays: [], makeUpWorkdays: [] };
    for (const list of ['holidays', 'makeUpWorkdays'] as const) {
      const entries = y[list] ?? [];
      if (!Array.isArray(entries)) return fail(keyLine, `${key} 年的 "${list}" 须为日期数组`, `year ${key}: "${list}" must be an array of dates`);
      for (const entry of entries) {
        const date = String(entry);
        const prior = seen.get(date);
        const occurrence = (prior?.count ?? 0) + 1;
        const line = lineOf(text, `"${date}"`, occurrence) || lineOf(text, date);
        if (typeof entry !== 'string' || !isValidDate(date)) fail(line, `日期 "${date}" 无效，须为存在的 yyyy-mm-dd`, `"${date}" is not a valid yyyy-mm-dd date`);
        if (Number(date.slice(0, 4)) !== year) fail(line, `日期 ${date} 不属于 ${key} 年`, `${date} is listed under year ${key}`);
        if (prior) {
          if (prior.list !== list) fail(line, `日期 ${date} 同时列为放假日和调休上班日`, `${date} is listed both as a holiday and as a make-up working day`);
          fail(line, `日期 ${date} 重复列出`, `${date} is listed twice`);
        }
        if (list === 'makeUpWorkdays') {
          const weekday = new Date(`${date}T00:00:00Z`).getUTCDay();
          if (weekday !== 0 && weekday !== 6) fail(line, `调休上班日 ${date} 不是周六或周日`, `make-up working day ${date} is not a Saturday or Sunday`);
        }
        seen.set(date, { list, count: occurrence });
        lists[list].push(date);
      }
    }
    years.set(year, { published: y.published as boolean, source: typeof y.source === 'string' ? y.source : '', holidays: lists.holidays, makeUpWorkdays: lists.makeUpWorkdays });
  }
  return new WorkingCalendar(name, years, origin);
}

let bundled: WorkingCalendar | undefined;

/** The calendar shipped with the code (2026 published, 2027 weekends only). */
export function bundledWorkingCalendar(): WorkingCalendar {
  return (bundled ??= parseWorkingCalendar(BUNDLED_WORKING_CALENDAR_JSON, 'bundled'));
}

const loaded = new Map<string, WorkingCalendar>();

/**
 * The calendar to use: the file at `path` (WORKING_CALENDAR_FILE) when given, else the bundled one.
 * Read and checked once per path; an unreadable or invalid file throws, and the process does not start.
 */
export function loadWorkingCalendar(path: string | undefined): WorkingCalendar {
  if (!path) return bundledWorkingCalendar();
  let calendar = loaded.get(path);
  if (!calendar) {
    let text: string;
    try {
      text = readFileSync(path, 'utf8');
    } catch (err) {
      throw new WorkingCalendarError(`无法读取工作日历文件 ${path} (cannot read working calendar ${path}): ${(err as Error).message}`);
    }
    calendar = parseWorkingCalendar(text, path);
    loaded.set(path, calendar);
  }
  return calendar;
}

/** Injection token of the process's {@link WorkingCalendar} (a plain symbol: this lib stays free of Nest). */
export const WORKING_CALENDAR = Symbol('WORKING_CALENDAR');
