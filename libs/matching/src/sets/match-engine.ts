/**
 * In-memory scoring of many enterprises against many listings (no Nest, no TypeORM): listings are
 * indexed by kind and by the region prefixes they serve, cheap hard-constraint checks run before
 * the full scorer, and only each enterprise's best {@link MATCH_SET_BOUNDS.perKind} per kind are
 * kept (docs/adr/0007-match-set-bounds.md). The pre-checks only skip pairs the scorer would
 * exclude anyway; every kept pair's score and reasons come from `scoreMatch` itself.
 */
import { fullYearsBetween, scoreMatch, scoreValue } from '../scorer.js';
import type { EnterpriseSide, ListingSide, MatchListingKind, Reason } from '../match-types.js';

/** The bound on a stored match set: the best `perKind` listings of each kind per enterprise. */
export const MATCH_SET_BOUNDS = { perKind: 50 } as const;

export interface ScoredPair {
  enterpriseOrganizationId: string;
  listingId: string;
  kind: MatchListingKind;
  score: number;
  reasons: Reason[];
  listingVersion: number;
  profileVersion: number;
}

/** Set order: score descending, then listing id ascending (what recommendations and the bound use). */
export function better(a: { score: number; listingId: string }, b: { score: number; listingId: string }): boolean {
  return a.score > b.score || (a.score === b.score && a.listingId < b.listingId);
}

export const compareBest = (a: { score: number; listingId: string }, b: { score: number; listingId: string }): number =>
  b.score - a.score || (a.listingId < b.listingId ? -1 : a.listingId > b.listingId ? 1 : 0);

const regionPrefix = (code: string): string => code.trim().replace(/(00)+$/, '');

interface PoolEntry {
  side: ListingSide;
  version: number;
  /** Upper-cased industry codes, for the pre-check. */
  industries: string[];
  seen: number;
}

/** Published listings of every kind, indexed for candidate lookup by an enterprise's region. */
export class ListingPool {
  private readonly byRegion = new Map<MatchListingKind, Map<string, PoolEntry[]>>();
  private readonly vacancies: PoolEntry[] = [];
  private stamp = 0;
  size = 0;

  constructor(listings: Iterable<{ side: ListingSide; version: number }>) {
    for (const l of listings) this.add(l.side, l.version);
  }

  add(side: ListingSide, version: number): void {
    const entry: PoolEntry = { side, version, industries: side.industryCodes.map((c) => c.trim().toUpperCase()).filter(Boolean), seen: 0 };
    this.size++;
    if (side.kind === 'PARK_VACANCY') {
      // A vacancy is judged by the firm's space need, not by the firm's district.
      this.vacancies.push(entry);
      return;
    }
    let regions = this.byRegion.get(side.kind);
    if (!regions) this.byRegion.set(side.kind, (regions = new Map()));
    const keys = side.regionCodes.length === 0 ? ['*'] : side.regionCodes.map(regionPrefix);
    for (const key of keys) {
      const list = regions.get(key);
      if (list) list.push(entry);
      else regions.set(key, [entry]);
    }
  }

  /** Listings of `kind` whose regions can cover the firm's district (each once). */
  private candidates(kind: MatchListingKind, e: EnterpriseSide): PoolEntry[] {
    if (kind === 'PARK_VACANCY') return e.spaceNeed ? this.vacancies : [];
    const regions = this.byRegion.get(kind);
    if (!regions) return [];
    const target = regionPrefix(e.regionCode);
    const stamp = ++this.stamp;
    const out: PoolEntry[] = [];
    for (let len = 0; len <= target.length; len++) {
      const list = regions.get(len === 0 ? '*' : target.slice(0, len));
      if (!list) continue;
      for (const entry of list) {
        if (entry.seen === stamp) continue;
        entry.seen = stamp;
        out.push(entry);
      }
    }
    return out;
  }

  /**
   * The enterprise's best `perKind` eligible listings of each kind in `kinds`, best first.
   * `counted` receives how many pairs went through the full scorer.
   */
  topFor(e: EnterpriseSide, profileVersion: number, today: string, kinds: readonly MatchListingKind[], perKind: number, counted?: { scored: number; eligible: number }): ScoredPair[] {
    const out: ScoredPair[] = [];
    const firmIndustry = e.industryCode.trim().toUpperCase();
    const years = fullYearsBetween(e.foundedOn, today);
    for (const kind of kinds) {
      // Rank by the label-free score, then explain only the pairs that stay in the set.
      const ranked: Array<{ score: number; listingId: string; entry: PoolEntry }> = [];
      for (const entry of this.candidates(kind, e)) {
        if (entry.industries.length && !entry.industries.some((a) => firmIndustry.startsWith(a) || a.startsWith(firmIndustry))) continue;
        if (!passesKindPrecheck(e, entry.side, today, years)) continue;
        const score = scoreValue(e, entry.side, { today });
        if (counted) counted.scored++;
        if (score === null) continue;
        if (counted) counted.eligible++;
        ranked.push({ score, listingId: entry.side.listingId, entry });
      }
      ranked.sort(compareBest);
      for (let i = 0; i < ranked.length && i < perKind; i++) {
        const { entry } = ranked[i]!;
        const result = scoreMatch(e, entry.side, { today });
        if (!result.eligible) throw new Error(`scorer disagreement on ${e.organizationId}/${entry.side.listingId}`);
        out.push({
          enterpriseOrganizationId: e.organizationId,
          listingId: entry.side.listingId,
          kind,
          score: result.score,
          reasons: result.reasons,
          listingVersion: entry.version,
          profileVersion,
        });
      }
    }
    return out;
  }
}

/**
 * Necessary conditions of the scorer's kind-specific exclusions (never stricter than the scorer):
 * a pair failing here is one `scoreMatch` would exclude.
 */
function passesKindPrecheck(e: EnterpriseSide, l: ListingSide, today: string, years: number): boolean {
  switch (l.kind) {
    case 'CREDIT_PRODUCT': {
      if (l.eligibleTiers.length > 0 && !l.eligibleTiers.includes(e.tier)) return false;
      if (l.minAnnualRevenue != null && l.minAnnualRevenue > 0) {
        const revenue = e.latestFinancials?.revenue;
        if (revenue == null || revenue < l.minAnnualRevenue) return false;
      }
      if (l.minInventionPatents != null && l.minInventionPatents > 0 && e.ip.inventionPatents < l.minInventionPatents) return false;
      if (l.minYearsInBusiness != null && l.minYearsInBusiness > 0 && years < l.minYearsInBusiness) return false;
      return true;
    }
    case 'CHALLENGE':
      return l.applyBy >= today;
    case 'PARK_VACANCY': {
      const need = e.spaceNeed;
      if (!need) return false;
      if (l.areaSqm < need.minAreaSqm || l.areaSqm > need.maxAreaSqm) return false;
      return need.maxRentPerSqmDay == null || l.rentPerSqmDay <= need.maxRentPerSqmDay;
    }
    default:
      return true;
  }
}
