import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { startApp } from '../../apps/all-in-one/src/start.js';
import { gql } from '../helpers/graphql-client.js';
import { SEARCH_INDEX, type SearchIndex } from '../../libs/search/src/search-index.port.js';
import { startTestApp, TEST_AUTHORITY, TEST_OPERATOR_TOKEN, type TestApp } from '../helpers/test-app.js';
import { CLOSE, createListing, createPark, loginAuthority, publishListing, registerOrg, updateMutation, inputFor, type Org } from '../helpers/listing-fixtures.js';

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

  describe('query analysis: queries as people type them (issue 19)', () => {
    const ANALYSED = `query($i: SearchInput!) { search(input: $i) {
      total phraseTotal terms appliedFilters { field value label text }
      hits { highlight match listing { id title kind regionCodes } }
    } }`;
    const analysed = async (query: string, extra: Record<string, unknown> = {}) => {
      const res = await app.gql(ANALYSED, { i: { query, ...extra } }, enterprise.token);
      expect(res.errors).toBeUndefined();
      return res.data!.search as {
        total: number;
        phraseTotal: number;
        terms: string[];
        appliedFilters: Array<{ field: string; value: string; label: string; text: string }>;
        hits: Array<{ highlight: string | null; match: string | null; listing: { id: string; title: string; kind: string; regionCodes: string[] } }>;
      };
    };
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      const operator = await registerOrg(app, 'PARK_OPERATOR', { verifyWith: await loginAuthority(app) });
      const yuyao = await createPark(app, operator.token, { name: '余姚智能装备小微企业园分析号', regionCode: '330281' });
      const zhenhai = await createPark(app, operator.token, { name: '镇海骆驼机电园分析号', regionCode: '330211', address: '浙江省宁波市镇海区骆驼街道 1 号' });
      const made = [
        ['yuyaoPlant', operator.token, 'PARK_VACANCY', { parkId: yuyao.id, overrides: { title: '标准厂房 5 号楼整层出租分析号' } }],
        ['zhenhaiPlant', operator.token, 'PARK_VACANCY', { parkId: zhenhai.id, overrides: { title: '标准厂房 2 号楼一层出租分析号' } }],
        ['patentLoan', bank.token, 'CREDIT_PRODUCT', { overrides: { title: '科创专利权质押贷款分析号', productType: 'IP_PLEDGE' } }],
        ['giant', provider.token, 'SERVICE_OFFERING', { overrides: { title: '国家级专精特新“小巨人”申报辅导分析号', category: 'POLICY_APPLICATION' } }],
        ['testing', provider.token, 'SERVICE_OFFERING', { overrides: { title: '检验检测与认证服务分析号', category: 'TESTING_CERTIFICATION', description: '具备 CMA 和 CNAS 资质，出具检测报告。' } }],
      ] as const;
      for (const [key, token, kind, opts] of made) {
        const created = await createListing(app, token, kind, opts as { parkId?: string; overrides?: Record<string, unknown> });
        await publishListing(app, token, created.id);
        ids[key] = created.id;
      }
      await app.drain();
    });

    it('余姚厂房: the place becomes a region filter reported in appliedFilters; the 余姚 plant first, the 镇海 one not at all', async () => {
      const r = await analysed("余姚厂房");
      expect(r.appliedFilters).toEqual([{ field: 'regionCode', value: '330281', label: '余姚市', text: '余姚' }]);
      expect(r.terms).toEqual(['厂房']);
      expect(r.hits[0]!.listing.id).toBe(ids.yuyaoPlant);
      expect(r.hits[0]!.match).toBe('ALL_TERMS');
      expect(r.hits[0]!.highlight).toContain('<em>标准厂房</em>');
      expect(r.hits.map((h) => h.listing.id)).not.toContain(ids.zhenhaiPlant);
      // With a space the place is read the same way; the PHRASE hits (余姚 and 厂房 anywhere, here both
      // plants, whose operator's name says 余姚) still come first, as before the analysis.
      const spaced = await analysed('余姚 厂房');
      expect(spaced.appliedFilters.map((f) => f.value)).toEqual(['330281']);
      expect(spaced.hits.filter((h) => h.match === 'PHRASE').map((h) => h.listing.id)).toEqual(expect.arrayContaining([ids.yuyaoPlant, ids.zhenhaiPlant]));
    });

    it.each([
      ['专利贷款', 'patentLoan', ['专利', '贷款']],
      ['小巨人申报', 'giant', ['小巨人', '申报']],
      ['检测认证服务', 'testing', ['检测认证', '服务']],
    ])('%s finds a sensible first hit', async (query, key, terms) => {
      const r = await analysed(query);
      expect(r.terms).toEqual(terms);
      expect(r.appliedFilters).toEqual([]);
      expect(r.hits[0]!.listing.id).toBe(ids[key]);
      expect(r.hits[0]!.highlight).toMatch(/<em>.+<\/em>.*<em>.+<\/em>/);
    });

    it('a typo that finds nothing gets did-you-mean suggestions that do find something', async () => {
      const SUGGEST = `query($i: SearchInput!) { search(input: $i) { total suggestions } }`;
      // 厂方 for 厂房 (same pinyin): 标准 + 厂方 are both required, and nothing says 厂方.
      const typo = await app.gql(SUGGEST, { i: { query: '标准厂方' } }, enterprise.token);
      expect(typo.errors).toBeUndefined();
      expect(typo.data!.search.total).toBe(0);
      expect(typo.data!.search.suggestions[0]).toBe('标准厂房');
      const fixed = await analysed(typo.data!.search.suggestions[0]);
      expect(fixed.hits[0]!.listing.kind).toBe('PARK_VACANCY');
      expect((await app.gql(SUGGEST, { i: { query: '检测认证服务' } }, enterprise.token)).data!.search.suggestions).toEqual([]);
    });

    it('bad input gives a result or BAD_USER_INPUT, never an engine error', async () => {
      for (const query of ['！！！，。', '余姚', '厂'.repeat(100), '🏭🚀', '厂房🏭余姚', "'; DROP TABLE listings; --", 'kind = CHALLENGE OR 1=1', 'regionCodes:330281', 'Ｓｅｌｅｃｔ * ＦＲＯＭ', '<script>alert(1)</script>']) {
        const res = await app.gql(ANALYSED, { i: { query } }, enterprise.token);
        expect({ query, errors: res.errors }).toEqual({ query, errors: undefined });
      }
      const onlyPlace = await analysed('余姚');
      expect(onlyPlace.appliedFilters.map((f) => f.value)).toEqual(['330281']);
      expect(onlyPlace.hits.map((h) => h.listing.id)).toContain(ids.yuyaoPlant);
      const tooLong = await app.gql(ANALYSED, { i: { query: '厂'.repeat(101) } }, enterprise.token);
      expect(tooLong.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'input.query' });
    });
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
    // The status is public; which part is down is for operators.
    const anonymous = await fetch(`${app.started.baseUrl}/health/ready`);
    expect(anonymous.status).toBe(503);
    expect(await anonymous.json()).toEqual({ status: 'error' });
    const ready = await fetch(`${app.started.baseUrl}/health/ready`, { headers: { authorization: `Bearer ${TEST_OPERATOR_TOKEN}` } });
    expect(ready.status).toBe(503);
    const body = (await ready.json()) as { error: Record<string, { status: string }> };
    expect(body.error.search.status).toBe('down');
  });
});
