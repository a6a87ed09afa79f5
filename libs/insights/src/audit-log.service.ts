import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { badInput, parseId, checkPageSize } from '../../platform/src/index.js';
import { AuditLogEntity } from './audit-log.entity.js';

export type NewAuditEntry = Omit<AuditLogEntity, 'id' | 'at'>;

export interface AuditFilter {
  organizationId?: string | null;
  operation?: string | null;
  /** OK or an error code. */
  outcome?: string | null;
  /** Inclusive instants. */
  from?: Date | null;
  to?: Date | null;
}

export interface AuditPage {
  rows: AuditLogEntity[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/** The append-only audit log: written for every mutation call, read by the AUTHORITY, newest first. */
@Injectable()
export class AuditLogService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async record(entries: NewAuditEntry[]): Promise<void> {
    if (entries.length) await this.dataSource.getRepository(AuditLogEntity).insert(entries);
  }

  /** Keyset page by id (ids only grow), newest first. */
  async page(filter: AuditFilter, first: number, after?: string | null): Promise<AuditPage> {
    checkPageSize(first);
    const qb = this.filtered(filter);
    if (after) {
      if (!/^\d{1,19}$/.test(after)) throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', 'after');
      qb.andWhere('a.id < :after', { after });
    }
    const rows = await qb.orderBy('a.id', 'DESC').take(first + 1).getMany();
    const pageRows = rows.slice(0, first);
    return { rows: pageRows, hasNextPage: rows.length > first, endCursor: pageRows.at(-1)?.id ?? null };
  }

  /** How many entries match `filter` (auditLog's totalCount, counted only when asked for). */
  count(filter: AuditFilter): Promise<number> {
    return this.filtered(filter).getCount();
  }

  private filtered(filter: AuditFilter) {
    if (filter.from && filter.to && filter.from > filter.to) throw badInput('filter.from 晚于 filter.to，请对调 (filter.from is after filter.to)', 'filter.from');
    const qb = this.dataSource.getRepository(AuditLogEntity).createQueryBuilder('a');
    if (filter.organizationId) qb.andWhere('a.organizationId = :org', { org: parseId(filter.organizationId, 'filter.organizationId') });
    if (filter.operation) qb.andWhere('a.operation = :op', { op: filter.operation });
    if (filter.outcome) qb.andWhere('a.outcome = :outcome', { outcome: filter.outcome });
    if (filter.from) qb.andWhere('a.at >= :from', { from: filter.from });
    if (filter.to) qb.andWhere('a.at <= :to', { to: filter.to });
    return qb;
  }
}
