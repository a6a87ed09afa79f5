/**
 * In-memory scoring of many enterprises against many listings (no Nest, no TypeORM): listings are
 * indexed by kind and by the region prefixes they serve, cheap hard-constraint checks run before
 * the full scorer, and only each enterprise's best {@link MATCH_SET_BOUNDS.perKind} per kind are
 * kept (docs/adr/0007-match-set-bounds.md). Pre-checks and bounds are the kind models' own
 * (factors/): the pre-checks only skip pairs the scorer would exclude anyway, the bounds are never
 * below the score; every kept pair's score and reasons come from `scoreMatch` itself.
 */
import { scoreMatch } from './scorer.js';
import type { EnterpriseSide, ListingSide, MatchListingKind, Reason, VacancyListing } from './match-types.js';
import { fullYearsBetween } from './dates.js';
import { industryCovers, regionPrefix } from './region-industry-fit.js';
import { BOUND_SLACK, type FirmFacts, type KindModel, type ScoringFacts } from './factors/factor-kit.js';
import { KIND_MODELS } from './factors/kind-models.js';
import { categoryBound, gapCounts } from './factors/service-offering.js';
import { debtRatio } from './factors/credit-product.js';
import { firmText } from './factors/challenge.js';
import { memoBigrams } from './text-similarity.js';

/** The bound on a stored match set: the best `perKind` listings of each kind per enterprise. */
export const MATCH_SET_BOUNDS = { perKind: 20 } as const;

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

/**
 * One listing in the pool, in one monomorphic shape; `figures` are its kind model's. Depends on the
 * listing alone (no date, no firm), so a prepared entry may be kept and shared by many pools
 * ({@link prepareListing}, the rescoring's listing cache).
 */
interface PoolEntry {
  side: ListingSide;
  version: number;
  /** Upper-cased industry codes and region stems, for the index and the pre-checks (empty = any). */
  industries: string[];
  regions: string[];
  /** The last collect stamp that took it (stamps are unique across pools: entries may be shared). */
  seen: number;
  model: KindModel<ListingSide, unknown>;
  figures: unknown;
}

function entryOf(side: ListingSide, version: number): PoolEntry {
  const model = KIND_MODELS[side.kind] as KindModel<ListingSide, unknown>;
  return {
    side,
    version,
    industries: side.industryCodes.map((c) => c.trim().toUpperCase()).filter(Boolean),
    regions: side.regionCodes.map(regionPrefix),
    seen: 0,
    model,
    figures: model.prepare(side),
  };
}

/** A listing prepared for a pool (opaque; read `side` and `version` only). */
export type PreparedListing = Readonly<Pick<PoolEntry, 'side' | 'version'>>;

/** Prepares a listing once for any number of pools (the same work `ListingPool.add` does). */
export function prepareListing(side: ListingSide, version: number): PreparedListing {
  return entryOf(side, version);
}

/** Collect stamps, shared by every pool so that an entry in several pools is never taken as seen by mistake. */
let lastStamp = 0;

/** A vacancy's area (the vacancies' index is sorted by it). */
const area = (x: PoolEntry): number => (x.side as VacancyListing).areaSqm;

/** What the scorer may give the pair at most, compared with scores. */
const entryBound = (x: PoolEntry, f: FirmFacts): number => x.model.bound(x.figures, f) + BOUND_SLACK;

function factsOf(e: EnterpriseSide, today: string): ScoringFacts {
  const counts = gapCounts(e);
  return {
    e,
    industry: e.industryCode.trim().toUpperCase(),
    region: regionPrefix(e.regionCode),
    revenue: e.latestFinancials?.revenue ?? -1,
    years: fullYearsBetween(e.foundedOn, today),
    today,
    gaps: new Set(counts.keys()),
    debt: debtRatio(e),
    gapCounts: counts,
    grams: memoBigrams(firmText(e)).set,
    spaceStems: e.spaceNeed ? e.spaceNeed.regionCodes.map(regionPrefix) : [],
  };
}

const push = <K, V>(map: Map<K, V[]>, key: K, value: V) => {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
};

/**
 * Published listings indexed by what excludes most pairs for each kind, so a firm only walks the
 * listings that can concern it: services by (region, category) — the firm's needed and gap
 * categories first, the others only while they can still beat the set; credit products by
 * (region, admitted tier); challenges by industry code (both prefix directions); vacancies by area.
 */
