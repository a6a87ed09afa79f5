/**
 * A page of match requests as ONE named prepared statement (ADR 0040): the requests, newest first
 * (keyset on created_at, id as fetchKeysetPage pages them), each request's listing with the columns
 * the selection asks for (the listings' read model builds that part, `listingSelectSql`), the
 * requesting enterprise's public columns when only those are selected, and the total only when
 * asked for, in the same statement.
 */
import type { DataSource } from 'typeorm';
import { countedPage, keysetBeforeSql, keysetCursor, preparedRead, StatementCache, withTotalCount } from '../../../platform/src/index.js';
import { bigintNumber } from '../../../enterprises/src/index.js';
import { listingRowOf, listingSelectSql, publicOrganizationOf, publicOrganizationSql, type ListingPageRow, type ListingReadShape, type PublicOrganizationField } from '../../../listings/src/index.js';
import type { MatchRequestEntity } from './match-request.entity.js';
import type { MatchRequestRole, MatchRequestStatus } from './match-request-enums.js';

const statements = new StatementCache('match_requests_page', 128);

/** What a page of match requests reads besides the requests: their listings and enterprises, and the total. */
export interface MatchRequestReadShape {
  /** The listing of each request, of these columns (absent: the listing is not read here). */
  listing?: Omit<ListingReadShape, 'totalCount'>;
  /** The requesting enterprise's public columns (absent: not read here). */
  enterprise?: readonly PublicOrganizationField[];
  totalCount: boolean;
}

export interface MatchRequestPageFilter {
  organizationId: string;
  role: MatchRequestRole;
  status?: MatchRequestStatus;
  after?: { createdAt: string; id: string };
  first: number;
}

export interface MatchRequestPageRow {
  request: MatchRequestEntity;
  /** When the shape asked for it. */
  listing?: ListingPageRow;
  enterprise?: Partial<Record<PublicOrganizationField, unknown>>;
}

