/**
 * Query analysis (libs/search/src/query): the vocabulary and the segmenter, table-driven. Each row is
 * a query as people type it and how it must be read: the segments, the terms the graded match looks
 * for, the places that become region filters.
 */
import { describe, expect, it } from '@jest/globals';
import { analyzeQuery, segmentPhrase, unknownRunTerms } from '../../../libs/search/src/query/query-analysis.js';
import { buildVocabulary, industryNameForms, regionNameForms, vocabulary } from '../../../libs/search/src/query/vocabulary.js';
import { buildGradedQuery, regionClause, andFilters } from '../../../libs/search/src/meilisearch/meilisearch-query.js';
import { combineFacets, mergeGradedPage } from '../../../libs/search/src/meilisearch/meilisearch-hits.js';
import { queryTerms } from '../../../libs/search/src/text/normalize.js';
import { suggestQueries, toPinyin } from '../../../libs/search/src/query/suggest.js';

const seg = (q: string) =>
  analyzeQuery(q)
    .segments.map((s) => `${s.text}:${s.kind}`)
    .join(' ');

describe('vocabulary', () => {
  it.each([
    ['余姚市', ['余姚市', '余姚']],
    ['宁波市', ['宁波市', '宁波']],
    ['鄞州区', ['鄞州区', '鄞州']],
    ['浙江省', ['浙江省', '浙江']],
    ['广西壮族自治区', ['广西壮族自治区', '广西']],
    ['景宁畲族自治县', ['景宁畲族自治县', '景宁']],
    ['香港特别行政区', ['香港特别行政区', '香港']],
    // A short form that is an everyday word first stays out; one character is never a short form.
    ['路桥区', ['路桥区']],
    ['天台县', ['天台县']],
  ])('region name forms of %s', (name, forms) => {
    expect(regionNameForms(name)).toEqual(forms);
  });

  it.each([
    ['汽车制造业', ['汽车制造业', '汽车']],
    ['酒、饮料和精制茶制造业', ['酒、饮料和精制茶制造业', '酒、饮料和精制茶', '饮料', '精制茶']],
    ['通用设备制造业', ['通用设备制造业', '通用设备']],
  ])('industry name forms of %s', (name, forms) => {
    expect(industryNameForms(name)).toEqual(forms);
  });

  it('holds synonyms, labels, division names, tier names, regions and their short forms', () => {
    const v = vocabulary();
    for (const word of ['知产质押', '贷投联动', '小巨人', '检测认证', '人才贷', '供应链金融', '通用设备', '专精特新中小企业', '创新型中小企业', '厂房', '专利', '贷款']) {
      expect(v.entries.get(word)).toEqual({});
    }
    expect(v.entries.get('余姚')?.region).toEqual({ code: '330281', name: '余姚市' });
    expect(v.entries.get('余姚市')?.region).toEqual({ code: '330281', name: '余姚市' });
    expect(v.entries.get('宁波')?.region).toEqual({ code: '330200', name: '宁波市' });
    expect(v.entries.get('甬')?.region).toEqual({ code: '330200', name: '宁波市' });
    expect(v.entries.get('杭州湾')?.region).toEqual({ code: '330200', name: '宁波市' });
    expect(v.entries.get('杭州')?.region).toEqual({ code: '330100', name: '杭州市' });
    expect(v.entries.get('路桥')).toBeUndefined();
    expect(v.maxLength).toBeLessThanOrEqual(24);
  });

  it('takes extra terms (for example mined from listings), normalised', () => {
    const v = buildVocabulary({ extraTerms: ['阳明科创园', 'ＡＢＣ'] });
    expect(v.entries.has('阳明科创园')).toBe(true);
    expect(v.entries.has('abc')).toBe(true);
    expect(segmentPhrase('阳明科创园厂房', v).map((s) => s.text)).toEqual(['阳明科创园', '厂房']);
  });
});

