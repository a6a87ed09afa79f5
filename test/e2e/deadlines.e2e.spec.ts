import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SettableClock } from '../../libs/platform/src/time/clock.js';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { spawn } from 'node:child_process';
import { createTestDatabase } from '../helpers/test-database.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { createListing, loginAuthority, ok, publishListing, registerOrg, requestMatch, type Org } from '../helpers/listing-fixtures.js';

/** A Beijing wall-clock time as an instant. */
const bj = (s: string) => new Date(`${s}+08:00`);
const iso = (s: string) => bj(s).toISOString();

const SENT = `query { matchRequests(role: SENT) { edges { node { id status respondBy decideBy overdue awaitingInformationSince
  timeline { entries { kind note } } } } } }`;
const RECEIVED = `query { matchRequests(role: RECEIVED) { edges { node { id respondBy decideBy overdue } } } }`;
const NOTICES = `query { notifications(first: 100) { title body target { __typename } } }`;
const DESK = `query($f: OverdueRequestFilter, $first: Int) { overdueRequests(filter: $f, first: $first) { totalCount
  edges { cursor node { subjectType id kind deadline dueAt workingDaysOverdue regionCode regionName remindedAt escalatedAt ownerOrganization { id } firm { id } } }
  pageInfo { hasNextPage endCursor } } }`;
const STATS = `query { me { organization { matchStats { medianResponseWorkingHours onTimeResponseRate } } } }`;

/**
 * A credit request left unanswered over 清明 (2026-04-04–06): reminded when its 2 working days have
 * passed, escalated to the AUTHORITY one working day later, and on the AUTHORITY's overdue desk. The
 * clock is injected: the test moves it, triggers the sweep through the queue and waits for the
 * workers — no sleeping.
 */
