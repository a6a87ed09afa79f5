import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { CLOCK, type Clock, systemClock, badInput, echoInput, todayInShanghai, ratio } from '../../platform/src/index.js';
import { describeRegionCodeProblem, regionName, regionStem } from '../../identity/src/index.js';
import { ENTERPRISE_TIERS, type EnterpriseTier, countedLapsedSql, countedTitleSql, effectiveTierSql } from '../../enterprises/src/index.js';
import type { ListingKind } from '../../listings/src/index.js';
import { deadlineStatsSql, workingHours } from '../../matching/src/index.js';
import { DEFAULT_RANKING_WEIGHTS, rankServiceInstitutions, type RankingInputs, type RankingWeights, type RankedInstitution } from './service-ranking.js';

/** An inclusive date range, YYYY-MM-DD in Beijing time. */
export interface Period {
  from: string;
  to: string;
}

export const MAX_PERIOD_YEARS = 5;

export interface TierPipelineRow {
  regionCode: string;
  regionName: string | null;
  enterprises: number;
  certified: Array<{ tier: EnterpriseTier; count: number }>;
  /** Firms whose latest assessment finds them eligible for a tier above the one they hold. */
  eligibleNotCertified: Array<{ tier: EnterpriseTier; count: number }>;
  atRisk: number;
  /** Titles past their 3 years without renewal or pending re-review (counted under NONE in `certified`). */
  lapsed: number;
}

export interface MatchmakingRow {
  month: string;
  regionCode: string;
  listingKind: ListingKind;
  requests: number;
  pending: number;
  accepted: number;
  declined: number;
  completed: number;
  successful: number;
  cancelled: number;
  acceptanceRate: number | null;
  successRate: number | null;
  medianFirstResponseHours: number | null;
}

export interface FinancingRow {
  productType: string;
  requests: number;
  completed: number;
  successful: number;
  /** Yuan requested in completed matches. */
  completedAmount: number;
  /** Yuan requested in matches completed with SUCCESS. */
  successfulAmount: number;
  /** Yuan applied for in all requests (issue 17: beside the granted amount). */
  appliedAmount: number;
  /** Credit decisions the banks recorded on these requests. */
  decided: number;
  approved: number;
  /** approved / decided; null before the first decision. */
  approvalRate: number | null;
  /** Yuan granted (approved decisions). */
  grantedAmount: number;
  /** Median whole days from the request's date to disbursement; null before the first. */
  medianDaysToDisbursement: number | null;
}

