import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { CLOSE, createListing, creditProductInput, loginAuthority, publishListing, registerOrg, type Org } from '../helpers/listing-fixtures.js';

const RECOMMENDATIONS = `query($kinds: [ListingKind!], $first: Int) { recommendations(kinds: $kinds, first: $first) {
  score computedAt reasons { code label contribution } listing { id title kind }
} }`;
const LEADS = `query($id: ID!, $first: Int) { leads(listingId: $id, first: $first) { score enterprise { id } reasons { code label contribution } profile { version } } }`;

/** An IP-pledge product open to any tier that requires two invention patents. */
const pledgeProduct = () =>
  creditProductInput({
    title: '姚江专利质押快贷',
    regionCodes: ['330281'],
    industryCodes: [],
    eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: 2, minYearsInBusiness: null, maxDebtRatio: null },
  });

describe('matching: explained recommendations and leads from maintained match sets', () => {
  let app: TestApp;
  let bank: Org;
  let otherBank: Org;
  let withPatents: Org;
  let withoutPatents: Org;

  /** Each test publishes its own product (the firms' sets are bounded far above what these tests publish). */
  const publishedPledge = async () => {
    const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: pledgeProduct() });
    await publishListing(app, bank.token, id);
    await app.drain();
    return id;
  };

  const recommended = async (org: Org) => {
    const res = await app.gql(RECOMMENDATIONS, { kinds: ['CREDIT_PRODUCT'] }, org.token);
    expect(res.errors).toBeUndefined();
    return res.data!.recommendations as Array<{ score: number; reasons: Array<{ code: string; label: string; contribution: number }>; listing: { id: string } }>;
  };

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    otherBank = await registerOrg(app, 'BANK', { verifyWith: authority });
    withPatents = await registerOrg(app, 'ENTERPRISE');
    withoutPatents = await registerOrg(app, 'ENTERPRISE');
    const five = profileInput({ ipAssets: { inventionPatents: 5, utilityModels: 3, designPatents: 0, softwareCopyrights: 1, trademarks: 1 }, tierFacts: { selfDevelopedInventionPatents: 5 } });
    const none = profileInput({ ipAssets: { inventionPatents: 0, utilityModels: 3, designPatents: 0, softwareCopyrights: 1, trademarks: 1 }, tierFacts: {} });
    expect((await app.gql(UPSERT_PROFILE, { i: five }, withPatents.token)).errors).toBeUndefined();
    expect((await app.gql(UPSERT_PROFILE, { i: none }, withoutPatents.token)).errors).toBeUndefined();
    await app.drain();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('a published IP-pledge product requiring 2 invention patents reaches the firm with 5, with reasons, and not the firm with 0', async () => {
    const productId = await publishedPledge();

    const mine = await recommended(withPatents);
    const hit = mine.find((r) => r.listing.id === productId);
    expect(hit).toBeDefined();
    expect(hit!.score).toBeGreaterThan(0);
    expect(hit!.score).toBeLessThanOrEqual(100);
    const sum = hit!.reasons.reduce((s, r) => s + r.contribution, 0);
    expect(Math.round(sum * 10) / 10).toBe(hit!.score);
    expect(hit!.reasons.map((r) => r.label).join(' ')).toMatch(/发明专利 5 件/);
    expect((await recommended(withoutPatents)).map((r) => r.listing.id)).not.toContain(productId);
  });

  it("shows the bank its leads — the right firm, no profile until one is shared", async () => {
    const productId = await publishedPledge();
    const res = await app.gql(LEADS, { id: productId }, bank.token);
    expect(res.errors).toBeUndefined();
    const leads = res.data!.leads as Array<{ enterprise: { id: string }; profile: null }>;
    expect(leads.map((l) => l.enterprise.id)).toEqual([withPatents.organizationId]);
    expect(leads[0]!.profile).toBeNull();
    const other = await app.gql(LEADS, { id: productId }, otherBank.token);
    expect(other.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
  });

  it('an enterprise that gains patents later is rescored from its profile change', async () => {
    // Its own firm without patents (the shared one keeps none for the other tests) and its own product.
    const gainer = await registerOrg(app, 'ENTERPRISE');
    expect((await app.gql(UPSERT_PROFILE, { i: profileInput({ ipAssets: { inventionPatents: 0, utilityModels: 3, designPatents: 0, softwareCopyrights: 1, trademarks: 1 }, tierFacts: {} }) }, gainer.token)).errors).toBeUndefined();
    const productId = await publishedPledge();
    expect((await recommended(gainer)).map((r) => r.listing.id)).not.toContain(productId);
    const five = profileInput({ ipAssets: { inventionPatents: 3, utilityModels: 3, designPatents: 0, softwareCopyrights: 1, trademarks: 1 }, tierFacts: {} });
    expect((await app.gql(UPSERT_PROFILE, { i: five }, gainer.token)).errors).toBeUndefined();
    await app.drain();
    expect((await recommended(gainer)).map((r) => r.listing.id)).toContain(productId);
  });

  it('closing the product removes it from recommendations and leads', async () => {
    const productId = await publishedPledge();
    expect((await recommended(withPatents)).map((r) => r.listing.id)).toContain(productId);
    expect((await app.gql(CLOSE, { id: productId }, bank.token)).errors).toBeUndefined();
    await app.drain();
    expect((await recommended(withPatents)).map((r) => r.listing.id)).not.toContain(productId);
    const [{ n }] = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM matches WHERE listing_id = $1', [productId]);
    expect(n).toBe(0);
  });

  it('refuses bad arguments and the wrong callers', async () => {
    const productId = await publishedPledge();
    // first: 101 is refused (by the argument check, or earlier by the query-cost limit); both are BAD_USER_INPUT.
    expect((await app.gql(RECOMMENDATIONS, { first: 101 }, withPatents.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await app.gql('query { recommendations(first: 101) { score } }', {}, withPatents.token)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await app.gql(RECOMMENDATIONS, {}, bank.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(RECOMMENDATIONS, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    expect((await app.gql(LEADS, { id: productId, first: 0 }, bank.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });
});
