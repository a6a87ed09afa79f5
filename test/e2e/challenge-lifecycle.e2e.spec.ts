import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import {
  DECIDE,
  WITHDRAW,
  beijingDate,
  challengeInput,
  closeListing,
  createListing,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  sql,
  updateMutation,
  type Org,
} from '../helpers/listing-fixtures.js';

/**
 * 揭榜 done properly (issue 17 item 6, ADR 0028), through GraphQL: an applicant's consent to share
 * its profile with the anchor; an enterprise's own list of applications; edits of a published
 * challenge's terms told to its applicants and kept on its history; closing a challenge ends its
 * open applications (CLOSED_BY_OWNER) with a notice each, ACCEPTED ones staying.
 */

const APPLY = `mutation($i: ChallengeApplicationInput!) { applyToChallenge(input: $i) { id status shareProfile } }`;
const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { organization { id } financials { year revenue } } }`;
const MINE = `query($s: ApplicationStatus, $first: Int, $after: String) {
  myChallengeApplications(status: $s, first: $first, after: $after) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status shareProfile applicant { id } challenge { id } } } } }`;
const HISTORY = `query($id: ID!) { listing(id: $id) { id ... on Challenge { history { totalCount entries { kind status changedFields actorOrganization { id } } } } } }`;
const APPLICATION_TIMELINE = `query($id: ID!) { challengeApplication(id: $id) { id status timeline { entries { kind status } } } }`;
const NOTIFICATIONS = `{ notifications(first: 100) { kind title body target { __typename ... on Listing { id } ... on ChallengeApplication { id applicationStatus: status } } } }`;

interface Notice {
  kind: string;
  title: string;
  body: string;
  target: { __typename: string; id: string; applicationStatus?: string } | null;
}
interface HistoryEntry {
  kind: string;
  status: string | null;
  changedFields: string[] | null;
  actorOrganization: { id: string } | null;
}

describe('揭榜 lifecycle: consent, own list, edits, closure', () => {
  let app: TestApp;
  let authority: string;
  let anchor: Org;
  let otherAnchor: Org;
  /** f[0..3]: enterprises with a profile; f[4] has none. */
  const f: Org[] = [];

  const newChallenge = async (owner: Org = anchor, overrides: Record<string, unknown> = {}) => {
    const c = await createListing(app, owner.token, 'CHALLENGE', { overrides: challengeInput(overrides) });
    await publishListing(app, owner.token, c.id);
    return c.id;
  };
  const apply = async (firm: Org, challengeId: string, shareProfile?: boolean | null) =>
    ok<{ id: string; status: string; shareProfile: boolean }>(
      await app.gql(APPLY, { i: { challengeId, proposal: '自研方案，9 个月交付样机', quote: 1_000_000, ...(shareProfile === undefined ? {} : { shareProfile }) } }, firm.token),
      'applyToChallenge',
    );
  const profileCode = async (of: Org, reader: string) => {
    const res = await app.gql(PROFILE, { id: of.organizationId }, reader);
    if (res.errors) return res.errors[0]!.extensions?.code as string;
    return res.data!.enterpriseProfile ? 'READ' : 'NULL';
  };
  const notices = async (org: Org): Promise<Notice[]> => ok<Notice[]>(await app.gql(NOTIFICATIONS, {}, org.token), 'notifications');
  const history = async (challengeId: string, token: string) => {
    const res = await app.gql(HISTORY, { id: challengeId }, token);
    expect(res.errors).toBeUndefined();
    return res.data!.listing.history as { totalCount: number; entries: HistoryEntry[] } | null;
  };
  const statusOf = async (applicationId: string) => (await sql(app, 'SELECT status FROM challenge_applications WHERE id = $1', [applicationId]))[0]!.status as string;

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    otherAnchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    for (let i = 0; i < 5; i += 1) f.push(await registerOrg(app, 'ENTERPRISE', { verifyWith: authority }));
    for (const firm of f.slice(0, 4)) ok(await app.gql(UPSERT_PROFILE, { i: profileInput() }, firm.token), 'upsertEnterpriseProfile');
  });
  afterAll(async () => {
    await app?.close();
  });

  it('profile sharing: with consent the anchor reads the applicant’s profile; without it, after withdrawal, and for another anchor FORBIDDEN', async () => {
    const c = await newChallenge();
    const other = await newChallenge(otherAnchor);
    expect(await profileCode(f[0]!, anchor.token)).toBe('FORBIDDEN');
    const shared = await apply(f[0]!, c, true);
    expect(shared.shareProfile).toBe(true);
    const notShared = await apply(f[1]!, c); // omitted: no consent
    expect(notShared.shareProfile).toBe(false);
    const explicitNull = await apply(f[2]!, c, null); // null: no consent either
    expect(explicitNull.shareProfile).toBe(false);

    expect(await profileCode(f[0]!, anchor.token)).toBe('READ');
    expect(await profileCode(f[1]!, anchor.token)).toBe('FORBIDDEN');
    expect(await profileCode(f[2]!, anchor.token)).toBe('FORBIDDEN');
    // Another anchor never: not even one f[0] applied to without sharing.
    await apply(f[0]!, other, false);
    expect(await profileCode(f[0]!, otherAnchor.token)).toBe('FORBIDDEN');
    // The financials included.
    const profile = ok<{ financials: Array<{ year: number }> }>(await app.gql(PROFILE, { id: f[0]!.organizationId }, anchor.token), 'enterpriseProfile');
    expect(profile.financials.length).toBeGreaterThan(0);

    // The consent ends with the application.
    ok(await app.gql(WITHDRAW, { id: shared.id }, f[0]!.token), 'withdrawChallengeApplication');
    expect(await profileCode(f[0]!, anchor.token)).toBe('FORBIDDEN');
    // A new application with consent grants it again.
    await apply(f[0]!, c, true);
    expect(await profileCode(f[0]!, anchor.token)).toBe('READ');
    // shareProfile must be a boolean.
    const bad = await app.gql(APPLY, { i: { challengeId: c, proposal: '方案', shareProfile: 'yes' } }, f[3]!.token);
    expect(bad.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('myChallengeApplications: the caller’s own, newest first, paged and filtered; ENTERPRISE only', async () => {
    const firm = f[3]!;
    const ids: string[] = [];
    for (let i = 0; i < 3; i += 1) ids.push((await apply(firm, await newChallenge())).id);
    ok(await app.gql(WITHDRAW, { id: ids[1] }, firm.token), 'withdrawChallengeApplication');
    // Someone else's application to the same challenge never shows.
    const strangers = await apply(f[4]!, (await sql(app, 'SELECT challenge_id FROM challenge_applications WHERE id = $1', [ids[2]]))[0]!.challenge_id);

    const first = ok(await app.gql(MINE, { first: 2 }, firm.token), 'myChallengeApplications');
    expect(first.totalCount).toBe(3);
    expect(first.pageInfo.hasNextPage).toBe(true);
    expect(first.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[2], ids[1]]);
    const second = ok(await app.gql(MINE, { first: 2, after: first.pageInfo.endCursor }, firm.token), 'myChallengeApplications');
    expect(second.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[0]]);
    expect(second.pageInfo.hasNextPage).toBe(false);
    for (const e of [...first.edges, ...second.edges]) expect(e.node.applicant.id).toBe(firm.organizationId);

    const withdrawn = ok(await app.gql(MINE, { s: 'WITHDRAWN' }, firm.token), 'myChallengeApplications');
    expect(withdrawn.totalCount).toBe(1);
    expect(withdrawn.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([ids[1]]);
    const theirs = ok(await app.gql(MINE, {}, f[4]!.token), 'myChallengeApplications');
    expect(theirs.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([strangers.id]);

    expect((await app.gql(MINE, {}, anchor.token)).errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    expect((await app.gql(MINE, {})).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    const tooMany = (await app.gql(MINE, { first: 101 }, firm.token)).errors?.[0];
    expect(tooMany?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'first' });
    expect((await app.gql(MINE, { after: 'not-a-cursor' }, firm.token)).errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('editing a published challenge’s budget, deadline or indicators tells its live applicants (old → new) and is on its history', async () => {
    const base = { title: '高温密封件国产化（变更测试）', budget: 2_000_000, applyBy: beijingDate(30), completionDeadline: beijingDate(400), indicators: ['工作压力 ≥ 25 MPa', '泄漏率 ≤ 1×10⁻⁵ Pa·m³/s'] };
    const c = await newChallenge(anchor, base);
    const [a0, a1, a2] = [await apply(f[0]!, c), await apply(f[1]!, c), await apply(f[2]!, c)];
    ok(await app.gql(DECIDE, { id: a1.id, d: 'SHORTLIST' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(WITHDRAW, { id: a2.id }, f[2]!.token), 'withdrawChallengeApplication');
    const edit = (overrides: Record<string, unknown>) => app.gql(updateMutation('CHALLENGE'), { id: c, i: challengeInput({ ...base, ...overrides }) }, anchor.token);
    ok(await edit({ description: '只改描述，条款不变。' }), 'updateChallenge');
    const newApplyBy = beijingDate(45);
    ok(await edit({ budget: 2_500_000, applyBy: newApplyBy, indicators: ['工作压力 ≥ 30 MPa', '泄漏率 ≤ 1×10⁻⁵ Pa·m³/s'] }), 'updateChallenge');
    // An indicator longer than 200 characters is refused before anything is written.
    const long = (await edit({ indicators: ['长'.repeat(201)] })).errors?.[0];
    expect(long?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.indicators[0]' });
    await app.drain();

    for (const firm of [f[0]!, f[1]!]) {
      const changed = (await notices(firm)).filter((n) => n.kind === 'challenge.terms-changed' && n.target?.id === c);
      expect(changed).toHaveLength(1); // the description-only edit told nobody
      expect(changed[0]!.body).toContain('榜单金额：2,000,000 元 → 2,500,000 元');
      const [y, m, d] = newApplyBy.split('-');
      expect(changed[0]!.body).toContain(`→ ${y}年${Number(m)}月${Number(d)}日`);
      expect(changed[0]!.body).toContain('量化指标：「工作压力 ≥ 25 MPa」「泄漏率 ≤ 1×10⁻⁵ Pa·m³/s」 → 「工作压力 ≥ 30 MPa」「泄漏率 ≤ 1×10⁻⁵ Pa·m³/s」');
    }
    expect((await notices(f[2]!)).filter((n) => n.kind === 'challenge.terms-changed' && n.target?.id === c)).toHaveLength(0);

    // The history: published, then one EDITED step naming the changed fields (the description-only edit is not a term change).
    const owner = await history(c, anchor.token);
    expect(owner!.entries.map((e) => e.kind)).toEqual(['STATUS_CHANGED', 'EDITED']);
    expect(owner!.entries[1]).toMatchObject({ status: 'PUBLISHED', changedFields: ['budget', 'applyBy', 'indicators'], actorOrganization: { id: anchor.organizationId } });
    expect(owner!.entries[0]!.changedFields).toBeNull();
    // Who reads it: the owner, the AUTHORITY, applicants (a withdrawn one too); not another anchor or an enterprise that never applied.
    expect(await history(c, authority)).toEqual(owner);
    expect(await history(c, f[0]!.token)).toEqual(owner);
    expect(await history(c, f[2]!.token)).toEqual(owner);
    expect(await history(c, otherAnchor.token)).toBeNull();
    expect(await history(c, f[3]!.token)).toBeNull();
    expect(a0.status).toBe('SUBMITTED');
  });

  it('closing a challenge ends its open applications (CLOSED_BY_OWNER) with a notice and a CLOSED step each; ACCEPTED stays; applying again after republishing', async () => {
    const c = await newChallenge(anchor, { title: '谐波减速器（关闭测试）' });
    // f[3]'s only consent to this anchor is this application (f[0] still shares through the first test's).
    const submitted = await apply(f[3]!, c, true);
    const shortlisted = await apply(f[1]!, c);
    const accepted = await apply(f[2]!, c);
    const withdrawn = await apply(f[0]!, c);
    ok(await app.gql(DECIDE, { id: shortlisted.id, d: 'SHORTLIST' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(DECIDE, { id: accepted.id, d: 'ACCEPT' }, anchor.token), 'decideChallengeApplication');
    ok(await app.gql(WITHDRAW, { id: withdrawn.id }, f[0]!.token), 'withdrawChallengeApplication');
    expect(await profileCode(f[3]!, anchor.token)).toBe('READ');

    await closeListing(app, anchor.token, c);
    await app.drain();
    expect(await statusOf(submitted.id)).toBe('CLOSED_BY_OWNER');
    expect(await statusOf(shortlisted.id)).toBe('CLOSED_BY_OWNER');
    expect(await statusOf(accepted.id)).toBe('ACCEPTED');
    expect(await statusOf(withdrawn.id)).toBe('WITHDRAWN');

    for (const [firm, application] of [[f[3]!, submitted], [f[1]!, shortlisted]] as const) {
      const closed = (await notices(firm)).filter((n) => n.kind === 'challenge.closed' && n.target?.id === application.id);
      expect(closed).toHaveLength(1);
      expect(closed[0]).toMatchObject({ title: '揭榜榜单已关闭：谐波减速器（关闭测试）', target: { __typename: 'ChallengeApplication', applicationStatus: 'CLOSED_BY_OWNER' } });
      expect(closed[0]!.body).toContain('发榜企业已关闭');
      const timeline = ok(await app.gql(APPLICATION_TIMELINE, { id: application.id }, firm.token), 'challengeApplication');
      expect(timeline.timeline.entries.at(-1)).toEqual({ kind: 'CLOSED', status: 'CLOSED_BY_OWNER' });
    }
    // The accepted applicant hears the challenge closed (its application stays ACCEPTED); the withdrawn one nothing.
    const acceptedNotices = (await notices(f[2]!)).filter((n) => n.kind === 'challenge.closed');
    expect(acceptedNotices.map((n) => n.target?.id)).toEqual([c]);
    expect((await notices(f[0]!)).filter((n) => n.kind === 'challenge.closed' && [c, withdrawn.id].includes(n.target?.id ?? ''))).toHaveLength(0);
    const steps = (await history(c, anchor.token))!.entries;
    expect(steps.at(-1)).toMatchObject({ kind: 'CLOSED', status: 'CLOSED', actorOrganization: { id: anchor.organizationId } });

    // The consent ended with the application; a closed application can no longer be withdrawn or decided.
    expect(await profileCode(f[3]!, anchor.token)).toBe('FORBIDDEN');
    expect((await app.gql(WITHDRAW, { id: submitted.id }, f[3]!.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    expect((await app.gql(DECIDE, { id: shortlisted.id, d: 'SHORTLIST' }, anchor.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
    const mine = ok(await app.gql(MINE, { s: 'CLOSED_BY_OWNER' }, f[3]!.token), 'myChallengeApplications');
    expect(mine.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([submitted.id]);

    // Closing again changes nothing; republished, the challenge takes a new application from the firm whose application was closed.
    await closeListing(app, anchor.token, c);
    expect((await history(c, anchor.token))!.totalCount).toBe(steps.length);
    await publishListing(app, anchor.token, c);
    const again = await apply(f[3]!, c);
    expect(again.status).toBe('SUBMITTED');
    expect(await statusOf(submitted.id)).toBe('CLOSED_BY_OWNER');
  });

  it('a challenge taken down by the AUTHORITY, or closed by its owner’s revocation, ends its open applications the same way', async () => {
    const takenDown = await newChallenge(anchor, { title: '被下架的榜单（关闭测试）' });
    const a = await apply(f[0]!, takenDown);
    await closeListing(app, authority, takenDown, '榜单内容涉嫌虚假宣传');
    const revokedAnchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    const ofRevoked = await newChallenge(revokedAnchor, { title: '资质撤销的发榜方（关闭测试）' });
    const b = await apply(f[1]!, ofRevoked);
    ok(await app.gql(`mutation($id: ID!, $reason: String!) { revokeVerification(id: $id, reason: $reason) { id } }`, { id: revokedAnchor.organizationId, reason: '虚假材料' }, authority), 'revokeVerification');
    await app.drain();
    for (const [firm, application, challengeId] of [[f[0]!, a, takenDown], [f[1]!, b, ofRevoked]] as const) {
      expect(await statusOf(application.id)).toBe('CLOSED_BY_OWNER');
      const closed = (await notices(firm)).filter((n) => n.kind === 'challenge.closed' && n.target?.id === application.id);
      expect(closed).toHaveLength(1);
      expect(closed[0]!.body).toContain('已被主管部门下架');
      expect(closed[0]!.body).not.toMatch(/虚假/); // the reason is the owner's business
      const events = await sql(app, `SELECT payload FROM outbox_events WHERE type = 'challenge-application.closed' AND aggregate_id = $1`, [application.id]);
      expect(events.map((e) => e.payload.cause)).toEqual(['CHALLENGE_TAKEN_DOWN']);
      expect((await history(challengeId, authority))!.entries.at(-1)).toMatchObject({ kind: 'CLOSED', status: 'CLOSED' });
    }
  });
});
