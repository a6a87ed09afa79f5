import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { randomBytes, randomUUID } from 'node:crypto';
import { SignJWT } from 'jose';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { expectError } from '../helpers/expect-error.js';

/** The secret, issuer and audience startTestApp configures; tokens signed here are what the server would issue. */
const JWT = { secret: new TextEncoder().encode('test-secret-test-secret-test-secret-0123'), issuer: 'srdi-match', audience: 'srdi-match-api' };

const KINDS = ['ENTERPRISE', 'SERVICE_PROVIDER', 'BANK', 'ANCHOR_ENTERPRISE', 'PARK_OPERATOR'] as const;
type Kind = (typeof KINDS)[number] | 'AUTHORITY';

const REGISTER = `mutation Register($i: RegisterInput!) {
  register(input: $i) { accessToken user { id email displayName organization { id kind name uscc regionCode verified verifiedAt } } }
}`;
const LOGIN = `mutation Login($i: LoginInput!) { login(input: $i) { accessToken user { id email organization { id kind verified } } } }`;
const ME = `{ me { id email organization { id kind verified } } }`;
const ORGANIZATION = `query Org($id: ID!) { organization(id: $id) { id kind name uscc regionCode verified verifiedAt } }`;
const VERIFY = `mutation Verify($id: ID!) { verifyOrganization(id: $id) { id verified verifiedAt } }`;
const NOTIFICATIONS = `{ notifications(first: 100) { kind title } }`;

const PASSWORD = 'correct-horse-battery';

/** A fresh, valid USCC (both check characters computed) for every call. */
function freshUscc(regionCode = '330281'): string {
  return makeUscc('91', regionCode, randomBytes(4).toString('hex').toUpperCase());
}

function registration(kind: Kind, overrides: { email?: string; password?: string; uscc?: string; regionCode?: string } = {}) {
  const tag = randomBytes(3).toString('hex');
  return {
    email: overrides.email ?? `${kind.toLowerCase()}-${tag}@identity.test`,
    password: overrides.password ?? PASSWORD,
    displayName: `测试用户 ${tag}`,
    organization: {
      kind,
      name: `余姚测试机构 ${kind} ${tag}`,
      uscc: overrides.uscc ?? freshUscc(),
      regionCode: overrides.regionCode ?? '330281',
    },
  };
}

/** The one error of a failed operation, checked for the shape every client error must have. */

/** Sends a query with an arbitrary Authorization header (the gql helper always writes `Bearer`). */
async function withAuthorization(url: string, authorization: string, query: string): Promise<GraphQLResponse> {
  const res = await fetch(url, { method: 'POST', headers: { 'content-type': 'application/json', authorization }, body: JSON.stringify({ query }) });
  return { status: res.status, ...((await res.json()) as object) };
}

