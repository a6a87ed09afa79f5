/**
 * The listings' read model: "a full listing" (the shared row, its kind's details, the owner's name
 * and a vacancy's park) read with ONE statement shape, for every reader — GraphQL pages and
 * DataLoaders (ListingService), search documents (libs/search) and match sides (libs/matching).
 * Other contexts read listings only through this module, never by SQL over listings' tables, so a
 * column change here is a compile error there, not a silent break.
 *
 * Rows come back ordered by listing id. Values are those TypeORM hydrates for the entities (bigint
 * amounts as numbers, dates as yyyy-mm-dd strings, timestamps as Dates).
 */
import type { EntityManager } from 'typeorm';
import { bigintNumber, industryNestsSql } from '../../enterprises/src/index.js';
import { regionNestsSql } from '../../identity/src/index.js';
import type { ChallengeEntity, CreditProductEntity, ParkVacancyEntity, ServiceOfferingEntity } from './entities/listing-details.entity.js';
import { ListingEntity as ListingEntityClass, type ListingEntity } from './entities/listing.entity.js';
import type { ParkEntity } from './entities/park.entity.js';
import type { ListingKind } from './listing-enums.js';

export type ListingDetails = ServiceOfferingEntity | CreditProductEntity | ChallengeEntity | ParkVacancyEntity;
export interface FullListing {
  listing: ListingEntity;
  details: ListingDetails;
}

/** The park of a vacancy, as far as readers of listings need it. */
export type ListingPark = Pick<ParkEntity, 'id' | 'name' | 'address' | 'regionCode' | 'industries'>;

/** One listing as the read model gives it; `details` is null only if its kind's detail row is missing. */
export interface ListingRow {
  listing: ListingEntity;
  details: ListingDetails | null;
  ownerName: string;
  /** A vacancy's park; null for other kinds. */
  park: ListingPark | null;
}

/**
 * Which listings to read; every field narrows (AND). The kind-specific conditions hold only for
 * listings of that kind. The "reaches" conditions are the matching pre-filters: lenient, the
 * scorer decides.
 */
export interface ListingRowsFilter {
  ids?: readonly string[];
  kind?: ListingKind;
  /** PUBLISHED listings only. */
  published?: boolean;
  ownerId?: string;
  /** Keyset paging by id: listings after this id, at most `limit`. */
  afterId?: string;
  limit?: number;
  /** Its regions nest with this firm region (either way), or it lists none. */
  reachesRegion?: string;
  /** Its industry prefixes nest with this firm industry code (either way), or it lists none. */
  reachesIndustry?: string;
  /** Credit products open to this tier (no tier listed, or this one among them). */
  openToTier?: string;
  /** Credit products asking at most this many invention patents (or none). */
  asksInventionPatentsAtMost?: number;
  /** Challenges still open for applications on this day (yyyy-mm-dd). */
  applyByOnOrAfter?: string;
  /** Vacancies whose area lies in [min, max] m². */
  areaSqmBetween?: readonly [number, number];
}

type Queryable = Pick<EntityManager, 'query'>;

