import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { LISTINGS_WITH_OWNERS, LOAD_PASSWORD, countQueries, seedListingLoad, type QueryCounter } from '../bench/listing-load.js';
import { RECOMMENDATIONS_WITH_LISTINGS, seedRecommendations } from '../bench/recommendations-page.bench.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';

/**
 * Issue 4 item 6: `listings` with owner, park and park operator resolves in a constant number of
 * SQL statements, however long the page (DataLoader batching per request).
 *
 * Issue 20 item 1 (ADR 0040): the page, its count, owners, parks and park operators come in ONE
 * prepared statement built from the selection.
 *
 * How queries are counted: the test wraps `query` on the prototype of the pg driver's Client (taken
 * from the app's own DataSource) while one HTTP request is in flight — every statement the
 * in-process app sends, through TypeORM or straight to the pool, reads, writes and transaction
 * control alike, passes through it, and still runs against PostgreSQL (nothing mocked). The app runs without workers and outbox relay, so no
 * background poller shares the window; an idle window is checked to be silent.
 */
let app: TestApp;
let counter: QueryCounter;
let token: string;
let viewerId: string;
let listingIds: string[];

beforeAll(async () => {
  app = await startTestApp({ withWorkers: false });
  const ds = app.started.runtime.database.dataSource;
  listingIds = (await seedListingLoad(ds, 60, 'NP')).listingIds;
  const reg = await app.gql<{ register: { accessToken: string; user: { organization: { id: string } } } }>(
    `mutation($i: RegisterInput!) { register(input: $i) { accessToken user { organization { id } } } }`,
    {
      i: {
        email: 'viewer@nplusone.srdi.example',
        password: 'viewer-password-1',
        displayName: '浏览者',
        organization: { kind: 'ENTERPRISE', name: '余姚市浏览测试科技有限公司', uscc: makeUscc('91', '330281', 'NPQWEB01'), regionCode: '330281' },
      },
    },
  );
  expect(reg.errors).toBeUndefined();
  token = reg.data!.register.accessToken;
  viewerId = reg.data!.register.user.organization.id;
  counter = await countQueries(ds);
});

afterAll(async () => {
  counter?.restore();
  await app?.close();
});

interface PageNode {
  id: string;
  owner: { id: string; name: string };
  park?: { id: string; name: string; operator: { id: string } };
}

async function page(first: number) {
  const { result, sql } = await counter.during(() => app.gql(LISTINGS_WITH_OWNERS, { first }, token));
  expect(result.errors).toBeUndefined();
  const nodes = (result.data!.listings.edges as Array<{ node: PageNode }>).map((e) => e.node);
  return { nodes, sql, totalCount: result.data!.listings.totalCount as number };
}

describe('listings(first: N) with owners and parks: constant SQL', () => {
  it('sends nothing while idle (the measuring window holds the request only)', async () => {
    const { sql } = await counter.during(() => new Promise((r) => setTimeout(r, 300)));
    expect(sql).toEqual([]);
  });

  it('uses the same small number of statements for 5 and for 50 listings', async () => {
    await page(5); // the first request loads the actor; later ones take it from the actor cache (ADR 0041)
    const small = await page(5);
    const large = await page(50);
    await page(50); // warm and again: the count does not drift
    const again = await page(50);

    // The pages are what they claim: 50 listings of every kind, several owners, both parks.
    expect(large.totalCount).toBe(60);
    expect(large.nodes).toHaveLength(50);
    expect(new Set(large.nodes.map((n) => n.owner.id)).size).toBe(9);
    const parks = new Set(large.nodes.filter((n) => n.park).map((n) => n.park!.id));
    expect(parks.size).toBe(2);
    expect(large.nodes.filter((n) => n.park).every((n) => n.park!.operator.id === n.owner.id)).toBe(true);
    // The short page holds every kind too (kinds are interleaved), so it needs the same loaders.
    expect(small.nodes).toHaveLength(5);
    expect(small.nodes.some((n) => n.park)).toBe(true);

    const brief = (sql: string[]) => sql.map((q) => q.slice(0, 160)).join('\n');
    const detail = `first:5 →\n${brief(small.sql)}\n\nfirst:50 →\n${brief(large.sql)}`;
    expect({ count: large.sql.length, detail }).toEqual({ count: small.sql.length, detail });
    expect(again.sql.length).toBe(large.sql.length);
    // The actor comes from the actor cache (ADR 0041: the warm-up request loaded it); the page is one
    // statement (ADR 0040): count, rows, kind details, owners, parks and park operators (the operators
    // also own the vacancies here, but the statement joins them whoever they are).
    const tables = (re: RegExp) => large.sql.filter((q) => re.test(q)).length;
    expect(tables(/FROM "listings"/)).toBe(1);
    expect(tables(/count\(\*\)/)).toBe(1);
    // No loader ran: owners, parks and operators are joined into the page's statement.
    expect(tables(/FROM "organizations"/)).toBe(0);
    expect(tables(/FROM "parks"/)).toBe(0);
    expect(large.sql.length).toBeGreaterThanOrEqual(1);
    expect(large.sql.length).toBeLessThanOrEqual(2);
    // Nothing is loaded per listing: no statement repeats.
    expect(new Set(large.sql).size).toBe(large.sql.length);
  });
});

