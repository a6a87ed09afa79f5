import { AppError } from '../errors/app-error.js';
import { echoInput } from '../errors/echo-input.js';

/**
 * Plausible values (issue 24 item 2, ADR 0032): the bounds every validator applies to money, rates,
 * areas, rents and dates, each with the reason beside it. A value outside its bound is refused with
 * BAD_USER_INPUT naming the field (`extensions.field`) and the allowed range (`extensions.allowed`,
 * and in the Chinese message). Schema descriptions quote the same constants (boundText).
 *
 * These are sanity bounds against typing mistakes and junk (9×10^15 元 of revenue, 0001-01-01), not
 * business rules: a product's own range (a credit product's amountMin–amountMax) is checked where
 * the product is known, inside these.
 */
export interface Bound {
  /** Lowest allowed value. */
  readonly min: number;
  /** True when `min` itself is refused: (min, max]. */
  readonly minExclusive?: boolean;
  readonly max: number;
  /** Whole numbers only. */
  readonly integer?: boolean;
  /** The unit as shown to people (元, %, m², 元/m²·天 …). */
  readonly unit: string;
  /** Why this bound: kept beside the numbers so nobody has to guess when to move it. */
  readonly reason: string;
}

/** 10^13 元 (10 万亿元). */
export const MONEY_MAX_YUAN = 10_000_000_000_000;

export const PLAUSIBLE = {
  /**
   * Any amount of money in whole yuan: revenue, assets, prices, budgets, credit lines. 10 万亿元 is
   * above the yearly revenue of China's largest firm (State Grid, about 3.5 万亿元) and far below
   * 2^53 (about 9×10^15), so sums over thousands of firms stay exact in JavaScript and PostgreSQL.
   */
  moneyYuan: { min: 0, max: MONEY_MAX_YUAN, integer: true, unit: '元', reason: '高于国内最大企业的年营业收入（约 3.5 万亿元），且远低于 2^53，汇总仍精确' },
  /** A positive amount of money (a credit line, a financing need, an equity round). */
  positiveMoneyYuan: { min: 0, minExclusive: true, max: MONEY_MAX_YUAN, integer: true, unit: '元', reason: '须大于 0；上限同其他金额：10 万亿元' },
  /**
   * Net profit may be a loss: the same magnitude either way.
   */
  signedMoneyYuan: { min: -MONEY_MAX_YUAN, max: MONEY_MAX_YUAN, integer: true, unit: '元', reason: '可为负（亏损）；绝对值上限同其他金额：10 万亿元' },
  /**
   * Annual interest rate in percent (3.45 means 3.45 %), above 0 and at most 24: 24 % is the old
   * judicial protection ceiling and above four times the LPR (4×3.0 % = 12 %), the current ceiling
   * for private lending; a rate of 0 or 0.031 is a fraction typed as a percentage.
   */
  annualRatePercent: { min: 0, minExclusive: true, max: 24, unit: '%', reason: '年利率以百分数计（3.45 表示 3.45%），须大于 0，不超过 24%（民间借贷司法保护上限，高于 4 倍 LPR）' },
  /**
   * Floor area of one vacancy or space need in square metres: up to 1 000 000 m² (100 hectares,
   * about 1 500 亩, larger than any single industrial park plot offered as one unit).
   */
  areaSqm: { min: 0, minExclusive: true, max: 1_000_000, unit: 'm²', reason: '单宗空间不超过 100 万 m²（约 1500 亩）' },
  /**
   * Rent in yuan per square metre per day: up to 50 (Shanghai's dearest offices ask about 15 元/m²·天;
   * Ningbo industrial space 0.5–1.5). A monthly or yearly figure typed here lands above it.
   */
  rentPerSqmDay: { min: 0, minExclusive: true, max: 50, unit: '元/m²·天', reason: '国内最贵写字楼约 15 元/m²·天，按月或按年填写的租金会超出此上限' },
  /** Clear ceiling height of a vacancy: up to 50 m (high-bay halls are 12–24 m). */
  ceilingHeightM: { min: 0, minExclusive: true, max: 50, unit: 'm', reason: '高大厂房净高一般 12–24 m' },
  /** Floor load: up to 20 000 kg/m² (heavy-industry ground floors are 3 000–10 000). */
  floorLoadKgPerSqm: { min: 0, minExclusive: true, max: 20_000, unit: 'kg/m²', reason: '重型厂房首层承重一般 3000–10000 kg/m²' },
  /** Power capacity of a vacancy: up to 1 000 000 kVA (a 1 000 MVA substation feeds a whole district). */
  powerCapacityKva: { min: 0, minExclusive: true, max: 1_000_000, unit: 'kVA', reason: '100 万 kVA 已是区域变电站的容量' },
  /** Required tax per 亩 in 万元: up to 10 000 (Ningbo's best plots yield about 100–300 万元/亩). */
  taxPerMuWan: { min: 0, minExclusive: true, max: 10_000, unit: '万元/亩', reason: '宁波亩均税收领先地块约 100–300 万元/亩' },
} as const satisfies Record<string, Bound>;

export type PlausibleKind = keyof typeof PLAUSIBLE;

