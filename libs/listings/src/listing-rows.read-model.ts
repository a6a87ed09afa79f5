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
import type { DataSource, EntityManager } from 'typeorm';
import { countedPage, keysetBeforeSql, preparedRead, StatementCache, withTotalCount } from '../../platform/src/index.js';
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

/**
 * Every column the read model gives, as [output name, SQL expression, table alias]: the full shape
 * (loadListingRows) takes them all; a page built from a GraphQL selection (loadListingPage) takes
 * the ones asked for and joins only their tables.
 */
const COLUMNS = [
  ['id', 'l.id', 'l'],
  ['kind', 'l.kind', 'l'],
  ['owner_organization_id', 'l.owner_organization_id', 'l'],
  ['status', 'l.status', 'l'],
  ['title', 'l.title', 'l'],
  ['description', 'l.description', 'l'],
  ['region_codes', 'l.region_codes', 'l'],
  ['industry_codes', 'l.industry_codes', 'l'],
  ['tags', 'l.tags', 'l'],
  ['version', 'l.version', 'l'],
  ['published_at', 'l.published_at', 'l'],
  ['closed_at', 'l.closed_at', 'l'],
  ['closed_reason', 'l.closed_reason', 'l'],
  ['closed_by_user_id', 'l.closed_by_user_id', 'l'],
  ['closed_by_authority', 'l.closed_by_authority', 'l'],
  ['created_at', 'l.created_at', 'l'],
  ['updated_at', 'l.updated_at', 'l'],
  ['owner_name', 'o.name', 'o'],
  ['category', 'so.category', 'so'],
  ['price_min', 'so.price_min', 'so'],
  ['price_max', 'so.price_max', 'so'],
  ['accepts_service_voucher', 'so.accepts_service_voucher', 'so'],
  ['product_type', 'cp.product_type', 'cp'],
  ['amount_min', 'cp.amount_min', 'cp'],
  ['amount_max', 'cp.amount_max', 'cp'],
  ['annual_rate_min', 'cp.annual_rate_min', 'cp'],
  ['annual_rate_max', 'cp.annual_rate_max', 'cp'],
  ['term_months_max', 'cp.term_months_max', 'cp'],
  ['eligible_tiers', 'cp.eligible_tiers', 'cp'],
  ['min_annual_revenue', 'cp.min_annual_revenue', 'cp'],
  ['min_invention_patents', 'cp.min_invention_patents', 'cp'],
  ['min_years_in_business', 'cp.min_years_in_business', 'cp'],
  ['max_debt_ratio', 'cp.max_debt_ratio', 'cp'],
  ['rate_type', 'cp.rate_type', 'cp'],
  ['guarantee_methods', 'cp.guarantee_methods', 'cp'],
  ['pledge_ratio_percent', 'cp.pledge_ratio_percent', 'cp'],
  ['partner_investor', 'cp.partner_investor', 'cp'],
  ['tech_field', 'ch.tech_field', 'ch'],
  ['requirements', 'ch.requirements', 'ch'],
  ['budget', 'ch.budget', 'ch'],
  ['apply_by', 'ch.apply_by::text', 'ch'],
  ['ip_ownership', 'ch.ip_ownership', 'ch'],
  ['cooperation_mode', 'ch.cooperation_mode', 'ch'],
  ['completion_deadline', 'ch.completion_deadline::text', 'ch'],
  ['indicators', 'ch.indicators', 'ch'],
  ['preferred_tiers', 'ch.preferred_tiers', 'ch'],
  ['park_id', 'pv.park_id', 'pv'],
  ['area_sqm', 'pv.area_sqm', 'pv'],
  ['floor', 'pv.floor', 'pv'],
  ['ceiling_height_m', 'pv.ceiling_height_m', 'pv'],
  ['floor_load_kg_per_sqm', 'pv.floor_load_kg_per_sqm', 'pv'],
  ['rent_per_sqm_day', 'pv.rent_per_sqm_day', 'pv'],
  ['available_from', 'pv.available_from::text', 'pv'],
  ['use_class', 'pv.use_class', 'pv'],
  ['tenure', 'pv.tenure', 'pv'],
  ['power_capacity_kva', 'pv.power_capacity_kva', 'pv'],
  ['min_tax_per_mu_wan', 'pv.min_tax_per_mu_wan', 'pv'],
  ['entry_conditions', 'pv.entry_conditions', 'pv'],
  ['park_name', 'p.name', 'p'],
  ['park_address', 'p.address', 'p'],
  ['park_region_code', 'p.region_code', 'p'],
  ['park_industries', 'p.industries', 'p'],
] as const;

