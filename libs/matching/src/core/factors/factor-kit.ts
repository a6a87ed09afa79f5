/**
 * What the factor modules (one per listing kind, beside this file) are made of. A {@link KindModel}
 * is the one definition of a kind's scoring: the scorer calls `evaluate` (hard constraints, then one
 * reason per soft factor); the match engine calls `prepare` once per listing, then `precheck` and
 * `bound` per firm. Each factor's fraction is one function of its kind's module, read by
 * `evaluate` and by `bound` alike; a factor too costly for a bound (text relevance) is bounded by
 * its weight.
 */
import type { EnterpriseSide, ListingSide } from '../match-types.js';
import { lazyIndustryFit, lazyRegionFit, type LazyFit } from '../region-industry-fit.js';

export const clamp01 = (x: number): number => (Number.isFinite(x) ? Math.min(1, Math.max(0, x)) : 0);

/** Tier order, for the credit-loan type fit and the solver-tier factor (4 = the top tier). */
export const TIER_RANK: Readonly<Record<string, number>> = { NONE: 0, INNOVATIVE_SME: 1, SPECIALIZED_SME: 2, LITTLE_GIANT: 3, KEY_LITTLE_GIANT: 4 };

/**
 * What the match engine adds to a kind's bound (the unrounded points) to compare it with scores.
 * A score is the rounded sum of its factors' points in tenths, so it may exceed their sum by
 * 0.05 (plus 1e-7 per factor from the tenths' own rounding), and a bound sums its terms in
 * another order than the scorer. 0.2 covers both several times over; a larger slack only makes the
 * engine score a few more pairs, a smaller one would let it drop a pair that belongs in a set.
 */
export const BOUND_SLACK = 0.2;

/** A kind's most points (its weights all earned in full; 100 for every kind). */
export const maxPointsOf = (weights: Readonly<Record<string, number>>): number => Object.values(weights).reduce((sum, w) => sum + w, 0);

/** A soft factor's reason: its label is a function, called only when the result is explained. */
export interface LazyReason {
  code: string;
  label: () => string;
  /** Unrounded points. */
  points: number;
}
export interface LazyExclusion {
  code: string;
  label: () => string;
}
export type Evaluation = { excluded: LazyExclusion[] } | { raw: LazyReason[] };

/**
 * A factor's points in tenths, rounded as `finalize` rounds them: what {@link factor} gives, for
 * the label-free exact scores (`KindModel.score`), which add these in the scorer's factor order.
 */
export const tenths = (max: number, fraction: number): number => Math.round(max * clamp01(fraction) * 10 * 1e6) / 1e6;

/** The score `scoreValue` gives for a sum of {@link tenths} (in the scorer's factor order). */
export const scoreOfTenths = (sum: number): number => Math.round(sum) / 10;

export const exclusion = (code: string, label: () => string): LazyExclusion => ({ code, label });

/** A factor earns `max` × its fraction, clamped to 0..1. */
export const factor = (code: string, max: number, fraction: number, label: () => string): LazyReason => ({
  code,
  label,
  points: max * clamp01(fraction),
});

/**
 * The listing's regions and industries against the firm's district and industry (every kind;
 * a vacancy judges region by the firm's space need instead). The engine's pre-checks: the listing
 * index (by region) and {@link industryCovers} in `ListingPool.topFor`.
 */
export function generalExclusions(e: EnterpriseSide, l: ListingSide, checkRegion: boolean): { excluded: LazyExclusion[]; region: LazyFit; industry: LazyFit } {
  const excluded: LazyExclusion[] = [];
  const region = lazyRegionFit(l.regionCodes, e.regionCode);
  const industry = lazyIndustryFit(l.industryCodes, e.industryCode);
  if (checkRegion && !region.ok) excluded.push(exclusion('REGION_MISMATCH', () => `企业所在${region.label()}`));
  if (!industry.ok) excluded.push(exclusion('INDUSTRY_MISMATCH', () => `企业${industry.label()}`));
  return { excluded, region, industry };
}

/** The firm's facts the pre-checks and bounds read, computed once per firm by the match engine. */
export interface FirmFacts {
  e: EnterpriseSide;
  /** Upper-cased industry code. */
  industry: string;
  /** Region stem of the firm's district. */
  region: string;
  /** Latest revenue; -1 when not reported. */
  revenue: number;
  years: number;
  today: string;
  /** Service categories that close an unmet criterion of a failed assessment. */
  gaps: ReadonlySet<string>;
  /**
   * Only district, service needs and financing need are known (an incremental job's pre-filter,
   * tier gaps assumed everywhere): a bound takes every other fact at its most favourable.
   */
  partial?: boolean;
}

/**
 * The firm's facts the exact scores read besides {@link FirmFacts}, computed once per firm (never
 * partial).
 */
export interface ScoringFacts extends FirmFacts {
  partial?: false;
  /** Total liabilities / total assets; undefined when not stated. */
  debt: number | undefined;
  /** Distinct unmet-criterion labels of failed assessments per service category (the TIER_GAP count). */
  gapCounts: ReadonlyMap<string, number>;
  /** Bigram set of the firm's capabilities and main products (text relevance). */
  grams: ReadonlySet<string>;
  /** Region stems of the space need (empty when none or anywhere). */
  spaceStems: readonly string[];
}

/** One listing kind's scoring model: the scorer's evaluation and the engine's pre-check and bound, together. */
export interface KindModel<L extends ListingSide, X> {
  /** What a pair of this kind can score at most. */
  readonly maxPoints: number;
  /** The scorer's evaluation: the exclusions, or one lazy reason per soft factor. */
  evaluate(e: EnterpriseSide, l: L, today: string): Evaluation;
  /** The listing-only figures `precheck` and `bound` read, computed once per listing. */
  prepare(l: L): X;
  /** A necessary condition of `evaluate`'s kind-specific exclusions: false only for a pair `evaluate` excludes. */
  precheck(x: X, f: FirmFacts): boolean;
  /** An upper bound of the points `evaluate` gives an admitted pair (before {@link BOUND_SLACK}). */
  bound(x: X, f: FirmFacts): number;
  /**
   * The exact score `evaluate` gives the pair after `finalize`'s rounding (what `scoreValue` returns),
   * or null when `evaluate` excludes it — with no reason objects, labels or closures: the engine
   * ranks every candidate with it and explains only the kept ones.
   */
  score(x: X, f: ScoringFacts): number | null;
}
