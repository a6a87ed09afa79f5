import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getIntrospectionQuery } from 'graphql';
import { auditServer } from 'graphql-http';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { startTestApp, TEST_OPERATOR_TOKEN, type TestApp } from '../helpers/test-app.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';

/** What the JSON bodies read below may hold: GraphQL responses and health reports. */
interface JsonBody {
  data?: unknown;
  errors?: Array<{ message: string; extensions?: Record<string, unknown> }>;
  status?: string;
  info?: Record<string, { status: string }>;
}

/** Raw HTTP, for the cases the gql() helper cannot express (GET, odd headers, odd bodies). */
async function http(url: string, init: RequestInit = {}): Promise<{ status: number; type: string; text: string; body: JsonBody | undefined }> {
  const res = await fetch(url, init);
  const text = await res.text();
  let body: JsonBody | undefined;
  try {
    body = JSON.parse(text);
  } catch {
    body = undefined;
  }
  return { status: res.status, type: res.headers.get('content-type') ?? '', text, body };
}

const JSON_HEADERS = { 'content-type': 'application/json' };

function expectNoStacktrace(res: { errors?: GraphQLResponse['errors'] }) {
  for (const e of res.errors ?? []) expect(e.extensions ?? {}).not.toHaveProperty('stacktrace');
}

const REGISTER = `mutation R($i: RegisterInput!) { register(input: $i) { accessToken } }`;
let orgSeq = 0;
function registration(tag: string) {
  orgSeq += 1;
  const body = `PRT${String(orgSeq).padStart(5, '0')}`;
  return {
    email: `${tag}-${orgSeq}@protocol.test`,
    password: 'protocol-password-1',
    displayName: 'Protocol Tester',
    organization: { kind: 'ENTERPRISE', name: `协议测试企业 ${tag}`, uscc: makeUscc('91', '330281', body), regionCode: '330281' },
  };
}