describe('recommendationsConnection(first: N) with listings and owners: one statement', () => {
  it('reads the page, its listings, their owners and the count in one statement for 5 and for 50', async () => {
    await seedRecommendations(app.started, viewerId, listingIds);
    const recs = async (first: number) => {
      const { result, sql } = await counter.during(() => app.gql(RECOMMENDATIONS_WITH_LISTINGS, { first }, token));
      expect(result.errors).toBeUndefined();
      const conn = result.data!.recommendationsConnection as { totalCount: number; edges: Array<{ node: { score: number; listing: { id: string; owner: { id: string; name: string } } } }> };
      return { conn, sql };
    };
    await recs(5); // warm: the actor cache
    const small = await recs(5);
    const large = await recs(50);
    const again = await recs(50);

    expect(large.conn.totalCount).toBe(60);
    expect(large.conn.edges).toHaveLength(50);
    expect(new Set(large.conn.edges.map((e) => e.node.listing.owner.id)).size).toBe(9);
    expect(large.conn.edges.every((e) => e.node.listing.owner.name.length > 0)).toBe(true);
    const scores = large.conn.edges.map((e) => e.node.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);

    const brief = (sql: string[]) => sql.map((q) => q.slice(0, 160)).join('\n');
    const detail = `first:5 →\n${brief(small.sql)}\n\nfirst:50 →\n${brief(large.sql)}`;
    expect({ count: large.sql.length, detail }).toEqual({ count: small.sql.length, detail });
    expect(again.sql.length).toBe(large.sql.length);
    const tables = (re: RegExp) => large.sql.filter((q) => re.test(q)).length;
    // ADR 0040: recommendations, their listings, the owners and the count in ONE statement (was 5 for this unverified firm: page, count, listings, owners, its profile).
    expect(tables(/FROM matches/)).toBe(1);
    expect(tables(/count\(\*\)/)).toBe(1);
    expect(tables(/FROM "organizations"/)).toBe(0);
    expect(tables(/FROM "listings"/)).toBe(0);
    // The viewer is not verified: whether its own profile holds AUTHORITY data (reasons then lose their figures) is read in the same statement.
    expect(tables(/FROM "enterprise_profiles"/)).toBe(0);
    expect(tables(/FROM enterprise_profiles ep/)).toBe(1);
    expect(large.sql.length).toBe(1);
    expect(new Set(large.sql).size).toBe(large.sql.length);
  });
});

