import { describe, expect, it } from '@jest/globals';
import { RATE_LIMITS, ceilingOf, exceeded, rateLimitKey, rateLimited, type RateLimitName } from '../../../libs/identity/src/auth/rate-limiter.js';
import { LOGIN_THROTTLE, lockedError, throttleKeys } from '../../../libs/identity/src/auth/login-throttle.js';

describe('RateLimiter rules', () => {
  it.each(Object.entries(RATE_LIMITS))('%s has a positive ceiling and window', (_name, rule) => {
    expect(rule.limit).toBeGreaterThan(0);
    expect(rule.windowMinutes).toBeGreaterThan(0);
  });

  it('throttles register, password reset and invitations per address and per target', () => {
    const names = Object.keys(RATE_LIMITS);
    for (const op of ['register', 'passwordReset', 'inviteMember']) {
      expect(names).toContain(`${op}.address`);
      expect(names.filter((n) => n.startsWith(`${op}.`) && n !== `${op}.address`).length).toBeGreaterThan(0);
    }
    expect(RATE_LIMITS['register.address']).toEqual({ limit: 10, windowMinutes: 60 });
    expect(RATE_LIMITS['passwordReset.address']).toEqual({ limit: 5, windowMinutes: 60 });
    expect(RATE_LIMITS['passwordReset.email']).toEqual({ limit: 3, windowMinutes: 60 });
  });

  it.each([
    ['register.address', 1, 10],
    ['register.address', 1000, 10_000],
    ['passwordReset.email', 2, 6],
  ] as Array<[RateLimitName, number, number]>)('ceilingOf(%s, ×%d) = %d', (rule, multiplier, ceiling) => {
    expect(ceilingOf(rule, multiplier)).toBe(ceiling);
  });

  it('keys hash the subject: no address or e-mail in clear, distinct per rule and subject', () => {
    const a = rateLimitKey('passwordReset.email', 'someone@example.com');
    expect(a).toMatch(/^passwordReset\.email:[0-9a-f]{32}$/);
    expect(a).not.toContain('someone');
    expect(rateLimitKey('passwordReset.email', 'someone@example.com')).toBe(a);
    expect(rateLimitKey('register.email', 'someone@example.com')).not.toBe(a);
    expect(rateLimitKey('passwordReset.email', 'other@example.com')).not.toBe(a);
  });

  const ceilings = new Map([
    ['a', 3],
    ['b', 5],
  ]);
  it.each([
    ['all under', [{ key: 'a', hits: 3, seconds: 100 }, { key: 'b', hits: 5, seconds: 50 }], undefined],
    ['one over', [{ key: 'a', hits: 4, seconds: 100 }, { key: 'b', hits: 1, seconds: 3000 }], 100],
    ['both over: the longest wait', [{ key: 'a', hits: 4, seconds: 100 }, { key: 'b', hits: 6, seconds: 3000 }], 3000],
  ])('exceeded: %s', (_name, counters, wait) => {
    expect(exceeded(counters, ceilings)).toBe(wait);
  });

  it('RATE_LIMITED carries retryAfterSeconds and one text for every rule', () => {
    const err = rateLimited(61.2);
    expect(err.code).toBe('RATE_LIMITED');
    expect(err.details).toEqual({ retryAfterSeconds: 62 });
    expect(err.message).toBe('操作过于频繁，请 2 分钟后再试 (too many attempts; try again in 2 min)');
    expect(rateLimited(0).details).toEqual({ retryAfterSeconds: 1 });
  });
});

describe('login throttle rules', () => {
  it('locks pairs and addresses, never a whole account', () => {
    expect(LOGIN_THROTTLE.pair).toEqual({ maxFailures: 5, windowMinutes: 15, lockMinutes: 15 });
    expect(LOGIN_THROTTLE.address.maxFailures).toBe(30);
    expect(LOGIN_THROTTLE.account).toEqual({ maxFailures: 100, windowMinutes: 60 });
    expect(LOGIN_THROTTLE.account).not.toHaveProperty('lockMinutes');
  });

  it('pair keys differ per address, share the account prefix, and hold no e-mail or address in clear', () => {
    const a = throttleKeys.pair('victim@example.com', '203.0.113.1');
    const b = throttleKeys.pair('victim@example.com', '198.51.100.7');
    expect(a).not.toBe(b);
    for (const k of [a, b]) {
      expect(k).not.toContain('victim');
      expect(k).not.toContain('203.0.113');
      expect(k.startsWith(throttleKeys.pairsOf('victim@example.com').slice(0, -1))).toBe(true);
    }
    expect(throttleKeys.pair('victim@example.com', undefined)).toMatch(/^pair:[0-9a-f]{64}:[0-9a-f]{16}$/);
    expect(throttleKeys.account('victim@example.com')).toMatch(/^account:[0-9a-f]{64}$/);
  });

  it('says how long, and never whether the account exists', () => {
    const pair = lockedError(899, true);
    expect(pair.details).toEqual({ retryAfterSeconds: 899 });
    expect(pair.message).toMatch(/该账号在当前网络地址登录失败次数过多.*15 分钟/);
    expect(lockedError(60, false).message).toMatch(/该网络地址登录失败次数过多，请 1 分钟后再试/);
  });
});
