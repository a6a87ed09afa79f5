import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager, type SelectQueryBuilder } from 'typeorm';
import { badInput, parseId, recordEvent, checkPageSize, fetchKeysetPage } from '../../platform/src/index.js';
import { OrganizationEntity } from '../../identity/src/index.js';
import { NotificationEntity, NotificationReadEntity, type NotificationTargetType } from './notification.entity.js';

export interface NewNotification {
  organizationId: string;
  kind: string;
  title: string;
  body: string;
  sourceEventId: string;
  /** What the notification is about (the GraphQL `target`); both or neither. */
  targetType?: NotificationTargetType | null;
  targetId?: string | null;
}

/** Who reads: notifications belong to the organization, read state to the user. */
export interface Reader {
  userId: string;
  organizationId: string;
}

/** A notification as one user sees it: `readAt` is when that user read it (null: unread). */
export interface NotificationView {
  notification: NotificationEntity;
  readAt: Date | null;
}

export interface NotificationPage {
  rows: NotificationView[];
  totalCount: number;
  hasNextPage: boolean;
  endCursor: string | null;
}

/** markNotificationsRead takes at most this many ids per call. */
export const MAX_MARK_IDS = 100;

type WithRead = NotificationEntity & { read?: NotificationReadEntity | null };
const view = (n: WithRead): NotificationView => {
  const { read, ...notification } = n;
  return { notification: Object.assign(new NotificationEntity(), notification), readAt: read?.readAt ?? null };
};

@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /**
   * Inserts, skipping ones already created by an earlier run of the same event, and in the same
   * transaction records `notification.created` with the new rows' ids (the live feed's source):
   * a replay inserts nothing and announces nothing.
   */
  /** The same notice addressed to every AUTHORITY organization (review queues, alerts). */
  async forAuthorities(notice: Omit<NewNotification, 'organizationId'>): Promise<NewNotification[]> {
    const authorities = await this.dataSource.getRepository(OrganizationEntity).find({ select: { id: true }, where: { kind: 'AUTHORITY' } });
    return authorities.map((a) => ({ ...notice, organizationId: a.id }));
  }

  async createMany(items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    return this.dataSource.transaction((manager) => this.createManyIn(manager, items));
  }

  /** {@link createMany} in the caller's transaction (a notice written with the change that causes it). */
  async createManyIn(manager: EntityManager, items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    {
      const result = await manager
        .createQueryBuilder()
        .insert()
        .into(NotificationEntity)
        .values(items.map((i) => ({ ...i, targetType: i.targetType ?? null, targetId: i.targetId ?? null })))
        .orIgnore()
        .returning('id, organization_id')
        .execute();
      const created = (result.raw as Array<{ id: string; organization_id: string }>).map((r) => ({ id: r.id, organizationId: r.organization_id }));
      if (created.length > 0) {
        await recordEvent(manager, {
          type: 'notification.created',
          aggregateType: 'notification',
          aggregateId: created[0]!.id,
          data: { notifications: created },
        });
      }
      return created.length;
    }
  }

  private query(reader: Reader): SelectQueryBuilder<NotificationEntity> {
    return this.dataSource
      .getRepository(NotificationEntity)
      .createQueryBuilder('n')
      .leftJoinAndMapOne('n.read', NotificationReadEntity, 'r', 'r.notificationId = n.id AND r.userId = :reader', { reader: reader.userId })
      .where('n.organizationId = :org', { org: reader.organizationId });
  }

  /** Newest first, the caller's organization's (the plain list of the contract). */
  async listFor(reader: Reader, first: number): Promise<NotificationView[]> {
    const rows = await this.query(reader).orderBy('n.createdAt', 'DESC').addOrderBy('n.id', 'DESC').take(first).getMany();
    return rows.map(view);
  }

  /** Relay page, newest first (stable: created_at, id); `unreadOnly` keeps those the reader has not read. */
  async page(reader: Reader, first: number, after: string | null | undefined, unreadOnly: boolean): Promise<NotificationPage> {
    checkPageSize(first);
    const qb = this.query(reader);
    if (unreadOnly) qb.andWhere('r.userId IS NULL');
    const totalCount = await qb.clone().getCount();
    const page = await fetchKeysetPage(qb, 'n', 'notifications', first, after);
    return { ...page, rows: page.rows.map(view), totalCount };
  }

  async unreadCount(reader: Reader): Promise<number> {
    const [row] = await this.dataSource.query(
      `SELECT count(*)::int AS n FROM notifications n
        WHERE n.organization_id = $1
          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_id = $2 AND r.notification_id = n.id)`,
      [reader.organizationId, reader.userId],
    );
    return row.n as number;
  }

  /**
   * Marks the reader's organization's notifications among `ids` read for the reader. Ids of other
   * organizations' notifications (or of none) are ignored, so the answer never says whether they
   * exist; already-read ones are not counted again. Returns how many became read.
   */
  async markRead(manager: EntityManager, reader: Reader, ids: readonly string[]): Promise<number> {
    if (ids.length > MAX_MARK_IDS) throw badInput(`一次最多标记 ${MAX_MARK_IDS} 条通知 (ids: at most ${MAX_MARK_IDS} per call)`, 'ids');
    const parsed = [...new Set(ids.map((id, i) => parseId(String(id), `ids[${i}]`)))];
    if (parsed.length === 0) return 0;
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_reads (user_id, notification_id)
       SELECT $1, n.id FROM notifications n WHERE n.id = ANY($2::uuid[]) AND n.organization_id = $3
       ON CONFLICT DO NOTHING RETURNING notification_id`,
      [reader.userId, parsed, reader.organizationId],
    );
    return rows.length;
  }

  /** Marks every notification of the reader's organization read for the reader; returns how many became read. */
  async markAllRead(manager: EntityManager, reader: Reader): Promise<number> {
    const rows: unknown[] = await manager.query(
      `INSERT INTO notification_reads (user_id, notification_id)
       SELECT $1, n.id FROM notifications n
        WHERE n.organization_id = $2
          AND NOT EXISTS (SELECT 1 FROM notification_reads r WHERE r.user_id = $1 AND r.notification_id = n.id)
       ON CONFLICT DO NOTHING RETURNING notification_id`,
      [reader.userId, reader.organizationId],
    );
    return rows.length;
  }

  /**
   * One notification of the reader's organization, with the reader's read state; null otherwise,
   * and null once the reader no longer belongs to that organization (a long-lived subscription
   * re-checks at every delivery).
   */
  async findFor(reader: Reader, id: string): Promise<NotificationView | null> {
    const row = await this.query(reader)
      .andWhere('n.id = :id', { id })
      .andWhere('EXISTS (SELECT 1 FROM users u WHERE u.id = :reader AND u.organization_id = n.organization_id)')
      .getOne();
    return row ? view(row) : null;
  }
}
