import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, In, type EntityManager } from 'typeorm';
import { EnterpriseProfileEntity } from '../../../enterprises/src/enterprise-profile.entity.js';
import { EnterpriseFinancialsEntity } from '../../../enterprises/src/enterprise-financials.entity.js';
import { OrganizationEntity } from '../../../identity/src/organizations/organization.entity.js';
import { ListingService, type FullListing } from '../../../listings/src/listing.service.js';
import { ParkVacancyEntity } from '../../../listings/src/entities/listing-details.entity.js';
import { TierAssessmentService } from '../../../tiers/src/assessments/tier-assessment.service.js';
import { todayInShanghai } from '../../../platform/src/time/beijing-date.js';
import { scoreMatch } from '../scorer.js';
import { SCORER_VERSION } from '../weights.js';
import type { EnterpriseSide, ListingSide } from '../match-types.js';
import { MatchEntity } from './match.entity.js';
import { enterpriseSide, listingSide } from './match-sides.js';
import { MatchRequestService } from '../requests/match-request.service.js';

/** SQL: regions nest (330200 ⊃ 330281) or the listing serves anywhere. */
const REGION_NESTS = (listingRegions: string, orgRegion: string) => `(${listingRegions} = '{}' OR EXISTS (
  SELECT 1 FROM unnest(${listingRegions}) AS r(code)
   WHERE ${orgRegion} LIKE regexp_replace(r.code, '(00)+$', '') || '%' OR r.code LIKE regexp_replace(${orgRegion}, '(00)+$', '') || '%'))`;
/** SQL: industry prefixes nest either way, or the listing targets any industry. */
const INDUSTRY_NESTS = (listingIndustries: string, orgIndustry: string) => `(${listingIndustries} = '{}' OR EXISTS (
  SELECT 1 FROM unnest(${listingIndustries}) AS i(code) WHERE ${orgIndustry} LIKE i.code || '%' OR i.code LIKE ${orgIndustry} || '%'))`;

/**
 * Inserts or overwrites rows by (enterprise, listing): an enterprise's rescore and a listing's run
 * concurrently on different workers, and each may write the pair the other just wrote.
 */
function upsertMatches(m: EntityManager, rows: Array<Partial<MatchEntity>>): Promise<unknown> {
  return m
    .createQueryBuilder()
    .insert()
    .into(MatchEntity)
    .values(rows)
    .orUpdate(['kind', 'score', 'reasons', 'scorer_version', 'listing_version', 'profile_version', 'computed_at'], ['enterprise_organization_id', 'listing_id'])
    .execute();
}

/**
 * Match sets, kept incrementally: an enterprise is rescored against the listings that can concern
 * it, a listing against the enterprises that can concern it (candidates pre-filtered in SQL by
 * region and industry, so not every pair is scored). Only eligible pairs are stored; each write
 * replaces the previous set for that enterprise or listing, so a replayed job gives the same rows.
 */
