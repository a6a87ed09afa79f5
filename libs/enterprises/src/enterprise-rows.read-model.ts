/**
 * The enterprises' read model for bulk readers (the match sets): profiles with their region and
 * newest financial years, and light candidate rows for the matching pre-filter, each in a handful
 * of statements (no entity hydration, no per-row queries). Other contexts read enterprise_profiles,
 * enterprise_financials and the firms' organizations only through here or EnterpriseProfileService.
 *
 * Profiles are shaped like the entity, with the fields the scorer's side reads; financials hold
 * the newest two years, newest first.
 */
import type { EntityManager } from 'typeorm';
import { regionNestsSql } from '../../identity/src/index.js';
import type { EnterpriseFinancialsEntity } from './enterprise-financials.entity.js';
import type { EnterpriseProfileEntity } from './enterprise-profile.entity.js';
import { effectiveTierSql } from './effective-tier.sql.js';
import { industryNestsSql } from './industry-nesting.sql.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface EnterpriseRow {
  profile: EnterpriseProfileEntity;
  /** The firm's organization's region. */
  regionCode: string;
  version: number;
}

/** Which profiles to read (AND); none: every profile. Ordered by organization id. */
export interface EnterpriseRowsFilter {
  ids?: readonly string[];
  /** Keyset paging by organization id: profiles after this id, at most `limit`. */
  afterId?: string;
  limit?: number;
}

const num = (v: string | number | null): number | null => (v === null ? null : Number(v));

