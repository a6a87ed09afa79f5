/** Whole-元 arithmetic and display (pure). Products are taken in BigInt so no float ever rounds a payment. */

/** The largest amount any policy, base or payout may carry: 100亿元 (well inside 2^53). */
export const MAX_AMOUNT = 10_000_000_000;

/** `shareBp` basis points of `base`, rounded down to the 元. */
export function shareOf(base: number, shareBp: number): number {
  return Number((BigInt(base) * BigInt(shareBp)) / 10_000n);
}

/** `numerator`/`denominator` of `base`, rounded down to the 元. */
export function ratioOf(base: number, numerator: number, denominator: number): number {
  return Number((BigInt(base) * BigInt(numerator)) / BigInt(denominator));
}

/** 500000 → "50万元", 12345 → "1.2345万元", 8000 → "8000元". */
export function formatYuan(amount: number): string {
  if (Math.abs(amount) < 10_000) return `${amount}元`;
  const sign = amount < 0 ? '-' : '';
  const a = Math.abs(amount);
  const whole = Math.floor(a / 10_000);
  const frac = String(a % 10_000).padStart(4, '0').replace(/0+$/, '');
  return `${sign}${whole}${frac ? `.${frac}` : ''}万元`;
}

/** 3000 → "30%", 1250 → "12.5%". */
export function formatShare(shareBp: number): string {
  const whole = Math.floor(shareBp / 100);
  const frac = String(shareBp % 100).padStart(2, '0').replace(/0+$/, '');
  return `${whole}${frac ? `.${frac}` : ''}%`;
}