/** A column of the read model, by its output name. */
export type ListingColumn = (typeof COLUMNS)[number][0];
type TableAlias = (typeof COLUMNS)[number][2];

/** The joins, in order; each is written only when one of its columns (or a later join) needs it. */
const JOINS: ReadonlyArray<[TableAlias, string]> = [
  ['o', 'JOIN organizations o ON o.id = l.owner_organization_id'],
  ['so', 'LEFT JOIN service_offerings so ON so.listing_id = l.id'],
  ['cp', 'LEFT JOIN credit_products cp ON cp.listing_id = l.id'],
  ['ch', 'LEFT JOIN challenges ch ON ch.listing_id = l.id'],
  ['pv', 'LEFT JOIN park_vacancies pv ON pv.listing_id = l.id'],
  ['p', 'LEFT JOIN parks p ON p.id = pv.park_id'],
];

type ExtraSql = { list: string[]; joins: string[]; tables: TableAlias[] };

/** SELECT list and the joins after `l` for `columns` plus `extra` (already-written expressions over the joined tables). */
function selectParts(columns: ReadonlyArray<(typeof COLUMNS)[number]>, extra: ExtraSql = { list: [], joins: [], tables: [] }): { list: string[]; joins: string[] } {
  const tables = new Set<TableAlias>([...columns.map((c) => c[2]), ...extra.tables]);
  if (tables.has('p')) tables.add('pv');
  const list = [...columns.map(([name, expr]) => (expr === `l.${name}` ? expr : `${expr} AS ${name}`)), ...extra.list];
  return { list, joins: [...JOINS.filter(([t]) => tables.has(t)).map(([, sql]) => sql), ...extra.joins] };
}

/** SELECT list and FROM/JOIN clause for `columns` plus `extra`. */
function selectFrom(columns: ReadonlyArray<(typeof COLUMNS)[number]>, extra?: ExtraSql) {
  const { list, joins } = selectParts(columns, extra);
  // `FROM "listings"` (quoted, as TypeORM writes it): the N+1 e2e test counts statements on listings by that text.
  const from = ['FROM "listings" l', ...joins];
  return `SELECT ${list.join(', ')}\n    ${from.join('\n    ')}`;
}

const SELECT_ROWS = selectFrom(COLUMNS);

/** Each kind's details table (a stamp reads its row version; see {@link ListingStamp}). */
const DETAILS_OF: Record<ListingKind, TableAlias> = { SERVICE_OFFERING: 'so', CREDIT_PRODUCT: 'cp', CHALLENGE: 'ch', PARK_VACANCY: 'pv' };

/** The stamp's expression; for one kind, over its own details (and park) only, so a stamps statement joins nothing else. */
function stampSql(kind: ListingKind | undefined): string {
  const details = kind ? `${DETAILS_OF[kind]}.xmin` : 'coalesce(so.xmin, cp.xmin, ch.xmin, pv.xmin)';
  const park = kind === undefined || kind === 'PARK_VACANCY' ? `coalesce(p.xmin::text, '')` : `''`;
  return `l.version || ':' || l.xmin::text || ':' || coalesce(${details}::text, '') || ':' || ${park} AS stamp`;
}

/** The tables a stamps statement joins: the owner (an inner join, as the full read), the kind's details and park, and those the filter reads. */
function stampTables(f: ListingRowsFilter): TableAlias[] {
  if (f.kind === undefined) return ['o', 'so', 'cp', 'ch', 'pv', 'p'];
  const tables: TableAlias[] = ['o', DETAILS_OF[f.kind]];
  if (f.kind === 'PARK_VACANCY') tables.push('p');
  if (f.openToTier !== undefined || f.asksInventionPatentsAtMost !== undefined) tables.push('cp');
  if (f.applyByOnOrAfter !== undefined) tables.push('ch');
  if (f.areaSqmBetween) tables.push('pv');
  return tables;
}

const STAMP_KEYS = COLUMNS.filter(([name]) => name === 'id' || name === 'owner_organization_id');

function whereOf(f: ListingRowsFilter, select = SELECT_ROWS): { sql: string; params: unknown[] } {
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
  return { sql: `${select}${where.length ? `\n   WHERE ${where.join(' AND ')}` : ''}\n   ORDER BY l.id${limit}`, params };
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
  const park = r.park_id == null || r.park_name === undefined ? null : { id: r.park_id, name: r.park_name, address: r.park_address, regionCode: r.park_region_code, industries: r.park_industries };
  return { listing, details: detailsOf(r), ownerName: r.owner_name, park };
}

