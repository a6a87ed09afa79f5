import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, type Socket } from 'node:net';
import { NOTIFICATION_ADDED } from '../../libs/platform/src/pubsub/channels.js';
import { startTestApp, TEST_OPERATOR_TOKEN, type TestApp } from '../helpers/test-app.js';
import { WsSubscriber, listening, wsUrl } from '../helpers/ws-subscriber.js';
import { loginAuthority, registerOrg, type Org } from '../helpers/listing-fixtures.js';
import { financialsEnding, profileInput, UPSERT_PROFILE } from '../helpers/profile-fixtures.js';
import { pino } from 'pino';

/**
 * Issue 21 (ADR 0037): the limits and protections the security probes asked for, on a booted server.
 */
const MAX_CONNECTIONS = 40;
const RATE_LIMIT = 800;

/** A raw TCP connection to the app, to send requests slowly; `closed` settles when the server (or the client) closes it. */
function rawSocket(app: TestApp): Promise<{ socket: Socket; received: () => string; closed: Promise<void> }> {
  const { port } = new URL(app.started.baseUrl);
  return new Promise((resolve, reject) => {
    let data = '';
    const socket = connect(Number(port), '127.0.0.1');
    const closed = new Promise<void>((r) => socket.on('close', () => r()));
    socket.on('data', (chunk) => (data += chunk.toString()));
    socket.on('error', () => undefined);
    socket.once('connect', () => resolve({ socket, received: () => data, closed }));
    socket.once('error', reject);
  });
}

/**
 * Waits for the server to close `socket`, failing after `ms`: Node's own limits (60 s for headers,
 * 300 s for a request) are far beyond it, so only the configured ones close it in time.
 */
