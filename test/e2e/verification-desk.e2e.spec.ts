import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  APPLY,
  DECIDE,
  PUBLISH,
  REQUEST_MATCH,
  RESPOND,
  createListing,
  loginAuthority,
  matchRequestStatus,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  usccTag,
  type Org,
} from '../helpers/listing-fixtures.js';

/**
 * The verification desk over HTTP: the AUTHORITY finds organizations waiting for review, asks for
 * information, rejects, verifies and revokes; organizations resubmit; every decision is told to
 * the organization with its reason; revocation closes listings and cancels open match requests.
 */

const VERIFICATION = 'verification { state reason decidedAt decidedBy { displayName organizationName } }';
const ORG_FIELDS = `id name kind regionCode verified verifiedAt ${VERIFICATION}`;
const DESK = `query($filter: OrganizationFilter, $first: Int, $after: String) {
  organizations(filter: $filter, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { ${ORG_FIELDS} claimConflict { uscc importedName importCount } } }
  }
}`;
const ORGANIZATION = `query($id: ID!) { organization(id: $id) { ${ORG_FIELDS} verificationHistory { fromState toState reason } } }`;
const VERIFY = `mutation($id: ID!) { verifyOrganization(id: $id) { ${ORG_FIELDS} } }`;
const REJECT = `mutation($id: ID!, $reason: String!) { rejectOrganization(id: $id, reason: $reason) { ${ORG_FIELDS} } }`;
const REQUEST_INFO = `mutation($id: ID!, $message: String!) { requestOrganizationInfo(id: $id, message: $message) { ${ORG_FIELDS} } }`;
const REVOKE = `mutation($id: ID!, $reason: String!) { revokeVerification(id: $id, reason: $reason) { ${ORG_FIELDS} } }`;
const RESUBMIT = `mutation($i: ResubmitOrganizationInput!) { resubmitOrganization(input: $i) { ${ORG_FIELDS} } }`;
const NOTIFICATIONS = `{ notifications(first: 50) { kind title body } }`;
const SEARCH = `query($i: SearchInput!) { search(input: $i) { total hits { listing { id } } } }`;

const UNKNOWN_ID = '00000000-0000-4000-8000-000000000abc';

function expectError(res: GraphQLResponse, code: string, field?: string) {
  expect(res.errors).toHaveLength(1);
  const error = res.errors![0]!;
  expect(error.extensions?.code).toBe(code);
  if (field) expect(error.extensions?.field).toBe(field);
  expect(res.data ?? null).toBeNull();
  return error;
}

