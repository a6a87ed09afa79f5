/**
 * In-memory scoring of many enterprises against many listings (no Nest, no TypeORM): listings are
 * indexed by kind and by the region prefixes they serve, cheap hard-constraint checks run before
 * the full scorer, and only each enterprise's best {@link MATCH_SET_BOUNDS.perKind} per kind are
 * kept (docs/adr/0007-match-set-bounds.md). The pre-checks only skip pairs the scorer would
 * exclude anyway; every kept pair's score and reasons come from `scoreMatch` itself.
 */
import { TIER_RANK, clamp01, daysBetween, fullYearsBetween, gapCategory, productTypeFit, rateFraction, regionPrecision, regionPrefix, scoreMatch, scoreValue } from '../scorer.js';
import { PARAMS, WEIGHTS } from '../weights.js';
import type { EnterpriseSide, ListingSide, MatchListingKind, Reason } from '../match-types.js';

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

/** One listing with the numbers the pre-checks and bounds read, in one monomorphic shape. */
interface PoolEntry {
  side: ListingSide;
  version: number;
  /** Upper-cased industry codes and region prefixes, for the pre-checks (empty = any). */
  industries: string[];
  regions: string[];
  seen: number;
  kind: MatchListingKind;
  /** Credit: thresholds (0 = none), amounts, term; the bound's listing-only part. */
  minRevenue: number;
  minPatents: number;
  minYears: number;
  amountMin: number;
  amountMax: number;
  termMax: number;
  tiered: boolean;
  debtCapped: boolean;
  staticBound: number;
  /** Challenge: last day to apply. */
  applyBy: string;
  /** Vacancy: area, rent, the park's region prefix. */
  area: number;
  rent: number;
  parkRegion: string;
  /** Service: category, voucher, rating fraction. */
  category: string;
  voucher: boolean;
  rating: number;
}

/** The firm's facts the pre-checks and bounds read, computed once per firm. */
interface FirmFacts {
  e: EnterpriseSide;
  industry: string;
  region: string;
  revenue: number;
  years: number;
  today: string;
  gaps: ReadonlySet<string>;
  /** Only district, service and financing needs are known (incremental pre-filter). */
  partial?: boolean;
}

function entryOf(side: ListingSide, version: number): PoolEntry {
  const entry: PoolEntry = {
    side,
    version,
    industries: side.industryCodes.map((c) => c.trim().toUpperCase()).filter(Boolean),
    regions: side.regionCodes.map(regionPrefix),
    seen: 0,
    kind: side.kind,
    minRevenue: 0,
    minPatents: 0,
    minYears: 0,
    amountMin: 0,
    amountMax: 0,
    termMax: 0,
    tiered: false,
    debtCapped: false,
    staticBound: 100.2,
    applyBy: '',
    area: 0,
    rent: 0,
    parkRegion: '',
    category: '',
    voucher: false,
    rating: 0,
  };
  switch (side.kind) {
    case 'CREDIT_PRODUCT': {
      const W = WEIGHTS.CREDIT_PRODUCT;
      entry.minRevenue = side.minAnnualRevenue != null && side.minAnnualRevenue > 0 ? side.minAnnualRevenue : 0;
      entry.minPatents = side.minInventionPatents != null && side.minInventionPatents > 0 ? side.minInventionPatents : 0;
      entry.minYears = side.minYearsInBusiness != null && side.minYearsInBusiness > 0 ? side.minYearsInBusiness : 0;
      entry.amountMin = side.amountMin;
      entry.amountMax = side.amountMax;
      entry.termMax = side.termMonthsMax;
      const mid = (side.annualRateMin + side.annualRateMax) / 2;
      const rate = clamp01(rateFraction(mid));
      entry.staticBound = W.RATE * rate + W.REGION + W.INDUSTRY + 0.2;
      entry.tiered = side.eligibleTiers.length > 0;
      entry.debtCapped = side.maxDebtRatio != null;
      entry.category = side.productType;
      break;
    }
    case 'CHALLENGE':
      entry.applyBy = side.applyBy;
      break;
    case 'PARK_VACANCY':
      entry.area = side.areaSqm;
      entry.rent = side.rentPerSqmDay;
      entry.parkRegion = regionPrefix(side.parkRegionCode);
      break;
    case 'SERVICE_OFFERING':
      entry.category = side.category;
      entry.voucher = side.acceptsServiceVoucher;
      entry.rating = side.providerRating == null ? PARAMS.unratedProviderFraction : clamp01((side.providerRating - 1) / 4);
      break;
  }
  return entry;
}

