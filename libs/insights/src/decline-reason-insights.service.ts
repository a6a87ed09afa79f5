import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { declineReason, type DeclineReasonKind } from '../../codes/src/index.js';
import { checkPeriod, checkRegion, type Period } from './insights.service.js';

/** Where a firm was turned down: a declined match request, a credit not granted after acceptance, a rejected 揭榜 application. */
export const DECLINE_STAGES = ['REQUEST_DECLINED', 'CREDIT_NOT_APPROVED', 'APPLICATION_REJECTED'] as const;
export type DeclineStage = (typeof DECLINE_STAGES)[number];

export interface DeclineReasonRow {
  institutionId: string;
  institutionName: string;
  kind: DeclineReasonKind;
  stage: DeclineStage;
  reasonCode: string;
  reasonLabel: string;
  count: number;
}

/**
 * Why firms are turned down (issue 17 item 3), for the AUTHORITY: per institution, reason list
 * (kind), stage and reason code, counted over decisions taken in the period (Beijing dates,
 * inclusive), for firms of the region (the requesting or applying firm's region, nested).
 */
@Injectable()
export class DeclineReasonInsightsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async declineReasons(period: Period, regionCode?: string | null): Promise<DeclineReasonRow[]> {
    const { from, to } = checkPeriod(period);
    const prefix = checkRegion(regionCode);
    const rows: Array<{ org: string; name: string; kind: DeclineReasonKind; stage: DeclineStage; code: string; n: number }> = await this.dataSource.query(
      `WITH b AS (SELECT ($1::date::timestamp AT TIME ZONE 'Asia/Shanghai') AS lo, (($2::date + 1)::timestamp AT TIME ZONE 'Asia/Shanghai') AS hi),
            d AS (
              SELECT r.owner_organization_id AS org, r.listing_kind::text AS kind, 'REQUEST_DECLINED' AS stage, r.decline_reason_code AS code
                FROM match_requests r, b
               WHERE r.decline_reason_code IS NOT NULL AND r.responded_at >= b.lo AND r.responded_at < b.hi
                 AND ($3::text IS NULL OR r.enterprise_region_code LIKE $3 || '%')
              UNION ALL
              SELECT r.owner_organization_id, 'CREDIT_PRODUCT', 'CREDIT_NOT_APPROVED', r.credit_decline_reason_code
                FROM match_requests r, b
               WHERE r.credit_decline_reason_code IS NOT NULL AND r.outcome_recorded_at >= b.lo AND r.outcome_recorded_at < b.hi
                 AND ($3::text IS NULL OR r.enterprise_region_code LIKE $3 || '%')
              UNION ALL
              SELECT l.owner_organization_id, 'CHALLENGE', 'APPLICATION_REJECTED', a.rejection_reason_code
                FROM challenge_applications a JOIN listings l ON l.id = a.challenge_id
                JOIN organizations ao ON ao.id = a.applicant_organization_id, b
               WHERE a.rejection_reason_code IS NOT NULL AND a.decided_at >= b.lo AND a.decided_at < b.hi
                 AND ($3::text IS NULL OR ao.region_code LIKE $3 || '%'))
       SELECT d.org, o.name, d.kind, d.stage, d.code, count(*)::int AS n
         FROM d JOIN organizations o ON o.id = d.org
        GROUP BY 1, 2, 3, 4, 5 ORDER BY o.name, d.org, d.kind, d.stage, n DESC, d.code`,
      [from, to, prefix],
    );
    return rows.map((r) => ({
      institutionId: r.org,
      institutionName: r.name,
      kind: r.kind,
      stage: r.stage,
      reasonCode: r.code,
      reasonLabel: declineReason(r.code)?.label ?? r.code,
      count: Number(r.n),
    }));
  }
}
