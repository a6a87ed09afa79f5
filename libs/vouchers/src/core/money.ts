/**
 * Money in the voucher ledger (ADR 0033): every amount is an integer number of 分 (fen, 1/100 元),
 * a JavaScript safe integer, stored as bigint. No floats ever hold money; a ratio applied to a price
 * rounds DOWN to the fen, so the voucher never covers more than the programme's share. Pure.
 */

/** 100 亿元 in fen: above any municipal programme, far below 2^53. */
export const VOUCHER_AMOUNT_CEILING_FEN = 1_000_000_000_000;

export interface AmountProblem {
  readonly message: string;
  readonly field: string;
}

/** 元 with two decimals, for texts people read (12345 → "123.45 元"). */
export function yuan(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')} 元`;
}

/**
 * Null when `value` is a whole number of fen within 0 (or 1 when `positive`) and the ceiling; else
 * the precise problem (negative, fractional fen, beyond 2^53, beyond the product's range).
 */
export function amountProblem(value: unknown, field: string, label: string, positive = true): AmountProblem | null {
  if (typeof value !== 'number' || Number.isNaN(value)) return { field, message: `${label}须为数字（单位：分）(${field} must be a number of fen)` };
  if (!Number.isFinite(value) || Math.abs(value) > Number.MAX_SAFE_INTEGER) {
    return { field, message: `${label}超出可精确表示的范围 2^53 (${field} is beyond 2^53)` };
  }
  if (!Number.isInteger(value)) return { field, message: `${label}须为整数分，不能有小于 1 分的部分 (${field} must be a whole number of fen)` };
  if (value < 0) return { field, message: `${label}不能为负数 (${field} must not be negative)` };
  if (positive && value === 0) return { field, message: `${label}须大于 0 (${field} must be positive)` };
  if (value > VOUCHER_AMOUNT_CEILING_FEN) {
    return { field, message: `${label}超过平台上限 ${yuan(VOUCHER_AMOUNT_CEILING_FEN)} (${field} is above the ceiling of ${VOUCHER_AMOUNT_CEILING_FEN} fen)` };
  }
  return null;
}

/** The voucher's share of a price: floor(price × percent / 100), in fen. */
export function coveredShare(priceFen: number, coverPercent: number): number {
  return Number((BigInt(priceFen) * BigInt(coverPercent)) / 100n);
}

/** What the voucher may pay for a claim: min(share of the price, what is left on the voucher). */
export function maxCoverage(priceFen: number, coverPercent: number, remainingFen: number): number {
  return Math.min(coveredShare(priceFen, coverPercent), remainingFen);
}
