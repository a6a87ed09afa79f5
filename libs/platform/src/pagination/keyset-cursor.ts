import type { SelectQueryBuilder } from 'typeorm';
import { badInput } from '../errors/app-error.js';

/**
 * Relay cursors for newest-first keyset pages ordered by (created_at, id): opaque base64url of
 * the row's creation time and id.
 */
export function keysetCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

const ISO_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/;
const roundTrips = (iso: string) => {
  const t = Date.parse(iso);
  return !Number.isNaN(t) && new Date(t).toISOString() === iso;
};

/** Decodes {@link keysetCursor}; anything else is BAD_USER_INPUT on `field`. */
export function decodeKeysetCursor(cursor: string, field = 'after'): { createdAt: string; id: string } {
  const parts = Buffer.from(cursor, 'base64url').toString().split('|');
  const [createdAt, id] = parts;
  // Exactly what keysetCursor writes: an ISO instant that round-trips and a UUID. Anything looser
  // (a bare year, 36 dashes) used to pass here and then fail the ::timestamptz / ::uuid casts in SQL.
  if (parts.length !== 2 || !createdAt || !id || !ISO_INSTANT.test(createdAt) || !roundTrips(createdAt) || !UUID.test(id)) {
    throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', field);
  }
  return { createdAt, id };
}

/** The one page size convention (ADR 0032): `first` defaults to 20 and is at most 100. */
export const DEFAULT_PAGE_SIZE = 20;
export const MAX_PAGE_SIZE = 100;

/** `first` of a Relay page: 1–100, else BAD_USER_INPUT naming the field. */
export function checkPageSize(first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > MAX_PAGE_SIZE) throw badInput(`first 需在 1–${MAX_PAGE_SIZE} 之间 (first must be 1–${MAX_PAGE_SIZE})`, field);
}

export interface KeysetPage<T> {
  rows: T[];
  hasNextPage: boolean;
  endCursor: string | null;
}

/**
 * One newest-first page of `qb` (alias `alias` over table `table`, ordered by created_at, id):
 * rows after the `after` cursor, `first` of them, and whether more follow.
 */
export async function fetchKeysetPage<T extends { createdAt: Date; id: string }>(
  qb: SelectQueryBuilder<T>,
  alias: string,
  table: string,
  first: number,
  after?: string | null,
): Promise<KeysetPage<T>> {
  if (after) {
    const c = decodeKeysetCursor(after);
    // The cursor's time has JavaScript's millisecond precision while created_at has microseconds (and
    // rows written in one transaction share it): compare with the cursor row's own created_at.
    qb.andWhere(`(${alias}.createdAt, ${alias}.id) < (COALESCE((SELECT c.created_at FROM ${table} c WHERE c.id = :cId::uuid), :cAt::timestamptz), :cId::uuid)`, {
      cAt: c.createdAt,
      cId: c.id,
    });
  }
  const rows = await qb.orderBy(`${alias}.createdAt`, 'DESC').addOrderBy(`${alias}.id`, 'DESC').take(first + 1).getMany();
  const pageRows = rows.slice(0, first);
  return { rows: pageRows, hasNextPage: rows.length > first, endCursor: pageRows.length ? keysetCursor(pageRows[pageRows.length - 1]!) : null };
}

/**
 * The keyset condition of a newest-first page in SQL, as fetchKeysetPage applies it: rows of `alias`
 * before the cursor row in (created_at, id) order, using the cursor row's own created_at
 * (microseconds) and the cursor's time if that row is gone. `id` and `createdAt` are parameter
 * placeholders.
 */
export function keysetBeforeSql(table: string, alias: string, id: string, createdAt: string): string {
  return `(${alias}.created_at, ${alias}.id) < (COALESCE((SELECT c.created_at FROM ${table} c WHERE c.id = ${id}::uuid), ${createdAt}::timestamptz), ${id}::uuid)`;
}
