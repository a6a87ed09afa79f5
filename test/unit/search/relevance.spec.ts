/**
 * Relevance over a realistic corpus (400 generated Ningbo listings + hand-written anchors and
 * decoys, see corpus.ts): a labelled set of Chinese queries.
 * - Recall: for every query the hits are exactly the documents that contain, as a substring of
 *   their normalised text, each term or one of its synonym variants (ground truth by brute force).
 * - Ranking: for the labelled subset the expected best hit comes first, ahead of newer decoys that
 *   mention the words only in their description.
 */
import { beforeAll, describe, expect, it } from '@jest/globals';
import { EmbeddedSearchIndex } from '../../../libs/search/src/embedded/embedded-search-index.js';
import type { SearchDocument } from '../../../libs/search/src/search-index.port.js';
import { expandQuery } from '../../../libs/search/src/synonyms.js';
import { normalizeText, queryTerms } from '../../../libs/search/src/text/normalize.js';
import { relevanceCorpus } from './corpus.js';

/** Substring and mixed queries: 2–8 Chinese characters, Latin/digits, single characters, AND. */
const RECALL_QUERIES = [
  '质押融资', '押融', '知识产权', '知识产权质押融资', '专利', '商标', '贯标', '质押', '贴息',
  '贷投联动', '认股选择权', '信用贷', '纯信用', '人才贷', '订单融资', '供应链金融', '应收账款', '再贷款', '技术改造',
  '数字化转型', '数字化', '智能工厂', 'MES', '工业互联网', '上云', '边缘计算',
  '检验检测', '计量校准', 'CNAS', 'ISO9001', 'iso9001', 'ＩＳＯ９００１', 'IATF16949', '盐雾试验',
  '节能降碳', '降碳', '碳核算', '绿色工厂', '光伏', '能源审计',
  '揭榜', '揭榜挂帅', '发榜', '悬赏金额', '技术难题', '国产化替代', '5G', '5g', '机器视觉', '压铸模具', '编码器芯片',
  '标准厂房', '厂房', '车间', '1000平', '500平', '层高', '楼面荷载', '行车', '小微企业园', '余姚', '骆驼', '研发用房',
  '专精特新', '小巨人', '高新技术企业', '科技型中小企业', '首台套', '管理咨询', '精益生产', '研发费用', '加计扣除',
  '园', '贷', '碳',
  '厂房 1000平', '知识产权 质押', '检测 CNAS', '宁波银行 信用', '余姚 车间', '数字化 5G', '专利 评估 报告',
  '氢燃料', '区块链',
];

/** Labelled best hits: synonym or abbreviation queries whose intended listing must come first. */
const BEST_HIT: Array<[query: string, id: string]> = [
  ['知产质押', 'anchor-ip-pledge'],
  ['专利质押', 'anchor-ip-pledge'],
  ['知识产权质押', 'anchor-ip-pledge'],
  ['投贷联动', 'anchor-linkage'],
  ['贷投联动', 'anchor-linkage'],
  ['数字化改造', 'anchor-digital'],
  ['厂房', 'anchor-plant'],
  ['车间 1000平', 'anchor-workshop'],
  ['小巨人', 'anchor-little-giant'],
  ['专精特新小巨人', 'anchor-little-giant'],
  ['高企', 'anchor-hitech'],
  ['ISO9001', 'anchor-iso'],
  ['ｉｓｏ９００１', 'anchor-iso'],
  ['双碳', 'anchor-carbon'],
  ['绿色低碳', 'anchor-carbon'],
  ['张榜', 'anchor-challenge'],
  ['小微企业园', 'anchor-microPark'],
  ['5G', 'anchor-5g'],
  ['人才贷', 'anchor-talent'],
  ['人才贷款', 'anchor-talent'],
  ['订单贷', 'anchor-order'],
  ['企业咨询', 'anchor-consult'],
];

