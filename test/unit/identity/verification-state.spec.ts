import { describe, expect, it } from '@jest/globals';
import {
  VERIFICATION_ACTIONS,
  VERIFICATION_STATES,
  verificationTransition,
  type VerificationAction,
  type VerificationState,
} from '../../../libs/identity/src/verification/verification-state.js';
import { escapeLike, validateReason } from '../../../libs/identity/src/verification/verification.service.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';

/**
 * The verification state machine written out by hand: every (state, action) pair, allowed or not.
 * '=' is verifying a VERIFIED organization again (a no-op); '-' is CONFLICT.
 */
const TABLE: Record<VerificationState, Record<VerificationAction, VerificationState | '=' | '-'>> = {
  PENDING: { VERIFY: 'VERIFIED', REJECT: 'REJECTED', REQUEST_INFO: 'NEEDS_INFO', REVOKE: '-', RESUBMIT: '-', RELEASE_USCC: 'REJECTED' },
  NEEDS_INFO: { VERIFY: 'VERIFIED', REJECT: 'REJECTED', REQUEST_INFO: '-', REVOKE: '-', RESUBMIT: 'PENDING', RELEASE_USCC: 'REJECTED' },
  VERIFIED: { VERIFY: '=', REJECT: '-', REQUEST_INFO: '-', REVOKE: 'REVOKED', RESUBMIT: '-', RELEASE_USCC: '-' },
  REJECTED: { VERIFY: '-', REJECT: '-', REQUEST_INFO: '-', REVOKE: '-', RESUBMIT: 'PENDING', RELEASE_USCC: 'REJECTED' },
  REVOKED: { VERIFY: '-', REJECT: '-', REQUEST_INFO: '-', REVOKE: '-', RESUBMIT: 'PENDING', RELEASE_USCC: 'REJECTED' },
};

const cases = VERIFICATION_STATES.flatMap((from) => VERIFICATION_ACTIONS.map((action) => ({ from, action, expected: TABLE[from][action] })));

describe('verification state machine', () => {
  it('covers every state and action', () => {
    expect(cases).toHaveLength(VERIFICATION_STATES.length * VERIFICATION_ACTIONS.length);
  });

  it.each(cases)('$from --$action--> $expected', ({ from, action, expected }) => {
    const t = verificationTransition(from, action);
    if (expected === '-') {
      expect(t).toMatchObject({ ok: false, code: 'CONFLICT' });
      const message = (t as { message: string }).message;
      expect(message).toContain(from);
      expect(message).toContain(action);
      expect(message).toMatch(/[\u4e00-\u9fff]/);
    } else if (expected === '=') {
      expect(t).toEqual({ ok: true, unchanged: true, to: from });
    } else {
      expect(t).toEqual({ ok: true, to: expected });
    }
  });

  it('refuses revoking twice and resubmitting a VERIFIED organization', () => {
    const revoked = verificationTransition('VERIFIED', 'REVOKE');
    expect(revoked).toEqual({ ok: true, to: 'REVOKED' });
    expect(verificationTransition('REVOKED', 'REVOKE')).toMatchObject({ ok: false, code: 'CONFLICT' });
    expect(verificationTransition('VERIFIED', 'RESUBMIT')).toMatchObject({ ok: false, code: 'CONFLICT' });
  });

  it('walks the journeys of the desk', () => {
    const walk = (from: VerificationState, actions: VerificationAction[]) =>
      actions.reduce<VerificationState>((s, a) => {
        const t = verificationTransition(s, a);
        if (!t.ok) throw new Error(t.message);
        return t.to;
      }, from);
    expect(walk('PENDING', ['REQUEST_INFO', 'RESUBMIT', 'VERIFY'])).toBe('VERIFIED');
    expect(walk('PENDING', ['REJECT', 'RESUBMIT', 'VERIFY'])).toBe('VERIFIED');
    expect(walk('VERIFIED', ['REVOKE', 'RESUBMIT', 'VERIFY'])).toBe('VERIFIED');
  });
});

describe('decision reasons', () => {
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (err) {
      return [(err as AppError).code, (err as AppError).details.field];
    }
    return null;
  };
  it.each([
    ['missing', undefined, true, ['BAD_USER_INPUT', 'reason']],
    ['empty', '   ', true, ['BAD_USER_INPUT', 'reason']],
    ['501 characters', '因'.repeat(501), true, ['BAD_USER_INPUT', 'reason']],
    ['not a string', 42, true, ['BAD_USER_INPUT', 'reason']],
    ['500 characters', '因'.repeat(500), true, null],
    ['1 character', '缺', true, null],
    ['optional and missing', null, false, null],
  ])('%s', (_what, value, required, expected) => {
    expect(code(() => validateReason(value, 'reason', required))).toEqual(expected);
  });

  it('trims, and counts characters rather than UTF-16 units', () => {
    expect(validateReason('  营业执照不清晰  ', 'reason', true)).toBe('营业执照不清晰');
    expect(validateReason('𠀀'.repeat(500), 'reason', true)).toHaveLength(1000);
  });
});

describe('escapeLike', () => {
  it.each([
    ['100%', '100\\%'],
    ['a_b', 'a\\_b'],
    ['c:\\x', 'c:\\\\x'],
    ['宁波', '宁波'],
  ])('%s → %s', (input, expected) => {
    expect(escapeLike(input)).toBe(expected);
  });
});