/** A date window around today, in whole years (negative: in the past), or fixed days. */
export interface DateWindow {
  /** Earliest allowed date: a fixed yyyy-mm-dd, or years relative to today. */
  readonly earliest: string | { yearsFromToday: number };
  /** Latest allowed date: a fixed yyyy-mm-dd, or years relative to today (0: today). */
  readonly latest: string | { yearsFromToday: number };
  readonly reason: string;
}

export const DATE_WINDOWS = {
  /** When a vacancy is available: listed up to a year late, or offered up to five years ahead (new builds). */
  availability: { earliest: { yearsFromToday: -1 }, latest: { yearsFromToday: 5 }, reason: '可入驻日期为一年前至五年后（在建园区可提前发布）' },
  /** A 揭榜 deadline: an older challenge may be edited up to a year after; calls run at most five years. */
  challengeApplyBy: { earliest: { yearsFromToday: -1 }, latest: { yearsFromToday: 5 }, reason: '揭榜截止日期为一年前至五年后' },
  /** A challenge's completion deadline: research projects run up to ten years. */
  challengeCompletion: { earliest: { yearsFromToday: -1 }, latest: { yearsFromToday: 10 }, reason: '完成期限为一年前至十年后' },
  /** A firm's founding (and its main business, its certification): the People's Republic's firms, not in the future. */
  founding: { earliest: '1949-10-01', latest: { yearsFromToday: 0 }, reason: '成立日期不早于 1949-10-01，且不晚于今天' },
} as const satisfies Record<string, DateWindow>;

export type DateWindowKind = keyof typeof DATE_WINDOWS;

const fmt = (n: number) => (Math.abs(n) >= 10_000 ? n.toLocaleString('en-US') : String(n));

/** The allowed range as written in messages and descriptions, e.g. `(0, 24] %` or `[0, 10,000,000,000,000] 元`. */
export function boundText(kind: PlausibleKind): string {
  const b: Bound = PLAUSIBLE[kind];
  return `${b.minExclusive ? '(' : '['}${fmt(b.min)}, ${fmt(b.max)}] ${b.unit}`;
}

/** The window's dates for `today` (yyyy-mm-dd). */
export function dateWindowBounds(kind: DateWindowKind, today: string): { earliest: string; latest: string } {
  const w: DateWindow = DATE_WINDOWS[kind];
  const at = (edge: DateWindow['earliest']) => (typeof edge === 'string' ? edge : shiftYears(today, edge.yearsFromToday));
  return { earliest: at(w.earliest), latest: at(w.latest) };
}

/** The window in words for descriptions (today-relative edges stay relative). */
export function dateWindowText(kind: DateWindowKind): string {
  const w: DateWindow = DATE_WINDOWS[kind];
  const edge = (e: DateWindow['earliest']) =>
    typeof e === 'string' ? e : e.yearsFromToday === 0 ? '今天' : e.yearsFromToday < 0 ? `${-e.yearsFromToday} 年前` : `${e.yearsFromToday} 年后`;
  return `${edge(w.earliest)} 至 ${edge(w.latest)}`;
}

/** yyyy-mm-dd shifted by whole years; 29 February becomes 28 February in a common year. */
export function shiftYears(date: string, years: number): string {
  const y = Number(date.slice(0, 4)) + years;
  const md = date.slice(5);
  const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
  return `${String(y).padStart(4, '0')}-${md === '02-29' && !leap ? '02-28' : md}`;
}

function outOfBound(message: string, field: string, allowed: string): AppError {
  return new AppError('BAD_USER_INPUT', message, { field, allowed });
}

/**
 * `value` within its plausible bound, else BAD_USER_INPUT on `field` with the allowed range.
 * null/undefined pass through (optional fields) unless `required`; `label` names the field in Chinese.
 */
export function plausible<T extends number | null | undefined>(value: T, kind: PlausibleKind, field: string, label: string, { required = false } = {}): T {
  if ((value === null || value === undefined) && !required) return value;
  const b: Bound = PLAUSIBLE[kind];
  const ok =
    typeof value === 'number' &&
    Number.isFinite(value) &&
    (b.integer ? Number.isSafeInteger(value) : true) &&
    (b.minExclusive ? value > b.min : value >= b.min) &&
    value <= b.max;
  if (!ok) {
    const allowed = boundText(kind);
    throw outOfBound(
      `${label}须在 ${allowed} 之内${b.integer ? '（整数）' : ''}：${b.reason}；收到 ${echoInput(value)} (${field} must be within ${allowed})`,
      field,
      allowed,
    );
  }
  return value;
}

/**
 * A yyyy-mm-dd date (already checked to be a real day) inside its window around `today`, else
 * BAD_USER_INPUT on `field` naming the window.
 */
export function plausibleDate(value: string, kind: DateWindowKind, today: string, field: string, label: string): string {
  const { earliest, latest } = dateWindowBounds(kind, today);
  if (value < earliest || value > latest) {
    const allowed = `[${earliest}, ${latest}]`;
    throw outOfBound(`${label}须在 ${earliest} 至 ${latest} 之间：${DATE_WINDOWS[kind].reason}；收到 ${value} (${field} must be within ${allowed})`, field, allowed);
  }
  return value;
}
