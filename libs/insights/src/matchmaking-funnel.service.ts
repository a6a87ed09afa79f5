import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, ratio } from '../../platform/src/index.js';
import { regionName } from '../../identity/src/index.js';
import { PUSH_KINDS, PUSH_KIND_LABELS, type MatchListingKind } from '../../matching/src/index.js';
import { checkPeriod, checkRegion, type Period } from './insights.service.js';

/**
 * The matchmaking funnel (issue 18 item 5), defined here once; `matchmakingFunnel` and the XLSX
 * export both read {@link MatchmakingFunnelService.funnel} and the export lays the rows out with
 * {@link FUNNEL_COLUMNS}, so the two cannot disagree.
 *
 * Period: Beijing dates, inclusive, bounds `from::date::timestamp AT TIME ZONE 'Asia/Shanghai'` to
 * the next midnight after `to` (as every insight). The cohort is the (firm, listing) pairs that
 * ENTERED the firm's match set within the period; each later step counts for a pair of the cohort
 * when it happened at or after the entry and before the period's end:
 *  - matched: the pair entered the set in the period;
 *  - pushed: the matching worker pushed it (notice and live event);
 *  - viewed: the firm opened the listing (markRecommendationSeen) after it entered;
 *  - requested: the firm's first match request on it (揭榜: application) after it entered;
 *  - responded: that request was answered (揭榜: decided);
 *  - accepted: the answer was not a decline (揭榜: shortlisted or accepted);
 *  - succeeded: credit: the bank recorded the credit as granted (funded, amount_granted summed);
 *    services and park space: completed with outcome SUCCESS; 揭榜: the applicant was accepted.
 * Rates: pushed, viewed and requested as shares of matched; responded of requested; accepted of
 * responded; succeeded of accepted (0..1, 4 decimals; null when the base is 0).
 * Dimensions: listing kind, the firm's region (current, nested prefix filter), the listing's owner.
 */
export interface FunnelRow {
  listingKind: MatchListingKind;
  regionCode: string;
  regionName: string | null;
  institutionId: string;
  institutionName: string;
  matched: number;
  pushed: number;
  viewed: number;
  requested: number;
  responded: number;
  accepted: number;
  succeeded: number;
  /** Yuan granted on succeeded credit requests (0 for other kinds). */
  fundedAmount: number;
  pushRate: number | null;
  viewRate: number | null;
  requestRate: number | null;
  responseRate: number | null;
  acceptanceRate: number | null;
  successRate: number | null;
}

type Cell = string | number | null;

/** The export's columns, each read from the same row the GraphQL answer carries. */
export const FUNNEL_COLUMNS: ReadonlyArray<{ header: string; key: keyof FunnelRow; cell?: (r: FunnelRow) => Cell; width?: number }> = [
  { header: '资源类型', key: 'listingKind', cell: (r) => PUSH_KIND_LABELS[r.listingKind] },
  { header: '区划代码', key: 'regionCode' },
  { header: '区划名称', key: 'regionName' },
  { header: '发布机构', key: 'institutionName', width: 30 },
  { header: '匹配', key: 'matched' },
  { header: '推送', key: 'pushed' },
  { header: '查看', key: 'viewed' },
  { header: '申请', key: 'requested' },
  { header: '答复', key: 'responded' },
  { header: '接受', key: 'accepted' },
  { header: '成功（授信获批）', key: 'succeeded' },
  { header: '获批金额（元）', key: 'fundedAmount' },
  { header: '推送率', key: 'pushRate' },
  { header: '查看率', key: 'viewRate' },
  { header: '申请率', key: 'requestRate' },
  { header: '答复率', key: 'responseRate' },
  { header: '接受率', key: 'acceptanceRate' },
  { header: '成功率', key: 'successRate' },
];

/** The rows as the export's cells (one function, used by the export and by the test that compares). */
export function funnelCells(rows: readonly FunnelRow[]): Cell[][] {
  return rows.map((r) => FUNNEL_COLUMNS.map((c) => (c.cell ? c.cell(r) : (r[c.key] as Cell))));
}

/** Kinds as given (null: all), refused by name when unknown. */
export function checkFunnelKinds(kinds: readonly string[] | null | undefined, field = 'kinds'): MatchListingKind[] | null {
  if (kinds === null || kinds === undefined) return null;
  if (kinds.length > PUSH_KINDS.length * 2) throw badInput(`类别最多 ${PUSH_KINDS.length} 个 (${field}: at most ${PUSH_KINDS.length})`, field);
  const unknown = kinds.find((k) => !(PUSH_KINDS as readonly string[]).includes(k));
  if (unknown !== undefined) throw badInput(`未知的资源类型；可选：${PUSH_KINDS.map((k) => PUSH_KIND_LABELS[k]).join('、')} (${field}: one of ${PUSH_KINDS.join(', ')})`, field);
  return kinds.length ? [...new Set(kinds)] as MatchListingKind[] : null;
}

