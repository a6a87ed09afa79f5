/**
 * SQL twin of `effectiveTier` (libs/tiers/src/validity.ts, DOMAIN.md §8.2) for statistics: the
 * certified tier while within 3 years of its certification date or while a re-review the AUTHORITY
 * recorded is pending (until and including its date), NONE once it has lapsed. PostgreSQL's
 * `date + interval '3 years'` clamps like `addMonthsClamped` (2024-02-29 → 2027-02-28). A tier with
 * no certification date cannot be checked and counts, as in the evaluator.
 *
 * `p` is the enterprise_profiles alias; `today` a bound yyyy-mm-dd parameter such as `$2::date`.
 */
export const lapsedSql = (p: string, today: string): string =>
  `(${p}.tier <> 'NONE' AND ${p}.tier_certified_on IS NOT NULL AND ${p}.tier_certified_on + interval '3 years' <= ${today}` +
  ` AND (${p}.tier_review_pending_until IS NULL OR ${p}.tier_review_pending_until < ${today}))`;

export const effectiveTierSql = (p: string, today: string): string =>
  `CASE WHEN ${lapsedSql(p, today)} THEN 'NONE'::enterprise_tier ELSE ${p}.tier END`;
