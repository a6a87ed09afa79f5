/**
 * Issue 15 item 9 — texts for people: no reason, label or note contains markup or an internal
 * file name, and every `missingData` path has a Chinese label (with its unit where it has one).
 */
import { describe, expect, it } from '@jest/globals';

import { diceOverlap, plainText, scoreMatch, type MatchResult } from '../../libs/matching/src/index.js';
import {
  MIIT_2022,
  MIIT_2026,
  RULE_SETS,
  SAMPLE_FACTS,
  describeMissingFact,
  evaluateTiers,
  hasMissingFactLabel,
  type EnterpriseFacts,
  type Mode,
} from '../../libs/tiers/src/index.js';
import { TODAY, challenge, credit, firm, service, vacancy } from './matching/match-test-kit.js';
import { demoEnterprises } from '../../apps/api/src/demo/demo-enterprises.js';
import { demoListings } from '../../apps/api/src/demo/demo-listings.js';
import type { ListingSide } from '../../libs/matching/src/core/match-types.js';

const MARKUP = /<\/?[A-Za-z][^<>]*>|&(lt|gt|amp|quot|#39);/;
/** Repository files, document ids of this project and code identifiers (camelCase) never reach people. */
const INTERNAL = /DOMAIN|\.md\b|\.ts\b|\b[a-z]+[A-Z][A-Za-z]*\b/;

describe('text similarity is computed on plain text', () => {
  it.each([
    ['<em>可靠性</em>试验', '可靠性', ['可靠', '靠性']],
    ['车规级 &lt;em&gt;可靠性&lt;/em&gt;', '可靠性 EM', ['可靠', '靠性']],
    ['<b class="hl">减速器</b>', '<em>谐波减速器</em>', ['减速', '速器']],
  ])('%s vs %s shares only words of the text', (a, b, shared) => {
    expect(diceOverlap(a, b).shared).toEqual(shared);
  });

  it('plainText drops tags and decodes entities, keeping the words', () => {
    expect(plainText('<em>可靠性</em> &amp; EMC')).toBe(' 可靠性  & EMC');
    expect(plainText('a &lt;em&gt;b&lt;/em&gt;')).toBe('a  b ');
  });
});

describe('no reason of any kind contains markup', () => {
  const marked = '<em>可靠性</em> &lt;em&gt;精密&lt;/em&gt; <b>减速器</b>';
  const e = firm({ capabilities: `${marked} 齿轮加工`, mainProducts: ['<em>谐波减速器</em>'] });
  const listings = [
    credit({ title: `<em>知识产权</em>质押贷`, tags: ['<em>专精特新</em>'] }),
    service({ title: `<em>专利</em>导航服务`, tags: ['<em>知识产权</em>'] }),
    challenge({ title: `<em>高精度</em>减速器`, techField: '<em>精密传动</em>', requirements: `${marked}寿命`, tags: ['<em>可靠性</em>'] }),
    vacancy({ title: '<em>标准厂房</em>' }),
  ];
  const texts = (r: MatchResult) => (r.eligible ? r.reasons : r.excludedBy).map((x) => x.label);

  it.each(listings.map((l) => [l.kind, l] as const))('%s', (_kind, l) => {
    const labels = texts(scoreMatch(e, l, { today: TODAY }));
    expect(labels.length).toBeGreaterThan(0);
    for (const label of labels) expect(label).not.toMatch(MARKUP);
  });

  it('the challenge text reason names words of the text, never a tag name', () => {
    const r = scoreMatch(e, listings[2]!, { today: TODAY });
    const label = texts(r).find((t) => t.includes('相关度'))!;
    expect(label).toContain('重合词');
    expect(label).not.toMatch(/[（、：]em[、）]/);
  });
});

describe('match reasons over the demo dataset name regions and industries, never codes', () => {
  /** A GB/T 2260 region code (6 digits) and a GB/T 4754 industry code (C, C34, C3484, I65) standing alone. */
  const REGION_CODE = /(?<!\d)\d{6}(?!\d)/;
  const INDUSTRY_CODE = /(?<![A-Za-z])[A-T](\d{2,4})?(?![A-Za-z\d])/;
  const day = '2026-11-21';
  const firms = demoEnterprises(day).map((d, i) => {
    const p = d.profile;
    const y = p.financials[0]!;
    return firm({
      organizationId: `demo-${i}`,
      regionCode: d.regionCode,
      industryCode: p.industryCode,
      tier: p.tier,
      foundedOn: p.foundedOn,
      asOf: day,
      latestFinancials: { year: y.year, revenue: y.revenue, totalAssets: y.totalAssets, totalLiabilities: y.totalLiabilities, equityFinancing: y.equityFinancing, rdEmployees: y.rdEmployees },
      ip: { ...p.ipAssets },
      financingNeed: p.financingNeed ?? null,
      serviceNeeds: p.serviceNeeds,
      spaceNeed: p.spaceNeed ?? null,
      capabilities: p.capabilities,
      mainProducts: p.mainProducts,
    });
  });
  const data = demoListings(day);
  const common = (i: number, x: { title: string; description: string; regionCodes?: string[]; industryCodes: string[]; tags: string[] }) => ({
    listingId: `l-${i}`,
    title: x.title,
    description: x.description,
    regionCodes: x.regionCodes ?? [],
    industryCodes: x.industryCodes,
    tags: x.tags,
  });
  const listings: ListingSide[] = [
    ...data.services.map(({ input: x }, i) => service({ ...common(i, x), category: x.category, acceptsServiceVoucher: x.acceptsServiceVoucher })),
    ...data.credit.map(({ input: x }, i) =>
      credit({
        ...common(100 + i, x),
        productType: x.productType,
        amountMin: x.amountMin,
        amountMax: x.amountMax,
        annualRateMin: x.annualRateMin,
        annualRateMax: x.annualRateMax,
        termMonthsMax: x.termMonthsMax,
        eligibleTiers: x.eligibility.tiers,
        minAnnualRevenue: x.eligibility.minAnnualRevenue,
        minInventionPatents: x.eligibility.minInventionPatents,
        minYearsInBusiness: x.eligibility.minYearsInBusiness,
        maxDebtRatio: x.eligibility.maxDebtRatio,
      }),
    ),
    ...data.challenges.map(({ input: x }, i) =>
      challenge({ ...common(200 + i, x), techField: x.techField, requirements: x.requirements, applyBy: String(x.applyBy).slice(0, 10), preferredTiers: x.preferredTiers ?? [] }),
    ),
    ...data.parks.flatMap((park, j) =>
      park.vacancies.map(({ input: x }, i) =>
        vacancy({ ...common(300 + 10 * j + i, x), regionCodes: [park.input.regionCode], parkRegionCode: park.input.regionCode, parkIndustries: park.input.industries, areaSqm: x.areaSqm, rentPerSqmDay: x.rentPerSqmDay }),
      ),
    ),
  ];
  const labels = firms.flatMap((e) =>
    listings.flatMap((l) => {
      const r = scoreMatch(e, l, { today: day });
      return (r.eligible ? r.reasons : r.excludedBy).map((x) => `${x.code}: ${x.label}`);
    }),
  );

  it('scores every demo firm against every demo listing (a realistic spread of reasons and exclusions)', () => {
    expect(firms.length).toBeGreaterThanOrEqual(30);
    expect(listings.length).toBeGreaterThanOrEqual(36);
    expect(new Set(labels.map((l) => l.split(':')[0])).size).toBeGreaterThan(20);
  });

  it('no reason shows a 6-digit region code, a bare industry code, markup or a code identifier', () => {
    const bad = labels.filter((l) => {
      const text = l.slice(l.indexOf(': ') + 2);
      return REGION_CODE.test(text) || INDUSTRY_CODE.test(text) || MARKUP.test(text) || INTERNAL.test(text);
    });
    expect([...new Set(bad)].slice(0, 10)).toEqual([]);
  });

  it('the reasons name the places and industries instead', () => {
    const text = labels.join('\n');
    for (const name of ['余姚市', '镇海区', '鄞州区', '计算机、通信和其他电子设备制造业', '专用设备制造业']) expect(text).toContain(name);
  });
});

describe('tier criteria: no markup, no internal names', () => {
  const firms: Array<[string, EnterpriseFacts]> = Object.entries(SAMPLE_FACTS);
  const cases = firms.flatMap(([name, f]) =>
    Object.values(RULE_SETS).flatMap((rs) => (['NEW', 'REVIEW'] as Mode[]).map((mode) => [name, rs.id, mode, f] as const)),
  );
  it.each(cases)('%s under %s (%s)', (_name, rsId, mode, f) => {
    for (const o of evaluateTiers(RULE_SETS[rsId]!, f, { mode })) {
      for (const c of o.criteria) {
        for (const text of [c.label, c.note, c.actual, c.required]) {
          if (text === undefined) continue;
          expect(text).not.toMatch(MARKUP);
          expect(text).not.toMatch(INTERNAL);
        }
      }
    }
  });
});

describe('every criterion note cites an official text by its 文号', () => {
  const notes = new Map<string, string>();
  for (const rs of Object.values(RULE_SETS))
    for (const f of Object.values(SAMPLE_FACTS))
      for (const mode of ['NEW', 'REVIEW'] as Mode[]) for (const o of evaluateTiers(rs, f, { mode })) for (const c of o.criteria) if (c.note) notes.set(`${rs.id} ${c.code}`, c.note);
  it('the sample firms show many notes', () => expect(notes.size).toBeGreaterThan(30));
  it.each([...notes])('%s', (_code, note) => {
    expect(note).toMatch(/〔\d{4}〕\d+号|《[^》]+》/);
  });
});

describe('missingData: every path the rules can name has a Chinese label', () => {
  /** Facts with nothing stated: every rule asks for what it needs. */
  const blank: EnterpriseFacts = {
    asOf: '2026-06-30',
    foundedOn: '2015-01-01',
    mainBusinessSince: '',
    financials: [],
    ip: { inventionPatents: 2, utilityModels: 0, designPatents: 0, softwareCopyrights: 0, trademarks: 0 },
    certifiedTier: 'NONE',
  };
  /** Rows present with every optional figure blank. */
  const blankFigures: EnterpriseFacts = {
    ...blank,
    industryCode: 'E48',
    financials: [2022, 2023, 2024, 2025].map((year) => ({ year, revenue: 900_000_000, mainBusinessRevenue: 800_000_000, rdExpense: 10_000_000 })),
    awards: [{ level: 'PROVINCIAL', year: 2025 }],
  };
  const paths = new Set<string>();
  for (const f of [blank, blankFigures]) {
    for (const rs of [MIIT_2022, MIIT_2026]) for (const mode of ['NEW', 'REVIEW'] as Mode[]) for (const o of evaluateTiers(rs, f, { mode })) o.missingData.forEach((p) => paths.add(p));
  }

  it('the blank firms name many facts', () => {
    expect(paths.size).toBeGreaterThan(20);
  });

  it.each([...paths].map((p) => [p]))('%s', (path) => {
    expect(hasMissingFactLabel(path)).toBe(true);
    const fact = describeMissingFact(path);
    expect(fact.path).toBe(path);
    expect(fact.label).not.toMatch(INTERNAL);
    expect(fact.label).toMatch(/[\u4e00-\u9fff]/);
  });

  it.each([
    ['financials[2025].employees', '2025年从业人员', '人'],
    ['financials[2025].totalAssets', '2025年资产总额', '元'],
    ['financials[2024]', '2024年度财务数据（整年）', undefined],
    ['nicheMarketSharePercent', '主导产品全国细分市场占有率', '%'],
    ['keyChainRole', '是否位于产业链关键环节（补短板、锻长板、填空白）', undefined],
    ['localIndicators', '地方特色化指标得分（由省级主管部门确定，本省尚未配置）', '分'],
    ['something.else', 'something.else', undefined],
  ])('%s → %s (%s)', (path, label, unit) => {
    expect(describeMissingFact(path)).toEqual(unit ? { path, label, unit } : { path, label });
  });
});