@Injectable()
export class MatchSetService {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly listings: ListingService,
    private readonly assessments: TierAssessmentService,
    private readonly requests: MatchRequestService,
  ) {}

  private async enterpriseSides(organizationIds: string[], asOf: string): Promise<Array<{ side: EnterpriseSide; version: number }>> {
    if (organizationIds.length === 0) return [];
    const [profiles, financials, orgs, latest] = await Promise.all([
      this.dataSource.getRepository(EnterpriseProfileEntity).findBy({ organizationId: In(organizationIds) }),
      this.dataSource.getRepository(EnterpriseFinancialsEntity).find({ where: { organizationId: In(organizationIds) }, order: { year: 'DESC' } }),
      this.dataSource.getRepository(OrganizationEntity).findBy({ id: In(organizationIds) }),
      this.assessments.latest(organizationIds),
    ]);
    const regions = new Map(orgs.map((o) => [o.id, o.regionCode]));
    return profiles.map((p) => {
      p.financials = financials.filter((f) => f.organizationId === p.organizationId);
      return { side: enterpriseSide(p, regions.get(p.organizationId) ?? '', latest.get(p.organizationId) ?? [], asOf), version: p.version };
    });
  }

  private async listingSides(rows: FullListing[]): Promise<ListingSide[]> {
    const parkIds = rows.filter((r) => r.listing.kind === 'PARK_VACANCY').map((r) => (r.details as ParkVacancyEntity).parkId);
    const parks = new Map((await this.listings.parksByIds(parkIds)).map((p) => [p.id, p]));
    const providers = [...new Set(rows.filter((r) => r.listing.kind === 'SERVICE_OFFERING').map((r) => r.listing.ownerOrganizationId))];
    const stats = await this.requests.providerStats(providers);
    const ratings = new Map(providers.map((id, i) => [id, stats[i]!.averageRating]));
    return rows.map((r) =>
      listingSide(r, r.listing.kind === 'PARK_VACANCY' ? parks.get((r.details as ParkVacancyEntity).parkId) : null, ratings.get(r.listing.ownerOrganizationId)),
    );
  }

  /** Rescores one enterprise against every published listing that can concern it. */
  async rescoreEnterprise(organizationId: string, asOf = todayInShanghai()): Promise<number> {
    const [entry] = await this.enterpriseSides([organizationId], asOf);
    if (!entry) return this.replaceForEnterprise(organizationId, []);
    const ids: Array<{ id: string }> = await this.dataSource.query(
      `SELECT l.id FROM listings l WHERE l.status = 'PUBLISHED'
          AND (l.kind = 'PARK_VACANCY' OR ${REGION_NESTS('l.region_codes', '$1')})
          AND ${INDUSTRY_NESTS('l.industry_codes', '$2')}`,
      [entry.side.regionCode, entry.side.industryCode],
    );
    const rows = await this.listings.byIds(ids.map((r) => r.id));
    const sides = await this.listingSides(rows);
    const versions = new Map(rows.map((r) => [r.listing.id, r.listing.version]));
    const matches: Array<Partial<MatchEntity>> = [];
    for (const listing of sides) {
      const result = scoreMatch(entry.side, listing, { today: asOf });
      if (result.eligible) {
        matches.push({ enterpriseOrganizationId: organizationId, listingId: listing.listingId, kind: listing.kind, score: result.score, reasons: result.reasons, scorerVersion: SCORER_VERSION, listingVersion: versions.get(listing.listingId)!, profileVersion: entry.version });
      }
    }
    return this.replaceForEnterprise(organizationId, matches);
  }

  /** Scores one listing against the enterprises that can concern it; a listing no longer published loses its matches. */
  async scoreListing(listingId: string, asOf = todayInShanghai()): Promise<number> {
    const [row] = await this.listings.byIds([listingId]);
    if (!row || row.listing.status !== 'PUBLISHED') return this.replaceForListing(listingId, []);
    const [listing] = await this.listingSides([row]);
    const candidates: Array<{ id: string }> = await this.dataSource.query(
      row.listing.kind === 'PARK_VACANCY'
        ? `SELECT p.organization_id AS id FROM enterprise_profiles p WHERE p.space_need IS NOT NULL`
        : `SELECT p.organization_id AS id FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id
            WHERE ${REGION_NESTS('$1::text[]', 'o.region_code')} AND ${INDUSTRY_NESTS('$2::text[]', 'p.industry_code')}`,
      row.listing.kind === 'PARK_VACANCY' ? [] : [row.listing.regionCodes, row.listing.industryCodes],
    );
    const matches: Array<Partial<MatchEntity>> = [];
    for (let i = 0; i < candidates.length; i += 500) {
      for (const { side, version } of await this.enterpriseSides(candidates.slice(i, i + 500).map((c) => c.id), asOf)) {
        const result = scoreMatch(side, listing!, { today: asOf });
        if (result.eligible) {
          matches.push({ enterpriseOrganizationId: side.organizationId, listingId, kind: row.listing.kind, score: result.score, reasons: result.reasons, scorerVersion: SCORER_VERSION, listingVersion: row.listing.version, profileVersion: version });
        }
      }
    }
    return this.replaceForListing(listingId, matches);
  }

  private replaceForEnterprise(organizationId: string, matches: Array<Partial<MatchEntity>>): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.delete(MatchEntity, { enterpriseOrganizationId: organizationId });
      if (matches.length) await upsertMatches(m, matches);
      return matches.length;
    });
  }

  private replaceForListing(listingId: string, matches: Array<Partial<MatchEntity>>): Promise<number> {
    return this.dataSource.transaction(async (m) => {
      await m.delete(MatchEntity, { listingId });
      for (let i = 0; i < matches.length; i += 1_000) await upsertMatches(m, matches.slice(i, i + 1_000));
      return matches.length;
    });
  }

  /** A provider's rating changed: rescore each of its published service offerings. */
  async rescoreProvider(ownerOrganizationId: string): Promise<number> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT id FROM listings WHERE owner_organization_id = $1 AND kind = 'SERVICE_OFFERING' AND status = 'PUBLISHED'`,
      [ownerOrganizationId],
    );
    let total = 0;
    for (const { id } of rows) total += await this.scoreListing(id);
    return total;
  }

  /** Best first, only published listings. */
  recommendationsFor(organizationId: string, kinds: string[] | undefined, first: number): Promise<MatchEntity[]> {
    const qb = this.dataSource
      .getRepository(MatchEntity)
      .createQueryBuilder('m')
      .innerJoin('listings', 'l', "l.id = m.listing_id AND l.status = 'PUBLISHED'")
      .where('m.enterpriseOrganizationId = :org', { org: organizationId });
    if (kinds?.length) qb.andWhere('m.kind IN (:...kinds)', { kinds });
    return qb.orderBy('m.score', 'DESC').addOrderBy('m.listingId').take(first).getMany();
  }

  leadsFor(listingId: string, first: number): Promise<MatchEntity[]> {
    return this.dataSource.getRepository(MatchEntity).find({ where: { listingId }, order: { score: 'DESC', enterpriseOrganizationId: 'ASC' }, take: first });
  }
}