export interface MatchRequestReadPage {
  rows: MatchRequestPageRow[];
  /** null unless the shape asked for it. */
  totalCount: number | null;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The request's columns (`r_` + column), as TypeORM hydrates MatchRequestEntity. */
const REQUEST_COLUMNS = `r.id AS r_id, r.listing_id AS r_listing_id, r.listing_kind AS r_listing_kind, r.owner_organization_id AS r_owner_organization_id,
    r.enterprise_organization_id AS r_enterprise_organization_id, r.enterprise_region_code AS r_enterprise_region_code, r.message AS r_message,
    r.requested_amount AS r_requested_amount, r.share_profile AS r_share_profile, r.status AS r_status, r.response_message AS r_response_message,
    r.outcome AS r_outcome, r.rating AS r_rating, r.responded_at AS r_responded_at, r.completed_at AS r_completed_at, r.respond_by AS r_respond_by,
    r.decide_by AS r_decide_by, r.info_requested_at AS r_info_requested_at, r.response_working_minutes AS r_response_working_minutes,
    r.decline_reason_code AS r_decline_reason_code, r.credit_approved AS r_credit_approved, r.amount_granted AS r_amount_granted,
    r.annual_rate_percent AS r_annual_rate_percent, r.term_months AS r_term_months, r.disbursed_on::text AS r_disbursed_on,
    r.credit_decline_reason_code AS r_credit_decline_reason_code, r.delivered_on::text AS r_delivered_on, r.service_price AS r_service_price,
    r.outcome_note AS r_outcome_note, r.outcome_recorded_at AS r_outcome_recorded_at, r.version AS r_version, r.created_at AS r_created_at, r.updated_at AS r_updated_at`;

const big = bigintNumber.from;

// eslint-disable-next-line @typescript-eslint/no-explicit-any -- a raw row, as pg parses it
function requestOf(r: Record<string, any>): MatchRequestEntity {
  return {
    id: r.r_id,
    listingId: r.r_listing_id,
    listingKind: r.r_listing_kind,
    ownerOrganizationId: r.r_owner_organization_id,
    enterpriseOrganizationId: r.r_enterprise_organization_id,
    enterpriseRegionCode: r.r_enterprise_region_code,
    message: r.r_message,
    requestedAmount: big(r.r_requested_amount),
    shareProfile: r.r_share_profile,
    status: r.r_status,
    responseMessage: r.r_response_message,
    outcome: r.r_outcome,
    rating: r.r_rating,
    respondedAt: r.r_responded_at,
    completedAt: r.r_completed_at,
    respondBy: r.r_respond_by,
    decideBy: r.r_decide_by,
    infoRequestedAt: r.r_info_requested_at,
    responseWorkingMinutes: r.r_response_working_minutes,
    declineReasonCode: r.r_decline_reason_code,
    creditApproved: r.r_credit_approved,
    amountGranted: big(r.r_amount_granted),
    annualRatePercent: r.r_annual_rate_percent,
    termMonths: r.r_term_months,
    disbursedOn: r.r_disbursed_on,
    creditDeclineReasonCode: r.r_credit_decline_reason_code,
    deliveredOn: r.r_delivered_on,
    servicePrice: big(r.r_service_price),
    outcomeNote: r.r_outcome_note,
    outcomeRecordedAt: r.r_outcome_recorded_at,
    version: r.r_version,
    createdAt: r.r_created_at,
    updatedAt: r.r_updated_at,
  };
}

/** The caller's match requests (sent by its enterprise, or received for its listings), newest first. */
export async function loadMatchRequestPage(ds: DataSource, shape: MatchRequestReadShape, f: MatchRequestPageFilter): Promise<MatchRequestReadPage> {
  const values: unknown[] = [];
  const $ = (v: unknown) => {
    values.push(v);
    return `$${values.length}`;
  };
  const where = [`${f.role === 'SENT' ? 'r.enterprise_organization_id' : 'r.owner_organization_id'} = ${$(f.organizationId)}::uuid`];
  if (f.status) where.push(`r.status = ${$(f.status)}::match_request_status`);
  const filter = where.join(' AND ');
  const pageWhere = [filter];
  if (f.after) pageWhere.push(keysetBeforeSql('match_requests', 'r', $(f.after.id), $(f.after.createdAt)));
  const list = [REQUEST_COLUMNS];
  const joins: string[] = [];
  if (shape.listing) {
    const listing = listingSelectSql(shape.listing);
    list.push(...listing.list);
    joins.push('JOIN "listings" l ON l.id = r.listing_id', ...listing.joins);
  }
  if (shape.enterprise?.length) {
    list.push(...publicOrganizationSql('e', 'e_', shape.enterprise));
    joins.push('JOIN organizations e ON e.id = r.enterprise_organization_id');
  }
  const page = `SELECT ${list.join(', ')}
    FROM match_requests r
    ${joins.join('\n    ')}
    WHERE ${pageWhere.join(' AND ')}
    ORDER BY r.created_at DESC, r.id DESC LIMIT ${$(f.first + 1)}`;
  const text = shape.totalCount ? withTotalCount(`SELECT count(*)::int AS total_count FROM match_requests r WHERE ${filter}`, page, 'pg_.r_created_at DESC, pg_.r_id DESC') : page;
  const found = await preparedRead(ds, statements.get(text, () => text), values);
  const { rows, totalCount, hasMore } = countedPage(found, 'r_id', f.first, shape.totalCount);
  const onPage = rows.map((r): MatchRequestPageRow => {
    const row: MatchRequestPageRow = { request: requestOf(r) };
    if (shape.listing) row.listing = listingRowOf(r, shape.listing);
    if (shape.enterprise?.length) row.enterprise = publicOrganizationOf(r, 'e_', shape.enterprise);
    return row;
  });
  const last = onPage[onPage.length - 1];
  return { rows: onPage, totalCount, hasNextPage: hasMore, endCursor: last ? keysetCursor(last.request) : null };
}