/** Listings with their details, owner's name and park, selected by `filter`, ordered by id. */
export async function loadListingRows(q: Queryable, filter: ListingRowsFilter): Promise<ListingRow[]> {
  if (filter.ids?.length === 0) return [];
  const { sql, params } = whereOf(filter);
  const rows: Array<Record<string, any>> = await q.query(sql, params);
  return rows.map(rowOf);
}

/**
 * A listing's id, owner and stamp: what its full row is made of, as one text — its version and the
 * row versions (`xmin`, the transaction that wrote the tuple; a new one on every UPDATE, whoever
 * writes it, and kept by VACUUM FREEZE) of the listing, its details and a vacancy's park. Equal
 * stamps of one listing mean the same full row, so a reader that caches rows by stamp never keeps a
 * stale one, even after a write that did not bump the version. The owner's name is not in it:
 * readers caching by stamp must not use `ownerName`. Stamps of one kind are comparable only with
 * stamps read with the same `kind` filter.
 */
export interface ListingStamp {
  id: string;
  ownerOrganizationId: string;
  stamp: string;
}

/** The stamps of the listings `filter` selects (the same listings loadListingRows gives), ordered by id. */
export async function loadListingStamps(q: Queryable, filter: ListingRowsFilter): Promise<ListingStamp[]> {
  if (filter.ids?.length === 0) return [];
  const { sql, params } = whereOf(filter, selectFrom(STAMP_KEYS, { list: [stampSql(filter.kind)], joins: [], tables: stampTables(filter) }));
  const rows: Array<{ id: string; owner_organization_id: string; stamp: string }> = await q.query(sql, params);
  return rows.map((r) => ({ id: r.id, ownerOrganizationId: r.owner_organization_id, stamp: r.stamp }));
}

