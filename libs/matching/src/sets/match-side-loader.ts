/**
 * Bulk loading of the scorer's inputs with a handful of SQL statements (no entity hydration, no
 * per-row queries): enterprise sides for many firms at once and published listing sides by kind.
 * The raw rows are shaped like the entities and go through the same `enterpriseSide` /
 * `listingSide` mappers as everything else, so the scorer sees exactly what it saw before.
 */
import type { EntityManager } from 'typeorm';
import type { EnterpriseFinancialsEntity } from '../../../enterprises/src/enterprise-financials.entity.js';
import type { EnterpriseProfileEntity } from '../../../enterprises/src/enterprise-profile.entity.js';
import type { FullListing } from '../../../listings/src/listing.service.js';
import type { ListingEntity } from '../../../listings/src/entities/listing.entity.js';
import type { ParkEntity } from '../../../listings/src/entities/park.entity.js';
import type { TierAssessmentEntity } from '../../../tier-assessments/src/index.js';
import { ruleSetInForce } from '../../../tiers/src/index.js';
import type { AssessedTier } from '../../../tiers/src/tier-types.js';
import type { EnterpriseSide, ListingSide, MatchListingKind } from '../core/match-types.js';
import { enterpriseSide, listingSide } from './match-sides.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface LoadedEnterprise {
  side: EnterpriseSide;
  version: number;
}

