import { createHash } from 'node:crypto';
import type { DataSource } from 'typeorm';
import { AppError } from '../../../platform/src/errors/app-error.js';

export interface ThrottleRule {
  /** Failed sign-ins in the window that lock the key (the attempt after the last one is refused). */
  maxFailures: number;
  windowMinutes: number;
  lockMinutes: number;
}

/**
 * Brute-force protection for `login`: 5 failures for one account, or 30 from one address, within
 * 15 minutes lock that account or address for 15 minutes (even the right password is refused then,
 * so guessing gains nothing). Counters live in PostgreSQL, so every API process shares them.
 */
export const LOGIN_THROTTLE: { account: ThrottleRule; address: ThrottleRule } = {
  account: { maxFailures: 5, windowMinutes: 15, lockMinutes: 15 },
  address: { maxFailures: 30, windowMinutes: 15, lockMinutes: 15 },
};

const accountKey = (normalizedEmail: string) => `account:${createHash('sha256').update(normalizedEmail).digest('hex')}`;
const addressKey = (address: string) => `ip:${address}`;

export class LoginThrottle {
  constructor(
    private readonly dataSource: DataSource,
    private readonly rules = LOGIN_THROTTLE,
  ) {}

  /** RATE_LIMITED while the account or the address is locked. */
  async check(normalizedEmail: string, address: string | undefined): Promise<void> {
    const keys = [accountKey(normalizedEmail), ...(address ? [addressKey(address)] : [])];
    const rows: Array<{ key: string; seconds: number }> = await this.dataSource.query(
      `SELECT key, ceil(extract(epoch FROM locked_until - now()))::int AS seconds FROM login_throttle WHERE key = ANY($1) AND locked_until > now()`,
      [keys],
    );
    if (rows.length === 0) return;
    const seconds = Math.max(...rows.map((r) => r.seconds));
    const minutes = Math.ceil(seconds / 60);
    const byAccount = rows.some((r) => r.key.startsWith('account:'));
    throw new AppError(
      'RATE_LIMITED',
      byAccount
        ? `该账号登录失败次数过多，已暂时锁定，请 ${minutes} 分钟后再试 (too many failed sign-ins for this account; try again in ${minutes} min)`
        : `该网络地址登录失败次数过多，请 ${minutes} 分钟后再试 (too many failed sign-ins from this address; try again in ${minutes} min)`,
      { retryAfterSeconds: seconds },
    );
  }

  async recordFailure(normalizedEmail: string, address: string | undefined): Promise<void> {
    await this.bump(accountKey(normalizedEmail), this.rules.account);
    if (address) await this.bump(addressKey(address), this.rules.address);
  }

  /** A successful sign-in clears the account's failures (not the address's). */
  async recordSuccess(normalizedEmail: string): Promise<void> {
    await this.dataSource.query('DELETE FROM login_throttle WHERE key = $1', [accountKey(normalizedEmail)]);
  }

  private async bump(key: string, rule: ThrottleRule): Promise<void> {
    await this.dataSource.query(
      `INSERT INTO login_throttle AS t (key, window_start, failures, locked_until) VALUES ($1, now(), 1, CASE WHEN 1 >= $2 THEN now() + make_interval(mins => $4) END)
       ON CONFLICT (key) DO UPDATE SET
         window_start = CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN now() ELSE t.window_start END,
         failures = CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END,
         locked_until = CASE
           WHEN (CASE WHEN t.window_start < now() - make_interval(mins => $3) THEN 1 ELSE t.failures + 1 END) >= $2 THEN now() + make_interval(mins => $4)
           ELSE t.locked_until END`,
      [key, rule.maxFailures, rule.windowMinutes, rule.lockMinutes],
    );
  }
}
