/**
 * Bulk loading of the scorer's inputs through the owning contexts' read models (a handful of SQL
 * statements, no entity hydration, no per-row queries): enterprise sides for many firms at once
 * (libs/enterprises' `loadEnterpriseRows`) and published listing sides by kind (libs/listings'
 * `loadListingRows`). The rows are shaped like the entities and go through the same
 * `enterpriseSide` / `listingSide` mappers as everything else, so the scorer sees exactly what it
 * saw before.
 */
import type { EntityManager } from 'typeorm';
import { loadEnterpriseRows, type EnterpriseRowsFilter } from '../../../enterprises/src/index.js';
import { loadListingRows, type ListingRowsFilter } from '../../../listings/src/index.js';
import type { ParkEntity } from '../../../listings/src/index.js';
import { latestAssessmentsInForce, type TierAssessmentEntity } from '../../../tier-assessments/src/index.js';
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
  const assessments = withAssessments ? await latestAssessmentsInForce(q, rows.map((r) => r.profile.organizationId), asOf) : new Map<string, TierAssessmentEntity[]>();
  return rows.map(({ profile, regionCode, version }) => ({ side: enterpriseSide(profile, regionCode, assessments.get(profile.organizationId) ?? [], asOf), version }));
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
