/**
 * Bulk loading of the scorer's inputs through the owning contexts' read models (a handful of SQL
 * statements, no entity hydration, no per-row queries): enterprise sides for many firms at once
 * (libs/enterprises' `loadEnterpriseRows`) and published listing sides by kind (libs/listings'
 * `loadListingRows`). The rows are shaped like the entities and go through the same
 * `enterpriseSide` / `listingSide` mappers as everything else, so the scorer sees exactly what it
 * saw before.
 */
import type { EntityManager } from 'typeorm';
import { loadEnterpriseRows, type EnterpriseRowsFilter } from '../../../enterprises/src/enterprise-rows.read-model.js';
import { loadListingRows, type ListingRowsFilter } from '../../../listings/src/listing-rows.read-model.js';
import type { ParkEntity } from '../../../listings/src/entities/park.entity.js';
import type { TierAssessmentEntity } from '../../../tier-assessments/src/index.js';
import { ruleSetInForce } from '../../../tiers/src/index.js';
import type { AssessedTier } from '../../../tiers/src/tier-types.js';
import type { EnterpriseSide, ListingSide, MatchListingKind } from '../core/match-types.js';
import { providerRatings } from '../requests/match-request.repository.js';
import { enterpriseSide, listingSide } from './match-sides.js';

type Queryable = Pick<EntityManager, 'query'>;

export interface LoadedEnterprise {
  side: EnterpriseSide;
  version: number;
}

export interface LoadedListing {
  side: ListingSide;
  version: number;
}

/**
 * Enterprise sides for the firms selected by `filter` (every profile when empty). Assessments are
 * loaded only when `withAssessments`: the scorer reads them for service offerings alone (tier
 * gaps), so other kinds get the same result without them.
 */
export async function loadEnterpriseSides(q: Queryable, filter: EnterpriseRowsFilter, asOf: string, withAssessments: boolean): Promise<LoadedEnterprise[]> {
  const rows = await loadEnterpriseRows(q, filter);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => r.profile.organizationId);
  const assessments = new Map<string, TierAssessmentEntity[]>();
  for (let i = 0; withAssessments && i < ids.length; i += 5_000) {
    // TierAssessmentService.latest, in one statement: newest application-mode row per rule set and tier.
    const latest: Array<Record<string, any>> = await q.query(
      `SELECT DISTINCT ON (organization_id, rule_set, tier) organization_id, rule_set, tier, eligible, criteria
         FROM tier_assessments WHERE organization_id = ANY($1::uuid[]) AND mode = 'NEW'
        ORDER BY organization_id, rule_set, tier, profile_version DESC, computed_at DESC`,
      [ids.slice(i, i + 5_000)],
    );
    for (const r of latest) {
      if (r.rule_set !== ruleSetInForce(r.tier as AssessedTier, asOf)) continue;
      const list = assessments.get(r.organization_id) ?? [];
      list.push({ organizationId: r.organization_id, tier: r.tier, ruleSet: r.rule_set, eligible: r.eligible, criteria: r.criteria } as TierAssessmentEntity);
      assessments.set(r.organization_id, list);
    }
  }
  const order: AssessedTier[] = ['INNOVATIVE_SME', 'SPECIALIZED_SME', 'LITTLE_GIANT'];
  return rows.map(({ profile, regionCode, version }) => {
    const latest = (assessments.get(profile.organizationId) ?? []).sort((a, b) => order.indexOf(a.tier as AssessedTier) - order.indexOf(b.tier as AssessedTier));
    return { side: enterpriseSide(profile, regionCode, latest, asOf), version };
  });
}

/** Which published listings of a kind to load: by id, or by the matching pre-filters of the listings' read model. */
export type ListingSidesFilter = Omit<ListingRowsFilter, 'kind' | 'published' | 'afterId' | 'limit'>;

/** Published listings of `kind` selected by `filter` (all of them when empty), ordered by id. */
export async function loadListingSides(q: Queryable, kind: MatchListingKind, filter: ListingSidesFilter = {}): Promise<LoadedListing[]> {
  const rows = (await loadListingRows(q, { ...filter, kind, published: true })).filter((r) => r.details !== null);
  // The provider's average rating from completed match requests (a service factor); null until rated.
  const ratings = kind === 'SERVICE_OFFERING' ? await providerRatings(q, rows.map((r) => r.listing.ownerOrganizationId)) : new Map<string, number>();
  return rows.map(({ listing, details, park }) => ({
    side: listingSide({ listing, details: details! }, park as ParkEntity | null, ratings.get(listing.ownerOrganizationId) ?? null),
    version: listing.version,
  }));
}

export const MATCH_KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];
