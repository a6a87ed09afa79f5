import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { actorCacheOf } from '../../libs/identity/src/auth/actor-cache.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { loginAuthority, registerOrg } from '../helpers/listing-fixtures.js';
import { countQueries, type QueryCounter } from '../bench/listing-load.js';
import { testRedisUrl } from '../helpers/test-env.js';

/**
 * ADR 0041: the actor behind a token is cached per process, and every change that alters it is
 * sent to every process through pub/sub after its commit. Two API processes of one deployment
 * (two Nest apps in this Jest process, each with its own DataSource, actor cache and Redis
 * pub/sub connections) on one database: what app A ends is refused by app B on the very next
 * request, and a repeated request on B sends no statement at all.
 *
 * Statements are counted as in the N+1 test: TypeORM's PostgresQueryRunner.query is wrapped (for
 * both apps: they share the prototype), requests run one at a time, and neither app runs workers.
 */
const WHO = '{ me { id } }';
/** Touches no actor: it answers even for an ended session (the refusal comes with the first field that needs the caller), yet the actor is loaded for it. */
const FLOOR = '{ __typename }';
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;

let a: TestApp;
let b: TestApp;
let counter: QueryCounter;
const redis = testRedisUrl();

beforeAll(async () => {
  a = await startTestApp({ queue: 'redis', withWorkers: false });
  b = await startTestApp({ sharing: a, withWorkers: false });
  counter = await countQueries(a.started.runtime.database.dataSource, b.started.runtime.database.dataSource);
});

afterAll(async () => {
  counter?.restore();
  await b?.close();
  await a?.close();
});

const ds = (app: TestApp): DataSource => app.started.runtime.database.dataSource;
// The actor read: users joined with their organization and the token's session (a named statement, actorForSession).
const actorReads = (sql: string[]) => sql.filter((q) => /FROM "?users"? "?u"?\b/.test(q) && /user_sessions/.test(q)).length;

async function login(app: TestApp, email: string, password: string): Promise<string> {
  const res = await app.gql(LOGIN, { i: { email, password } });
  expect(res.errors).toBeUndefined();
  return res.data!.login.accessToken as string;
}

function refusedAsEnded(res: { errors?: Array<{ message: string; extensions?: Record<string, unknown> }> }) {
  expect(res.errors?.[0]?.extensions?.code).toBe('UNAUTHENTICATED');
  expect(res.errors?.[0]?.message).toMatch(/会话已失效/);
}

(redis ? describe : describe.skip)('actor cache across two API processes (Redis pub/sub)', () => {
  it('the two apps are separate processes as far as the cache goes', () => {
    expect(ds(a)).not.toBe(ds(b));
    expect(actorCacheOf(ds(a))).toBeDefined();
    expect(actorCacheOf(ds(b))).toBeDefined();
    expect(actorCacheOf(ds(a))).not.toBe(actorCacheOf(ds(b)));
    expect(a.started.runtime.pubsub.backend).toBe('redis');
  });

  it('a repeated request sends no statement: the actor comes from the cache', async () => {
    const org = await registerOrg(a, 'SERVICE_PROVIDER');
    const first = await counter.during(() => b.gql(FLOOR, {}, org.token));
    expect(first.result.errors).toBeUndefined();
    expect(actorReads(first.sql)).toBe(1);
    const again = await counter.during(() => b.gql(FLOOR, {}, org.token));
    expect(again.result.errors).toBeUndefined();
    expect(again.sql).toEqual([]);
    // `me` reads the account (its fields are not cached), not the actor.
    const me = await counter.during(() => b.gql(WHO, {}, org.token));
    expect(me.result.data?.me.id).toBe(org.userId);
    expect(actorReads(me.sql)).toBe(0);
    expect(me.sql.filter((q) => /FROM "users"/.test(q))).toHaveLength(1);
  });

  it('logout through A: B refuses the token on the next request; the other session works on both', async () => {
    const org = await registerOrg(a, 'BANK');
    const other = await login(a, org.email, org.password);
    for (const app of [a, b]) for (const t of [org.token, other]) expect((await app.gql(FLOOR, {}, t)).errors).toBeUndefined();
    // Both sessions are cached in B now.
    expect((await counter.during(() => b.gql(FLOOR, {}, org.token))).sql).toEqual([]);

    expect(await a.gql('mutation { logout }', {}, org.token)).toMatchObject({ data: { logout: true } });
    refusedAsEnded(await b.gql(WHO, {}, org.token));
    refusedAsEnded(await a.gql(WHO, {}, org.token));
    expect((await b.gql(WHO, {}, other)).data?.me.id).toBe(org.userId);
  });

  it('revokeOtherSessions and changePassword through B: A refuses the ended sessions on the next request', async () => {
    const org = await registerOrg(a, 'ANCHOR_ENTERPRISE');
    const second = await login(b, org.email, org.password);
    const third = await login(b, org.email, org.password);
    for (const t of [org.token, second, third]) expect((await a.gql(FLOOR, {}, t)).errors).toBeUndefined();

    expect(await b.gql('mutation { revokeOtherSessions }', {}, third)).toMatchObject({ data: { revokeOtherSessions: 2 } });
    refusedAsEnded(await a.gql(WHO, {}, org.token));
    refusedAsEnded(await a.gql(WHO, {}, second));
    expect((await a.gql(FLOOR, {}, third)).errors).toBeUndefined();

    const fourth = await login(a, org.email, org.password);
    expect((await b.gql(FLOOR, {}, fourth)).errors).toBeUndefined();
    const change = await b.gql('mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }', { c: org.password, n: 'another-password-2' }, third);
    expect(change).toMatchObject({ data: { changePassword: 1 } });
    refusedAsEnded(await a.gql(WHO, {}, fourth));
    expect((await a.gql(FLOOR, {}, third)).errors).toBeUndefined();
  });

  it("verifying an organization through A drops its members' cached actors in B (they carry `verified`)", async () => {
    const authority = await loginAuthority(a);
    const org = await registerOrg(a, 'SERVICE_PROVIDER');
    expect((await b.gql(FLOOR, {}, org.token)).errors).toBeUndefined();
    expect((await counter.during(() => b.gql(FLOOR, {}, org.token))).sql).toEqual([]);

    const v = await a.gql(`mutation($id: ID!) { verifyOrganization(id: $id) { verified } }`, { id: org.organizationId }, authority);
    expect(v.data?.verifyOrganization.verified).toBe(true);
    // B reads the actor again (now verified), then has it cached again.
    expect(actorReads((await counter.during(() => b.gql(FLOOR, {}, org.token))).sql)).toBe(1);
    expect((await counter.during(() => b.gql(FLOOR, {}, org.token))).sql).toEqual([]);
  });

  it('a failed mutation changes nothing and drops nothing elsewhere that would matter: the session keeps working', async () => {
    const org = await registerOrg(a, 'BANK');
    const res = await a.gql('mutation($c: String!, $n: String!) { changePassword(current: $c, next: $n) }', { c: 'wrong-password-1', n: 'another-password-2' }, org.token);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect((await b.gql(FLOOR, {}, org.token)).errors).toBeUndefined();
  });
});
