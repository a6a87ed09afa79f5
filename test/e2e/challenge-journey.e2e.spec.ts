import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import {
  APPLY,
  DECIDE,
  WITHDRAW,
  beijingDate,
  closeListing,
  createListing,
  loginAuthority,
  ok,
  outboxFor,
  publishListing,
  registerOrg,
  sql,
  writeSnapshot,
  type Org,
} from '../helpers/listing-fixtures.js';

/**
 * The 揭榜 journey through GraphQL: an anchor enterprise posts (发榜) a challenge, enterprises apply
 * (揭榜), the anchor shortlists, accepts at most three and rejects, applicants withdraw while
 * undecided; who sees which application; and the notifications that follow.
 */

const APPLICATIONS = `query($id: ID!) { listing(id: $id) { id ... on Challenge { applications { id status applicant { id } } } } }`;
const APPLICATION = `query($id: ID!) { challengeApplication(id: $id) { id status proposal quote decisionComment decidedAt applicant { id } challenge { id title owner { id } } } }`;
const NOTIFICATIONS = `{ notifications(first: 100) { kind title body } }`;

interface Application {
  id: string;
  status: string;
  applicant: { id: string };
}

describe('揭榜 journey', () => {
  let app: TestApp;
  let authority: string;
  let anchor: Org;
  let otherAnchor: Org;
  /** Four applicants; the last one unverified (applying needs no verification). */
  const firms: Org[] = [];
  let challengeId: string;
  /** Each firm's live application, by firm index. */
  const applicationOf: string[] = [];
  let withdrawnId: string;

  const proposal = (i: number) => `第 ${i + 1} 家揭榜方案：采用自研少齿差谐波齿形，10 个月完成样机，团队含 3 名博士、8 名工程师。`;
  const apply = (firm: Org, id = challengeId, text = proposal(firms.indexOf(firm))) =>
    app.gql(APPLY, { i: { challengeId: id, proposal: text, quote: 2_400_000 } }, firm.token);
  const decide = (applicationId: string, d: 'SHORTLIST' | 'ACCEPT' | 'REJECT', c?: string, token = anchor.token) =>
    app.gql(DECIDE, { id: applicationId, d, c, r: d === 'REJECT' ? 'CHALLENGE_QUOTE_TOO_HIGH' : undefined }, token);
  const withdraw = (applicationId: string, firm: Org) => app.gql(WITHDRAW, { id: applicationId }, firm.token);
  const visibleApplications = async (token: string): Promise<Application[]> =>
    (ok<{ applications: Application[] }>(await app.gql(APPLICATIONS, { id: challengeId }, token), 'listing')).applications;

  /** Runs a call that must fail with `code` naming `field`, and proves nothing was written. */
  async function expectRefused(call: () => Promise<GraphQLResponse>, code: string, field?: string) {
    const before = await writeSnapshot(app);
    const res = await call();
    expect(res.errors).toHaveLength(1);
    const error = res.errors![0]!;
    expect(error.extensions?.code).toBe(code);
    if (field) expect(error.extensions?.field).toBe(field);
    expect(error.message).toMatch(/[\u4e00-\u9fff]/);
    expect(res.data ?? null).toBeNull();
    expect(await writeSnapshot(app)).toEqual(before);
    return error;
  }

  beforeAll(async () => {
    app = await startTestApp();
    authority = await loginAuthority(app);
    anchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    otherAnchor = await registerOrg(app, 'ANCHOR_ENTERPRISE', { verifyWith: authority });
    for (let i = 0; i < 3; i += 1) firms.push(await registerOrg(app, 'ENTERPRISE', { verifyWith: authority }));
    firms.push(await registerOrg(app, 'ENTERPRISE', { verifyWith: authority }));
  });
  afterAll(async () => {
    await app?.close();
  });

  it('the anchor posts a challenge: applying to the draft is refused, then it is published', async () => {
    const created = await createListing(app, anchor.token, 'CHALLENGE', { overrides: { title: '机器人关节谐波减速器国产化揭榜', budget: 3_000_000 } });
    challengeId = created.id;
    // A draft is invisible to applicants: as if it did not exist.
    await expectRefused(() => apply(firms[0]!), 'NOT_FOUND', 'input.challengeId');
    expect(await publishListing(app, anchor.token, challengeId)).toMatchObject({ status: 'PUBLISHED' });
  });

  it('four enterprises apply; one applies twice → CONFLICT, withdraws, and applies again', async () => {
    for (const [i, firm] of firms.entries()) {
      const a = ok(await apply(firm), 'applyToChallenge');
      expect(a).toMatchObject({ status: 'SUBMITTED', proposal: proposal(i), quote: 2_400_000, applicant: { id: firm.organizationId }, challenge: { id: challengeId } });
      applicationOf[i] = a.id;
    }
    const twice = await expectRefused(() => apply(firms[0]!), 'CONFLICT', 'input.challengeId');
    expect(twice.message).toContain(applicationOf[0]!);

    withdrawnId = applicationOf[0]!;
    expect(ok(await withdraw(withdrawnId, firms[0]!), 'withdrawChallengeApplication')).toMatchObject({ id: withdrawnId, status: 'WITHDRAWN' });
    // Withdrawn is final for that application.
    await expectRefused(() => withdraw(withdrawnId, firms[0]!), 'CONFLICT', 'id');
    await expectRefused(() => decide(withdrawnId, 'ACCEPT'), 'CONFLICT', 'decision');

    const again = ok(await apply(firms[0]!, challengeId, '修订后的揭榜方案：补充第三方检测计划。'), 'applyToChallenge');
    expect(again).toMatchObject({ status: 'SUBMITTED', proposal: '修订后的揭榜方案：补充第三方检测计划。' });
    expect(again.id).not.toBe(withdrawnId);
    applicationOf[0] = again.id;

    const events = await outboxFor(app, withdrawnId);
    expect(events.map((e) => [e.type, e.payload.status, e.payload.version])).toEqual([
      ['challenge-application.submitted', 'SUBMITTED', 1],
      ['challenge-application.withdrawn', 'WITHDRAWN', 2],
    ]);
    expect(events[0]!.payload).toMatchObject({ applicationId: withdrawnId, challengeId, applicantOrganizationId: firms[0]!.organizationId });
  });

  it('bad applications: empty proposal, negative quote → BAD_USER_INPUT naming the field', async () => {
    const fresh = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    await expectRefused(() => app.gql(APPLY, { i: { challengeId, proposal: '   ' } }, fresh.token), 'BAD_USER_INPUT', 'input.proposal');
    await expectRefused(() => app.gql(APPLY, { i: { challengeId, proposal: '方案', quote: -1 } }, fresh.token), 'BAD_USER_INPUT', 'input.quote');
    await expectRefused(() => app.gql(APPLY, { i: { challengeId: 'challenge-1', proposal: '方案' } }, fresh.token), 'BAD_USER_INPUT', 'input.challengeId');
    // Only enterprises 揭榜.
    const res = await expectRefused(() => apply(otherAnchor), 'FORBIDDEN');
    expect(res.message).toContain('applyToChallenge');
  });

  it('the anchor shortlists one and accepts three (straight from SUBMITTED); the fourth ACCEPT → CONFLICT', async () => {
    const shortlisted = ok(await decide(applicationOf[3]!, 'SHORTLIST', '方案可行，请补充样机进度'), 'decideChallengeApplication');
    expect(shortlisted).toMatchObject({ status: 'SHORTLISTED', decisionComment: '方案可行，请补充样机进度', decidedAt: null });

    for (const i of [0, 1, 2]) {
      const accepted = ok(await decide(applicationOf[i]!, 'ACCEPT', '技术路线成熟，接受揭榜'), 'decideChallengeApplication');
      expect(accepted).toMatchObject({ id: applicationOf[i], status: 'ACCEPTED', decisionComment: '技术路线成熟，接受揭榜' });
      expect(accepted.decidedAt).toBeTruthy();
    }
    const fourth = await expectRefused(() => decide(applicationOf[3]!, 'ACCEPT'), 'CONFLICT', 'decision');
    expect(fourth.message).toContain('3');
    expect((await sql(app, `SELECT count(*)::int AS n FROM challenge_applications WHERE challenge_id = $1 AND status = 'ACCEPTED'`, [challengeId]))[0].n).toBe(3);

    // The shortlisted one can still be rejected.
    expect(ok(await decide(applicationOf[3]!, 'REJECT', '名额已满'), 'decideChallengeApplication')).toMatchObject({ status: 'REJECTED' });
  });

  it('deciding twice → CONFLICT; withdrawing after a decision → CONFLICT; nothing written', async () => {
    await expectRefused(() => decide(applicationOf[0]!, 'ACCEPT'), 'CONFLICT', 'decision');
    await expectRefused(() => decide(applicationOf[1]!, 'REJECT'), 'CONFLICT', 'decision');
    await expectRefused(() => decide(applicationOf[3]!, 'REJECT'), 'CONFLICT', 'decision');
    await expectRefused(() => decide(applicationOf[3]!, 'SHORTLIST'), 'CONFLICT', 'decision');
    await expectRefused(() => withdraw(applicationOf[0]!, firms[0]!), 'CONFLICT', 'id');
    await expectRefused(() => withdraw(applicationOf[3]!, firms[3]!), 'CONFLICT', 'id');
    // Not the owner: another anchor cannot decide, another firm cannot withdraw.
    await expectRefused(() => decide(applicationOf[2]!, 'REJECT', undefined, otherAnchor.token), 'FORBIDDEN');
    await expectRefused(() => withdraw(applicationOf[2]!, firms[1]!), 'FORBIDDEN');

    const events = await outboxFor(app, applicationOf[3]!);
    expect(events.map((e) => [e.type, e.payload.status, e.payload.version])).toEqual([
      ['challenge-application.submitted', 'SUBMITTED', 1],
      ['challenge-application.decided', 'SHORTLISTED', 2],
      ['challenge-application.decided', 'REJECTED', 3],
    ]);
    // The same steps on the application's timeline, identical for the applicant, the owner and AUTHORITY; the refusals left none.
    const TIMELINE = `query($id: ID!) { challengeApplication(id: $id) { timeline { totalCount entries { kind status note actorOrganization { id } } } } }`;
    const expected = [
      { kind: 'CREATED', status: 'SUBMITTED', note: null, actorOrganization: { id: firms[3]!.organizationId } },
      { kind: 'DECISION', status: 'SHORTLISTED', note: '方案可行，请补充样机进度', actorOrganization: { id: anchor.organizationId } },
      { kind: 'DECISION', status: 'REJECTED', note: '名额已满', actorOrganization: { id: anchor.organizationId } },
    ];
    for (const token of [firms[3]!.token, anchor.token, authority]) {
      const timeline = ok<{ timeline: { totalCount: number; entries: unknown[] } }>(await app.gql(TIMELINE, { id: applicationOf[3] }, token), 'challengeApplication').timeline;
      expect(timeline).toEqual({ totalCount: 3, entries: expected });
    }
  });

  it('visibility: owner and AUTHORITY see every application; each applicant only its own; another anchor none', async () => {
    const all = [...applicationOf, withdrawnId].sort();
    expect((await visibleApplications(anchor.token)).map((a) => a.id).sort()).toEqual(all);
    expect((await visibleApplications(authority)).map((a) => a.id).sort()).toEqual(all);
    for (const [i, firm] of firms.entries()) {
      const own = await visibleApplications(firm.token);
      expect(own.every((a) => a.applicant.id === firm.organizationId)).toBe(true);
      expect(own.map((a) => a.id).sort()).toEqual((i === 0 ? [applicationOf[0]!, withdrawnId] : [applicationOf[i]!]).sort());
    }
    expect(await visibleApplications(otherAnchor.token)).toEqual([]);
    const outsider = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
    expect(await visibleApplications(outsider.token)).toEqual([]);

    // One application by id: its applicant, the owner and AUTHORITY; nobody else.
    const id = applicationOf[1]!;
    for (const token of [firms[1]!.token, anchor.token, authority]) {
      expect(ok(await app.gql(APPLICATION, { id }, token), 'challengeApplication')).toMatchObject({
        id,
        status: 'ACCEPTED',
        decisionComment: '技术路线成熟，接受揭榜',
        applicant: { id: firms[1]!.organizationId },
        challenge: { id: challengeId, owner: { id: anchor.organizationId } },
      });
    }
    for (const token of [firms[2]!.token, otherAnchor.token, outsider.token]) {
      const res = await app.gql(APPLICATION, { id }, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
      // challengeApplication is nullable (null for an unknown id, ADR 0032): a refusal answers null beside its error.
      expect(res.data?.challengeApplication ?? null).toBeNull();
    }
    expect((await app.gql(APPLICATION, { id })).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  });

  it('applying to a closed or expired challenge is refused; applyBy today is still open', async () => {
    const closed = await createListing(app, anchor.token, 'CHALLENGE');
    await publishListing(app, anchor.token, closed.id);
    await closeListing(app, anchor.token, closed.id);
    await expectRefused(() => apply(firms[1]!, closed.id), 'BAD_USER_INPUT', 'input.challengeId');

    const expired = await createListing(app, anchor.token, 'CHALLENGE');
    await publishListing(app, anchor.token, expired.id);
    await sql(app, 'UPDATE challenges SET apply_by = $2 WHERE listing_id = $1', [expired.id, beijingDate(-1)]);
    const error = await expectRefused(() => apply(firms[1]!, expired.id), 'BAD_USER_INPUT', 'input.challengeId');
    expect(error.message).toContain(beijingDate(-1));

    await sql(app, 'UPDATE challenges SET apply_by = $2 WHERE listing_id = $1', [expired.id, beijingDate(0)]);
    expect(ok(await apply(firms[1]!, expired.id), 'applyToChallenge')).toMatchObject({ status: 'SUBMITTED' });

    // A challenge re-published after closing takes applications again.
    await publishListing(app, anchor.token, closed.id);
    expect(ok(await apply(firms[1]!, closed.id), 'applyToChallenge')).toMatchObject({ status: 'SUBMITTED' });

    // Not a challenge at all.
    const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    const product = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank.token, product.id);
    await expectRefused(() => apply(firms[1]!, product.id), 'NOT_FOUND', 'input.challengeId');
  });

  it('after the queues drain: the owner is told of applications, each applicant of its decisions', async () => {
    await app.drain();
    const kinds = async (org: Org) =>
      (ok<Array<{ kind: string; title: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, org.token), 'notifications'))
        .map((n) => n.kind)
        .filter((k) => k.startsWith('challenge-application'))
        .sort();

    const ownerKinds = await kinds(anchor);
    // One per live application (the first one of firm 0 may or may not be told: it was withdrawn at once),
    // plus the two later applications to the other challenges.
    expect(ownerKinds.every((k) => k === 'challenge-application.submitted')).toBe(true);
    expect(ownerKinds.length).toBeGreaterThanOrEqual(6);
    expect(ownerKinds.length).toBeLessThanOrEqual(7);

    expect(await kinds(firms[0]!)).toEqual(['challenge-application.accepted']);
    expect(await kinds(firms[1]!)).toEqual(['challenge-application.accepted']);
    expect(await kinds(firms[2]!)).toEqual(['challenge-application.accepted']);
    expect(await kinds(firms[3]!)).toEqual(['challenge-application.rejected', 'challenge-application.shortlisted']);
    expect(await kinds(otherAnchor)).toEqual([]);

    const accepted = (ok<Array<{ kind: string; title: string; body: string }>>(await app.gql(NOTIFICATIONS, {}, firms[1]!.token), 'notifications')).find(
      (n) => n.kind === 'challenge-application.accepted',
    )!;
    expect(accepted.title).toContain('机器人关节谐波减速器国产化揭榜');
    expect(accepted.body).toContain('技术路线成熟，接受揭榜');
  });
});