/** loadListingRows with each row's stamp, read in the same statement. */
export async function loadStampedListingRows(q: Queryable, filter: ListingRowsFilter): Promise<Array<ListingRow & { stamp: string }>> {
  if (filter.ids?.length === 0) return [];
  const { sql, params } = whereOf(filter, selectFrom(COLUMNS, { list: [stampSql(filter.kind)], joins: [], tables: [] }));
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as rowOf reads it
  const rows: Array<Record<string, any>> = await q.query(sql, params);
  return rows.map((r) => Object.assign(rowOf(r), { stamp: r.stamp as string }));
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

/**
 * Who sees a listing: its owner always; everyone signed in once it has been published (also after
 * it was closed). A draft, or a draft closed without ever being published, stays with its owner.
 * {@link visibleListingSql} is the same rule in SQL; the two stand together so they change together.
 */
export function canSeeListing(actor: { organizationId: string }, listing: Pick<ListingEntity, 'ownerOrganizationId' | 'status' | 'publishedAt'>): boolean {
  if (listing.ownerOrganizationId === actor.organizationId) return true;
  return listing.status === 'PUBLISHED' || (listing.status === 'CLOSED' && listing.publishedAt !== null);
}

/** {@link canSeeListing} as a predicate on `l` for the viewer organization in parameter `me`. */
export const visibleListingSql = (me: string): string => `(l.status = 'PUBLISHED' OR (l.status = 'CLOSED' AND l.published_at IS NOT NULL) OR l.owner_organization_id = ${me})`;

/** An organization's public columns (no contact data, no verification detail), by entity property. */
export const PUBLIC_ORGANIZATION_COLUMNS = {
  id: 'id',
  kind: 'kind',
  name: 'name',
  regionCode: 'region_code',
  verified: 'verified',
  verifiedAt: 'verified_at',
  address: 'address',
  website: 'website',
  description: 'description',
} as const;
export type PublicOrganizationField = keyof typeof PUBLIC_ORGANIZATION_COLUMNS;

/** A park's columns, by entity property. */
export const PARK_COLUMNS = {
  id: 'id',
  name: 'name',
  regionCode: 'region_code',
  starRating: 'star_rating',
  industries: 'industries',
  address: 'address',
  operatorOrganizationId: 'operator_organization_id',
} as const;
export type ParkField = keyof typeof PARK_COLUMNS;

/**
 * What one read of listings returns, built from what the caller asked for (a GraphQL selection):
 * the read model's columns wanted (`'all'`: the full shape), the owner's and a vacancy's park's
 * columns when they are to come in the same statement, and whether the total is counted.
 */
export interface ListingReadShape {
  columns: readonly ListingColumn[] | 'all';
  owner?: readonly PublicOrganizationField[];
  park?: { fields: readonly ParkField[]; operator?: readonly PublicOrganizationField[] };
  totalCount: boolean;
}

/** Which listings a page holds: the viewer's visible ones (drafts only to their owner), narrowed. */
export interface ListingPageFilter {
  viewerOrganizationId: string;
  ids?: readonly string[];
  /** PUBLISHED listings only (search hits: the database decides what the index still holds). */
  publishedOnly?: boolean;
  kinds?: readonly ListingKind[];
  ownerId?: string;
  status?: string;
  /** Vacancies of this park only. */
  parkId?: string;
  /** Region stems (regionStem of 6-digit codes): a listing's regions nest with one of them, or it lists none. */
  regionStems?: readonly string[];
  /** Keyset: rows after this one in the newest-first order (created_at, id). */
  after?: { createdAt: string; id: string };
  /** Page size; the statement asks for one more to tell hasNextPage. */
  first: number;
}

/** A row of a page: the read model's row (fields not asked for are undefined), plus what was joined. */
export interface ListingPageRow extends ListingRow {
  owner?: Partial<Record<PublicOrganizationField, unknown>>;
  parkRow?: Partial<Record<ParkField, unknown>> & { operator?: Partial<Record<PublicOrganizationField, unknown>> };
}

export interface ListingReadPage {
  rows: ListingPageRow[];
  /** null unless the shape asked for it. */
  totalCount: number | null;
  hasNextPage: boolean;
}

/** The columns every page row carries: identity and kind, the owner (access and loaders), the keyset. */
const ALWAYS: readonly ListingColumn[] = ['id', 'kind', 'owner_organization_id', 'created_at'];
const pageStatements = new StatementCache('listings_page', 256);

const pick = (prefix: string, alias: string, fields: readonly string[], columns: Record<string, string>) => fields.map((f) => `${alias}.${columns[f]} AS ${prefix}${columns[f]}`);
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as rowOf reads it
const unpick = (r: Record<string, any>, prefix: string, fields: readonly string[], columns: Record<string, string>) =>
  Object.fromEntries(fields.map((f) => [f, r[`${prefix}${columns[f]}`]]));

/**
 * An organization's public columns `fields` of the organization joined as `alias`, named
 * `prefix` + column, for another context's statement (a match request's or a lead's enterprise);
 * the row's values go back through {@link publicOrganizationOf}.
 */
export const publicOrganizationSql = (alias: string, prefix: string, fields: readonly PublicOrganizationField[]): string[] => pick(prefix, alias, fields, PUBLIC_ORGANIZATION_COLUMNS);

/** The public columns `fields` read with {@link publicOrganizationSql}, by entity property. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as pg parses it
export const publicOrganizationOf = (r: Record<string, any>, prefix: string, fields: readonly PublicOrganizationField[]): Partial<Record<PublicOrganizationField, unknown>> =>
  unpick(r, prefix, fields, PUBLIC_ORGANIZATION_COLUMNS);

/** The read model's columns and the owner/park/operator expressions a shape asks for. */
function shapeSql(shape: Omit<ListingReadShape, 'totalCount'>): { wanted: ReadonlyArray<(typeof COLUMNS)[number]>; extra: ExtraSql } {
  const wanted = shape.columns === 'all' ? COLUMNS : COLUMNS.filter(([name]) => ALWAYS.includes(name) || (shape.columns as readonly string[]).includes(name));
  const extra: ExtraSql = { list: [], joins: [], tables: [] };
  if (shape.owner?.length) {
    extra.tables.push('o');
    extra.list.push(...pick('o_', 'o', shape.owner, PUBLIC_ORGANIZATION_COLUMNS));
  }
  if (shape.park) {
    extra.tables.push('p');
    if (!wanted.some(([name]) => name === 'park_id')) extra.list.push('pv.park_id');
    extra.list.push(...pick('p_', 'p', shape.park.fields, PARK_COLUMNS));
    if (shape.park.operator?.length) {
      extra.joins.push('LEFT JOIN organizations po ON po.id = p.operator_organization_id');
      extra.list.push(...pick('po_', 'po', shape.park.operator, PUBLIC_ORGANIZATION_COLUMNS));
    }
  }
  return { wanted, extra };
}

/**
 * The listing part of another context's statement that joins listings itself as `l` (a
 * recommendation's, a match request's listing; ADR 0040): the SELECT expressions and the joins
 * after `l` that `shape` asks for, the same the listings' own pages use. Output columns are the
 * read model's names (`id`, `kind`, `title`, …, `o_*`, `p_*`, `po_*`): the caller names its own
 * columns with a prefix of its own. Rows go back through {@link listingRowOf}.
 */
export function listingSelectSql(shape: Omit<ListingReadShape, 'totalCount'>): { list: string[]; joins: string[] } {
  const { wanted, extra } = shapeSql(shape);
  return selectParts(wanted, extra);
}

/** A raw row of a statement built with {@link listingSelectSql} (or a page) as the read model's row. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as pg parses it
export function listingRowOf(r: Record<string, any>, shape: Omit<ListingReadShape, 'totalCount'>): ListingPageRow {
  const row: ListingPageRow = rowOf(r);
  if (shape.owner?.length) row.owner = unpick(r, 'o_', shape.owner, PUBLIC_ORGANIZATION_COLUMNS);
  if (shape.park && r.park_id != null) {
    row.parkRow = unpick(r, 'p_', shape.park.fields, PARK_COLUMNS);
    if (shape.park.operator?.length) row.parkRow.operator = unpick(r, 'po_', shape.park.operator, PUBLIC_ORGANIZATION_COLUMNS);
  }
  return row;
}

/** The statement text and values of a page read; the text depends only on the shape and which filters are present. */
function pageStatement(shape: ListingReadShape, f: ListingPageFilter): { text: string; values: unknown[] } {
  const values: unknown[] = [];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [visibleListingSql($(f.viewerOrganizationId))];
  if (f.ids) where.push(`l.id = ANY(${$(f.ids)}::uuid[])`);
  if (f.publishedOnly) where.push(`l.status = 'PUBLISHED'`);
  if (f.kinds?.length) where.push(`l.kind = ANY(${$(f.kinds)}::listing_kind[])`);
  if (f.ownerId) where.push(`l.owner_organization_id = ${$(f.ownerId)}::uuid`);
  if (f.status) where.push(`l.status = ${$(f.status)}::listing_status`);
  if (f.parkId) where.push(`EXISTS (SELECT 1 FROM park_vacancies v WHERE v.listing_id = l.id AND v.park_id = ${$(f.parkId)}::uuid)`);
  if (f.regionStems?.length) {
    // Regions nest (330000 ⊃ 330200 ⊃ 330281): one of the listing's regions contains a filter region or lies within one; none listed serves anywhere.
    where.push(`(l.region_codes = '{}' OR EXISTS (
           SELECT 1 FROM unnest(l.region_codes) AS r(code), unnest(${$(f.regionStems)}::text[]) AS f(prefix)
            WHERE r.code LIKE f.prefix || '%' OR f.prefix LIKE regexp_replace(r.code, '(00)+$', '') || '%'))`);
  }
  const filter = where.join(' AND ');
  const pageWhere = [filter];
  if (f.after) pageWhere.push(keysetBeforeSql('listings', 'l', $(f.after.id), $(f.after.createdAt)));
  const { wanted, extra } = shapeSql(shape);
  const page = `${selectFrom(wanted, extra)}\n    WHERE ${pageWhere.join(' AND ')}\n    ORDER BY l.created_at DESC, l.id DESC LIMIT ${$(f.first + 1)}`;
  if (!shape.totalCount) return { text: page, values };
  return { text: withTotalCount(`SELECT count(*)::int AS total_count FROM "listings" l WHERE ${filter}`, page, 'pg_.created_at DESC, pg_.id DESC'), values };
}

/**
 * One page of listings visible to the viewer, newest first, as ONE named prepared statement on
 * the DataSource's pool (ADR 0040): only the columns and joins the shape asks for, the count in
 * the same statement when asked for.
 */
export async function loadListingPage(ds: DataSource, shape: ListingReadShape, filter: ListingPageFilter): Promise<ListingReadPage> {
  if (filter.ids?.length === 0) return { rows: [], totalCount: shape.totalCount ? 0 : null, hasNextPage: false };
  const { text, values } = pageStatement(shape, filter);
  const found = await preparedRead(ds, pageStatements.get(text, () => text), values);
  const { rows, totalCount, hasMore } = countedPage(found, 'id', filter.first, shape.totalCount);
  return { rows: rows.map((r) => listingRowOf(r, shape)), totalCount, hasNextPage: hasMore };
}
