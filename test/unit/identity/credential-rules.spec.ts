import { describe, expect, it } from '@jest/globals';
import { checkEmailShape, checkNewPassword, padToFloor, resetTokenProblem, RESET_ANSWER_FLOOR_MS, RESET_TOKEN_MINUTES } from '../../../libs/identity/src/auth/credential-rules.js';
import { hashSecretToken, isWellFormedSecretToken, newSecretToken } from '../../../libs/identity/src/auth/session.store.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';

const fieldOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(AppError);
    expect((err as AppError).code).toBe('BAD_USER_INPUT');
    return (err as AppError).details.field as string;
  }
  return undefined;
};

describe('new passwords follow the register rules', () => {
  it.each([
    ['9 characters', 'a'.repeat(9), 'next'],
    ['10 characters', 'a'.repeat(10), undefined],
    ['1024 characters', 'a'.repeat(1024), undefined],
    ['1025 characters', 'a'.repeat(1025), 'next'],
  ])('%s', (_name, password, field) => {
    expect(fieldOf(() => checkNewPassword(password, 'next'))).toBe(field);
  });
});

describe('e-mail shape', () => {
  it.each([
    [' Someone@Example.COM ', 'someone@example.com'],
    ['a@b.cn', 'a@b.cn'],
  ])('%p → %p', (email, normalized) => {
    expect(checkEmailShape(email, 'email')).toBe(normalized);
  });
  it.each(['', 'no-at-sign', 'a@b', `${'a'.repeat(250)}@b.cn`, 'x'.repeat(400)])('%p is refused on field email', (email) => {
    expect(fieldOf(() => checkEmailShape(email, 'email'))).toBe('email');
  });
});

describe('reset tokens', () => {
  it('are 256-bit base64url secrets; only their SHA-256 is stored', () => {
    const a = newSecretToken();
    const b = newSecretToken();
    expect(a.raw).not.toBe(b.raw);
    expect(isWellFormedSecretToken(a.raw)).toBe(true);
    expect(a.hash).toBe(hashSecretToken(a.raw));
    expect(a.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(a.hash).not.toContain(a.raw);
  });

  it.each(['', 'short', `${'A'.repeat(42)}=`, 'A'.repeat(44), `${'A'.repeat(42)} `])('%p is not well formed', (raw) => {
    expect(isWellFormedSecretToken(raw)).toBe(false);
  });

  it.each([
    ['unknown (forged)', undefined, /重置链接无效/],
    ['used', { used: true, expired: false }, /已使用/],
    ['used and expired: used wins', { used: true, expired: true }, /已使用/],
    ['expired', { used: false, expired: true }, new RegExp(`已过期（有效期 ${RESET_TOKEN_MINUTES} 分钟）`)],
  ])('%s → a precise reason', (_name, row, reason) => {
    expect(resetTokenProblem(row)).toMatch(reason);
  });

  it('an open, unexpired token has no problem', () => {
    expect(resetTokenProblem({ used: false, expired: false })).toBeUndefined();
  });
});

describe('requestPasswordReset answers no sooner than the floor, known address or not', () => {
  /** A clock reading `at`, and a wait that records instead of waiting. */
  const clock = (at: number) => {
    const waits: number[] = [];
    return { now: () => at, wait: async (ms: number) => void waits.push(ms), waits };
  };

  it('waits out what is left of the floor', async () => {
    const c = clock(1_010);
    expect(await padToFloor(1_000, RESET_ANSWER_FLOOR_MS, c.now, c.wait)).toBe(RESET_ANSWER_FLOOR_MS - 10);
    expect(c.waits).toEqual([RESET_ANSWER_FLOOR_MS - 10]);
  });

  it('does not wait once the floor has passed', async () => {
    for (const at of [1_000 + RESET_ANSWER_FLOOR_MS, 1_000 + RESET_ANSWER_FLOOR_MS + 500]) {
      const c = clock(at);
      expect(await padToFloor(1_000, RESET_ANSWER_FLOOR_MS, c.now, c.wait)).toBe(0);
      expect(c.waits).toEqual([]);
    }
  });

  it('the floor is 250 ms', () => expect(RESET_ANSWER_FLOOR_MS).toBe(250));
});
