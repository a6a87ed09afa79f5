import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NOTIFICATION_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { WsSubscriber, listening as listenOn, wsUrl } from '../helpers/ws-subscriber.js';
import { countQueries, seedListingLoad, type QueryCounter } from '../bench/listing-load.js';
import {
  APPLY,
  DECIDE,
  RESPOND,
  WITHDRAW,
  beijingDate,
  challengeInput,
  closeListing,
  createListing,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  updateMutation,
  type Org,
} from '../helpers/listing-fixtures.js';

/**
 * Notifications people can work with (issue 13, item 9): per-user read state, unread count,
 * marking read, the Relay connection, the `target` union with the caller's read access, the
 * `notificationAdded` subscription, and the 下架 / challenge change and close notices.
 */

const NOTIFICATION_FIELDS = `id kind title body createdAt read readAt
  target { __typename ... on Listing { id title } ... on MatchRequest { id status } ... on ChallengeApplication { id applicationStatus: status } ... on Organization { id name } }`;
const LIST = `query($first: Int!) { notifications(first: $first) { ${NOTIFICATION_FIELDS} } }`;
const CONNECTION = `query($first: Int, $after: String, $unreadOnly: Boolean) {
  notificationsConnection(first: $first, after: $after, unreadOnly: $unreadOnly) {
    totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id kind read } } } }`;
const UNREAD = `{ unreadCount }`;
const MARK = `mutation($ids: [ID!]!) { markNotificationsRead(ids: $ids) }`;
const MARK_ALL = `mutation { markAllNotificationsRead }`;

interface Notice {
  id: string;
  kind: string;
  title: string;
  body: string;
  read: boolean;
  readAt: string | null;
  target: ({ __typename: string; id: string } & Record<string, unknown>) | null;
}

/** One websocket connection holding `count` notificationAdded subscriptions. */
class Subscriber extends WsSubscriber<Notice> {
  constructor(url: string, token: string, count = 1) {
    super(url, { authorization: `Bearer ${token}` }, `subscription { notificationAdded { ${NOTIFICATION_FIELDS} } }`, 'notificationAdded', count);
  }

  get added(): Notice[] {
    return this.received;
  }
}

const listening = (app: TestApp, n: number) => listenOn(app, NOTIFICATION_ADDED, n);

