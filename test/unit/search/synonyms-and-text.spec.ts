/** The shared synonym data, query expansion, normalisation and highlight helpers. */
import { describe, expect, it } from '@jest/globals';
import { DICTIONARY, MAX_EXPANSIONS, SYNONYMS_VERSION, SYNONYM_GROUPS, expandQuery, synonymMap } from '../../../libs/search/src/synonyms.js';
import { buildHighlight, highlightSnippet, highlightWhole } from '../../../libs/search/src/text/highlight.js';
import { escapeHtml, normalizeText, normalizeWithMap, queryTerms } from '../../../libs/search/src/text/normalize.js';

describe('synonyms data', () => {
  it('is versioned, has at least 40 groups of at least two distinct members', () => {
    expect(SYNONYMS_VERSION).toMatch(/^\d{4}-\d{2}-\d{2}\.\d+$/);
    expect(SYNONYM_GROUPS.length).toBeGreaterThanOrEqual(40);
    for (const g of SYNONYM_GROUPS) expect(new Set(g.map(normalizeText)).size).toBe(g.length);
    for (const g of SYNONYM_GROUPS) expect(g.length).toBeGreaterThanOrEqual(2);
  });
  it('members have no whitespace and belong to one group only', () => {
    const seen = new Map<string, number>();
    SYNONYM_GROUPS.forEach((g, i) => {
      for (const m of g) {
        expect(m).not.toMatch(/\s/);
        expect(seen.get(normalizeText(m))).toBeUndefined();
        seen.set(normalizeText(m), i);
      }
    });
  });
  it('contains the required equivalences', () => {
    const same = (a: string, b: string) => SYNONYM_GROUPS.some((g) => g.includes(a) && g.includes(b));
    for (const [a, b] of [
      ['知产', '知识产权'], ['投贷联动', '贷投联动'], ['专精特新小巨人', '小巨人'], ['数字化改造', '数字化转型'],
      ['厂房', '标准厂房'], ['厂房', '车间'], ['知识产权质押', '知产质押'], ['知识产权质押', '专利质押'], ['信用贷', '信用贷款'],
      ['人才贷', '人才贷款'], ['供应链金融', '供应链融资'], ['订单贷', '订单融资'], ['揭榜挂帅', '揭榜'], ['揭榜挂帅', '揭榜制'],
      ['发榜', '张榜'], ['检验检测', '检测认证'], ['节能降碳', '绿色低碳'], ['节能降碳', '双碳'], ['管理咨询', '企业咨询'],
      ['高企', '高新技术企业'], ['小微园', '小微企业园'], ['产业园', '园区'], ['研发费用', '研发投入'], ['科技创新再贷款', '技术改造再贷款'],
    ]) expect(same(a!, b!)).toBe(true);
  });
  it('the dictionary holds every member and other domain terms, once each', () => {
    expect(new Set(DICTIONARY).size).toBe(DICTIONARY.length);
    for (const m of SYNONYM_GROUPS.flat()) expect(DICTIONARY).toContain(m);
    expect(DICTIONARY).toContain('知识产权质押融资');
  });
  it('synonymMap maps each member to the others (Meilisearch format)', () => {
    const map = synonymMap();
    expect(map['知产']).toEqual(['知识产权']);
    expect(map['厂房']!.sort()).toEqual(['标准厂房', '车间'].sort());
    expect(map['iso9001']).toEqual(['质量管理体系认证']);
  });
});

describe('expandQuery', () => {
  it('returns the query first, then variants', () => {
    expect(expandQuery('知产')).toEqual(['知产', '知识产权']);
    expect(expandQuery('贷投联动')).toEqual(['贷投联动', '投贷联动']);
    expect(expandQuery('区块链')).toEqual(['区块链']);
    expect(expandQuery('')).toEqual(['']);
  });
  it('replaces a member inside a longer query', () => {
    expect(expandQuery('知产质押融资')).toEqual(expect.arrayContaining(['知产质押融资', '知识产权质押融资', '专利质押融资']));
    expect(expandQuery('1000平厂房')).toEqual(expect.arrayContaining(['1000平标准厂房', '1000平车间']));
  });
  it('prefers the longest member of a group (no 标准标准厂房)', () => {
    const out = expandQuery('标准厂房');
    expect(out).toEqual(expect.arrayContaining(['标准厂房', '厂房', '车间']));
    expect(out.some((v) => v.includes('标准标准'))).toBe(false);
  });
  it('combines two groups over two rounds', () => {
    expect(expandQuery('知产质押贷款')).toContain('知识产权质押融资');
  });
  it('normalises width and case and stays bounded', () => {
    expect(expandQuery('ＩＳＯ９００１')).toEqual(['iso9001', '质量管理体系认证']);
    expect(expandQuery('知产厂房揭榜高企小微园园区知产质押投贷联动'.repeat(20)).length).toBeLessThanOrEqual(MAX_EXPANSIONS);
  });
  it('takes custom groups', () => {
    expect(expandQuery('甲', [['甲', '乙']])).toEqual(['甲', '乙']);
  });
});