describe('identity over GraphQL', () => {
  let app: TestApp;
  let authorityToken: string;
  /** One registered organization per non-authority kind, filled by the first test. */
  const registered = new Map<Kind, { token: string; userId: string; organizationId: string; email: string; name: string }>();

  const rows = async () => {
    const [{ orgs, users, events }] = await app.started.runtime.database.dataSource.query(
      "SELECT (SELECT count(*)::int FROM organizations) AS orgs, (SELECT count(*)::int FROM users) AS users, (SELECT count(*)::int FROM outbox_events WHERE type <> 'notification.created') AS events",
    );
    return { orgs: orgs as number, users: users as number, events: events as number };
  };

  beforeAll(async () => {
    app = await startTestApp();
    const login = await app.gql(LOGIN, { i: TEST_AUTHORITY });
    expect(login.errors).toBeUndefined();
    authorityToken = login.data!.login.accessToken;
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('journeys', () => {
    it('logs in the AUTHORITY provisioned from AUTHORITY_EMAIL, already verified', async () => {
      const me = await app.gql(ME, {}, authorityToken);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me.email).toBe(TEST_AUTHORITY.email);
      expect(me.data!.me.organization).toMatchObject({ kind: 'AUTHORITY', verified: true });
    });

    it.each(KINDS)('registers a %s organization whose token works for `me`', async (kind) => {
      const input = registration(kind);
      const before = await rows();
      const res = await app.gql(REGISTER, { i: input });
      expect(res.errors).toBeUndefined();
      const { accessToken, user } = res.data!.register;
      expect(typeof accessToken).toBe('string');
      expect(user.email).toBe(input.email);
      expect(user.organization).toMatchObject({ kind, uscc: input.organization.uscc, regionCode: '330281', verified: false, verifiedAt: null });
      expect(await rows()).toEqual({ orgs: before.orgs + 1, users: before.users + 1, events: before.events + 1 });

      const me = await app.gql(ME, {}, accessToken);
      expect(me.errors).toBeUndefined();
      expect(me.data!.me).toEqual({ id: user.id, email: input.email, organization: { id: user.organization.id, kind, verified: false } });
      registered.set(kind, { token: accessToken, userId: user.id, organizationId: user.organization.id, email: input.email, name: input.organization.name });
    });

    it('logs in with the registered password, the e-mail matched case-insensitively', async () => {
      const bank = registered.get('BANK')!;
      const res = await app.gql(LOGIN, { i: { email: `  ${bank.email.toUpperCase()} `, password: PASSWORD } });
      expect(res.errors).toBeUndefined();
      expect(res.data!.login.user).toEqual({ id: bank.userId, email: bank.email, organization: { id: bank.organizationId, kind: 'BANK', verified: false } });
      const me = await app.gql(ME, {}, res.data!.login.accessToken);
      expect(me.data!.me.id).toBe(bank.userId);
    });

    it('normalises a lower-case USCC with surrounding spaces before storing it', async () => {
      const uscc = makeUscc('91', '330281', 'ABCD1234');
      const input = registration('SERVICE_PROVIDER', { uscc: `  ${uscc.toLowerCase()} ` });
      const res = await app.gql(REGISTER, { i: input });
      expect(res.errors).toBeUndefined();
      expect(res.data!.register.user.organization.uscc).toBe(uscc);
    });

    it('lets a signed-in user look up another organization by id; an unknown id is null', async () => {
      const enterprise = registered.get('ENTERPRISE')!;
      const park = registered.get('PARK_OPERATOR')!;
      const res = await app.gql(ORGANIZATION, { id: park.organizationId }, enterprise.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.organization).toMatchObject({ id: park.organizationId, kind: 'PARK_OPERATOR', name: park.name, verified: false });

      const missing = await app.gql(ORGANIZATION, { id: randomUUID() }, enterprise.token);
      expect(missing.errors).toBeUndefined();
      expect(missing.data!.organization).toBeNull();

      const anonymous = await app.gql(ORGANIZATION, { id: park.organizationId });
      expect(anonymous.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
      expect(anonymous.data?.organization ?? null).toBeNull();
    });

    it('lets the AUTHORITY verify an organization; repeating it changes nothing', async () => {
      const enterprise = registered.get('ENTERPRISE')!;
      const res = await app.gql(VERIFY, { id: enterprise.organizationId }, authorityToken);
      expect(res.errors).toBeUndefined();
      expect(res.data!.verifyOrganization.id).toBe(enterprise.organizationId);
      expect(res.data!.verifyOrganization.verified).toBe(true);
      const verifiedAt = res.data!.verifyOrganization.verifiedAt as string;
      expect(Number.isNaN(Date.parse(verifiedAt))).toBe(false);

      const again = await app.gql(VERIFY, { id: enterprise.organizationId.toUpperCase() }, authorityToken);
      expect(again.errors).toBeUndefined();
      expect(again.data!.verifyOrganization).toEqual({ id: enterprise.organizationId, verified: true, verifiedAt });

      const me = await app.gql(ME, {}, enterprise.token);
      expect(me.data!.me.organization.verified).toBe(true);
      const seen = await app.gql(ORGANIZATION, { id: enterprise.organizationId }, registered.get('BANK')!.token);
      expect(seen.data!.organization).toMatchObject({ verified: true, verifiedAt });
    });

    it('notifies the verified organization once, and the authority of every registration', async () => {
      await app.drain();
      const enterprise = registered.get('ENTERPRISE')!;
      const mine = await app.gql(NOTIFICATIONS, {}, enterprise.token);
      expect(mine.errors).toBeUndefined();
      const kinds = (mine.data!.notifications as Array<{ kind: string }>).map((n) => n.kind);
      // Verified twice, notified once: the repeat emitted no event.
      expect(kinds.filter((k) => k === 'organization.verified')).toHaveLength(1);
      expect(kinds).not.toContain('organization.pending-review');

      const bank = await app.gql(NOTIFICATIONS, {}, registered.get('BANK')!.token);
      expect((bank.data!.notifications as Array<{ kind: string }>).map((n) => n.kind)).not.toContain('organization.verified');

      const authority = await app.gql(NOTIFICATIONS, {}, authorityToken);
      expect(authority.errors).toBeUndefined();
      const pending = (authority.data!.notifications as Array<{ kind: string; title: string }>).filter((n) => n.kind === 'organization.pending-review');
      for (const org of registered.values()) {
        expect(pending.filter((n) => n.title.includes(org.name))).toHaveLength(1);
      }
    });
  });

  describe('refused registrations write nothing', () => {
    let taken: { email: string; uscc: string };
    beforeAll(async () => {
      const input = registration('ENTERPRISE');
      const res = await app.gql(REGISTER, { i: input });
      expect(res.errors).toBeUndefined();
      taken = { email: input.email, uscc: input.organization.uscc };
    });

    const valid = freshUscc();
    const wrongCheck = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0');
    const cases: Array<{ name: string; input: () => ReturnType<typeof registration>; code: string; field?: string; message?: RegExp }> = [
      { name: 'USCC of the wrong format', input: () => registration('ENTERPRISE', { uscc: '91330281-ABC' }), code: 'BAD_USER_INPUT', field: 'input.organization.uscc', message: /18/ },
      { name: 'USCC with a wrong check digit', input: () => registration('ENTERPRISE', { uscc: wrongCheck }), code: 'BAD_USER_INPUT', field: 'input.organization.uscc', message: /check digit/ },
      { name: 'unknown region code', input: () => registration('BANK', { regionCode: '339999' }), code: 'BAD_USER_INPUT', field: 'input.organization.regionCode', message: /339999/ },
      { name: 'retired region code 330283 (奉化市)', input: () => registration('BANK', { regionCode: '330283' }), code: 'BAD_USER_INPUT', field: 'input.organization.regionCode', message: /330213/ },
      { name: 'password shorter than 10 characters', input: () => registration('ENTERPRISE', { password: 'short-pw' }), code: 'BAD_USER_INPUT', field: 'input.password', message: /10/ },
      { name: 'malformed e-mail', input: () => registration('ENTERPRISE', { email: 'not-an-email@' }), code: 'BAD_USER_INPUT', field: 'input.email' },
      { name: 'duplicate e-mail in different case', input: () => registration('BANK', { email: `  ${taken.email.toUpperCase()}` }), code: 'CONFLICT', field: 'input.email' },
      { name: 'duplicate USCC', input: () => registration('BANK', { uscc: taken.uscc }), code: 'CONFLICT', field: 'input.organization.uscc' },
      { name: 'duplicate USCC typed in lower case', input: () => registration('BANK', { uscc: taken.uscc.toLowerCase() }), code: 'CONFLICT', field: 'input.organization.uscc' },
      { name: 'AUTHORITY self-registration', input: () => registration('AUTHORITY'), code: 'BAD_USER_INPUT', field: 'input.organization.kind' },
    ];

    it.each(cases)('$name → $code', async ({ input, code, field, message }) => {
      const before = await rows();
      const res = await app.gql(REGISTER, { i: input() });
      const error = expectError(res, code);
      if (field) expect(error.extensions?.field).toBe(field);
      if (message) expect(error.message).toMatch(message);
      expect(await rows()).toEqual(before);
    });

    it('rejects an unknown OrganizationKind at validation, before any resolver runs', async () => {
      const before = await rows();
      const input = registration('ENTERPRISE');
      const res = await app.gql(REGISTER, { i: { ...input, organization: { ...input.organization, kind: 'GOVERNMENT' } } });
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.extensions).not.toHaveProperty('stacktrace');
      expect(await rows()).toEqual(before);
    });
  });

  describe('authentication failures', () => {
    let enterprise: { token: string; userId: string; organizationId: string; email: string };
    beforeAll(() => {
      enterprise = registered.get('ENTERPRISE') ?? (() => { throw new Error('the journey tests must run first'); })();
    });

    /** Signed as the server would, naming the session of the enterprise's own sign-in (sid). */
    const sign = (claims: { sub: string; org: string }, opts: { exp: number | string; key?: Uint8Array }) =>
      new SignJWT({ org: claims.org, sid: JSON.parse(Buffer.from(enterprise.token.split('.')[1]!, 'base64url').toString()).sid })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(claims.sub)
        .setIssuer(JWT.issuer)
        .setAudience(JWT.audience)
        .setIssuedAt(Math.floor(Date.now() / 1000) - 7200)
        .setExpirationTime(opts.exp)
        .sign(opts.key ?? JWT.secret);

    it('answers a wrong password and an unknown e-mail alike', async () => {
      const wrongPassword = expectError(await app.gql(LOGIN, { i: { email: enterprise.email, password: 'not-the-password' } }), 'UNAUTHENTICATED');
      const unknownEmail = expectError(await app.gql(LOGIN, { i: { email: `nobody-${randomBytes(3).toString('hex')}@identity.test`, password: PASSWORD } }), 'UNAUTHENTICATED');
      expect(unknownEmail.message).toBe(wrongPassword.message);
      expect(unknownEmail.extensions).toEqual(wrongPassword.extensions);
    });

    it('refuses `me` without a token', async () => {
      expectError(await app.gql(ME), 'UNAUTHENTICATED');
    });

    it('accepts a token signed here with the server key (so the refusals below are about the defect)', async () => {
      const token = await sign({ sub: enterprise.userId, org: enterprise.organizationId }, { exp: '1h' });
      const res = await app.gql(ME, {}, token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.me.id).toBe(enterprise.userId);
    });

    it('refuses an expired token', async () => {
      const token = await sign({ sub: enterprise.userId, org: enterprise.organizationId }, { exp: Math.floor(Date.now() / 1000) - 3600 });
      const error = expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
      expect(error.message).toMatch(/expired/);
    });

    it('refuses a token signed with another key', async () => {
      const token = await sign({ sub: enterprise.userId, org: enterprise.organizationId }, { exp: '1h', key: new TextEncoder().encode('forged-secret-forged-secret-forged-0123') });
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it('refuses an unsigned `alg: none` token', async () => {
      const b64 = (v: object) => Buffer.from(JSON.stringify(v)).toString('base64url');
      const now = Math.floor(Date.now() / 1000);
      const token = `${b64({ alg: 'none', typ: 'JWT' })}.${b64({ sub: enterprise.userId, org: enterprise.organizationId, iss: JWT.issuer, aud: JWT.audience, iat: now, exp: now + 3600 })}.`;
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it("refuses a genuine token whose payload was edited to another user's id (signature no longer matches)", async () => {
      const token = await sign({ sub: enterprise.userId, org: enterprise.organizationId }, { exp: '1h' });
      const [header, payload, signature] = token.split('.') as [string, string, string];
      const bank = registered.get('BANK')!;
      const claims = { ...JSON.parse(Buffer.from(payload, 'base64url').toString()), sub: bank.userId, org: bank.organizationId };
      const forged = `${header}.${Buffer.from(JSON.stringify(claims)).toString('base64url')}.${signature}`;
      expectError(await app.gql(ME, {}, forged), 'UNAUTHENTICATED');
    });

    it('refuses a token signed with the right key under another algorithm (HS512; only HS256 is accepted)', async () => {
      const token = await new SignJWT({ org: enterprise.organizationId })
        .setProtectedHeader({ alg: 'HS512', typ: 'JWT' })
        .setSubject(enterprise.userId)
        .setIssuer(JWT.issuer)
        .setAudience(JWT.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(JWT.secret);
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it.each([
      ['issuer', { iss: 'https://elsewhere.example' }],
      ['audience', { aud: 'another-app' }],
    ])('refuses a token signed with the right key for another %s', async (_what, override) => {
      const token = await new SignJWT({ org: enterprise.organizationId })
        .setProtectedHeader({ alg: 'HS256', typ: 'JWT' })
        .setSubject(enterprise.userId)
        .setIssuer('iss' in override ? override.iss : JWT.issuer)
        .setAudience('aud' in override ? override.aud : JWT.audience)
        .setIssuedAt()
        .setExpirationTime('1h')
        .sign(JWT.secret);
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it('refuses a token whose organization claim does not match the user', async () => {
      const token = await sign({ sub: enterprise.userId, org: registered.get('BANK')!.organizationId }, { exp: '1h' });
      expectError(await app.gql(ME, {}, token), 'UNAUTHENTICATED');
    });

    it.each(['Token abc.def.ghi', 'Bearer', 'Bearer a b', 'Basic dXNlcjpwYXNz'])('refuses a malformed Authorization header %p', async (header) => {
      const error = expectError(await withAuthorization(app.url, header, ME), 'UNAUTHENTICATED');
      expect(error.message).toMatch(/Authorization|token/);
    });

    it('does not let a bad token pass as anonymous on a public mutation that reads the caller', async () => {
      // verifyOrganization reads the caller: a broken token must be reported, not treated as "no token".
      const error = expectError(await withAuthorization(app.url, 'Bearer not-a-jwt', `mutation { verifyOrganization(id: "${enterprise.organizationId}") { id } }`), 'UNAUTHENTICATED');
      expect(error.message).toMatch(/invalid/);
    });
  });

  describe('verifyOrganization input', () => {
    it('refuses an id that is not a UUID with BAD_USER_INPUT', async () => {
      const before = await rows();
      const error = expectError(await app.gql(VERIFY, { id: 'not-a-uuid' }, authorityToken), 'BAD_USER_INPUT');
      expect(error.extensions?.field).toBe('id');
      expect(await rows()).toEqual(before);
    });

    it('answers NOT_FOUND for an unknown UUID', async () => {
      expectError(await app.gql(VERIFY, { id: randomUUID() }, authorityToken), 'NOT_FOUND');
    });

    it('refuses anonymous callers with UNAUTHENTICATED', async () => {
      expectError(await app.gql(VERIFY, { id: registered.get('BANK')!.organizationId }), 'UNAUTHENTICATED');
    });
  });
});