describe('verification desk over GraphQL', () => {
  let app: TestApp;
  let authority: string;
  const notificationsOf = async (token: string) => ok<Array<{ kind: string; title: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, token), 'notifications');
  const desk = async (filter: Record<string, unknown>, first = 20) =>
    ok<{ totalCount: number; edges: Array<{ node: Record<string, unknown> & { id: string } }> }>(await app.gql(DESK, { filter, first }, authority), 'organizations');
  /** Everything a refused decision could have written. */
  const snapshot = async () =>
    (
      await sql(
        app,
        `SELECT (SELECT md5(string_agg(o::text, '|' ORDER BY o.id)) FROM organizations o) AS orgs,
                (SELECT count(*)::int FROM organization_verification_decisions) AS decisions,
                (SELECT count(*)::int FROM outbox_events WHERE type NOT IN ('enterprise-assessment.changed', 'notification.created')) AS events,
                (SELECT md5(string_agg(l::text, '|' ORDER BY l.id)) FROM listings l) AS listings,
                (SELECT md5(string_agg(r::text, '|' ORDER BY r.id)) FROM match_requests r) AS requests`,
      )
    )[0];

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
  });

  afterAll(async () => {
    await app?.close();
  });

  it('register → PENDING on the desk → NEEDS_INFO → resubmitted → PENDING → VERIFIED, each told to the right side', async () => {
    const firm = await registerOrg(app, 'ENTERPRISE', { regionCode: '330281' });
    const [{ uscc, name }] = await sql(app, 'SELECT uscc, name FROM organizations WHERE id = $1', [firm.organizationId]);

    // Found by kind + state + region (a city code takes in its counties) + a name substring, and by a USCC substring.
    const pending = await desk({ kinds: ['ENTERPRISE'], verification: ['PENDING'], regionCodes: ['330200'], query: name.slice(5, 15) });
    expect(pending.totalCount).toBe(1);
    expect(pending.edges[0]!.node).toMatchObject({ id: firm.organizationId, verified: false, verification: { state: 'PENDING', reason: null, decidedAt: null, decidedBy: null } });
    expect((await desk({ query: uscc.slice(4, 16).toLowerCase() })).edges.map((e) => e.node.id)).toEqual([firm.organizationId]);
    expect((await desk({ query: name.slice(5, 15), kinds: ['BANK'] })).totalCount).toBe(0);
    expect((await desk({ query: name.slice(5, 15), regionCodes: ['330100'] })).totalCount).toBe(0);
    expect((await desk({ query: name.slice(5, 15), verification: ['VERIFIED'] })).totalCount).toBe(0);
    // LIKE wildcards are text: '%' matches only names containing '%'.
    expect((await desk({ query: '%' })).totalCount).toBe(0);
    expect((await desk({ query: '_' })).totalCount).toBe(0);

    const message = '请补充营业执照副本扫描件，并说明实际经营地址';
    const asked = ok(await app.gql(REQUEST_INFO, { id: firm.organizationId, message }, authority), 'requestOrganizationInfo');
    expect(asked).toMatchObject({ verified: false, verification: { state: 'NEEDS_INFO', reason: message, decidedBy: { displayName: expect.any(String), organizationName: expect.any(String) } } });
    expect((await desk({ verification: ['NEEDS_INFO'], query: name.slice(5, 15) })).totalCount).toBe(1);

    // The organization sees the reason and the deciding organization, not the official's name; another organization sees neither.
    const own = ok(await app.gql(ORGANIZATION, { id: firm.organizationId }, firm.token), 'organization');
    expect(own.verification).toMatchObject({ state: 'NEEDS_INFO', reason: message, decidedBy: { displayName: null, organizationName: expect.any(String) } });
    const stranger = await registerOrg(app, 'BANK');
    const seen = ok(await app.gql(ORGANIZATION, { id: firm.organizationId }, stranger.token), 'organization');
    expect(seen.verification).toMatchObject({ state: 'NEEDS_INFO', reason: null, decidedBy: null });
    expect(seen.verificationHistory).toEqual([]);

    await app.drain();
    expect(await notificationsOf(firm.token)).toContainEqual({ kind: 'organization.needs-info', title: '机构审核需补充材料', body: expect.stringContaining(message) });

    const corrected = `${name}（已更正）`;
    const note = '已上传营业执照副本，经营地址与注册地址一致';
    const resubmitted = ok(await app.gql(RESUBMIT, { i: { name: corrected, note } }, firm.token), 'resubmitOrganization');
    expect(resubmitted).toMatchObject({ name: corrected, verified: false, verification: { state: 'PENDING', reason: note } });
    await app.drain();
    const authorityInbox = await notificationsOf(authority);
    expect(authorityInbox).toContainEqual({ kind: 'organization.resubmitted', title: `机构重新提交审核：${corrected}`, body: expect.stringContaining(note) });

    const verified = ok(await app.gql(VERIFY, { id: firm.organizationId }, authority), 'verifyOrganization');
    expect(verified).toMatchObject({ verified: true, verifiedAt: expect.any(String), verification: { state: 'VERIFIED', reason: null } });
    await app.drain();
    const inbox = await notificationsOf(firm.token);
    const notice = inbox.find((n) => n.kind === 'organization.verified')!;
    // An enterprise asks for matches and applies to challenges; it does not publish.
    expect(notice.body).toContain('申请对接');
    expect(notice.body).toContain('揭榜');
    expect(notice.body).not.toContain('发布');

    const history = ok(await app.gql(ORGANIZATION, { id: firm.organizationId }, authority), 'organization').verificationHistory;
    expect(history).toEqual([
      { fromState: 'PENDING', toState: 'VERIFIED', reason: null },
      { fromState: 'NEEDS_INFO', toState: 'PENDING', reason: note },
      { fromState: 'PENDING', toState: 'NEEDS_INFO', reason: message },
    ]);
    // Every decision is in the audit log, with who and on which organization.
    const audited = await sql(app, `SELECT operation, outcome FROM audit_log WHERE target_id = $1 ORDER BY id`, [firm.organizationId]);
    expect(audited).toEqual(
      expect.arrayContaining([
        { operation: 'requestOrganizationInfo', outcome: 'OK' },
        { operation: 'resubmitOrganization', outcome: 'OK' },
        { operation: 'verifyOrganization', outcome: 'OK' },
      ]),
    );
    const [row] = await sql(app, 'SELECT verified, verification_state, verification_version FROM organizations WHERE id = $1', [firm.organizationId]);
    expect(row).toEqual({ verified: true, verification_state: 'VERIFIED', verification_version: 3 });
  });

  it('register answers with the new organization PENDING (no reason, no decider)', async () => {
    const tag = usccTag();
    const res = await app.gql(
      `mutation($i: RegisterInput!) { register(input: $i) { user { organization { verified ${VERIFICATION} } } } }`,
      { i: { email: `desk-${tag.toLowerCase()}@desk.test`, password: 'desk-password-1', displayName: '测试', organization: { kind: 'PARK_OPERATOR', name: `测试园区运营${tag}`, uscc: makeUscc('91', '330281', tag), regionCode: '330281' } } },
    );
    expect(ok(res, 'register').user.organization).toEqual({ verified: false, verification: { state: 'PENDING', reason: null, decidedAt: null, decidedBy: null } });
  });

  it('reject → resubmit → verify; the bank is told it may now publish credit products', async () => {
    const bank = await registerOrg(app, 'BANK');
    const reason = '统一社会信用代码与营业执照不一致';
    const rejected = ok(await app.gql(REJECT, { id: bank.organizationId, reason }, authority), 'rejectOrganization');
    expect(rejected.verification).toMatchObject({ state: 'REJECTED', reason });
    // Rejected is not verified: a decision needs a resubmission first.
    const before = await snapshot();
    expectError(await app.gql(VERIFY, { id: bank.organizationId }, authority), 'CONFLICT');
    expectError(await app.gql(REJECT, { id: bank.organizationId, reason }, authority), 'CONFLICT');
    expect(await snapshot()).toEqual(before);

    ok(await app.gql(RESUBMIT, { i: {} }, bank.token), 'resubmitOrganization');
    const verified = ok(await app.gql(VERIFY, { id: bank.organizationId }, authority), 'verifyOrganization');
    expect(verified.verification.state).toBe('VERIFIED');
    await app.drain();
    const inbox = await notificationsOf(bank.token);
    expect(inbox).toContainEqual({ kind: 'organization.rejected', title: '机构审核未通过', body: expect.stringContaining(reason) });
    expect(inbox.find((n) => n.kind === 'organization.verified')!.body).toContain('发布金融产品');
  });

  it('revoke closes the published listings (gone from search), cancels open match requests on both sides and tells everyone why', async () => {
    const provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    const otherProvider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    const enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    const asker = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });

    const tag = usccTag();
    const published = await createListing(app, provider.token, 'SERVICE_OFFERING', { overrides: { title: `撤销测试服务 ${tag}` } });
    await publishListing(app, provider.token, published.id);
    const draft = await createListing(app, provider.token, 'SERVICE_OFFERING');
    const elsewhere = await createListing(app, otherProvider.token, 'SERVICE_OFFERING');
    await publishListing(app, otherProvider.token, elsewhere.id);

    const pending = await requestMatch(app, asker.token, published.id); // the revoked org owns the listing
    const accepted = await requestMatch(app, enterprise.token, elsewhere.id); // the revoked org will be the enterprise
    ok(await app.gql(RESPOND, { id: accepted, accept: true }, otherProvider.token), 'respondToMatchRequest');
    await app.drain();
    const found = async () => ok<{ hits: Array<{ listing: { id: string } }> }>(await app.gql(SEARCH, { i: { query: tag } }, asker.token), 'search').hits.map((h) => h.listing.id);
    expect(await found()).toEqual([published.id]);

    const reason = '经核查，该机构提供虚假资质材料';
    const revoked = ok(await app.gql(REVOKE, { id: provider.organizationId, reason }, authority), 'revokeVerification');
    expect(revoked).toMatchObject({ verified: false, verifiedAt: null, verification: { state: 'REVOKED', reason } });
    const [listing] = await sql(app, 'SELECT status, closed_reason FROM listings WHERE id = $1', [published.id]);
    expect(listing.status).toBe('CLOSED');
    expect(listing.closed_reason).toContain(reason);
    expect((await sql(app, 'SELECT status FROM listings WHERE id = $1', [draft.id]))[0].status).toBe('DRAFT');
    expect(await matchRequestStatus(app, pending)).toBe('CANCELLED');

    ok(await app.gql(REVOKE, { id: enterprise.organizationId, reason: '企业已注销' }, authority), 'revokeVerification');
    expect(await matchRequestStatus(app, accepted)).toBe('CANCELLED');

    await app.drain();
    expect(await found()).toEqual([]);
    // Publishing stops: the draft cannot go out, nor can the closed listing come back.
    const before = await snapshot();
    expectError(await app.gql(PUBLISH, { id: draft.id }, provider.token), 'FORBIDDEN');
    expectError(await app.gql(PUBLISH, { id: published.id }, provider.token), 'FORBIDDEN');
    // A revoked enterprise asks for no new matches.
    const refused = expectError(await app.gql(REQUEST_MATCH, { i: { listingId: elsewhere.id, shareProfile: false } }, enterprise.token), 'FORBIDDEN');
    expect(refused.message).toContain('撤销');
    // Revoking twice is a conflict and writes nothing.
    expectError(await app.gql(REVOKE, { id: provider.organizationId, reason }, authority), 'CONFLICT');
    expect(await snapshot()).toEqual(before);

    const providerInbox = await notificationsOf(provider.token);
    expect(providerInbox).toContainEqual({ kind: 'organization.verification-revoked', title: '机构资质已被撤销', body: expect.stringContaining(reason) });
    expect(providerInbox.find((n) => n.kind === 'organization.verification-revoked')!.body).toContain('下架');
    expect(await notificationsOf(asker.token)).toContainEqual({ kind: 'match-request.cancelled', title: expect.any(String), body: expect.stringContaining('机构资质被主管部门撤销') });
    expect(await notificationsOf(otherProvider.token)).toContainEqual({ kind: 'match-request.cancelled', title: expect.any(String), body: expect.stringContaining('机构资质被主管部门撤销') });
    const events = await sql(app, `SELECT payload FROM outbox_events WHERE type = 'match-request.cancelled' AND aggregate_id = ANY($1)`, [[pending, accepted]]);
    expect(events.map((e) => e.payload.revokedOrganizationId).sort()).toEqual([provider.organizationId, enterprise.organizationId].sort());
    // Events carry ids and state, never the reason.
    const decided = await sql(app, `SELECT payload FROM outbox_events WHERE type = 'organization.verification-decided' AND aggregate_id = $1`, [provider.organizationId]);
    expect(decided).toHaveLength(1);
    expect(decided[0].payload).toEqual({ organizationId: provider.organizationId, decisionId: expect.any(String), state: 'REVOKED', version: 2 });
    expect(JSON.stringify(decided[0].payload)).not.toContain(reason);

    // A revoked organization may resubmit; once verified again it may publish its draft.
    ok(await app.gql(RESUBMIT, { i: { note: '已补正资质材料' } }, provider.token), 'resubmitOrganization');
    ok(await app.gql(VERIFY, { id: provider.organizationId }, authority), 'verifyOrganization');
    await publishListing(app, provider.token, draft.id);
  });

  it('revoking an enterprise withdraws its SUBMITTED and SHORTLISTED 揭榜 applications (the anchor is told why); ACCEPTED ones stay', async () => {
    const anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    const firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    const challenges = [];
    for (let i = 0; i < 3; i += 1) {
      const c = await createListing(app, anchor.token, 'CHALLENGE');
      await publishListing(app, anchor.token, c.id);
      challenges.push(c.id);
    }
    const apply = async (challengeId: string) => ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId, proposal: '产学研联合攻关，12 个月交付样机。' } }, firm.token), 'applyToChallenge').id;
    const submitted = await apply(challenges[0]!);
    const shortlisted = await apply(challenges[1]!);
    const accepted = await apply(challenges[2]!);
    ok(await app.gql(DECIDE, { id: shortlisted, d: 'SHORTLIST' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(DECIDE, { id: accepted, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
    await app.drain();
    const statusOf = async (id: string) => (await sql(app, 'SELECT status FROM challenge_applications WHERE id = $1', [id]))[0].status;

    ok(await app.gql(REVOKE, { id: firm.organizationId, reason: '企业已被列入经营异常名录' }, authority), 'revokeVerification');
    expect([await statusOf(submitted), await statusOf(shortlisted), await statusOf(accepted)]).toEqual(['WITHDRAWN', 'WITHDRAWN', 'ACCEPTED']);
    // The same transition as the applicant's own withdrawal: one event each, naming the cause.
    const events = await sql(app, `SELECT aggregate_id, payload FROM outbox_events WHERE type = 'challenge-application.withdrawn' AND aggregate_id = ANY($1)`, [[submitted, shortlisted, accepted]]);
    expect(events.map((e) => e.aggregate_id).sort()).toEqual([submitted, shortlisted].sort());
    expect(events.every((e) => e.payload.cause === 'ORGANIZATION_REVOKED' && e.payload.status === 'WITHDRAWN')).toBe(true);
    await app.drain();
    const withdrawnNotices = (await notificationsOf(anchor.token)).filter((n) => n.kind === 'challenge-application.withdrawn');
    expect(withdrawnNotices).toHaveLength(2);
    for (const n of withdrawnNotices) expect(n.body).toContain('资质已被主管部门撤销');
  });

  describe('refusals: exact codes, nothing written', () => {
    let enterprise: Org;
    let verifiedBank: Org;

    beforeAll(async () => {
      enterprise = await registerOrg(app, 'ENTERPRISE');
      verifiedBank = await registerOrg(app, 'BANK', { verifyWith: authority });
    });

    const decisions = (id: () => string, text: string) =>
      [
        ['rejectOrganization', REJECT, () => ({ id: id(), reason: text }), 'reason'],
        ['requestOrganizationInfo', REQUEST_INFO, () => ({ id: id(), message: text }), 'message'],
        ['revokeVerification', REVOKE, () => ({ id: id(), reason: text }), 'reason'],
      ] as const;

    it.each(['ENTERPRISE', 'BANK'] as const)('a %s may not decide (FORBIDDEN), nor read the desk', async (kind) => {
      const caller = kind === 'ENTERPRISE' ? enterprise : verifiedBank;
      const before = await snapshot();
      for (const [, query, vars] of decisions(() => enterprise.organizationId, '原因')) expectError(await app.gql(query, vars(), caller.token), 'FORBIDDEN');
      expectError(await app.gql(VERIFY, { id: enterprise.organizationId }, caller.token), 'FORBIDDEN');
      expectError(await app.gql(DESK, { filter: {} }, caller.token), 'FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it('anonymous callers are UNAUTHENTICATED', async () => {
      for (const [, query, vars] of decisions(() => enterprise.organizationId, '原因')) expectError(await app.gql(query, vars()), 'UNAUTHENTICATED');
      expectError(await app.gql(RESUBMIT, { i: {} }), 'UNAUTHENTICATED');
      expectError(await app.gql(DESK, { filter: {} }), 'UNAUTHENTICATED');
    });

    it('an unknown id is NOT_FOUND, a malformed one BAD_USER_INPUT', async () => {
      const before = await snapshot();
      for (const [, query, vars] of decisions(() => UNKNOWN_ID, '原因')) expectError(await app.gql(query, vars(), authority), 'NOT_FOUND');
      for (const [, query, vars] of decisions(() => 'not-an-id', '原因')) expectError(await app.gql(query, vars(), authority), 'BAD_USER_INPUT', 'id');
      expect(await snapshot()).toEqual(before);
    });

    it.each([
      ['empty', '   '],
      ['too long (501 characters)', '因'.repeat(501)],
    ])('a reason that is %s is BAD_USER_INPUT naming the argument', async (_what, text) => {
      const before = await snapshot();
      for (const [, query, vars, field] of decisions(() => verifiedBank.organizationId, text)) expectError(await app.gql(query, vars(), authority), 'BAD_USER_INPUT', field);
      expectError(await app.gql(RESUBMIT, { i: { note: '因'.repeat(501) } }, enterprise.token), 'BAD_USER_INPUT', 'input.note');
      expect(await snapshot()).toEqual(before);
    });

    it('resubmitting a VERIFIED or PENDING organization is CONFLICT; bad corrections are BAD_USER_INPUT; the AUTHORITY cannot resubmit', async () => {
      const before = await snapshot();
      expectError(await app.gql(RESUBMIT, { i: { note: '再次提交' } }, verifiedBank.token), 'CONFLICT');
      expectError(await app.gql(RESUBMIT, { i: {} }, enterprise.token), 'CONFLICT');
      expectError(await app.gql(RESUBMIT, { i: { name: 'x' } }, enterprise.token), 'BAD_USER_INPUT', 'input.name');
      expectError(await app.gql(RESUBMIT, { i: { regionCode: '12' } }, enterprise.token), 'BAD_USER_INPUT', 'input.regionCode');
      expectError(await app.gql(RESUBMIT, { i: {} }, authority), 'FORBIDDEN');
      expect(await snapshot()).toEqual(before);
    });

    it('wrong-state decisions are CONFLICT: revoking a PENDING one, asking a VERIFIED one for information', async () => {
      const before = await snapshot();
      expectError(await app.gql(REVOKE, { id: enterprise.organizationId, reason: '原因' }, authority), 'CONFLICT');
      expectError(await app.gql(REQUEST_INFO, { id: verifiedBank.organizationId, message: '原因' }, authority), 'CONFLICT');
      expectError(await app.gql(REJECT, { id: verifiedBank.organizationId, reason: '原因' }, authority), 'CONFLICT');
      expect(await snapshot()).toEqual(before);
    });

    it('desk arguments are bounded', async () => {
      expectError(await app.gql(DESK, { filter: { query: '宁'.repeat(101) } }, authority), 'BAD_USER_INPUT', 'filter.query');
      expectError(await app.gql(DESK, { filter: { regionCodes: ['33'] } }, authority), 'BAD_USER_INPUT', 'filter.regionCodes[0]');
      expectError(await app.gql(DESK, { filter: {}, first: 101 }, authority), 'BAD_USER_INPUT', 'first');
      expectError(await app.gql(DESK, { filter: {}, after: 'garbage' }, authority), 'BAD_USER_INPUT', 'after');
    });

    it('pages newest first with a stable cursor', async () => {
      const first = ok(await app.gql(DESK, { filter: { kinds: ['ENTERPRISE', 'BANK'] }, first: 2 }, authority), 'organizations');
      expect(first.edges).toHaveLength(2);
      expect(first.pageInfo.hasNextPage).toBe(true);
      const next = ok(await app.gql(DESK, { filter: { kinds: ['ENTERPRISE', 'BANK'] }, first: 2, after: first.pageInfo.endCursor }, authority), 'organizations');
      expect(next.totalCount).toBe(first.totalCount);
      const ids = [...first.edges, ...next.edges].map((e: { node: { id: string } }) => e.node.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(first.edges[0].node.id).toBe(verifiedBank.organizationId); // registered last
    });
  });
});
