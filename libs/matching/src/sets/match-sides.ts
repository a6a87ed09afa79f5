import { ipAssetsOf, type EnterpriseProfileEntity, countedTier } from '../../../enterprises/src/index.js';
import type { TierAssessmentEntity } from '../../../tier-assessments/src/index.js';
import type { AssessedTier } from '../../../tiers/src/index.js';
import { effectiveTier } from '../../../tiers/src/index.js';
import type {
  FullListing,
  ChallengeEntity,
  CreditProductEntity,
  ParkVacancyEntity,
  ServiceOfferingEntity,
  ParkEntity,
} from '../../../listings/src/index.js';
import type { EnterpriseSide, ListingSide } from '../core/match-types.js';

/** New equity financing over the newest two years; null when neither year reports it (the scorer's "not stated"). */
function equityOfNewestTwo(years: ReadonlyArray<{ equityFinancing?: number | null }>): number | null {
  const reported = years.slice(0, 2).flatMap((y) => (y.equityFinancing == null ? [] : [y.equityFinancing]));
  return reported.length ? reported.reduce((a, b) => a + b, 0) : null;
}

/** The scorer's view of an enterprise: its profile (financials loaded), region and latest assessments. */
export function enterpriseSide(profile: EnterpriseProfileEntity, regionCode: string, assessments: TierAssessmentEntity[], asOf: string): EnterpriseSide {
  const latest = profile.financials?.[0];
  return {
    organizationId: profile.organizationId,
    regionCode,
    industryCode: profile.industryCode,
    // A LAPSED title (DOMAIN.md §8.2) and a title the AUTHORITY has not confirmed or imported (§8.10)
    // count in no bank eligibility or challenge preference; a pending re-review keeps a title in force.
    tier: effectiveTier({ tier: countedTier(profile.tier, profile.tierProvenance), certifiedOn: profile.tierCertifiedOn, reviewPendingUntil: profile.tierReviewPendingUntil }, asOf),
    foundedOn: profile.foundedOn,
    asOf,
    latestFinancials: latest
      ? {
          year: latest.year,
          revenue: latest.revenue,
          totalAssets: latest.totalAssets,
          totalLiabilities: latest.totalLiabilities,
          equityFinancing: equityOfNewestTwo(profile.financials ?? []),
          employees: latest.employees,
          rdEmployees: latest.rdEmployees,
        }
      : null,
    ip: ipAssetsOf(profile),
    financingNeed: profile.financingNeed,
    serviceNeeds: profile.serviceNeeds,
    spaceNeed: profile.spaceNeed,
    capabilities: profile.capabilities,
    mainProducts: profile.mainProducts,
    latestAssessments: assessments.map((a) => ({ tier: a.tier as AssessedTier, eligible: a.eligible, criteria: a.criteria.map((c) => ({ code: c.code, status: c.status, label: c.label })) })),
  };
}

/**
 * The scorer's view of a listing (a vacancy needs its park; a service its provider's average rating, if rated).
 * The kind's fields are assigned onto `base`: a `{ ...base, … }` per kind is ~25× slower under V8 (see listing.mapper.ts).
 */
export function listingSide({ listing: l, details }: FullListing, park?: ParkEntity | null, providerRating?: number | null): ListingSide {
  const base = { listingId: l.id, ownerOrganizationId: l.ownerOrganizationId, regionCodes: l.regionCodes, industryCodes: l.industryCodes, tags: l.tags, title: l.title, description: l.description };
  switch (l.kind) {
    case 'CREDIT_PRODUCT': {
      const d = details as CreditProductEntity;
      return Object.assign(base, {
        kind: 'CREDIT_PRODUCT' as const,
        productType: d.productType,
        amountMin: d.amountMin,
        amountMax: d.amountMax,
        annualRateMin: d.annualRateMin,
        annualRateMax: d.annualRateMax,
        termMonthsMax: d.termMonthsMax,
        eligibleTiers: d.eligibleTiers,
        minAnnualRevenue: d.minAnnualRevenue,
        minInventionPatents: d.minInventionPatents,
        minYearsInBusiness: d.minYearsInBusiness,
        maxDebtRatio: d.maxDebtRatio,
      });
    }
    case 'SERVICE_OFFERING': {
      const d = details as ServiceOfferingEntity;
      return Object.assign(base, { kind: 'SERVICE_OFFERING' as const, category: d.category, acceptsServiceVoucher: d.acceptsServiceVoucher, providerRating: providerRating ?? null });
    }
    case 'CHALLENGE': {
      const d = details as ChallengeEntity;
      return Object.assign(base, { kind: 'CHALLENGE' as const, techField: d.techField, requirements: d.requirements, applyBy: d.applyBy, preferredTiers: d.preferredTiers });
    }
    case 'PARK_VACANCY': {
      const d = details as ParkVacancyEntity;
      return Object.assign(base, { kind: 'PARK_VACANCY' as const, areaSqm: d.areaSqm, rentPerSqmDay: d.rentPerSqmDay, parkRegionCode: park?.regionCode ?? l.regionCodes[0] ?? '', parkIndustries: park?.industries ?? [] });
    }
  }
}
