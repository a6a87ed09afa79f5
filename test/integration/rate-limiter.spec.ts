import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { RATE_LIMITS, RateLimiter, rateLimitKey } from '../../libs/identity/src/auth/rate-limiter.js';
import { LoginThrottle, throttleKeys } from '../../libs/identity/src/auth/login-throttle.js';
import { activeSessions, revokeSession, revokeSessionsOf, startSession } from '../../libs/identity/src/auth/session.store.js';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import { openTestDataSource } from '../helpers/test-database.js';

const refusal = async (p: Promise<unknown>): Promise<AppError> => {
  try {
    await p;
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    return err as AppError;
  }
  throw new Error('expected RATE_LIMITED');
};

describe('RateLimiter, LoginThrottle and sessions on real PostgreSQL', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
  });
  afterAll(async () => {
    await close?.();
  });

  it('lets exactly the ceiling through, refuses the next with the time left, and starts over after the window', async () => {
    const limiter = new RateLimiter(dataSource);
    const subject = [{ rule: 'passwordReset.email', subject: 'someone@example.cn' }] as const;
    for (let i = 0; i < RATE_LIMITS['passwordReset.email'].limit; i++) await limiter.consume(subject);
    const err = await refusal(limiter.consume(subject));
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details.retryAfterSeconds).toBeGreaterThan(3500);
    await expect(limiter.check(subject)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    // Another subject of the same rule is its own counter.
    await limiter.consume([{ rule: 'passwordReset.email', subject: 'other@example.cn' }]);
    await dataSource.query(`UPDATE rate_limits SET window_end = now() - interval '1 second' WHERE key = $1`, [rateLimitKey('passwordReset.email', 'someone@example.cn')]);
    await limiter.check(subject);
    await limiter.consume(subject);
    expect(await dataSource.query('SELECT hits FROM rate_limits WHERE key = $1', [rateLimitKey('passwordReset.email', 'someone@example.cn')])).toEqual([{ hits: 1 }]);
  });

  it('counts concurrent attempts from several processes exactly (one upsert per call)', async () => {
    const a = new RateLimiter(dataSource);
    const b = new RateLimiter(dataSource);
    const subject = [{ rule: 'register.address', subject: '198.51.100.9' }] as const;
    const results = await Promise.allSettled(Array.from({ length: 30 }, (_, i) => (i % 2 ? a : b).consume(subject)));
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(RATE_LIMITS['register.address'].limit);
  });

  it('the multiplier raises every ceiling', async () => {
    const limiter = new RateLimiter(dataSource, 3);
    const subject = [{ rule: 'passwordReset.address', subject: '198.51.100.10' }] as const;
    for (let i = 0; i < RATE_LIMITS['passwordReset.address'].limit * 3; i++) await limiter.consume(subject);
    await expect(limiter.consume(subject)).rejects.toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('login: the pair locks, the account ceiling is reported exactly once per window, unlock lifts every pair', async () => {
    const throttle = new LoginThrottle(dataSource, {
      pair: { maxFailures: 2, windowMinutes: 15, lockMinutes: 15 },
      address: { maxFailures: 100, windowMinutes: 15, lockMinutes: 15 },
      account: { maxFailures: 5, windowMinutes: 60 },
    });
    const email = 'pair@example.cn';
    const reached: boolean[] = [];
    for (const address of ['198.51.100.1', '198.51.100.1', '198.51.100.2', '198.51.100.3', '198.51.100.4', '198.51.100.5', '198.51.100.6']) {
      reached.push((await throttle.recordFailure(email, address)).accountCeilingReached);
    }
    expect(reached).toEqual([false, false, false, false, true, false, false]);
    await expect(throttle.check(email, '198.51.100.1')).rejects.toMatchObject({ code: 'RATE_LIMITED' });
    await throttle.check(email, '198.51.100.2');
    expect(await throttle.unlock(email)).toBe(1);
    await throttle.check(email, '198.51.100.1');
    expect(await dataSource.query(`SELECT count(*)::int AS n FROM login_throttle WHERE key LIKE $1 OR key = $2`, [throttleKeys.pairsOf(email), throttleKeys.account(email)])).toEqual([{ n: 0 }]);
  });

  it('sessions: start sweeps the expired ones of that user; revoke one, others or all', async () => {
    const [{ id: orgId }] = await dataSource.query(`INSERT INTO organizations (kind, name, uscc, region_code) VALUES ('BANK', '会话测试银行', '91330203MA2CS0000X', '330203') RETURNING id`);
    const [{ id: userId }] = await dataSource.query(`INSERT INTO users (email, password_hash, display_name, organization_id) VALUES ('s@example.cn', 'x', '会话', $1) RETURNING id`, [orgId]);
    const old = await startSession(dataSource, userId, 3600);
    await dataSource.query(`UPDATE user_sessions SET expires_at = now() - interval '1 second' WHERE id = $1`, [old.id]);
    const a = await startSession(dataSource, userId, 3600);
    expect(await dataSource.query('SELECT id FROM user_sessions WHERE user_id = $1', [userId])).toEqual([{ id: a.id }]);
    const b = await startSession(dataSource, userId, 3600);
    const c = await startSession(dataSource, userId, 3600);
    expect(await revokeSession(dataSource, userId, a.id, 'LOGOUT')).toBe(true);
    expect(await revokeSession(dataSource, userId, a.id, 'LOGOUT')).toBe(false);
    expect(await revokeSessionsOf(dataSource, userId, 'REVOKED_BY_USER', c.id)).toBe(1);
    expect((await activeSessions(dataSource, userId)).map((s) => s.id)).toEqual([c.id]);
    expect(await revokeSessionsOf(dataSource, userId, 'PASSWORD_RESET')).toBe(1);
    expect(await activeSessions(dataSource, userId)).toEqual([]);
    expect(b.expiresAt.getTime()).toBeGreaterThan(Date.now() + 3500_000);
  });
});