describe('normalisation', () => {
  it('NFKC, lower case, full width to half width', () => {
    expect(normalizeText('ＩＳＯ９００１　５Ｇ')).toBe('iso9001 5g');
    expect(normalizeText('知识产权')).toBe('知识产权');
  });
  it('splits queries on whitespace, punctuation and symbols; keeps . % / + inside terms', () => {
    expect(queryTerms('  知识产权   质押 ')).toEqual(['知识产权', '质押']);
    expect(queryTerms('"知识产权" -质押* title:融资')).toEqual(['知识产权', '质押', 'title', '融资']);
    expect(queryTerms('厂房，1000平、层高8.5米')).toEqual(['厂房', '1000平', '层高8.5米']);
    expect(queryTerms('😀🚀')).toEqual([]);
    expect(queryTerms("'; DROP TABLE x; --")).toEqual(['drop', 'table', 'x']);
    expect(queryTerms('a a a')).toEqual(['a']);
    expect(queryTerms(Array.from({ length: 100 }, (_, i) => `t${i}`).join(' '))).toHaveLength(32);
  });
  it('maps normalised positions back to the source', () => {
    const m = normalizeWithMap('Ａ㎡知');
    expect(m.normalized).toBe(normalizeText('Ａ㎡知'));
    expect(m.sourceIndex).toEqual([0, 1, 1, 2, 3]);
  });
  it('escapes HTML', () => {
    expect(escapeHtml(`<a href="x">'&'</a>`)).toBe('&lt;a href=&quot;x&quot;&gt;&#39;&amp;&#39;&lt;/a&gt;');
  });
});

describe('highlights', () => {
  it('marks every occurrence and merges overlapping terms', () => {
    expect(highlightWhole('知识产权质押，知识产权', ['知识产权'])).toBe('<em>知识产权</em>质押，<em>知识产权</em>');
    expect(highlightWhole('知识产权质押', ['知识产权', '产权质押'])).toBe('<em>知识产权质押</em>');
    expect(highlightWhole('无关', ['知识产权'])).toBeNull();
  });
  it('marks the original characters of a normalised match and escapes the rest', () => {
    expect(highlightWhole('<b>ＩＳＯ９００１</b>', ['iso9001'])).toBe('&lt;b&gt;<em>ＩＳＯ９００１</em>&lt;/b&gt;');
  });
  it('snippets about 60 characters around the first match', () => {
    const text = '甲'.repeat(100) + '目标' + '乙'.repeat(100);
    const h = highlightSnippet(text, ['目标'])!;
    expect(h).toMatch(/^…甲+<em>目标<\/em>乙+…$/);
    expect(h.replace(/<\/?em>|…/g, '')).toHaveLength(60);
    expect(highlightSnippet('短文本目标', ['目标'])).toBe('短文本<em>目标</em>');
  });
  it('prefers the title, then description, extra text, tags and owner', () => {
    const doc = { title: '标题', description: '描述里有目标', extraText: '额外目标', tags: ['标签'], ownerName: '机构' };
    expect(buildHighlight(doc, ['目标'])).toBe('描述里有<em>目标</em>');
    expect(buildHighlight(doc, ['标题'])).toBe('<em>标题</em>');
    expect(buildHighlight(doc, ['额外'])).toBe('<em>额外</em>目标');
    expect(buildHighlight(doc, ['机构'])).toBe('标签 <em>机构</em>');
    expect(buildHighlight(doc, ['没有'])).toBeNull();
  });
  it('never splits a surrogate pair', () => {
    const text = '😀'.repeat(40) + '目标' + '😀'.repeat(40);
    const h = highlightSnippet(text, ['目标'])!;
    expect(h.replace(/<\/?em>|…/g, '')).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
  });
});
