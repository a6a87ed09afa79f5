import { badInput } from '../../../platform/src/index.js';
import { MIN_PASSWORD_LENGTH } from './password-hasher.js';

/** A reset link lives 30 minutes. */
export const RESET_TOKEN_MINUTES = 30;

/**
 * requestPasswordReset answers no sooner than this, known address or not: the mail's writes for a
 * known address take a few milliseconds, which would otherwise tell the two apart.
 */
export const RESET_ANSWER_FLOOR_MS = 250;

/**
 * Waits out what is left of `floorMs` since `started` (a `now()` reading); returns the wait in ms,
 * 0 when the floor has already passed. The clock and the wait are parameters so a test can show
 * the padding without timing anything.
 */
export async function padToFloor(
  started: number,
  floorMs = RESET_ANSWER_FLOOR_MS,
  now: () => number = Date.now,
  wait: (ms: number) => Promise<unknown> = (ms) => new Promise((r) => setTimeout(r, ms)),
): Promise<number> {
  const left = floorMs - (now() - started);
  if (left <= 0) return 0;
  await wait(left);
  return left;
}

const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The same length rules as register; BAD_USER_INPUT on `field`. */
export function checkNewPassword(password: string, field: string): void {
  if (password.length > 1024) throw badInput('密码过长 (password is longer than 1024 characters)', field);
  if (password.length < MIN_PASSWORD_LENGTH) {
    throw badInput(`密码至少 ${MIN_PASSWORD_LENGTH} 个字符 (password must be at least ${MIN_PASSWORD_LENGTH} characters)`, field);
  }
}

/** Normalised e-mail (trimmed, lower case) of a well-formed address; BAD_USER_INPUT on `field` otherwise. */
export function checkEmailShape(email: string, field: string): string {
  if (email.length > 320) throw badInput('邮箱格式不正确 (email is not a valid address)', field);
  const normalized = email.trim().toLowerCase();
  if (!EMAIL.test(normalized) || normalized.length > 254) throw badInput('邮箱格式不正确 (email is not a valid address)', field);
  return normalized;
}

/** A token that was never issued (forged, mistyped, truncated). */
export const INVALID_RESET_TOKEN = '重置链接无效，请重新申请重置密码 (the reset token is not valid; request a new reset link)';

/** Why a presented reset token cannot be used, or undefined when it can. `row` undefined: no such token. */
export function resetTokenProblem(row: { used: boolean; expired: boolean } | undefined): string | undefined {
  if (!row) return INVALID_RESET_TOKEN;
  if (row.used) return '重置链接已使用或已被更新的链接取代，请重新申请 (the reset link was already used or superseded; request a new one)';
  if (row.expired) return `重置链接已过期（有效期 ${RESET_TOKEN_MINUTES} 分钟），请重新申请 (the reset link expired after ${RESET_TOKEN_MINUTES} minutes; request a new one)`;
  return undefined;
}