describe('deadlines: reminder, escalation and the overdue desk on simulated working days', () => {
  const clock = new SettableClock(bj('2026-04-02T10:00'));
  let app: TestApp;
  let authority: string;
  let bank: Org;
  let firm: Org;
  let requestId: string;
  let sweeps = 0;

  const sweep = async () => {
    await app.started.runtime.queues.queue('notify').add('deadlines.sweep', { requestedBy: 'test' }, { jobId: `deadline-sweep-test-${++sweeps}`, attempts: 1 });
    await app.drain();
  };
  const sent = async () => (ok(await app.gql(SENT, {}, firm.token), 'matchRequests') as any).edges.map((e: any) => e.node).find((n: any) => n.id === requestId);
  const received = async () => (ok(await app.gql(RECEIVED, {}, bank.token), 'matchRequests') as any).edges.map((e: any) => e.node).find((n: any) => n.id === requestId);
  const notices = async (token: string, title: RegExp) => (ok(await app.gql(NOTICES, {}, token), 'notifications') as any[]).filter((n) => title.test(n.title));

  beforeAll(async () => {
    app = await startTestApp({ clock });
    authority = await loginAuthority(app);
    bank = await registerOrg(app, 'BANK', { verifyWith: authority, regionCode: '330203' });
    firm = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority, regionCode: '330281' });
    const { id: listingId } = await createListing(app, bank.token, 'CREDIT_PRODUCT');
    await publishListing(app, bank.token, listingId);
    requestId = await requestMatch(app, firm.token, listingId, false, '申请知识产权质押贷款 300 万元');
    await app.drain();
  }, 120_000);
  afterAll(async () => {
    await app?.close();
  });

  it('both sides see respondBy and decideBy in working days, not overdue yet', async () => {
    const mine = await sent();
    expect(mine).toMatchObject({ status: 'PENDING', respondBy: iso('2026-04-07T10:00'), decideBy: iso('2026-04-10T10:00'), overdue: false, awaitingInformationSince: null });
    expect(await received()).toMatchObject({ respondBy: iso('2026-04-07T10:00'), overdue: false });
  });

  it('past the deadline: overdue for both sides; the sweep reminds the bank once, on the timeline', async () => {
    clock.set(bj('2026-04-07T10:30'));
    expect((await sent()).overdue).toBe(true);
    expect((await received()).overdue).toBe(true);
    await sweep();
    await sweep();
    const reminders = await notices(bank.token, /^超时提醒/);
    expect(reminders).toHaveLength(1);
    expect(reminders[0].body).toMatch(/已超过答复时限（2026-04-07 10:00，北京时间）/);
    expect(reminders[0].target).toEqual({ __typename: 'MatchRequest' });
    expect(await notices(authority, /^逾期督办/)).toHaveLength(0);
    const kinds = (await sent()).timeline.entries.map((e: any) => e.kind);
    expect(kinds).toEqual(['CREATED', 'REMINDER']);
  });

  it('still overdue a working day after the reminder: escalated to the AUTHORITY once, and on its overdue desk', async () => {
    clock.set(bj('2026-04-08T10:00'));
    await sweep();
    expect(await notices(authority, /^逾期督办/)).toHaveLength(0);
    clock.set(bj('2026-04-08T10:31'));
    await sweep();
    await sweep();
    const escalations = await notices(authority, /^逾期督办/);
    expect(escalations).toHaveLength(1);
    expect(escalations[0].body).toMatch(/提醒后仍未答复/);
    expect((await sent()).timeline.entries.map((e: any) => e.kind)).toEqual(['CREATED', 'REMINDER', 'ESCALATION']);
    expect(await notices(bank.token, /^超时提醒/)).toHaveLength(1);

    const desk = ok(await app.gql(DESK, { f: { regionCode: '330200', kind: 'CREDIT_PRODUCT' }, first: 10 }, authority), 'overdueRequests') as any;
    const item = desk.edges.map((e: any) => e.node).find((n: any) => n.id === requestId);
    expect(item).toMatchObject({
      subjectType: 'MATCH_REQUEST',
      kind: 'CREDIT_PRODUCT',
      deadline: 'RESPOND',
      dueAt: iso('2026-04-07T10:00'),
      workingDaysOverdue: 1,
      regionCode: '330281',
      regionName: '余姚市',
      remindedAt: iso('2026-04-07T10:30'),
      escalatedAt: iso('2026-04-08T10:31'),
      ownerOrganization: { id: bank.organizationId },
      firm: { id: firm.organizationId },
    });
    const byOwner = ok(await app.gql(DESK, { f: { ownerOrganizationId: bank.organizationId } }, authority), 'overdueRequests') as any;
    expect(byOwner.totalCount).toBe(1);
    const elsewhere = ok(await app.gql(DESK, { f: { regionCode: '330100' } }, authority), 'overdueRequests') as any;
    expect(elsewhere.totalCount).toBe(0);
  });

  it('the desk is the AUTHORITY\'s only; bad filters are BAD_USER_INPUT with the field', async () => {
    for (const token of [bank.token, firm.token]) {
      const res = await app.gql(DESK, {}, token);
      expect(res.errors?.[0]?.extensions?.code).toBe('FORBIDDEN');
    }
    const region = await app.gql(DESK, { f: { regionCode: '330283' } }, authority);
    expect(region.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filter.regionCode' });
    const first = await app.gql(DESK, { first: 101 }, authority);
    expect(first.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
  });

  it('answered: off the desk, no longer overdue, counted late in the bank\'s figures', async () => {
    clock.set(bj('2026-04-08T11:00'));
    ok(await app.gql(`mutation($id: ID!) { respondToMatchRequest(id: $id, accept: true) { id } }`, { id: requestId }, bank.token), 'respondToMatchRequest');
    const mine = await sent();
    expect(mine).toMatchObject({ status: 'ACCEPTED', overdue: false });
    const desk = ok(await app.gql(DESK, { f: { ownerOrganizationId: bank.organizationId } }, authority), 'overdueRequests') as any;
    expect(desk.totalCount).toBe(0);
    const stats = ok(await app.gql(STATS, {}, bank.token), 'me') as any;
    // 2 working days of budget + 9 working hours late = 25 working hours; 0 of 1 on time
    expect(stats.organization.matchStats).toEqual({ medianResponseWorkingHours: 25, onTimeResponseRate: 0 });
  });

  it('information requested: the clock pauses (not overdue past decideBy), then runs again moved on', async () => {
    clock.set(bj('2026-04-09T10:00'));
    const asked = await app.gql(`mutation($id: ID!, $m: String!) { requestMatchInformation(id: $id, message: $m) { awaitingInformationSince } }`, { id: requestId, m: '请补充近两年财务报表' }, bank.token);
    expect(ok(asked, 'requestMatchInformation')).toEqual({ awaitingInformationSince: iso('2026-04-09T10:00') });
    clock.set(bj('2026-04-13T10:00'));
    expect((await sent()).overdue).toBe(false);
    const empty = await app.gql(`mutation($id: ID!, $m: String!) { provideMatchInformation(id: $id, message: $m) { id } }`, { id: requestId, m: '   ' }, firm.token);
    expect(empty.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'message' });
    const answered = await app.gql(`mutation($id: ID!, $m: String!) { provideMatchInformation(id: $id, message: $m) { decideBy awaitingInformationSince overdue } }`, { id: requestId, m: '已上传 2024、2025 年财务报表' }, firm.token);
    // paused 04-09 10:00 → 04-13 10:00 = Thu 7 h + Fri 8 h + Mon 1 h = 16 working hours: decideBy 04-10 10:00 → 04-14 10:00
    expect(ok(answered, 'provideMatchInformation')).toEqual({ decideBy: iso('2026-04-14T10:00'), awaitingInformationSince: null, overdue: false });
    const kinds = (await sent()).timeline.entries.map((e: any) => e.kind);
    expect(kinds.slice(-2)).toEqual(['INFO_REQUESTED', 'INFO_PROVIDED']);
    await app.drain();
    expect(await notices(firm.token, /^请补充材料/)).toHaveLength(1);
    expect(await notices(bank.token, /^企业已补充材料/)).toHaveLength(1);
  });
});

describe('a bad WORKING_CALENDAR_FILE stops the start', () => {
  it('the process exits 1 naming the file, the line and the date', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'srdi-calendar-'));
    const file = join(dir, 'calendar.json');
    writeFileSync(file, '{\n  "years": {\n    "2027": {\n      "published": true,\n      "holidays": ["2027-02-30"],\n      "makeUpWorkdays": []\n    }\n  }\n}\n');
    const db = await createTestDatabase();
    try {
      // The real entry point (built by `npm test`): Nest aborts the start when a provider throws.
      const result = await new Promise<{ code: number | null; output: string }>((resolve) => {
        const child = spawn(process.execPath, ['dist/apps/all-in-one/src/main.js'], {
          env: { ...process.env, NODE_ENV: 'test', DATABASE_URL: db.url, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'error', JWT_SECRET: 'test-secret-test-secret-test-secret-0123', WORKING_CALENDAR_FILE: file, FORCE_COLOR: '0' },
          stdio: ['ignore', 'pipe', 'pipe'],
        });
        let output = '';
        child.stdout.on('data', (b: Buffer) => (output += b.toString()));
        child.stderr.on('data', (b: Buffer) => (output += b.toString()));
        child.on('exit', (code) => resolve({ code, output }));
      });
      expect(result.code).toBe(1);
      expect(result.output).toContain(`工作日历文件有误：${file} 第 5 行 (line 5)：日期 "2027-02-30" 无效`);
    } finally {
      await db.drop();
    }
  }, 90_000);
});
