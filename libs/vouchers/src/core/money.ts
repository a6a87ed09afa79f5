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

/** "1234.56" from 123456 fen: the API's form of an amount (a decimal string, never a float). */
export function fenToYuanString(fen: number): string {
  const sign = fen < 0 ? '-' : '';
  const abs = Math.abs(fen);
  return `${sign}${Math.floor(abs / 100)}.${String(abs % 100).padStart(2, '0')}`;
}

/**
 * Parses the API's amount (元 as a decimal string with at most two decimals, e.g. "20000" or
 * "1234.5") into fen exactly, or says precisely what is wrong: not a number, negative, a fraction of
 * a fen, beyond 2^53, beyond the product's range.
 */
export function parseYuan(value: unknown, field: string, label: string, positive = true): { fen: number } | AmountProblem {
  if (typeof value !== 'string') return { field, message: `${label}须为以元为单位的十进制字符串，如 "20000.00" (${field} must be a decimal string of yuan)` };
  const s = value.trim();
  if (s.length > 40) return { field, message: `${label}超出可精确表示的范围 2^53 (${field} is beyond 2^53)` };
  const m = /^(-)?(\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) return { field, message: `${label}须为以元为单位的十进制数，如 "20000.00"，收到 "${Array.from(s).slice(0, 24).join('')}" (${field} must look like 20000.00)` };
  if (m[1]) return { field, message: `${label}不能为负数 (${field} must not be negative)` };
  const decimals = m[3] ?? '';
  if (decimals.replace(/0+$/, '').length > 2) return { field, message: `${label}最小单位为 1 分（两位小数），不能有小于 1 分的部分 (${field} has a fraction of a fen)` };
  const fen = BigInt(m[2]!) * 100n + BigInt((decimals + '00').slice(0, 2));
  if (fen > BigInt(Number.MAX_SAFE_INTEGER)) return { field, message: `${label}超出可精确表示的范围 2^53 (${field} is beyond 2^53)` };
  const problem = amountProblem(Number(fen), field, label, positive);
  return problem ?? { fen: Number(fen) };
}