describe('GraphQL over HTTP (development-like: NODE_ENV=test)', () => {
  let app: TestApp;
  const count = async (table: 'organizations' | 'users') => {
    const [{ n }] = await app.started.runtime.database.dataSource.query(`SELECT count(*)::int AS n FROM ${table}`);
    return n as number;
  };

  beforeAll(async () => {
    app = await startTestApp();
  });
  afterAll(async () => {
    await app?.close();
  });

  it('passes every MUST audit of the GraphQL-over-HTTP spec (graphql-http)', async () => {
    const results = await auditServer({ url: app.url });
    expect(results.length).toBeGreaterThan(20);
    const must = results.filter((r) => r.name.startsWith('MUST'));
    expect(must.length).toBeGreaterThan(5);
    const failing = must.filter((r) => r.status !== 'ok').map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failing).toEqual([]);
  });

  it('refuses a mutation sent over GET and writes nothing', async () => {
    const input = registration('get');
    const before = await count('organizations');
    const url = new URL(app.url);
    url.searchParams.set('query', REGISTER);
    url.searchParams.set('variables', JSON.stringify({ i: input }));
    // The preflight header gets the request past CSRF prevention, so the GET rule itself is tested.
    const res = await http(url.toString(), { headers: { 'apollo-require-preflight': 'true' } });
    expect(res.status).toBe(405);
    expect(res.body?.errors?.[0]?.message).toMatch(/GET/);
    expect(res.body?.data ?? undefined).toBeUndefined();
    expect(await count('organizations')).toBe(before);
    const [{ n }] = await app.started.runtime.database.dataSource.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [input.email]);
    expect(n).toBe(0);
  });

  it('blocks simple (CSRF-able) requests, and serves GET queries that carry a preflight header', async () => {
    const url = new URL(app.url);
    url.searchParams.set('query', '{ __typename }');
    const blocked = await http(url.toString());
    expect(blocked.status).toBe(400);
    expect(blocked.body?.errors?.[0]?.message).toMatch(/Cross-Site Request Forgery|CSRF/);
    expect(blocked.body?.data ?? undefined).toBeUndefined();

    const textPlain = await http(app.url, { method: 'POST', headers: { 'content-type': 'text/plain' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(textPlain.status).toBe(400);
    expect(textPlain.body?.data ?? undefined).toBeUndefined();

    const allowed = await http(url.toString(), { headers: { 'apollo-require-preflight': 'true' } });
    expect(allowed.status).toBe(200);
    expect(allowed.body).toEqual({ data: { __typename: 'Query' } });
  });

  it(`rejects a query deeper than GRAPHQL_MAX_DEPTH (default 10) with BAD_USER_INPUT`, async () => {
    // `__type` introspection is the deepest path the schema offers today (ofType chains).
    const nest = (levels: number) => `{ __type(name: "Query") { fields { type ${'{ ofType '.repeat(levels)}{ name }${' }'.repeat(levels)} } } }`;
    const within = await app.gql(nest(6)); // __type, fields, type, 6×ofType, name = depth 10
    expect(within.errors).toBeUndefined();
    const res = await app.gql(nest(7));
    expect(res.errors).toHaveLength(1);
    expect(res.errors![0]!.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions?.limit).toBe('depth');
    expect(res.errors![0]!.message).toMatch(/depth limit of 10/);
    expect(res.data ?? undefined).toBeUndefined();
    expectNoStacktrace(res);
  });

  it('rejects more aliases than GRAPHQL_MAX_ALIASES (default 15), __typename included', async () => {
    const aliases = (n: number) => `{ ${Array.from({ length: n }, (_, i) => `a${i}: __typename`).join(' ')} }`;
    const ok = await app.gql(aliases(15));
    expect(ok.errors).toBeUndefined();
    expect(Object.keys(ok.data ?? {})).toHaveLength(15);
    const res = await app.gql(aliases(16));
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions?.limit).toBe('aliases');
    expect(res.errors![0]!.message).toMatch(/Aliases limit of 15 exceeded/);
    expect(res.data ?? undefined).toBeUndefined();
    expectNoStacktrace(res);
  });

  it('rejects an operation whose estimated cost is above GRAPHQL_MAX_COST (default 5000) with 400 BAD_USER_INPUT', async () => {
    // 15 pages of 100 notifications × 6 fields ≈ 9,000, under the alias limit.
    const query = `{ ${Array.from({ length: 15 }, (_, i) => `n${i}: notifications(first: 100) { id kind title body createdAt readAt }`).join(' ')} }`;
    const res = await app.gql(query);
    expect(res.status).toBe(400);
    expect(res.errors).toHaveLength(1);
    const e = res.errors![0]!;
    expect(e.extensions?.code).toBe('BAD_USER_INPUT');
    expect(e.extensions?.limit).toBe('cost');
    expect(e.extensions?.maxCost).toBe(5000);
    expect(e.extensions?.cost).toBeGreaterThan(5000);
    expect(e.extensions).not.toHaveProperty('http');
    expect(e.message).toMatch(/query cost \d+ exceeds the limit of 5000/);
    expect(res.data ?? undefined).toBeUndefined();
    expectNoStacktrace(res);
  });

  it('answers a variable of the wrong type with 400 BAD_USER_INPUT, not a server error', async () => {
    const query = 'query Page($n: Int!) { notifications(first: $n) { id } }';
    for (const variables of [{ n: 'abc' }, {}]) {
      const res = await app.gql(query, variables);
      expect(res.status).toBe(400);
      expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
      expect(res.errors![0]!.message).toMatch(/Variable "\$n"/);
      expectNoStacktrace(res);
    }
  });

  it('lets the full introspection query through the cost and depth limits outside production', async () => {
    const res = await app.gql(getIntrospectionQuery());
    expect(res.errors).toBeUndefined();
    expect(res.data?.__schema?.queryType?.name).toBe('Query');
  });

  it('rejects batched requests (JSON array body) without running any of them', async () => {
    const before = await count('organizations');
    const res = await http(app.url, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify([{ query: '{ __typename }' }, { query: REGISTER, variables: { i: registration('batch') } }]),
    });
    expect(res.status).toBe(400);
    expect(res.body?.errors?.[0]?.message).toMatch(/batching/i);
    expect(await count('organizations')).toBe(before);
  });

  it('rejects a body over 1 MB with 413', async () => {
    const res = await http(app.url, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(1_100_000) } }),
    });
    expect(res.status).toBe(413);
    expect(res.text).not.toMatch(/\bat \S+:\d+:\d+/); // no stack frames
    // Just under the limit still works, so it is the size that was refused.
    const fine = await http(app.url, {
      method: 'POST',
      headers: JSON_HEADERS,
      body: JSON.stringify({ query: '{ __typename }', variables: { pad: 'x'.repeat(900_000) } }),
    });
    expect(fine.status).toBe(200);
  });

  it('offers field suggestions outside production', async () => {
    const res = await app.gql('{ mee { id } }');
    expect(res.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(res.errors![0]!.message).toMatch(/Did you mean "me"/);
    expectNoStacktrace(res);
  });

  it('serves the sandbox landing page to browsers outside production', async () => {
    const res = await http(app.url, { headers: { accept: 'text/html' } });
    expect(res.status).toBe(200);
    expect(res.type).toMatch(/text\/html/);
    expect(res.text).toMatch(/embeddable-sandbox|apollo-server-landing-page/);
  });

  it('reports liveness and readiness with database, queue and search up', async () => {
    const live = await http(`${app.started.baseUrl}/health/live`);
    expect(live.status).toBe(200);
    expect(live.body?.status).toBe('ok');
    // Public: the status only (no queue counts, no component names).
    const anonymous = await http(`${app.started.baseUrl}/health/ready`);
    expect(anonymous.status).toBe(200);
    expect(anonymous.body).toEqual({ status: 'ok' });
    const wrong = await http(`${app.started.baseUrl}/health/ready`, { headers: { authorization: 'Bearer not-the-operator-token-not-the-operator' } });
    expect(wrong.body).toEqual({ status: 'ok' });
    const ready = await http(`${app.started.baseUrl}/health/ready`, { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } });
    expect(ready.status).toBe(200);
    expect(ready.body?.status).toBe('ok');
    expect(ready.body?.info?.database?.status).toBe('up');
    expect(ready.body?.info?.queue?.status).toBe('up');
    expect(ready.body?.info?.search?.status).toBe('up');
  });

  it('echoes a valid x-request-id, and makes one up when it is missing or unsafe', async () => {
    const echoed = await fetch(`${app.started.baseUrl}/health/live`, { headers: { 'x-request-id': 'e2e-req.42' } });
    expect(echoed.headers.get('x-request-id')).toBe('e2e-req.42');
    const gqlEchoed = await fetch(app.url, { method: 'POST', headers: { ...JSON_HEADERS, 'x-request-id': 'e2e-gql-1' }, body: JSON.stringify({ query: '{ __typename }' }) });
    expect(gqlEchoed.headers.get('x-request-id')).toBe('e2e-gql-1');
    const made = await fetch(`${app.started.baseUrl}/health/live`);
    expect(made.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
    const unsafe = await fetch(`${app.started.baseUrl}/health/live`, { headers: { 'x-request-id': 'bad id\twith<html>' } });
    expect(unsafe.headers.get('x-request-id')).toMatch(/^[0-9a-f-]{36}$/);
  });
});

