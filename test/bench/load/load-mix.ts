/**
 * The mixed workload: 50 % search, 25 % recommendations, 15 % listings pages, 10 % mutations, each
 * request drawn at random (seeded) when autocannon asks for it. Mutations are what signed-in firms
 * do: update their profile (→ outbox → tier reassessment and match-set rescoring in the workers),
 * ask for a match with a listing they were recommended, and cancel a pending request. They are
 * planned so they never fail for business reasons: one profile write per firm at a time, never a
 * second open request for the same firm and listing, a cancel only of a request that is PENDING.
 */
import { rng } from '../../helpers/seeded-random.js';
import type { SignedInFirm } from './load-world.js';

export type Kind = 'search' | 'recommendations' | 'listings' | 'mutation';
export const KINDS: Kind[] = ['search', 'recommendations', 'listings', 'mutation'];
const SHARES: Array<[Kind, number]> = [['search', 0.5], ['recommendations', 0.25], ['listings', 0.15], ['mutation', 0.1]];

export interface LoadActor {
  firm: SignedInFirm;
  token: string;
  /** Listings in the firm's recommendations: what it asks for matches with. */
  targets: string[];
}

export interface ListingsPage {
  filter: Record<string, unknown> | null;
  after: string | null;
}

export const SEARCH = `query($i: SearchInput!) { search(input: $i) { total hits { highlight listing { id kind title owner { name } } } facets { field value count } } }`;
export const RECOMMENDATIONS = `query($kinds: [ListingKind!], $first: Int) { recommendations(kinds: $kinds, first: $first) { score computedAt reasons { code label contribution } listing { id kind title owner { name } } } }`;
export const LISTINGS = `query($f: ListingFilter, $first: Int, $after: String) { listings(filter: $f, first: $first, after: $after) {
  totalCount pageInfo { endCursor hasNextPage } edges { node { id kind title publishedAt owner { id name } ... on ParkVacancy { park { id name } } } } } }`;
const UPSERT = `mutation($i: EnterpriseProfileInput!) { upsertEnterpriseProfile(input: $i) { version tier industryCode } }`;
const REQUEST = `mutation($i: MatchRequestInput!) { requestMatch(input: $i) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelMatchRequest(id: $id) { id status } }`;

/** Words users type (domain terms in the seeded texts, and some that match little or nothing). */
const WORDS = ['知识产权', '数字化', '贷款', '检测', '质押融资', '专精特新', '厂房', '揭榜', '研发', '智能制造', '融资', '认证', '降碳', '人才', '标准厂房', '软件', '信用贷', '减速器', '知产', '工业互联网', '上云', '专利', '孵化', '供应链', '节能'];
const REGIONS = [['330200'], ['330281'], ['330212', '330211'], ['330100'], ['330000']];
const KIND_FILTERS = [['SERVICE_OFFERING'], ['CREDIT_PRODUCT'], ['CHALLENGE'], ['PARK_VACANCY'], ['SERVICE_OFFERING', 'CREDIT_PRODUCT']];
const CATEGORIES = ['INTELLECTUAL_PROPERTY', 'DIGITAL_TRANSFORMATION', 'TESTING_CERTIFICATION', 'FINANCING_ADVISORY', 'TECH_INNOVATION'];
const PRODUCT_TYPES = ['IP_PLEDGE', 'CREDIT_LOAN', 'LOAN_INVESTMENT_LINKAGE', 'SUPPLY_CHAIN'];

export interface PlannedRequest {
  kind: Kind;
  /** upsert / request / cancel for mutations; the kind otherwise. */
  op: string;
  token: string;
  body: string;
  /** Called with the response; returns the error category, or null when the request succeeded. */
  done(status: number, body: string): string | null;
}

export class Mix {
  private readonly r: () => number;
  /** The kind of each request comes from its own stream, so parameter draws cannot skew the mix. */
  private readonly kindDraw: () => number;
  /** Firms with a profile write in flight. */
  private readonly writing = new Set<number>();
  /** `firm|listing` pairs with an open request (or one being created). */
  private readonly openPairs = new Set<string>();
  /** PENDING requests nobody is cancelling yet. */
  private readonly pending: Array<{ firm: number; listing: string; id: string }> = [];

  constructor(private readonly actors: LoadActor[], private readonly pages: ListingsPage[], seed = 1) {
    this.r = rng(seed);
    this.kindDraw = rng(seed ^ 0x5bd1e995);
  }

  private pick<T>(xs: readonly T[]): T {
    return xs[Math.floor(this.r() * xs.length)]!;
  }

  next(): PlannedRequest {
    let x = this.kindDraw();
    let kind: Kind = 'search';
    for (const [k, share] of SHARES) if ((x -= share) < 0) { kind = k; break; }
    const a = Math.floor(this.r() * this.actors.length);
    const token = this.actors[a]!.token;
    const gql = (query: string, variables: object) => JSON.stringify({ query, variables });
    const plain = (op: string, body: string): PlannedRequest => ({ kind, op, token, body, done: (s, b) => errorOf(s, b) });
    if (kind === 'search') return plain('search', gql(SEARCH, { i: this.searchInput() }));
    if (kind === 'recommendations') {
      return plain('recommendations', gql(RECOMMENDATIONS, { kinds: this.r() < 0.3 ? this.pick(KIND_FILTERS) : null, first: this.pick([10, 20, 20, 50]) }));
    }
    if (kind === 'listings') {
      const page = this.pick(this.pages);
      return plain('listings', gql(LISTINGS, { f: page.filter, first: 20, after: page.after }));
    }
    return this.mutation();
  }

