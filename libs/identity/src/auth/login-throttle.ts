import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../../../platform/src/index.js';
import { returnedRows } from './session.store.js';

export interface ThrottleRule {
  /** Failed sign-ins in the window that lock the key (the attempt after the last one is refused). */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/**
 * Brute-force protection for `login`, built so that nobody can lock someone else out:
 * - `pair`: 5 failures for one account from one client address within 15 minutes lock that pair for
 *   15 minutes (even the right password is refused from there, so guessing gains nothing). The
 *   account's owner, elsewhere, still signs in.
 * - `address`: 30 failures from one address across accounts lock the address.
 * - `account`: 100 failures for one account within an hour, from all addresses together, lock
 *   nothing (that would hand a lock-out to anyone with a botnet) but alert the AUTHORITY, once per
 *   window.
 * Counters live in PostgreSQL (`login_throttle`), so every API process shares them; failures of
 * unknown e-mails count the same way, so no answer tells whether an account exists.
 */
export const LOGIN_THROTTLE: { pair: ThrottleRule; address: ThrottleRule; account: { maxFailures: number; windowMinutes: number } } = {
  pair: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
  account: { maxFailures: 100, windowMinutes: 60 },
};

const sha = (text: string) => createHash('sha256').update(text).digest('hex');
const emailHash = (normalizedEmail: string) => sha(normalizedEmail);

/** Throttle keys; no e-mail in clear (the address key keeps the address, as before). */
export const throttleKeys = {
  account: (normalizedEmail: string) => `account:${emailHash(normalizedEmail)}`,
  pair: (normalizedEmail: string, address: string | undefined) => `pair:${emailHash(normalizedEmail)}:${sha(address ?? 'unknown').slice(0, 16)}`,
  /** Every pair of one account (LIKE pattern; hex has no wildcard characters). */
  pairsOf: (normalizedEmail: string) => `pair:${emailHash(normalizedEmail)}:%`,
  address: (address: string) => `ip:${address}`,
};

/** The refusal while a pair or an address is locked; never names the account's existence. */
export function lockedError(seconds: number, byPair: boolean): AppError {
  const minutes = Math.ceil(seconds / 60);
  return new AppError(
    'RATE_LIMITED',
    byPair
      ? `该账号在当前网络地址登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试 (too many failed sign-ins for this account from this address; try again in ${minutes} min)`
      : `该网络地址登录失败次数过多，请 ${minutes} 分钟后再试 (too many failed sign-ins from this address; try again in ${minutes} min)`,
    { retryAfterSeconds: seconds },
  );
}

export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules = LOGIN_THROTTLE,
  ) {}

  /** RATE_LIMITED while the (account, address) pair or the address is locked. */
  async check(normalizedEmail: string, address: string | undefined): Promise<void> {
    const keys = [throttleKeys.pair(normalizedEmail, address), ...(address ? [throttleKeys.address(address)] : [])];
    const rows: Array<{ key: string; seconds: number }> = await this.dataSource.query(
      `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    if (rows.length === 0) return;
    throw lockedError(Math.max(...rows.map((r) => r.seconds)), rows.some((r) => r.key.startsWith('pair:')));
  }

  /**
   * Counts a failure for the pair, the address and the account. True exactly once per window: when
   * this failure brings the account to its ceiling (the caller alerts the AUTHORITY then).
   */
  async recordFailure(normalizedEmail: string, address: string | undefined): Promise<{ accountCeilingReached: boolean }> {
    await this.bump(throttleKeys.pair(normalizedEmail, address), this.rules.pair);
    if (address) await this.bump(throttleKeys.address(address), this.rules.address);
    const failures = await this.bump(throttleKeys.account(normalizedEmail), { ...this.rules.account, lockMinutes: 0 });
    return { accountCeilingReached: failures === this.rules.account.maxFailures };
  }

  /** A successful sign-in clears the failures of its pair (not the address's, nor the account's ceiling). */
  async recordSuccess(normalizedEmail: string, address: string | undefined): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [throttleKeys.pair(normalizedEmail, address)]);
  }

  /** Lifts every lock of an account (all its pairs) and its ceiling count; returns how many locks were in force. */
  async unlock(normalizedEmail: string, runner: Pick<DataSource, 'query'> = this.dataSource): Promise<number> {
    const rows = returnedRows<{ locked: boolean | null }>(
      await runner.query(
        `DELETE FROM login_throttle WHERE key LIKE $1 OR key = $2 RETURNING (locked_until > now()) AS locked`,
        [throttleKeys.pairsOf(normalizedEmail), throttleKeys.account(normalizedEmail)],
      ),
    );
    return rows.filter((r) => r.locked === true).length;
  }

  /** Returns the failures counted in the current window (after this one). `lockMinutes` 0: never locks. */
  private async bump(key: string, rule: ThrottleRule): Promise<number> {
    const rows: Array<{ failures: number }> = await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, window_start, failures, locked_until) VALUES ($1, now(), 1, CASE WHEN $4 > 0 AND 1 >= $2 THEN now() + make_interval(mins => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN now() ELSE t.window_start END,
         failures = CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END,
         locked_until = CASE
           WHEN $4 > 0 AND (CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END) >= $2 THEN now() + make_interval(mins => $4)
           ELSE t.locked_until END
       RETURNING failures`,
      [key, rule.maxFailures, rule.windowMinutes, rule.lockMinutes],
    );
    return rows[0]!.failures;
  }
}
