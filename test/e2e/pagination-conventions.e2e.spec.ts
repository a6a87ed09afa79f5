import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { expectError } from '../helpers/expect-error.js';
import { APPLY, createListing, loginAuthority, ok, publishListing, registerOrg, type Org } from '../helpers/listing-fixtures.js';
import { profileInput, UPSERT_PROFILE } from '../helpers/profile-fixtures.js';

/**
 * Issue 24 item 7: the connections added beside the plain lists page through the same rows with
 * totalCount and pageInfo, the old lists are deprecated naming their replacement, a single-object
 * query answers null for an unknown id, and enum-like strings are enums.
 */
let app: TestApp;
let authority: string;
let bank: Org;
let anchor: Org;
const firms: Org[] = [];
let products: string[] = [];
let challenge: string;

const openToAll = { regionCodes: ['330281'], industryCodes: [], eligibility: { tiers: [], minAnnualRevenue: null, minInventionPatents: null, minYearsInBusiness: null, maxDebtRatio: null } };

beforeAll(async () => {
  app = await startTestApp();
  authority = await loginAuthority(app);
  bank = await registerOrg(app, 'BANK', { verifyWith: authority });
  anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
  for (let i = 0; i < 3; i++) {
    // Verified first (verified requester rule), with a profile so they match.
    const firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token), 'upsertEnterpriseProfile');
    firms.push(firm);
  }
  products = [];
  for (let i = 0; i < 3; i++) {
    const p = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: openToAll });
    await publishListing(app, bank.token, p.id);
    products.push(p.id);
  }
  const c = await createListing(app, anchor.token, 'CHALLENGE');
  await publishListing(app, anchor.token, c.id);
  challenge = c.id;
  for (const firm of firms) ok(await app.gql(APPLY, { i: { challengeId: challenge, proposal: '联合攻关，9 个月交付样机', quote: 1_500_000 } }, firm.token), 'applyToChallenge');
  await app.drain();
});
afterAll(async () => {
  await app?.close();
});

/** Every node of a connection, two per page, following endCursor; checks totalCount on each page. */
async function pageThrough(query: string, field: string, variables: Record<string, unknown>, token: string): Promise<unknown[]> {
  const nodes: unknown[] = [];
  let after: string | null = null;
  let total: number | undefined;
  for (let guard = 0; guard < 20; guard++) {
    const page: any = ok(await app.gql(query, { ...variables, first: 2, after }, token), field);
    total ??= page.totalCount;
    expect(page.totalCount).toBe(total);
    nodes.push(...page.edges.map((e: { node: unknown }) => e.node));
    expect(page.edges.length).toBeLessThanOrEqual(2);
    if (!page.pageInfo.hasNextPage) break;
    after = page.pageInfo.endCursor;
  }
  expect(nodes).toHaveLength(total!);
  return nodes;
}

describe('connections beside the plain lists', () => {
  it('leadsConnection pages through exactly the leads of the plain list', async () => {
    const plain = ok(await app.gql('query($id: ID!) { leads(listingId: $id, first: 100) { enterprise { id } } }', { id: products[0] }, bank.token), 'leads');
    const paged = await pageThrough(
      'query($id: ID!, $first: Int, $after: String) { leadsConnection(listingId: $id, first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { enterprise { id } } } } }',
      'leadsConnection',
      { id: products[0] },
      bank.token,
    );
    expect(plain.length).toBeGreaterThanOrEqual(3);
    expect(paged).toEqual(plain);
  });

  it('recommendationsConnection pages through the enterprise’s recommendations', async () => {
    const plain = ok(await app.gql('{ recommendations(first: 100) { listing { id } } }', {}, firms[0]!.token), 'recommendations');
    const paged = await pageThrough(
      'query($first: Int, $after: String) { recommendationsConnection(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { listing { id } } } } }',
      'recommendationsConnection',
      {},
      firms[0]!.token,
    );
    expect(paged).toEqual(plain);
    expect(products.every((p) => (paged as Array<{ listing: { id: string } }>).some((r) => r.listing.id === p))).toBe(true);
  });

  it('Challenge.applicationsConnection pages through all applications for the owner, only its own for an applicant', async () => {
    const q = 'query($id: ID!, $first: Int, $after: String) { listing(id: $id) { ... on Challenge { applicationsConnection(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { node { id applicant { id } } } } } } }';
    const all = async (token: string) => {
      const nodes: Array<{ applicant: { id: string } }> = [];
      let after: string | null = null;
      for (;;) {
        const conn: any = ok(await app.gql(q, { id: challenge, first: 2, after }, token), 'listing').applicationsConnection;
        nodes.push(...conn.edges.map((e: { node: { applicant: { id: string } } }) => e.node));
        if (!conn.pageInfo.hasNextPage) return { nodes, total: conn.totalCount as number };
        after = conn.pageInfo.endCursor;
      }
    };
    const owner = await all(anchor.token);
    expect(owner.total).toBe(3);
    expect(owner.nodes.map((n) => n.applicant.id).sort()).toEqual(firms.map((f) => f.organizationId).sort());
    const applicant = await all(firms[1]!.token);
    expect(applicant).toEqual({ total: 1, nodes: [expect.objectContaining({ applicant: { id: firms[1]!.organizationId } })] });
  });

  it('searchConnection pages with first/after and refuses input.offset', async () => {
    const paged = await pageThrough(
      'query($first: Int, $after: String) { searchConnection(input: { query: "", kinds: [CREDIT_PRODUCT] }, first: $first, after: $after) { totalCount facets { field } pageInfo { hasNextPage endCursor } edges { node { listing { id } } } } }',
      'searchConnection',
      {},
      firms[0]!.token,
    );
    expect(products.every((p) => (paged as Array<{ listing: { id: string } }>).some((h) => h.listing.id === p))).toBe(true);
    expectError(await app.gql('{ searchConnection(input: { query: "", offset: 2 }) { totalCount } }', {}, firms[0]!.token), 'BAD_USER_INPUT', 'input.offset');
  });

  it('a cursor that is not one is BAD_USER_INPUT on after; first above 100 is refused', async () => {
    expectError(await app.gql('{ recommendationsConnection(after: "bm9wZQ") { totalCount } }', {}, firms[0]!.token), 'BAD_USER_INPUT', 'after');
    expectError(await app.gql('{ recommendationsConnection(first: 101) { totalCount } }', {}, firms[0]!.token), 'BAD_USER_INPUT', 'first');
  });

  it('the AUTHORITY’s ranking, review-risk list and audit log are connections with totalCount', async () => {
    const period = { from: '2026-01-01', to: '2026-12-31' };
    const ranking = ok(await app.gql('query($p: InsightsPeriod!) { serviceInstitutionRankingConnection(period: $p, first: 2) { totalCount pageInfo { hasNextPage } edges { cursor } } }', { p: period }, authority), 'serviceInstitutionRankingConnection');
    expect(ranking.edges.length).toBeLessThanOrEqual(2);
    expect(ranking.pageInfo.hasNextPage).toBe(ranking.totalCount > ranking.edges.length);
    const risk = ok(await app.gql('{ enterprisesAtReviewRiskConnection { totalCount edges { node { organizationId } } } }', {}, authority), 'enterprisesAtReviewRiskConnection');
    expect(risk.totalCount).toBe(risk.edges.length);
    const audit = ok(await app.gql('{ auditLog(first: 2, filter: { operation: "applyToChallenge" }) { totalCount edges { node { operation outcome } } } }', {}, authority), 'auditLog');
    expect(audit.totalCount).toBeGreaterThanOrEqual(3);
    expect(audit.edges).toEqual([{ node: { operation: 'applyToChallenge', outcome: 'OK' } }, { node: { operation: 'applyToChallenge', outcome: 'OK' } }]);
  });
});

