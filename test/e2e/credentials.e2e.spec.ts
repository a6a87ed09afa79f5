import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { createClient } from 'graphql-ws';
import WebSocket from 'ws';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { startMailbox, tokenIn, type Mailbox } from '../helpers/mailbox.js';
import { loginAuthority, registerOrg, sql } from '../helpers/listing-fixtures.js';
import { expectError as error } from '../helpers/expect-error.js';

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const ME = `{ me { id email } }`;
const SESSIONS = `{ sessions { id createdAt expiresAt current } }`;
const LOGOUT = `mutation { logout }`;
const REVOKE_OTHERS = `mutation { revokeOtherSessions }`;
const CHANGE = `mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }`;
const REQUEST_RESET = `mutation($e: String!) { requestPasswordReset(email: $e) }`;
const RESET = `mutation($t: String!, $n: String!) { resetPassword(token: $t, next: $n) }`;
const UNLOCK = `mutation($u: ID!) { unlockAccount(userId: $u) }`;
const SESSION_ENDED = /^会话已失效，请重新登录/;

const sidOf = (token: string): string => JSON.parse(Buffer.from(token.split('.')[1]!, 'base64url').toString()).sid;


/** Sessions, password change and reset, logout and unlocking, through the running API with a real SMTP server. */
describe('credentials and sessions', () => {
  let app: TestApp;
  let mailbox: Mailbox;
  const login = async (email: string, password: string): Promise<string> => {
    const res = await app.gql(LOGIN, { i: { email, password } });
    expect(res.errors).toBeUndefined();
    return res.data!.login.accessToken as string;
  };
  const refused = async (token: string) => expect(error(await app.gql(ME, {}, token), 'UNAUTHENTICATED').message).toMatch(SESSION_ENDED);
  const works = async (token: string) => expect((await app.gql(ME, {}, token)).errors).toBeUndefined();

  beforeAll(async () => {
    mailbox = await startMailbox();
    app = await startTestApp({ env: { SMTP_URL: mailbox.smtpUrl, WS_SESSION_RECHECK_SECONDS: '1' } });
  });
  afterAll(async () => {
    await app?.close();
    await mailbox?.close();
  });

  it('register and login each start a session; the token names it; sessions lists the active ones', async () => {
    const org = await registerOrg(app, 'ENTERPRISE');
    const second = await login(org.email, org.password);
    const rows = await sql(app, 'SELECT id, revoked_at, expires_at FROM user_sessions WHERE user_id = $1 ORDER BY created_at', [org.userId]);
    expect(rows.map((r) => r.id)).toEqual([sidOf(org.token), sidOf(second)]);
    const list = (await app.gql(SESSIONS, {}, second)).data!.sessions as Array<{ id: string; current: boolean; expiresAt: string }>;
    expect(list.map((s) => [s.id, s.current])).toEqual([
      [sidOf(second), true],
      [sidOf(org.token), false],
    ]);
    // The session expires with its token.
    const exp = JSON.parse(Buffer.from(second.split('.')[1]!, 'base64url').toString()).exp as number;
    expect(Math.abs(new Date(list[0]!.expiresAt).getTime() / 1000 - exp)).toBeLessThan(1);
  });

  it('a token without a session (sid) is refused with 会话已失效', async () => {
    const org = await registerOrg(app, 'BANK');
    const token = await new SignJWT({ org: org.organizationId })
      .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
      .setSubject(org.userId)
      .setIssuer('srdi-match')
      .setAudience('srdi-match-api')
      .setExpirationTime('1h')
      .sign(new TextEncoder().encode('test-secret-test-secret-test-secret-0123'));
    await refused(token);
  });

  it('changePassword: wrong current or short next → BAD_USER_INPUT, nothing changes; then the other session is refused on its next request while the current works', async () => {
    const org = await registerOrg(app, 'ENTERPRISE');
    const current = await login(org.email, org.password);
    const [{ password_hash: before }] = await sql(app, 'SELECT password_hash FROM users WHERE id = $1', [org.userId]);
    expect(error(await app.gql(CHANGE, { c: 'not-the-password', n: 'brand-new-password-1' }, current), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'current' });
    expect(error(await app.gql(CHANGE, { c: org.password, n: 'short' }, current), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'next' });
    expect(error(await app.gql(CHANGE, { c: org.password, n: 'x'.repeat(1025) }, current), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'next' });
    expect(error(await app.gql(CHANGE, { c: org.password, n: 'brand-new-password-1' }), 'UNAUTHENTICATED'));
    expect((await sql(app, 'SELECT password_hash FROM users WHERE id = $1', [org.userId]))[0].password_hash).toBe(before);
    await works(org.token);

    const res = await app.gql(CHANGE, { c: org.password, n: 'brand-new-password-1' }, current);
    expect(res).toMatchObject({ data: { changePassword: 1 } });
    await refused(org.token);
    await works(current);
    expect(error(await app.gql(LOGIN, { i: { email: org.email, password: org.password } }), 'UNAUTHENTICATED'));
    await login(org.email, 'brand-new-password-1');
    expect(await sql(app, 'SELECT revoked_reason FROM user_sessions WHERE id = $1', [sidOf(org.token)])).toEqual([{ revoked_reason: 'PASSWORD_CHANGED' }]);
  });

  it('logout refuses that token from the next request on; other sessions keep working', async () => {
    const org = await registerOrg(app, 'SERVICE_PROVIDER');
    const other = await login(org.email, org.password);
    expect(await app.gql(LOGOUT, {}, org.token)).toMatchObject({ data: { logout: true } });
    await refused(org.token);
    await works(other);
    // Logging out again with the dead token: UNAUTHENTICATED, nothing written.
    error(await app.gql(LOGOUT, {}, org.token), 'UNAUTHENTICATED');
    error(await app.gql(LOGOUT, {}), 'UNAUTHENTICATED');
  });

  it('revokeOtherSessions ends all but the current one and says how many', async () => {
    const org = await registerOrg(app, 'BANK');
    const a = await login(org.email, org.password);
    const b = await login(org.email, org.password);
    expect(await app.gql(REVOKE_OTHERS, {}, b)).toMatchObject({ data: { revokeOtherSessions: 2 } });
    await refused(org.token);
    await refused(a);
    await works(b);
    expect(await app.gql(REVOKE_OTHERS, {}, b)).toMatchObject({ data: { revokeOtherSessions: 0 } });
    expect((await app.gql(SESSIONS, {}, b)).data!.sessions).toHaveLength(1);
  });

  it('password reset: the mailed link resets once, ends every session and lifts sign-in locks; reuse, forgery and expiry are refused precisely', async () => {
    const org = await registerOrg(app, 'ANCHOR_ENTERPRISE');
    const other = await login(org.email, org.password);
    // Lock the account's pair from this address first (5 failures).
    for (let i = 0; i < 5; i++) error(await app.gql(LOGIN, { i: { email: org.email, password: `wrong-password-${i}` } }), 'UNAUTHENTICATED');
    error(await app.gql(LOGIN, { i: { email: org.email, password: org.password } }), 'RATE_LIMITED');

    expect(await app.gql(REQUEST_RESET, { e: org.email.toUpperCase() })).toEqual({ status: 200, data: { requestPasswordReset: true } });
    const mail = await mailbox.waitFor(org.email);
    expect(mail.subject).toContain('重置密码');
    expect(mail.text).toMatch(/\/password\/reset\?token=/);
    const token = tokenIn(mail.text);
    const [{ token_hash: stored }] = await sql(app, 'SELECT token_hash FROM password_reset_tokens WHERE user_id = $1', [org.userId]);
    expect(stored).not.toBe(token);
    expect(stored).toMatch(/^[0-9a-f]{64}$/);

    // Bad input first: nothing is used up.
    expect(error(await app.gql(RESET, { t: token, n: 'short' }), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'next' });
    const forged = error(await app.gql(RESET, { t: `${token.slice(0, -1)}${token.endsWith('A') ? 'B' : 'A'}`, n: 'reset-password-123' }), 'BAD_USER_INPUT');
    expect(forged.extensions).toMatchObject({ field: 'token' });
    expect(forged.message).toMatch(/^重置链接无效/);
    expect(error(await app.gql(RESET, { t: 'x'.repeat(500), n: 'reset-password-123' }), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'token' });

    expect(await app.gql(RESET, { t: token, n: 'reset-password-123' })).toMatchObject({ data: { resetPassword: true } });
    await refused(org.token);
    await refused(other);
    await login(org.email, 'reset-password-123'); // the lock was lifted, the new password works
    error(await app.gql(LOGIN, { i: { email: org.email, password: org.password } }), 'UNAUTHENTICATED');

    const reused = error(await app.gql(RESET, { t: token, n: 'another-password-123' }), 'BAD_USER_INPUT');
    expect(reused.extensions).toMatchObject({ field: 'token' });
    expect(reused.message).toMatch(/已使用/);

    // An expired link (moved into the past here).
    await app.gql(REQUEST_RESET, { e: org.email });
    const second = tokenIn((await mailbox.waitFor(org.email, (m) => !m.text.includes(token))).text);
    await sql(app, `UPDATE password_reset_tokens SET expires_at = now() - interval '1 second' WHERE used_at IS NULL AND user_id = $1`, [org.userId]);
    const expired = error(await app.gql(RESET, { t: second, n: 'another-password-123' }), 'BAD_USER_INPUT');
    expect(expired.message).toMatch(/已过期（有效期 30 分钟）/);
    await login(org.email, 'reset-password-123');
  });

  // The same time: both answers are padded to RESET_ANSWER_FLOOR_MS (padToFloor, test/unit/identity/credential-rules.spec.ts).
  it('requestPasswordReset answers an unknown address exactly as a known one, and mails nothing', async () => {
    const org = await registerOrg(app, 'PARK_OPERATOR');
    const unknown = `nobody-${Date.now()}@nowhere.test`;
    const known = await app.gql(REQUEST_RESET, { e: org.email });
    const none = await app.gql(REQUEST_RESET, { e: unknown });
    expect(none).toEqual(known);
    await mailbox.waitFor(org.email);
    await app.drain();
    expect(await sql(app, 'SELECT count(*)::int AS n FROM mail_messages WHERE to_address = $1', [unknown])).toEqual([{ n: 0 }]);
    expect(mailbox.received.filter((m) => m.to.includes(unknown))).toEqual([]);
    // Malformed addresses are the caller's mistake, named by field.
    expect(error(await app.gql(REQUEST_RESET, { e: 'not-an-address' }), 'BAD_USER_INPUT').extensions).toMatchObject({ field: 'email' });
  });

  it('unlockAccount: the organization lifts its own member\'s locks, the AUTHORITY anyone\'s; another organization is FORBIDDEN', async () => {
    const org = await registerOrg(app, 'ENTERPRISE');
    const stranger = await registerOrg(app, 'ENTERPRISE');
    const authority = await loginAuthority(app);
    const lock = async () => {
      for (let i = 0; i < 5; i++) await app.gql(LOGIN, { i: { email: org.email, password: `wrong-password-${i}` } });
      error(await app.gql(LOGIN, { i: { email: org.email, password: org.password } }), 'RATE_LIMITED');
    };
    await lock();
    const before = await sql(app, 'SELECT key, failures FROM login_throttle ORDER BY key');
    const denied = error(await app.gql(UNLOCK, { u: org.userId }, stranger.token), 'FORBIDDEN');
    expect(denied.message).toContain('unlockAccount');
    expect(await sql(app, 'SELECT key, failures FROM login_throttle ORDER BY key')).toEqual(before);
    error(await app.gql(UNLOCK, { u: org.userId }), 'UNAUTHENTICATED');
    expect(error(await app.gql(UNLOCK, { u: '00000000-0000-4000-8000-000000000000' }, authority), 'NOT_FOUND'));

    expect(await app.gql(UNLOCK, { u: org.userId }, org.token)).toMatchObject({ data: { unlockAccount: 1 } });
    await login(org.email, org.password);
    await lock();
    expect(await app.gql(UNLOCK, { u: org.userId }, authority)).toMatchObject({ data: { unlockAccount: 1 } });
    await login(org.email, org.password);
    expect(await app.gql(UNLOCK, { u: org.userId }, authority)).toMatchObject({ data: { unlockAccount: 0 } });
    // Audited with the account as target; refusals of signed-in callers too. An anonymous call writes no
    // audit row (issue 21: anonymous callers could otherwise fill the log; they are counted in /metrics).
    const audited = await sql(app, `SELECT outcome, count(*)::int AS n FROM audit_log WHERE operation = 'unlockAccount' AND target_id = $1 GROUP BY 1 ORDER BY 1`, [org.userId]);
    expect(audited).toEqual([
      { outcome: 'FORBIDDEN', n: 1 },
      { outcome: 'OK', n: 3 },
    ]);
  });

  it('the audit log and the outbox hold no password, reset token or e-mail of these operations', async () => {
    // Its own operations, each with a secret the dump must not hold (a wrong current password, a new one, the reset token).
    const org = await registerOrg(app, 'SERVICE_PROVIDER');
    const other = await login(org.email, org.password);
    error(await app.gql(CHANGE, { c: 'not-the-password', n: 'brand-new-password-1' }, other), 'BAD_USER_INPUT');
    expect(await app.gql(CHANGE, { c: org.password, n: 'brand-new-password-1' }, other)).toMatchObject({ data: { changePassword: 1 } });
    expect(await app.gql(REQUEST_RESET, { e: org.email })).toMatchObject({ data: { requestPasswordReset: true } });
    const resetToken = tokenIn((await mailbox.waitFor(org.email)).text);
    expect(await app.gql(RESET, { t: resetToken, n: 'reset-password-123' })).toMatchObject({ data: { resetPassword: true } });
    const a = await login(org.email, 'reset-password-123');
    const b = await login(org.email, 'reset-password-123');
    expect(await app.gql(REVOKE_OTHERS, {}, b)).toMatchObject({ data: { revokeOtherSessions: 1 } });
    expect(await app.gql(LOGOUT, {}, b)).toMatchObject({ data: { logout: true } });
    await refused(a);
    const [{ own }] = await sql(app, `SELECT array_agg(DISTINCT operation ORDER BY operation) AS own FROM audit_log WHERE user_id = $1`, [org.userId]);
    expect(own).toEqual(expect.arrayContaining(['changePassword', 'logout', 'revokeOtherSessions']));

    const [{ dump }] = await sql(app, `SELECT string_agg(a::text, '|') AS dump FROM audit_log a WHERE operation IN ('changePassword', 'resetPassword', 'requestPasswordReset', 'logout', 'revokeOtherSessions')`);
    expect(dump).toBeTruthy();
    expect(dump).not.toContain(resetToken);
    for (const secret of ['brand-new-password-1', 'reset-password-123', 'not-the-password', '@']) expect(dump).not.toContain(secret);
    const [{ events }] = await sql(app, `SELECT coalesce(string_agg(o.payload::text, '|'), '') AS events FROM outbox_events o`);
    expect(events).not.toContain('password');
  });

  it('websocket: a new connection with an ended session is refused; an open one is closed at the next session check', async () => {
    const org = await registerOrg(app, 'BANK');
    const token = await login(org.email, org.password);
    const url = app.url.replace(/^http/, 'ws');
    const connect = async (t: string) => {
      let client: ReturnType<typeof createClient> | undefined;
      const closed = await new Promise<{ code: number; reason: string }>((resolve) => {
        client = createClient({
          url,
          webSocketImpl: WebSocket,
          connectionParams: { authorization: `Bearer ${t}` },
          lazy: false,
          retryAttempts: 0,
          onNonLazyError: () => undefined,
          on: {
            closed: (e) => {
              const ev = e as { code: number; reason: string };
              resolve({ code: ev.code, reason: String(ev.reason) });
            },
            connected: () => {
              if (t === token) void app.gql(LOGOUT, {}, token);
            },
          },
        });
        // A subscription keeps the connection in use; its error is the close, reported above.
        client.subscribe({ query: 'subscription { matchRequestUpdated { id } }' }, { next: () => undefined, error: () => undefined, complete: () => undefined });
      });
      await client!.dispose();
      return closed;
    };
    // Open, then logged out over HTTP: the server closes it within WS_SESSION_RECHECK_SECONDS (1 s here).
    const closed = await connect(token);
    expect(closed.code).toBe(4401);
    expect(closed.reason).toMatch(/^UNAUTHENTICATED: 会话已失效/);
    const refusedAtOnce = await connect(token);
    expect(refusedAtOnce.code).toBe(4401);
    expect(refusedAtOnce.reason).toMatch(/会话已失效/);
  });
});
