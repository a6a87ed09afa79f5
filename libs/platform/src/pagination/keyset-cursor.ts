import { badInput } from '../errors/app-error.js';

/**
 * Relay cursors for newest-first keyset pages ordered by (created_at, id): opaque base64url of
 * the row's creation time and id.
 */
export function keysetCursor(row: { createdAt: Date; id: string }): string {
  return Buffer.from(`${row.createdAt.toISOString()}|${row.id}`).toString('base64url');
}

/** Decodes {@link keysetCursor}; anything else is BAD_USER_INPUT on `field`. */
export function decodeKeysetCursor(cursor: string, field = 'after'): { createdAt: string; id: string } {
  const [createdAt, id] = Buffer.from(cursor, 'base64url').toString().split('|');
  if (!createdAt || !id || Number.isNaN(Date.parse(createdAt)) || !/^[0-9a-f-]{36}$/.test(id)) {
    throw badInput('after 游标无效，请使用上一页返回的 endCursor (invalid cursor)', field);
  }
  return { createdAt, id };
}

/** `first` of a Relay page: 1–100, else BAD_USER_INPUT naming the field. */
export function checkPageSize(first: number, field = 'first'): void {
  if (!Number.isInteger(first) || first < 1 || first > 100) throw badInput('first 需在 1–100 之间 (first must be 1–100)', field);
}
