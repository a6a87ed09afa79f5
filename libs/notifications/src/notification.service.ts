import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { NotificationEntity } from './notification.entity.js';

export interface NewNotification {
  organizationId: string;
  kind: string;
  title: string;
  body: string;
  sourceEventId: string;
}

@Injectable()
export class NotificationService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Inserts, skipping ones already created by an earlier run of the same event. */
  async createMany(items: NewNotification[]): Promise<number> {
    if (items.length === 0) return 0;
    const result = await this.dataSource
      .createQueryBuilder()
      .insert()
      .into(NotificationEntity)
      .values(items)
      .orIgnore()
      .execute();
    return result.identifiers.filter(Boolean).length;
  }

  listFor(organizationId: string, first: number): Promise<NotificationEntity[]> {
    return this.dataSource.getRepository(NotificationEntity).find({
      where: { organizationId },
      order: { createdAt: 'DESC', id: 'DESC' },
      take: first,
    });
  }
}
