/**
 * Title validity (DOMAIN.md §8.2): a title is valid for 3 years from its certification date. After
 * that, without a renewal (a new certification date) and without a re-review the AUTHORITY recorded
 * as pending, it is LAPSED: it satisfies no prerequisite, counts in no statistic or bank
 * eligibility, and is not "at re-review risk" (that window is the 12 months before expiry).
 */
import type { CertifiedTier } from './tier-types.js';

export const TITLE_VALIDITY_YEARS = 3;
/** The re-review risk window: the 12 months before expiry. */
export const REVIEW_RISK_MONTHS = 12;

const ISO = /^(\d{4})-(\d{2})-(\d{2})/;
const isLeap = (y: number) => (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
const daysIn = (y: number, m: number) => [31, isLeap(y) ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1]!;
const pad = (n: number, w = 2) => String(n).padStart(w, '0');

/**
 * `date` (yyyy-mm-dd) plus `months` calendar months, clamped to the last day of the target month:
 * 01-31 + 1 month = 02-28 (02-29 in a leap year); 02-29 + 12 months = 02-28. Negative months go back.
 */
export function addMonthsClamped(date: string, months: number): string {
  const m = ISO.exec(date);
  if (!m) throw new RangeError(`addMonthsClamped: not an ISO date: ${date}`);
  const index = Number(m[1]) * 12 + (Number(m[2]) - 1) + months;
  const year = Math.floor(index / 12);
  const month = index - year * 12 + 1;
  const day = Math.min(Number(m[3]), daysIn(year, month));
  return `${pad(year, 4)}-${pad(month)}-${pad(day)}`;
}

/**
 * The date a title certified on `certifiedOn` (yyyy-mm-dd) lapses: three years later, clamped
 * (29 February falls back to 28 February). The title is valid on days before it.
 */
export function tierExpiresOn(certifiedOn: string): string {
  return addMonthsClamped(certifiedOn, TITLE_VALIDITY_YEARS * 12);
}

/** Whether a title certified on `certifiedOn` is still within its 3 years on `asOf` (both yyyy-mm-dd). */
export function titleValidOn(certifiedOn: string, asOf: string): boolean {
  return asOf.slice(0, 10) < tierExpiresOn(certifiedOn);
}

/**
 * NONE: no title. VALID: within 3 years (or no certification date recorded, which cannot be
 * checked). REVIEW_PENDING: past 3 years, but the AUTHORITY recorded the re-review as pending until
 * a date not yet passed. LAPSED: past 3 years with neither.
 */
export type TitleStatus = 'NONE' | 'VALID' | 'REVIEW_PENDING' | 'LAPSED';

export interface TitleRecord {
  tier: CertifiedTier;
  certifiedOn?: string | null;
  /** Last day a pending re-review keeps the title in force (recorded by the AUTHORITY). */
  reviewPendingUntil?: string | null;
}

export interface TitleStanding {
  status: TitleStatus;
  /** Day the 3 years end (the first day the title is no longer valid by itself); null without a date. */
  expiresOn: string | null;
  /** REVIEW_PENDING only: the last day the pending re-review keeps the title in force. */
  reviewPendingUntil?: string;
}

/** The standing of a firm's title on `asOf` (§8.2). */
export function titleStanding(t: TitleRecord, asOf: string): TitleStanding {
  if (t.tier === 'NONE') return { status: 'NONE', expiresOn: null };
  if (!t.certifiedOn) return { status: 'VALID', expiresOn: null };
  const expiresOn = tierExpiresOn(t.certifiedOn);
  const day = asOf.slice(0, 10);
  if (day < expiresOn) return { status: 'VALID', expiresOn };
  const until = t.reviewPendingUntil?.slice(0, 10);
  if (until && day <= until) return { status: 'REVIEW_PENDING', expiresOn, reviewPendingUntil: until };
  return { status: 'LAPSED', expiresOn };
}

/** The title that counts on `asOf`: the certified tier while VALID or REVIEW_PENDING, else NONE. */
export function effectiveTier(t: TitleRecord, asOf: string): CertifiedTier {
  const { status } = titleStanding(t, asOf);
  return status === 'VALID' || status === 'REVIEW_PENDING' ? t.tier : 'NONE';
}

/** Whether `asOf` lies in the 12 months before expiry: expiresOn − 12 months ≤ asOf < expiresOn. */
export function inReviewRiskWindow(expiresOn: string, asOf: string): boolean {
  const day = asOf.slice(0, 10);
  return day < expiresOn && addMonthsClamped(expiresOn, -REVIEW_RISK_MONTHS) <= day;
}

/** "称号已于2026-12-03失效（有效期3年，未复核）" and the like, for people; undefined for NONE. */
export function titleStatusText(s: TitleStanding): string | undefined {
  switch (s.status) {
    case 'NONE':
      return undefined;
    case 'VALID':
      return s.expiresOn ? `称号有效，有效期至${dayBefore(s.expiresOn)}` : '称号有效（未填写认定日期，有效期无法核对）';
    case 'REVIEW_PENDING':
      return `复核中，有效至${s.reviewPendingUntil}（认定满3年于${s.expiresOn}届满，主管部门登记复核待定，暂按有效计）`;
    case 'LAPSED':
      return `称号已于${s.expiresOn}失效（认定满3年，未续期且无待定复核）`;
  }
}

function dayBefore(date: string): string {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
}