describe('notifications: read state, unread count, connection, target, live feed, new notices', () => {
  let app: TestApp;
  let authority: string;
  let anchor: Org;
  let bank: Org;
  let e1: Org;
  let e2: Org;
  let e3: Org;
  let stranger: Org;
  /** A second user of the anchor's organization (members arrive with another part of issue 13; inserted here). */
  let colleague: string;
  let challengeId: string;
  const applications: Record<string, string> = {};

  const list = async (token: string, first = 100): Promise<Notice[]> => ok(await app.gql(LIST, { first }, token), 'notifications');
  const unread = async (token: string): Promise<number> => ok(await app.gql(UNREAD, {}, token), 'unreadCount');
  const readRows = async (): Promise<number> => (await sql(app, 'SELECT count(*)::int AS n FROM notification_reads'))[0].n;
  const apply = async (org: Org, quote?: number) =>
    ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId, proposal: '联合攻关，9 个月交付样机。', quote } }, org.token), 'applyToChallenge').id;

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    // The requesters are verified (issue 24); the stranger stays unverified, so the AUTHORITY gets its pending-review notice.
    [e1, e2, e3] = await Promise.all([1, 2, 3].map(() => registerOrg(app, 'ENTERPRISE', { verifyWith: authority })));
    stranger = await registerOrg(app, 'ENTERPRISE');
    await app.drain(); // its pending-review notice is written while it is unverified; then it is verified to apply
    ok(await app.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: stranger.organizationId }, authority), 'verifyOrganization');
    const challenge = await createListing(app, anchor.token, 'CHALLENGE', { overrides: challengeInput({ title: '谐波减速器国产化攻关（通知测试）', budget: 3_000_000, applyBy: beijingDate(30), completionDeadline: beijingDate(400) }) });
    challengeId = challenge.id;
    await publishListing(app, anchor.token, challengeId);
    applications.e1 = await apply(e1, 2_000_000);
    applications.e2 = await apply(e2);
    await app.drain();
    // A colleague in the anchor's organization, with the same password.
    const email = `colleague-${anchor.userId.slice(0, 8)}@notify.test`;
    await sql(app, `INSERT INTO users (email, password_hash, display_name, organization_id) SELECT $1, password_hash, '同事', organization_id FROM users WHERE id = $2`, [email, anchor.userId]);
    colleague = ok(await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email, password: anchor.password } }), 'login').accessToken;
  });
  afterAll(async () => {
    await app?.close();
  });

  it('counts unread per user; marking read brings it down for that user only; other organizations’ ids are ignored', async () => {
    const notices = await list(anchor.token);
    expect(notices.map((n) => n.kind)).toEqual(['challenge-application.submitted', 'challenge-application.submitted', 'organization.verified']);
    expect(notices.every((n) => !n.read && n.readAt === null)).toBe(true);
    expect(await unread(anchor.token)).toBe(3);
    expect(await unread(colleague)).toBe(3);

    const foreign = (await list(authority))[0]!;
    const foreignBefore = await unread(authority);
    const before = await readRows();
    // Another organization's id is ignored (not FORBIDDEN: the answer does not reveal that it exists).
    expect(ok(await app.gql(MARK, { ids: [notices[0]!.id, notices[0]!.id, foreign.id] }, anchor.token), 'markNotificationsRead')).toBe(1);
    expect(await readRows()).toBe(before + 1);
    expect((await sql(app, 'SELECT count(*)::int AS n FROM notification_reads WHERE notification_id = $1', [foreign.id]))[0].n).toBe(0);
    expect(await unread(anchor.token)).toBe(2);
    expect(await unread(colleague)).toBe(3); // a colleague's inbox is theirs
    expect(await unread(authority)).toBe(foreignBefore);
    expect(ok(await app.gql(MARK, { ids: [notices[0]!.id] }, anchor.token), 'markNotificationsRead')).toBe(0); // already read
    const [first] = await list(anchor.token);
    expect(first).toMatchObject({ id: notices[0]!.id, read: true, readAt: expect.any(String) });

    expect(ok(await app.gql(MARK_ALL, {}, anchor.token), 'markAllNotificationsRead')).toBe(2);
    expect(await unread(anchor.token)).toBe(0);
    expect(ok(await app.gql(MARK_ALL, {}, anchor.token), 'markAllNotificationsRead')).toBe(0);
    expect(await unread(colleague)).toBe(3);

    // A new notice counts again.
    applications.e3 = await apply(e3, 1_800_000);
    await app.drain();
    expect(await unread(anchor.token)).toBe(1);
    expect(await unread(colleague)).toBe(4);
  });

  it('refuses bad input with exact codes and writes nothing', async () => {
    const before = await readRows();
    const cases: Array<[string, Record<string, unknown>, string | undefined, string, string | undefined]> = [
      [MARK, { ids: Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000001') }, anchor.token, 'BAD_USER_INPUT', 'ids'],
      [MARK, { ids: ['00000000-0000-4000-8000-000000000001', 'not-an-id'] }, anchor.token, 'BAD_USER_INPUT', 'ids[1]'],
      [MARK, { ids: [] }, undefined, 'UNAUTHENTICATED', undefined],
      [MARK_ALL, {}, undefined, 'UNAUTHENTICATED', undefined],
      [UNREAD, {}, undefined, 'UNAUTHENTICATED', undefined],
      [CONNECTION, { first: 0 }, anchor.token, 'BAD_USER_INPUT', 'first'],
      [CONNECTION, { first: 101 }, anchor.token, 'BAD_USER_INPUT', 'first'],
      [CONNECTION, { after: 'bm90LWEtY3Vyc29y' }, anchor.token, 'BAD_USER_INPUT', 'after'],
      [CONNECTION, { after: 'x'.repeat(201) }, anchor.token, 'BAD_USER_INPUT', 'after'],
      [CONNECTION, {}, undefined, 'UNAUTHENTICATED', undefined],
    ];
    for (const [query, variables, token, code, field] of cases) {
      const res = await app.gql(query, variables, token);
      expect(res.errors?.[0]?.extensions?.code).toBe(code);
      if (field) expect(res.errors?.[0]?.extensions?.field).toBe(field);
    }
    expect(ok(await app.gql(MARK, { ids: [] }, anchor.token), 'markNotificationsRead')).toBe(0);
    expect(await readRows()).toBe(before);
  });

  it('pages the connection newest first with totalCount, keyset cursors and unreadOnly', async () => {
    const all = await list(colleague);
    expect(all).toHaveLength(4);
    const page1 = ok(await app.gql(CONNECTION, { first: 3 }, colleague), 'notificationsConnection');
    expect(page1.totalCount).toBe(4);
    expect(page1.pageInfo.hasNextPage).toBe(true);
    expect(page1.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual(all.slice(0, 3).map((n) => n.id));
    expect(page1.pageInfo.endCursor).toBe(page1.edges[2].cursor);
    const page2 = ok(await app.gql(CONNECTION, { first: 3, after: page1.pageInfo.endCursor }, colleague), 'notificationsConnection');
    expect(page2).toMatchObject({ totalCount: 4, pageInfo: { hasNextPage: false } });
    expect(page2.edges.map((e: { node: { id: string } }) => e.node.id)).toEqual([all[3]!.id]);

    // The anchor's own user has read all but the newest.
    const unreadOnly = ok(await app.gql(CONNECTION, { first: 10, unreadOnly: true }, anchor.token), 'notificationsConnection');
    expect(unreadOnly.totalCount).toBe(1);
    expect(unreadOnly.edges.map((e: { node: { id: string; read: boolean } }) => e.node)).toEqual([{ id: all[0]!.id, kind: 'challenge-application.submitted', read: false }]);
    const everything = ok(await app.gql(CONNECTION, { first: 10, unreadOnly: false }, anchor.token), 'notificationsConnection');
    expect(everything.totalCount).toBe(4);
  });

  it('resolves target to the application, match request or organization, and to null without read access', async () => {
    const [newest, , , verified] = await list(anchor.token);
    expect(newest!.target).toEqual({ __typename: 'ChallengeApplication', id: applications.e3, applicationStatus: 'SUBMITTED' });
    expect(verified!.target).toMatchObject({ __typename: 'Organization', id: anchor.organizationId });

    const product = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank.token, product.id);
    const requestId = await requestMatch(app, e1.token, product.id, false, '申请授信');
    await app.drain();
    const [received] = await list(bank.token);
    expect(received).toMatchObject({ kind: 'match-request.created', target: { __typename: 'MatchRequest', id: requestId, status: 'PENDING' } });
    expect(received!.body).toContain('金融产品');
    ok(await app.gql(RESPOND, { id: requestId, accept: true }, bank.token), 'respondToMatchRequest');
    await app.drain();
    const [answered] = await list(e1.token);
    expect(answered).toMatchObject({ kind: 'match-request.responded', target: { __typename: 'MatchRequest', id: requestId, status: 'ACCEPTED' } });

    const pending = (await list(authority)).find((n) => n.kind === 'organization.pending-review' && n.target?.id === stranger.organizationId);
    expect(pending?.target).toMatchObject({ __typename: 'Organization', id: stranger.organizationId });

    // e1's notice pointed at things e1 may not read: another organization's draft, request and application.
    const draft = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    const othersRequest = await requestMatch(app, e2.token, product.id, false);
    const targets: Array<[string, string]> = [['LISTING', draft.id], ['MATCH_REQUEST', othersRequest], ['CHALLENGE_APPLICATION', applications.e2!]];
    for (const [type, id] of targets) {
      await sql(app, 'UPDATE notifications SET target_type = $1, target_id = $2 WHERE id = $3', [type, id, answered!.id]);
      const mine = (await list(e1.token)).find((x) => x.id === answered!.id);
      expect({ type, target: mine?.target }).toEqual({ type, target: null });
    }
    await sql(app, 'UPDATE notifications SET target_type = $1, target_id = $2 WHERE id = $3', ['MATCH_REQUEST', requestId, answered!.id]);
  });

  it('delivers notificationAdded over the websocket to the recipient organization only, re-read for each user', async () => {
    const anchorSide = new Subscriber(wsUrl(app), anchor.token);
    const colleagueSide = new Subscriber(wsUrl(app), colleague);
    const strangerSide = new Subscriber(wsUrl(app), stranger.token);
    try {
      await listening(app, 3);
      const applicationId = await apply(stranger);
      for (const side of [anchorSide, colleagueSide]) {
        const added = await side.until(() => side.added.find((n) => n.target?.id === applicationId), 'the application notice');
        expect(added).toMatchObject({ kind: 'challenge-application.submitted', read: false, target: { __typename: 'ChallengeApplication', id: applicationId } });
      }
      ok(await app.gql(DECIDE, { id: applicationId, d: 'SHORTLIST', c: '进入入围' }, anchor.token), 'decideChallengeApplication');
      const own = await strangerSide.until(() => strangerSide.added[0], 'the decision notice');
      expect(own).toMatchObject({ kind: 'challenge-application.shortlisted', target: { __typename: 'ChallengeApplication', id: applicationId, applicationStatus: 'SHORTLISTED' } });
      // The stranger never saw the anchor's notice; the anchor never saw the stranger's.
      expect(strangerSide.added.map((n) => n.kind)).toEqual(['challenge-application.shortlisted']);
      expect(anchorSide.added.map((n) => n.kind)).toEqual(['challenge-application.submitted']);
      for (const side of [anchorSide, colleagueSide, strangerSide]) expect(side.errors).toEqual([]);
      applications.stranger = applicationId;
    } finally {
      await Promise.all([anchorSide.dispose(), colleagueSide.dispose(), strangerSide.dispose()]);
    }
    const deadline = Date.now() + 10_000;
    while (app.started.runtime.pubsub.listenerCount(NOTIFICATION_ADDED) > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(app.started.runtime.pubsub.listenerCount(NOTIFICATION_ADDED)).toBe(0);
  });

  it('bounds subscriptions per connection: the 11th is refused with BAD_REQUEST', async () => {
    const greedy = new Subscriber(wsUrl(app), e2.token, 11);
    try {
      const error = await greedy.until(() => greedy.errors[0], 'the refusal');
      expect(error.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'subscriptions' });
      await listening(app, 10);
      expect(app.started.runtime.pubsub.listenerCount(NOTIFICATION_ADDED)).toBe(10);
    } finally {
      await greedy.dispose();
    }
  });

  it('tells the owner when the AUTHORITY takes its listing down (下架), with the reason; not when it closes its own', async () => {
    const product = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank.token, product.id);
    await closeListing(app, authority, product.id, '产品利率信息与备案不符');
    const own = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank.token, own.id);
    await closeListing(app, bank.token, own.id);
    await app.drain();
    const notices = (await list(bank.token)).filter((n) => n.kind === 'listing.taken-down');
    expect(notices).toHaveLength(1);
    expect(notices[0]).toMatchObject({ title: expect.stringContaining('金融产品已被主管部门下架'), target: { __typename: 'CreditProduct', id: product.id } });
    expect(notices[0]!.body).toContain('下架原因：产品利率信息与备案不符');

    // A challenge taken down: its owner hears of the 下架, its live applicants that it is closed.
    const other = await createListing(app, anchor.token, 'CHALLENGE', { overrides: challengeInput({ title: '被下架的榜单（通知测试）' }) });
    await publishListing(app, anchor.token, other.id);
    const applicationId = ok<{ id: string }>(await app.gql(APPLY, { i: { challengeId: other.id, proposal: '方案' } }, e2.token), 'applyToChallenge').id;
    await closeListing(app, authority, other.id, '榜单内容涉嫌虚假宣传');
    await app.drain();
    const ownerNotice = (await list(anchor.token)).find((n) => n.kind === 'listing.taken-down');
    expect(ownerNotice).toMatchObject({ title: '揭榜榜单已被主管部门下架：被下架的榜单（通知测试）', target: { __typename: 'Challenge', id: other.id } });
    expect(ownerNotice!.body).toContain('下架原因：榜单内容涉嫌虚假宣传');
    const applicantNotice = (await list(e2.token)).find((n) => n.kind === 'challenge.closed');
    expect(applicantNotice!.body).toContain('已被主管部门下架');
    expect(applicantNotice!.body).not.toContain('虚假宣传'); // the reason is the owner's business
    // Its open application ended with the challenge (ADR 0028): nothing left to withdraw.
    expect(applicantNotice!.target).toMatchObject({ __typename: 'ChallengeApplication', id: applicationId, applicationStatus: 'CLOSED_BY_OWNER' });
    expect((await app.gql(WITHDRAW, { id: applicationId }, e2.token)).errors?.[0]?.extensions?.code).toBe('CONFLICT');
  });

  it('tells a challenge’s live applicants when its budget or deadline changes (old → new) and when it closes', async () => {
    // e1 SUBMITTED, e3 SUBMITTED, stranger SHORTLISTED; e2 withdraws and hears nothing more.
    ok(await app.gql(WITHDRAW, { id: applications.e2 }, e2.token), 'withdrawChallengeApplication');
    const newApplyBy = beijingDate(45);
    const edit = (overrides: Record<string, unknown>) =>
      app.gql(updateMutation('CHALLENGE'), { id: challengeId, i: challengeInput({ title: '谐波减速器国产化攻关（通知测试）', budget: 3_000_000, applyBy: beijingDate(30), completionDeadline: beijingDate(400), ...overrides }) }, anchor.token);
    ok(await edit({ description: '只改了描述，条款不变。' }), 'updateChallenge');
    ok(await edit({ budget: 3_500_000, applyBy: newApplyBy }), 'updateChallenge');
    await app.drain();
    const changed = async (org: Org) => (await list(org.token)).filter((n) => n.kind === 'challenge.terms-changed');
    for (const org of [e1, e3, stranger]) {
      const notices = await changed(org);
      expect(notices).toHaveLength(1); // the description-only edit told nobody
      expect(notices[0]!.target).toMatchObject({ __typename: 'Challenge', id: challengeId });
      expect(notices[0]!.body).toContain('榜单金额：3,000,000 元 → 3,500,000 元');
      const [y, m, d] = newApplyBy.split('-');
      expect(notices[0]!.body).toContain(`→ ${y}年${Number(m)}月${Number(d)}日`);
    }
    expect(await changed(e2)).toHaveLength(0);

    await closeListing(app, anchor.token, challengeId);
    await app.drain();
    for (const org of [e1, e3, stranger]) {
      const closed = (await list(org.token)).filter((n) => n.kind === 'challenge.closed');
      expect(closed).toHaveLength(1);
      expect(closed[0]!.body).toContain('发榜企业已关闭');
    }
    // e2 withdrew: only the earlier 下架 of the other challenge reached it.
    expect((await list(e2.token)).filter((n) => n.kind === 'challenge.closed').map((n) => n.target?.id)).not.toContain(challengeId);
    // The owner closing its own challenge is not a 下架 (its one 下架 notice is the other challenge's).
    expect((await list(anchor.token)).filter((n) => n.kind === 'listing.taken-down').map((n) => n.target?.id)).not.toContain(challengeId);
  });
});