describe('segmentation', () => {
  it.each([
    // the four queries of issue 19
    ['余姚厂房', '余姚:region 厂房:word'],
    ['专利贷款', '专利:word 贷款:word'],
    ['小巨人申报', '小巨人:word 申报:word'],
    ['检测认证服务', '检测认证:word 服务:word'],
    // the longest known word wins; leftmost-longest on ties
    ['知识产权质押融资', '知识产权质押融资:word'],
    ['知产质押贷款', '知产质押:word 贷款:word'],
    ['鄞州区数字化改造', '鄞州区:region 数字化改造:word'],
    // a place inside a longer word is not a place
    ['杭州湾厂房', '杭州湾:region 厂房:word'],
    ['宁波银行', '宁波银行:word'],
    ['余姚支行', '余姚支行:word'],
    ['余姚支行贷款', '余姚支行:word 贷款:word'],
    // one-character short forms only between known words or at the ends
    ['甬厂房', '甬:region 厂房:word'],
    ['甬知贷', '甬知贷:other'],
    // scripts: Latin/digit runs are one segment
    ['ISO9001认证', 'iso9001:word 认证:word'],
    ['5G工业网关', '5g:other 工业:word 网关:word'],
    ['ＩＳＯ９００１', 'iso9001:word'],
    // unknown runs between known words
    ['余姚的厂房', '余姚:region 的:unknown 厂房:word'],
    ['阳明科创园厂房', '阳明科创园:unknown 厂房:word'],
    // no known word: the phrase stays whole
    ['盐雾试验', '盐雾试验:other'],
    ['第4轮', '第4轮:other'],
    // separators split phrases first
    ['余姚 厂房', '余姚:region 厂房:word'],
    ['"知识产权" -质押', '知识产权:word 质押:word'],
  ])('%s → %s', (query, expected) => {
    expect(seg(query)).toBe(expected);
  });

  it.each([
    ['知', ['知']],
    ['知识', ['知识']],
    ['阳明科创', ['阳明', '明科', '科创']],
  ])('unknown run %s → %j', (run, terms) => {
    expect(unknownRunTerms(run)).toEqual(terms);
  });
});

describe('analyzeQuery', () => {
  it.each([
    // query, terms, region codes, graded
    ['余姚厂房', ['厂房'], ['330281'], true],
    ['专利贷款', ['专利', '贷款'], [], true],
    ['余姚', [], ['330281'], true],
    ['宁波 余姚 宁波市', [], ['330200', '330281'], true],
    ['知识产权质押融资', ['知识产权质押融资'], [], false],
    ['知识产权 质押', ['知识产权', '质押'], [], false],
    ['阳明科创园厂房', ['阳明', '明科', '科创', '创园', '厂房'], [], true],
    ['余姚的厂房', ['厂房'], ['330281'], true],
    ['的', ['的'], [], false],
    ['', [], [], false],
    ['！！！，。？', [], [], false],
    // NFKC makes … three dots, and . is a term character (2.5t): a substring search that finds nothing.
    ['…', ['...'], [], false],
    ['😀🚀', [], [], false],
    ['🚀人才', ['人才'], [], false],
    ["' OR 1=1 --", ['or', '1'], [], false],
    ['title:知识产权', ['title', '知识产权'], [], false],
    ['人'.repeat(100), ['人'.repeat(100)], [], false],
    ['知识产权质押融资'.repeat(12), ['知识产权质押融资'], [], true],
  ])('%s → terms %j, regions %j, graded %s', (query, terms, regions, graded) => {
    const a = analyzeQuery(query);
    expect(a.terms).toEqual(terms);
    expect(a.regions.map((r) => r.code)).toEqual(regions);
    expect(a.graded).toBe(graded);
    expect(a.phrases).toEqual(queryTerms(query));
  });

  it('names the region and the text it came from', () => {
    expect(analyzeQuery('杭州湾厂房').regions).toEqual([{ code: '330200', name: '宁波市', text: '杭州湾' }]);
    expect(analyzeQuery('余姚市阳明').regions).toEqual([{ code: '330281', name: '余姚市', text: '余姚市' }]);
  });

  it('bounds the terms of a long query', () => {
    const many = Array.from({ length: 60 }, (_, i) => String.fromCharCode(0x4e00 + 2 * i) + String.fromCharCode(0x4e01 + 2 * i)).join('厂房');
    expect(analyzeQuery(many).terms.length).toBeLessThanOrEqual(32);
  });
});

