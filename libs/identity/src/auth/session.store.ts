import { createHash, randomBytes } from 'node:crypto';
import type { DataSource, EntityManager } from 'typeorm';
import type { SessionRevokedReason } from './user-session.entity.js';
import { actorChanged } from './actor-cache.js';

/** Either a transaction's manager or the data source's: both run statements. */
type Runner = Pick<EntityManager, 'query'>;

/**
 * The rows of an UPDATE/DELETE … RETURNING: TypeORM's PostgreSQL driver answers those with
 * `[rows, affectedCount]`, and SELECT/INSERT with the rows alone.
 */
export function returnedRows<T>(result: unknown): T[] {
  if (Array.isArray(result) && result.length === 2 && Array.isArray(result[0]) && typeof result[1] === 'number') return result[0] as T[];
  return result as T[];
}

export interface ActiveSession {
  id: string;
  createdAt: Date;
  expiresAt: Date;
}

/**
 * Starts a session that lives `ttlSeconds` (the access token's lifetime). The same statement
 * deletes the user's sessions that have expired, so the table stays bounded by the sign-ins of
 * the last token lifetime; no nightly job is needed.
 */
export async function startSession(runner: Runner, userId: string, ttlSeconds: number): Promise<{ id: string; expiresAt: Date }> {
  const rows: Array<{ id: string; expires_at: Date }> = await runner.query(
    `WITH swept AS (DELETE FROM user_sessions WHERE user_id = $1 AND expires_at <= now())
     INSERT INTO user_sessions (user_id, expires_at) VALUES ($1, now() + make_interval(secs => $2)) RETURNING id, expires_at`,
    [userId, ttlSeconds],
  );
  return { id: rows[0]!.id, expiresAt: new Date(rows[0]!.expires_at) };
}

/** Ends one session of `userId`; true when it was active. Cached actors of the user are dropped everywhere (ADR 0041). */
export async function revokeSession(manager: EntityManager | DataSource, userId: string, sessionId: string, reason: SessionRevokedReason): Promise<boolean> {
  const rows = returnedRows(
    await manager.query(
      `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $3 WHERE id = $1 AND user_id = $2 AND revoked_at IS NULL AND expires_at > now() RETURNING id`,
      [sessionId, userId, reason],
    ),
  );
  // After the write: outside a transaction the others are told at once, and must not read the old row again.
  await actorChanged(manager, { userIds: [userId] });
  return rows.length === 1;
}

/** Ends every active session of `userId` except `keep` (none kept when undefined); returns how many. Cached actors of the user are dropped everywhere. */
export async function revokeSessionsOf(manager: EntityManager | DataSource, userId: string, reason: SessionRevokedReason, keep?: string): Promise<number> {
  const rows = returnedRows(
    await manager.query(
      `UPDATE user_sessions SET revoked_at = now(), revoked_reason = $2
       WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now() AND ($3::uuid IS NULL OR id <> $3::uuid) RETURNING id`,
      [userId, reason, keep ?? null],
    ),
  );
  await actorChanged(manager, { userIds: [userId] });
  return rows.length;
}

/** Active sessions of `userId`, newest first (at most 100). */
export async function activeSessions(runner: Runner, userId: string): Promise<ActiveSession[]> {
  const rows: Array<{ id: string; created_at: Date; expires_at: Date }> = await runner.query(
    `SELECT id, created_at, expires_at FROM user_sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > now()
     ORDER BY created_at DESC, id DESC LIMIT 100`,
    [userId],
  );
  return rows.map((r) => ({ id: r.id, createdAt: new Date(r.created_at), expiresAt: new Date(r.expires_at) }));
}

/** A single-use secret for a link (43 characters, 256 bits) and the hash kept at rest. */
export function newSecretToken(): { raw: string; hash: string } {
  const raw = randomBytes(32).toString('base64url');
  return { raw, hash: hashSecretToken(raw) };
}

export function hashSecretToken(raw: string): string {
  return createHash('sha256').update(raw).digest('hex');
}

/** Shape check of a presented token before any lookup (length-bounded, base64url). */
export function isWellFormedSecretToken(raw: string): boolean {
  return /^[A-Za-z0-9_-]{43}$/.test(raw);
}
