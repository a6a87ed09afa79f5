import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { registerOrg, sql, usccTag, type Org } from '../helpers/listing-fixtures.js';
import { LOGIN_THROTTLE } from '../../libs/identity/src/auth/login-throttle.js';
import { RATE_LIMITS } from '../../libs/identity/src/auth/rate-limiter.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;

/**
 * Throttles through the running API. The app trusts X-Forwarded-For from loopback (TRUST_PROXY), so
 * each request names its client address, and runs with the production ceilings (RATE_LIMIT_MULTIPLIER=1).
 */
describe('throttles that cannot be turned against their users', () => {
  let app: TestApp;
  let victim: Org;
  let other: Org;
  let nextAddress = 1;
  /** A fresh client address (TEST-NET-3) per call. */
  const newAddress = () => `203.0.113.${nextAddress++}`;

  async function gqlFrom<T = Record<string, any>>(address: string, query: string, variables: Record<string, unknown> = {}): Promise<GraphQLResponse<T>> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
      body: JSON.stringify({ query, variables }),
    });
    return { status: res.status, ...((await res.json()) as Omit<GraphQLResponse<T>, 'status'>) };
  }
  const login = (address: string, email: string, password: string) => gqlFrom(address, LOGIN, { i: { email, password } });
  const code = (res: GraphQLResponse) => res.errors?.[0]?.extensions?.code;
  const count = async (table: string, where = 'true', params: unknown[] = []) =>
    (await sql(app, `SELECT count(*)::int AS n FROM ${table} WHERE ${where}`, params))[0].n as number;

  beforeAll(async () => {
    app = await startTestApp({ env: { TRUST_PROXY: 'loopback', RATE_LIMIT_MULTIPLIER: '1' } });
    victim = await registerOrg(app, 'ENTERPRISE');
    other = await registerOrg(app, 'BANK');
  });
  afterAll(async () => {
    await app?.close();
  });

  it(`locks the (account, address) pair after ${LOGIN_THROTTLE.pair.maxFailures} failures, even for the right password there; the owner signs in from elsewhere`, async () => {
    const attacker = newAddress();
    for (let i = 0; i < LOGIN_THROTTLE.pair.maxFailures; i++) {
      expect(code(await login(attacker, victim.email, `wrong-password-${i}`))).toBe('UNAUTHENTICATED');
    }
    for (const password of ['wrong-password-x', victim.password]) {
      const err = (await login(attacker, victim.email.toUpperCase(), password)).errors?.[0];
      expect(err?.extensions).toMatchObject({ code: 'RATE_LIMITED' });
      expect(err?.extensions?.retryAfterSeconds).toBeGreaterThan(LOGIN_THROTTLE.pair.lockMinutes * 60 - 30);
      expect(err?.message).toMatch(/该账号在当前网络地址登录失败次数过多.*too many failed sign-ins for this account from this address/);
    }
    // The owner, from its own address, is not locked out.
    expect((await login(newAddress(), victim.email, victim.password)).errors).toBeUndefined();
    // Another account from the attacker's address is not affected.
    expect((await login(attacker, other.email, other.password)).errors).toBeUndefined();
    expect(code(await login(attacker, victim.email, victim.password))).toBe('RATE_LIMITED');
    // When the lock has run out (moved into the past here), the right password works there and clears the pair.
    await sql(app, `UPDATE login_throttle SET locked_until = now() - interval '1 second', window_start = now() - interval '1 hour' WHERE key LIKE 'pair:%'`);
    expect((await login(attacker, victim.email, victim.password)).errors).toBeUndefined();
    expect(await count('login_throttle', `key LIKE 'pair:%' AND failures > 0 AND locked_until > now()`)).toBe(0);
  });

  it('the AUTHORITY cannot be locked out from another address: 50 failures at A, the AUTHORITY signs in at B; A learns nothing about the address', async () => {
    const a = newAddress();
    const answers: string[] = [];
    for (let i = 0; i < 50; i++) {
      const res = await login(a, TEST_AUTHORITY.email, `guess-${i}-password`);
      expect(['UNAUTHENTICATED', 'RATE_LIMITED']).toContain(code(res));
      answers.push(res.errors![0]!.message.replace(/\d+/g, 'N'));
    }
    expect((await login(newAddress(), TEST_AUTHORITY.email, TEST_AUTHORITY.password)).errors).toBeUndefined();
    // The same sequence of answers for an address nobody has: no text confirms the AUTHORITY's.
    const b = newAddress();
    const unknown: string[] = [];
    for (let i = 0; i < 50; i++) unknown.push((await login(b, 'nobody-at-all@authority.test', `guess-${i}-password`)).errors![0]!.message.replace(/\d+/g, 'N'));
    expect(unknown).toEqual(answers);
  });

  it(`locks an address after ${LOGIN_THROTTLE.address.maxFailures} failures across accounts`, async () => {
    const spray = newAddress();
    for (let i = 0; i < LOGIN_THROTTLE.address.maxFailures; i++) {
      // Different (unknown) accounts each time, so only the address counter can trip.
      expect(code(await login(spray, `nobody-${i}@example.com`, 'some-password-1'))).toBe('UNAUTHENTICATED');
    }
    const err = (await login(spray, other.email, other.password)).errors?.[0];
    expect(err?.extensions?.code).toBe('RATE_LIMITED');
    expect(err?.message).toMatch(/该网络地址登录失败次数过多/);
    expect((await login(newAddress(), other.email, other.password)).errors).toBeUndefined();
    // The audit log shows the attempts and the refusals, never the passwords.
    const [{ dump }] = await sql(app, `SELECT string_agg(a::text, '|') AS dump FROM audit_log a`);
    expect(dump).not.toContain('some-password-1');
    expect(dump).not.toContain('wrong-password');
  });

  it(`${LOGIN_THROTTLE.account.maxFailures} failures for one account from many addresses lock nothing and alert the AUTHORITY once, without the e-mail`, async () => {
    const target = await registerOrg(app, 'SERVICE_PROVIDER');
    const perAddress = LOGIN_THROTTLE.pair.maxFailures - 1;
    let failures = 0;
    while (failures < LOGIN_THROTTLE.account.maxFailures + 5) {
      const address = newAddress();
      for (let i = 0; i < perAddress && failures < LOGIN_THROTTLE.account.maxFailures + 5; i++, failures++) {
        expect(code(await login(address, target.email, `spread-guess-${failures}`))).toBe('UNAUTHENTICATED');
      }
    }
    expect((await login(newAddress(), target.email, target.password)).errors).toBeUndefined();
    await app.drain();
    const notes = await sql(
      app,
      `SELECT n.title, n.body FROM notifications n JOIN organizations o ON o.id = n.organization_id WHERE o.kind = 'AUTHORITY' AND n.kind = 'account.sign-in-failures'`,
    );
    expect(notes).toHaveLength(1);
    expect(notes[0].body).toContain(target.userId);
    expect(`${notes[0].title}${notes[0].body}`).not.toContain(target.email);
  });

  it(`register: ${RATE_LIMITS['register.address'].limit} per hour per address → RATE_LIMITED with retryAfterSeconds, nothing written`, async () => {
    const address = newAddress();
    const registration = () => {
      const tag = usccTag();
      return {
        email: `throttle-${tag.toLowerCase()}@throttle.test`,
        password: 'throttle-password-1',
        displayName: `限流 ${tag}`,
        organization: { kind: 'ENTERPRISE', name: `余姚市限流测试${tag}有限公司`, uscc: makeUscc('91', '330281', tag), regionCode: '330281' },
      };
    };
    for (let i = 0; i < RATE_LIMITS['register.address'].limit; i++) expect((await gqlFrom(address, REGISTER, { i: registration() })).errors).toBeUndefined();
    // Workers write events of their own (notification.created) after each registration: let them finish first.
    await app.drain();
    const orgs = await count('organizations');
    const events = await count('outbox_events');
    const refused = await gqlFrom(address, REGISTER, { i: registration() });
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(refused.errors![0]!.extensions!.retryAfterSeconds).toBeGreaterThan(3000);
    expect(refused.errors![0]!.message).toMatch(/^操作过于频繁，请 \d+ 分钟后再试/);
    expect([await count('organizations'), await count('outbox_events')]).toEqual([orgs, events]);
    // Another address is not affected.
    expect((await gqlFrom(newAddress(), REGISTER, { i: registration() })).errors).toBeUndefined();
  });

  it('register: per e-mail across addresses; an existing address (the AUTHORITY\'s) is throttled exactly like an unknown one', async () => {
    const attempt = (email: string) => {
      const tag = usccTag();
      return gqlFrom(newAddress(), REGISTER, {
        i: { email, password: 'throttle-password-1', displayName: '限流', organization: { kind: 'BANK', name: `限流测试${tag}银行支行`, uscc: makeUscc('91', '330281', tag), regionCode: '330281' } },
      });
    };
    const limit = RATE_LIMITS['register.email'].limit;
    for (let i = 0; i < limit; i++) await attempt(TEST_AUTHORITY.email);
    const unknownEmail = `fresh-${usccTag().toLowerCase()}@throttle.test`;
    for (let i = 0; i < limit; i++) await attempt(unknownEmail);
    const a = await attempt(TEST_AUTHORITY.email);
    const b = await attempt(unknownEmail);
    expect(code(a)).toBe('RATE_LIMITED');
    expect(code(b)).toBe('RATE_LIMITED');
    expect(a.errors![0]!.message).toBe(b.errors![0]!.message);
    expect(await count('users', 'email = $1', [unknownEmail])).toBe(1); // the first attempt registered it; later ones did nothing
  });

  it('requestPasswordReset: 3 per e-mail and 5 per address per hour; the refusal is the same for known and unknown addresses and writes nothing', async () => {
    const known = await registerOrg(app, 'PARK_OPERATOR');
    const unknown = `nobody-${usccTag().toLowerCase()}@throttle.test`;
    for (let i = 0; i < RATE_LIMITS['passwordReset.email'].limit; i++) {
      expect((await gqlFrom(newAddress(), REQUEST_RESET, { e: known.email })).data).toEqual({ requestPasswordReset: true });
      expect((await gqlFrom(newAddress(), REQUEST_RESET, { e: unknown })).data).toEqual({ requestPasswordReset: true });
    }
    const tokens = await count('password_reset_tokens');
    const mails = await count('mail_messages');
    const a = await gqlFrom(newAddress(), REQUEST_RESET, { e: known.email });
    const b = await gqlFrom(newAddress(), REQUEST_RESET, { e: unknown });
    expect(a.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(b.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect(a.errors![0]!.message).toBe(b.errors![0]!.message);
    expect([await count('password_reset_tokens'), await count('mail_messages')]).toEqual([tokens, mails]);

    const address = newAddress();
    for (let i = 0; i < RATE_LIMITS['passwordReset.address'].limit; i++) {
      expect(code(await gqlFrom(address, REQUEST_RESET, { e: `someone-${i}-${usccTag().toLowerCase()}@throttle.test` }))).toBeUndefined();
    }
    expect(code(await gqlFrom(address, REQUEST_RESET, { e: `someone-else-${usccTag().toLowerCase()}@throttle.test` }))).toBe('RATE_LIMITED');
  });

  it(`changePassword: ${RATE_LIMITS['changePassword.user'].limit} wrong current passwords per hour, then even the right one is refused (a stolen token is no password oracle)`, async () => {
    const org = await registerOrg(app, 'ANCHOR_ENTERPRISE');
    const CHANGE = `mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }`;
    const change = (c: string) => app.gql(CHANGE, { c, n: 'a-brand-new-password-1' }, org.token);
    for (let i = 0; i < RATE_LIMITS['changePassword.user'].limit; i++) {
      expect((await change(`wrong-current-${i}`)).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'current' });
    }
    const [{ password_hash: before }] = await sql(app, 'SELECT password_hash FROM users WHERE id = $1', [org.userId]);
    const refused = await change(org.password);
    expect(refused.errors?.[0]?.extensions).toMatchObject({ code: 'RATE_LIMITED', retryAfterSeconds: expect.any(Number) });
    expect((await sql(app, 'SELECT password_hash FROM users WHERE id = $1', [org.userId]))[0].password_hash).toBe(before);
  });
});