export interface LoadedListing {
  side: ListingSide;
  version: number;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/**
 * Enterprise sides for the firms selected by `where` (SQL over `p` = enterprise_profiles and
 * `o` = organizations, parameters from $1). Assessments are loaded only when `withAssessments`:
 * the scorer reads them for service offerings alone (tier gaps), so other kinds get the same
 * result without them.
 */
export async function loadEnterpriseSides(
  q: Queryable,
  where: string,
  params: unknown[],
  asOf: string,
  withAssessments: boolean,
): Promise<LoadedEnterprise[]> {
  const profiles: Array<Record<string, any>> = await q.query(
    `SELECT p.organization_id, p.industry_code, p.tier::text AS tier, p.tier_provenance::text AS tier_provenance, p.tier_certified_on::text AS tier_certified_on, p.tier_review_pending_until::text AS tier_review_pending_until, p.founded_on::text AS founded_on, p.main_products, p.capabilities,
            p.invention_patents, p.utility_models, p.design_patents, p.software_copyrights, p.trademarks,
            p.financing_need, p.service_needs, p.space_need, p.version, o.region_code
       FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id
      WHERE ${where}
      ORDER BY p.organization_id`,
    params,
  );
  if (profiles.length === 0) return [];
  const ids = profiles.map((p) => p.organization_id as string);
  const financials = new Map<string, EnterpriseFinancialsEntity[]>();
  const assessments = new Map<string, TierAssessmentEntity[]>();
  for (let i = 0; i < ids.length; i += 5_000) {
    const chunk = ids.slice(i, i + 5_000);
    // The side reads the newest year and the equity financing of the newest two.
    const years: Array<Record<string, any>> = await q.query(
      `SELECT organization_id, year, revenue, total_assets, total_liabilities, employees, rd_employees, equity_financing
         FROM (SELECT f.*, row_number() OVER (PARTITION BY organization_id ORDER BY year DESC) AS rn
                 FROM enterprise_financials f WHERE organization_id = ANY($1::uuid[])) y
        WHERE rn <= 2 ORDER BY organization_id, year DESC`,
      [chunk],
    );
    for (const y of years) {
      const list = financials.get(y.organization_id) ?? [];
      list.push({
        organizationId: y.organization_id,
        year: y.year,
        revenue: Number(y.revenue),
        totalAssets: num(y.total_assets),
        totalLiabilities: num(y.total_liabilities),
        employees: y.employees,
        rdEmployees: y.rd_employees,
        equityFinancing: num(y.equity_financing),
      } as EnterpriseFinancialsEntity);
      financials.set(y.organization_id, list);
    }
    if (withAssessments) {
      // TierAssessmentService.latest, in one statement: newest application-mode row per rule set and tier.
      const rows: Array<Record<string, any>> = await q.query(
        `SELECT DISTINCT ON (organization_id, rule_set, tier) organization_id, rule_set, tier, eligible, criteria
           FROM tier_assessments WHERE organization_id = ANY($1::uuid[]) AND mode = 'NEW'
          ORDER BY organization_id, rule_set, tier, profile_version DESC, computed_at DESC`,
        [chunk],
      );
      for (const r of rows) {
        if (r.rule_set !== ruleSetInForce(r.tier as AssessedTier, asOf)) continue;
        const list = assessments.get(r.organization_id) ?? [];
        list.push({ organizationId: r.organization_id, tier: r.tier, ruleSet: r.rule_set, eligible: r.eligible, criteria: r.criteria } as TierAssessmentEntity);
        assessments.set(r.organization_id, list);
      }
    }
  }
  const order: AssessedTier[] = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'];
  return profiles.map((p) => {
    const profile = {
      organizationId: p.organization_id,
      industryCode: p.industry_code,
      tier: p.tier,
      tierProvenance: p.tier_provenance,
      tierCertifiedOn: p.tier_certified_on,
      tierReviewPendingUntil: p.tier_review_pending_until,
      foundedOn: p.founded_on,
      mainProducts: p.main_products,
      capabilities: p.capabilities,
      inventionPatents: p.invention_patents,
      utilityModels: p.utility_models,
      designPatents: p.design_patents,
      softwareCopyrights: p.software_copyrights,
      trademarks: p.trademarks,
      financingNeed: p.financing_need,
      serviceNeeds: p.service_needs,
      spaceNeed: p.space_need,
      financials: financials.get(p.organization_id) ?? [],
    } as unknown as EnterpriseProfileEntity;
    const latest = (assessments.get(p.organization_id) ?? []).sort((a, b) => order.indexOf(a.tier as AssessedTier) - order.indexOf(b.tier as AssessedTier));
    return { side: enterpriseSide(profile, p.region_code, latest, asOf), version: p.version as number };
  });
}

const DETAIL_SQL: Record<MatchListingKind, string> = {
  CREDIT_PRODUCT: `SELECT d.product_type, d.amount_min, d.amount_max, d.annual_rate_min, d.annual_rate_max, d.term_months_max, d.eligible_tiers,
                          d.min_annual_revenue, d.min_invention_patents, d.min_years_in_business, d.max_debt_ratio
                     FROM credit_products d`,
  // The provider's average rating from completed match requests (a service factor); null until rated.
  SERVICE_OFFERING: `SELECT d.category, d.accepts_service_voucher,
                            (SELECT avg(mr.rating)::float8 FROM match_requests mr WHERE mr.owner_organization_id = l.owner_organization_id AND mr.rating IS NOT NULL) AS provider_rating
                       FROM service_offerings d`,
  CHALLENGE: `SELECT d.tech_field, d.requirements, d.apply_by::text AS apply_by, d.preferred_tiers FROM challenges d`,
  PARK_VACANCY: `SELECT d.area_sqm, d.rent_per_sqm_day, d.park_id, pk.region_code AS park_region_code, pk.industries AS park_industries
                   FROM park_vacancies d JOIN parks pk ON pk.id = d.park_id`,
};

function details(kind: MatchListingKind, r: Record<string, any>): FullListing['details'] {
  switch (kind) {
    case 'CREDIT_PRODUCT':
      return {
        productType: r.product_type,
        amountMin: Number(r.amount_min),
        amountMax: Number(r.amount_max),
        annualRateMin: r.annual_rate_min,
        annualRateMax: r.annual_rate_max,
        termMonthsMax: r.term_months_max,
        eligibleTiers: r.eligible_tiers,
        minAnnualRevenue: num(r.min_annual_revenue),
        minInventionPatents: r.min_invention_patents,
        minYearsInBusiness: r.min_years_in_business,
        maxDebtRatio: r.max_debt_ratio,
      } as FullListing['details'];
    case 'SERVICE_OFFERING':
      return { category: r.category, acceptsServiceVoucher: r.accepts_service_voucher } as FullListing['details'];
    case 'CHALLENGE':
      return { techField: r.tech_field, requirements: r.requirements, applyBy: r.apply_by, preferredTiers: r.preferred_tiers } as FullListing['details'];
    case 'PARK_VACANCY':
      return { areaSqm: r.area_sqm, rentPerSqmDay: r.rent_per_sqm_day, parkId: r.park_id } as FullListing['details'];
  }
}

/**
 * Published listings of `kind` selected by `where` (SQL over `l` = listings and `d` = the kind's
 * detail table, parameters from $1), one statement per kind.
 */
export async function loadListingSides(q: Queryable, kind: MatchListingKind, where: string, params: unknown[]): Promise<LoadedListing[]> {
  const rows: Array<Record<string, any>> = await q.query(
    `${DETAIL_SQL[kind].replace('SELECT ', 'SELECT l.id, l.owner_organization_id, l.region_codes, l.industry_codes, l.tags, l.title, l.description, l.version, ')}
       JOIN listings l ON l.id = d.listing_id
      WHERE l.status = 'PUBLISHED' AND l.kind = '${kind}' AND (${where})
      ORDER BY l.id`,
    params,
  );
  return rows.map((r) => {
    const listing = {
      id: r.id,
      kind,
      ownerOrganizationId: r.owner_organization_id,
      regionCodes: r.region_codes,
      industryCodes: r.industry_codes,
      tags: r.tags,
      title: r.title,
      description: r.description,
      version: r.version,
    } as ListingEntity;
    const park = kind === 'PARK_VACANCY' ? ({ regionCode: r.park_region_code, industries: r.park_industries } as ParkEntity) : null;
    const providerRating = kind === 'SERVICE_OFFERING' && r.provider_rating !== null ? Number(r.provider_rating) : null;
    return { side: listingSide({ listing, details: details(kind, r) }, park, providerRating), version: r.version as number };
  });
}

export const MATCH_KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];
