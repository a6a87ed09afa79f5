/**
 * Pure helpers of the Meilisearch adapter (no server): region/industry prefixes, filter building and
 * escaping, the gram/phrase encoding, settings (synonyms, ranking rules), facets, highlights, paging.
 *
 * The last block runs the shared contract corpus through a small MODEL of the two Meilisearch
 * behaviours the adapter relies on (documented in meilisearch-encoding.ts): a quoted phrase matches
 * consecutive tokens of one attribute, never across a hard separator (`;`), and filters `IN` / `=` /
 * `AND` / `OR`. It checks the adapter's encoding and filters against the contract's expected ids; it
 * does not replace running test/unit/search/meilisearch.contract.spec.ts against a real server.
 */
import { describe, expect, it } from '@jest/globals';
import { buildSynonymTable, charToken, findMembers, literalGrams, memberToken, synonymSnippets } from '../../../libs/search/src/meilisearch/meilisearch-encoding.js';
import {
  GRAM_FIELDS,
  INDEX_FORMAT,
  industryFields,
  prefixesOf,
  regionFields,
  regionStem,
  toMeiliDocument,
  type MeiliListingDocument,
} from '../../../libs/search/src/meilisearch/meilisearch-document.js';
import { buildFilter, buildQuery, idFilter, planPage, quoteFilterValue, termTokens } from '../../../libs/search/src/meilisearch/meilisearch-query.js';
import { buildSettings, rankingRules, settingsDiff } from '../../../libs/search/src/meilisearch/meilisearch-settings.js';
import { FACETS, hitHighlight, mapFacets } from '../../../libs/search/src/meilisearch/meilisearch-hits.js';
import { regionsNest } from '../../../libs/search/src/embedded/embedded-search-index.js';
import type { SearchDocument, SearchFilters } from '../../../libs/search/src/search-index.port.js';
import { DICTIONARY, SYNONYM_GROUPS } from '../../../libs/search/src/synonyms.js';
import { queryTerms } from '../../../libs/search/src/text/normalize.js';
import { CONTRACT_DOCUMENTS, ID } from '../../search-contract/search-index.contract.js';

const C = (s: string) => Array.from(s, charToken);

describe('region and industry fields', () => {
  it('strips trailing 00 pairs down to two characters', () => {
    expect(regionStem('330281')).toBe('330281');
    expect(regionStem('330200')).toBe('3302');
    expect(regionStem('330000')).toBe('33');
    expect(regionStem(' 110000 ')).toBe('11');
    expect(regionStem('000000')).toBe('00');
  });

  it('stores the stems and every prefix of them', () => {
    expect(prefixesOf('3302')).toEqual(['3', '33', '330', '3302']);
    const f = regionFields(['330281', ' 330200', '330281', '']);
    expect(f.regionCodes).toEqual(['330281', '330200']);
    expect(f.regionStems).toEqual(['330281', '3302']);
    expect(f.regionPrefixes).toEqual(expect.arrayContaining(['33', '3302', '330281']));
    expect(f.regionPrefixes).not.toContain('330200');
    expect(f.hasRegions).toBe(true);
    expect(regionFields([' ', '']).hasRegions).toBe(false);
  });

  it('industry prefixes and divisions', () => {
    const f = industryFields(['c3484', 'C3484', ' C ']);
    expect(f.industryCodes).toEqual(['C3484', 'C']);
    expect(f.industryPrefixes).toEqual(['C', 'C3', 'C34', 'C348', 'C3484']);
    expect(f.industryDivisions).toEqual(['C34', 'C']);
    expect(f.hasIndustries).toBe(true);
    expect(industryFields([]).hasIndustries).toBe(false);
  });
});

