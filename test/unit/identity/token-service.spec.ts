import { afterEach, describe, expect, it, jest } from '@jest/globals';
import { TokenService } from '../../../libs/identity/src/auth/token.service.js';

const SECRET = 'unit-secret-unit-secret-unit-secret-0001';
const claims = {
  userId: '11111111-1111-4111-8111-111111111111',
  organizationId: '22222222-2222-4222-8222-222222222222',
  sessionId: '33333333-3333-4333-8333-333333333333',
};

describe('TokenService.verify with its cache of verified tokens', () => {
  afterEach(() => {
    jest.useRealTimers();
  });

  it('answers a token it verified before the same way, until it expires', async () => {
    const tokens = new TokenService(SECRET, 60);
    const before = Date.now();
    const token = await tokens.issue(claims);
    const first = await tokens.verify(token);
    expect(first).toEqual({ ok: true, claims, expiresAt: expect.any(Number) });
    // exp is in whole seconds, 60 s after issue.
    const expiresAt = (first as { expiresAt: number }).expiresAt;
    expect(expiresAt).toBeGreaterThan(before + 58_000);
    expect(expiresAt).toBeLessThanOrEqual(Date.now() + 60_000);
    expect(await tokens.verify(token)).toEqual({ ok: true, claims, expiresAt }); // from the cache
    // Both clocks move: the cache's (Date.now) and jose's (new Date()).
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate', 'queueMicrotask'], now: Date.now() + 61_000 });
    const late = await tokens.verify(token);
    expect(late.ok).toBe(false);
    expect(!late.ok && late.reason).toMatch(/expired/);
  });

  it('never lets a cached token vouch for a different string', async () => {
    const tokens = new TokenService(SECRET, 60);
    const token = await tokens.issue(claims);
    await tokens.verify(token);
    const [header, payload, signature] = token.split('.');
    const other = Buffer.from(JSON.stringify({ ...JSON.parse(Buffer.from(payload!, 'base64url').toString()), org: 'x' })).toString('base64url');
    expect((await tokens.verify(`${header}.${other}.${signature}`)).ok).toBe(false);
    expect((await new TokenService('another-secret-another-secret-another-01', 60).verify(token)).ok).toBe(false);
  });

  it('carries the session id (sid) and expires with the session it names', async () => {
    const tokens = new TokenService(SECRET, 3600);
    const expiresAt = new Date(Date.now() + 120_000);
    const check = await tokens.verify(await tokens.issue({ ...claims, expiresAt }));
    expect(check).toEqual({ ok: true, claims, expiresAt: Math.floor(expiresAt.getTime() / 1000) * 1000 });
  });

  it('refuses a sid that is not a uuid (it goes into SQL)', async () => {
    const tokens = new TokenService(SECRET, 60);
    const { SignJWT } = await import('jose');
    const forged = await new SignJWT({ org: claims.organizationId, sid: "x' OR 1=1" })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(claims.userId)
      .setIssuer('srdi-match')
      .setAudience('srdi-match-api')
      .setExpirationTime('1m')
      .sign(new TextEncoder().encode(SECRET));
    expect((await tokens.verify(forged)).ok).toBe(false);
  });
});