describe('the analysed query on Meilisearch (pure parts)', () => {
  it('phrases alone when the analysis adds nothing', () => {
    const g = buildGradedQuery(analyzeQuery('知识产权质押融资'));
    expect(g.terms).toBeUndefined();
    expect(g.phrase.terms).toEqual(['知识产权质押融资']);
  });
  it('a terms search with the places when it does', () => {
    const g = buildGradedQuery(analyzeQuery('余姚厂房'));
    expect(g.terms?.regionCodes).toEqual(['330281']);
    expect(g.terms?.q).toMatch(/^"[^"]+"$/);
    expect(g.terms?.both).toBe(`${g.phrase.q} ${g.terms!.q}`);
    expect(g.marks).toEqual(expect.arrayContaining(['余姚厂房', '厂房', '车间']));
    // q carries only gram tokens, spaces and quotes: no operator reaches Meilisearch.
    expect(buildGradedQuery(analyzeQuery('专利贷款 -"x" OR 1')).terms!.q).toMatch(/^[\w" ]+$/);
  });
  it('merges a page: PHRASE hits first, then terms hits that are not PHRASE hits, paged across both', () => {
    const h = (id: string) => ({ id });
    const phrase = [h('p1'), h('p2')];
    const terms = [h('p2'), h('t1'), h('t2'), h('t3')];
    const page = (offset: number, limit: number, phraseTotal = 2) =>
      mergeGradedPage(phrase, terms, { phraseTotal, window: offset + limit, offset, limit }).map((x) => `${x.hit.id}:${x.match}`);
    expect(page(0, 10)).toEqual(['p1:PHRASE', 'p2:PHRASE', 't1:ALL_TERMS', 't2:ALL_TERMS', 't3:ALL_TERMS']);
    expect(page(1, 2)).toEqual(['p2:PHRASE', 't1:ALL_TERMS']);
    expect(page(3, 5)).toEqual(['t2:ALL_TERMS', 't3:ALL_TERMS']);
    // More PHRASE hits than the window: the page lies within them, no terms hit is used.
    expect(page(0, 1, 50)).toEqual(['p1:PHRASE']);
  });

  it('facets of the union: phrase + terms − shared', () => {
    expect(combineFacets({ kind: { A: 2, B: 1 } }, { kind: { A: 3 }, regionCodes: { '330281': 2 } }, { kind: { A: 1 } })).toEqual({
      kind: { A: 4, B: 1 },
      regionCodes: { '330281': 2 },
    });
    expect(combineFacets(undefined, undefined, undefined)).toEqual({});
  });

  it('region clause and AND of filters', () => {
    expect(regionClause(['330281'])).toContain('regionPrefixes IN ["330281"]');
    expect(regionClause([''])).toBeUndefined();
    expect(andFilters('a', undefined)).toBe('a');
    expect(andFilters(undefined, 'b')).toBe('b');
    expect(andFilters('a', 'b')).toBe('a AND b');
    expect(andFilters(undefined, undefined)).toBeUndefined();
  });
});

describe('did-you-mean (suggestQueries)', () => {
  const everything = () => true;
  it.each([
    // homophones picked from the input method's list
    ['知识产权质压', '知识产权质押'],
    ['数字化转形', '数字化转型'],
    ['检验检侧', '检验检测'],
    ['标准厂方', '标准厂房'],
    ['揭膀挂帅', '揭榜挂帅'],
    ['人材贷', '人才贷'],
    ['供应连金融', '供应链金融'],
    // one wrong character, not a homophone
    ['高新技木企业', '高新技术企业'],
    ['计量校淮', '计量校准'],
  ])('%s → %s', (query, first) => {
    expect(suggestQueries(query, everything)[0]).toBe(first);
  });

  it('keeps only corrections the engine can match, at most three, and the other phrases as they are', () => {
    expect(suggestQueries('知识产权质压', () => false)).toEqual([]);
    expect(suggestQueries('余姚 标准厂方', everything)[0]).toBe('余姚 标准厂房');
    expect(suggestQueries('揭膀挂帅', everything).length).toBeLessThanOrEqual(3);
  });

  it('suggests nothing for text it cannot place, empty or over-long queries', () => {
    expect(suggestQueries('', everything)).toEqual([]);
    expect(suggestQueries('😀', everything)).toEqual([]);
    expect(suggestQueries('abc', everything)).toEqual([]);
    expect(suggestQueries('厂'.repeat(100), everything)).toEqual([]);
  });

  it('toneless pinyin', () => {
    expect(toPinyin('质押')).toBe('zhi ya');
    expect(toPinyin('质压')).toBe('zhi ya');
  });
});