/** Profiles (with region and the newest two financial years) selected by `filter`. */
export async function loadEnterpriseRows(q: Queryable, filter: EnterpriseRowsFilter = {}): Promise<EnterpriseRow[]> {
  const params: unknown[] = [];
  const where: string[] = [];
  if (filter.ids) where.push(`p.organization_id = ANY($${params.push(filter.ids)}::uuid[])`);
  if (filter.afterId) where.push(`p.organization_id > $${params.push(filter.afterId)}`);
  const limit = filter.limit === undefined ? '' : ` LIMIT $${params.push(filter.limit)}`;
  const profiles: Array<Record<string, any>> = await q.query(
    `SELECT p.organization_id, p.industry_code, p.tier::text AS tier, p.tier_provenance::text AS tier_provenance, p.tier_certified_on::text AS tier_certified_on, p.tier_review_pending_until::text AS tier_review_pending_until, p.founded_on::text AS founded_on, p.main_products, p.capabilities,
            p.invention_patents, p.utility_models, p.design_patents, p.software_copyrights, p.trademarks,
            p.financing_need, p.service_needs, p.space_need, p.version, o.region_code
       FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id
      ${where.length ? `WHERE ${where.join(' AND ')}` : ''}
      ORDER BY p.organization_id${limit}`,
    params,
  );
  if (profiles.length === 0) return [];
  const ids = profiles.map((p) => p.organization_id as string);
  const financials = new Map<string, EnterpriseFinancialsEntity[]>();
  for (let i = 0; i < ids.length; i += 5_000) {
    // The scorer's side reads the newest year and the equity financing of the newest two.
    const years: Array<Record<string, any>> = await q.query(
      `SELECT organization_id, year, revenue, total_assets, total_liabilities, employees, rd_employees, equity_financing
         FROM (SELECT f.*, row_number() OVER (PARTITION BY organization_id ORDER BY year DESC) AS rn
                 FROM enterprise_financials f WHERE organization_id = ANY($1::uuid[])) y
        WHERE rn <= 2 ORDER BY organization_id, year DESC`,
      [ids.slice(i, i + 5_000)],
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
  }
  return profiles.map((p) => ({
    profile: {
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
    } as unknown as EnterpriseProfileEntity,
    regionCode: p.region_code,
    version: p.version as number,
  }));
}

/** A firm a listing may concern, with the few facts a score bound needs. */
export interface EnterpriseCandidate {
  id: string;
  regionCode: string;
  serviceNeeds: EnterpriseProfileEntity['serviceNeeds'];
  financingNeed: EnterpriseProfileEntity['financingNeed'];
}

/**
 * The matching pre-filter from the firms' side (lenient; the scorer decides). Every field narrows
 * (AND).
 */
export interface EnterpriseCandidatesFilter {
  /** The firm's region nests with one of these listing regions (either way), or the list is empty. */
  reachedByRegions?: readonly string[];
  /** The firm's industry nests with one of these listing industry prefixes, or the list is empty. */
  reachedByIndustries?: readonly string[];
  /** The firm has stated a space need. */
  needsSpace?: boolean;
  /** The firm's effective tier on `asOf` (a lapsed title or a claim counts as NONE) is among `tiers`, or `tiers` is empty. */
  effectiveTierAmong?: { tiers: readonly string[]; asOf: string };
  inventionPatentsAtLeast?: number;
  /** The revenue (元) of the firm's newest financial year is at least this (a firm with no financial year is left out). */
  newestRevenueAtLeast?: number;
  /** The firm was founded at least `years` whole years before `asOf` (the anniversary counts, as the scorer's fullYearsBetween). */
  fullYearsAtLeast?: { years: number; asOf: string };
}

export async function enterpriseCandidates(q: Queryable, f: EnterpriseCandidatesFilter): Promise<EnterpriseCandidate[]> {
  const params: unknown[] = [];
  const $ = (v: unknown) => `$${params.push(v)}`;
  const where: string[] = [];
  if (f.needsSpace) where.push('p.space_need IS NOT NULL');
  if (f.reachedByRegions) where.push(regionNestsSql(`${$(f.reachedByRegions)}::text[]`, 'o.region_code'));
  if (f.reachedByIndustries) where.push(industryNestsSql(`${$(f.reachedByIndustries)}::text[]`, 'p.industry_code'));
  if (f.effectiveTierAmong) {
    const tiers = `${$(f.effectiveTierAmong.tiers)}::text[]`;
    where.push(`(${tiers} = '{}' OR (${effectiveTierSql('p', `${$(f.effectiveTierAmong.asOf)}::date`)})::text = ANY(${tiers}))`);
  }
  if (f.inventionPatentsAtLeast !== undefined) where.push(`p.invention_patents >= ${$(f.inventionPatentsAtLeast)}`);
  if (f.newestRevenueAtLeast !== undefined) {
    where.push(`(SELECT y.revenue FROM enterprise_financials y WHERE y.organization_id = p.organization_id ORDER BY y.year DESC LIMIT 1) >= ${$(f.newestRevenueAtLeast)}::numeric`);
  }
  if (f.fullYearsAtLeast) {
    const asOf = `${$(f.fullYearsAtLeast.asOf)}::date`;
    where.push(
      `(p.founded_on IS NULL OR extract(year FROM ${asOf}) - extract(year FROM p.founded_on) - CASE WHEN to_char(${asOf}, 'MMDD') < to_char(p.founded_on, 'MMDD') THEN 1 ELSE 0 END >= ${$(f.fullYearsAtLeast.years)})`,
    );
  }
  const rows: Array<{ id: string; region_code: string; service_needs: EnterpriseCandidate['serviceNeeds']; financing_need: EnterpriseCandidate['financingNeed'] }> = await q.query(
    `SELECT p.organization_id AS id, o.region_code, p.service_needs, p.financing_need
       FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id${where.length ? ` WHERE ${where.join(' AND ')}` : ''}`,
    params,
  );
  return rows.map((r) => ({ id: r.id, regionCode: r.region_code, serviceNeeds: r.service_needs, financingNeed: r.financing_need }));
}

/** The amount (元) of the firm's stated financing need, or null (no profile, no need stated). */
export async function financingNeedAmount(q: Queryable, organizationId: string): Promise<number | null> {
  const [row] = await q.query(`SELECT (financing_need->>'amount')::bigint AS amount FROM enterprise_profiles WHERE organization_id = $1`, [organizationId]);
  return row?.amount == null ? null : Number(row.amount);
}

/** SQL predicate for other contexts' statements: the firm `organizationIdSql` has a profile. */
export const hasEnterpriseProfileSql = (organizationIdSql: string): string => `EXISTS (SELECT 1 FROM enterprise_profiles p WHERE p.organization_id = ${organizationIdSql})`;
