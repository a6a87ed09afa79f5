import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { startApp } from '../../apps/all-in-one/src/start.js';
import { gql } from '../helpers/graphql-client.js';
import { SEARCH_INDEX, type SearchIndex } from '../../libs/search/src/search-index.port.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { CLOSE, createListing, loginAuthority, publishListing, registerOrg, updateMutation, inputFor, type Org } from '../helpers/listing-fixtures.js';

const SEARCH = `query($i: SearchInput!) { search(input: $i) {
  total hits { highlight listing { id title status kind } } facets { field value count }
} }`;

describe('search over GraphQL (embedded engine, real queue)', () => {
  let app: TestApp;
  let provider: Org;
  let bank: Org;
  let enterprise: Org;

  const search = (input: Record<string, unknown>, token = enterprise.token) => app.gql(SEARCH, { i: { query: '', ...input } }, token);
  const indexed = () => app.started.app.get<SearchIndex>(SEARCH_INDEX).listVersions();
  const ids = async (input: Record<string, unknown>) => {
    const res = await search(input);
    expect(res.errors).toBeUndefined();
    return res.data!.search.hits.map((h: { listing: { id: string } }) => h.listing.id) as string[];
  };

  beforeAll(async () => {
    app = await startTestApp();
    const authority = await loginAuthority(app);
    provider = await registerOrg(app, 'SERVICE_PROVIDER', { verifyWith: authority });
    bank = await registerOrg(app, 'BANK', { verifyWith: authority });
    enterprise = await registerOrg(app, 'ENTERPRISE');
  });
  afterAll(async () => {
    await app?.close();
  });

  /**
   * Each test has its own listings: an IP-pledge product and a digital-transformation service whose
   * titles end with the test's tag (甲号, 乙号, …), which no other test's titles carry, so a query for the
   * tag finds that test's listings only, whichever tests ran before.
   */
  const drafts = async (tag: string) => {
    const pledge = await createListing(app, bank.token, 'CREDIT_PRODUCT', { overrides: { title: `甬江科创知识产权质押融资贷${tag}`, productType: 'IP_PLEDGE' } });
    const service = await createListing(app, provider.token, 'SERVICE_OFFERING', { overrides: { title: `中小企业数字化转型诊断服务${tag}`, category: 'DIGITAL_TRANSFORMATION' } });
    return { pledgeId: pledge.id, serviceId: service.id };
  };
  const published = async (tag: string) => {
    const pair = await drafts(tag);
    await publishListing(app, bank.token, pair.pledgeId);
    await publishListing(app, provider.token, pair.serviceId);
    await app.drain();
    return pair;
  };

  it('publish → searchable by an infix of the title, with a highlight; drafts are not', async () => {
    const { pledgeId, serviceId } = await drafts('甲号');
    await app.drain();
    expect(await ids({ query: '质押融资' })).not.toContain(pledgeId); // still a draft
    expect((await indexed()).has(pledgeId)).toBe(false); // and not in the engine either

    await publishListing(app, bank.token, pledgeId);
    await publishListing(app, provider.token, serviceId);
    await app.drain();
    const res = await search({ query: '质押融资' });
    expect(res.errors).toBeUndefined();
    expect(res.data!.search.hits[0].listing.id).toBe(pledgeId);
    expect(res.data!.search.hits[0].highlight).toContain('<em>');
    expect(await ids({ query: '权质' })).toContain(pledgeId); // infix, not a word prefix
    expect(await ids({ query: '知产质押' })).toContain(pledgeId); // synonym
    expect(await ids({ query: '数字化改造' })).toContain(serviceId); // synonym of 数字化转型
  });

  it('filters by kind and facets count what matched', async () => {
    const { pledgeId, serviceId } = await published('乙号');
    expect(await ids({ query: '乙号', kinds: ['SERVICE_OFFERING'] })).toEqual([serviceId]);
    const res = await search({ query: '乙号' });
    const kinds = res.data!.search.facets.filter((f: { field: string }) => f.field === 'kind');
    expect(kinds).toEqual(expect.arrayContaining([{ field: 'kind', value: 'CREDIT_PRODUCT', count: 1 }, { field: 'kind', value: 'SERVICE_OFFERING', count: 1 }]));
    expect(res.data!.search.total).toBe(2);
    expect(await ids({ query: '乙号', creditProductTypes: ['IP_PLEDGE'] })).toEqual([pledgeId]);
  });

  it('update title → the new title is found and the old one is not', async () => {
    const { pledgeId } = await published('丙号');
    const res = await app.gql(updateMutation('CREDIT_PRODUCT'), { id: pledgeId, i: inputFor('CREDIT_PRODUCT', undefined, { title: '姚江人才贷款专项产品丙号', productType: 'TALENT_LOAN' }) }, bank.token);
    expect(res.errors).toBeUndefined();
    await app.drain();
    expect(await ids({ query: '人才贷' })).toContain(pledgeId);
    expect(await ids({ query: '甬江科创' })).not.toContain(pledgeId);
    expect(await ids({ query: '丙号' })).toHaveLength(2);
  });

  it('close → gone from search', async () => {
    const { pledgeId, serviceId } = await published('丁号');
    expect((await app.gql(CLOSE, { id: serviceId }, provider.token)).errors).toBeUndefined();
    await app.drain();
    expect(await ids({ query: '数字化' })).not.toContain(serviceId);
    expect((await indexed()).has(serviceId)).toBe(false); // removed from the engine, not just filtered by the API
    expect(await ids({ query: '丁号' })).toEqual([pledgeId]);
    expect((await search({ query: '丁号' })).data!.search.total).toBe(1);
  });

  it('treats syntax characters, quotes, emoji and SQL as text, and checks the limits', async () => {
    for (const query of ['"质押"', '-融资', '*', 'title:人才', "' OR 1=1 --", '🚀人才', '人才贷 AND', '\\']) {
      const res = await search({ query });
      expect(res.errors).toBeUndefined();
    }
    expect((await search({ query: '人'.repeat(1000) })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query' });
    expect((await search({ query: '贷', first: 101 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.first' });
    expect((await search({ query: '贷', offset: -1 })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.offset' });
    expect((await search({ query: '贷', regionCodes: ['999999'] })).errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.regionCodes[0]' });
  });

  it('reconcile (through the queue, as the nightly job and `npm run reindex` run it) repairs and reports differences', async () => {
    const { pledgeId } = await published('戊号');
    const index = app.started.app.get<SearchIndex>(SEARCH_INDEX);
    const before = await index.listVersions();
    // Damage the index: drop a published listing and add one that does not exist.
    await index.delete([pledgeId]);
    const ghost = { id: '00000000-0000-4000-8000-00000000dead' };
    await index.upsert([
      { id: ghost.id, kind: 'SERVICE_OFFERING', title: '幽灵服务', description: '', extraText: '', tags: [], ownerName: '', regionCodes: [], industryCodes: [], serviceCategory: null, creditProductType: null, publishedAt: 0, version: 1 },
    ]);
    const queue = app.started.runtime.queues.queue('search-sync');
    const job = await queue.add('search.reconcile', { requestedBy: 'test' }, { jobId: 'reconcile-e2e' });
    await app.drain();
    const done = await queue.getJob(job.id!);
    expect(done!.returnvalue).toEqual({ checked: before.size, added: 1, updated: 0, removed: 1 });
    expect(await index.listVersions()).toEqual(before);
  });

  it('restart → the embedded index is rebuilt from the database with the same results', async () => {
    const { pledgeId, serviceId } = await published('己号');
    const before = await ids({ query: '己号' });
    expect([...before].sort()).toEqual([pledgeId, serviceId].sort());
    // A second all-in-one process on the same database starts with an empty engine and rebuilds it.
    const config = loadConfig({
      NODE_ENV: 'test', DATABASE_URL: app.db.url, PORT: '0', HOST: '127.0.0.1', DEMO_DATA: 'off', LOG_LEVEL: 'silent',
      JWT_SECRET: 'test-secret-test-secret-test-secret-0123', AUTHORITY_EMAIL: TEST_AUTHORITY.email, AUTHORITY_PASSWORD: TEST_AUTHORITY.password,
    });
    const second = await startApp({ config, withWorkers: false, queueNamespace: 'restart' });
    try {
      const res = await gql(second.graphqlUrl, SEARCH, { i: { query: '己号' } }, enterprise.token);
      expect(res.errors).toBeUndefined();
      expect(res.data!.search.hits.map((h: { listing: { id: string } }) => h.listing.id)).toEqual(before);
    } finally {
      await second.close();
    }
  });
});

describe('search when the engine is down', () => {
  let app: TestApp;
  beforeAll(async () => {
    // Nothing listens on port 9: the Meilisearch adapter cannot reach its server.
    app = await startTestApp({ env: { MEILI_URL: 'http://127.0.0.1:9', MEILI_MASTER_KEY: 'x'.repeat(16) } });
  });
  afterAll(async () => {
    await app?.close();
  });

  it('answers search with a clear error, keeps serving the rest, and /health/ready reports it', async () => {
    const token = (await app.gql(`mutation($i: LoginInput!) { login(input: $i) { accessToken } }`, { i: TEST_AUTHORITY })).data!.login.accessToken;
    const res = await app.gql(SEARCH, { i: { query: '融资' } }, token);
    expect(res.errors?.[0]?.extensions?.code).toBe('SERVICE_UNAVAILABLE');
    expect(res.errors![0]!.message).toContain('搜索服务暂不可用');
    expect((await app.gql('{ me { email } }', {}, token)).data?.me.email).toBe(TEST_AUTHORITY.email);
    const ready = await fetch(`${app.started.baseUrl}/health/ready`);
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { error: Record<string, { status: string }> };
    expect(body.error.search.status).toBe('down');
  });
});