function searchableText(d: SearchDocument): string {
  return normalizeText([d.title, d.description, d.extraText, d.tags.join(' '), d.ownerName].join('\n'));
}

/** Brute force: every term (or one of its synonym variants) is a substring of the document. */
function groundTruth(corpus: SearchDocument[], query: string): string[] {
  const terms = queryTerms(query).map((t) => expandQuery(t));
  return corpus.filter((d) => terms.every((alts) => alts.some((a) => searchableText(d).includes(a)))).map((d) => d.id);
}

describe('search relevance (embedded engine, realistic corpus)', () => {
  const corpus = relevanceCorpus();
  const index = new EmbeddedSearchIndex();

  beforeAll(async () => {
    await index.init();
    await index.upsert(corpus);
  });

  it('has a labelled set of at least 60 queries over at least 300 listings', () => {
    expect(RECALL_QUERIES.length + BEST_HIT.length).toBeGreaterThanOrEqual(60);
    expect(new Set(RECALL_QUERIES).size).toBe(RECALL_QUERIES.length);
    expect(corpus.length).toBeGreaterThanOrEqual(300);
  });

  // With query analysis the PHRASE hits are exactly the substring matches and come first; graded hits
  // (terms in any order, places as filters) may follow them. Without analysis there is nothing else.
  it.each(RECALL_QUERIES)('recall 100 %%, no false hits: %s', async (query) => {
    const expected = groundTruth(corpus, query);
    const r = await index.search({ query, filters: {}, limit: corpus.length, offset: 0 });
    expect(r.phraseTotal).toBe(expected.length);
    expect(r.hits.slice(0, expected.length).map((h) => h.id).sort()).toEqual([...expected].sort());
    expect(r.hits.slice(0, expected.length).every((h) => h.match === 'PHRASE')).toBe(true);
    expect(r.hits.slice(expected.length).every((h) => h.match !== 'PHRASE')).toBe(true);
    const off = await index.search({ query, filters: {}, limit: corpus.length, offset: 0, analysis: false });
    expect(off.total).toBe(expected.length);
    expect(off.hits.map((h) => h.id).sort()).toEqual([...expected].sort());
  });

  it('most recall queries find something (the corpus is realistic, not empty)', async () => {
    let found = 0;
    for (const query of RECALL_QUERIES) if (groundTruth(corpus, query).length > 0) found++;
    expect(found).toBeGreaterThanOrEqual(RECALL_QUERIES.length - 3);
  });

  it.each(BEST_HIT)('best hit first: %s → %s', async (query, id) => {
    const r = await index.search({ query, filters: {}, limit: 5, offset: 0 });
    expect(r.hits[0]?.id).toBe(id);
    expect(r.hits[0]?.highlight).toContain('<em>');
  });

  it('decoys (newer, words only in the description) rank below their anchors', async () => {
    for (const [query, decoy] of [
      ['知产质押', 'decoy-ip'],
      ['投贷联动', 'decoy-linkage'],
      ['数字化改造', 'decoy-digital'],
      ['ISO9001', 'decoy-iso'],
    ] as const) {
      const r = await index.search({ query, filters: {}, limit: corpus.length, offset: 0 });
      const order = r.hits.map((h) => h.id);
      expect(order).toContain(decoy);
      expect(order.indexOf(decoy)).toBeGreaterThan(0);
    }
  });

  it('filters and facets agree with a brute-force count', async () => {
    const r = await index.search({ query: '厂房', filters: { regionCodes: ['330281'] }, limit: 0, offset: 0 });
    const expected = groundTruth(corpus, '厂房').filter((id) => {
      const d = corpus.find((c) => c.id === id)!;
      return d.regionCodes.length === 0 || d.regionCodes.some((c) => c.startsWith('330281') || c === '330200');
    });
    expect(r.total).toBe(expected.length);
    const kinds = r.facets.filter((f) => f.field === 'kind').reduce((n, f) => n + f.count, 0);
    expect(kinds).toBe(expected.length);
  });
});