export class ListingPool {
  private readonly services = new Map<string, PoolEntry[]>();
  private readonly serviceCategories = new Set<string>();
  private readonly credit = new Map<string, PoolEntry[]>();
  private readonly challenges = new Map<string, PoolEntry[]>();
  /** Sorted by area. */
  private vacancies: PoolEntry[] = [];
  private vacanciesSorted = true;

  constructor(listings: Iterable<{ side: ListingSide; version: number }>) {
    for (const l of listings) this.add(l.side, l.version);
  }

  /** A pool of listings prepared before (by {@link prepareListing}). */
  static ofPrepared(listings: Iterable<PreparedListing>): ListingPool {
    const pool = new ListingPool([]);
    for (const l of listings) pool.addEntry(l as PoolEntry);
    return pool;
  }

  add(side: ListingSide, version: number): void {
    this.addEntry(entryOf(side, version));
  }

  private addEntry(entry: PoolEntry): void {
    const side = entry.side;
    const regionKeys = entry.regions.length === 0 ? ['*'] : entry.regions;
    switch (side.kind) {
      case 'SERVICE_OFFERING':
        this.serviceCategories.add(side.category);
        for (const r of regionKeys) push(this.services, `${r}|${side.category}`, entry);
        break;
      case 'CREDIT_PRODUCT':
        for (const r of regionKeys) for (const t of side.eligibleTiers.length ? side.eligibleTiers : ['*']) push(this.credit, `${r}|${t}`, entry);
        break;
      case 'CHALLENGE':
        if (side.industryCodes.length === 0) push(this.challenges, '*', entry);
        for (const code of entry.industries) {
          push(this.challenges, code, entry);
          // A firm whose code is a proper prefix of this one (C34 for C3484) finds it under ext:.
          for (let len = 1; len < code.length; len++) push(this.challenges, `ext:${code.slice(0, len)}`, entry);
        }
        break;
      case 'PARK_VACANCY':
        this.vacancies.push(entry);
        this.vacanciesSorted = false;
        break;
    }
  }

  private collect(out: PoolEntry[], list: PoolEntry[] | undefined, stamp: number): void {
    if (!list) return;
    for (const entry of list) {
      if (entry.seen === stamp) continue;
      entry.seen = stamp;
      out.push(entry);
    }
  }

  /** Region keys that cover the firm's district: anywhere, then each prefix of its code. */
  private static regionKeys(e: EnterpriseSide): string[] {
    const target = regionPrefix(e.regionCode);
    const keys = ['*'];
    for (let len = 1; len <= target.length; len++) keys.push(target.slice(0, len));
    return keys;
  }

  /**
   * Candidate groups of `kind` for the firm, each with a bound on what its members can score;
   * groups come best bound first.
   */
  private groups(kind: MatchListingKind, firm: FirmFacts): Array<{ bound: number; entries: PoolEntry[] }> {
    const e = firm.e;
    switch (kind) {
      case 'SERVICE_OFFERING': {
        const keys = ListingPool.regionKeys(e);
        const groups = [...this.serviceCategories].map((category) => {
          const stamp = ++lastStamp;
          const entries: PoolEntry[] = [];
          for (const r of keys) this.collect(entries, this.services.get(`${r}|${category}`), stamp);
          return { bound: categoryBound(category, firm) + BOUND_SLACK, entries };
        });
        return groups.sort((a, b) => b.bound - a.bound);
      }
      case 'CREDIT_PRODUCT': {
        const stamp = ++lastStamp;
        const entries: PoolEntry[] = [];
        for (const r of ListingPool.regionKeys(e)) for (const t of ['*', e.tier]) this.collect(entries, this.credit.get(`${r}|${t}`), stamp);
        return [{ bound: Infinity, entries }];
      }
      case 'CHALLENGE': {
        const stamp = ++lastStamp;
        const entries: PoolEntry[] = [];
        const industry = firm.industry;
        this.collect(entries, this.challenges.get('*'), stamp);
        for (let len = 1; len <= industry.length; len++) this.collect(entries, this.challenges.get(industry.slice(0, len)), stamp);
        this.collect(entries, this.challenges.get(`ext:${industry}`), stamp);
        return [{ bound: Infinity, entries }];
      }
      case 'PARK_VACANCY': {
        const need = e.spaceNeed;
        if (!need) return [];
        if (!this.vacanciesSorted) {
          this.vacancies.sort((a, b) => area(a) - area(b));
          this.vacanciesSorted = true;
        }
        let lo = 0;
        let hi = this.vacancies.length;
        while (lo < hi) {
          const mid = (lo + hi) >> 1;
          if (area(this.vacancies[mid]!) < need.minAreaSqm) lo = mid + 1;
          else hi = mid;
        }
        const entries: PoolEntry[] = [];
        for (let i = lo; i < this.vacancies.length && area(this.vacancies[i]!) <= need.maxAreaSqm; i++) entries.push(this.vacancies[i]!);
        return [{ bound: Infinity, entries }];
      }
    }
  }