export interface ChallengeInsightRow {
  anchorOrganizationId: string;
  anchorName: string;
  challengesPublished: number;
  applications: number;
  acceptedSolvers: number;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
const round2 = (x: number | string | null) => (x === null ? null : Math.round(Number(x) * 100) / 100);

/** Validates an inclusive period: real dates, from ≤ to, at most {@link MAX_PERIOD_YEARS} years. */
export function checkPeriod(period: Period, field = 'period'): Period {
  for (const key of ['from', 'to'] as const) {
    const v = period?.[key];
    if (typeof v !== 'string' || !ISO_DATE.test(v) || Number.isNaN(Date.parse(`${v}T00:00:00Z`)) || new Date(`${v}T00:00:00Z`).toISOString().slice(0, 10) !== v) {
      throw badInput(`${key} 须为 YYYY-MM-DD 格式的日期，收到 ${echoInput(v)} (${field}.${key} must be a date YYYY-MM-DD)`, `${field}.${key}`);
    }
  }
  if (period.from > period.to) {
    throw badInput(`起始日期 ${period.from} 晚于结束日期 ${period.to}，请对调 (${field}.from is after ${field}.to)`, `${field}.from`);
  }
  const limit = new Date(`${period.from}T00:00:00Z`);
  limit.setUTCFullYear(limit.getUTCFullYear() + MAX_PERIOD_YEARS);
  if (new Date(`${period.to}T00:00:00Z`) >= limit) {
    throw badInput(
      `统计区间最长 ${MAX_PERIOD_YEARS} 年（${period.from} 起至多到 ${new Date(limit.getTime() - 86_400_000).toISOString().slice(0, 10)}），请缩短区间 (${field} is longer than ${MAX_PERIOD_YEARS} years)`,
      `${field}.to`,
    );
  }
  return period;
}

/** A known region code (its prefix covers the areas under it), or null for the whole platform. */
export function checkRegion(regionCode: string | null | undefined, field = 'regionCode'): string | null {
  if (regionCode === undefined || regionCode === null) return null;
  const problem = describeRegionCodeProblem(regionCode);
  if (problem) throw badInput(problem, field);
  return regionStem(regionCode);
}

/**
 * The authority's figures: tier pipeline, matchmaking, financing, 揭榜 and the ranking of service
 * institutions. Each is one indexed query (created_at / region prefixes) grouped in SQL; the
 * pipeline reads the `eligible_tier` the scoring worker keeps on each profile.
 */
@Injectable()
export class InsightsService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Optional() @Inject(CLOCK) private readonly clock: Clock = systemClock,
  ) {}

  async tierPipeline(regionCode?: string | null): Promise<TierPipelineRow[]> {
    const prefix = checkRegion(regionCode);
    // Certified means a title confirmed or imported by the AUTHORITY (a firm's own claim is not,
    // DOMAIN.md §8.10) that has not lapsed (§8.2); risk only before expiry, of such titles only.
    const rows: Array<{ region_code: string; tier: EnterpriseTier; eligible_tier: EnterpriseTier | null; n: number; at_risk: number; lapsed: number }> = await this.dataSource.query(
      `SELECT o.region_code, ${effectiveTierSql('p', '$2::date')} AS tier, p.eligible_tier, count(*)::int AS n,
              count(*) FILTER (WHERE p.review_risk IS NOT NULL AND p.review_risk_expires_on > $2::date AND ${countedTitleSql('p')})::int AS at_risk,
              count(*) FILTER (WHERE ${countedLapsedSql('p', '$2::date')})::int AS lapsed
         FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id
        WHERE ($1::text IS NULL OR o.region_code LIKE $1 || '%')
        GROUP BY 1, 2, 3 ORDER BY 1`,
      [prefix, todayInShanghai()],
    );
    const byRegion = new Map<string, TierPipelineRow>();
    const rank = (t: EnterpriseTier) => ENTERPRISE_TIERS.indexOf(t);
    for (const r of rows) {
      let row = byRegion.get(r.region_code);
      if (!row) {
        row = {
          regionCode: r.region_code,
          regionName: regionName(r.region_code) ?? null,
          enterprises: 0,
          certified: ENTERPRISE_TIERS.map((tier) => ({ tier, count: 0 })),
          eligibleNotCertified: ENTERPRISE_TIERS.filter((t) => t !== 'NONE').map((tier) => ({ tier, count: 0 })),
          atRisk: 0,
          lapsed: 0,
        };
        byRegion.set(r.region_code, row);
      }
      row.enterprises += r.n;
      row.atRisk += r.at_risk;
      row.lapsed += r.lapsed;
      row.certified.find((c) => c.tier === r.tier)!.count += r.n;
      if (r.eligible_tier && rank(r.eligible_tier) > rank(r.tier)) row.eligibleNotCertified.find((c) => c.tier === r.eligible_tier)!.count += r.n;
    }
    return [...byRegion.values()];
  }

  /**
   * Per month (every month the period touches), region and listing kind, from the monthly view the
   * worker refreshes within seconds of a change (REFRESH_WINDOW_MS in insights-refresh.ts).
   */
  async matchmaking(period: Period, regionCode?: string | null): Promise<MatchmakingRow[]> {
    const { from, to } = checkPeriod(period);
    const prefix = checkRegion(regionCode);
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT to_char(month_start, 'YYYY-MM') AS month, region_code, listing_kind, requests, pending, accepted, declined, completed, successful, cancelled, median_hours
         FROM insights_matchmaking_monthly
        WHERE month_start >= date_trunc('month', $1::date) AND month_start <= $2::date
          AND ($3::text IS NULL OR region_code LIKE $3 || '%')
        ORDER BY 1, 2, 3`,
      [from, to, prefix],
    );
    return rows.map((r) => {
      const n = (k: string) => Number(r[k]);
      const responded = n('accepted') + n('declined') + n('completed');
      return {
        month: String(r.month),
        regionCode: String(r.region_code),
        listingKind: r.listing_kind as ListingKind,
        requests: n('requests'),
        pending: n('pending'),
        accepted: n('accepted'),
        declined: n('declined'),
        completed: n('completed'),
        successful: n('successful'),
        cancelled: n('cancelled'),
        acceptanceRate: ratio(n('accepted') + n('completed'), responded),
        successRate: ratio(n('successful'), n('completed')),
        medianFirstResponseHours: round2(r.median_hours as string | null),
      };
    });
  }

  /**
   * Credit-product requests by product type, made in the months the period touches: completed and
   * successful (as the firms reported), amounts applied for, and the banks' recorded decisions —
   * approval rate, amounts granted, days to disbursement (issue 17). Read live from match_requests
   * (indexed on created_at): a median does not add up across monthly rows. Sums are numeric in SQL
   * and every amount is bounded on input (libs/matching outcome-bounds.ts), so they stay exact.
   */
  async financing(period: Period, regionCode?: string | null): Promise<FinancingRow[]> {
    const { from, to } = checkPeriod(period);
    const prefix = checkRegion(regionCode);
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT c.product_type,
              count(*)::int AS requests,
              count(*) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
              count(*) FILTER (WHERE r.status = 'COMPLETED' AND r.outcome = 'SUCCESS')::int AS successful,
              coalesce(sum(r.requested_amount::numeric) FILTER (WHERE r.status = 'COMPLETED'), 0) AS completed_amount,
              coalesce(sum(r.requested_amount::numeric) FILTER (WHERE r.status = 'COMPLETED' AND r.outcome = 'SUCCESS'), 0) AS successful_amount,
              coalesce(sum(r.requested_amount::numeric), 0) AS applied_amount,
              count(*) FILTER (WHERE r.credit_approved IS NOT NULL)::int AS decided,
              count(*) FILTER (WHERE r.credit_approved)::int AS approved,
              coalesce(sum(r.amount_granted::numeric) FILTER (WHERE r.credit_approved), 0) AS granted_amount,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY r.disbursed_on - (r.created_at AT TIME ZONE 'Asia/Shanghai')::date)
                FILTER (WHERE r.disbursed_on IS NOT NULL) AS median_days
         FROM match_requests r JOIN credit_products c ON c.listing_id = r.listing_id
        WHERE r.listing_kind = 'CREDIT_PRODUCT'
          AND r.created_at >= (date_trunc('month', $1::date)::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND r.created_at < ((date_trunc('month', $2::date) + interval '1 month')::timestamp AT TIME ZONE 'Asia/Shanghai')
          AND ($3::text IS NULL OR r.enterprise_region_code LIKE $3 || '%')
        GROUP BY 1 ORDER BY successful_amount DESC, 1`,
      [from, to, prefix],
    );
    return rows.map((r) => ({
      productType: String(r.product_type),
      requests: Number(r.requests),
      completed: Number(r.completed),
      successful: Number(r.successful),
      completedAmount: Number(r.completed_amount),
      successfulAmount: Number(r.successful_amount),
      appliedAmount: Number(r.applied_amount),
      decided: Number(r.decided),
      approved: Number(r.approved),
      approvalRate: ratio(Number(r.approved), Number(r.decided)),
      grantedAmount: Number(r.granted_amount),
      medianDaysToDisbursement: r.median_days === null ? null : Math.round(Number(r.median_days) * 10) / 10,
    }));
  }

  /** Per anchor: challenges published in the period, applications received in it, solvers accepted in it. */
  async challenges(period: Period): Promise<ChallengeInsightRow[]> {
    const { from, to } = checkPeriod(period);
    const rows: Array<Record<string, string | number>> = await this.dataSource.query(
      `WITH bounds AS (SELECT ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS lo, (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS hi),
            published AS (
              SELECT l.owner_organization_id AS org, count(*)::int AS n FROM listings l, bounds b
               WHERE l.kind = 'CHALLENGE' AND l.published_at >= b.lo AND l.published_at < b.hi GROUP BY 1),
            apps AS (
              SELECT l.owner_organization_id AS org,
                     count(*) FILTER (WHERE a.created_at >= b.lo AND a.created_at < b.hi)::int AS applications,
                     count(*) FILTER (WHERE a.status = 'ACCEPTED' AND a.decided_at >= b.lo AND a.decided_at < b.hi)::int AS accepted
                FROM challenge_applications a JOIN listings l ON l.id = a.challenge_id, bounds b
               WHERE a.created_at < b.hi GROUP BY 1)
       SELECT o.id, o.name, coalesce(p.n, 0) AS published, coalesce(a.applications, 0) AS applications, coalesce(a.accepted, 0) AS accepted
         FROM organizations o LEFT JOIN published p ON p.org = o.id LEFT JOIN apps a ON a.org = o.id
        WHERE o.kind = 'ANCHOR_ENTERPRISE' AND (p.n IS NOT NULL OR a.applications > 0 OR a.accepted > 0)
        ORDER BY accepted DESC, applications DESC, o.name`,
      [from, to],
    );
    return rows.map((r) => ({
      anchorOrganizationId: String(r.id),
      anchorName: String(r.name),
      challengesPublished: Number(r.published),
      applications: Number(r.applications),
      acceptedSolvers: Number(r.accepted),
    }));
  }

  /** Service institutions ranked by the weighted inputs of DOMAIN.md §4.4 over requests made in the period. */
  async serviceRanking(period: Period, first: number, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): Promise<RankedInstitution[]> {
    if (!Number.isInteger(first) || first < 1 || first > 500) throw badInput('first 需在 1–500 之间 (first must be 1–500)', 'first');
    return (await this.rankAll(period, weights)).slice(0, first);
  }

  /** One page of the ranking (serviceInstitutionRankingConnection): `first` from `offset`, and how many are ranked in all. */
  async serviceRankingPage(period: Period, first: number, offset: number, weights: RankingWeights = DEFAULT_RANKING_WEIGHTS): Promise<{ rows: RankedInstitution[]; total: number }> {
    const all = await this.rankAll(period, weights);
    return { rows: all.slice(offset, offset + first), total: all.length };
  }

  private async rankAll(period: Period, weights: RankingWeights): Promise<RankedInstitution[]> {
    const { from, to } = checkPeriod(period);
    const rows: Array<Record<string, string | number | null>> = await this.dataSource.query(
      `SELECT o.id, o.name, o.region_code,
              count(r.id)::int AS requests,
              count(r.id) FILTER (WHERE r.status IN ('ACCEPTED', 'COMPLETED'))::int AS accepted,
              count(r.id) FILTER (WHERE r.status IN ('ACCEPTED', 'DECLINED', 'COMPLETED'))::int AS responded,
              count(r.id) FILTER (WHERE r.status = 'COMPLETED')::int AS completed,
              count(r.id) FILTER (WHERE r.status = 'COMPLETED' AND r.outcome = 'SUCCESS')::int AS successful,
              avg(r.rating) AS avg_rating, count(r.rating)::int AS ratings,
              percentile_cont(0.5) WITHIN GROUP (ORDER BY extract(epoch FROM r.responded_at - r.created_at) / 3600) FILTER (WHERE r.responded_at IS NOT NULL) AS median_hours,
              ${deadlineStatsSql('r', '$3')}
         FROM organizations o
         LEFT JOIN match_requests r ON r.owner_organization_id = o.id
              AND r.created_at >= ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AND r.created_at < (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai')
        WHERE o.kind = 'SERVICE_PROVIDER'
        GROUP BY o.id`,
      [from, to, this.clock.now()],
    );
    const inputs: RankingInputs[] = rows.map((r) => ({
      organizationId: String(r.id),
      name: String(r.name),
      regionCode: String(r.region_code),
      requests: Number(r.requests),
      accepted: Number(r.accepted),
      responded: Number(r.responded),
      completed: Number(r.completed),
      successful: Number(r.successful),
      averageRating: r.avg_rating === null ? null : Number(r.avg_rating),
      ratingCount: Number(r.ratings),
      medianResponseHours: r.median_hours === null ? null : Number(r.median_hours),
      medianResponseWorkingHours: workingHours(r.median_working_minutes),
      onTime: Number(r.on_time),
      deadlineCases: Number(r.deadline_cases),
    }));
    return rankServiceInstitutions(inputs, weights);
  }
}