describe('recommendations for an unverified firm whose profile the AUTHORITY imported', () => {
  it('withhold the figures in their reasons, read in the same statement; a firm without imported data keeps them', async () => {
    const ds = app.started.runtime.database.dataSource;
    const own = await app.gql(UPSERT_PROFILE, { i: profileInput() }, token);
    expect(own.errors).toBeUndefined();
    const reason = { code: 'CREDIT.MARGIN.REVENUE', label: '营业收入 7391.8 万元 ≥ 产品门槛 500 万元', contribution: 10 };
    await ds.query(`UPDATE matches SET reasons = $2::jsonb WHERE enterprise_organization_id = $1`, [viewerId, JSON.stringify([reason])]);
    const labels = async () => {
      const { result, sql } = await counter.during(() => app.gql(RECOMMENDATIONS_WITH_LISTINGS, { first: 5 }, token));
      expect(result.errors).toBeUndefined();
      const edges = result.data!.recommendationsConnection.edges as Array<{ node: { reasons: Array<{ label: string }> } }>;
      return { labels: edges.flatMap((e) => e.node.reasons.map((r) => r.label)), sql };
    };
    const kept = await labels();
    expect(kept.labels.every((l) => l.includes('7391.8'))).toBe(true);
    await ds.query(`UPDATE enterprise_profiles SET imported_at = now() WHERE organization_id = $1`, [viewerId]);
    const withheld = await labels();
    expect(withheld.labels.length).toBe(5);
    expect(withheld.labels.some((l) => l.includes('7391.8'))).toBe(false);
    expect(withheld.labels.every((l) => l.includes('营业收入与产品准入门槛'))).toBe(true);
    expect(withheld.sql.length).toBe(1);
  });
});

const MATCH_REQUESTS_WITH_LISTINGS = `query($first: Int!, $after: String) {
  matchRequests(role: SENT, first: $first, after: $after) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { id status createdAt enterprise { id name } listing { id title owner { id name } } } }
  }
}`;

describe('matchRequests(first: N) with listings, owners and enterprises: one statement', () => {
  it('reads the page, its listings and owners, the enterprises and the count in one statement for 5 and for 50', async () => {
    // One request of the viewer's on every listing, as requestMatch leaves them (PENDING).
    await app.started.runtime.database.dataSource.query(
      `INSERT INTO match_requests (listing_id, listing_kind, owner_organization_id, enterprise_organization_id, enterprise_region_code, share_profile)
       SELECT l.id, l.kind, l.owner_organization_id, $1, '330281', false FROM listings l WHERE l.id = ANY($2::uuid[])`,
      [viewerId, listingIds],
    );
    type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean; endCursor: string }; edges: Array<{ node: { id: string; enterprise: { id: string; name: string }; listing: { id: string; owner: { id: string; name: string } } } }> };
    const requests = async (first: number, after?: string) => {
      const { result, sql } = await counter.during(() => app.gql(MATCH_REQUESTS_WITH_LISTINGS, { first, after }, token));
      expect(result.errors).toBeUndefined();
      return { conn: result.data!.matchRequests as Conn, sql };
    };
    await requests(5);
    const small = await requests(5);
    const large = await requests(50);
    const rest = await requests(50, large.conn.pageInfo.endCursor);

    expect(large.conn.totalCount).toBe(60);
    expect(large.conn.edges).toHaveLength(50);
    expect(large.conn.pageInfo.hasNextPage).toBe(true);
    expect(rest.conn.edges).toHaveLength(10);
    expect(rest.conn.pageInfo.hasNextPage).toBe(false);
    const all = [...large.conn.edges, ...rest.conn.edges].map((e) => e.node);
    expect(new Set(all.map((n) => n.listing.id))).toEqual(new Set(listingIds));
    expect(all.every((n) => n.enterprise.id === viewerId && n.enterprise.name === '余姚市浏览测试科技有限公司')).toBe(true);
    expect(new Set(all.map((n) => n.listing.owner.id)).size).toBe(9);

    const brief = (sql: string[]) => sql.map((q) => q.slice(0, 160)).join('\n');
    const detail = `first:5 →\n${brief(small.sql)}\n\nfirst:50 →\n${brief(large.sql)}`;
    expect({ count: large.sql.length, detail }).toEqual({ count: small.sql.length, detail });
    const tables = (re: RegExp) => large.sql.filter((q) => re.test(q)).length;
    // ADR 0040: was 4 (count, page, the listings loader, the organizations loader); now one statement (the actor is cached).
    expect(tables(/FROM match_requests/)).toBe(1);
    expect(tables(/count\(\*\)/)).toBe(1);
    expect(tables(/FROM "organizations"/)).toBe(0);
    expect(tables(/FROM "listings"/)).toBe(0);
    expect(large.sql.length).toBe(1);
  });
});

