/**
 * The SearchIndex port contract: the same documents, the same queries and the same expected ids for
 * every adapter (embedded always, Meilisearch when MEILI_URL is set).
 *
 * Semantics under test (see search-index.port.ts and libs/search/src/embedded/embedded-search-index.ts):
 * substring recall including infixes (押融 in 知识产权质押融资), NFKC / case folding (ＩＳＯ９００１),
 * synonyms (synonyms.ts), every space-separated term must match (AND), punctuation and symbols are
 * separators and never operators (`-` is no negation, `title:` no field), filters with region nesting
 * and industry prefixes (documents without regions / industries match any), facet counts over all
 * matching documents after the filters, ranking (title above description, exact above synonym, newer
 * first on ties), HTML-escaped highlights with <em>, version skipping, delete, clear, listVersions,
 * browse and paging.
 *
 * Query analysis (issue 19): the exact-set assertions below are about the PHRASE hits (every phrase of
 * the query, or a synonym variant, as a substring: the behaviour before analysis), which always come
 * first; an analysed query may add ALL_TERMS hits after them (terms in any order, places as region
 * filters), asserted in 'query analysis'. MOST_TERMS is embedded-only (Meilisearch cannot express it).
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { FacetCountRef, SearchDocument, SearchFilters, SearchIndex, SearchResponse } from '../../libs/search/src/search-index.port.js';

const T0 = Date.UTC(2026, 0, 1);
const DAY = 86_400_000;
const uuid = (n: number) => `5ea7c400-0000-4000-8000-${n.toString().padStart(12, '0')}`;

export const ID = {
  ipTitle: uuid(1),
  ipBody: uuid(2),
  ipSynonym: uuid(3),
  linkage: uuid(4),
  digital: uuid(5),
  testA: uuid(6),
  testB: uuid(7),
  plant: uuid(8),
  workshop: uuid(9),
  challenge5g: uuid(10),
  challengeCarbon: uuid(11),
  talentLoan: uuid(12),
  consult: uuid(13),
  hangzhou: uuid(14),
} as const;

function doc(d: Partial<SearchDocument> & Pick<SearchDocument, 'id' | 'kind' | 'title' | 'description' | 'publishedAt'>): SearchDocument {
  return { extraText: '', tags: [], ownerName: '', regionCodes: [], industryCodes: [], serviceCategory: null, creditProductType: null, version: 1, ...d };
}

/** Fourteen listings; publishedAt = T0 + n days with n the order of the list below. */
export const CONTRACT_DOCUMENTS: SearchDocument[] = [
  doc({ id: ID.ipTitle, kind: 'CREDIT_PRODUCT', title: '知识产权质押融资', description: '以发明专利出质，最高1000万元。', ownerName: '宁波银行', regionCodes: ['330200'], creditProductType: 'IP_PLEDGE', publishedAt: T0 + 1 * DAY }),
  doc({ id: ID.testA, kind: 'SERVICE_OFFERING', title: '检验检测服务', description: '具备CNAS资质，提供ISO9001认证辅导。', ownerName: '宁波甬正认证有限公司', regionCodes: ['330281'], serviceCategory: 'TESTING_CERTIFICATION', publishedAt: T0 + 2 * DAY }),
  doc({ id: ID.ipSynonym, kind: 'CREDIT_PRODUCT', title: '知产质押快贷', description: '线上申请，三天放款。', ownerName: '杭州银行宁波分行', regionCodes: ['330281'], creditProductType: 'IP_PLEDGE', publishedAt: T0 + 3 * DAY }),
  doc({ id: ID.linkage, kind: 'CREDIT_PRODUCT', title: '科技贷投联动', description: '与创投基金合作，附认股选择权。', ownerName: '浙商银行宁波分行', regionCodes: ['330211'], creditProductType: 'LOAN_INVESTMENT_LINKAGE', publishedAt: T0 + 4 * DAY }),
  doc({ id: ID.ipBody, kind: 'SERVICE_OFFERING', title: '专利价值评估', description: '为知识产权质押融资出具评估报告。', ownerName: '宁波甬信评估有限公司', regionCodes: ['330212'], serviceCategory: 'INTELLECTUAL_PROPERTY', publishedAt: T0 + 5 * DAY }),
  doc({ id: ID.digital, kind: 'SERVICE_OFFERING', title: '中小企业数字化转型诊断', description: '输出数字化改造路线图，部署5G专网。', ownerName: '宁波智造数字科技有限公司', regionCodes: ['330211'], industryCodes: ['C3484'], serviceCategory: 'DIGITAL_TRANSFORMATION', publishedAt: T0 + 6 * DAY }),
  doc({ id: ID.plant, kind: 'PARK_VACANCY', title: '标准厂房出租', description: '首层层高8米，1000平方米，可分割。', extraText: '园区 房源 1000平', ownerName: '镇海骆驼小微企业园运营公司', regionCodes: ['330211'], industryCodes: ['C3484', 'C3511'], publishedAt: T0 + 7 * DAY }),
  doc({ id: ID.testB, kind: 'SERVICE_OFFERING', title: '检验检测与计量校准', description: '盐雾试验与尺寸精度检测。', ownerName: '浙江方圆检测集团宁波分公司', serviceCategory: 'TESTING_CERTIFICATION', publishedAt: T0 + 8 * DAY }),
  doc({ id: ID.workshop, kind: 'PARK_VACANCY', title: '余姚智造园车间招租', description: '二层车间，面积800平。', ownerName: '余姚智造园运营公司', regionCodes: ['330281'], industryCodes: ['C3670'], publishedAt: T0 + 9 * DAY }),
  doc({ id: ID.challenge5g, kind: 'CHALLENGE', title: '揭榜挂帅：5G工业网关国产化', description: '时延低于10ms，悬赏金额200万元。', ownerName: '北仑智能模具集团', regionCodes: ['330206'], industryCodes: ['C3971'], publishedAt: T0 + 10 * DAY }),
  doc({ id: ID.challengeCarbon, kind: 'CHALLENGE', title: '发榜：注塑车间节能降碳改造', description: '年节电20%以上。', ownerName: '慈溪家电产业集团', regionCodes: ['330281'], industryCodes: ['C2927'], publishedAt: T0 + 11 * DAY }),
  doc({ id: ID.talentLoan, kind: 'CREDIT_PRODUCT', title: '人才贷', description: '面向高层次人才创业团队，纯信用。', ownerName: '宁波通商银行', regionCodes: ['330200'], creditProductType: 'TALENT_LOAN', publishedAt: T0 + 12 * DAY }),
  doc({ id: ID.consult, kind: 'SERVICE_OFFERING', title: '企业咨询：精益生产', description: '"现场改善" - 5S* 管理：提升效率 😀 <b>', ownerName: '宁波卓越管理咨询有限公司', serviceCategory: 'MANAGEMENT_CONSULTING', publishedAt: T0 + 13 * DAY }),
  doc({ id: ID.hangzhou, kind: 'SERVICE_OFFERING', title: '余杭区知识产权贯标辅导', description: '专利布局与贯标认证。', ownerName: '杭州余杭知识产权服务中心', regionCodes: ['330110'], serviceCategory: 'INTELLECTUAL_PROPERTY', publishedAt: T0 + 14 * DAY }),
];

