import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { SignJWT } from 'jose';
import { MATCH_REQUEST_UPDATED } from '../../libs/platform/src/pubsub/channels.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { testRedisUrl } from '../helpers/test-env.js';
import { itOn } from '../helpers/queue-backends.js';
import { WsSubscriber, listening as listenOn, wsUrl } from '../helpers/ws-subscriber.js';
import {
  RESPOND,
  createListing,
  creditProductInput,
  loginAuthority,
  ok,
  publishListing,
  registerOrg,
  requestMatch,
  sql,
  type Org,
} from '../helpers/listing-fixtures.js';

if (!testRedisUrl()) {
  console.warn('[match-request-subscription] SKIPPING the two-process run on Redis (counted as skipped): no Redis answered (set REDIS_URL or run one on 127.0.0.1:6379)');
}

const SUBSCRIPTION = `subscription { matchRequestUpdated { id status shareProfile listing { id title owner { id } } enterprise { id name } } }`;

interface Update {
  id: string;
  status: string;
  shareProfile: boolean;
  listing: { id: string; title: string; owner: { id: string } };
  enterprise: { id: string; name: string };
}

/** One websocket client and one `matchRequestUpdated` subscription (or `query`). */
class Subscriber extends WsSubscriber<Update> {
  constructor(url: string, connectionParams: Record<string, unknown> | undefined, query = SUBSCRIPTION) {
    super(url, connectionParams, query, 'matchRequestUpdated');
  }

  get updates(): Update[] {
    return this.received;
  }

  update(id: string, status: string): Promise<Update> {
    return this.until(() => this.updates.find((u) => u.id === id && u.status === status), `${id} ${status}`);
  }
}

/** Waits until `app` has `n` live subscriptions on the channel and listens on it. */
const listening = (app: TestApp, n: number) => listenOn(app, MATCH_REQUEST_UPDATED, n);

async function until(check: () => boolean, what: string, ms = 10_000): Promise<void> {
  const deadline = Date.now() + ms;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
}

interface Cast {
  bank: Org;
  enterprise: Org;
  stranger: Org;
  listingId: string;
}

async function cast(app: TestApp): Promise<Cast> {
  const authority = await loginAuthority(app);
  const bank = await registerOrg(app, 'BANK', { verifyWith: authority });
  const enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
  const stranger = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
  const { id } = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: creditProductInput({ title: '订阅测试知识产权质押贷' }) });
  await publishListing(app, bank.token, id);
  return { bank, enterprise, stranger, listingId: id };
}

/**
 * The journey: an enterprise and a bank subscribe (on `subscribeOn`), a third organization too;
 * the enterprise requests a match and the bank accepts (through `requestOn` / `respondOn`). Both
 * sides see PENDING then ACCEPTED with listing and enterprise resolved; the stranger sees only its
 * own request, sent last.
 */
async function journey(apps: { subscribeOn: TestApp; requestOn: TestApp; respondOn: TestApp; bankOn?: TestApp }, c: Cast) {
  const url = (app: TestApp) => wsUrl(app);
  const bankSide = new Subscriber(url(apps.bankOn ?? apps.subscribeOn), { authorization: `Bearer ${c.bank.token}` });
  const enterpriseSide = new Subscriber(url(apps.subscribeOn), { Authorization: `Bearer ${c.enterprise.token}` });
  const strangerSide = new Subscriber(url(apps.subscribeOn), { token: c.stranger.token });
  try {
    if (apps.bankOn && apps.bankOn !== apps.subscribeOn) {
      await listening(apps.bankOn, 1);
      await listening(apps.subscribeOn, 2);
    } else {
      await listening(apps.subscribeOn, 3);
    }

    const requestId = await requestMatch(apps.requestOn, c.enterprise.token, c.listingId, true, '希望了解贷款额度');
    for (const side of [bankSide, enterpriseSide]) {
      const pending = await side.update(requestId, 'PENDING');
      expect(pending).toEqual({
        id: requestId,
        status: 'PENDING',
        shareProfile: true,
        listing: { id: c.listingId, title: '订阅测试知识产权质押贷', owner: { id: c.bank.organizationId } },
        enterprise: { id: c.enterprise.organizationId, name: expect.any(String) },
      });
    }

    ok(await apps.respondOn.gql(RESPOND, { id: requestId, accept: true, m: '欢迎来行详谈' }, c.bank.token), 'respondToMatchRequest');
    for (const side of [bankSide, enterpriseSide]) {
      const accepted = await side.update(requestId, 'ACCEPTED');
      expect(accepted.listing.id).toBe(c.listingId);
      expect(accepted.enterprise.id).toBe(c.enterprise.organizationId);
    }
    // Each side got exactly these two updates, in order.
    for (const side of [bankSide, enterpriseSide]) expect(side.updates.map((u) => u.status)).toEqual(['PENDING', 'ACCEPTED']);

    // The stranger's first update is its own request, sent after everything above was delivered:
    // the messages about the other request reached its process before it and were not delivered.
    const own = await requestMatch(apps.requestOn, c.stranger.token, c.listingId, false);
    await strangerSide.update(own, 'PENDING');
    expect(strangerSide.updates.map((u) => u.id)).toEqual([own]);
    expect(strangerSide.errors).toEqual([]);
    await bankSide.update(own, 'PENDING'); // the bank owns the listing: it sees that one too
    expect(enterpriseSide.updates.map((u) => u.id)).not.toContain(own);
    for (const side of [bankSide, enterpriseSide, strangerSide]) expect(side.errors).toEqual([]);
  } finally {
    await Promise.all([bankSide.dispose(), enterpriseSide.dispose(), strangerSide.dispose()]);
  }
  // Closing the connections releases every channel subscription in the subscribing processes.
  for (const app of new Set([apps.subscribeOn, apps.bankOn ?? apps.subscribeOn])) {
    await until(() => app.started.runtime.pubsub.listenerCount(MATCH_REQUEST_UPDATED) === 0, 'the subscriptions to be released');
  }
}

