import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { NOTIFICATION_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { WsSubscriber, listening, wsUrl } from '../helpers/ws-subscriber.js';
import { loginAuthority, registerOrg, type Org } from '../helpers/listing-fixtures.js';

/**
 * Issue 21 (ADR 0037): the limits and protections the security probes asked for, on a booted server.
 */
const subscriber = (app: TestApp, token: string, count = 1) =>
  new WsSubscriber<unknown>(wsUrl(app), { authorization: `Bearer ${token}` }, 'subscription { notificationAdded { id } }', 'notificationAdded', count);

describe('hardening (issue 21)', () => {
  let app: TestApp;
  let authority: string;
  let enterprise: Org;

  beforeAll(async () => {
    app = await startTestApp({
      env: { WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3', WS_MAX_SOCKETS_PER_USER: '2' },
    });
    authority = await loginAuthority(app);
    enterprise = await registerOrg(app, 'ENTERPRISE', { verifyWith: authority });
  });

  afterAll(async () => {
    await app?.close();
  });

  describe('GraphQL limits', () => {
    it('caps subscriptions per socket at WS_MAX_SUBSCRIPTIONS_PER_SOCKET', async () => {
      const greedy = subscriber(app, enterprise.token, 4);
      try {
        const error = await greedy.until(() => greedy.errors[0], 'the refusal');
        expect(error.extensions).toMatchObject({ code: 'BAD_REQUEST', limit: 'subscriptions' });
        expect(error.message).toContain('at most 3 subscriptions');
        await listening(app, NOTIFICATION_ADDED, 3);
      } finally {
        await greedy.dispose();
      }
    });

    it('caps open sockets per user at WS_MAX_SOCKETS_PER_USER, and frees the slot when one closes', async () => {
      const a = subscriber(app, enterprise.token);
      const b = subscriber(app, enterprise.token);
      const extra: WsSubscriber<unknown>[] = [];
      try {
        await listening(app, NOTIFICATION_ADDED, 2);
        const third = subscriber(app, enterprise.token);
        extra.push(third);
        const closed = await third.closedWith();
        expect(closed.code).toBe(4429);
        expect(closed.reason).toContain('TOO_MANY_CONNECTIONS');
        // Another user is not affected.
        const other = subscriber(app, authority);
        extra.push(other);
        await listening(app, NOTIFICATION_ADDED, 3);
        await a.dispose();
        const pubsub = app.started.runtime.pubsub;
        while (pubsub.listenerCount(NOTIFICATION_ADDED) > 2) await new Promise((r) => setTimeout(r, 20));
        const again = subscriber(app, enterprise.token);
        extra.push(again);
        await listening(app, NOTIFICATION_ADDED, 3);
        expect(again.closed).toBeUndefined();
        expect(again.errors).toEqual([]);
      } finally {
        await Promise.all([a, b, ...extra].map((s) => s.dispose()));
      }
    });

    it('anonymous refusals write no audit row; anonymous successes (login) and signed-in refusals do', async () => {
      const count = async () => Number((await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM audit_log'))[0].n);
      const before = await count();
      for (let i = 0; i < 5; i++) {
        await app.gql(`mutation { respondToMatchRequest(id: "00000000-0000-4000-8000-000000000000", accept: true) { id } }`);
        await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: { email: 'nobody@example.com', password: 'wrong-password-123' } });
        await app.gql(`mutation { notAField }`);
      }
      expect(await count()).toBe(before);
      await app.gql(`mutation { respondToMatchRequest(id: "00000000-0000-4000-8000-000000000000", accept: true) { id } }`, undefined, enterprise.token);
      expect(await count()).toBe(before + 1);
      await loginAuthority(app);
      expect(await count()).toBe(before + 2);
    });
  });
});
