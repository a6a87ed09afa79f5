import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { registerOrg, sql, type Org } from '../helpers/listing-fixtures.js';
import { LOGIN_THROTTLE } from '../../libs/identity/src/auth/login-throttle.js';

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;

/** Brute-force protection of `login`, through the running API (one client address: 127.0.0.1). */
describe('login throttling per account and per address', () => {
  let app: TestApp;
  let victim: Org & { email?: string };
  let other: Org;
  const emailOf = async (org: Org): Promise<string> => (await sql(app, 'SELECT email FROM users WHERE organization_id = $1', [org.organizationId]))[0].email;
  const login = (email: string, password: string) => app.gql(LOGIN, { i: { email, password } });

  beforeAll(async () => {
    app = await startTestApp();
    victim = await registerOrg(app, 'ENTERPRISE');
    other = await registerOrg(app, 'BANK');
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`locks an account after ${LOGIN_THROTTLE.account.maxFailures} failures, even for the right password, and says when to retry`, async () => {
    const email = await emailOf(victim);
    for (let i = 0; i < LOGIN_THROTTLE.account.maxFailures; i++) {
      expect((await login(email, `wrong-password-${i}`)).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    for (const password of ['wrong-password-x', 'listing-password-1']) {
      const err = (await login(email.toUpperCase(), password)).errors?.[0];
      expect(err?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(err?.extensions?.retryAfterSeconds).toBeGreaterThan(LOGIN_THROTTLE.account.lockMinutes * 60 - 30);
      expect(err?.message).toMatch(/该账号登录失败次数过多.*too many failed sign-ins for this account/);
    }
    // Another account from the same address is not affected, and its success clears nothing of the victim's lock.
    expect((await login(await emailOf(other), 'listing-password-1')).errors).toBeUndefined();
    expect((await login(email, 'listing-password-1')).errors?.[0]?.extensions?.code).toBe('RATE_LIMITED');
    // When the lock has run out (moved into the past here), the right password works and clears the count.
    await sql(app, `UPDATE login_throttle SET locked_until = now() - interval '1 second', window_start = now() - interval '1 hour'`);
    expect((await login(email, 'listing-password-1')).errors).toBeUndefined();
    expect((await sql(app, `SELECT count(*)::int AS n FROM login_throttle WHERE key LIKE 'account:%'`))[0].n).toBe(0);
  });

  it(`locks an address after ${LOGIN_THROTTLE.address.maxFailures} failures across accounts`, async () => {
    await sql(app, 'DELETE FROM login_throttle');
    for (let i = 0; i < LOGIN_THROTTLE.address.maxFailures; i++) {
      // Different (unknown) accounts each time, so only the address counter can trip.
      expect((await login(`nobody-${i}@example.com`, 'some-password-1')).errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
    }
    const err = (await login(await emailOf(other), 'listing-password-1')).errors?.[0];
    expect(err?.extensions?.code).toBe('RATE_LIMITED');
    expect(err?.message).toMatch(/该网络地址登录失败次数过多/);
    // The audit log shows the attempts and the refusals, never the passwords.
    const outcomes = await sql(app, `SELECT outcome, count(*)::int AS n FROM audit_log WHERE operation = 'login' GROUP BY 1`);
    expect(Object.fromEntries(outcomes.map((o: { outcome: string; n: number }) => [o.outcome, o.n]))).toMatchObject({ RATE_LIMITED: 4 });
    const [{ dump }] = await sql(app, `SELECT string_agg(a::text, '|') AS dump FROM audit_log a`);
    expect(dump).not.toContain('some-password-1');
    expect(dump).not.toContain('wrong-password');
  });
});
