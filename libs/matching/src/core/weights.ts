/**
 * Scorer version and weights as data. Each kind's factors sum to 100 points; a factor earns a
 * fraction 0–1 of its maximum. Bump {@link SCORER_VERSION} whenever weights, params or rules change:
 * stored matches carry it so stale rows can be rescored.
 */
import type { MatchListingKind } from './match-types.js';

// 1.0.1: equity financing not reported in either of the newest two years is "not stated", no longer 0.
// 1.0.3: reasons name regions and industries (余姚市, 通用设备制造业), never their codes.
export const SCORER_VERSION = '1.0.3';

export const WEIGHTS = {
  CREDIT_PRODUCT: {
    /** Bank's side: how comfortably the firm clears each eligibility threshold (split evenly among them). */
    ELIGIBILITY_MARGIN: 30,
    /** Firm's side: financing need inside the product's amount range. */
    AMOUNT_FIT: 20,
    /** Firm's side: needed term within the product's maximum term. */
    TERM_FIT: 10,
    /** Product type vs the firm's assets (patents, equity, R&D staff, anchor relations, tier). */
    PRODUCT_TYPE_FIT: 20,
    RATE: 10,
    REGION: 5,
    INDUSTRY: 5,
  },
  SERVICE_OFFERING: {
    CATEGORY_NEED: 35,
    /** Unmet criteria of the latest tier assessment that this category closes. */
    TIER_GAP: 25,
    REGION: 15,
    VOUCHER: 10,
    PROVIDER_RATING: 15,
  },
  CHALLENGE: {
    /** Firm's side: character-bigram Dice between the challenge and the firm's capabilities. */
    TEXT_RELEVANCE: 45,
    /** Poster's side: the firm's tier among the preferred tiers. */
    POSTER_TIER_PREFERENCE: 20,
    INDUSTRY: 15,
    SOLVER_TIER: 10,
    REGION: 5,
    TIME_LEFT: 5,
  },
  PARK_VACANCY: {
    AREA_FIT: 35,
    RENT: 25,
    PARK_INDUSTRY: 25,
    REGION: 15,
  },
} as const satisfies Record<MatchListingKind, Record<string, number>>;


/** Shape parameters of the factor curves. */
export const PARAMS = {
  /** Revenue at this multiple of the minimum earns the full revenue margin. */
  revenueFullMarginMultiple: 2,
  /** Debt ratio at this fraction of the maximum earns the full debt margin. */
  debtFullMarginFraction: 0.5,
  /** Need above the product maximum: fraction = this × max / need. */
  amountAboveMaxFactor: 0.6,
  /** Need below the product minimum. */
  amountBelowMinFraction: 0.3,
  /** Term above the product maximum: fraction = this × max / need. */
  termAboveMaxFactor: 0.5,
  /** Mid rate (%) at or below which the rate factor is full, and at or above which it is zero. */
  rateBestPercent: 3,
  rateWorstPercent: 6,
  /** IP-pledge fit is full at this many weighted IP items (invention = 1, other IP = 0.25). */
  ipPledgeFullAt: 3,
  ipPledgeOtherIpWeight: 0.25,
  /** Talent-loan fit is full at this many R&D staff. */
  talentLoanFullAtRdStaff: 20,
  /** Fraction when a fact the product type needs is not stated. */
  unknownTypeFitFraction: 0.3,
  /** Fraction for a product type with no specific fit signal. */
  neutralTypeFitFraction: 0.5,
  /** Fraction of TIER_GAP for exactly one matching gap (two or more = full). */
  singleGapFraction: 0.7,
  /** Fraction of PROVIDER_RATING for an unrated provider. */
  unratedProviderFraction: 0.4,
  /** Dice coefficient at which text relevance is full. */
  textDiceFullAt: 0.3,
  /** Fraction of POSTER_TIER_PREFERENCE when the poster states no preference. */
  noTierPreferenceFraction: 0.6,
  /** Days to applyBy at which TIME_LEFT is full. */
  timeLeftFullAtDays: 14,
  /** Area at a range edge keeps this fraction (the midpoint earns 1). */
  areaEdgeFraction: 0.5,
  /** Rent exactly at the ceiling earns this; rent at or below half the ceiling earns 1. */
  rentAtCeilingFraction: 0.4,
  /** Rent when the firm gives no ceiling. */
  noRentCeilingFraction: 0.5,
  /** Region precision: exact district, city covers, province covers, listing open everywhere. */
  region: { exact: 1, city: 0.8, province: 0.6, anywhere: 0.5 },
  /** Industry precision: exact or finer, division/group covers, section letter covers, any industry. */
  industry: { exact: 1, division: 0.8, section: 0.5, anywhere: 0.4 },
} as const;

/**
 * Tier-assessment criterion codes → the service category that closes the gap. Matched on the dot
 * segments of a code (e.g. `A2.IND.IP` → segment `IP`); first rule wins.
 */
export const GAP_CATEGORY_RULES: ReadonlyArray<{ segment: RegExp; category: string }> = [
  { segment: /^IP$/, category: 'INTELLECTUAL_PROPERTY' },
  { segment: /^DIGITAL/, category: 'DIGITAL_TRANSFORMATION' },
  { segment: /^(RD|INNOVATION)/, category: 'TECH_INNOVATION' },
  { segment: /^QUALITY/, category: 'TESTING_CERTIFICATION' },
  { segment: /^(MARKET|MAIN_SHARE|GROWTH|REVENUE)/, category: 'MARKET_EXPANSION' },
  { segment: /^(DEBT|NET_MARGIN)/, category: 'FINANCING_ADVISORY' },
  { segment: /^REFINEMENT/, category: 'MANAGEMENT_CONSULTING' },
];