/** Every id, newest first (the browse order). */
const NEWEST_FIRST = [...CONTRACT_DOCUMENTS].sort((a, b) => b.publishedAt - a.publishedAt).map((d) => d.id);
const ALL = new Set(CONTRACT_DOCUMENTS.map((d) => d.id));

const sorted = (ids: Iterable<string>) => [...ids].sort();
const ids = (r: SearchResponse) => r.hits.map((h) => h.id);
/** The PHRASE hits (all hits when browsing), checked to come before every graded hit. */
const phraseIds = (r: SearchResponse) => {
  const levels = r.hits.map((h) => h.match ?? 'PHRASE');
  const firstGraded = levels.findIndex((l) => l !== 'PHRASE');
  if (firstGraded >= 0) expect(levels.slice(firstGraded).every((l) => l !== 'PHRASE')).toBe(true);
  return r.hits.filter((h) => (h.match ?? 'PHRASE') === 'PHRASE').map((h) => h.id);
};
const facet = (r: SearchResponse, field: FacetCountRef['field']) =>
  Object.fromEntries(r.facets.filter((f) => f.field === field).map((f) => [f.value, f.count]));
const stripTags = (html: string) => html.replace(/<\/?em>/g, '');

export function describeSearchIndexContract(name: string, factory: () => Promise<SearchIndex>): void {
  describe(`SearchIndex contract: ${name}`, () => {
    let index: SearchIndex;
    const search = (query: string, filters: SearchFilters = {}, limit = 50, offset = 0) => index.search({ query, filters, limit, offset });
    const expectIds = async (query: string, expected: string[], filters: SearchFilters = {}) => {
      const r = await search(query, filters);
      expect(sorted(phraseIds(r))).toEqual(sorted(expected));
      expect(r.phraseTotal).toBe(expected.length);
      return r;
    };

    /** A fresh index with the given documents, for tests that change the content. */
    const fresh = async (docs: SearchDocument[] = CONTRACT_DOCUMENTS) => {
      const other = await factory();
      await other.init();
      await other.clear();
      if (docs.length) await other.upsert(docs);
      return other;
    };
    const dispose = async (other: SearchIndex) => {
      await other.clear();
      await other.close();
    };

    beforeAll(async () => {
      index = await fresh();
    });
    afterAll(async () => {
      if (index) await dispose(index);
    });

    describe('substring recall', () => {
      it('finds a term inside a longer word (质押融资, 押融 in 知识产权质押融资)', async () => {
        await expectIds('质押融资', [ID.ipTitle, ID.ipBody]);
        await expectIds('押融', [ID.ipTitle, ID.ipBody]);
      });
      it('finds a single character', async () => {
        await expectIds('榜', [ID.challenge5g, ID.challengeCarbon]);
        await expectIds('园', [ID.plant, ID.workshop]);
      });
      it('searches description, extra text and owner name too', async () => {
        await expectIds('盐雾试验', [ID.testB]);
        await expectIds('房源', [ID.plant]);
        await expectIds('通商银行', [ID.talentLoan]);
      });
      it('returns nothing for text no document contains', async () => {
        await expectIds('氢燃料电池', []);
      });
    });

    describe('mixed Latin, digits and width', () => {
      it('ISO9001 in any case and width', async () => {
        await expectIds('ISO9001', [ID.testA]);
        await expectIds('iso9001', [ID.testA]);
        await expectIds('ＩＳＯ９００１', [ID.testA]);
      });
      it('5G and 1000平', async () => {
        await expectIds('5G', [ID.digital, ID.challenge5g]);
        await expectIds('５ｇ', [ID.digital, ID.challenge5g]);
        await expectIds('1000平', [ID.plant]);
      });
    });

    describe('synonyms', () => {
      it('知产 ↔ 知识产权', async () => {
        const expected = [ID.ipTitle, ID.ipBody, ID.ipSynonym, ID.hangzhou];
        await expectIds('知识产权', expected);
        await expectIds('知产', expected);
      });
      it('知产质押 ↔ 知识产权质押', async () => {
        await expectIds('知产质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
      });
      it('投贷联动 ↔ 贷投联动, 数字化改造 ↔ 数字化转型, 人才贷款 ↔ 人才贷, 张榜 ↔ 发榜', async () => {
        await expectIds('投贷联动', [ID.linkage]);
        await expectIds('数字化改造', [ID.digital]);
        await expectIds('人才贷款', [ID.talentLoan]);
        await expectIds('张榜', [ID.challengeCarbon]);
      });
      it('厂房 ↔ 标准厂房 ↔ 车间', async () => {
        await expectIds('厂房', [ID.plant, ID.workshop, ID.challengeCarbon]);
      });
    });

    describe('several terms', () => {
      it('every term must match (AND)', async () => {
        await expectIds('检测 CNAS', [ID.testA]);
        await expectIds('检测 计量', [ID.testB]);
        await expectIds('厂房 1000平', [ID.plant]);
        await expectIds('知识产权 车间', []);
      });
      it('synonyms apply per term', async () => {
        await expectIds('知产 质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
      });
    });

    describe('filters', () => {
      it('kinds', async () => {
        await expectIds('', [ID.ipTitle, ID.ipSynonym, ID.linkage, ID.talentLoan], { kinds: ['CREDIT_PRODUCT'] });
        await expectIds('知识产权', [ID.ipBody, ID.hangzhou], { kinds: ['SERVICE_OFFERING'] });
        await expectIds('', [ID.plant, ID.workshop, ID.challenge5g, ID.challengeCarbon], { kinds: ['PARK_VACANCY', 'CHALLENGE'] });
      });
      it('regions nest both ways; documents without regions match any region', async () => {
        const noRegion = [ID.testB, ID.consult];
        await expectIds('', [ID.ipSynonym, ID.testA, ID.workshop, ID.challengeCarbon, ID.ipTitle, ID.talentLoan, ...noRegion], { regionCodes: ['330281'] });
        await expectIds('', [...ALL].filter((id) => id !== ID.hangzhou), { regionCodes: ['330200'] });
        await expectIds('', [ID.hangzhou, ...noRegion], { regionCodes: ['330100'] });
        await expectIds('', [ID.linkage, ID.digital, ID.plant, ID.challenge5g, ID.ipTitle, ID.talentLoan, ...noRegion], { regionCodes: ['330211', '330206'] });
      });
      it('industry codes match by prefix; documents without industries match any', async () => {
        const noIndustry = [ID.ipTitle, ID.ipBody, ID.ipSynonym, ID.linkage, ID.testA, ID.testB, ID.talentLoan, ID.consult, ID.hangzhou];
        await expectIds('', [ID.digital, ID.plant, ...noIndustry], { industryCodes: ['C34'] });
        await expectIds('', [ID.plant, ...noIndustry], { industryCodes: ['C3511'] });
        await expectIds('园', [ID.plant, ID.workshop], { industryCodes: ['C3'] });
        await expectIds('园', [ID.workshop], { industryCodes: ['C36'] });
      });
      it('service categories and credit product types', async () => {
        await expectIds('', [ID.testA, ID.testB], { serviceCategories: ['TESTING_CERTIFICATION'] });
        await expectIds('', [ID.testA, ID.testB, ID.consult], { serviceCategories: ['TESTING_CERTIFICATION', 'MANAGEMENT_CONSULTING'] });
        await expectIds('', [ID.ipTitle, ID.ipSynonym], { creditProductTypes: ['IP_PLEDGE'] });
        await expectIds('质押', [ID.ipTitle, ID.ipSynonym], { creditProductTypes: ['IP_PLEDGE'] });
      });
      it('combines filters with AND and empty lists mean no filter', async () => {
        await expectIds('', [ID.testA, ID.testB], { serviceCategories: ['TESTING_CERTIFICATION'], regionCodes: ['330212', '330281'], kinds: ['SERVICE_OFFERING'] });
        await expectIds('', [ID.ipTitle], { creditProductTypes: ['IP_PLEDGE'], regionCodes: ['330282'] });
        const all = await search('', { kinds: [], regionCodes: [], industryCodes: [], serviceCategories: [], creditProductTypes: [] });
        expect(all.total).toBe(ALL.size);
      });
    });

    describe('facets', () => {
      it('count every matching document, not just the page', async () => {
        const r = await search('知识产权', {}, 1);
        expect(r.total).toBe(4);
        expect(r.hits).toHaveLength(1);
        expect(facet(r, 'kind')).toEqual({ CREDIT_PRODUCT: 2, SERVICE_OFFERING: 2 });
        expect(facet(r, 'regionCode')).toEqual({ '330200': 1, '330212': 1, '330281': 1, '330110': 1 });
        expect(facet(r, 'creditProductType')).toEqual({ IP_PLEDGE: 2 });
        expect(facet(r, 'serviceCategory')).toEqual({ INTELLECTUAL_PROPERTY: 2 });
        expect(facet(r, 'industryCode')).toEqual({});
      });
      it('over the whole index when browsing; industry codes as divisions', async () => {
        const r = await search('', {}, 0);
        expect(r.total).toBe(14);
        expect(facet(r, 'kind')).toEqual({ SERVICE_OFFERING: 6, CREDIT_PRODUCT: 4, PARK_VACANCY: 2, CHALLENGE: 2 });
        expect(facet(r, 'industryCode')).toEqual({ C34: 2, C35: 1, C36: 1, C39: 1, C29: 1 });
        expect(facet(r, 'serviceCategory')).toEqual({ TESTING_CERTIFICATION: 2, INTELLECTUAL_PROPERTY: 2, DIGITAL_TRANSFORMATION: 1, MANAGEMENT_CONSULTING: 1 });
        expect(facet(r, 'creditProductType')).toEqual({ IP_PLEDGE: 2, LOAN_INVESTMENT_LINKAGE: 1, TALENT_LOAN: 1 });
      });
      it('after the filters', async () => {
        const r = await search('', { kinds: ['PARK_VACANCY'] });
        expect(facet(r, 'kind')).toEqual({ PARK_VACANCY: 2 });
        expect(facet(r, 'regionCode')).toEqual({ '330211': 1, '330281': 1 });
        expect(facet(r, 'industryCode')).toEqual({ C34: 1, C35: 1, C36: 1 });
      });
    });

    describe('ranking', () => {
      it('a title match ranks above a description match, even when older', async () => {
        const r = await search('质押融资');
        expect(ids(r)).toEqual([ID.ipTitle, ID.ipBody]);
      });
      it('an exact term ranks above a synonym, even when older', async () => {
        const r = await search('知识产权质押');
        expect(ids(r).indexOf(ID.ipTitle)).toBeLessThan(ids(r).indexOf(ID.ipSynonym));
        const plant = await search('厂房');
        expect(ids(plant)[0]).toBe(ID.plant);
      });
      it('newer first on ties', async () => {
        expect(ids(await search('检验检测'))).toEqual([ID.testB, ID.testA]);
        expect(ids(await search('贷'))).toEqual([ID.talentLoan, ID.linkage, ID.ipSynonym]);
      });
    });

    describe('highlights', () => {
      it('mark the match in the title', async () => {
        const r = await search('质押融资');
        const title = r.hits.find((h) => h.id === ID.ipTitle)!.highlight!;
        expect(title).toContain('<em>');
        expect(stripTags(title)).toBe('知识产权质押融资');
      });
      it('mark the match in a description snippet when the title does not match', async () => {
        const r = await search('质押融资');
        const body = r.hits.find((h) => h.id === ID.ipBody)!.highlight!;
        expect(body).toContain('<em>');
        expect(stripTags(body)).toContain('知识产权质押融资');
      });
      it('mark synonyms and escape HTML outside the marks', async () => {
        const syn = await search('知识产权质押');
        expect(syn.hits.find((h) => h.id === ID.ipSynonym)!.highlight).toContain('<em>');
        const r = await search('现场改善');
        const h = r.hits[0]!.highlight!;
        expect(h).toContain('<em>');
        expect(h).not.toContain('<b>');
        expect(h).toContain('&lt;b&gt;');
      });
      it('are null when browsing', async () => {
        const r = await search('', {}, 3);
        expect(r.hits.every((h) => h.highlight === null)).toBe(true);
      });
    });

    describe('browse and paging', () => {
      it('an empty query lists everything newest first', async () => {
        const r = await search('');
        expect(r.total).toBe(14);
        expect(ids(r)).toEqual(NEWEST_FIRST);
      });
      it('limit and offset page through the same order; total stays the full count', async () => {
        const pages = [];
        for (let offset = 0; offset < 20; offset += 5) {
          const r = await search('', {}, 5, offset);
          expect(r.total).toBe(14);
          pages.push(...ids(r));
        }
        expect(pages).toEqual(NEWEST_FIRST);
        const text = await search('知识产权');
        const page = await search('知识产权', {}, 2, 2);
        expect(page.total).toBe(4);
        expect(ids(page)).toEqual(ids(text).slice(2, 4));
        expect(ids(await search('', {}, 5, 100))).toEqual([]);
      });
    });

    describe('query syntax characters are plain text', () => {
      it('quotes, -, * and : are separators, never operators', async () => {
        const base = sorted(ids(await search('知识产权')));
        expect(sorted(ids(await search('"知识产权"')))).toEqual(base);
        expect(sorted(ids(await search('知识产权*')))).toEqual(base);
        expect(sorted(ids(await search('“知识产权”')))).toEqual(base);
        await expectIds('知识产权 -质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
        await expectIds('title:知识产权', []);
        await expectIds('"现场改善"', [ID.consult]);
      });
      it('SQL fragments, emoji and a 1,000-character query do not break the engine', async () => {
        await expectIds("'; DROP TABLE listings; --", []);
        await expectIds("知识产权' OR '1'='1", []);
        // Exact answers from the fixture: a query made only of separators (an emoji, a backslash, NUL)
        // browses all 14; `%` and `_` are term characters (normalize.ts), so `%` finds 年节电20% and `_`
        // nothing; the long queries match nothing but the repeated single term 知, whose four documents
        // contain 知 (知识产权 ×3, 知产).
        const IP = [ID.ipTitle, ID.ipBody, ID.ipSynonym, ID.hangzhou];
        const cases: Array<[string, string[]]> = [
          ['😀', [...ALL]],
          ['知识产权😀', IP],
          ['\\', [...ALL]],
          ['%', [ID.challengeCarbon]],
          ['_', []],
          ['\u0000', [...ALL]],
          ['a'.repeat(1_000), []],
          ['知识产权'.repeat(250), []],
          ['知 '.repeat(500), IP],
        ];
        for (const [q, expected] of cases) {
          const r = await search(q);
          expect({ q: q.slice(0, 12), ids: sorted(phraseIds(r)), total: r.phraseTotal }).toEqual({ q: q.slice(0, 12), ids: sorted(expected), total: expected.length });
        }
      });
    });

    describe('query analysis', () => {
      const levels = (r: SearchResponse) => Object.fromEntries(r.hits.map((h) => [h.id, h.match]));
      it('an unspaced place + need: the place becomes a region filter, the need a term (余姚厂房)', async () => {
        const r = await search('余姚厂房');
        expect(r.reading?.regions).toEqual([{ code: '330281', name: '余姚市', text: '余姚' }]);
        expect(r.reading?.terms).toEqual(['厂房']);
        // 厂房 ↔ 车间 in 余姚 (330281) or without regions; the 镇海 标准厂房 is outside the place.
        expect(levels(r)).toEqual({ [ID.workshop]: 'ALL_TERMS', [ID.challengeCarbon]: 'ALL_TERMS' });
        expect(r.total).toBe(2);
        expect(r.phraseTotal).toBe(0);
        expect(r.hits.find((h) => h.id === ID.workshop)!.highlight).toContain('<em>车间</em>');
      });
      it('an unspaced combination of two words finds them in any order (专利评估)', async () => {
        const r = await search('专利评估');
        expect(r.reading?.terms).toEqual(['专利', '评估']);
        expect(levels(r)).toEqual({ [ID.ipBody]: 'ALL_TERMS' });
        expect(r.hits[0]!.highlight).toBe('<em>专利</em>价值<em>评估</em>');
      });
      it('phrase hits stay first, even older ones; graded hits follow and count in total and facets', async () => {
        const phraseHit = doc({ id: uuid(15), kind: 'PARK_VACANCY', title: '余姚车间直租', description: '一层。', regionCodes: ['330281'], publishedAt: T0 });
        const other = await fresh([...CONTRACT_DOCUMENTS, phraseHit]);
        try {
          const r = await other.search({ query: '余姚车间', filters: {}, limit: 50, offset: 0 });
          expect(ids(r)[0]).toBe(phraseHit.id);
          expect(sorted(ids(r).slice(1))).toEqual(sorted([ID.workshop, ID.challengeCarbon]));
          expect(r.hits.map((h) => h.match)).toEqual(['PHRASE', 'ALL_TERMS', 'ALL_TERMS']);
          expect(r.phraseTotal).toBe(1);
          expect(r.total).toBe(3);
          expect(facet(r, 'kind')).toEqual({ PARK_VACANCY: 2, CHALLENGE: 1 });
          const page = await other.search({ query: '余姚车间', filters: {}, limit: 1, offset: 1 });
          expect(ids(page)).toEqual([ids(r)[1]]);
          expect(page.total).toBe(3);
        } finally {
          await dispose(other);
        }
      });
      it('only a place lists what is in (or serves) it, phrase hits first', async () => {
        const r = await search('余姚');
        expect(r.reading).toEqual({ terms: [], regions: [{ code: '330281', name: '余姚市', text: '余姚' }] });
        expect(phraseIds(r)).toEqual([ID.workshop]);
        expect(sorted(ids(r))).toEqual(sorted([ID.ipSynonym, ID.testA, ID.workshop, ID.challengeCarbon, ID.ipTitle, ID.talentLoan, ID.testB, ID.consult]));
      });
      it('explicit filters apply to graded hits too', async () => {
        const r = await search('余姚厂房', { kinds: ['CHALLENGE'] });
        expect(ids(r)).toEqual([ID.challengeCarbon]);
      });
      it('analysis off: phrases only', async () => {
        const r = await index.search({ query: '余姚厂房', filters: {}, limit: 50, offset: 0, analysis: false });
        expect(r.total).toBe(0);
        expect(r.reading).toBeUndefined();
      });
    });

    describe('writes', () => {
      it('listVersions and stats reflect the content', async () => {
        const versions = await index.listVersions();
        expect(versions.size).toBe(14);
        expect(versions.get(ID.ipTitle)).toBe(1);
        expect((await index.stats()).documents).toBe(14);
        await expect(index.health()).resolves.toBeUndefined();
      });
      it('upsert replaces a document; a lower version is skipped', async () => {
        const other = await fresh();
        try {
          const original = CONTRACT_DOCUMENTS.find((d) => d.id === ID.ipTitle)!;
          await other.upsert([{ ...original, title: '专利快贷', description: '线上审批。', version: 3 }]);
          await expectIdsOn(other, '专利快贷', [ID.ipTitle]);
          await expectIdsOn(other, '质押融资', [ID.ipBody]);
          await other.upsert([{ ...original, title: '旧版本标题', version: 2 }]);
          await expectIdsOn(other, '旧版本标题', []);
          await expectIdsOn(other, '专利快贷', [ID.ipTitle]);
          expect((await other.listVersions()).get(ID.ipTitle)).toBe(3);
          await other.upsert([{ ...original, title: '同版本重写', version: 3 }]);
          await expectIdsOn(other, '同版本重写', [ID.ipTitle]);
          expect((await other.stats()).documents).toBe(14);
        } finally {
          await dispose(other);
        }
      });
      it('delete removes documents and ignores unknown ids', async () => {
        const other = await fresh();
        try {
          await other.delete([ID.ipTitle, ID.hangzhou, 'no-such-listing']);
          await expectIdsOn(other, '知识产权', [ID.ipBody, ID.ipSynonym]);
          const versions = await other.listVersions();
          expect(versions.size).toBe(12);
          expect(versions.has(ID.ipTitle)).toBe(false);
          const r = await other.search({ query: '', filters: {}, limit: 0, offset: 0 });
          expect(facet(r, 'creditProductType')).toEqual({ IP_PLEDGE: 1, LOAN_INVESTMENT_LINKAGE: 1, TALENT_LOAN: 1 });
          await other.upsert([CONTRACT_DOCUMENTS.find((d) => d.id === ID.ipTitle)!]);
          await expectIdsOn(other, '知识产权', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
        } finally {
          await dispose(other);
        }
      });
      it('clear removes every document', async () => {
        const other = await fresh();
        try {
          await other.clear();
          expect((await other.stats()).documents).toBe(0);
          expect((await other.listVersions()).size).toBe(0);
          const r = await other.search({ query: '', filters: {}, limit: 10, offset: 0 });
          expect(r.total).toBe(0);
          expect(r.hits).toEqual([]);
          await other.upsert(CONTRACT_DOCUMENTS.slice(0, 2));
          await expectIdsOn(other, '', [CONTRACT_DOCUMENTS[0]!.id, CONTRACT_DOCUMENTS[1]!.id]);
        } finally {
          await dispose(other);
        }
      });
    });
  });
}

async function expectIdsOn(index: SearchIndex, query: string, expected: string[]): Promise<void> {
  const r = await index.search({ query, filters: {}, limit: 50, offset: 0 });
  expect(sorted(phraseIds(r))).toEqual(sorted(expected));
  expect(r.phraseTotal).toBe(expected.length);
}
