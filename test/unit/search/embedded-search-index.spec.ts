/**
 * The embedded engine against the port contract, plus behaviour the contract leaves to adapters:
 * exact highlight markup, snippets, ranking scores, compaction after many replacements.
 */
import { describe, expect, it } from '@jest/globals';
import { EmbeddedSearchIndex } from '../../../libs/search/src/embedded/embedded-search-index.js';
import type { SearchDocument } from '../../../libs/search/src/search-index.port.js';
import { CONTRACT_DOCUMENTS, ID, describeSearchIndexContract } from '../../search-contract/search-index.contract.js';

describeSearchIndexContract('embedded', async () => new EmbeddedSearchIndex());

async function loaded(docs: SearchDocument[] = CONTRACT_DOCUMENTS) {
  const index = new EmbeddedSearchIndex();
  await index.init();
  await index.upsert(docs);
  return index;
}
const q = (index: EmbeddedSearchIndex, query: string, limit = 50, offset = 0) => index.search({ query, filters: {}, limit, offset });

describe('EmbeddedSearchIndex', () => {
  it('reports its engine and resolves health', async () => {
    const index = await loaded();
    expect(index.engine).toBe('embedded');
    await expect(index.health()).resolves.toBeUndefined();
    const stats = await index.stats();
    expect(stats.documents).toBe(14);
    expect(stats.memoryBytes).toBeGreaterThan(0);
  });

  it('marks every occurrence in the title, synonyms included', async () => {
    const index = await loaded();
    const r = await q(index, '知产');
    const byId = Object.fromEntries(r.hits.map((h) => [h.id, h.highlight]));
    expect(byId[ID.ipTitle]).toBe('<em>知识产权</em>质押融资');
    expect(byId[ID.ipSynonym]).toBe('<em>知产</em>质押快贷');
    expect(byId[ID.hangzhou]).toBe('余杭区<em>知识产权</em>贯标辅导');
    expect(byId[ID.ipBody]).toBe('为<em>知识产权</em>质押融资出具评估报告。');
  });

  it('marks the original characters of a full-width or upper-case match', async () => {
    const index = await loaded();
    const r = await q(index, 'ｉｓｏ９００１');
    expect(r.hits[0]!.highlight).toBe('具备CNAS资质，提供<em>ISO9001</em>认证辅导。');
  });

  it('cuts a long description into a ~60-character snippet around the first match', async () => {
    const long = '前言'.repeat(60) + '关键技术指标达到国际先进水平' + '后记'.repeat(60);
    const index = await loaded([{ ...CONTRACT_DOCUMENTS[0]!, id: 'long', title: '标题', description: long }]);
    const h = (await q(index, '国际先进'))!.hits[0]!.highlight!;
    expect(h.startsWith('…')).toBe(true);
    expect(h.endsWith('…')).toBe(true);
    expect(h).toContain('<em>国际先进</em>');
    expect(h.replace(/<\/?em>|…/g, '').length).toBe(60);
  });

  it('scores title 4, synonym in title 3, exact elsewhere 2, synonym elsewhere 1, summed over terms', async () => {
    const index = await loaded();
    const scores = Object.fromEntries((await q(index, '知识产权质押')).hits.map((h) => [h.id, h.score]));
    expect(scores).toEqual({ [ID.ipTitle]: 4, [ID.ipSynonym]: 3, [ID.ipBody]: 2 });
    const two = await q(index, '检验检测 CNAS');
    expect(two.hits.map((h) => [h.id, h.score])).toEqual([[ID.testA, 6]]);
  });

  it('MOST_TERMS: all but one of three or more terms, below ALL_TERMS; two terms are both required', async () => {
    const index = await loaded();
    const r = await q(index, '专利评估报告服务');
    expect(r.reading?.terms).toEqual(['专利', '评估', '报告', '服务']);
    expect(r.hits.map((h) => [h.id, h.match])).toEqual([[ID.ipBody, 'MOST_TERMS']]);
    expect(r.hits[0]!.highlight).toBe('<em>专利</em>价值<em>评估</em>');
    expect((await q(index, '专利车间')).total).toBe(0);
    const all = await q(index, '专利评估报告');
    expect(all.hits.map((h) => [h.id, h.match])).toEqual([[ID.ipBody, 'ALL_TERMS']]);
  });

  it('ranks graded hits by coverage, then field and rarity; a listing in the named place above a region-less one', async () => {
    const index = await loaded();
    // 余姚检测: 检测 in the title of testA (余姚) and of testB (no region; newer); the place decides.
    const r = await q(index, '余姚检测');
    expect(r.hits.map((h) => h.id)).toEqual([ID.testA, ID.testB]);
    expect(r.hits[0]!.score).toBeGreaterThan(r.hits[1]!.score);
    // 质押融资 + 评估: both in ipBody (title 评估, description 质押融资); ipTitle lacks 评估.
    const both = await q(index, '质押融资评估');
    expect(both.hits.map((h) => [h.id, h.match])).toEqual([[ID.ipBody, 'ALL_TERMS']]);
  });

  it('keeps full recall through many replacements and deletions (compaction)', async () => {
    const index = await loaded();
    const base = CONTRACT_DOCUMENTS[0]!;
    for (let round = 1; round <= 5; round++) {
      const batch = Array.from({ length: 600 }, (_, i) => ({ ...base, id: `doc-${i}`, title: `第${round}轮标题${i}号`, version: round }));
      await index.upsert(batch);
    }
    await index.delete(Array.from({ length: 300 }, (_, i) => `doc-${i}`));
    expect((await index.stats()).documents).toBe(14 + 300);
    expect((await q(index, '第5轮')).total).toBe(300);
    expect((await q(index, '第4轮')).total).toBe(0);
    expect((await q(index, '标题599号')).hits.map((h) => h.id)).toEqual(['doc-599']);
    expect((await q(index, '检验检测')).total).toBe(2);
  });

  it('treats a version in a batch in order: the highest wins', async () => {
    const index = await loaded([]);
    const base = CONTRACT_DOCUMENTS[0]!;
    await index.upsert([
      { ...base, title: '版本二', version: 2 },
      { ...base, title: '版本一', version: 1 },
      { ...base, title: '版本三', version: 3 },
    ]);
    expect((await q(index, '版本')).hits.map((h) => h.highlight)).toEqual(['<em>版本</em>三']);
  });

  // Their latency: npm run bench (search.bench.ts, "1,000-character queries").
  it('answers a 1,000-character query', async () => {
    const index = await loaded();
    const repeated = await q(index, '知识产权质押融资'.repeat(125));
    expect(repeated.phraseTotal).toBe(0);
    // The analysis reads it as the one word 知识产权质押融资, found below the (absent) phrase hits.
    expect(repeated.reading?.terms).toEqual(['知识产权质押融资']);
    expect(repeated.hits.every((h) => h.match === 'ALL_TERMS')).toBe(true);
    expect((await q(index, Array.from({ length: 500 }, (_, i) => String.fromCharCode(0x4e00 + i)).join(' '))).total).toBe(0);
  });
});
