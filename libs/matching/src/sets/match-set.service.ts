import { Inject, Injectable, Optional } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { APP_CONFIG, DEFAULT_LISTING_CACHE_SIZE, todayInShanghai, type AppConfig } from '../../../platform/src/index.js';
import type { EnterpriseSide, MatchListingKind } from '../core/match-types.js';
import { ListingPool, MATCH_SET_BOUNDS, better, firmBounds, type PreparedListing, type ScoredPair } from '../core/match-engine.js';
import { insertMatches } from './match-insert.js';
import { MATCH_SETS_LOCK, deleteKindOf, deleteListingMatches, deletePairs, deleteSetOf, holdersOf, lastListings, othersInSet } from './match.repository.js';
import { MATCH_KINDS, loadCandidateListings, loadEnterpriseSides, loadListingSides, type LoadedListing } from './match-side-loader.js';
import { ListingSideCache } from './listing-side-cache.js';
import { enterpriseCandidates, type EnterpriseCandidatesFilter } from '../../../enterprises/src/index.js';
import { loadListingRows, type ListingReadShape, type PublicOrganizationField } from '../../../listings/src/index.js';
import { loadLeadPage, loadRecommendationPage, type LeadPage, type RecommendationPage } from './match-pages.read-model.js';
import { requestIsRated } from '../requests/match-request.repository.js';
import { RecommendationPushService } from '../pushes/recommendation-push.service.js';

/**
 * Match sets, kept incrementally under one bound (docs/adr/0007-match-set-bounds.md): each
 * enterprise keeps its best `bounds.perKind` eligible listings of each kind (score descending,
 * then listing id). A profile or assessment change recomputes that enterprise's set; a listing
 * change scores the listing against its candidate enterprises and admits it where it beats the
 * set's last member (evicting that one), and recomputes the kind for a firm whose set it leaves
 * while full. A full rebuild (`MatchMaintenanceService`) applies the same bound, so rebuild ==
 * incremental. A replayed job gives the same rows.
 */
@Injectable()
export class MatchSetService {
  /** Tests lower it to exercise the bound with a few listings. */
  readonly bounds: { perKind: number } = { ...MATCH_SET_BOUNDS };

  /**
   * Benchmark hook (test/bench/matching.bench.ts, part L): called with the transaction at each stage
   * boundary of scoreListing, with the firms the stage left where it counts them ('start', 'candidates', 'thresholds', 'load', 'score', 'last members', 'delete', 'insert', 'refill', 'pushes').
   * Null outside benchmarks.
   */
  stageProbe: ((stage: string, m: EntityManager, firms?: number) => Promise<void> | void) | null = null;

  /** Entries and push decisions of new set members (constructed here when a caller builds the service by hand). */
  private readonly pushes: RecommendationPushService;

  /**
   * Listings prepared for rescorings, kept under their stamps (docs/adr/0043-matching-at-full-speed.md (rescoring one firm));
   * MATCH_LISTING_CACHE_SIZE entries at most (0: off).
   */
  readonly listingCache: ListingSideCache;

  constructor(
    @InjectDataSource() readonly dataSource: DataSource,
    pushes?: RecommendationPushService,
    @Optional() @Inject(APP_CONFIG) config?: AppConfig,
  ) {
    this.pushes = pushes ?? new RecommendationPushService(dataSource);
    this.listingCache = new ListingSideCache(config?.matching.listingCacheSize ?? DEFAULT_LISTING_CACHE_SIZE);
  }

  /** Runs `work` in one transaction holding the match-sets lock. */
  locked<T>(work: (m: EntityManager) => Promise<T>): Promise<T> {
    return this.dataSource.transaction(async (m) => {
      await m.query(MATCH_SETS_LOCK);
      return work(m);
    });
  }

  /**
   * Published listings of each kind that can concern the firm (the listings' lenient pre-filter; the
   * scorer decides), prepared for a pool; unchanged listings come from the process's listing cache.
   */
  async candidateListingsFor(m: EntityManager, e: EnterpriseSide, kinds: readonly MatchListingKind[] = MATCH_KINDS): Promise<PreparedListing[]> {
    const out: PreparedListing[] = [];
    const reaches = { reachesRegion: e.regionCode, reachesIndustry: e.industryCode };
    const cache = this.listingCache;
    for (const kind of kinds) {
      switch (kind) {
        case 'CREDIT_PRODUCT':
          out.push(...(await loadCandidateListings(m, kind, { ...reaches, openToTier: e.tier, asksInventionPatentsAtMost: e.ip.inventionPatents }, cache)));
          break;
        case 'CHALLENGE':
          out.push(...(await loadCandidateListings(m, kind, { ...reaches, applyByOnOrAfter: e.asOf }, cache)));
          break;
        case 'SERVICE_OFFERING':
          out.push(...(await loadCandidateListings(m, kind, reaches, cache)));
          break;
        case 'PARK_VACANCY':
          if (e.spaceNeed) {
            out.push(...(await loadCandidateListings(m, kind, { reachesIndustry: e.industryCode, areaSqmBetween: [e.spaceNeed.minAreaSqm, e.spaceNeed.maxAreaSqm] }, cache)));
          }
          break;
      }
    }
    return out;
  }