// `FROM "listings"` (quoted, as TypeORM writes it): the N+1 e2e test counts statements on listings by that text.
const SELECT_ROWS = `
  SELECT l.id, l.kind, l.owner_organization_id, l.status, l.title, l.description, l.region_codes, l.industry_codes, l.tags, l.version,
         l.published_at, l.closed_at, l.closed_reason, l.closed_by_user_id, l.closed_by_authority, l.created_at, l.updated_at, o.name AS owner_name,
         so.category, so.price_min, so.price_max, so.accepts_service_voucher,
         cp.product_type, cp.amount_min, cp.amount_max, cp.annual_rate_min, cp.annual_rate_max, cp.term_months_max, cp.eligible_tiers,
         cp.min_annual_revenue, cp.min_invention_patents, cp.min_years_in_business, cp.max_debt_ratio, cp.rate_type, cp.guarantee_methods,
         cp.pledge_ratio_percent, cp.partner_investor,
         ch.tech_field, ch.requirements, ch.budget, ch.apply_by::text AS apply_by, ch.ip_ownership, ch.cooperation_mode,
         ch.completion_deadline::text AS completion_deadline, ch.indicators, ch.preferred_tiers,
         pv.park_id, pv.area_sqm, pv.floor, pv.ceiling_height_m, pv.floor_load_kg_per_sqm, pv.rent_per_sqm_day, pv.available_from::text AS available_from,
         pv.use_class, pv.tenure, pv.power_capacity_kva, pv.min_tax_per_mu_wan, pv.entry_conditions,
         p.name AS park_name, p.address AS park_address, p.region_code AS park_region_code, p.industries AS park_industries
    FROM "listings" l
    JOIN organizations o ON o.id = l.owner_organization_id
    LEFT JOIN service_offerings so ON so.listing_id = l.id
    LEFT JOIN credit_products cp ON cp.listing_id = l.id
    LEFT JOIN challenges ch ON ch.listing_id = l.id
    LEFT JOIN park_vacancies pv ON pv.listing_id = l.id
    LEFT JOIN parks p ON p.id = pv.park_id`;

function whereOf(f: ListingRowsFilter): { sql: string; params: unknown[] } {
  const params: unknown[] = [];
  const $ = (v: unknown) => {
    params.push(v);
    return `$${params.length}`;
  };
  const where: string[] = [];
  if (f.ids) where.push(`l.id = ANY(${$(f.ids)}::uuid[])`);
  if (f.kind) where.push(`l.kind = ${$(f.kind)}`);
  if (f.published) where.push(`l.status = 'PUBLISHED'`);
  if (f.ownerId) where.push(`l.owner_organization_id = ${$(f.ownerId)}`);
  if (f.afterId) where.push(`l.id > ${$(f.afterId)}`);
  if (f.reachesRegion !== undefined) where.push(regionNestsSql('l.region_codes', $(f.reachesRegion)));
  if (f.reachesIndustry !== undefined) where.push(industryNestsSql('l.industry_codes', $(f.reachesIndustry)));
  if (f.openToTier !== undefined) where.push(`(cp.eligible_tiers = '{}' OR ${$(f.openToTier)} = ANY(cp.eligible_tiers))`);
  if (f.asksInventionPatentsAtMost !== undefined) where.push(`(cp.min_invention_patents IS NULL OR cp.min_invention_patents <= ${$(f.asksInventionPatentsAtMost)})`);
  if (f.applyByOnOrAfter !== undefined) where.push(`ch.apply_by >= ${$(f.applyByOnOrAfter)}::date`);
  if (f.areaSqmBetween) where.push(`pv.area_sqm BETWEEN ${$(f.areaSqmBetween[0])} AND ${$(f.areaSqmBetween[1])}`);
  const limit = f.limit === undefined ? '' : ` LIMIT ${$(f.limit)}`;
  return { sql: `${SELECT_ROWS}${where.length ? `\n   WHERE ${where.join(' AND ')}` : ''}\n   ORDER BY l.id${limit}`, params };
}

const big = bigintNumber.from;

