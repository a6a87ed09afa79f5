/**
 * Bounds of the outcomes a provider records on a match request (issue 17 item 5): the amount a
 * firm applies for, the bank's credit decision, a service's delivery. Pure: each check returns the
 * problem (Chinese first, then English, and the input field it concerns) or null; the service
 * turns a problem into BAD_USER_INPUT before anything is written.
 */

/**
 * Ceiling of any single amount recorded on a case (applied, granted, price, contract value), in
 * yuan: 100 亿元. Far above any SME loan or service contract, and low enough that sums over the
 * platform's cases stay exact (2^53 yuan is about 36 times China's whole RMB loan stock).
 */
export const CASE_AMOUNT_CEILING_YUAN = 10_000_000_000;
/** Annual rate bounds, percent: the listing's own bounds (0–24, the judicial protection ceiling of 4×LPR rounded up). */
export const ANNUAL_RATE_MIN_PERCENT = 0;
export const ANNUAL_RATE_MAX_PERCENT = 24;
/** Term bounds, months: at least 1, at most the product's own termMonthsMax (itself 1–360). */
export const TERM_MONTHS_MIN = 1;
export const DECISION_NOTE_MAX_CHARS = 500;

export interface BoundsProblem {
  field: string;
  message: string;
}

/** The credit product's own range (yuan, months). */
export interface CreditProductRange {
  amountMin: number;
  amountMax: number;
  termMonthsMax: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const yuan = (n: number) => `${n.toLocaleString('en-US')} 元`;
/** At most 32 characters of the caller's value in a message (ADR 0029; the pure core has its own copy of the rule). */
const echo = (v: unknown) => Array.from(String(v)).slice(0, 32).join('');

/**
 * A whole number of yuan within the product's range and the platform ceiling (whichever is lower).
 * Used for the amount applied for and the amount granted.
 */
export function creditAmountProblem(value: unknown, range: Pick<CreditProductRange, 'amountMin' | 'amountMax'>, field: string, labelZh: string): BoundsProblem | null {
  const max = Math.min(range.amountMax, CASE_AMOUNT_CEILING_YUAN);
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value <= 0) {
    return { field, message: `${labelZh}须为正整数（单位：元），收到 ${echo(value)} (${field} must be a positive whole number of yuan)` };
  }
  if (value < range.amountMin || value > max) {
    return {
      field,
      message:
        `${labelZh} ${yuan(value)} 不在该产品的额度范围 ${yuan(range.amountMin)}–${yuan(max)} 之内 ` +
        `(${field} ${value} is outside the product's range ${range.amountMin}–${max} yuan)`,
    };
  }
  return null;
}

/** A non-negative whole number of yuan up to the ceiling (service price, contract value). */
export function caseAmountProblem(value: unknown, field: string, labelZh: string): BoundsProblem | null {
  if (typeof value !== 'number' || !Number.isSafeInteger(value) || value < 0 || value > CASE_AMOUNT_CEILING_YUAN) {
    return {
      field,
      message: `${labelZh}须为 0–${yuan(CASE_AMOUNT_CEILING_YUAN)} 的整数（单位：元），收到 ${echo(value)} (${field} must be a whole number of yuan from 0 to ${CASE_AMOUNT_CEILING_YUAN})`,
    };
  }
  return null;
}

/** Annual rate in percent, 0–24 (e.g. 3.45 means 3.45 %). */
export function annualRateProblem(value: unknown, field: string): BoundsProblem | null {
  if (typeof value !== 'number' || !Number.isFinite(value) || value < ANNUAL_RATE_MIN_PERCENT || value > ANNUAL_RATE_MAX_PERCENT) {
    return {
      field,
      message: `年利率须在 ${ANNUAL_RATE_MIN_PERCENT}%–${ANNUAL_RATE_MAX_PERCENT}% 之间（如 3.45 表示 3.45%），收到 ${echo(value)} (${field} must be a percentage from ${ANNUAL_RATE_MIN_PERCENT} to ${ANNUAL_RATE_MAX_PERCENT})`,
    };
  }
  return null;
}

/** Whole months from 1 to the product's longest term. */
export function termMonthsProblem(value: unknown, termMonthsMax: number, field: string): BoundsProblem | null {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < TERM_MONTHS_MIN || value > termMonthsMax) {
    return {
      field,
      message: `期限须为 ${TERM_MONTHS_MIN}–${termMonthsMax} 个月的整数（该产品最长 ${termMonthsMax} 个月），收到 ${echo(value)} (${field} must be whole months from ${TERM_MONTHS_MIN} to the product's ${termMonthsMax})`,
    };
  }
  return null;
}

/**
 * A real date (YYYY-MM-DD) from the day the request was made up to and including today (Beijing):
 * an outcome cannot precede the request nor lie in the future.
 */
export function outcomeDateProblem(value: unknown, requestedOn: string, today: string, field: string, labelZh: string): BoundsProblem | null {
  if (!isRealDate(value)) {
    return { field, message: `${labelZh}须为 YYYY-MM-DD 格式的日期，收到 ${echo(value)} (${field} must be a date YYYY-MM-DD)` };
  }
  if (value < requestedOn || value > today) {
    return {
      field,
      message: `${labelZh} ${value} 须在申请日 ${requestedOn} 至今天 ${today} 之间 (${field} must be between the request date ${requestedOn} and today ${today})`,
    };
  }
  return null;
}

/** Whole days from the request date to the disbursement date (both Beijing dates). */
export function daysToDisbursement(requestedOn: string, disbursedOn: string): number {
  return Math.round((Date.parse(`${disbursedOn}T00:00:00Z`) - Date.parse(`${requestedOn}T00:00:00Z`)) / 86_400_000);
}

function isRealDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value)) return false;
  const t = Date.parse(`${value}T00:00:00Z`);
  return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === value;
}