  /**
   * Recomputes one enterprise's set against every published listing that can concern it; with
   * `kinds`, only those parts of its set (the rest is left as it is).
   */
  rescoreEnterprise(organizationId: string, asOf = todayInShanghai(), kinds: readonly MatchListingKind[] = MATCH_KINDS): Promise<number> {
    const whole = MATCH_KINDS.every((k) => kinds.includes(k));
    const dropOld = async (m: EntityManager) => {
      if (whole) await deleteSetOf(m, organizationId);
      else for (const kind of kinds) await deleteKindOf(m, [organizationId], kind);
    };
    return this.locked(async (m) => {
      // Assessments feed the service offerings' tier gaps only.
      const [entry] = await loadEnterpriseSides(m, { ids: [organizationId] }, asOf, kinds.includes('SERVICE_OFFERING'));
      if (!entry) {
        await dropOld(m);
        return 0;
      }
      const pool = ListingPool.ofPrepared(await this.candidateListingsFor(m, entry.side, kinds));
      const rows = pool.topFor(entry.side, entry.version, asOf, kinds, this.bounds.perKind);
      await dropOld(m);
      await insertMatches(m, rows);
      return rows.length;
    });
  }

  /**
   * Scores one listing against the enterprises that can concern it and updates their sets under the
   * bound; a listing no longer published loses its matches (and firms whose full set it leaves get
   * that kind recomputed, so their next-best listing moves up).
   */
  scoreListing(listingId: string, asOf = todayInShanghai()): Promise<number> {
    return this.locked(async (m) => {
      const N = this.bounds.perKind;
      const probe = this.stageProbe;
      if (probe) await probe('start', m);
      const [row] = (await loadListingRows(m, { ids: [listingId] })).map((r) => ({ kind: r.listing.kind as MatchListingKind, status: r.listing.status, ownerOrganizationId: r.listing.ownerOrganizationId }));
      const holders = await holdersOf(m, listingId);
      const held = new Set(holders.map((h) => h.id));
      const [listing] = row?.status === 'PUBLISHED' ? await loadListingSides(m, row.kind, { ids: [listingId] }) : [];
      if (!row || !listing) {
        const kind = holders[0]?.kind ?? row?.kind;
        if (!kind || held.size === 0) return 0;
        const full = await othersInSet(m, [...held], kind, listingId, held);
        await deleteListingMatches(m, listingId);
        const refill = full.filter((t) => t.n === N - 1).map((t) => t.id);
        if (refill.length) await this.rescoreKind(m, refill, row?.kind ?? kind, asOf);
        return 0;
      }
      const kind = row.kind;
      const side = listing.side;
      // Candidate firms by SQL (ids and the few facts a bound needs), then their sets' last members:
      // a firm whose full set the listing cannot beat even at its bound is never loaded.
      const light = await enterpriseCandidates(m, this.candidateEnterprises(side, asOf));
      if (probe) await probe('candidates', m, light.length);
      const thresholds = new Map((await othersInSet(m, [...new Set([...light.map((c) => c.id), ...held])], kind, listingId, held)).map((t) => [t.id, t]));
      const bound = firmBounds(side);
      const toLoad = light
        .filter((c) => {
          const t = thresholds.get(c.id)!;
          if (held.has(c.id) || t.n < N || t.worstScore === null) return true;
          return bound(c) >= t.worstScore;
        })
        .map((c) => c.id);
      if (probe) await probe('thresholds', m, toLoad.length);
      const candidates: Awaited<ReturnType<typeof loadEnterpriseSides>> = [];
      for (let i = 0; i < toLoad.length; i += 10_000) {
        candidates.push(...(await loadEnterpriseSides(m, { ids: toLoad.slice(i, i + 10_000) }, asOf, kind === 'SERVICE_OFFERING')));
      }
      if (probe) await probe('load', m, candidates.length);
      const pool = new ListingPool([listing]);
      const scored = new Map<string, ScoredPair>();
      for (const e of candidates) {
        const [pair] = pool.topFor(e.side, e.version, asOf, [kind], 1);
        if (pair) scored.set(e.side.organizationId, pair);
      }
      if (probe) await probe('score', m, scored.size);
      const keep: ScoredPair[] = [];
      const evict: Array<{ e: string; l: string }> = [];
      const refill: string[] = [];
      // The last member's listing id matters only to evict it or to break a tie with it.
      const needLast = [...thresholds.values()].filter((t) => {
        const pair = scored.get(t.id);
        return pair && t.worstScore !== null && pair.score >= t.worstScore && t.n >= N - (held.has(t.id) ? 1 : 0);
      });
      const last = await lastListings(m, needLast.map((t) => t.id), kind, listingId);
      if (probe) await probe('last members', m);
      for (const t of thresholds.values()) {
        const pair = scored.get(t.id);
        const had = held.has(t.id);
        const worst = t.worstScore === null ? undefined : { score: t.worstScore, listingId: last.get(t.id) ?? '' };
        if (!pair) {
          if (had && t.n === N - 1) refill.push(t.id);
          continue;
        }
        if (!had) {
          if (t.n < N) keep.push(pair);
          else if (worst && pair.score >= worst.score && better(pair, worst)) {
            keep.push(pair);
            evict.push({ e: t.id, l: worst.listingId });
          }
        } else if (t.n < N - 1 || (worst && pair.score >= worst.score && better(pair, worst))) keep.push(pair);
        else refill.push(t.id);
      }
      await deleteListingMatches(m, listingId);
      if (evict.length) await deletePairs(m, evict);
      if (probe) await probe('delete', m);
      await insertMatches(m, keep);
      if (probe) await probe('insert', m);
      if (refill.length) await this.rescoreKind(m, refill, kind, asOf);
      if (probe) await probe('refill', m);
      // New members of firms' sets: recorded (the funnel's "matched") and pushed when they qualify, in this transaction.
      const entrants = keep.filter((p) => !held.has(p.enterpriseOrganizationId));
      await this.pushes.recordEntries(m, { listingId, kind, ownerOrganizationId: row.ownerOrganizationId }, entrants, asOf);
      if (probe) await probe('pushes', m);
      return keep.length;
    });
  }