describe('buildFilter', () => {
  it('is undefined without filters or with empty lists', () => {
    expect(buildFilter({})).toBeUndefined();
    expect(buildFilter(undefined)).toBeUndefined();
    expect(buildFilter({ kinds: [], regionCodes: [], industryCodes: [], serviceCategories: [], creditProductTypes: [] })).toBeUndefined();
  });

  it('combines every filter with AND; regions nest both ways; no regions / industries match', () => {
    expect(
      buildFilter({
        kinds: ['CREDIT_PRODUCT', 'SERVICE_OFFERING'],
        regionCodes: ['330281', '330200'],
        industryCodes: ['c34'],
        serviceCategories: ['TESTING_CERTIFICATION'],
        creditProductTypes: ['IP_PLEDGE'],
      }),
    ).toBe(
      'kind IN ["CREDIT_PRODUCT", "SERVICE_OFFERING"]' +
        ' AND (hasRegions = false OR regionPrefixes IN ["330281", "3302"] OR regionStems IN ["3", "33", "330", "3302", "33028", "330281"])' +
        ' AND (hasIndustries = false OR industryPrefixes IN ["C34"])' +
        ' AND serviceCategory IN ["TESTING_CERTIFICATION"]' +
        ' AND creditProductType IN ["IP_PLEDGE"]',
    );
  });

  it('a blank code filters nothing (as the embedded engine: every stem starts with "")', () => {
    expect(buildFilter({ regionCodes: ['330281', ' '] })).toBeUndefined();
    expect(buildFilter({ industryCodes: [''] })).toBeUndefined();
  });

  it('quotes and escapes every value', () => {
    expect(quoteFilterValue('a"b\\c')).toBe('"a\\"b\\\\c"');
    expect(quoteFilterValue('AND')).toBe('"AND"');
    const f = buildFilter({ serviceCategories: ['X" OR kind = "Y', 'back\\slash'] })!;
    expect(f).toBe('serviceCategory IN ["X\\" OR kind = \\"Y", "back\\\\slash"]');
    expect(parseFilter(f)).toBeTruthy();
    expect(idFilter(['a', 'b"'])).toBe('id IN ["a", "b\\""]');
  });
});

