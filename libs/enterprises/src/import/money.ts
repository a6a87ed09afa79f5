import { echoInput } from '../../../platform/src/index.js';
import { MONEY_UNITS, type MoneyUnit } from './import-columns.js';

/** The largest amount stored (元): bigint columns read back as JS numbers, so 2^53 − 1. */
export const MAX_AMOUNT_YUAN = BigInt(Number.MAX_SAFE_INTEGER);

export type MoneyParse = { ok: true; yuan: number } | { ok: false; reason: string };

/**
 * A money cell → whole 元, by decimal string arithmetic (no floating point): "1,234.5678" 万元 →
 * 12345678 元. Accepts a sign, thousands separators, a leading ¥/￥ and a trailing unit word equal
 * to the column's. 元 columns take whole numbers (".00" allowed); 万元 columns at most 4 decimals
 * (whole 元). Amounts beyond ±(2^53 − 1) 元 are refused.
 */
export function parseMoney(text: string, unit: MoneyUnit): MoneyParse {
  const { zh, decimals } = MONEY_UNITS[unit];
  let s = text.replace(/[\s\u3000]/g, '').replace(/^[¥￥]/, '');
  if (s.endsWith(zh)) s = s.slice(0, -zh.length);
  const m = /^([+-]?)(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d+))?$/.exec(s);
  if (!m) {
    return { ok: false, reason: unit === 'YUAN' ? `“${echoInput(text)}”无效：金额须为以元计的整数 (amounts are whole yuan, no decimals)` : `“${echoInput(text)}”无效：须为以万元计的数字 (must be a number of 万元)` };
  }
  const [, sign, intPart, frac = ''] = m;
  const significant = frac.replace(/0+$/, '');
  if (significant.length > decimals) {
    return {
      ok: false,
      reason:
        unit === 'YUAN'
          ? `“${echoInput(text)}”无效：金额须为以元计的整数 (amounts are whole yuan, no decimals)`
          : `“${echoInput(text)}”小数超过 4 位：以万元计的金额最多 4 位小数（精确到元）(at most 4 decimals in 万元, i.e. whole yuan)`,
    };
  }
  const digits = intPart!.replace(/,/g, '') + significant.padEnd(decimals, '0');
  const magnitude = BigInt(digits);
  if (magnitude > MAX_AMOUNT_YUAN) return { ok: false, reason: `“${echoInput(text)}”超出可表示的范围：金额最多 ${MAX_AMOUNT_YUAN} 元 (amount exceeds 2^53 − 1 yuan)` };
  const yuan = Number(magnitude);
  return { ok: true, yuan: sign === '-' && yuan !== 0 ? -yuan : yuan };
}