describe('GraphQL over HTTP in production mode (NODE_ENV=production)', () => {
  let prod: TestApp;
  beforeAll(async () => {
    // startTestApp already provides DATABASE_URL, JWT_SECRET and AUTHORITY_EMAIL, which production requires.
    prod = await startTestApp({ env: { NODE_ENV: 'production', GRAPHQL_MAX_COST: '10' } });
  });
  afterAll(async () => {
    await prod?.close();
  });

  it('is really running in production mode', () => {
    expect(prod.started.runtime.config.production).toBe(true);
  });

  it('refuses introspection', async () => {
    const full = await prod.gql(getIntrospectionQuery());
    expect(full.errors?.length).toBeGreaterThan(0);
    expect(full.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expect(full.errors![0]!.message).toMatch(/introspection/i);
    expect(full.data ?? undefined).toBeUndefined();
    const type = await prod.gql('{ __type(name: "Query") { name } }');
    expect(type.errors?.[0]?.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoStacktrace(full);
  });

  it('does not suggest field names in validation errors', async () => {
    const res = await prod.gql('{ mee { id } }');
    expect(res.errors?.length).toBeGreaterThan(0);
    for (const e of res.errors!) expect(e.message).not.toMatch(/Did you mean/i);
    expect(res.errors![0]!.extensions?.code).toBe('GRAPHQL_VALIDATION_FAILED');
    expectNoStacktrace(res);
  });

  it('does not serve the sandbox landing page', async () => {
    const res = await http(prod.url, { headers: { accept: 'text/html' } });
    expect(res.text).not.toMatch(/sandbox/i);
    expect(res.type).not.toMatch(/text\/html/);
  });

  it('enforces GRAPHQL_MAX_COST from the environment', async () => {
    const res = await prod.gql('{ notifications { id } }'); // 1 + 20 × 1 = 21 > 10
    expect(res.status).toBe(400);
    expect(res.errors?.[0]?.extensions?.code).toBe('BAD_USER_INPUT');
    expect(res.errors![0]!.extensions?.maxCost).toBe(10);
    expect(res.errors![0]!.message).toMatch(/exceeds the limit of 10/);
    expectNoStacktrace(res);
    const cheap = await prod.gql('{ __typename }');
    expect(cheap.errors).toBeUndefined();
  });

  it('still passes every MUST audit that does not probe with introspection', async () => {
    // BF61 and 28B9 send `__type(name: …)` queries, which production refuses on purpose.
    const probesWithIntrospection = new Set(['BF61', '28B9']);
    const results = await auditServer({ url: prod.url });
    const failing = results
      .filter((r) => r.name.startsWith('MUST') && !probesWithIntrospection.has(r.id) && r.status !== 'ok')
      .map((r) => `${r.id} ${r.name}: ${'reason' in r ? r.reason : ''}`);
    expect(failing).toEqual([]);
  });
});