function factsOf(e: EnterpriseSide, today: string): FirmFacts {
  return {
    e,
    industry: e.industryCode.trim().toUpperCase(),
    region: regionPrefix(e.regionCode),
    revenue: e.latestFinancials?.revenue ?? -1,
    years: fullYearsBetween(e.foundedOn, today),
    today,
    gaps: gapCategories(e),
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
  private stamp = 0;

  constructor(listings: Iterable<{ side: ListingSide; version: number }>) {
    for (const l of listings) this.add(l.side, l.version);
  }

  add(side: ListingSide, version: number): void {
    const entry = entryOf(side, version);
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
  private groups(kind: MatchListingKind, e: EnterpriseSide, gaps: ReadonlySet<string>): Array<{ bound: number; entries: PoolEntry[] }> {
    switch (kind) {
      case 'SERVICE_OFFERING': {
        const W = WEIGHTS.SERVICE_OFFERING;
        const keys = ListingPool.regionKeys(e);
        const groups = [...this.serviceCategories].map((category) => {
          const stamp = ++this.stamp;
          const entries: PoolEntry[] = [];
          for (const r of keys) this.collect(entries, this.services.get(`${r}|${category}`), stamp);
          const bound = (e.serviceNeeds.includes(category) ? W.CATEGORY_NEED : 0) + (gaps.has(category) ? W.TIER_GAP : 0) + W.REGION + W.VOUCHER + W.PROVIDER_RATING + 0.2;
          return { bound, entries };
        });
        return groups.sort((a, b) => b.bound - a.bound);
      }
      case 'CREDIT_PRODUCT': {
        const stamp = ++this.stamp;
        const entries: PoolEntry[] = [];
        for (const r of ListingPool.regionKeys(e)) for (const t of ['*', e.tier]) this.collect(entries, this.credit.get(`${r}|${t}`), stamp);
        return [{ bound: Infinity, entries }];
      }
      case 'CHALLENGE': {
        const stamp = ++this.stamp;
        const entries: PoolEntry[] = [];
        const firm = e.industryCode.trim().toUpperCase();
        this.collect(entries, this.challenges.get('*'), stamp);
        for (let len = 1; len <= firm.length; len++) this.collect(entries, this.challenges.get(firm.slice(0, len)), stamp);
        this.collect(entries, this.challenges.get(`ext:${firm}`), stamp);
        const target = regionPrefix(e.regionCode);
        return [{ bound: Infinity, entries: entries.filter((x) => x.regions.length === 0 || x.regions.some((p) => target.startsWith(p))) }];
      }
      case 'PARK_VACANCY': {
        const need = e.spaceNeed;
        if (!need) return [];
        if (!this.vacanciesSorted) {
          this.vacancies.sort((a, b) => a.area - b.area);
          this.vacanciesSorted = true;
        }
        const area = (x: PoolEntry) => x.area;
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
    const gaps = firm.gaps;
    for (const kind of kinds) {
      // Candidates in order of an upper bound of their score; exact (label-free) scores are taken
      // until the bound falls below the set's last member, then only the members are explained.
      const ranked: Array<{ score: number; listingId: string; entry: PoolEntry }> = [];
      for (const group of this.groups(kind, e, gaps)) {
        if (ranked.length === perKind && group.bound < ranked[perKind - 1]!.score) break;
        const bounded: Array<{ ub: number; entry: PoolEntry }> = [];
        for (const entry of group.entries) {
          if (entry.industries.length && !entry.industries.some((a) => firmIndustry.startsWith(a) || a.startsWith(firmIndustry))) continue;
          if (!passesPrecheck(entry, firm, today)) continue;
          bounded.push({ ub: entryBound(entry, firm), entry });
        }
        bounded.sort((a, b) => b.ub - a.ub);
        for (const { ub, entry } of bounded) {
          if (ranked.length === perKind && ub < ranked[perKind - 1]!.score) break;
          const score = scoreValue(e, entry.side, { today });
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

/** Service categories that would close an unmet criterion of one of the firm's failed assessments. */
function gapCategories(e: EnterpriseSide): Set<string> {
  const out = new Set<string>();
  for (const a of e.latestAssessments) {
    if (a.eligible) continue;
    for (const c of a.criteria) {
      const category = c.status === 'UNMET' ? gapCategory(c.code) : undefined;
      if (category) out.add(category);
    }
  }
  return out;
}

/** The scorer's region precision (1 when in doubt: an upper bound may only be too high). */
function regionFraction(allowed: readonly string[], code: string): number {
  if (allowed.length === 0) return PARAMS.region.anywhere;
  const target = regionPrefix(code);
  let best = 0;
  for (const a of allowed) best = Math.max(best, regionPrecision(regionPrefix(a), target));
  return best || 1;
}


/**
 * A cheap upper bound of the pair's score (never below what `scoreValue` gives; a unit property
 * checks it): the factors that are cheap to compute exactly, every other factor at its maximum,
 * plus rounding slack. Services and credit products are the kinds with thousands of candidates
 * per firm; the other kinds are not bounded.
 */
export function upperBound(e: EnterpriseSide, l: ListingSide, today: string): number {
  return entryBound(entryOf(l, 0), factsOf(e, today));
}

/**
 * An upper bound of the listing's score for a firm known only by its district, service needs and
 * financing need (tier gaps assumed everywhere): lets an incremental job skip loading firms whose
 * full set the listing cannot enter.
 */
export function boundForFirm(l: ListingSide, firm: { regionCode: string; serviceNeeds: readonly string[]; financingNeed: EnterpriseSide['financingNeed'] }): number {
  const anyGap: ReadonlySet<string> = { has: () => true } as unknown as ReadonlySet<string>;
  const e = { serviceNeeds: firm.serviceNeeds, financingNeed: firm.financingNeed } as EnterpriseSide;
  // Only services and credit products use the firm here; the other kinds stay at their static bound.
  if (l.kind !== 'SERVICE_OFFERING' && l.kind !== 'CREDIT_PRODUCT') return 100.2;
  return entryBound(entryOf(l, 0), { e, industry: '', region: regionPrefix(firm.regionCode), revenue: 0, years: 0, today: '', gaps: anyGap, partial: true });
}

function entryBound(x: PoolEntry, f: FirmFacts): number {
  switch (x.kind) {
    case 'SERVICE_OFFERING': {
      const W = WEIGHTS.SERVICE_OFFERING;
      return (
        (f.e.serviceNeeds.includes(x.category) ? W.CATEGORY_NEED : 0) +
        (f.gaps.has(x.category) ? W.TIER_GAP : 0) +
        W.REGION * regionFraction(x.regions, f.region) +
        (x.voucher ? W.VOUCHER : 0) +
        W.PROVIDER_RATING * x.rating +
        0.2
      );
    }
    case 'CREDIT_PRODUCT': {
      const W = WEIGHTS.CREDIT_PRODUCT;
      const need = f.e.financingNeed;
      const type = f.partial ? W.PRODUCT_TYPE_FIT : W.PRODUCT_TYPE_FIT * clamp01(productTypeFit(f.e, x.category).fraction);
      const margin = f.partial ? W.ELIGIBILITY_MARGIN : marginBound(x, f);
      if (!need) return x.staticBound + type + margin;
      const amount = need.amount > x.amountMax ? clamp01((PARAMS.amountAboveMaxFactor * x.amountMax) / need.amount) : need.amount < x.amountMin ? PARAMS.amountBelowMinFraction : 1;
      const term = need.termMonths <= x.termMax ? 1 : clamp01((PARAMS.termAboveMaxFactor * x.termMax) / need.termMonths);
      return x.staticBound + type + margin + W.AMOUNT_FIT * amount + W.TERM_FIT * term;
    }
    case 'CHALLENGE': {
      // Text relevance (the costly factor) at its maximum; the poster's preference, the solver's
      // tier and the time left exactly; industry and region at their maximum.
      const W = WEIGHTS.CHALLENGE;
      const l = x.side as Extract<ListingSide, { kind: 'CHALLENGE' }>;
      const prefs = l.preferredTiers;
      const preference = prefs.length === 0 ? PARAMS.noTierPreferenceFraction : prefs.includes(f.e.tier) ? 1 : 0;
      return (
        W.TEXT_RELEVANCE +
        W.POSTER_TIER_PREFERENCE * preference +
        W.INDUSTRY +
        W.SOLVER_TIER * clamp01((TIER_RANK[f.e.tier] ?? 0) / 4) +
        W.REGION +
        W.TIME_LEFT * clamp01(daysBetween(f.today, l.applyBy) / PARAMS.timeLeftFullAtDays) +
        0.2
      );
    }
    default:
      return x.staticBound;
  }
}

/**
 * The bank-side margin as the scorer computes it (ELIGIBILITY_MARGIN split evenly over the
 * thresholds the product sets), with the debt-ratio margin taken at its maximum.
 */
function marginBound(x: PoolEntry, f: FirmFacts): number {
  const fractions: number[] = [];
  if (x.tiered) fractions.push(1);
  if (x.minRevenue > 0) fractions.push((f.revenue / x.minRevenue - 1) / (PARAMS.revenueFullMarginMultiple - 1));
  if (x.minPatents > 0) fractions.push((f.e.ip.inventionPatents - x.minPatents) / x.minPatents);
  if (x.minYears > 0) fractions.push((f.years - x.minYears) / x.minYears);
  if (x.debtCapped) fractions.push(1);
  const W = WEIGHTS.CREDIT_PRODUCT.ELIGIBILITY_MARGIN;
  if (fractions.length === 0) return W;
  return fractions.reduce((sum, fr) => sum + (W / fractions.length) * clamp01(fr), 0);
}


/**
 * Necessary conditions of the scorer's kind-specific exclusions (never stricter than the scorer):
 * a pair failing here is one `scoreMatch` would exclude.
 */
function passesPrecheck(x: PoolEntry, f: FirmFacts, today: string): boolean {
  switch (x.kind) {
    case 'CREDIT_PRODUCT':
      // Tiers are settled by the index (credit products are filed under the tiers they admit).
      if (x.minRevenue > 0 && f.revenue < x.minRevenue) return false;
      if (x.minPatents > 0 && f.e.ip.inventionPatents < x.minPatents) return false;
      return !(x.minYears > 0 && f.years < x.minYears);
    case 'CHALLENGE':
      return x.applyBy >= today;
    case 'PARK_VACANCY': {
      const need = f.e.spaceNeed;
      if (!need) return false;
      if (x.area < need.minAreaSqm || x.area > need.maxAreaSqm) return false;
      if (need.maxRentPerSqmDay != null && x.rent > need.maxRentPerSqmDay) return false;
      if (need.regionCodes.length === 0) return true;
      return need.regionCodes.some((a) => x.parkRegion.startsWith(regionPrefix(a)));
    }
    default:
      return true;
  }
}
