import { randomBytes, randomUUID } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import type { OrganizationKind } from '../../libs/identity/src/organizations/organization-kind.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ListingEntity } from '../../libs/listings/src/entities/listing.entity.js';
import { MatchRequestService } from '../../libs/matching/src/requests/match-request.service.js';
import { MatchRequestEntity } from '../../libs/matching/src/requests/match-request.entity.js';
import { DeadlineDeskService } from '../../libs/matching/src/deadlines/deadline-desk.service.js';
import { ChallengeApplicationService } from '../../libs/listings/src/challenges/challenge-application.service.js';
import { ChallengeEntity } from '../../libs/listings/src/entities/listing-details.entity.js';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { bundledWorkingCalendar } from '../../libs/calendar/src/index.js';
import { InsightsService } from '../../libs/insights/src/insights.service.js';
import { openTestDataSource } from '../helpers/test-database.js';

/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);

describe('deadlines: pause and sweep (real PostgreSQL, injected clock)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  const clock = new SettableClock(bj('2026-04-02T10:00'));
  const calendar = bundledWorkingCalendar();
  let requests: MatchRequestService;
  let desk: DeadlineDeskService;
  let bank: Actor;
  let firm: Actor;
  let authority: Actor;

  async function makeOrg(kind: OrganizationKind, regionCode = '330281'): Promise<Actor> {
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const org = await dataSource.getRepository(OrganizationEntity).save({ kind, name: `时限测试 ${body}`, uscc: makeUscc('91', regionCode, body), regionCode, verified: true, verifiedAt: new Date() });
    return { userId: randomUUID(), organizationId: org.id, kind, verified: true };
  }

  async function publishedProduct(): Promise<string> {
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'CREDIT_PRODUCT' as const,
      ownerOrganizationId: bank.organizationId,
      status: 'PUBLISHED' as const,
      title: '姚江科创信用贷',
      description: '面向专精特新中小企业的纯信用贷款。',
      regionCodes: ['330281'],
      industryCodes: [],
      tags: [],
      publishedAt: new Date(),
      closedAt: null,
    });
    return listing.id;
  }

  const count = async (sql: string, params: unknown[]) => ((await dataSource.query(sql, params)) as Array<{ n: number }>)[0]!.n;
  const steps = (id: string, kind: string) => count(`SELECT count(*)::int AS n FROM timeline_entries WHERE subject_id = $1 AND kind = $2`, [id, kind]);
  const events = (id: string) => count(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 AND type = 'deadline.overdue'`, [id]);
  const alerts = (id: string) => count(`SELECT count(*)::int AS n FROM deadline_alerts WHERE subject_id = $1`, [id]);

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    requests = new MatchRequestService(dataSource, clock, calendar);
    desk = new DeadlineDeskService(dataSource, clock, calendar);
    bank = await makeOrg('BANK', '330203');
    firm = await makeOrg('ENTERPRISE');
    authority = { ...(await makeOrg('AUTHORITY', '330200')), role: 'OWNER' };
  });
  afterAll(async () => {
    await closeDb?.();
  });

  it('a credit request gets respondBy in 2 and decideBy in 5 working days, over 清明', async () => {
    clock.set(bj('2026-04-02T10:00'));
    const r = await dataSource.transaction(async (m) => requests.request(m, firm, { listingId: await publishedProduct(), shareProfile: false }));
    expect(r.respondBy?.toISOString()).toBe(bj('2026-04-07T10:00').toISOString());
    expect(r.decideBy?.toISOString()).toBe(bj('2026-04-10T10:00').toISOString());
  });

  it('asking the firm for information pauses the clock; the answer moves the deadlines on by the paused working time', async () => {
    clock.set(bj('2026-04-02T10:00'));
    const { id } = await dataSource.transaction(async (m) => requests.request(m, firm, { listingId: await publishedProduct(), shareProfile: false }));
    clock.set(bj('2026-04-03T10:00'));
    const paused = await dataSource.transaction((m) => requests.requestInformation(m, bank, id, '请补充近两年财务报表'));
    expect(paused.infoRequestedAt?.toISOString()).toBe(bj('2026-04-03T10:00').toISOString());
    // Past the original respondBy while paused: not overdue, the sweep leaves it alone.
    clock.set(bj('2026-04-07T11:00'));
    await desk.sweep();
    expect(await alerts(id)).toBe(0);
    // A second request for information while one is open is CONFLICT; the firm of another request cannot answer.
    await expect(dataSource.transaction((m) => requests.requestInformation(m, bank, id, '再补充'))).rejects.toMatchObject({ code: 'CONFLICT' });
    const other = await makeOrg('ENTERPRISE');
    await expect(dataSource.transaction((m) => requests.provideInformation(m, other, id, '已补充'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    clock.set(bj('2026-04-07T12:00'));
    const resumed = await dataSource.transaction((m) => requests.provideInformation(m, firm, id, '已上传 2024、2025 年财务报表'));
    // paused: Fri 10:00–17:00 (7 h) + Tue 09:00–12:00 (3 h) = 10 working hours; 清明 (Sat–Mon) not counted
    expect(resumed.infoRequestedAt).toBeNull();
    expect(resumed.respondBy?.toISOString()).toBe(bj('2026-04-08T12:00').toISOString());
    expect(resumed.decideBy?.toISOString()).toBe(bj('2026-04-13T12:00').toISOString());
    expect(await steps(id, 'INFO_REQUESTED')).toBe(1);
    expect(await steps(id, 'INFO_PROVIDED')).toBe(1);
    await expect(dataSource.transaction((m) => requests.provideInformation(m, firm, id, '再次补充'))).rejects.toMatchObject({ code: 'CONFLICT' });
  });

  it('the sweep reminds once, escalates once a working day later, and sends nothing twice (sequential and concurrent runs)', async () => {
    clock.set(bj('2026-04-02T10:00'));
    const { id } = await dataSource.transaction(async (m) => requests.request(m, firm, { listingId: await publishedProduct(), shareProfile: false }));
    clock.set(bj('2026-04-07T10:00'));
    await desk.sweep();
    expect(await alerts(id)).toBe(0); // at the deadline, not past it
    clock.set(bj('2026-04-07T10:30'));
    await Promise.all([desk.sweep(), desk.sweep()]);
    await desk.sweep();
    expect(await alerts(id)).toBe(1);
    expect(await events(id)).toBe(1);
    expect(await steps(id, 'REMINDER')).toBe(1);
    // Less than one working day after the reminder: no escalation.
    clock.set(bj('2026-04-08T10:29'));
    await desk.sweep();
    expect(await steps(id, 'ESCALATION')).toBe(0);
    clock.set(bj('2026-04-08T10:31'));
    await Promise.all([desk.sweep(), desk.sweep()]);
    await desk.sweep();
    expect(await steps(id, 'ESCALATION')).toBe(1);
    expect(await steps(id, 'REMINDER')).toBe(1);
    expect(await alerts(id)).toBe(2);
    expect(await events(id)).toBe(2);
    const [event] = await dataSource.query(`SELECT payload FROM outbox_events WHERE aggregate_id = $1 AND type = 'deadline.overdue' AND payload->>'step' = 'ESCALATION'`, [id]);
    expect(event.payload).toMatchObject({ subjectType: 'MATCH_REQUEST', deadline: 'RESPOND', ownerOrganizationId: bank.organizationId, workingDaysOverdue: 1 });

    // On the AUTHORITY's desk, within the firm's city, with days overdue; gone once answered.
    const page = await desk.overdue(authority, { regionCode: '330200', ownerOrganizationId: bank.organizationId, kind: 'CREDIT_PRODUCT' }, 50);
    const item = page.rows.find((r) => r.id === id);
    expect(item).toMatchObject({ subjectType: 'MATCH_REQUEST', deadline: 'RESPOND', kind: 'CREDIT_PRODUCT', regionCode: '330281', workingDaysOverdue: 1 });
    expect(item?.remindedAt?.toISOString()).toBe(bj('2026-04-07T10:30').toISOString());
    expect(item?.escalatedAt?.toISOString()).toBe(bj('2026-04-08T10:31').toISOString());
    expect((await desk.overdue(authority, { regionCode: '330100' }, 50)).rows.some((r) => r.id === id)).toBe(false);
    expect((await desk.overdue(authority, { kind: 'SERVICE_OFFERING' }, 50)).rows.some((r) => r.id === id)).toBe(false);
    await expect(desk.overdue(bank, {}, 10)).rejects.toMatchObject({ code: 'FORBIDDEN' });

    clock.set(bj('2026-04-08T11:00'));
    const answered = await dataSource.transaction((m) => requests.respond(m, bank, id, true));
    // 2 working days of budget + 9 working hours late (Tue 10:00–17:00, Wed 09:00–11:00)
    expect(answered.responseWorkingMinutes).toBe(16 * 60 + 9 * 60);
    expect((await desk.overdue(authority, {}, 50)).rows.some((r) => r.id === id)).toBe(false);
    await desk.sweep();
    expect(await alerts(id)).toBe(2);
  });

  it('a 揭榜 application: respondBy in 5 working days, reminded once when missed, on the desk as CHALLENGE_APPLICATION', async () => {
    const anchor = await makeOrg('ANCHOR_ENTERPRISE', '330203');
    const listing = await dataSource.getRepository(ListingEntity).save({
      kind: 'CHALLENGE' as const,
      ownerOrganizationId: anchor.organizationId,
      status: 'PUBLISHED' as const,
      title: '高精度伺服电机编码器国产化攻关',
      description: '征集 23 位绝对值编码器的国产化方案。',
      regionCodes: ['330203'],
      industryCodes: ['C38'],
      tags: [],
      publishedAt: new Date(),
      closedAt: null,
    });
    await dataSource.getRepository(ChallengeEntity).insert({ listingId: listing.id, techField: '精密传感', requirements: '分辨率 ≥ 23 位', budget: 3_000_000, applyBy: '2099-12-31', ipOwnership: 'SHARED', indicators: [] });
    const applications = new ChallengeApplicationService(dataSource, clock, calendar);
    clock.set(bj('2026-09-22T10:00'));
    const app = await dataSource.transaction((m) => applications.apply(m, firm, { challengeId: listing.id, proposal: '采用磁电复合方案，12 个月完成样机。', shareProfile: false }));
    // Tue 09-22 10:00 + 5 working days (40 h): Tue 7, Wed 8, Thu 8, (中秋 Fri–Sun), Mon 8, Tue 8 → 39, Wed 09-30 10:00
    expect(app.respondBy?.toISOString()).toBe(bj('2026-09-30T10:00').toISOString());
    clock.set(bj('2026-10-08T09:30'));
    await Promise.all([desk.sweep(), desk.sweep()]);
    expect(await alerts(app.id)).toBe(1);
    expect(await steps(app.id, 'REMINDER')).toBe(1);
    const item = (await desk.overdue(authority, { kind: 'CHALLENGE_APPLICATION', ownerOrganizationId: anchor.organizationId }, 10)).rows[0];
    // 09-30 10:00 → 17:00 (7 h), 国庆 10-01–07, 10-08 09:00–09:30 (0.5 h) = 7.5 h
    expect(item).toMatchObject({ subjectType: 'CHALLENGE_APPLICATION', id: app.id, deadline: 'RESPOND', workingDaysOverdue: 0.9, firmOrganizationId: firm.organizationId });

    // The owner asks for information: off the desk while paused; the answer moves the deadlines on.
    clock.set(bj('2026-10-08T10:00'));
    const paused = await dataSource.transaction((m) => applications.requestInformation(m, anchor, app.id, '请补充样机测试报告'));
    expect(paused.infoRequestedAt?.toISOString()).toBe(bj('2026-10-08T10:00').toISOString());
    expect((await desk.overdue(authority, { kind: 'CHALLENGE_APPLICATION', ownerOrganizationId: anchor.organizationId }, 10)).totalCount).toBe(0);
    await expect(dataSource.transaction((m) => applications.provideInformation(m, bank, app.id, '已补充'))).rejects.toMatchObject({ code: 'FORBIDDEN' });
    clock.set(bj('2026-10-09T10:00'));
    const resumed = await dataSource.transaction((m) => applications.provideInformation(m, firm, app.id, '样机测试报告已上传'));
    // paused Thu 10-08 10:00 → Fri 10-09 10:00 = 8 working hours: respondBy 09-30 10:00 → 10-08 10:00
    expect(resumed.infoRequestedAt).toBeNull();
    expect(resumed.respondBy?.toISOString()).toBe(bj('2026-10-08T10:00').toISOString());
    expect(await steps(app.id, 'INFO_REQUESTED')).toBe(1);
    expect(await steps(app.id, 'INFO_PROVIDED')).toBe(1);
    // The moved deadline is a new due instant: missed again, it is reminded again.
    await desk.sweep();
    expect(await steps(app.id, 'REMINDER')).toBe(2);
  });

  it('matchStats: median working hours to the first answer and the on-time rate', async () => {
    clock.set(bj('2026-04-13T09:00'));
    const { id } = await dataSource.transaction(async (m) => requests.request(m, firm, { listingId: await publishedProduct(), shareProfile: false }));
    clock.set(bj('2026-04-13T11:30'));
    await dataSource.transaction((m) => requests.respond(m, bank, id, false, null, 'CREDIT_QUOTA_FULL'));
    const row = await dataSource.getRepository(MatchRequestEntity).findOneByOrFail({ id });
    expect(row.responseWorkingMinutes).toBe(150);
    const [stats] = await requests.providerStats([bank.organizationId]);
    // Of four requests with deadlines: two still unanswered past respondBy (late), the escalated one
    // answered late (25 working hours), this one on time (2.5 working hours).
    expect(stats!.onTimeResponseRate).toBe(0.25);
    expect(stats!.medianResponseWorkingHours).toBe(13.75);
  });
  it('the service ranking reads the deadlines: median working hours to the first answer, the on-time rate and its component (issue 17 item 8)', async () => {
    const provider = await makeOrg('SERVICE_PROVIDER', '330203');
    const offering = await dataSource.getRepository(ListingEntity).save({
      kind: 'SERVICE_OFFERING' as const,
      ownerOrganizationId: provider.organizationId,
      status: 'PUBLISHED' as const,
      title: '知识产权贯标辅导',
      description: '贯标咨询服务。',
      regionCodes: ['330281'],
      industryCodes: [],
      tags: [],
      publishedAt: new Date(),
      closedAt: null,
    });
    // Monday 2026-04-13 09:00: three firms ask; the answer is due Wednesday 09:00 (2 working days).
    clock.set(bj('2026-04-13T09:00'));
    const ids: string[] = [];
    for (let i = 0; i < 3; i++) {
      const asker = await makeOrg('ENTERPRISE');
      ids.push((await dataSource.transaction((m) => requests.request(m, asker, { listingId: offering.id, shareProfile: false }))).id);
    }
    clock.set(bj('2026-04-13T11:00')); // 2 working hours: on time
    await dataSource.transaction((m) => requests.respond(m, provider, ids[0]!, true));
    clock.set(bj('2026-04-16T09:00')); // 3 working days = 24 working hours: a day late
    await dataSource.transaction((m) => requests.respond(m, provider, ids[1]!, true));
    clock.set(bj('2026-04-20T10:00')); // the third is still unanswered, past its deadline
    // The period selects requests by their real creation time (the database's clock), the deadlines run on the injected one.
    // (Its bounds are Beijing days whatever the session's time zone: with `date AT TIME ZONE` they were 16 h late in UTC sessions.)
    const today = todayInShanghai();
    const ranking = await new InsightsService(dataSource, clock).serviceRanking({ from: today, to: today }, 500);
    const row = ranking.find((r) => r.organizationId === provider.organizationId)!;
    // Median of 120 and 1,440 working minutes = 780 = 13 working hours; on time 1 of 3 (two answered, one overdue).
    expect(row).toMatchObject({ requests: 3, medianResponseWorkingHours: 13, onTimeResponseRate: 0.3333 });
    const value = (input: string) => row.components.find((c) => c.input === input)!.value;
    expect(value('punctuality')).toBe(0.4167); // (1 + 1.5) / (3 + 3), shrunk toward 0.5
    expect(value('responsiveness')).toBe(0.381); // 1 / (1 + 13 / 8)
  });
});
