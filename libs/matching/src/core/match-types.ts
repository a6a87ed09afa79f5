/**
 * Plain inputs and outputs of the matching scorer (pure: no Nest, no TypeORM, no I/O). The wiring
 * layer maps entities to these shapes; a {@link TierOutcome} from libs/tiers fits {@link AssessmentSummary}.
 * Money is whole yuan; rates are % per year; rent is yuan per ㎡ per day; dates are ISO yyyy-mm-dd.
 */
import type { AssessedTier, CriterionStatus } from '../../../tiers/src/index.js';
import type { EnterpriseTier } from '../../../enterprises/src/index.js';

/** The certified tier (libs/enterprises' code list). */
export type EnterpriseTierCode = EnterpriseTier;

export type MatchListingKind = 'CREDIT_PRODUCT' | 'SERVICE_OFFERING' | 'CHALLENGE' | 'PARK_VACANCY';

/** The latest tier assessment, reduced to what gap detection needs. */
export interface AssessmentSummary {
  tier: AssessedTier;
  eligible: boolean;
  criteria: Array<{ code: string; status: CriterionStatus; label?: string }>;
}

export interface LatestFinancials {
  year: number;
  revenue: number;
  totalAssets?: number | null;
  totalLiabilities?: number | null;
  /** New equity financing over the newest two years; null when neither year reports it. */
  equityFinancing?: number | null;
  employees?: number | null;
  rdEmployees?: number | null;
}

export interface EnterpriseSide {
  organizationId: string;
  /** GB/T 2260 code of the current district, e.g. 330211. */
  regionCode: string;
  /** GB/T 4754 code, e.g. C34 or C3484. */
  industryCode: string;
  tier: EnterpriseTierCode;
  foundedOn: string;
  /** Date the facts describe; also "today" when the caller passes none. */
  asOf: string;
  latestFinancials?: LatestFinancials | null;
  ip: {
    inventionPatents: number;
    utilityModels: number;
    designPatents: number;
    softwareCopyrights: number;
    trademarks: number;
  };
  financingNeed?: { amount: number; termMonths: number; purpose?: string | null } | null;
  serviceNeeds: readonly string[];
  spaceNeed?: { minAreaSqm: number; maxAreaSqm: number; regionCodes: readonly string[]; maxRentPerSqmDay?: number | null } | null;
  capabilities: string;
  mainProducts: readonly string[];
  /** One per assessed tier of the latest assessment; empty when never assessed. */
  latestAssessments: readonly AssessmentSummary[];
  /** Has orders from / supplies to an anchor enterprise (order and supply-chain financing). */
  anchorRelations?: boolean | null;
}

interface ListingBase {
  listingId: string;
  ownerOrganizationId?: string;
  /** Empty = anywhere. */
  regionCodes: readonly string[];
  /** Empty = any industry. */
  industryCodes: readonly string[];
  tags: readonly string[];
  title: string;
  description: string;
}

export interface CreditListing extends ListingBase {
  kind: 'CREDIT_PRODUCT';
  productType: string;
  amountMin: number;
  amountMax: number;
  annualRateMin: number;
  annualRateMax: number;
  termMonthsMax: number;
  /** Empty = every tier admitted. */
  eligibleTiers: readonly string[];
  minAnnualRevenue?: number | null;
  minInventionPatents?: number | null;
  minYearsInBusiness?: number | null;
  /** Fraction, 0.7 = 70 %. */
  maxDebtRatio?: number | null;
}

export interface ServiceListing extends ListingBase {
  kind: 'SERVICE_OFFERING';
  category: string;
  acceptsServiceVoucher: boolean;
  /** The provider's average rating 1–5; null/undefined when not yet rated. */
  providerRating?: number | null;
}

export interface ChallengeListing extends ListingBase {
  kind: 'CHALLENGE';
  techField: string;
  requirements: string;
  applyBy: string;
  /** The poster's side: solver tiers it prefers; empty = no preference. */
  preferredTiers: readonly string[];
}

export interface VacancyListing extends ListingBase {
  kind: 'PARK_VACANCY';
  areaSqm: number;
  rentPerSqmDay: number;
  parkRegionCode: string;
  /** The park's leading industries; empty = any. */
  parkIndustries: readonly string[];
}

export type ListingSide = CreditListing | ServiceListing | ChallengeListing | VacancyListing;

export interface Reason {
  code: string;
  /** Chinese, with the numbers. */
  label: string;
  /** Points this reason adds to the score (0 for exclusions). */
  contribution: number;
}

export type MatchResult = { eligible: false; excludedBy: Reason[] } | { eligible: true; score: number; reasons: Reason[] };

export interface ScoreOptions {
  /** ISO date; defaults to the enterprise's `asOf`. */
  today?: string;
}