/**
 * `target` resolves through the per-request loaders: a page of 40 notifications, each kind of
 * target among them, costs the same statements as a page of 8 (counted as in
 * listings-n-plus-one.e2e.spec.ts, on a process without workers so nothing else runs meanwhile).
 */
describe('notifications with targets: constant SQL per page', () => {
  let app: TestApp;
  let counter: QueryCounter;
  let viewer: Org;

  beforeAll(async () => {
    app = await startTestApp({ withWorkers: false });
    const ds = app.started.runtime.database.dataSource;
    await seedListingLoad(ds, 20, 'NT');
    viewer = await registerOrg(app, 'ENTERPRISE');
    const listings: Array<{ id: string; owner_organization_id: string }> = await ds.query(`SELECT id, owner_organization_id FROM listings WHERE status = 'PUBLISHED' ORDER BY id`);
    expect(listings.length).toBeGreaterThanOrEqual(10);
    // Newest first: i = 0 is newest; the target types cycle, so every page of 4 or more holds all of them.
    const types = ['LISTING', 'ORGANIZATION', 'MATCH_REQUEST', 'CHALLENGE_APPLICATION'] as const;
    for (let i = 0; i < 40; i++) {
      const type = types[i % 4]!;
      const l = listings[i % listings.length]!;
      const target = type === 'LISTING' ? l.id : type === 'ORGANIZATION' ? l.owner_organization_id : '00000000-0000-4000-8000-' + String(i).padStart(12, '0');
      await ds.query(
        `INSERT INTO notifications (organization_id, kind, title, body, source_event_id, created_at, target_type, target_id)
         VALUES ($1, 'test.n-plus-one', 't', 'b', $2::bigint, now() - make_interval(secs => $2::int), $3, $4)`,
        [viewer.organizationId, i, type, target],
      );
    }
    counter = await countQueries(ds);
  });
  afterAll(async () => {
    counter?.restore();
    await app?.close();
  });

  const page = async (first: number) => {
    const { result, sql } = await counter.during(() => app.gql(`query($first: Int!) { notifications(first: $first) { ${NOTIFICATION_FIELDS} } }`, { first }, viewer.token));
    expect(result.errors).toBeUndefined();
    return { notices: result.data!.notifications as Notice[], sql };
  };

  it('uses the same statements for 8 and for 40 notifications', async () => {
    await page(8); // the first request loads the caller's actor, later ones take it from the actor cache (ADR 0041)
    const small = await page(8);
    const large = await page(40);
    expect(large.notices).toHaveLength(40);
    const resolved = (ns: Notice[]) => new Set(ns.filter((n) => n.target).map((n) => n.target!.__typename === 'Organization' ? 'Organization' : 'Listing'));
    expect(resolved(small.notices)).toEqual(new Set(['Listing', 'Organization']));
    expect(large.notices.filter((n) => n.target).length).toBe(20); // unknown requests and applications resolve to null
    const brief = (sql: string[]) => sql.map((q) => q.slice(0, 140)).join('\n');
    expect({ count: large.sql.length, detail: brief(large.sql) }).toEqual({ count: small.sql.length, detail: brief(large.sql) });
    expect(large.sql.length).toBeLessThanOrEqual(8);
  });
});