function detailsOf(r: Record<string, any>): ListingDetails | null {
  switch (r.kind as ListingKind) {
    case 'SERVICE_OFFERING':
      if (r.category === null) return null;
      return {
        listingId: r.id,
        category: r.category,
        priceMin: big(r.price_min),
        priceMax: big(r.price_max),
        acceptsServiceVoucher: r.accepts_service_voucher,
      } satisfies ServiceOfferingEntity;
    case 'CREDIT_PRODUCT':
      if (r.product_type === null) return null;
      return {
        listingId: r.id,
        productType: r.product_type,
        amountMin: big(r.amount_min)!,
        amountMax: big(r.amount_max)!,
        annualRateMin: r.annual_rate_min,
        annualRateMax: r.annual_rate_max,
        termMonthsMax: r.term_months_max,
        eligibleTiers: r.eligible_tiers,
        minAnnualRevenue: big(r.min_annual_revenue),
        minInventionPatents: r.min_invention_patents,
        minYearsInBusiness: r.min_years_in_business,
        maxDebtRatio: r.max_debt_ratio,
        rateType: r.rate_type,
        guaranteeMethods: r.guarantee_methods,
        pledgeRatioPercent: r.pledge_ratio_percent,
        partnerInvestor: r.partner_investor,
      } satisfies CreditProductEntity;
    case 'CHALLENGE':
      if (r.tech_field === null) return null;
      return {
        listingId: r.id,
        techField: r.tech_field,
        requirements: r.requirements,
        budget: big(r.budget)!,
        applyBy: r.apply_by,
        ipOwnership: r.ip_ownership,
        cooperationMode: r.cooperation_mode,
        completionDeadline: r.completion_deadline,
        indicators: r.indicators,
        preferredTiers: r.preferred_tiers,
      } satisfies ChallengeEntity;
    case 'PARK_VACANCY':
      if (r.park_id === null) return null;
      return {
        listingId: r.id,
        parkId: r.park_id,
        areaSqm: r.area_sqm,
        floor: r.floor,
        ceilingHeightM: r.ceiling_height_m,
        floorLoadKgPerSqm: r.floor_load_kg_per_sqm,
        rentPerSqmDay: r.rent_per_sqm_day,
        availableFrom: r.available_from,
        useClass: r.use_class,
        tenure: r.tenure,
        powerCapacityKva: r.power_capacity_kva,
        minTaxPerMuWan: r.min_tax_per_mu_wan,
        entryConditions: r.entry_conditions,
      } satisfies ParkVacancyEntity;
  }
}

function rowOf(r: Record<string, any>): ListingRow {
  const listing: ListingEntity = {
    id: r.id,
    kind: r.kind,
    ownerOrganizationId: r.owner_organization_id,
    status: r.status,
    title: r.title,
    description: r.description,
    regionCodes: r.region_codes,
    industryCodes: r.industry_codes,
    tags: r.tags,
    version: r.version,
    publishedAt: r.published_at,
    closedAt: r.closed_at,
    closedReason: r.closed_reason,
    closedByUserId: r.closed_by_user_id,
    closedByAuthority: r.closed_by_authority,
    createdAt: r.created_at,
    updatedAt: r.updated_at,
  };
  const park = r.park_id === null ? null : { id: r.park_id, name: r.park_name, address: r.park_address, regionCode: r.park_region_code, industries: r.park_industries };
  return { listing, details: detailsOf(r), ownerName: r.owner_name, park };
}

/** Listings with their details, owner's name and park, selected by `filter`, ordered by id. */
export async function loadListingRows(q: Queryable, filter: ListingRowsFilter): Promise<ListingRow[]> {
  if (filter.ids?.length === 0) return [];
  const { sql, params } = whereOf(filter);
  const rows: Array<Record<string, any>> = await q.query(sql, params);
  return rows.map(rowOf);
}

/** The rows that have their details, as the services' `FullListing`. */
export function fullListings(rows: readonly ListingRow[]): FullListing[] {
  return rows.flatMap((r) => (r.details ? [{ listing: r.listing, details: r.details }] : []));
}

/**
 * The listing itself (no details), share-locked in the caller's transaction: closing or editing
 * it waits for the caller's commit (and the other way round).
 */
export function shareLockedListing(manager: EntityManager, id: string): Promise<ListingEntity | null> {
  return manager.findOne(ListingEntityClass, { where: { id }, lock: { mode: 'pessimistic_read' } });
}

/** SQL predicate for other contexts' statements: the listing `listingIdSql` is PUBLISHED. */
export const isPublishedListingSql = (listingIdSql: string): string => `EXISTS (SELECT 1 FROM listings l WHERE l.id = ${listingIdSql} AND l.status = 'PUBLISHED')`;
