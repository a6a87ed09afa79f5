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
import { loadListingRows, loadListingStamps, loadStampedListingRows, type ListingRow, type ListingRowsFilter } from '../../../listings/src/index.js';
import type { ParkEntity } from '../../../listings/src/index.js';
import { latestAssessmentsInForce, type TierAssessmentEntity } from '../../../tier-assessments/src/index.js';
import type { EnterpriseSide, ListingSide, MatchListingKind } from '../core/match-types.js';
import { prepareListing, type PreparedListing } from '../core/match-engine.js';
import type { ListingSideCache } from './listing-side-cache.js';
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

const NO_RATINGS: ReadonlyMap<string, number> = new Map();

/** Which published listings of a kind to load: by id, or by the matching pre-filters of the listings' read model. */
export type ListingSidesFilter = Omit<ListingRowsFilter, 'kind' | 'published' | 'afterId' | 'limit'>;

/** Published listings of `kind` selected by `filter` (all of them when empty), ordered by id. */
export async function loadListingSides(q: Queryable, kind: MatchListingKind, filter: ListingSidesFilter = {}): Promise<LoadedListing[]> {
  const rows = (await loadListingRows(q, { ...filter, kind, published: true })).filter((r) => r.details !== null);
  const ratings = await ratingsFor(q, kind, rows.map((r) => r.listing.ownerOrganizationId));
  return rows.map((r) => ({ side: sideOf(r, ratings), version: r.listing.version }));
}

/** The providers' average ratings from completed match requests (a service factor; null until rated): services only. */
const ratingsFor = (q: Queryable, kind: MatchListingKind, ownerIds: string[]): Promise<ReadonlyMap<string, number>> =>
  kind === 'SERVICE_OFFERING' ? providerRatings(q, ownerIds) : Promise.resolve(NO_RATINGS);

/** The side of a row that has its details, with the provider's rating (services). */
const sideOf = (r: ListingRow, ratings: ReadonlyMap<string, number>): ListingSide =>
  listingSide({ listing: r.listing, details: r.details! }, r.park as ParkEntity | null, ratings.get(r.listing.ownerOrganizationId) ?? null);

/**
 * The same listings as {@link loadListingSides}, in the same order, prepared for a pool, through
 * `cache`: one statement reads the candidates' ids and stamps (and the providers' ratings are read
 * as before); only listings whose stamp or rating differs from the kept copy are loaded, mapped and
 * prepared, in a statement that reads their stamps again. A listing changed between the two
 * statements (another stamp, or no longer published) makes the kind load whole, as without the
 * cache, so the result is always that of one snapshot of the listings. A cache turned off loads
 * every candidate.
 */
export async function loadCandidateListings(q: Queryable, kind: MatchListingKind, filter: ListingSidesFilter, cache: ListingSideCache): Promise<PreparedListing[]> {
  const selected = { ...filter, kind, published: true };
  if (!cache.enabled) return loadWhole(q, kind, selected, cache);
  const stamps = await loadListingStamps(q, selected);
  if (stamps.length === 0) return [];
  const ratings = await ratingsFor(q, kind, stamps.map((s) => s.ownerOrganizationId));
  const out: Array<PreparedListing | null> = new Array(stamps.length);
  const missing = new Map<string, number>();
  for (let i = 0; i < stamps.length; i++) {
    const s = stamps[i]!;
    const hit = cache.get(s.id, s.stamp, ratings.get(s.ownerOrganizationId) ?? null);
    if (hit) out[i] = hit;
    else missing.set(s.id, i);
  }
  if (missing.size > 0) {
    const rows = await loadStampedListingRows(q, { ids: [...missing.keys()], kind, published: true });
    if (rows.length !== missing.size) return loadWhole(q, kind, selected, cache);
    for (const r of rows) {
      const i = missing.get(r.listing.id)!;
      if (stamps[i]!.stamp !== r.stamp) return loadWhole(q, kind, selected, cache);
      // A listing without its details row is left out, as loadListingSides leaves it (and not kept).
      if (r.details === null) {
        out[i] = null;
        continue;
      }
      const rating = ratings.get(r.listing.ownerOrganizationId) ?? null;
      const prepared = prepareListing(sideOf(r, ratings), r.listing.version);
      cache.put(r.listing.id, r.stamp, rating, prepared);
      out[i] = prepared;
    }
  }
  return out.filter((l): l is PreparedListing => l !== null);
}

/** Every candidate of the kind read, mapped and prepared in one go (and kept under the stamps read with them). */
async function loadWhole(q: Queryable, kind: MatchListingKind, selected: ListingRowsFilter, cache: ListingSideCache): Promise<PreparedListing[]> {
  const rows = (await loadStampedListingRows(q, selected)).filter((r) => r.details !== null);
  const ratings = await ratingsFor(q, kind, rows.map((r) => r.listing.ownerOrganizationId));
  return rows.map((r) => {
    const prepared = prepareListing(sideOf(r, ratings), r.listing.version);
    cache.put(r.listing.id, r.stamp, ratings.get(r.listing.ownerOrganizationId) ?? null, prepared);
    return prepared;
  });
}

export const MATCH_KINDS: readonly MatchListingKind[] = ['CREDIT_PRODUCT', 'SERVICE_OFFERING', 'CHALLENGE', 'PARK_VACANCY'];