function serverCloses(closed: Promise<void>, what: string, ms = 10_000): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the server did not close ${what} within ${ms} ms`)), ms);
    void closed.then(() => {
      clearTimeout(timer);
      resolve();
    });
  });
}

const subscriber = (app: TestApp, token: string, count = 1) =>
  new WsSubscriber<unknown>(wsUrl(app), { authorization: `Bearer ${token}` }, 'subscription { notificationAdded { id } }', 'notificationAdded', count);

describe('hardening (issue 21)', () => {
  let app: TestApp;
  /** Every line the server logged, parsed. */
  const logLines: Array<Record<string, unknown>> = [];
  const logger = pino({ level: 'info' }, { write: (line: string) => void logLines.push(JSON.parse(line) as Record<string, unknown>) });
  let authority: string;
  let enterprise: Org;

  beforeAll(async () => {
    app = await startTestApp({
      env: {
        WS_MAX_SUBSCRIPTIONS_PER_SOCKET: '3',
        WS_MAX_SOCKETS_PER_USER: '2',
        HTTP_HEADERS_TIMEOUT_MS: '1000',
        HTTP_REQUEST_TIMEOUT_MS: '2000',
        HTTP_KEEP_ALIVE_TIMEOUT_MS: '1000',
        HTTP_MAX_CONNECTIONS_PER_ADDRESS: String(MAX_CONNECTIONS),
        HTTP_RATE_LIMIT_PER_MINUTE: String(RATE_LIMIT),
        METRICS_PORT: '0',
      },
      logger,
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
      // The previous test's subscriptions end asynchronously on the server: counting listeners below
      // must start from none, or a lingering one passes for a or b while the third socket connects first.
      const pubsub = app.started.runtime.pubsub;
      while (pubsub.listenerCount(NOTIFICATION_ADDED) > 0) await new Promise((r) => setTimeout(r, 20));
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

  describe('logs people can read', () => {
    const linesOf = (requestId: string) => logLines.filter((l) => l.requestId === requestId);
    const post = (query: string, variables: Record<string, unknown>, token: string | undefined, requestId: string) =>
      fetch(app.url, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-request-id': requestId, ...(token ? { authorization: `Bearer ${token}` } : {}) },
        body: JSON.stringify({ query, variables }),
      }).then((r) => r.json() as Promise<{ errors?: Array<{ extensions: Record<string, unknown> }> }>);

    it('logs a BAD_USER_INPUT at info without stack or the figures its message quotes', async () => {
      const financials = financialsEnding();
      financials[0] = { ...financials[0]!, revenue: 987_654_321, mainBusinessRevenue: 987_654_329 };
      const res = await post(UPSERT_PROFILE, { i: profileInput({ financials }) }, enterprise.token, 'log-bad-input');
      expect(res.errors?.[0]?.extensions.code).toBe('BAD_USER_INPUT');
      const [line, ...more] = linesOf('log-bad-input').filter((l) => l.code);
      expect(more).toEqual([]);
      expect(line).toMatchObject({ level: 30, code: 'BAD_USER_INPUT', field: expect.stringContaining('mainBusinessRevenue'), operation: null });
      const whole = logLines.map((l) => JSON.stringify(l)).join('\n');
      expect(whole).not.toContain('987654321');
      expect(whole).not.toContain('987654329');
      expect(whole).not.toMatch(/"stack"[^}]*AppError|ExceptionsHandler/);
    });

    it('logs FORBIDDEN and UNAUTHENTICATED at warn, NOT_FOUND at info, none of them at error', async () => {
      await post('query Audit { auditLog(first: 1) { edges { node { id } } } }', {}, enterprise.token, 'log-forbidden');
      await post('{ me { id } }', {}, undefined, 'log-unauthenticated');
      await post('query($id: ID!) { leads(listingId: $id) { score } }', { id: '00000000-0000-4000-8000-000000000000' }, enterprise.token, 'log-not-found');
      expect(linesOf('log-forbidden').filter((l) => l.code)).toEqual([expect.objectContaining({ level: 40, code: 'FORBIDDEN', operation: 'Audit', path: 'auditLog' })]);
      expect(linesOf('log-unauthenticated').filter((l) => l.code)).toEqual([expect.objectContaining({ level: 40, code: 'UNAUTHENTICATED' })]);
      expect(linesOf('log-not-found').filter((l) => l.code)).toEqual([expect.objectContaining({ level: 30, code: 'NOT_FOUND' })]);
      expect(logLines.filter((l) => (l.level as number) >= 50)).toEqual([]);
    });

    it('logs an unexpected error at error with the request id and the stack', async () => {
      const ds = app.started.runtime.database.dataSource;
      await ds.query('ALTER TABLE notifications RENAME TO notifications_hidden');
      try {
        const res = await post('{ unreadCount }', {}, enterprise.token, 'log-unexpected');
        expect(res.errors?.[0]?.extensions.code).toBe('INTERNAL_SERVER_ERROR');
      } finally {
        await ds.query('ALTER TABLE notifications_hidden RENAME TO notifications');
      }
      const [line] = linesOf('log-unexpected').filter((l) => l.level === 50);
      expect(line).toMatchObject({ code: 'INTERNAL_SERVER_ERROR', path: 'unreadCount', error: { type: 'QueryFailedError', stack: expect.stringContaining('QueryFailedError') } });
      // The failed statement's parameters (the user's id here) stay out of the log.
      expect(JSON.stringify(line)).not.toContain(enterprise.userId);
    });
  });

  describe('text hygiene', () => {
    it.each([
      ['a right-to-left override in the organization name', { name: '余姚市\u202E司公限有造制密精' }, 'name', /双向文字控制符/],
      ['an ANSI escape in the display name', { displayName: '\u001b[31m管理员' }, 'displayName', /ANSI/],
      ['a line break in the organization name', { name: '余姚市精密制造\n有限公司' }, 'name', /一行/],
    ])('refuses %s with BAD_USER_INPUT naming the field', async (_label, change, field, message) => {
      const input = {
        email: 'hygiene@hygiene.test',
        password: 'hygiene-password-1',
        displayName: '测试',
        organization: { kind: 'ENTERPRISE', name: '余姚市精密制造有限公司', uscc: '91330281MA2H0Y1X7A', regionCode: '330281' },
      };
      const i = 'displayName' in change ? { ...input, ...change } : { ...input, organization: { ...input.organization, ...change } };
      const res = await app.gql('mutation($i: RegisterInput!) { register(input: $i) { accessToken } }', { i });
      expect(res.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field });
      expect(res.errors?.[0]?.message).toMatch(message);
    });
  });

  describe('metrics', () => {
    const scrape = (token?: string) => fetch(`${app.started.baseUrl}/metrics`, { headers: token ? { authorization: `Bearer ${token}` } : {} });
    /** The value of one sample line, e.g. `srdi_outbox_backlog 0`. */
    const sample = (text: string, prefix: string) => {
      const line = text.split('\n').find((l) => l.startsWith(prefix));
      return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
    };

    it('/metrics on the main port needs the token', async () => {
      expect((await scrape()).status).toBe(401);
      expect((await scrape('not-the-token-not-the-token-not-the-token')).status).toBe(401);
      const ok = await scrape(TEST_OPERATOR_TOKEN);
      expect(ok.status).toBe(200);
      expect(ok.headers.get('content-type')).toContain('text/plain');
    });

    it('reports HTTP, GraphQL, pool, queue, outbox, job, event-loop and heap figures, with bounded operation labels', async () => {
      await app.gql('query MetricsProbe { me { id } }', {}, enterprise.token);
      await app.gql('{ me { id } }', {}, enterprise.token);
      await app.gql('query MetricsDenied { auditLog(first: 1) { edges { node { id } } } }', {}, enterprise.token);
      await app.drain();
      const text = await (await scrape(TEST_OPERATOR_TOKEN)).text();
      expect(sample(text, 'srdi_graphql_operations_total{operation="MetricsProbe",type="query",outcome="OK"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'srdi_graphql_operations_total{operation="anonymous",type="query",outcome="OK"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'srdi_graphql_operations_total{operation="MetricsDenied",type="query",outcome="FORBIDDEN"}')).toBe(1);
      expect(sample(text, 'srdi_graphql_operation_duration_seconds_count{operation="MetricsProbe",type="query",outcome="OK"}')).toBeGreaterThanOrEqual(1);
      expect(sample(text, 'srdi_http_requests_total{method="POST",route="/graphql",status="200"}')).toBeGreaterThan(1);
      expect(text).toMatch(/srdi_http_request_duration_seconds_bucket\{le="0.1",method="POST",route="\/graphql"/);
      expect(sample(text, 'srdi_db_pool_connections{state="total"}')).toBeGreaterThan(0);
      expect(sample(text, 'srdi_queue_jobs{queue="notify",state="waiting"}')).toBe(0);
      expect(sample(text, 'srdi_queue_oldest_waiting_seconds{queue="notify"}')).toBe(0);
      expect(sample(text, 'srdi_outbox_backlog')).toBe(0);
      expect(sample(text, 'srdi_outbox_lag_seconds')).toBe(0);
      expect(text).toMatch(/srdi_job_duration_seconds_count\{queue="[a-z-]+",job="[a-z.-]+",outcome="ok"\} [1-9]/);
      expect(text).toContain('srdi_job_failures_total');
      expect(sample(text, 'srdi_nodejs_eventloop_lag_seconds')).toBeGreaterThanOrEqual(0);
      expect(sample(text, 'srdi_nodejs_heap_size_used_bytes')).toBeGreaterThan(0);
    });

    it('collapses operation names past the bound, and names that are no GraphQL names, into other', () => {
      const metrics = app.started.runtime.metrics;
      expect(metrics.operationLabel(undefined)).toBe('anonymous');
      expect(metrics.operationLabel('x'.repeat(65))).toBe('other');
      for (let i = 0; i < 300; i++) metrics.operationLabel(`Generated${i}`);
      expect(metrics.operationLabel('OneMoreName')).toBe('other');
      expect(metrics.operationLabel('MetricsProbe')).toBe('MetricsProbe');
    });

    it('serves /metrics without a token on METRICS_PORT', async () => {
      const port = app.started.metricsPort!;
      const res = await fetch(`http://127.0.0.1:${port}/metrics`);
      expect(res.status).toBe(200);
      expect(await res.text()).toContain('srdi_outbox_backlog');
      expect((await fetch(`http://127.0.0.1:${port}/graphql`)).status).toBe(404);
    });
  });

  describe('queue board', () => {
    const board = (path: string, init: RequestInit = {}) => fetch(`${app.started.baseUrl}/admin/queues${path}`, init);
    const operator = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };

    it('is reachable only with the operator token (Bearer, or Basic with the token as password)', async () => {
      expect((await board('')).status).toBe(401);
      expect((await board('/api/queues')).status).toBe(401);
      expect((await board('/api/queues', { headers: { authorization: `Bearer ${enterprise.token}` } })).status).toBe(401);
      expect((await board('/api/queues', { headers: { authorization: `Basic ${Buffer.from('ops:wrong-password').toString('base64')}` } })).status).toBe(401);
      const page = await board('/', { headers: operator });
      expect(page.status).toBe(200);
      expect(await page.text()).toContain('<base href="/admin/queues/"');
      const basic = await board('/api/queues', { headers: { authorization: `Basic ${Buffer.from(`ops:${TEST_OPERATOR_TOKEN}`).toString('base64')}` } });
      expect(basic.status).toBe(200);
    });

    it('lists every queue on the PostgreSQL backend (Redis: the block below), read-only: retry and clean refused', async () => {
      const res = await board('/api/queues', { headers: operator });
      const body = (await res.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
      expect(body.queues.map((q) => q.name).sort()).toEqual(['bulk', 'imports', 'matching', 'notify', 'search-sync', 'tier-scoring']);
      expect(body.queues.every((q) => q.readOnlyMode)).toBe(true);
      expect((await board('/api/queues/notify/retry/failed', { method: 'PUT', headers: operator })).status).toBe(403);
      expect((await board('/api/queues/notify/clean/completed', { method: 'PUT', headers: operator })).status).toBe(403);
    });
  });

  describe('HTTP', () => {
    it('sends no X-Powered-By, and the security headers; no deny-all CSP on the development sandbox page', async () => {
      const live = await fetch(`${app.started.baseUrl}/health/live`);
      expect(live.headers.get('x-powered-by')).toBeNull();
      expect(live.headers.get('x-content-type-options')).toBe('nosniff');
      expect(live.headers.get('x-frame-options')).toBe('DENY');
      expect(live.headers.get('referrer-policy')).toBe('no-referrer');
      expect(live.headers.get('content-security-policy')).toContain("default-src 'none'");
      const api = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ query: '{ __typename }' }) });
      expect(api.headers.get('x-powered-by')).toBeNull();
      expect(api.headers.get('content-security-policy')).toContain("frame-ancestors 'none'");
      const sandbox = await fetch(app.url, { headers: { accept: 'text/html' } });
      expect(await sandbox.text()).toMatch(/embeddable-sandbox|apollo-server-landing-page/);
      expect(sandbox.headers.get('content-security-policy')).toBeNull();
    });

    it('/health/live is public; /health/ready shows its details only to the operator token', async () => {
      expect((await fetch(`${app.started.baseUrl}/health/live`)).status).toBe(200);
      const anonymous = await fetch(`${app.started.baseUrl}/health/ready`);
      expect(anonymous.status).toBe(200);
      const text = await anonymous.text();
      expect(JSON.parse(text)).toEqual({ status: 'ok' });
      expect(text).not.toMatch(/waiting|failed|queue|database/);
      const operator = await fetch(`${app.started.baseUrl}/health/ready`, { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } });
      expect(((await operator.json()) as { info: Record<string, { waiting?: number }> }).info.queue).toHaveProperty('waiting');
    });

    it('cuts off slow headers after HTTP_HEADERS_TIMEOUT_MS', async () => {
      const slow = await rawSocket(app);
      slow.socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\n');
      const keepTrickling = setInterval(() => slow.socket.write('X-Slow: 1\r\n'), 200);
      try {
        await serverCloses(slow.closed, 'a socket still sending headers');
        expect(slow.received()).toMatch(/^HTTP\/1\.1 408/);
      } finally {
        clearInterval(keepTrickling);
      }
    });

    it('cuts off a slow body after HTTP_REQUEST_TIMEOUT_MS', async () => {
      const slow = await rawSocket(app);
      slow.socket.write('POST /graphql HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 10000\r\n\r\n{');
      const keepTrickling = setInterval(() => slow.socket.write(' '), 200);
      try {
        await serverCloses(slow.closed, 'a socket still sending its body');
      } finally {
        clearInterval(keepTrickling);
      }
    });

    it('announces and applies HTTP_KEEP_ALIVE_TIMEOUT_MS to an idle keep-alive socket', async () => {
      const idle = await rawSocket(app);
      idle.socket.write('GET /health/live HTTP/1.1\r\nHost: localhost\r\nConnection: keep-alive\r\n\r\n');
      await serverCloses(idle.closed, 'an idle keep-alive socket');
      expect(idle.received()).toMatch(/^HTTP\/1\.1 200/);
      // Node's default is 5 s; the configured 1 s is what the server announces.
      // … and HTTP_MAX_REQUESTS_PER_SOCKET (1000) as max.
      expect(idle.received()).toMatch(/\r\nKeep-Alive: timeout=1, max=1000\r\n/i);
    });

    it('refuses connections over HTTP_MAX_CONNECTIONS_PER_ADDRESS from one address', async () => {
      // All at once: an idle socket is closed by the headers timeout (1 s here) anyway.
      const sockets = await Promise.all(Array.from({ length: MAX_CONNECTIONS + 5 }, () => rawSocket(app)));
      try {
        await new Promise((r) => setTimeout(r, 300));
        const refused = sockets.filter((s) => s.socket.destroyed || s.socket.readyState === 'closed').length;
        // The five over the limit, and as many more as this process's own keep-alive connections hold.
        expect(refused).toBeGreaterThanOrEqual(5);
        expect(refused).toBeLessThan(15);
      } finally {
        for (const s of sockets) s.socket.destroy();
      }
      await new Promise((r) => setTimeout(r, 200));
      expect((await fetch(`${app.started.baseUrl}/health/live`)).status).toBe(200);
    });

    // Last: it uses up this address's requests for the minute.
    it('answers 429 with Retry-After over HTTP_RATE_LIMIT_PER_MINUTE requests from one address', async () => {
      let limited: Response | undefined;
      for (let i = 0; i <= RATE_LIMIT && !limited; i++) {
        const res = await fetch(`${app.started.baseUrl}/health/live`);
        if (res.status === 429) limited = res;
        else await res.arrayBuffer();
      }
      expect(limited).toBeDefined();
      expect(Number(limited!.headers.get('retry-after'))).toBeGreaterThan(0);
      expect(((await limited!.json()) as { errors: Array<{ extensions: { code: string } }> }).errors[0]!.extensions.code).toBe('RATE_LIMITED');
    });
  });
});

describe('queue board on Redis, with QUEUE_BOARD_WRITE=on', () => {
  let app: TestApp | undefined;

  beforeAll(async () => {
    app = await startTestApp({ queue: 'redis', withWorkers: false, env: { QUEUE_BOARD_WRITE: 'on' } });
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lists the queues from Redis and allows clean for the operator', async () => {
    const operator = { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` };
    const res = await fetch(`${app!.started.baseUrl}/admin/queues/api/queues`, { headers: operator });
    expect(res.status).toBe(200);
    const body = (await res.json()) as { queues: Array<{ name: string; readOnlyMode: boolean }> };
    expect(body.queues).toHaveLength(6);
    expect(body.queues.every((q) => !q.readOnlyMode)).toBe(true);
    const stats = (await (await fetch(`${app!.started.baseUrl}/admin/queues/api/redis/stats`, { headers: operator })).json()) as { backend?: string };
    expect(stats.backend).toBe('redis');
    expect((await fetch(`${app!.started.baseUrl}/admin/queues/api/queues/notify/clean/completed`, { method: 'PUT', headers: operator })).status).toBe(200);
    expect((await fetch(`${app!.started.baseUrl}/admin/queues/api/queues`)).status).toBe(401);
  });
});
