import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ListingEntity } from '../../libs/listings/src/entities/listing.entity.js';
import { ChallengeEntity } from '../../libs/listings/src/entities/listing-details.entity.js';
import { ChallengeApplicationEntity } from '../../libs/listings/src/challenges/challenge-application.entity.js';
import { ChallengeApplicationService } from '../../libs/listings/src/challenges/challenge-application.service.js';
import { ListingService } from '../../libs/listings/src/listing.service.js';
import { APPLICATION_STATUSES, type ApplicationStatus } from '../../libs/listings/src/listing-enums.js';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import { openTestDataSource } from '../helpers/test-database.js';

/**
 * ADR 0028 against a real PostgreSQL: closing a challenge ends exactly its open applications, in the
 * close's transaction (timeline steps and events included); the profile-sharing grant holds exactly
 * in SUBMITTED, SHORTLISTED and ACCEPTED, and only towards the challenge's owner.
 */
describe('揭榜 closure and consent (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let applications: ChallengeApplicationService;
  let listings: ListingService;
  let anchor: Actor;

  let seq = 0;
  async function makeOrg(kind: OrganizationKind): Promise<Actor> {
    seq += 1;
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const org = await dataSource.getRepository(OrganizationEntity).save({
      kind,
      name: `揭榜关闭测试机构${seq}`,
      uscc: makeUscc('91', '330203', body),
      regionCode: '330203',
      verified: true,
      verifiedAt: new Date(),
    });
    return { userId: randomUUID(), organizationId: org.id, kind, verified: true };
  }

  async function makeChallenge(owner: Actor): Promise<string> {
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'CHALLENGE' as const,
      ownerOrganizationId: owner.organizationId,
      status: 'PUBLISHED' as const,
      title: '编码器国产化攻关（关闭测试）',
      description: '征集 23 位绝对值编码器的国产化方案。',
      regionCodes: ['330203'],
      industryCodes: ['C38'],
      tags: [],
      publishedAt: new Date(),
    });
    await dataSource.getRepository(ChallengeEntity).insert({
      listingId: listing.id,
      techField: '精密传感',
      requirements: '分辨率 ≥ 23 位',
      budget: 1_000_000,
      applyBy: '2099-12-31',
      ipOwnership: 'SHARED',
      indicators: [],
    });
    return listing.id;
  }

  /** One application per status (each from its own enterprise, with consent), inserted as rows. */
  async function applicationsInEveryStatus(challengeId: string): Promise<Map<ApplicationStatus, { id: string; applicant: string }>> {
    const byStatus = new Map<ApplicationStatus, { id: string; applicant: string }>();
    for (const status of APPLICATION_STATUSES) {
      const firm = await makeOrg('ENTERPRISE');
      const row = await dataSource.getRepository(ChallengeApplicationEntity).save({
        challengeId,
        applicantOrganizationId: firm.organizationId,
        proposal: '方案',
        quote: null,
        status,
        shareProfile: true,
        decisionComment: null,
        decidedAt: null,
        version: 1,
      });
      byStatus.set(status, { id: row.id, applicant: firm.organizationId });
    }
    return byStatus;
  }

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    close = opened.close;
    applications = new ChallengeApplicationService(dataSource);
    listings = new ListingService(dataSource);
    anchor = await makeOrg('ANCHOR_ENTERPRISE');
  });
  afterAll(async () => {
    await close?.();
  });

  it('a consent given with an application holds while SUBMITTED or SHORTLISTED, runs 90 days past ACCEPTED, and ends with the others (ADR 0035)', async () => {
    const byStatus = await applicationsInEveryStatus(await makeChallenge(anchor));
    const standings = await applications.caseStandings([...byStatus.values()].map((a) => a.id));
    for (const [status, { id }] of byStatus) {
      const expected = ['SUBMITTED', 'SHORTLISTED'].includes(status) ? 'OPEN' : status === 'ACCEPTED' ? 'DECIDED' : 'ENDED';
      expect([status, standings.get(id)?.state]).toEqual([status, expected]);
    }
    expect((await applications.caseStandings([])).size).toBe(0);
  });

  it('closing ends exactly the open applications, with a CLOSED step each and on the challenge, and one event each, in one transaction', async () => {
    const challengeId = await makeChallenge(anchor);
    const byStatus = await applicationsInEveryStatus(challengeId);
    await dataSource.transaction((m) => listings.close(m, anchor, challengeId));

    for (const [before, { id }] of byStatus) {
      const [{ status, version }] = await dataSource.query('SELECT status, version FROM challenge_applications WHERE id = $1', [id]);
      const open = before === 'SUBMITTED' || before === 'SHORTLISTED';
      expect([before, status, version]).toEqual([before, open ? 'CLOSED_BY_OWNER' : before, open ? 2 : 1]);
      const steps = await dataSource.query(`SELECT kind, status, data FROM timeline_entries WHERE subject_type = 'CHALLENGE_APPLICATION' AND subject_id = $1`, [id]);
      const events = await dataSource.query(`SELECT payload FROM outbox_events WHERE type = 'challenge-application.closed' AND aggregate_id = $1`, [id]);
      if (open) {
        expect(steps).toEqual([{ kind: 'CLOSED', status: 'CLOSED_BY_OWNER', data: { cause: 'CHALLENGE_CLOSED', challengeId } }]);
        expect(events.map((e: { payload: Record<string, unknown> }) => e.payload)).toEqual([
          expect.objectContaining({ applicationId: id, status: 'CLOSED_BY_OWNER', version: 2, cause: 'CHALLENGE_CLOSED' }),
        ]);
      } else {
        expect(steps).toEqual([]);
        expect(events).toEqual([]);
      }
    }
    const challengeSteps = await dataSource.query(`SELECT kind, status, data FROM timeline_entries WHERE subject_type = 'CHALLENGE' AND subject_id = $1`, [challengeId]);
    expect(challengeSteps).toHaveLength(1);
    expect(challengeSteps[0]).toMatchObject({ kind: 'CLOSED', status: 'CLOSED', data: { cause: 'CHALLENGE_CLOSED' } });
    expect([...challengeSteps[0].data.closedApplicationIds].sort()).toEqual([byStatus.get('SUBMITTED')!.id, byStatus.get('SHORTLISTED')!.id].sort());
  });

  it('a close that fails afterwards in the same transaction leaves every application as it was', async () => {
    const challengeId = await makeChallenge(anchor);
    const byStatus = await applicationsInEveryStatus(challengeId);
    await expect(
      dataSource.transaction(async (m) => {
        await listings.close(m, anchor, challengeId);
        throw new Error('later step failed');
      }),
    ).rejects.toThrow('later step failed');
    for (const [status, { id }] of byStatus) {
      expect((await dataSource.query('SELECT status FROM challenge_applications WHERE id = $1', [id]))[0].status).toBe(status);
    }
    expect(await dataSource.query(`SELECT 1 FROM timeline_entries WHERE subject_id = $1`, [challengeId])).toEqual([]);
  });

  it('a decision racing a close waits for it (challenge locked first by both) and then finds the application closed', async () => {
    const challengeId = await makeChallenge(anchor);
    const firm = await makeOrg('ENTERPRISE');
    const application = await dataSource.transaction((m) => applications.apply(m, firm, { challengeId, proposal: '方案' }));
    // Forced, not timed: the close holds its locks until the decision is seen (from a third
    // connection, in pg_stat_activity) waiting on a lock; then it commits.
    let releaseClose!: () => void;
    const closeMayCommit = new Promise<void>((r) => (releaseClose = r));
    let closed!: () => void;
    const closeHoldsLocks = new Promise<void>((r) => (closed = r));
    const closing = dataSource.transaction(async (m) => {
      await listings.close(m, anchor, challengeId);
      closed();
      await closeMayCommit;
    });
    await closeHoldsLocks;
    let pid: number | undefined;
    const deciding = dataSource.transaction(async (m) => {
      pid = (await m.query('SELECT pg_backend_pid() AS pid'))[0].pid;
      return applications.decide(m, anchor, application.id, 'SHORTLIST');
    });
    for (;;) {
      const [{ waiting }] = await dataSource.query(`SELECT count(*)::int AS waiting FROM pg_stat_activity WHERE pid = $1 AND wait_event_type = 'Lock'`, [pid ?? -1]);
      if (waiting === 1) break;
      await new Promise((r) => setImmediate(r));
    }
    releaseClose();
    await closing;
    const err = await deciding.then(() => null, (e: unknown) => e);
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('CONFLICT');
    expect((await dataSource.query('SELECT status FROM challenge_applications WHERE id = $1', [application.id]))[0].status).toBe('CLOSED_BY_OWNER');
    expect(await dataSource.query(`SELECT 1 FROM outbox_events WHERE type = 'challenge-application.decided' AND aggregate_id = $1`, [application.id])).toEqual([]);
  });
});