describe('gram encoding', () => {
  it('one token per character: 9 and the code point in seven digits', () => {
    expect(charToken('中')).toBe('90020013');
    expect(charToken('a')).toBe('90000097');
    expect(charToken('𠀀')).toBe('90131072');
    expect(memberToken('知产')).toMatch(/^8\d{15}$/);
    expect(memberToken('知产')).not.toBe(memberToken('知识产权'));
  });

  it('literal grams separate runs with a hard separator and never start or end with one', () => {
    expect(literalGrams(['ab，c'])).toBe(`${charToken('a')} ${charToken('b')} ; ${charToken('c')}`);
    expect(literalGrams(['「x」', '', 'y'])).toBe(`${charToken('x')} ; ${charToken('y')}`);
    expect(literalGrams(['', ' '])).toBe('');
  });

  it('query terms: leftmost-longest synonym members become member tokens', () => {
    expect(termTokens('知产质押快贷')).toEqual([memberToken('知产质押'), ...C('快贷')]);
    expect(termTokens('押融')).toEqual(C('押融'));
    expect(termTokens('iso9001')).toEqual([memberToken('iso9001')]);
    expect(termTokens('标准厂房')).toEqual([memberToken('标准厂房')]);
  });

  it('the query holds only digits, spaces and quotes: syntax characters are never operators', () => {
    for (const raw of ['"知识产权" -质押', "'; DROP TABLE x; --", 'title:知识产权*', '😀\u0000\\%_', 'a'.repeat(1_000)]) {
      const { q } = buildQuery(raw);
      expect(q).toMatch(/^[0-9 "]*$/);
    }
    expect(buildQuery('  ').q).toBe('');
    expect(buildQuery('"知识产权" -质押').terms).toEqual(['知识产权', '质押']);
    expect(buildQuery('知产').marks).toEqual(['知产', '知识产权']);
  });

  it('synonym snippets: the member as one token, its own text in marked, substitutes in syn', () => {
    const table = buildSynonymTable([['知识产权', '知产']]);
    expect(findMembers('余杭知识产权', table).map((h) => h.member)).toEqual(['知识产权']);
    const s = synonymSnippets('余杭知识产权贯标', table, 2);
    expect(s.marked).toEqual([`${C('余杭').join(' ')} ${memberToken('知识产权')} ${C('贯标').join(' ')}`]);
    expect(s.syn).toEqual([`${C('余杭').join(' ')} ${memberToken('知产')} ${C('贯标').join(' ')}`]);
    // Punctuation next to the member stays a hard boundary.
    expect(synonymSnippets('发榜：注塑', buildSynonymTable([['发榜', '张榜']]), 4).syn).toEqual([`${memberToken('张榜')} ; ${C('注塑').join(' ')}`]);
  });

  it('round two replaces a second member of the window', () => {
    const table = buildSynonymTable([
      ['知识产权质押', '知产质押'],
      ['融资', '贷款'],
    ]);
    const s = synonymSnippets('知识产权质押融资', table);
    expect(s.syn).toContain(`${memberToken('知产质押')} ${memberToken('贷款')}`);
    expect(s.marked).toContain(`${memberToken('知识产权质押')} ${memberToken('融资')}`);
  });

  it('documents carry the filter fields, the gram fields and the format', () => {
    const d = toMeiliDocument(CONTRACT_DOCUMENTS.find((x) => x.id === ID.plant)!);
    expect(d.regionPrefixes).toEqual(['3', '33', '330', '3302', '33021', '330211']);
    expect(d.industryDivisions).toEqual(['C34', 'C35']);
    expect(d.gTitle.split(' ')[0]).toBe(charToken('标'));
    expect(d.gTitleMarked).toContain(memberToken('厂房'));
    expect(d.gTitleSyn).toContain(memberToken('车间'));
    expect(d.indexFormat).toBe(INDEX_FORMAT);
  });
});

describe('settings', () => {
  it('synonyms map each member to the other members of its groups; dictionary and locales', () => {
    const s = buildSettings(['words', 'typo', 'proximity', 'attribute', 'sort', 'exactness'], 50_000);
    expect(s.synonyms!['知产']).toEqual(['知识产权']);
    expect(new Set(s.synonyms!['厂房'])).toEqual(new Set(['标准厂房', '车间']));
    for (const group of SYNONYM_GROUPS) {
      const [first, ...others] = group.map((m) => m.normalize('NFKC').toLowerCase());
      for (const o of others) expect(s.synonyms![first!]).toContain(o);
    }
    expect(s.dictionary).toEqual([...DICTIONARY]);
    expect(s.localizedAttributes).toEqual([{ locales: ['cmn'], attributePatterns: ['*'] }]);
    expect(s.searchableAttributes!.slice(0, 6)).toEqual([...GRAM_FIELDS]);
    expect(s.searchableAttributes!.slice(6)).toEqual(['title', 'tags', 'extraText', 'description', 'ownerName']);
    for (const [attribute] of FACETS) expect(s.filterableAttributes).toContain(attribute);
    expect(s.typoTolerance!.disableOnAttributes).toEqual([...GRAM_FIELDS]);
    expect(s.pagination).toEqual({ maxTotalHits: 50_000 });
    expect(s.faceting!.maxValuesPerFacet).toBe(1000);
  });

  it('ranking rules keep the server built-ins in order, then newer first, then id', () => {
    expect(rankingRules(['words', 'typo', 'proximity', 'attributeRank', 'sort', 'wordPosition', 'exactness'])).toEqual([
      'words',
      'typo',
      'proximity',
      'attributeRank',
      'sort',
      'wordPosition',
      'exactness',
      'publishedAt:desc',
      'id:asc',
    ]);
    expect(rankingRules(['words', 'sort', 'publishedAt:desc', 'id:asc', 'version:asc'])).toEqual(['words', 'sort', 'publishedAt:desc', 'id:asc']);
  });

  it('settingsDiff ignores order where order does not matter and extra server keys', () => {
    const desired = buildSettings(['words', 'sort'], 1000);
    const current = JSON.parse(JSON.stringify(desired));
    current.filterableAttributes.reverse();
    current.dictionary.reverse();
    current.typoTolerance.disableOnNumbers = false;
    current.synonyms['知产'] = [...current.synonyms['知产']].reverse();
    expect(settingsDiff(desired, current)).toEqual([]);
    current.searchableAttributes.reverse();
    current.pagination.maxTotalHits = 1;
    expect(settingsDiff(desired, current)).toEqual(['searchableAttributes', 'pagination']);
    expect(settingsDiff(desired, {})).toContain('synonyms');
  });
});

describe('responses', () => {
  it('maps facet attributes to the port fields, counts descending then values', () => {
    expect(
      mapFacets({
        industryDivisions: { C35: 1, C34: 2 },
        regionCodes: { '330281': 1, '330200': 1, '330211': 3 },
        kind: { CHALLENGE: 0, SERVICE_OFFERING: 2 },
        unknown: { x: 1 },
      }),
    ).toEqual([
      { field: 'kind', value: 'SERVICE_OFFERING', count: 2 },
      { field: 'regionCode', value: '330211', count: 3 },
      { field: 'regionCode', value: '330200', count: 1 },
      { field: 'regionCode', value: '330281', count: 1 },
      { field: 'industryCode', value: 'C34', count: 2 },
      { field: 'industryCode', value: 'C35', count: 1 },
    ]);
    expect(mapFacets(undefined)).toEqual([]);
  });

  it('highlights the title first, else a description snippet, escaping HTML outside the marks', () => {
    const marks = buildQuery('质押融资').marks;
    expect(hitHighlight({ title: '知识产权质押融资', description: 'x' }, marks)).toBe('知识产权<em>质押融资</em>');
    const body = hitHighlight({ title: '专利<评估>', description: '为知识产权质押融资出具<b>报告</b>' }, marks)!;
    expect(body).toBe('为知识产权<em>质押融资</em>出具&lt;b&gt;报告&lt;/b&gt;');
    expect(hitHighlight({ title: '<script>', tags: ['质押融资'] }, marks)?.trim()).toBe('<em>质押融资</em>');
    expect(hitHighlight({ title: '人才贷' }, [])).toBeNull();
    expect(hitHighlight({ title: '人才贷' }, marks)).toBeNull();
    // Synonym variants are marked too.
    expect(hitHighlight({ title: '知产质押快贷' }, buildQuery('知识产权质押').marks)).toBe('<em>知产质押</em>快贷');
  });

  it('pages in page mode when offset is a multiple of limit', () => {
    expect(planPage(20, 40)).toEqual({ hits: { page: 3, hitsPerPage: 20 }, exactTotal: true });
    expect(planPage(0, 7)).toEqual({ hits: { page: 1, hitsPerPage: 0 }, exactTotal: true });
    expect(planPage(5, 7)).toEqual({ hits: { offset: 7, limit: 5 }, exactTotal: false });
    expect(planPage(2.7, -3)).toEqual({ hits: { page: 1, hitsPerPage: 2 }, exactTotal: true });
  });
});

// ── a model of Meilisearch phrase matching and filtering, over the contract corpus ───────────────────

type Node = { or: Node[] } | { and: Node[] } | { attr: string; op: 'IN' | '='; values: string[] };

/** Parses the subset of Meilisearch's filter grammar that buildFilter emits (with quoted, escaped values). */
function parseFilter(src: string): Node {
  const tokens = src.match(/"(?:\\.|[^"\\])*"|\(|\)|\[|\]|,|[^\s()[\],]+/g)!;
  let i = 0;
  const value = (t: string) => (t.startsWith('"') ? t.slice(1, -1).replace(/\\(.)/g, '$1') : t);
  const cond = (): Node => {
    if (tokens[i] === '(') {
      i++;
      const n = orExpr();
      expect(tokens[i++]).toBe(')');
      return n;
    }
    const attr = tokens[i++]!;
    const op = tokens[i++]!;
    if (op === '=') return { attr, op: '=', values: [value(tokens[i++]!)] };
    expect(op).toBe('IN');
    expect(tokens[i++]).toBe('[');
    const values: string[] = [];
    while (tokens[i] !== ']') {
      values.push(value(tokens[i++]!));
      if (tokens[i] === ',') i++;
    }
    i++;
    return { attr, op: 'IN', values };
  };
  const andExpr = (): Node => {
    const parts = [cond()];
    while (tokens[i] === 'AND') {
      i++;
      parts.push(cond());
    }
    return { and: parts };
  };
  const orExpr = (): Node => {
    const parts = [andExpr()];
    while (tokens[i] === 'OR') {
      i++;
      parts.push(andExpr());
    }
    return { or: parts };
  };
  const n = orExpr();
  expect(i).toBe(tokens.length);
  return n;
}

function evaluate(n: Node, doc: MeiliListingDocument): boolean {
  if ('or' in n) return n.or.some((c) => evaluate(c, doc));
  if ('and' in n) return n.and.every((c) => evaluate(c, doc));
  const raw = (doc as unknown as Record<string, unknown>)[n.attr];
  const have = (Array.isArray(raw) ? raw : [raw]).filter((v) => v !== null && v !== undefined).map((v) => String(v).toLowerCase());
  return n.values.some((v) => have.includes(v.toLowerCase()));
}

/** Phrases of `q`, each as its tokens. */
const phrases = (q: string) => [...q.matchAll(/"([^"]*)"/g)].map((m) => m[1]!.split(' ').filter(Boolean));

/** Index of the first gram field (in ranking order) holding the phrase as consecutive tokens of one run, or -1. */
function phraseField(doc: MeiliListingDocument, phrase: string[]): number {
  return GRAM_FIELDS.findIndex((field) =>
    doc[field].split(' ; ').some((run) => {
      const tokens = run.split(' ');
      for (let s = 0; s + phrase.length <= tokens.length; s++) if (phrase.every((t, k) => tokens[s + k] === t)) return true;
      return false;
    }),
  );
}

const DOCS = CONTRACT_DOCUMENTS.map((d) => ({ source: d, stored: toMeiliDocument(d) }));

/** The model's answer: matching ids ranked by the best field of the (first) term, then newer, then id. */
function modelSearch(query: string, filters: SearchFilters = {}): string[] {
  const { q } = buildQuery(query);
  const filter = buildFilter(filters);
  const node = filter ? parseFilter(filter) : null;
  const ps = phrases(q);
  const rows: Array<{ d: SearchDocument; rank: number }> = [];
  for (const { source, stored } of DOCS) {
    if (node && !evaluate(node, stored)) continue;
    const fields = ps.map((p) => phraseField(stored, p));
    if (fields.some((f) => f < 0)) continue;
    rows.push({ d: source, rank: fields.length ? Math.min(...fields) : 0 });
  }
  rows.sort((a, b) => a.rank - b.rank || b.d.publishedAt - a.d.publishedAt || (a.d.id < b.d.id ? -1 : 1));
  return rows.map((r) => r.d.id);
}

const sorted = (ids: string[]) => [...ids].sort();
const expectIds = (query: string, expected: string[], filters: SearchFilters = {}) => expect(sorted(modelSearch(query, filters))).toEqual(sorted(expected));

describe('contract corpus through the Meilisearch model', () => {
  it('substring recall: infixes, single characters, every field', () => {
    expectIds('质押融资', [ID.ipTitle, ID.ipBody]);
    expectIds('押融', [ID.ipTitle, ID.ipBody]);
    expectIds('榜', [ID.challenge5g, ID.challengeCarbon]);
    expectIds('园', [ID.plant, ID.workshop]);
    expectIds('盐雾试验', [ID.testB]);
    expectIds('房源', [ID.plant]);
    expectIds('通商银行', [ID.talentLoan]);
    expectIds('氢燃料电池', []);
    expectIds('贷', [ID.talentLoan, ID.linkage, ID.ipSynonym]);
  });

  it('mixed Latin, digits and width', () => {
    for (const q of ['ISO9001', 'iso9001', 'ＩＳＯ９００１']) expectIds(q, [ID.testA]);
    for (const q of ['5G', '５ｇ']) expectIds(q, [ID.digital, ID.challenge5g]);
    expectIds('1000平', [ID.plant]);
  });

  it('synonyms, and no synonym leaks into a partial term', () => {
    const ip = [ID.ipTitle, ID.ipBody, ID.ipSynonym, ID.hangzhou];
    expectIds('知识产权', ip);
    expectIds('知产', ip);
    expectIds('知产质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
    expectIds('投贷联动', [ID.linkage]);
    expectIds('数字化改造', [ID.digital]);
    expectIds('人才贷款', [ID.talentLoan]);
    expectIds('张榜', [ID.challengeCarbon]);
    expectIds('厂房', [ID.plant, ID.workshop, ID.challengeCarbon]);
    // 标准 is only part of 标准厂房, a synonym of 厂房 / 车间: literal matches only (the plant says 标准厂房 itself).
    expectIds('标准', [ID.plant]);
    expectIds('知识', [ID.ipTitle, ID.ipBody, ID.hangzhou]);
  });

  it('several terms (AND), synonyms per term', () => {
    expectIds('检测 CNAS', [ID.testA]);
    expectIds('检测 计量', [ID.testB]);
    expectIds('厂房 1000平', [ID.plant]);
    expectIds('知识产权 车间', []);
    expectIds('知产 质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
    expectIds('知识产权 -质押', [ID.ipTitle, ID.ipBody, ID.ipSynonym]);
    expectIds('title:知识产权', []);
    expectIds('"现场改善"', [ID.consult]);
    expectIds("'; DROP TABLE listings; --", []);
    expectIds("知识产权' OR '1'='1", []);
  });

  it('filters: kinds, regions nesting both ways, industry prefixes, categories', () => {
    const all = CONTRACT_DOCUMENTS.map((d) => d.id);
    const noRegion = [ID.testB, ID.consult];
    expectIds('', [ID.ipTitle, ID.ipSynonym, ID.linkage, ID.talentLoan], { kinds: ['CREDIT_PRODUCT'] });
    expectIds('知识产权', [ID.ipBody, ID.hangzhou], { kinds: ['SERVICE_OFFERING'] });
    expectIds('', [ID.ipSynonym, ID.testA, ID.workshop, ID.challengeCarbon, ID.ipTitle, ID.talentLoan, ...noRegion], { regionCodes: ['330281'] });
    expectIds('', all.filter((id) => id !== ID.hangzhou), { regionCodes: ['330200'] });
    expectIds('', [ID.hangzhou, ...noRegion], { regionCodes: ['330100'] });
    expectIds('', [ID.linkage, ID.digital, ID.plant, ID.challenge5g, ID.ipTitle, ID.talentLoan, ...noRegion], { regionCodes: ['330211', '330206'] });
    const noIndustry = [ID.ipTitle, ID.ipBody, ID.ipSynonym, ID.linkage, ID.testA, ID.testB, ID.talentLoan, ID.consult, ID.hangzhou];
    expectIds('', [ID.digital, ID.plant, ...noIndustry], { industryCodes: ['C34'] });
    expectIds('', [ID.plant, ...noIndustry], { industryCodes: ['C3511'] });
    expectIds('园', [ID.plant, ID.workshop], { industryCodes: ['C3'] });
    expectIds('园', [ID.workshop], { industryCodes: ['C36'] });
    expectIds('', [ID.testA, ID.testB, ID.consult], { serviceCategories: ['TESTING_CERTIFICATION', 'MANAGEMENT_CONSULTING'] });
    expectIds('质押', [ID.ipTitle, ID.ipSynonym], { creditProductTypes: ['IP_PLEDGE'] });
    expectIds('', [ID.testA, ID.testB], { serviceCategories: ['TESTING_CERTIFICATION'], regionCodes: ['330212', '330281'], kinds: ['SERVICE_OFFERING'] });
    expectIds('', [ID.ipTitle], { creditProductTypes: ['IP_PLEDGE'], regionCodes: ['330282'] });
  });

  it('region filter agrees with the embedded engine on every pair of codes', () => {
    const codes = ['330000', '330200', '330281', '330282', '330211', '330100', '330110', '110000', '110101'];
    for (const docCode of codes) {
      const stored = { ...toMeiliDocument({ ...CONTRACT_DOCUMENTS[0]!, regionCodes: [docCode] }) };
      for (const filterCode of codes) {
        expect([docCode, filterCode, evaluate(parseFilter(buildFilter({ regionCodes: [filterCode] })!), stored)]).toEqual([
          docCode,
          filterCode,
          regionsNest(docCode, filterCode),
        ]);
      }
    }
  });

  it('ranking by attribute order: title above body, own text above synonym, newer first on ties', () => {
    expect(modelSearch('质押融资')).toEqual([ID.ipTitle, ID.ipBody]);
    const ip = modelSearch('知识产权质押');
    expect(ip.indexOf(ID.ipTitle)).toBeLessThan(ip.indexOf(ID.ipSynonym));
    expect(modelSearch('厂房')[0]).toBe(ID.plant);
    expect(modelSearch('检验检测')).toEqual([ID.testB, ID.testA]);
    expect(modelSearch('贷')).toEqual([ID.talentLoan, ID.linkage, ID.ipSynonym]);
  });

  it('splits queries into the same terms as the embedded engine', () => {
    for (const q of ['知识产权 -质押', 'ＩＳＯ９００１认证', 'C++ 2.5t 元/m2', '“厂房”，1000平']) expect(buildQuery(q).terms).toEqual(queryTerms(q));
  });
});
