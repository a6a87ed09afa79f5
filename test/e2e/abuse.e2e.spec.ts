import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, type TestApp } from '../helpers/test-app.js';
import { registerOrg, writeSnapshot, type Org } from '../helpers/listing-fixtures.js';
import { UPSERT_PROFILE, profileInput } from '../helpers/profile-fixtures.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';

/**
 * The abuse cases GraphQL security scanners (graphql-cop, BatchQL, InQL) probe, each with the exact
 * rejection. Neighbouring suites hold the rest of the abuse catalogue (README, "Abuse suite"):
 * graphql-protocol (GET mutations, CSRF, batching, depth, aliases, cost, 1 MB bodies, production
 * introspection and suggestions, the graphql-http audit), identity (JWT tampering),
 * login-throttle (brute force), access-table and query-access-table (cross-organization access),
 * test/unit/fuzz (validators).
 */

interface Raw {
  status: number;
  /** Characters in the response body. */
  size: number;
  body: { data?: unknown; errors?: Array<{ message: string; extensions?: Record<string, unknown> }> };
}

describe('abuse: hostile documents and variables', () => {
  let app: TestApp;
  let firm: Org;

  async function post(body: unknown, token?: string): Promise<Raw> {
    const res = await fetch(app.url, {
      method: 'POST',
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await res.text();
    expect(text).not.toMatch(/\bat \S+ \(?\S+:\d+:\d+\)?/); // no stack frames, whatever happened
    return { status: res.status, size: text.length, body: JSON.parse(text) };
  }

  /** One error with this code and message, no data, no stack trace. */
  function expectRejected(res: Raw, status: number, code: string, message: RegExp) {
    expect({ status: res.status, code: res.body.errors?.[0]?.extensions?.code }).toEqual({ status, code });
    expect(res.body.errors![0]!.message).toMatch(message);
    expect(res.body.data ?? undefined).toBeUndefined();
    for (const e of res.body.errors!) expect(e.extensions ?? {}).not.toHaveProperty('stacktrace');
  }

  beforeAll(async () => {
    app = await startTestApp();
    firm = await registerOrg(app, 'ENTERPRISE');
  });
  afterAll(async () => {
    await app?.close();
  });

  describe('documents', () => {
    it('field duplication flood: 3,000 copies of one field exceed the token limit (2,000) before parsing finishes', async () => {
      const res = await post({ query: `{ me { ${'id '.repeat(3_000)}} }` }, firm.token);
      expectRejected(res, 400, 'BAD_USER_INPUT', /Tokens limit of 2000 exceeded/);
      expect(res.body.errors![0]!.extensions?.limit).toBe('tokens');
    });

    it('field duplication under the token limit: graphql-js stops validating it, with a message that says why', async () => {
      const res = await post({ query: `{ me { ${'id '.repeat(1_900)}} }` }, firm.token);
      expectRejected(res, 400, 'GRAPHQL_VALIDATION_FAILED', /validation aborted: the document repeats fields or fragments too often/);
      // A few duplicates are merged and answered once.
      const few = await post({ query: `{ me { ${'id '.repeat(50)}} }` }, firm.token);
      expect(few.body).toEqual({ data: { me: { id: firm.userId } } });
    });

    it('alias flood of 10,000 aliases is refused by the token limit, 16 by the alias limit', async () => {
      const flood = await post({ query: `{ ${Array.from({ length: 10_000 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }, firm.token);
      expectRejected(flood, 400, 'BAD_USER_INPUT', /Tokens limit of 2000 exceeded/);
      const sixteen = await post({ query: `{ ${Array.from({ length: 16 }, (_, i) => `a${i}: me { id }`).join(' ')} }` }, firm.token);
      expectRejected(sixteen, 400, 'BAD_USER_INPUT', /Aliases limit of 15 exceeded/);
    });

    it('directive overloading: 21 directives on one field are refused (limit 20), known or not', async () => {
      const known = await post({ query: `{ me ${'@include(if: true) '.repeat(21)}{ id } }` }, firm.token);
      expectRejected(known, 400, 'BAD_USER_INPUT', /Directives limit of 20 exceeded/);
      const unknown = await post({ query: `{ __typename ${'@aa '.repeat(200)}}` });
      expectRejected(unknown, 400, 'BAD_USER_INPUT', /Directives limit of 20 exceeded/);
    });

    it('cyclic fragments are refused by validation, and answer at once', async () => {
      const res = await post({ query: 'query { me { ...A } } fragment A on User { organization { id } ...B } fragment B on User { id ...A }' }, firm.token);
      expect(res.status).toBe(400);
      expect(res.body.errors?.[0]?.extensions?.code).toMatch(/GRAPHQL_VALIDATION_FAILED|BAD_USER_INPUT/);
      expect(res.body.errors!.map((e) => e.message).join(' ')).toMatch(/Cannot spread fragment "A" within itself/);
      expect(res.body.data ?? undefined).toBeUndefined();
    });

    it('depth hidden in nested fragments counts as depth', async () => {
      // Each fragment adds one `ofType` level: 7 through fragments is depth 11 (limit 10).
      const frags = Array.from({ length: 7 }, (_, i) => `fragment F${i} on __Type { ofType { ${i < 6 ? `...F${i + 1}` : 'name'} } }`).join(' ');
      const res = await post({ query: `{ __type(name: "Query") { fields { type { ...F0 } } } } ${frags}` });
      expectRejected(res, 400, 'BAD_USER_INPUT', /depth limit of 10/);
    });

    it('several operations without operationName are refused; an unknown operationName too', async () => {
      const doc = 'query A { __typename } query B { __typename }';
      const none = await post({ query: doc });
      expectRejected(none, 400, 'OPERATION_RESOLUTION_FAILURE', /Must provide operation name/);
      const unknown = await post({ query: doc, operationName: 'C' });
      expectRejected(unknown, 400, 'OPERATION_RESOLUTION_FAILURE', /Unknown operation named "C"/);
    });

    it('a document that is not a string, and a body that is not JSON, are 400 BAD_REQUEST', async () => {
      expectRejected(await post({ query: { evil: true } }), 400, 'BAD_REQUEST', /GraphQL queries must be strings/);
      const broken = await fetch(app.url, { method: 'POST', headers: { 'content-type': 'application/json' }, body: '{"query": "{ me {' });
      expect(broken.status).toBe(400);
      expect(await broken.text()).not.toMatch(/\bat \S+:\d+:\d+/);
    });
  });

  describe('variables', () => {
    it('deeply nested JSON where an input object is expected is BAD_USER_INPUT naming the variable', async () => {
      const nested = `${'['.repeat(5_000)}"x"${']'.repeat(5_000)}`;
      const before = await writeSnapshot(app);
      const query = JSON.stringify('mutation($i: EnterpriseProfileInput!) { upsertEnterpriseProfile(input: $i) { version } }');
      const res = await post(`{"query":${query},"variables":{"i":${nested}}}`, firm.token);
      expectRejected(res, 400, 'BAD_USER_INPUT', /i: variables nest deeper than 12 levels/);
      expect(res.body.errors![0]!.extensions).toMatchObject({ field: 'i', limit: 'depth' });
      expect(await writeSnapshot(app)).toEqual(before);
    });

    it('a 40,000-element list variable is refused (at most 1,000 items in any list)', async () => {
      const query = 'query($k: [ListingKind!]) { search(input: { query: "", kinds: $k }) { total } }';
      const res = await post({ query, variables: { k: Array(40_000).fill('CREDIT_PRODUCT') } }, firm.token);
      expectRejected(res, 400, 'BAD_USER_INPUT', /k: a list may hold at most 1000 items/);
      expect(res.body.errors![0]!.extensions).toMatchObject({ field: 'k', limit: 'list' });
      const fine = await post({ query, variables: { k: Array(1_000).fill('CREDIT_PRODUCT') } }, firm.token);
      expect(fine.body.errors).toBeUndefined();
    });

    it('a 500,000-character search text is refused with BAD_USER_INPUT on the field', async () => {
      const res = await post({ query: 'query($q: String!) { search(input: { query: $q }) { total } }', variables: { q: '专'.repeat(1_000) + 'a'.repeat(499_000) } }, firm.token);
      expect(res.status).toBe(200);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query' });
    });

    describe('a 1,000,000-character value is refused with a message that repeats at most 32 characters of it', () => {
      const huge = (c: string) => c.repeat(1_000_000);
      /** BAD_USER_INPUT on the field, a body under 2 KB (it was ≈ 1–2 MB: the message repeated the value). */
      function expectSmallRefusal(res: Raw, field: string | undefined, message: RegExp) {
        expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', ...(field ? { field } : {}) });
        expect(res.body.errors![0]!.message).toMatch(message);
        expect(res.size).toBeLessThan(2_000);
      }

      it('industryCode: the message names the format and the length, not the value', async () => {
        const before = await writeSnapshot(app);
        const res = await post({ query: UPSERT_PROFILE, variables: { i: profileInput({ industryCode: huge('C') }) } }, firm.token);
        expectSmallRefusal(res, 'input.industryCode', /^行业代码格式不正确：.*收到 1000000 个字符/);
        expect(await writeSnapshot(app)).toEqual(before);
      });

      it('regionCode at registration: the same', async () => {
        const before = await writeSnapshot(app);
        const res = await post({
          query: 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
          variables: { i: { email: 'huge-region@abuse.test', password: 'abuse-password-1', displayName: '超长代码', organization: { kind: 'ENTERPRISE', name: '余姚市超长代码测试有限公司', uscc: makeUscc('91', '330281', 'HUGERGN1'), regionCode: huge('3') } } },
        });
        expectSmallRefusal(res, 'input.organization.regionCode', /^行政区划代码应为 6 位数字，收到 1000000 个字符/);
        expect(await writeSnapshot(app)).toEqual(before);
      });

      it('an ID: the first 32 characters, "…" and the length', async () => {
        const res = await post({ query: 'query($id: ID!) { organization(id: $id) { id } }', variables: { id: huge('9') } }, firm.token);
        expectSmallRefusal(res, 'id', new RegExp(`^id 不是有效的 ID：${'9'.repeat(32)}…（共 1000000 个字符 / 1000000 characters） \\(expected a UUID\\)$`));
      });

      it("an enum value: GraphQL's own coercion message is shortened the same way", async () => {
        const res = await post({ query: UPSERT_PROFILE, variables: { i: profileInput({ tier: huge('T') }) } }, firm.token);
        expectSmallRefusal(res, undefined, new RegExp(`Value "${'T'.repeat(32)}…（共 1000000 个字符 / 1000000 characters）" does not exist in "EnterpriseTier" enum`));
      });

      it('a value written inline in the document: shortened too', async () => {
        const res = await post({ query: `{ organization(id: ${JSON.stringify(huge('9'))}) { id } }` }, firm.token);
        expectSmallRefusal(res, 'id', /不是有效的 ID：9{32}…（共 1000000 个字符/);
      });
    });

    it('a NUL character in text input is BAD_USER_INPUT, not a database error, and writes nothing', async () => {
      const before = await writeSnapshot(app);
      const res = await post({ query: UPSERT_PROFILE, variables: { i: profileInput({ capabilities: 'abc\u0000def' }) } }, firm.token);
      expect(res.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'capabilities' });
      expect(await writeSnapshot(app)).toEqual(before);
      const reg = await post({
        query: 'mutation($i: RegisterInput!) { register(input: $i) { accessToken } }',
        variables: { i: { email: 'nul@abuse.test', password: 'abuse-password-1', displayName: 'a\u0000b', organization: { kind: 'ENTERPRISE', name: '余姚市空字符测试有限公司', uscc: makeUscc('91', '330281', 'NULTEQT1'), regionCode: '330281' } } },
      });
      expect(reg.body.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'displayName' });
      expect(await writeSnapshot(app)).toEqual(before);
      const inline = await post({ query: `{ search(input: { query: "a\\u0000b" }) { total } }` }, firm.token);
      expectRejected(inline, 400, 'BAD_USER_INPUT', /query: text may not contain the NUL character/);
    });
  });
});