// Set-based (hash joins, no per-pair subquery): the cohort, every request or application of a
// cohort pair made after its entry and before the period's end, the first of those per pair.
const FUNNEL_SQL = `
WITH b AS (SELECT ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS lo, (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS hi),
     c AS MATERIALIZED (
       SELECT e.enterprise_organization_id AS firm, e.listing_id, e.kind, e.owner_organization_id AS owner, e.entered_at, e.pushed_at, o.region_code
         FROM recommendation_entries e JOIN organizations o ON o.id = e.enterprise_organization_id, b
        WHERE e.entered_at >= b.lo AND e.entered_at < b.hi
          AND ($3::text IS NULL OR o.region_code LIKE $3 || '%')
          AND ($4::text[] IS NULL OR e.kind = ANY($4::text[]))),
     x AS (
       SELECT r.enterprise_organization_id AS firm, r.listing_id, r.created_at AS requested_at, r.responded_at, r.status <> 'DECLINED' AS accepted,
              CASE WHEN r.listing_kind = 'CREDIT_PRODUCT' THEN CASE WHEN r.credit_approved THEN r.outcome_recorded_at END
                   WHEN r.outcome = 'SUCCESS' THEN r.completed_at END AS succeeded_at,
              CASE WHEN r.listing_kind = 'CREDIT_PRODUCT' AND r.credit_approved THEN r.amount_granted END AS amount
         FROM match_requests r, b WHERE r.created_at < b.hi
       UNION ALL
       SELECT a.applicant_organization_id, a.challenge_id, a.created_at, a.decided_at, a.status IN ('SHORTLISTED', 'ACCEPTED'),
              CASE WHEN a.status = 'ACCEPTED' THEN a.decided_at END, NULL::bigint
         FROM challenge_applications a, b WHERE a.created_at < b.hi),
     q AS (
       SELECT DISTINCT ON (c.firm, c.listing_id) c.firm, c.listing_id, x.requested_at, x.responded_at, x.accepted, x.succeeded_at, x.amount
         FROM c JOIN x ON x.firm = c.firm AND x.listing_id = c.listing_id AND x.requested_at >= c.entered_at
        ORDER BY c.firm, c.listing_id, x.requested_at),
     s AS (
       SELECT c.kind, c.region_code, c.owner,
              (c.pushed_at IS NOT NULL AND c.pushed_at < b.hi) AS pushed,
              (v.first_seen_at >= c.entered_at AND v.first_seen_at < b.hi) IS TRUE AS viewed,
              q.requested_at IS NOT NULL AS requested,
              coalesce(q.responded_at < b.hi, false) AS responded,
              coalesce(q.responded_at < b.hi AND q.accepted, false) AS accepted,
              coalesce(q.succeeded_at < b.hi, false) AS succeeded,
              CASE WHEN q.succeeded_at < b.hi THEN coalesce(q.amount, 0) ELSE 0 END AS amount
         FROM c CROSS JOIN b
         LEFT JOIN recommendation_views v ON v.enterprise_organization_id = c.firm AND v.listing_id = c.listing_id
         LEFT JOIN q ON q.firm = c.firm AND q.listing_id = c.listing_id)
SELECT s.kind, s.region_code, s.owner, o.name,
       count(*)::int AS matched,
       count(*) FILTER (WHERE s.pushed)::int AS pushed,
       count(*) FILTER (WHERE s.viewed)::int AS viewed,
       count(*) FILTER (WHERE s.requested)::int AS requested,
       count(*) FILTER (WHERE s.responded)::int AS responded,
       count(*) FILTER (WHERE s.accepted)::int AS accepted,
       count(*) FILTER (WHERE s.succeeded)::int AS succeeded,
       coalesce(sum(s.amount), 0)::text AS amount
  FROM s JOIN organizations o ON o.id = s.owner
 GROUP BY s.kind, s.region_code, s.owner, o.name
 ORDER BY s.kind, s.region_code, o.name, s.owner`;

@Injectable()
export class MatchmakingFunnelService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async funnel(period: Period, regionCode?: string | null, kinds?: readonly string[] | null): Promise<FunnelRow[]> {
    const { from, to } = checkPeriod(period);
    const prefix = checkRegion(regionCode);
    const wanted = checkFunnelKinds(kinds);
    const rows: Array<{ kind: MatchListingKind; region_code: string; owner: string; name: string; matched: number; pushed: number; viewed: number; requested: number; responded: number; accepted: number; succeeded: number; amount: string }> =
      await this.dataSource.query(FUNNEL_SQL, [from, to, prefix, wanted]);
    return rows.map((r) => ({
      listingKind: r.kind,
      regionCode: r.region_code,
      regionName: regionName(r.region_code) ?? null,
      institutionId: r.owner,
      institutionName: r.name,
      matched: r.matched,
      pushed: r.pushed,
      viewed: r.viewed,
      requested: r.requested,
      responded: r.responded,
      accepted: r.accepted,
      succeeded: r.succeeded,
      fundedAmount: Number(r.amount),
      pushRate: ratio(r.pushed, r.matched),
      viewRate: ratio(r.viewed, r.matched),
      requestRate: ratio(r.requested, r.matched),
      responseRate: ratio(r.responded, r.requested),
      acceptanceRate: ratio(r.accepted, r.responded),
      successRate: ratio(r.succeeded, r.accepted),
    }));
  }
}
