import { randomBytes } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { UserEntity } from '../../libs/identity/src/users/user.entity.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { NotificationService, type Reader } from '../../libs/notifications/src/notification.service.js';
import { openTestDataSource } from '../helpers/test-database.js';

describe('NotificationService (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let service: NotificationService;
  let alice: Reader;
  let bob: Reader;
  let other: Reader;

  async function reader(orgId?: string): Promise<Reader> {
    const body = [...randomBytes(8)].map((b) => '0123456789ABCDEFGHJKLMNPQRTUWXY'[b % 31]).join('');
    const organizationId =
      orgId ?? (await dataSource.getRepository(OrganizationEntity).save({ kind: 'ENTERPRISE', name: `通知测试 ${body}`, uscc: makeUscc('91', '330281', body), regionCode: '330281', verified: false, verifiedAt: null })).id;
    const user = await dataSource.getRepository(UserEntity).save({ email: `${body.toLowerCase()}@notify.test`, passwordHash: 'x', displayName: body, organizationId });
    return { userId: user.id, organizationId };
  }

  const events = async (): Promise<Array<{ payload: { notifications: Array<{ id: string; organizationId: string }> } }>> =>
    dataSource.query(`SELECT payload FROM outbox_events WHERE type = 'notification.created' ORDER BY id`);

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    service = new NotificationService(dataSource);
    alice = await reader();
    bob = await reader(alice.organizationId);
    other = await reader();
  });
  afterAll(async () => {
    await closeDb?.();
  });

  it('creates once per event, kind and recipient, and announces exactly the rows it inserted', async () => {
    const items = [
      { organizationId: alice.organizationId, kind: 'test.a', title: 't', body: 'b', sourceEventId: '901', targetType: 'ORGANIZATION' as const, targetId: other.organizationId },
      { organizationId: other.organizationId, kind: 'test.a', title: 't', body: 'b', sourceEventId: '901' },
    ];
    expect(await service.createMany(items)).toBe(2);
    expect(await service.createMany(items)).toBe(0); // a replay
    const announced = await events();
    expect(announced).toHaveLength(1);
    const ids = announced[0]!.payload.notifications;
    expect(ids.map((n) => n.organizationId).sort()).toEqual([alice.organizationId, other.organizationId].sort());
    const rows: Array<{ id: string; organization_id: string; target_type: string | null }> = await dataSource.query('SELECT id, organization_id, target_type FROM notifications WHERE source_event_id = 901');
    expect(new Set(rows.map((r) => `${r.id}|${r.organization_id}`))).toEqual(new Set(ids.map((n) => `${n.id}|${n.organizationId}`)));
    expect(rows.find((r) => r.organization_id === alice.organizationId)!.target_type).toBe('ORGANIZATION');
  });

  it('refuses a target type without an id (the check constraint)', async () => {
    await expect(dataSource.query(`INSERT INTO notifications (organization_id, kind, title, body, source_event_id, target_type) VALUES ($1, 'x', 't', 'b', 902, 'LISTING')`, [alice.organizationId])).rejects.toThrow(/ck_notifications_target/);
  });

  it('keeps read state per user and ignores other organizations’ ids', async () => {
    const [mine] = await service.listFor(alice, 10);
    const [theirs] = await service.listFor(other, 10);
    expect(await service.unreadCount(alice)).toBe(1);
    expect(await dataSource.transaction((m) => service.markRead(m, alice, [mine!.notification.id, theirs!.notification.id]))).toBe(1);
    expect(await service.unreadCount(alice)).toBe(0);
    expect(await service.unreadCount(bob)).toBe(1);
    expect(await service.unreadCount(other)).toBe(1);
    expect((await service.findFor(alice, mine!.notification.id))!.readAt).toBeInstanceOf(Date);
    expect((await service.findFor(bob, mine!.notification.id))!.readAt).toBeNull();
    expect(await service.findFor(alice, theirs!.notification.id)).toBeNull();
  });

  it('refuses more than 100 ids and malformed ones before writing', async () => {
    const reads = async () => (await dataSource.query('SELECT count(*)::int AS n FROM notification_reads'))[0].n;
    const before = await reads();
    for (const [ids, field] of [
      [Array.from({ length: 101 }, () => '00000000-0000-4000-8000-000000000001'), 'ids'],
      [['00000000-0000-4000-8000-000000000001', 'nope'], 'ids[1]'],
    ] as const) {
      const err = await dataSource.transaction((m) => service.markRead(m, bob, ids)).catch((e: unknown) => e);
      expect(err).toBeInstanceOf(AppError);
      expect(err).toMatchObject({ code: 'BAD_USER_INPUT', details: { field } });
    }
    expect(await reads()).toBe(before);
  });

  it('findFor is null once the user no longer belongs to the organization (a live subscription re-checks)', async () => {
    const [mine] = await service.listFor(bob, 10);
    expect(await service.findFor(bob, mine!.notification.id)).not.toBeNull();
    await dataSource.query('UPDATE users SET organization_id = $1 WHERE id = $2', [other.organizationId, bob.userId]);
    expect(await service.findFor(bob, mine!.notification.id)).toBeNull();
  });
});