  /** The firms a listing can concern (the enterprises' lenient pre-filter; the scorer decides). */
  private candidateEnterprises(l: LoadedListing['side'], asOf: string): EnterpriseCandidatesFilter {
    if (l.kind === 'PARK_VACANCY') return { needsSpace: true, reachedByIndustries: l.industryCodes };
    const base = { reachedByRegions: l.regionCodes, reachedByIndustries: l.industryCodes };
    // The tier the scorer sees (enterpriseSide): a lapsed title or a claim is NONE, so a product open to NONE reaches it.
    if (l.kind === 'CREDIT_PRODUCT') {
      // The product's revenue floor and years in business exclude exactly as the scorer does (newest year's revenue,
      // unknown excluded; whole years, the anniversary counts), so those firms are never loaded (ADR 0043, amendment).
      const credit: EnterpriseCandidatesFilter = { ...base, effectiveTierAmong: { tiers: l.eligibleTiers, asOf }, inventionPatentsAtLeast: l.minInventionPatents ?? 0 };
      if (l.minAnnualRevenue != null && l.minAnnualRevenue > 0) credit.newestRevenueAtLeast = l.minAnnualRevenue;
      if (l.minYearsInBusiness != null && l.minYearsInBusiness > 0) credit.fullYearsAtLeast = { years: l.minYearsInBusiness, asOf };
      return credit;
    }
    return base;
  }

  /** Recomputes the `kind` part of these enterprises' sets against every published listing of that kind. */
  async rescoreKind(m: EntityManager, organizationIds: string[], kind: MatchListingKind, asOf: string): Promise<number> {
    const firms = await loadEnterpriseSides(m, { ids: organizationIds }, asOf, kind === 'SERVICE_OFFERING');
    const pool = new ListingPool(await loadListingSides(m, kind));
    const rows = firms.flatMap((e) => pool.topFor(e.side, e.version, asOf, [kind], this.bounds.perKind));
    await deleteKindOf(m, organizationIds, kind);
    await insertMatches(m, rows);
    return rows.length;
  }

  /**
   * A completed match request may have rated its provider: when it carries a rating, rescore each of
   * the provider's published service offerings (the average rating is a service factor).
   */
  async rescoreProvider(ownerOrganizationId: string, completedRequestId: string): Promise<number> {
    if (!(await requestIsRated(this.dataSource, completedRequestId))) return 0;
    const rows = await loadListingRows(this.dataSource, { ownerId: ownerOrganizationId, kind: 'SERVICE_OFFERING', published: true });
    let total = 0;
    for (const { listing } of rows) total += await this.scoreListing(listing.id);
    return total;
  }

  /**
   * A firm's recommendations, best first (score descending, then listing id), PUBLISHED listings
   * only, `offset` rows skipped (ranked connections), with each listing's columns as `shape` asks
   * for and the count only when it asks for it: one prepared statement (ADR 0040). `profileImportedAt`:
   * the firm's own profile's imported_at comes in it too (hidesAuthorityData's input).
   */
  readRecommendations(
    shape: ListingReadShape,
    organizationId: string,
    kinds: readonly string[] | undefined,
    first: number,
    offset = 0,
    profileImportedAt = false,
  ): Promise<RecommendationPage> {
    return loadRecommendationPage(this.dataSource, shape, { organizationId, kinds, first, offset, profileImportedAt });
  }

  /**
   * A listing's leads, best first (score descending, then enterprise id), `offset` rows skipped,
   * with the enterprises' public columns `shape.enterprise` names and the count when
   * `shape.totalCount`: one prepared statement (ADR 0040). No access check (the caller's).
   */
  readLeads(shape: { enterprise?: readonly PublicOrganizationField[]; totalCount: boolean }, listingId: string, first: number, offset = 0): Promise<LeadPage> {
    return loadLeadPage(this.dataSource, shape, { listingId, first, offset });
  }
}
