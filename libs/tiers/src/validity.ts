/** Title validity (DOMAIN.md §1.5): every tier is valid for 3 years from recognition. */

export const TITLE_VALIDITY_YEARS = 3;

/**
 * The date a title certified on `certifiedOn` (yyyy-mm-dd) lapses: the same calendar day three
 * years later (29 February falls back to 28 February). The title is valid on days before it.
 */
export function tierExpiresOn(certifiedOn: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})/.exec(certifiedOn);
  if (!match) throw new RangeError(`tierExpiresOn: not an ISO date: ${certifiedOn}`);
  const year = Number(match[1]) + TITLE_VALIDITY_YEARS;
  const month = match[2];
  let day = match[3];
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  if (month === '02' && day === '29' && !leap) day = '28';
  return `${String(year).padStart(4, '0')}-${month}-${day}`;
}

/** Whether a title certified on `certifiedOn` is still valid on `asOf` (both yyyy-mm-dd). */
export function titleValidOn(certifiedOn: string, asOf: string): boolean {
  return asOf.slice(0, 10) < tierExpiresOn(certifiedOn);
}