  /**
   * The enterprise's best `perKind` eligible listings of each kind in `kinds`, best first.
   * `counted` receives how many pairs went through the scorer.
   */
  topFor(e: EnterpriseSide, profileVersion: number, today: string, kinds: readonly MatchListingKind[], perKind: number, counted?: { scored: number; eligible: number }): ScoredPair[] {
    const out: ScoredPair[] = [];
    const firm = factsOf(e, today);
    const firmIndustry = firm.industry;
    for (const kind of kinds) {
      // Candidates in order of an upper bound of their score; exact (label-free) scores are taken
      // until the bound falls below the set's last member, then only the members are explained.
      const ranked: Array<{ score: number; listingId: string; entry: PoolEntry }> = [];
      for (const group of this.groups(kind, firm)) {
        if (ranked.length === perKind && group.bound < ranked[perKind - 1]!.score) break;
        const bounded: Array<{ ub: number; entry: PoolEntry }> = [];
        for (const entry of group.entries) {
          if (entry.industries.length && !entry.industries.some((a) => industryCovers(a, firmIndustry))) continue;
          if (!entry.model.precheck(entry.figures, firm)) continue;
          bounded.push({ ub: entryBound(entry, firm), entry });
        }
        bounded.sort((a, b) => b.ub - a.ub);
        for (const { ub, entry } of bounded) {
          if (ranked.length === perKind && ub < ranked[perKind - 1]!.score) break;
          const score = entry.model.score(entry.figures, firm);
          if (counted) counted.scored++;
          if (score === null) continue;
          if (counted) counted.eligible++;
          const item = { score, listingId: entry.side.listingId, entry };
          if (ranked.length === perKind && !better(item, ranked[perKind - 1]!)) continue;
          let at = ranked.length;
          while (at > 0 && better(item, ranked[at - 1]!)) at--;
          ranked.splice(at, 0, item);
          if (ranked.length > perKind) ranked.pop();
        }
      }
      for (const { entry } of ranked) {
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
 * The score the engine ranks the pair by: the kind model's label-free exact score, which equals
 * `scoreValue(e, l, { today })` (a unit property checks it on seeded random pairs).
 */
export function exactScore(e: EnterpriseSide, l: ListingSide, today: string): number | null {
  const entry = entryOf(l, 0);
  return entry.model.score(entry.figures, factsOf(e, today));
}

/**
 * A cheap upper bound of the pair's score (never below what `scoreValue` gives; a unit property
 * checks it): the kind model's bound plus {@link BOUND_SLACK}. Services and credit products are
 * the kinds with thousands of candidates per firm; vacancies are not bounded.
 */
export function upperBound(e: EnterpriseSide, l: ListingSide, today: string): number {
  return entryBound(entryOf(l, 0), factsOf(e, today));
}

/**
 * An upper bound of the listing's score for a firm known only by its district, service needs and
 * financing need (tier gaps assumed everywhere): lets an incremental job skip loading firms whose
 * full set the listing cannot enter.
 */
export function boundForFirm(l: ListingSide, firm: LightFirm): number {
  return firmBounds(l)(firm);
}

/** What {@link boundForFirm} knows of a firm. */
export interface LightFirm {
  regionCode: string;
  serviceNeeds: readonly string[];
  financingNeed: EnterpriseSide['financingNeed'];
}

const anyGap: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;

/**
 * {@link boundForFirm} for one listing and many firms: the listing's figures are prepared once (its region stems,
 * text bigrams…), not once per firm — scoreListing bounds up to every firm of the province.
 */
export function firmBounds(l: ListingSide): (firm: LightFirm) => number {
  const entry = entryOf(l, 0);
  return (firm) => {
    const e = { serviceNeeds: firm.serviceNeeds, financingNeed: firm.financingNeed } as EnterpriseSide;
    return entryBound(entry, { e, industry: '', region: regionPrefix(firm.regionCode), revenue: 0, years: 0, today: '', gaps: anyGap, partial: true });
  };
}
