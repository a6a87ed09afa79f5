/**
 * Re-reviews recorded as pending (DOMAIN.md §8.2) on PostgreSQL: the AUTHORITY's decisions write the
 * profiles, a history row and ids-only events in one transaction; the scoring worker then keeps
 * the expired title (REVIEW rows under the rules of its re-review date, §8.4); the statistics SQL
 * counts it; a refused decision writes nothing; the notices reach each firm in Chinese.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { effectiveTierSql } from '../../libs/enterprises/src/effective-tier.sql.js';
import { validateProfile, type ProfileCommand } from '../../libs/enterprises/src/profile-input.js';
import { TitleReviewService } from '../../libs/enterprises/src/title-review/title-review.service.js';
import type { Actor } from '../../libs/identity/src/access/access-policy.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { NotificationService } from '../../libs/notifications/src/notification.service.js';
import { TitleReviewDecidedNotifier } from '../../libs/notifications/src/title-review-notify.handlers.js';
import { todayInShanghai } from '../../libs/platform/src/time/beijing-date.js';
import { TitleDecisionService } from '../../libs/enterprises/src/title-decision.service.js';
import { TierAssessmentService } from '../../libs/tier-assessments/src/tier-assessment.service.js';
import { addMonthsClamped, reviewRuleSetFor, tierExpiresOn } from '../../libs/tiers/src/index.js';
import { financialsEnding, profileInput } from '../helpers/profile-fixtures.js';
import { openTestDataSource } from '../helpers/test-database.js';

const TODAY = todayInShanghai();
const addDays = (date: string, days: number) => new Date(Date.parse(`${date}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);
const shift = (days: number) => addDays(TODAY, days);
/** Certified so that the title expired yesterday (its last valid day was the day before). */
const EXPIRED_YESTERDAY = addMonthsClamped(shift(-1), -36);

const AUTHORITY: Actor = { userId: randomUUID(), organizationId: randomUUID(), kind: 'AUTHORITY', verified: true, role: 'OWNER' };
const BANK: Actor = { userId: randomUUID(), organizationId: randomUUID(), kind: 'BANK', verified: true, role: 'OWNER' };