describe('Subscription.matchRequestUpdated over graphql-ws (PostgreSQL queue backend, one all-in-one process)', () => {
  let app: TestApp;
  let c: Cast;
  /** Left connected on purpose: closing the app must end it (1001) without hanging. */
  let lingering: Subscriber | undefined;

  beforeAll(async () => {
    app = await startTestApp();
    c = await cast(app);
  });
  afterAll(async () => {
    await app?.close();
    if (lingering) {
      expect((await lingering.closedWith()).code).toBe(1001);
      await lingering.dispose();
    }
  });

  it('delivers PENDING then ACCEPTED to both sides, with listing and enterprise, and nothing to a third organization', async () => {
    expect(app.started.runtime.pubsub.backend).toBe('postgres');
    await journey({ subscribeOn: app, requestOn: app, respondOn: app }, c);
  });

  it('refuses a connection without a token: close 4401 with a reason naming connectionParams', async () => {
    for (const params of [undefined, {}, { authorization: '' }]) {
      const s = new Subscriber(wsUrl(app), params);
      const closed = await s.closedWith();
      expect(closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: send connectionParams { authorization: "Bearer <token>" } (请先登录)' });
      expect(s.updates).toEqual([]);
      await s.dispose();
    }
  });

  /** A token for the bank's user expiring at `exp` (seconds), signed with the test server's key unless another is given. */
  const bankToken = (exp: number, secret = 'test-secret-test-secret-test-secret-0123') =>
    // The session (sid) of the bank's own sign-in: a token without one is refused (会话已失效).
    new SignJWT({ org: c.bank.organizationId, sid: JSON.parse(Buffer.from(c.bank.token.split('.')[1]!, 'base64url').toString()).sid })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(c.bank.userId)
      .setIssuer('srdi-match')
      .setAudience('srdi-match-api')
      .setIssuedAt(Math.min(exp, Math.floor(Date.now() / 1000)) - 60)
      .setExpirationTime(exp)
      .sign(new TextEncoder().encode(secret));

  it('refuses a forged, malformed or expired token with 4401 and the reason', async () => {
    const now = Math.floor(Date.now() / 1000);
    const forged = await bankToken(now + 3600, 'not-the-secret-not-the-secret-not-the-secret');
    const expired = await bankToken(now - 3600);
    const cases: Array<[Record<string, unknown>, RegExp]> = [
      [{ authorization: `Bearer ${forged}` }, /^UNAUTHENTICATED: 访问令牌无效，请重新登录 \(access token is invalid; sign in again\)$/],
      [{ token: forged }, /access token is invalid/],
      [{ authorization: `Basic ${c.bank.token}` }, /malformed Authorization header/],
      [{ authorization: `Bearer ${expired}` }, /access token expired/],
    ];
    for (const [params, reason] of cases) {
      const s = new Subscriber(wsUrl(app), params);
      const closed = await s.closedWith();
      expect(closed.code).toBe(4401);
      expect(closed.reason).toMatch(reason);
      expect(Buffer.byteLength(closed.reason)).toBeLessThanOrEqual(123);
      await s.dispose();
    }
    expect(app.started.runtime.pubsub.listenerCount(MATCH_REQUEST_UPDATED)).toBe(0);
  });

  it('closes a connection with 4401 when its token expires (the token is checked at connection only)', async () => {
    const shortLived = await bankToken(Math.floor(Date.now() / 1000) + 3);
    const s = new Subscriber(wsUrl(app), { authorization: `Bearer ${shortLived}` });
    await new Promise((r) => setTimeout(r, 1_000));
    expect(s.closed).toBeUndefined(); // accepted while the token is valid
    const closed = await s.closedWith();
    expect(closed).toEqual({ code: 4401, reason: 'UNAUTHENTICATED: access token expired; reconnect with a new token (令牌已过期)' });
    await s.dispose();
  });

  it('answers queries and mutations over the websocket with BAD_REQUEST, and applies the alias limit to subscriptions', async () => {
    const query = new Subscriber(wsUrl(app), { authorization: `Bearer ${c.bank.token}` }, '{ me { email } }');
    await query.until(() => query.errors.length > 0, 'an error');
    expect(query.errors[0]).toMatchObject({ extensions: { code: 'BAD_REQUEST' }, message: expect.stringContaining('over HTTP POST') });
    await query.dispose();

    const aliases = Array.from({ length: 16 }, (_, i) => `a${i}: id`).join(' ');
    const wide = new Subscriber(wsUrl(app), { authorization: `Bearer ${c.bank.token}` }, `subscription { matchRequestUpdated { ${aliases} } }`);
    await wide.until(() => wide.errors.length > 0, 'an error');
    expect(wide.errors[0]).toMatchObject({ extensions: { code: 'BAD_USER_INPUT', limit: 'aliases' } });
    await wide.dispose();

    const unknown = new Subscriber(wsUrl(app), { authorization: `Bearer ${c.bank.token}` }, 'subscription { matchRequestUpdated { nope } }');
    await unknown.until(() => unknown.errors.length > 0, 'an error');
    expect(unknown.errors[0]).toMatchObject({ extensions: { code: 'GRAPHQL_VALIDATION_FAILED' } });
    await unknown.dispose();
    expect(app.started.runtime.pubsub.listenerCount(MATCH_REQUEST_UPDATED)).toBe(0);
  });

  it('keeps serving when the pub/sub connection is lost, and delivers again once it is back', async () => {
    const pubsub = app.started.runtime.pubsub;
    const newcomer = await registerOrg(app, 'ENTERPRISE', { verifyWith: await loginAuthority(app) });
    lingering = new Subscriber(wsUrl(app), { authorization: `Bearer ${newcomer.token}` });
    await listening(app, 1);
    const [{ n }] = await sql(app, 'SELECT count(pg_terminate_backend(pid))::int AS n FROM pg_stat_activity WHERE application_name = $1', [`srdi-pubsub-${app.namespace}`]);
    // The API's connection, and the background thread's own (ADR 0038: it publishes import progress); both reconnect.
    expect(n).toBe(2);
    await until(() => !pubsub.connected, 'the loss to be noticed');
    // The API answers meanwhile.
    expect(ok(await app.gql('{ me { email } }', {}, newcomer.token), 'me').email).toBe(newcomer.email);
    await listening(app, 1); // reconnected and listening again
    const id = await requestMatch(app, newcomer.token, c.listingId, false);
    expect((await lingering.update(id, 'PENDING')).enterprise.id).toBe(newcomer.organizationId);
  });

  it('answers a subscription sent over HTTP POST with 400 BAD_REQUEST saying where subscriptions live', async () => {
    const res = await app.gql(SUBSCRIPTION, {}, c.bank.token);
    expect(res.status).toBe(400);
    expect(res.data ?? null).toBeNull();
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_REQUEST');
    expect(res.errors![0]!.message).toContain('subscriptions run over the websocket only: graphql-ws protocol at /graphql');
    expect(res.errors![0]!.extensions ?? {}).not.toHaveProperty('stacktrace');
  });
});

describe.each([
  ['PostgreSQL (LISTEN/NOTIFY, BullMQ on PostgreSQL)', 'postgres' as const],
  ['Redis (pub/sub, BullMQ on Redis)', 'redis' as const],
])('Subscription.matchRequestUpdated across two processes on %s', (_name, queue) => {
  let allInOne: TestApp;
  let apiOnly: TestApp;
  let c: Cast;

  beforeAll(async () => {
    allInOne = await startTestApp({ queue });
    // A second process on the same database and queues, serving the API only (no workers, no relay).
    apiOnly = await startTestApp({ sharing: allInOne, withWorkers: false });
    c = await cast(allInOne);
  });
  afterAll(async () => {
    await apiOnly?.close();
    await allInOne?.close();
  });

  itOn(queue)('a subscriber on the API-only process gets the changes made through either process', async () => {
    expect(apiOnly.started.runtime.role).toBe('api');
    expect(apiOnly.started.runtime.pubsub.backend).toBe(queue);
    // The bank listens on the all-in-one process, the enterprise and the stranger on the API-only one;
    // the request goes through the API-only process, the answer through the all-in-one one.
    await journey({ subscribeOn: apiOnly, bankOn: allInOne, requestOn: apiOnly, respondOn: allInOne }, c);
  });
});