  private searchInput() {
    const x = this.r();
    const input: Record<string, unknown> = { query: x < 0.1 ? '' : x < 0.3 ? `${this.pick(WORDS)} ${this.pick(WORDS)}` : this.pick(WORDS), first: this.r() < 0.8 ? 20 : 10 };
    if (this.r() < 0.15) input.offset = 20;
    if (this.r() < 0.4) {
      const f = this.r();
      if (f < 0.35) input.kinds = this.pick(KIND_FILTERS);
      else if (f < 0.65) input.regionCodes = this.pick(REGIONS);
      else if (f < 0.85) input.serviceCategories = [this.pick(CATEGORIES)];
      else input.creditProductTypes = [this.pick(PRODUCT_TYPES)];
    }
    return input;
  }

  /** 40 % profile updates, the rest requestMatch / cancelMatchRequest in about equal numbers. */
  private mutation(): PlannedRequest {
    const x = this.r();
    if (x < 0.4) {
      const firm = this.freeFirm();
      if (firm !== undefined) return this.upsert(firm);
    }
    if (this.pending.length > 0 && (x >= 0.7 || this.pending.length > 50)) return this.cancel(this.pending.splice(Math.floor(this.r() * this.pending.length), 1)[0]!);
    return this.request();
  }

  private freeFirm(): number | undefined {
    for (let tries = 0; tries < 10; tries++) {
      const f = Math.floor(this.r() * this.actors.length);
      if (!this.writing.has(f)) return f;
    }
    return undefined;
  }

  private upsert(firm: number): PlannedRequest {
    this.writing.add(firm);
    const base = this.actors[firm]!.firm.profile;
    const need = this.r() < 0.6 ? { amount: (1 + Math.floor(this.r() * 50)) * 100_000, termMonths: this.pick([6, 12, 24, 36]), purpose: '购置设备与补充流动资金' } : null;
    const needs = [...new Set([this.pick(CATEGORIES), this.pick(CATEGORIES)])];
    return {
      kind: 'mutation',
      op: 'upsert',
      token: this.actors[firm]!.token,
      body: JSON.stringify({ query: UPSERT, variables: { i: { ...base, financingNeed: need, serviceNeeds: needs } } }),
      done: (s, b) => {
        this.writing.delete(firm);
        return errorOf(s, b);
      },
    };
  }

  private request(): PlannedRequest {
    let firm = 0;
    let listing: string | undefined;
    for (let tries = 0; tries < 10 && !listing; tries++) {
      firm = Math.floor(this.r() * this.actors.length);
      const candidate = this.pick(this.actors[firm]!.targets);
      if (candidate && !this.openPairs.has(`${firm}|${candidate}`)) listing = candidate;
    }
    if (!listing) return this.upsert(this.freeFirm() ?? firm); // only when every pair tried is open
    const pair = `${firm}|${listing}`;
    this.openPairs.add(pair);
    return {
      kind: 'mutation',
      op: 'request',
      token: this.actors[firm]!.token,
      body: JSON.stringify({ query: REQUEST, variables: { i: { listingId: listing, message: '希望进一步了解合作方式', shareProfile: this.r() < 0.5 } } }),
      done: (s, b) => {
        const error = errorOf(s, b);
        const id = error ? undefined : (JSON.parse(b) as { data?: { requestMatch?: { id: string } } }).data?.requestMatch?.id;
        if (id) this.pending.push({ firm, listing: listing!, id });
        else this.openPairs.delete(pair);
        return error;
      },
    };
  }

  private cancel(open: { firm: number; listing: string; id: string }): PlannedRequest {
    return {
      kind: 'mutation',
      op: 'cancel',
      token: this.actors[open.firm]!.token,
      body: JSON.stringify({ query: CANCEL, variables: { id: open.id } }),
      done: (s, b) => {
        const error = errorOf(s, b);
        if (!error) this.openPairs.delete(`${open.firm}|${open.listing}`); // a failed cancel leaves the pair open: never re-requested
        return error;
      },
    };
  }
}

/** `http 503`, `graphql BAD_USER_INPUT`, … or null. GraphQL errors in a 200 count as errors. */
export function errorOf(status: number, body: string): string | null {
  if (status !== 200) return `http ${status}`;
  if (!body.includes('"errors"')) return null;
  try {
    const parsed = JSON.parse(body) as { errors?: Array<{ extensions?: { code?: string } }> };
    return parsed.errors ? `graphql ${parsed.errors[0]?.extensions?.code ?? 'UNKNOWN'}` : null;
  } catch {
    return 'unparsable body';
  }
}