describe('TitleReviewService on PostgreSQL', () => {
  let ctx: Awaited<ReturnType<typeof openTestDataSource>>;
  let ds: DataSource;
  let profiles: EnterpriseProfileService;
  let service: TitleReviewService;
  let assessments: TierAssessmentService;

  beforeAll(async () => {
    ctx = await openTestDataSource();
    ds = ctx.dataSource;
    profiles = new EnterpriseProfileService(ds);
    service = new TitleReviewService();
    assessments = new TierAssessmentService(ds, profiles);
  });
  afterAll(async () => {
    await ctx?.close();
  });

  async function firm(tier: string, certifiedOn: string | null): Promise<string> {
    const tag = randomBytes(4).toString('hex').toUpperCase().replace(/[IOZSV]/g, 'A');
    return ds.transaction(async (m) => {
      const org = await m.save(m.create(OrganizationEntity, { kind: 'ENTERPRISE', name: `复核测试${tag}`, uscc: makeUscc('91', '330281', tag), regionCode: '330281', verified: true }));
      const input = profileInput({ financials: financialsEnding(), tier, tierCertifiedOn: certifiedOn });
      await profiles.write(m, org.id, validateProfile(input as unknown as ProfileCommand, TODAY), null, undefined, tier === 'NONE' ? undefined : 'CONFIRMED');
      return org.id;
    });
  }
  const profileRow = async (id: string) =>
    (await ds.query('SELECT version, tier_review_pending_until::text AS until FROM enterprise_profiles WHERE organization_id = $1', [id]))[0] as { version: number; until: string | null };
  const events = async (since: number) =>
    (await ds.query('SELECT id, type, aggregate_id, payload FROM outbox_events WHERE id > $1 ORDER BY id', [since])) as Array<{ id: string; type: string; aggregate_id: string; payload: Record<string, unknown> }>;
  const lastEventId = async () => Number((await ds.query('SELECT coalesce(max(id), 0) AS n FROM outbox_events'))[0].n);
  const effective = async (id: string, day: string) =>
    (await ds.query(`SELECT ${effectiveTierSql('p', '$2::date')}::text AS tier FROM enterprise_profiles p WHERE organization_id = $1`, [id, day]))[0].tier as string;

  it('records a list of firms as pending: profiles, history row and ids-only events in one transaction; the title counts until the day', async () => {
    const a = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const b = await firm('SPECIALIZED_SME', EXPIRED_YESTERDAY);
    const until = shift(30);
    const since = await lastEventId();
    const mark = await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [a, b], pendingUntil: until, document: ' 工信厅企业函〔2026〕117号 ' }));
    expect(mark).toMatchObject({ action: 'PENDING_RECORDED', pendingUntil: until, organizationIds: [a, b], document: '工信厅企业函〔2026〕117号', decidedBy: AUTHORITY.userId });
    for (const id of [a, b]) expect(await profileRow(id)).toEqual({ version: 2, until });
    const written = await events(since);
    expect(written.map((e) => e.type).sort()).toEqual(['enterprise-profile.changed', 'enterprise-profile.changed', 'title-review.decided']);
    expect(written.find((e) => e.type === 'title-review.decided')!.payload).toEqual({ markId: mark.id, action: 'PENDING_RECORDED' });
    expect(written.filter((e) => e.type === 'enterprise-profile.changed').map((e) => e.payload).sort((x, y) => String(x.organizationId).localeCompare(String(y.organizationId)))).toEqual(
      [a, b].sort().map((organizationId) => ({ organizationId, version: 2 })),
    );
    // Statistics (the SQL twin): counted until and including the pending day, NONE the day after.
    expect(await effective(a, TODAY)).toBe('LITTLE_GIANT');
    expect(await effective(a, until)).toBe('LITTLE_GIANT');
    expect(await effective(a, shift(31))).toBe('NONE');
  });

  it('the scoring worker re-reviews a pending title under the rules of its re-review date (or the campaign row); a lapsed one is not re-reviewed', async () => {
    const pending = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const lapsed = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [pending], pendingUntil: shift(10) }));
    await assessments.assess(pending, TODAY);
    await assessments.assess(lapsed, TODAY);
    const reviewRows = async (id: string) => (await ds.query(`SELECT rule_set FROM tier_assessments WHERE organization_id = $1 AND mode = 'REVIEW' AND tier = 'LITTLE_GIANT'`, [id])) as Array<{ rule_set: string }>;
    // Today the re-review date (yesterday's expiry) is after 2026-04-01 and the title was certified in 2023: the
    // 117号 campaign row applies (2022 standard); the pure choice is unit-tested, here it is the wiring.
    const expected = reviewRuleSetFor({ tier: 'LITTLE_GIANT', certifiedOn: EXPIRED_YESTERDAY })!.ruleSetId;
    expect((await reviewRows(pending)).map((r) => r.rule_set)).toEqual([expected]);
    expect(await reviewRows(lapsed)).toEqual([]);
  });

  it('records a batch: every title of a tier certified on a day, and only those', async () => {
    // Expires in 6 months, so a pending date at the expiry is within the 12 months allowed.
    const day = addMonthsClamped(TODAY, -30);
    const x = await firm('SPECIALIZED_SME', day);
    const y = await firm('SPECIALIZED_SME', day);
    const otherTier = await firm('LITTLE_GIANT', day);
    const until = tierExpiresOn(day);
    const mark = await ds.transaction((m) => service.recordPending(m, AUTHORITY, { tier: 'SPECIALIZED_SME', certifiedOn: day, pendingUntil: until }));
    expect(mark).toMatchObject({ tier: 'SPECIALIZED_SME', certifiedOn: day });
    expect([...mark.organizationIds].sort()).toEqual([x, y].sort());
    expect((await profileRow(otherTier)).until).toBeNull();
  });

  it.each([
    ['a caller that is not the AUTHORITY', BANK, (ids: string[]) => ({ organizationIds: ids, pendingUntil: shift(30) }), 'FORBIDDEN', undefined],
    ['a date in the past', AUTHORITY, (ids: string[]) => ({ organizationIds: ids, pendingUntil: shift(-1) }), 'BAD_USER_INPUT', 'input.pendingUntil'],
    ['more than 12 months ahead', AUTHORITY, (ids: string[]) => ({ organizationIds: ids, pendingUntil: addDays(addMonthsClamped(TODAY, 12), 1) }), 'BAD_USER_INPUT', 'input.pendingUntil'],
    ['the second firm has no title', AUTHORITY, (ids: string[]) => ({ organizationIds: [ids[0]!, ids[2]!], pendingUntil: shift(30) }), 'BAD_USER_INPUT', 'input.organizationIds[1]'],
    ['the second firm’s title expires after the pending date', AUTHORITY, (ids: string[]) => ({ organizationIds: [ids[0]!, ids[1]!], pendingUntil: shift(30) }), 'BAD_USER_INPUT', 'input.organizationIds[1]'],
    ['both a list and a batch', AUTHORITY, (ids: string[]) => ({ organizationIds: ids, tier: 'LITTLE_GIANT' as const, certifiedOn: '2023-07-15', pendingUntil: shift(30) }), 'BAD_USER_INPUT', 'input.organizationIds'],
    ['1001 firms', AUTHORITY, () => ({ organizationIds: Array.from({ length: 1001 }, () => randomUUID()), pendingUntil: shift(30) }), 'BAD_USER_INPUT', 'input.organizationIds'],
    ['a batch that matches nobody', AUTHORITY, () => ({ tier: 'LITTLE_GIANT' as const, certifiedOn: '2001-01-01', pendingUntil: shift(30) }), 'BAD_USER_INPUT', 'input.certifiedOn'],
  ])('refuses %s and writes nothing', async (_what, actor, build, code, field) => {
    const expired = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const validLong = await firm('LITTLE_GIANT', shift(-30)); // expires in ~3 years: after any pending date here
    const none = await firm('NONE', null);
    const ids = [expired, validLong, none];
    const since = await lastEventId();
    const before = await ds.query('SELECT count(*)::int AS n FROM title_review_marks');
    const err = await ds.transaction((m) => service.recordPending(m, actor, build(ids))).then(
      () => undefined,
      (e: { code?: string; details?: Record<string, unknown> }) => e,
    );
    expect(err).toMatchObject({ code });
    if (field) expect(err!.details).toMatchObject({ field });
    expect(await profileRow(expired)).toEqual({ version: 1, until: null });
    expect(await events(since)).toEqual([]);
    expect(await ds.query('SELECT count(*)::int AS n FROM title_review_marks')).toEqual(before);
  });

  it('clears: the title lapses again; a firm without a mark is refused; a batch clears only marked titles', async () => {
    const a = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const b = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [a], pendingUntil: shift(20) }));
    const refused = await ds.transaction((m) => service.clearPending(m, AUTHORITY, { organizationIds: [a, b] })).catch((e: { details?: Record<string, unknown> }) => e);
    expect(refused).toMatchObject({ code: 'BAD_USER_INPUT', details: { field: 'input.organizationIds[1]' } });
    expect((await profileRow(a)).until).toBe(shift(20));
    const mark = await ds.transaction((m) => service.clearPending(m, AUTHORITY, { tier: 'LITTLE_GIANT', certifiedOn: EXPIRED_YESTERDAY }));
    expect(mark.action).toBe('PENDING_CLEARED');
    expect(mark.organizationIds).toContain(a);
    expect(mark.organizationIds).not.toContain(b);
    expect(await profileRow(a)).toEqual({ version: 3, until: null });
    expect(await effective(a, TODAY)).toBe('NONE');
  });

  it('a new certification date (renewal) drops the mark: it belonged to the old title', async () => {
    const a = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [a], pendingUntil: shift(20) }));
    await ds.transaction(async (m) => {
      const input = profileInput({ financials: financialsEnding(), tier: 'LITTLE_GIANT', tierCertifiedOn: shift(-2) });
      await profiles.write(m, a, validateProfile(input as unknown as ProfileCommand, TODAY), null);
    });
    expect((await profileRow(a)).until).toBeNull();
  });

  it('the AUTHORITY confirming a new certification date drops the mark too; confirming the marked title keeps it', async () => {
    const decisions = new TitleDecisionService();
    const kept = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const renewed = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [kept, renewed], pendingUntil: shift(20) }));
    await ds.transaction((m) => decisions.confirm(m, AUTHORITY, kept, 'LITTLE_GIANT', EXPIRED_YESTERDAY));
    await ds.transaction((m) => decisions.confirm(m, AUTHORITY, renewed, 'LITTLE_GIANT', shift(-2)));
    expect((await profileRow(kept)).until).toBe(shift(20));
    expect((await profileRow(renewed)).until).toBeNull();
  });

  it('tells each firm in Chinese, read from the mark (the event carries ids only)', async () => {
    const a = await firm('LITTLE_GIANT', EXPIRED_YESTERDAY);
    const until = shift(40);
    const since = await lastEventId();
    await ds.transaction((m) => service.recordPending(m, AUTHORITY, { organizationIds: [a], pendingUntil: until, document: '工信厅企业函〔2026〕117号' }));
    const event = (await events(since)).find((e) => e.type === 'title-review.decided')!;
    const notifier = new TitleReviewDecidedNotifier(ds, new NotificationService(ds));
    const job = { eventId: event.id, eventType: 'title-review.decided' as const, occurredAt: new Date().toISOString(), data: event.payload as { markId: string; action: 'PENDING_RECORDED' } };
    await notifier.handle(job);
    await notifier.handle(job); // a replay adds nothing
    const rows = await ds.query('SELECT kind, title, body, target_id FROM notifications WHERE organization_id = $1', [a]);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ kind: 'title-review.pending-recorded', title: `专精特新"小巨人"企业称号复核中，有效至${until}`, target_id: a });
    expect(rows[0].body).toContain(`至${until}（含当日）仍按有效计`);
    expect(rows[0].body).toContain('依据：工信厅企业函〔2026〕117号');
  });
});
