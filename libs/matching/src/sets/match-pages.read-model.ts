/**
 * The hot reads of the match sets as ONE named prepared statement each (ADR 0040): a firm's
 * recommendations with their listings (the listing part built by the listings' read model from
 * the same shape its own pages use, `listingSelectSql`), and a listing's leads with the matched
 * firms' public columns; the total counted in the same statement only when asked for.
 */
import type { DataSource } from 'typeorm';
import { countedPage, preparedRead, StatementCache, withTotalCount } from '../../../platform/src/index.js';
import { listingRowOf, listingSelectSql, publicOrganizationOf, publicOrganizationSql, type ListingPageRow, type ListingReadShape, type PublicOrganizationField } from '../../../listings/src/index.js';
import { profileImportedAtSql } from '../../../enterprises/src/index.js';
import type { Reason } from '../core/match-types.js';

const recommendationStatements = new StatementCache('recommendations_page', 256);
const leadStatements = new StatementCache('leads_page', 64);

export interface RecommendationPageFilter {
  organizationId: string;
  /** Only these kinds (none or empty: all). */
  kinds?: readonly string[];
  /** Rows skipped (ranked connections page by offset). */
  offset: number;
  /** Page size; the statement asks for one more to tell hasNextPage. */
  first: number;
  /** Also read the firm's own profile's imported_at (whether its reasons are withheld from an unverified firm: hidesAuthorityData). */
  profileImportedAt?: boolean;
}

export interface RecommendationRow {
  score: number;
  reasons: Reason[];
  computedAt: Date;
  /** The listing, of the columns the shape asked for (the read model's row). */
  listing: ListingPageRow;
}

export interface RecommendationPage {
  rows: RecommendationRow[];
  /** null unless the shape asked for it. */
  totalCount: number | null;
  /** Rows after this page (within the stored set). */
  hasMore: boolean;
  /** The firm's profile's imported_at when asked for and the page is not empty (null: no profile, or nothing imported). */
  profileImportedAt?: Date | null;
}

/**
 * A firm's recommendations, best first (score descending, then listing id), PUBLISHED listings
 * only, with each listing's columns as `shape` asks for: ONE statement (the count in it when
 * `shape.totalCount`; the count is of the same rows: the firm's stored matches on PUBLISHED
 * listings of the kinds asked for).
 */
export async function loadRecommendationPage(ds: DataSource, shape: ListingReadShape, f: RecommendationPageFilter): Promise<RecommendationPage> {
  const values: unknown[] = [];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const me = `${$(f.organizationId)}::uuid`;
  const where = [`m.enterprise_organization_id = ${me}`];
  if (f.kinds?.length) where.push(`m.kind = ANY(${$(f.kinds)}::text[])`);
  const listing = listingSelectSql(shape);
  // An uncorrelated subquery: PostgreSQL runs it once per statement (an InitPlan), not per row.
  const profile = f.profileImportedAt ? `${profileImportedAtSql(me)} AS m_profile_imported_at, ` : '';
  const page = `SELECT m.score AS m_score, m.reasons AS m_reasons, m.computed_at AS m_computed_at, m.listing_id AS m_listing_id, ${profile}${listing.list.join(', ')}
    FROM matches m JOIN "listings" l ON l.id = m.listing_id
    ${listing.joins.join('\n    ')}
    WHERE ${where.join(' AND ')} AND l.status = 'PUBLISHED'
    ORDER BY m.score DESC, m.listing_id OFFSET ${$(f.offset)} LIMIT ${$(f.first + 1)}`;
  const text = shape.totalCount
    ? withTotalCount(`SELECT count(*)::int AS total_count FROM matches m JOIN "listings" l ON l.id = m.listing_id WHERE ${where.join(' AND ')} AND l.status = 'PUBLISHED'`, page, 'pg_.m_score DESC, pg_.m_listing_id')
    : page;
  const found = await preparedRead(ds, recommendationStatements.get(text, () => text), values);
  const { rows, totalCount, hasMore } = countedPage(found, 'm_listing_id', f.first, shape.totalCount);
  return {
    rows: rows.map((r) => ({ score: r.m_score, reasons: r.m_reasons, computedAt: r.m_computed_at, listing: listingRowOf(r, shape) })),
    totalCount,
    hasMore,
    ...(f.profileImportedAt && rows.length ? { profileImportedAt: rows[0]!.m_profile_imported_at as Date | null } : {}),
  };
}

export interface LeadPageFilter {
  listingId: string;
  offset: number;
  /** Page size; the statement asks for one more to tell hasNextPage. */
  first: number;
}

export interface LeadRow {
  enterpriseOrganizationId: string;
  score: number;
  reasons: Reason[];
  /** The enterprise's public columns, when the shape asked for them. */
  enterprise?: Partial<Record<PublicOrganizationField, unknown>>;
}

export interface LeadPage {
  rows: LeadRow[];
  /** null unless asked for. */
  totalCount: number | null;
  hasMore: boolean;
}

/**
 * A listing's leads, best first (score descending, then enterprise id), with the enterprises'
 * public columns `enterprise` names (none: not read here) and the count when `totalCount`: ONE
 * statement. No access check: the caller has checked the listing.
 */
export async function loadLeadPage(ds: DataSource, shape: { enterprise?: readonly PublicOrganizationField[]; totalCount: boolean }, f: LeadPageFilter): Promise<LeadPage> {
  const enterprise = shape.enterprise?.length ? shape.enterprise : undefined;
  const columns = enterprise ? `, ${publicOrganizationSql('e', 'e_', enterprise).join(', ')}` : '';
  const page = `SELECT m.enterprise_organization_id AS m_enterprise_organization_id, m.score AS m_score, m.reasons AS m_reasons${columns}
    FROM matches m${enterprise ? '\n    JOIN organizations e ON e.id = m.enterprise_organization_id' : ''}
    WHERE m.listing_id = $1::uuid
    ORDER BY m.score DESC, m.enterprise_organization_id OFFSET $2 LIMIT $3`;
  const text = shape.totalCount
    ? withTotalCount(`SELECT count(*)::int AS total_count FROM matches m WHERE m.listing_id = $1::uuid`, page, 'pg_.m_score DESC, pg_.m_enterprise_organization_id')
    : page;
  const found = await preparedRead(ds, leadStatements.get(text, () => text), [f.listingId, f.offset, f.first + 1]);
  const { rows, totalCount, hasMore } = countedPage(found, 'm_enterprise_organization_id', f.first, shape.totalCount);
  return {
    rows: rows.map((r) => {
      const row: LeadRow = { enterpriseOrganizationId: r.m_enterprise_organization_id, score: r.m_score, reasons: r.m_reasons };
      if (enterprise) row.enterprise = publicOrganizationOf(r, 'e_', enterprise);
      return row;
    }),
    totalCount,
    hasMore,
  };
}
