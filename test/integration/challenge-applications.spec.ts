import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { AppError, type AppErrorCode } from '../../libs/platform/src/errors/app-error.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { ListingEntity } from '../../libs/listings/src/entities/listing.entity.js';
import { ChallengeEntity, ServiceOfferingEntity } from '../../libs/listings/src/entities/listing-details.entity.js';
import { ChallengeApplicationEntity } from '../../libs/listings/src/challenges/challenge-application.entity.js';
import type { ListingStatus } from '../../libs/listings/src/listing-enums.js';
import {
  ChallengeApplicationService,
  visibleApplications,
  type ApplyToChallengeCommand,
} from '../../libs/listings/src/challenges/challenge-application.service.js';
import type { EventJob } from '../../libs/platform/src/queue/job-catalog.js';
import { NotificationService } from '../../libs/notifications/src/notification.service.js';
import {
  ChallengeApplicationDecidedNotifier,
  ChallengeApplicationSubmittedNotifier,
} from '../../libs/notifications/src/challenge-notify.handlers.js';
import { openTestDataSource } from '../helpers/test-database.js';
import { appError } from '../helpers/app-error.js';


const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function shiftDate(isoDate: string, days: number): string {
  const d = new Date(`${isoDate}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + days);
  return d.toISOString().slice(0, 10);
}

describe('ChallengeApplicationService (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let service: ChallengeApplicationService;

  let poster: Actor; // ANCHOR_ENTERPRISE that owns the challenges
  let otherAnchor: Actor;
  let authority: Actor;
  let bank: Actor;
  const enterprises: Actor[] = [];

  const tx = <T>(work: (m: EntityManager) => Promise<T>) => dataSource.transaction(work);
  const apply = (actor: Actor | undefined, input: ApplyToChallengeCommand) => tx((m) => service.apply(m, actor, input));
  const decide = (actor: Actor | undefined, id: string, decision: 'SHORTLIST' | 'ACCEPT' | 'REJECT', comment?: string | null) =>
    tx((m) => service.decide(m, actor, id, decision, comment, decision === 'REJECT' ? { reasonCode: 'CHALLENGE_TECH_MISMATCH' } : {}));
  const withdraw = (actor: Actor | undefined, id: string) => tx((m) => service.withdraw(m, actor, id));

  let orgSeq = 0;
  async function makeOrg(kind: OrganizationKind, name: string): Promise<Actor> {
    orgSeq += 1;
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const org = await dataSource.getRepository(OrganizationEntity).save({
      kind,
      name: `${name}${orgSeq}`,
      uscc: makeUscc(kind === 'AUTHORITY' ? '11' : '91', '330203', body),
      regionCode: '330203',
      verified: true,
      verifiedAt: new Date(),
    });
    return { userId: randomUUID(), organizationId: org.id, kind, verified: true };
  }

  async function makeChallenge(opts: { status?: ListingStatus; applyBy?: string; owner?: Actor } = {}): Promise<string> {
    const status = opts.status ?? 'PUBLISHED';
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'CHALLENGE' as const,
      ownerOrganizationId: (opts.owner ?? poster).organizationId,
      status,
      title: '高精度伺服电机编码器国产化攻关',
      description: '面向新能源汽车电驱系统，征集 23 位绝对值编码器的国产化方案。',
      regionCodes: ['330203'],
      industryCodes: ['C38'],
      tags: ['揭榜挂帅'],
      publishedAt: status === 'DRAFT' ? null : new Date(),
      closedAt: status === 'CLOSED' ? new Date() : null,
    });
    await dataSource.getRepository(ChallengeEntity).insert({
      listingId: listing.id,
      techField: '精密传感',
      requirements: '分辨率 ≥ 23 位，工作温度 -40~125 ℃',
      budget: 3_000_000,
      applyBy: opts.applyBy ?? shiftDate(todayInShanghai(), 30),
      ipOwnership: 'SHARED',
      indicators: ['分辨率 ≥ 23 位'],
    });
    return listing.id;
  }

  const proposal = (who = '') => `${who}采用磁电复合方案，12 个月完成样机，团队含 5 名博士。`;

  /** Every row of challenge_applications and the outbox size, to prove a failed call changed nothing. */
  async function snapshot() {
    const rows = await dataSource.query(
      `SELECT id, challenge_id, applicant_organization_id, status, version, decision_comment, decided_at, updated_at
         FROM challenge_applications ORDER BY id`,
    );
    const [{ events }] = await dataSource.query(`SELECT count(*)::int AS events FROM outbox_events`);
    return { rows, events };
  }

  /** Runs a call that must fail with `code` and leave no row change and no outbox event; returns the error. */
  async function expectRefused(code: AppErrorCode, work: () => Promise<unknown>, field?: string): Promise<AppError> {
    const before = await snapshot();
    const err = await appError(work());
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/[\u4e00-\u9fff]/); // Chinese
    expect(err.message).toMatch(/[A-Za-z]{3,}/); // and English
    if (field !== undefined) expect(err.details).toMatchObject({ field });
    expect(await snapshot()).toEqual(before);
    return err;
  }

  const eventsFor = (applicationId: string): Promise<Array<{ type: string; aggregate_type: string; payload: Record<string, unknown>; actor_user_id: string | null }>> =>
    dataSource.query(`SELECT type, aggregate_type, payload, actor_user_id FROM outbox_events WHERE aggregate_id = $1 ORDER BY id`, [applicationId]);

  const acceptedCount = async (challengeId: string) =>
    Number((await dataSource.query(`SELECT count(*)::int AS n FROM challenge_applications WHERE challenge_id = $1 AND status = 'ACCEPTED'`, [challengeId]))[0].n);

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    service = new ChallengeApplicationService(dataSource);
    poster = await makeOrg('ANCHOR_ENTERPRISE', '宁波链主装备集团');
    otherAnchor = await makeOrg('ANCHOR_ENTERPRISE', '甬江龙头电器');
    authority = await makeOrg('AUTHORITY', '宁波市经济和信息化局');
    bank = await makeOrg('BANK', '宁波科技银行');
    for (let i = 0; i < 6; i += 1) enterprises.push(await makeOrg('ENTERPRISE', `宁波精密传感科技有限公司`));
  });

  afterAll(async () => {
    await closeDb?.();
  });

  describe('apply', () => {
    it('writes a SUBMITTED row and one outbox event', async () => {
      const challengeId = await makeChallenge();
      const [e1] = enterprises;
      const before = await snapshot();
      const app = await apply(e1, { challengeId, proposal: `  ${proposal()}  `, quote: 2_800_000 });
      expect(app).toMatchObject({
        challengeId,
        applicantOrganizationId: e1!.organizationId,
        proposal: proposal(),
        quote: 2_800_000,
        status: 'SUBMITTED',
        version: 1,
        decidedAt: null,
      });
      const after = await snapshot();
      expect(after.rows).toHaveLength(before.rows.length + 1);
      expect(after.events).toBe(before.events + 1);
      expect(await eventsFor(app.id)).toEqual([
        {
          type: 'challenge-application.submitted',
          aggregate_type: 'challenge-application',
          payload: { applicationId: app.id, challengeId, applicantOrganizationId: e1!.organizationId, status: 'SUBMITTED', version: 1 },
          actor_user_id: e1!.userId,
        },
      ]);
    });

    it('accepts a missing quote and a quote of 0', async () => {
      const challengeId = await makeChallenge();
      expect((await apply(enterprises[0], { challengeId, proposal: proposal() })).quote).toBeNull();
      expect((await apply(enterprises[1], { challengeId, proposal: proposal(), quote: 0 })).quote).toBe(0);
    });

    it('refuses a second live application with CONFLICT', async () => {
      const challengeId = await makeChallenge();
      const first = await apply(enterprises[0], { challengeId, proposal: proposal() });
      await decide(poster, first.id, 'SHORTLIST');
      const err = await expectRefused('CONFLICT', () => apply(enterprises[0], { challengeId, proposal: proposal('第二次：') }), 'input.challengeId');
      expect(err.message).toContain(first.id);
    });

    it('allows a new application after withdrawing', async () => {
      const challengeId = await makeChallenge();
      const first = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const withdrawn = await withdraw(enterprises[0], first.id);
      expect(withdrawn).toMatchObject({ status: 'WITHDRAWN', version: 2 });
      const second = await apply(enterprises[0], { challengeId, proposal: proposal('修订版：') });
      expect(second.id).not.toBe(first.id);
      expect(second.status).toBe('SUBMITTED');
      expect((await eventsFor(first.id)).map((e) => [e.type, e.payload.status, e.payload.version])).toEqual([
        ['challenge-application.submitted', 'SUBMITTED', 1],
        ['challenge-application.withdrawn', 'WITHDRAWN', 2],
      ]);
    });

    it('serialises two concurrent applications of one enterprise: one succeeds, the other is CONFLICT', async () => {
      const challengeId = await makeChallenge();
      const before = await snapshot();
      const results = await Promise.allSettled([
        apply(enterprises[2], { challengeId, proposal: proposal('A') }),
        apply(enterprises[2], { challengeId, proposal: proposal('B') }),
      ]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe('CONFLICT');
      const after = await snapshot();
      expect(after.rows).toHaveLength(before.rows.length + 1);
      expect(after.events).toBe(before.events + 1);
    });

    it('is BAD_USER_INPUT on a CLOSED challenge', async () => {
      const challengeId = await makeChallenge({ status: 'CLOSED' });
      const err = await expectRefused('BAD_USER_INPUT', () => apply(enterprises[0], { challengeId, proposal: proposal() }), 'input.challengeId');
      expect(err.message).toContain('CLOSED');
    });

    // A draft is visible to its owner only (issue 4, lifecycle), and owners (ANCHOR_ENTERPRISE) never
    // apply, so to every applicant a draft looks exactly like a missing challenge.
    it('is NOT_FOUND on a DRAFT challenge (drafts are invisible to non-owners)', async () => {
      const challengeId = await makeChallenge({ status: 'DRAFT' });
      const err = await expectRefused('NOT_FOUND', () => apply(enterprises[0], { challengeId, proposal: proposal() }), 'input.challengeId');
      expect(err.message).not.toContain('DRAFT');
    });

    it('is BAD_USER_INPUT after applyBy (yesterday)', async () => {
      const applyBy = shiftDate(todayInShanghai(), -1);
      const challengeId = await makeChallenge({ applyBy });
      const err = await expectRefused('BAD_USER_INPUT', () => apply(enterprises[0], { challengeId, proposal: proposal() }), 'input.challengeId');
      expect(err.message).toContain(applyBy);
    });

    it('accepts an application on the applyBy date itself', async () => {
      const challengeId = await makeChallenge({ applyBy: todayInShanghai() });
      expect((await apply(enterprises[0], { challengeId, proposal: proposal() })).status).toBe('SUBMITTED');
    });

    it('is NOT_FOUND for an unknown id or a listing that is not a challenge', async () => {
      await expectRefused('NOT_FOUND', () => apply(enterprises[0], { challengeId: randomUUID(), proposal: proposal() }), 'input.challengeId');
      const offering = await dataSource.getRepository(ListingEntity).save({
        kind: 'SERVICE_OFFERING' as const,
        ownerOrganizationId: poster.organizationId,
        status: 'PUBLISHED' as const,
        title: '知识产权贯标服务',
        description: '协助企业通过 GB/T 29490 贯标认证。',
        publishedAt: new Date(),
      });
      await dataSource.getRepository(ServiceOfferingEntity).insert({ listingId: offering.id, category: 'IP' });
      await expectRefused('NOT_FOUND', () => apply(enterprises[0], { challengeId: offering.id, proposal: proposal() }), 'input.challengeId');
    });

    it.each<[string, Partial<ApplyToChallengeCommand>, string]>([
      ['a malformed challenge id', { challengeId: 'not-a-uuid' }, 'input.challengeId'],
      ['an empty proposal', { proposal: '   ' }, 'input.proposal'],
      ['a proposal over 5,000 characters', { proposal: '方'.repeat(5001) }, 'input.proposal'],
      ['a negative quote', { quote: -1 }, 'input.quote'],
      ['a fractional quote', { quote: 10.5 }, 'input.quote'],
      ['an unsafe quote', { quote: Number.MAX_SAFE_INTEGER + 1 }, 'input.quote'],
    ])('is BAD_USER_INPUT for %s', async (_, overrides, field) => {
      const challengeId = await makeChallenge();
      await expectRefused('BAD_USER_INPUT', () => apply(enterprises[0], { challengeId, proposal: proposal(), ...overrides }), field);
    });

    it('accepts a proposal of exactly 5,000 characters', async () => {
      const challengeId = await makeChallenge();
      expect((await apply(enterprises[0], { challengeId, proposal: '方'.repeat(5000) })).proposal).toHaveLength(5000);
    });

    it('is FORBIDDEN for every kind but ENTERPRISE, and UNAUTHENTICATED without a caller', async () => {
      const challengeId = await makeChallenge();
      for (const actor of [poster, otherAnchor, authority, bank]) {
        const err = await expectRefused('FORBIDDEN', () => apply(actor, { challengeId, proposal: proposal() }));
        expect(err.message).toContain('applyToChallenge');
      }
      await expectRefused('UNAUTHENTICATED', () => apply(undefined, { challengeId, proposal: proposal() }));
    });
  });

  describe('decide', () => {
    it('moves SUBMITTED → SHORTLISTED → ACCEPTED, one event per step', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const shortlisted = await decide(poster, app.id, 'SHORTLIST', '方案可行，请准备现场答辩');
      expect(shortlisted).toMatchObject({ status: 'SHORTLISTED', version: 2, decidedAt: null, decisionComment: '方案可行，请准备现场答辩' });
      const accepted = await decide(poster, app.id, 'ACCEPT');
      expect(accepted).toMatchObject({ status: 'ACCEPTED', version: 3, decisionComment: '方案可行，请准备现场答辩' });
      expect(accepted.decidedAt).toBeInstanceOf(Date);
      const events = await eventsFor(app.id);
      expect(events.map((e) => [e.type, e.payload.status, e.payload.version, e.actor_user_id])).toEqual([
        ['challenge-application.submitted', 'SUBMITTED', 1, enterprises[0]!.userId],
        ['challenge-application.decided', 'SHORTLISTED', 2, poster.userId],
        ['challenge-application.decided', 'ACCEPTED', 3, poster.userId],
      ]);
    });

    it('rejects straight from SUBMITTED', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const rejected = await decide(poster, app.id, 'REJECT', '技术路线与需求不符');
      expect(rejected).toMatchObject({ status: 'REJECTED', version: 2, decisionComment: '技术路线与需求不符' });
      expect(rejected.decidedAt).toBeInstanceOf(Date);
    });

    it('accepts straight from SUBMITTED', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      expect((await decide(poster, app.id, 'ACCEPT')).status).toBe('ACCEPTED');
    });

    it('is CONFLICT when deciding twice, naming the current status', async () => {
      const challengeId = await makeChallenge();
      const a = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const b = await apply(enterprises[1], { challengeId, proposal: proposal() });
      const c = await apply(enterprises[2], { challengeId, proposal: proposal() });
      await decide(poster, a.id, 'ACCEPT');
      await decide(poster, b.id, 'REJECT');
      await decide(poster, c.id, 'SHORTLIST');
      expect((await expectRefused('CONFLICT', () => decide(poster, a.id, 'ACCEPT'))).message).toContain('ACCEPTED');
      expect((await expectRefused('CONFLICT', () => decide(poster, a.id, 'REJECT'))).message).toContain('ACCEPTED');
      expect((await expectRefused('CONFLICT', () => decide(poster, b.id, 'ACCEPT'))).message).toContain('REJECTED');
      expect((await expectRefused('CONFLICT', () => decide(poster, c.id, 'SHORTLIST'))).message).toContain('SHORTLISTED');
    });

    it('is CONFLICT on a WITHDRAWN application', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      await withdraw(enterprises[0], app.id);
      expect((await expectRefused('CONFLICT', () => decide(poster, app.id, 'ACCEPT'))).message).toContain('WITHDRAWN');
    });

    it('is FORBIDDEN for an ANCHOR_ENTERPRISE that does not own the challenge, and for other kinds', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      expect((await expectRefused('FORBIDDEN', () => decide(otherAnchor, app.id, 'ACCEPT'))).message).toContain('decideChallengeApplication');
      for (const actor of [enterprises[0]!, authority, bank]) await expectRefused('FORBIDDEN', () => decide(actor, app.id, 'SHORTLIST'));
      await expectRefused('UNAUTHENTICATED', () => decide(undefined, app.id, 'SHORTLIST'));
    });

    it('is NOT_FOUND for an unknown application and BAD_USER_INPUT for a bad id, decision or comment', async () => {
      const challengeId = await makeChallenge();
      const app = await apply(enterprises[0], { challengeId, proposal: proposal() });
      await expectRefused('NOT_FOUND', () => decide(poster, randomUUID(), 'ACCEPT'));
      await expectRefused('BAD_USER_INPUT', () => decide(poster, 'x', 'ACCEPT'), 'id');
      await expectRefused('BAD_USER_INPUT', () => decide(poster, app.id, 'APPROVE' as never), 'decision');
      await expectRefused('BAD_USER_INPUT', () => decide(poster, app.id, 'REJECT', '评'.repeat(2001)), 'comment');
      expect((await decide(poster, app.id, 'REJECT', '评'.repeat(2000))).decisionComment).toHaveLength(2000);
    });

    it('refuses a fourth ACCEPTED with CONFLICT and writes nothing', async () => {
      const challengeId = await makeChallenge();
      const apps: ChallengeApplicationEntity[] = [];
      for (const e of enterprises.slice(0, 4)) apps.push(await apply(e, { challengeId, proposal: proposal() }));
      for (const a of apps.slice(0, 3)) await decide(poster, a.id, 'ACCEPT');
      await decide(poster, apps[3]!.id, 'SHORTLIST');
      const err = await expectRefused('CONFLICT', () => decide(poster, apps[3]!.id, 'ACCEPT'), 'decision');
      expect(err.message).toContain('3');
      expect(await acceptedCount(challengeId)).toBe(3);
      // Rejecting the fourth is still possible.
      expect((await decide(poster, apps[3]!.id, 'REJECT')).status).toBe('REJECTED');
    });

    it('lets exactly one of two concurrent ACCEPTs through when two are already accepted', async () => {
      const challengeId = await makeChallenge();
      const apps: ChallengeApplicationEntity[] = [];
      for (const e of enterprises.slice(0, 4)) apps.push(await apply(e, { challengeId, proposal: proposal() }));
      await decide(poster, apps[0]!.id, 'ACCEPT');
      await decide(poster, apps[1]!.id, 'ACCEPT');
      const before = await snapshot();
      // The overlap is forced, not timed: both transactions have begun before either decides, and a
      // transaction that has decided commits only once the other has decided too or is seen (in
      // pg_stat_activity, from a third connection) waiting on a lock. Without the challenge lock both
      // would count two ACCEPTED and both would succeed; with it the second waits for the first.
      const pids: number[] = [];
      const decided = [false, false];
      let bothBegun!: () => void;
      const begun = new Promise<void>((r) => (bothBegun = r));
      const otherDecidedOrBlocked = async (i: number) => {
        for (;;) {
          if (decided[1 - i]) return;
          const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pids[1 - i]]);
          if (waiting === 1) return;
          await sleep(10);
        }
      };
      const acceptOverlapping = (id: string, i: number) =>
        tx(async (m) => {
          pids[i] = (await m.query('SELECT pg_backend_pid() AS pid'))[0].pid;
          if (pids.filter((p) => p !== undefined).length === 2) bothBegun();
          await begun;
          try {
            return await service.decide(m, poster, id, 'ACCEPT');
          } finally {
            decided[i] = true;
            await otherDecidedOrBlocked(i);
          }
        });
      const results = await Promise.allSettled([acceptOverlapping(apps[2]!.id, 0), acceptOverlapping(apps[3]!.id, 1)]);
      expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
      const rejected = results.filter((r): r is PromiseRejectedResult => r.status === 'rejected');
      expect(rejected).toHaveLength(1);
      expect(rejected[0]!.reason).toBeInstanceOf(AppError);
      expect((rejected[0]!.reason as AppError).code).toBe('CONFLICT');
      expect(await acceptedCount(challengeId)).toBe(3);
      const after = await snapshot();
      expect(after.events).toBe(before.events + 1);
    });
  });

  describe('withdraw', () => {
    it('withdraws SUBMITTED and SHORTLISTED applications', async () => {
      const challengeId = await makeChallenge();
      const a = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const b = await apply(enterprises[1], { challengeId, proposal: proposal() });
      await decide(poster, b.id, 'SHORTLIST');
      expect(await withdraw(enterprises[0], a.id)).toMatchObject({ status: 'WITHDRAWN', version: 2 });
      expect(await withdraw(enterprises[1], b.id)).toMatchObject({ status: 'WITHDRAWN', version: 3 });
      expect((await eventsFor(b.id)).at(-1)).toMatchObject({
        type: 'challenge-application.withdrawn',
        payload: { status: 'WITHDRAWN', version: 3 },
        actor_user_id: enterprises[1]!.userId,
      });
    });

    it('is CONFLICT after a decision and when already withdrawn', async () => {
      const challengeId = await makeChallenge();
      const a = await apply(enterprises[0], { challengeId, proposal: proposal() });
      const b = await apply(enterprises[1], { challengeId, proposal: proposal() });
      const c = await apply(enterprises[2], { challengeId, proposal: proposal() });
      await decide(poster, a.id, 'ACCEPT');
      await decide(poster, b.id, 'REJECT');
      await withdraw(enterprises[2], c.id);
      expect((await expectRefused('CONFLICT', () => withdraw(enterprises[0], a.id))).message).toContain('ACCEPTED');
      expect((await expectRefused('CONFLICT', () => withdraw(enterprises[1], b.id))).message).toContain('REJECTED');
      expect((await expectRefused('CONFLICT', () => withdraw(enterprises[2], c.id))).message).toContain('WITHDRAWN');
    });

    it("is FORBIDDEN for anyone but the applicant, NOT_FOUND for an unknown id", async () => {
      const challengeId = await makeChallenge();
      const a = await apply(enterprises[0], { challengeId, proposal: proposal() });
      expect((await expectRefused('FORBIDDEN', () => withdraw(enterprises[1], a.id))).message).toContain('withdrawChallengeApplication');
      for (const actor of [poster, authority, bank]) await expectRefused('FORBIDDEN', () => withdraw(actor, a.id));
      await expectRefused('UNAUTHENTICATED', () => withdraw(undefined, a.id));
      await expectRefused('NOT_FOUND', () => withdraw(enterprises[0], randomUUID()));
    });
  });

  describe('visibility', () => {
    let challengeId: string;
    let ids: string[];

    beforeAll(async () => {
      challengeId = await makeChallenge();
      ids = [];
      for (const e of enterprises.slice(0, 3)) {
        ids.push((await apply(e, { challengeId, proposal: proposal() })).id);
        await sleep(5); // distinct created_at
      }
    });

    it('listForChallenge: all, newest first, for the owner and AUTHORITY', async () => {
      expect((await service.listForChallenge(poster, challengeId)).map((a) => a.id)).toEqual([...ids].reverse());
      expect((await service.listForChallenge(authority, challengeId)).map((a) => a.id)).toEqual([...ids].reverse());
    });

    it('listForChallenge: only its own for an applicant, nothing for everyone else', async () => {
      expect((await service.listForChallenge(enterprises[1], challengeId)).map((a) => a.id)).toEqual([ids[1]]);
      for (const actor of [enterprises[5]!, otherAnchor, bank, undefined]) expect(await service.listForChallenge(actor, challengeId)).toEqual([]);
    });

    it('listForChallenge: NOT_FOUND for an unknown challenge, BAD_USER_INPUT for a bad id', async () => {
      expect((await appError(service.listForChallenge(poster, randomUUID()))).code).toBe('NOT_FOUND');
      expect((await appError(service.listForChallenge(poster, 'nope'))).code).toBe('BAD_USER_INPUT');
    });

    it('getVisible: the applicant, the owner and AUTHORITY see it; others are FORBIDDEN', async () => {
      for (const actor of [enterprises[0]!, poster, authority]) expect((await service.getVisible(actor, ids[0]!)).id).toBe(ids[0]);
      for (const actor of [enterprises[1]!, enterprises[5]!, otherAnchor, bank]) {
        expect((await appError(service.getVisible(actor, ids[0]!))).code).toBe('FORBIDDEN');
      }
      expect((await appError(service.getVisible(undefined, ids[0]!))).code).toBe('UNAUTHENTICATED');
      expect((await appError(service.getVisible(poster, randomUUID()))).code).toBe('NOT_FOUND');
    });

    it('loadByChallengeIds: raw lists in the order asked, filtered with visibleApplications', async () => {
      const empty = await makeChallenge();
      const lists = await service.loadByChallengeIds([empty, challengeId, empty]);
      expect(lists.map((l) => l.map((a) => a.id))).toEqual([[], [...ids].reverse(), []]);
      expect(visibleApplications(enterprises[2], poster.organizationId, lists[1]!).map((a) => a.id)).toEqual([ids[2]]);
      expect(visibleApplications(poster, poster.organizationId, lists[1]!)).toHaveLength(3);
      expect(visibleApplications(otherAnchor, poster.organizationId, lists[1]!)).toEqual([]);
    });
  });

  describe('notifications', () => {
    const jobFor = async <E extends 'challenge-application.submitted' | 'challenge-application.decided'>(applicationId: string, type: E): Promise<EventJob<E>> => {
      const [row] = await dataSource.query(
        `SELECT id, type, payload, created_at FROM outbox_events WHERE aggregate_id = $1 AND type = $2 ORDER BY id DESC LIMIT 1`,
        [applicationId, type],
      );
      return { eventId: String(row.id), eventType: type, occurredAt: new Date(row.created_at).toISOString(), data: row.payload };
    };
    const notificationsOf = (organizationId: string) =>
      dataSource.query(`SELECT kind, title, body, source_event_id FROM notifications WHERE organization_id = $1 ORDER BY created_at, id`, [organizationId]);

    it('tells the owner about a new application and the applicant about the decision, once per event', async () => {
      const notifications = new NotificationService(dataSource);
      const submitted = new ChallengeApplicationSubmittedNotifier(dataSource, notifications);
      const decided = new ChallengeApplicationDecidedNotifier(dataSource, notifications);
      const owner = await makeOrg('ANCHOR_ENTERPRISE', '通知测试链主');
      const challengeId = await makeChallenge({ owner });
      const app = await apply(enterprises[4], { challengeId, proposal: proposal(), quote: 1_200_000 });

      const job = await jobFor(app.id, 'challenge-application.submitted');
      await submitted.handle(job);
      await submitted.handle(job); // a replay adds nothing
      const ownerInbox = await notificationsOf(owner.organizationId);
      expect(ownerInbox).toHaveLength(1);
      expect(ownerInbox[0]).toMatchObject({ kind: 'challenge-application.submitted', source_event_id: job.eventId });
      expect(ownerInbox[0].title).toContain('高精度伺服电机编码器');
      expect(ownerInbox[0].body).toContain('宁波精密传感科技有限公司');

      await tx((m) => service.decide(m, owner, app.id, 'ACCEPT', '请于下周到我司洽谈合同'));
      const decidedJob = await jobFor(app.id, 'challenge-application.decided');
      await decided.handle(decidedJob);
      await decided.handle(decidedJob);
      const inbox = (await notificationsOf(enterprises[4]!.organizationId)).filter((n: { source_event_id: string }) => n.source_event_id === decidedJob.eventId);
      expect(inbox).toHaveLength(1);
      expect(inbox[0]).toMatchObject({ kind: 'challenge-application.accepted' });
      expect(inbox[0].title).toContain('揭榜成功');
      expect(inbox[0].body).toContain('请于下周到我司洽谈合同');
    });
  });
});
