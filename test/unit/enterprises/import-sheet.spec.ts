import { describe, expect, it } from '@jest/globals';
import { IMPORT_COLUMNS, findHeaderRow, recognizeHeader } from '../../../libs/enterprises/src/import/import-columns.js';
import { parseMoney } from '../../../libs/enterprises/src/import/money.js';
import { sheetOf } from '../../../libs/enterprises/src/import/enterprise-import.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';

describe('recognizeHeader: keys, Chinese headers, synonyms, units', () => {
  it.each([
    ['uscc', { kind: 'column', key: 'uscc' }],
    ['USCC', { kind: 'column', key: 'uscc' }],
    ['统一社会信用代码', { kind: 'column', key: 'uscc' }],
    ['信用代码', { kind: 'column', key: 'uscc' }],
    ['社会信用代码', { kind: 'column', key: 'uscc' }],
    ['统一社会信用代码（18位）', { kind: 'column', key: 'uscc', unit: '18位' }],
    ['企业名称', { kind: 'column', key: 'name' }],
    ['单位名称', { kind: 'column', key: 'name' }],
    ['公司名称', { kind: 'column', key: 'name' }],
    ['* 企业名称', { kind: 'column', key: 'name' }],
    ['企业 名称', { kind: 'column', key: 'name' }],
    ['所属地区', { kind: 'column', key: 'regionCode' }],
    ['行政区划代码', { kind: 'column', key: 'regionCode' }],
    ['所属行业', { kind: 'column', key: 'industryCode' }],
    ['成立时间', { kind: 'column', key: 'foundedOn' }],
    ['年份', { kind: 'column', key: 'year' }],
    ['从业人数（人）', { kind: 'column', key: 'employees', unit: '人' }],
    ['营业收入', { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['营业收入（元）', { kind: 'column', key: 'revenue', unit: '元', moneyUnit: 'YUAN' }],
    ['营业收入（万元）', { kind: 'column', key: 'revenue', unit: '万元', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入(万元)', { kind: 'column', key: 'revenue', unit: '万元', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入（单位：万元）', { kind: 'column', key: 'revenue', unit: '万元', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入/万元', { kind: 'column', key: 'revenue', unit: '万元', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['研发投入【万元】', { kind: 'column', key: 'rdExpense', unit: '万元', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入（亿元）', { kind: 'badUnit', key: 'revenue', unit: '亿元' }],
    ['营业收入（美元）', { kind: 'badUnit', key: 'revenue', unit: '美元' }],
    ['序号', { kind: 'ignored' }],
    ['备注', { kind: 'ignored' }],
    ['', { kind: 'ignored' }],
    ['法定代表人', { kind: 'unknown' }],
    ['revenu', { kind: 'unknown' }],
    ['2025年宁波市专精特新中小企业名单', { kind: 'unknown' }],
  ] as const)('%s → %j', (header, expected) => {
    expect(recognizeHeader(header)).toEqual(expected);
  });

  it('has no synonym claimed by two columns', () => {
    const all = IMPORT_COLUMNS.flatMap((c) => [c.key.toLowerCase(), c.zh, ...(c.aliases ?? []).map((a) => a.toLowerCase())]);
    expect(new Set(all).size).toBe(all.length);
  });
});

describe('findHeaderRow: the row with the most recognised headers among the first 10', () => {
  const header = ['序号', '企业名称', '统一社会信用代码', '所属地区', '行业代码', '成立日期', '主营起始日期'];
  it.each([
    ['header first', [header, ['1', 'A公司']], 0],
    ['a title row above', [['2025年专精特新企业名单'], header], 1],
    ['title and unit note above', [['名单'], ['单位：万元', '', '企业名称'], header], 2],
    ['header as the 10th row', [...Array.from({ length: 9 }, () => ['说明']), header], 9],
    ['header as the 11th row is not searched', [...Array.from({ length: 10 }, () => ['说明']), header], -1],
    ['no header at all', [['a', 'b'], ['c']], -1],
    ['a tie goes to the first', [['企业名称'], ['统一社会信用代码']], 0],
  ] as const)('%s', (_what, rows, expected) => {
    expect(findHeaderRow(rows as unknown as string[][])).toBe(expected);
  });
});

describe('parseMoney: decimal arithmetic, exact, bounded', () => {
  it.each([
    ['12000000', 'YUAN', 12_000_000],
    ['12,000,000', 'YUAN', 12_000_000],
    ['¥12000000元', 'YUAN', 12_000_000],
    ['12000000.00', 'YUAN', 12_000_000],
    ['-350000', 'YUAN', -350_000],
    ['0', 'YUAN', 0],
    ['-0', 'YUAN', 0],
    ['9007199254740991', 'YUAN', 9_007_199_254_740_991],
    ['1200', 'TEN_THOUSAND_YUAN', 12_000_000],
    ['1,200.5', 'TEN_THOUSAND_YUAN', 12_005_000],
    ['0.0001', 'TEN_THOUSAND_YUAN', 1],
    ['0.1', 'TEN_THOUSAND_YUAN', 1_000],
    ['1234.5678', 'TEN_THOUSAND_YUAN', 12_345_678],
    ['1234.56780', 'TEN_THOUSAND_YUAN', 12_345_678],
    ['0.3', 'TEN_THOUSAND_YUAN', 3_000], // 0.1 + 0.2 in floating point is not 0.3; here it is exact
    ['1.15', 'TEN_THOUSAND_YUAN', 11_500], // 1.15 * 10000 = 11499.999999999998 in floating point
    ['-12.5', 'TEN_THOUSAND_YUAN', -125_000],
    ['1200万元', 'TEN_THOUSAND_YUAN', 12_000_000],
    ['900719925474.0991', 'TEN_THOUSAND_YUAN', 9_007_199_254_740_991],
  ] as const)('%s %s → %d 元', (text, unit, yuan) => {
    expect(parseMoney(text, unit)).toEqual({ ok: true, yuan });
  });

  it.each([
    ['12000000.5', 'YUAN', '整数'],
    ['五百万', 'YUAN', '整数'],
    ['1e7', 'YUAN', '整数'],
    ['', 'YUAN', '整数'],
    ['9007199254740992', 'YUAN', '2^53'],
    ['1.23456', 'TEN_THOUSAND_YUAN', '4 位'],
    ['0.00001', 'TEN_THOUSAND_YUAN', '4 位'],
    ['900719925474.0992', 'TEN_THOUSAND_YUAN', '2^53'],
    ['1,20.5', 'TEN_THOUSAND_YUAN', '万元'],
    ['1200元', 'TEN_THOUSAND_YUAN', '万元'],
  ] as const)('%s %s is refused (%s)', (text, unit, mention) => {
    const r = parseMoney(text, unit);
    expect(r.ok).toBe(false);
    expect(r.ok ? '' : r.reason).toContain(mention);
  });
});

describe('sheetOf: title rows, blank rows, unknown columns', () => {
  const REQUIRED = ['统一社会信用代码', '企业名称', '所属地区', '行业代码', '成立日期', '主营起始日期'];
  const t = (rows: Array<[number, string[]]>) => rows.map(([row, cells]) => ({ row, cells }));

  it('skips a title row, reports unknown columns by letter, keeps units per money column', () => {
    const sheet = sheetOf(
      t([
        [1, ['2025年度培育库名单']],
        [3, [...REQUIRED, '营业收入（万元）', '法定代表人', '备注']],
        [4, ['X', 'Y', '330212', 'C34', '2015-01-01', '2015-01-01', '12.5', '张三', '注']],
        [6, ['', '', '', '', '', '', '', '李四']],
      ]),
    );
    expect(sheet.headerRow).toBe(3);
    expect(sheet.unknownColumns).toEqual([{ column: 'H', header: '法定代表人' }]);
    expect(sheet.columns.find((c) => c.key === 'revenue')).toEqual({ column: 'G', header: '营业收入（万元）', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' });
    expect(sheet.rows).toEqual([{ row: 4, values: { uscc: 'X', name: 'Y', regionCode: '330212', industryCode: 'C34', foundedOn: '2015-01-01', mainBusinessSince: '2015-01-01', revenue: '12.5' }, moneyUnits: { revenue: 'TEN_THOUSAND_YUAN' } }]);
  });

  it.each([
    ['an unsupported money unit', [...REQUIRED, '营业收入（亿元）'], '亿元'],
    ['a missing required column', REQUIRED.slice(1), '统一社会信用代码'],
    ['two headers for one column', [...REQUIRED, '信用代码'], '重复'],
    ['no recognisable header', ['甲', '乙'], '表头'],
  ])('refuses %s', (_what, header, mention) => {
    let caught: unknown;
    try {
      sheetOf(t([[1, header]]));
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(AppError);
    expect((caught as AppError).code).toBe('BAD_USER_INPUT');
    expect((caught as AppError).message).toContain(mention);
  });
});