describe('deprecation, not-found and enums', () => {
  it('marks each plain list deprecated, naming its connection', async () => {
    const res = ok(await app.gql('{ __type(name: "Query") { fields(includeDeprecated: true) { name isDeprecated deprecationReason } } }'), '__type');
    const byName = new Map((res.fields as Array<{ name: string; isDeprecated: boolean; deprecationReason: string | null }>).map((f) => [f.name, f]));
    for (const [old, replacement] of [
      ['notifications', 'notificationsConnection'],
      ['leads', 'leadsConnection'],
      ['recommendations', 'recommendationsConnection'],
      ['search', 'searchConnection'],
      ['serviceInstitutionRanking', 'serviceInstitutionRankingConnection'],
      ['enterprisesAtReviewRisk', 'enterprisesAtReviewRiskConnection'],
    ]) {
      expect(byName.get(old)).toMatchObject({ isDeprecated: true, deprecationReason: expect.stringContaining(`使用 ${replacement}`) });
      expect(byName.get(replacement)?.isDeprecated).toBe(false);
    }
  });

  it('challengeApplication answers null for an unknown id (not-found is null for single-object queries)', async () => {
    const res = await app.gql('query($id: ID!) { challengeApplication(id: $id) { id } }', { id: '00000000-0000-4000-8000-000000000000' }, anchor.token);
    expect(res.errors).toBeUndefined();
    expect(res.data!.challengeApplication).toBeNull();
  });

  it('AuditEntry.operation and outcome are enums; TierAssessment has ruleSetId beside ruleSet', async () => {
    const t = async (name: string) => ok(await app.gql('query($n: String!) { __type(name: $n) { fields { name type { kind name ofType { kind name } } } } }', { n: name }), '__type');
    const audit = await t('AuditEntry');
    const kindOf = (type: any, field: string) => {
      const f = type.fields.find((x: { name: string }) => x.name === field).type;
      const t = f.kind === 'NON_NULL' ? f.ofType : f;
      return { kind: t.kind, name: t.name };
    };
    expect(kindOf(audit, 'operation')).toEqual({ kind: 'ENUM', name: 'AuditOperation' });
    expect(kindOf(audit, 'outcome')).toEqual({ kind: 'ENUM', name: 'AuditOutcome' });
    // Notification.kindCode beside the kind string: the anchor was told of each application.
    const inbox = ok(await app.gql('{ notificationsConnection(first: 100) { edges { node { kind kindCode } } } }', {}, anchor.token), 'notificationsConnection');
    const submitted = inbox.edges.map((e: { node: unknown }) => e.node).filter((n: { kind: string }) => n.kind === 'challenge-application.submitted');
    expect(submitted).toHaveLength(3);
    expect(submitted.every((n: { kindCode: string }) => n.kindCode === 'CHALLENGE_APPLICATION_SUBMITTED')).toBe(true);
    const assessment = await t('TierAssessment');
    expect(kindOf(assessment, 'ruleSet')).toEqual({ kind: 'SCALAR', name: 'String' });
    expect(kindOf(assessment, 'ruleSetId')).toEqual({ kind: 'ENUM', name: 'RuleSetId' });
  });
});
