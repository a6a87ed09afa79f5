import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, todayInShanghai } from '../../platform/src/index.js';
import { describeRegionCodeProblem, regionStem } from '../../identity/src/index.js';
import type { ReviewRiskValue } from './enterprise-profile.entity.js';
import { countedTitleSql } from './effective-tier.sql.js';


/**
 * AUTHORITY's list of enterprises at 复核 risk (kept by the scoring worker). Only titles that have
 * not expired yet: a risk stored before the expiry day stops listing the firm on that day, even
 * before the nightly reassessment clears it (an expired title has lapsed, DOMAIN.md §8.2). Only
 * confirmed or imported titles (§8.10): a risk stored before the firm changed its title into a new
 * claim stops listing it at once.
 */
@Injectable()
export class ReviewRiskQuery {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async list(regionCode: string | undefined, first: number, offset = 0) {
    const rows: Array<{ organization_id: string; name: string; region_code: string; review_risk: ReviewRiskValue }> = await this.dataSource.query(
      `SELECT p.organization_id, o.name, o.region_code, p.review_risk
         FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id
        WHERE ${RISK_WHERE}
        ORDER BY p.review_risk_expires_on, o.name, p.organization_id
        LIMIT $3 OFFSET $4`,
      [...riskParams(regionCode), first, offset],
    );
    return rows.map((r) => ({ organizationId: r.organization_id, name: r.name, regionCode: r.region_code, risk: r.review_risk }));
  }

  /** How many enterprises `list` pages through. */
  async count(regionCode: string | undefined): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE ${RISK_WHERE}`,
      riskParams(regionCode),
    );
    return row.n as number;
  }
}

const RISK_WHERE = `p.review_risk IS NOT NULL AND p.review_risk_expires_on > $2::date AND ${countedTitleSql('p')} AND ($1::text IS NULL OR o.region_code LIKE $1 || '%')`;

function riskParams(regionCode: string | undefined): [string | null, string] {
  if (regionCode !== undefined && regionCode !== null) {
    const problem = describeRegionCodeProblem(regionCode);
    if (problem) throw badInput(problem, 'regionCode');
  }
  return [regionCode ? regionStem(regionCode) : null, todayInShanghai()];
}
