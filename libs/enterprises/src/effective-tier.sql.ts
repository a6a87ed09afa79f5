/**
 * SQL twin of `effectiveTier` (libs/tiers/src/validity.ts, DOMAIN.md §8.2) and of `countedTier`
 * (title-provenance.ts, §8.10) for statistics: the certified tier while within 3 years of its
 * certification date or while a re-review the AUTHORITY recorded is pending (until and including
 * its date), and confirmed or imported by the AUTHORITY; NONE once it has lapsed or while it is
 * only the firm's claim (or a rejected one). PostgreSQL's `date + interval '3 years'` clamps like
 * `addMonthsClamped` (2024-02-29 → 2027-02-28). A tier with no certification date cannot be
 * checked and counts (when confirmed or imported), as in the evaluator.
 *
 * `p` is the enterprise_profiles alias; `today` a bound yyyy-mm-dd parameter such as `$2::date`.
 */
export const countedTitleSql = (p: string): string => `(${p}.tier_provenance IS NOT NULL AND ${p}.tier_provenance IN ('CONFIRMED', 'IMPORTED'))`;

export const lapsedSql = (p: string, today: string): string =>
  `(${p}.tier <> 'NONE' AND ${p}.tier_certified_on IS NOT NULL AND ${p}.tier_certified_on + interval '3 years' <= ${today}` +
  ` AND (${p}.tier_review_pending_until IS NULL OR ${p}.tier_review_pending_until < ${today}))`;

/** A counted (confirmed or imported) title that has lapsed: the pipeline's "lapsed" figure. */
export const countedLapsedSql = (p: string, today: string): string => `(${countedTitleSql(p)} AND ${lapsedSql(p, today)})`;

export const effectiveTierSql = (p: string, today: string): string =>
  `CASE WHEN ${lapsedSql(p, today)} OR NOT ${countedTitleSql(p)} THEN 'NONE'::enterprise_tier ELSE ${p}.tier END`;