const LEADS_WITH_ENTERPRISES = `query($listingId: ID!, $first: Int!) {
  leadsConnection(listingId: $listingId, first: $first) {
    totalCount
    pageInfo { hasNextPage endCursor }
    edges { node { score enterprise { id name regionCode } reasons { code label } } }
  }
}`;

describe('leadsConnection(first: N) with enterprises: one statement for the leads', () => {
  it('reads the leads, the enterprises and the count in one statement for 5 and for 30', async () => {
    const ds = app.started.runtime.database.dataSource;
    // The first listing (a service offering of the first service provider) matched by 30 more firms.
    const listingId = listingIds[0]!;
    await ds.query(
      `WITH firms AS (
         INSERT INTO organizations (kind, name, region_code, verified)
         SELECT 'ENTERPRISE', '宁波线索测试企业' || g, '330281', true FROM generate_series(1, 30) g RETURNING id)
       INSERT INTO matches (enterprise_organization_id, listing_id, kind, score, reasons, scorer_version, listing_version, profile_version)
       SELECT f.id, $1, 'SERVICE_OFFERING', 50, '[{"code":"REGION","label":"服务区域覆盖企业所在地","contribution":20}]'::jsonb, 'test', 1, 1 FROM firms f`,
      [listingId],
    );
    const login = await app.gql<{ login: { accessToken: string } }>(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, {
      i: { email: 'np-service_provider-0@load.srdi.example', password: LOAD_PASSWORD },
    });
    expect(login.errors).toBeUndefined();
    const owner = login.data!.login.accessToken;
    type Conn = { totalCount: number; pageInfo: { hasNextPage: boolean }; edges: Array<{ node: { enterprise: { id: string; name: string } } }> };
    const leads = async (first: number) => {
      const { result, sql } = await counter.during(() => app.gql(LEADS_WITH_ENTERPRISES, { listingId, first }, owner));
      expect(result.errors).toBeUndefined();
      return { conn: result.data!.leadsConnection as Conn, sql };
    };
    await leads(5);
    const small = await leads(5);
    const large = await leads(30);
    const expected = (await ds.query(`SELECT count(*)::int AS n FROM matches WHERE listing_id = $1`, [listingId]))[0].n as number;
    expect(large.conn.totalCount).toBe(expected);
    expect(large.conn.edges).toHaveLength(30);
    expect(large.conn.pageInfo.hasNextPage).toBe(expected > 30);
    expect(large.conn.edges.every((e) => e.node.enterprise.name.length > 0)).toBe(true);

    const brief = (sql: string[]) => sql.map((q) => q.slice(0, 160)).join('\n');
    const detail = `first:5 →\n${brief(small.sql)}\n\nfirst:30 →\n${brief(large.sql)}`;
    expect({ count: large.sql.length, detail }).toEqual({ count: small.sql.length, detail });
    const tables = (re: RegExp) => large.sql.filter((q) => re.test(q)).length;
    // ADR 0040: the leads, their enterprises and the count are one statement (were 3: page, the organizations loader, count).
    expect(tables(/FROM matches/)).toBe(1);
    expect(tables(/count\(\*\)/)).toBe(1);
    expect(tables(/FROM "organizations"/)).toBe(0);
    // The listing's visibility and owner: one narrow statement before the leads (the owner must be checked first).
    expect(tables(/FROM "listings"/)).toBe(1);
    // The listing check, the leads, the owner's consents from these firms (was 5: listing, leads, organizations, consents, count).
    expect(tables(/FROM "profile_consents"/)).toBe(1);
    expect(large.sql.length).toBe(3);
    expect(new Set(large.sql).size).toBe(large.sql.length);
  });
});
