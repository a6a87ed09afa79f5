import { describe, expect, it } from '@jest/globals';
import { checkMapping, decideColumn, type ColumnMappingInput, type HeaderCell } from '../../../libs/enterprises/src/import/import-mapping.js';
import { sheetOf } from '../../../libs/enterprises/src/import/enterprise-import.js';

const HEADERS: HeaderCell[] = ['纳税人识别号', '企业名称', '所属地区', '所属行业', '成立日期', '主营起始日期', '营业收入（万元）', '销售额', '备注', ''].map((header, i) => ({
  column: String.fromCharCode(65 + i),
  header,
}));

function refusal(columns: ColumnMappingInput[]): { field: unknown; message: string } | 'accepted' {
  try {
    checkMapping(columns, HEADERS);
    return 'accepted';
  } catch (err) {
    const e = err as { code: string; details: { field?: string }; message: string };
    expect(e.code).toBe('BAD_USER_INPUT');
    return { field: e.details.field, message: e.message };
  }
}

describe('decideColumn: a header cell under an override', () => {
  it.each<[string, Parameters<typeof decideColumn>[1], ReturnType<typeof decideColumn>]>([
    ['营业收入', undefined, { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['营业收入（万元）', undefined, { kind: 'column', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入', { column: 'A', unit: 'TEN_THOUSAND_YUAN' }, { kind: 'column', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['营业收入（万元）', { column: 'A', unit: 'YUAN' }, { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['营业收入（亿元）', undefined, { kind: 'badUnit', key: 'revenue', unit: '亿元' }],
    ['营业收入（亿元）', { column: 'A', unit: 'TEN_THOUSAND_YUAN' }, { kind: 'column', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['销售额', undefined, { kind: 'unknown' }],
    ['销售额', { column: 'A', field: 'revenue' }, { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['销售额（万元）', { column: 'A', field: 'revenue' }, { kind: 'column', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' }],
    ['销售额（亿元）', { column: 'A', field: 'revenue' }, { kind: 'badUnit', key: 'revenue', unit: '亿元' }],
    ['销售额（亿元）', { column: 'A', field: 'revenue', unit: 'YUAN' }, { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['销售额/元', { column: 'A', field: 'revenue' }, { kind: 'column', key: 'revenue', moneyUnit: 'YUAN' }],
    ['纳税人识别号', { column: 'A', field: 'uscc' }, { kind: 'column', key: 'uscc' }],
    ['企业名称', { column: 'A', ignore: true }, { kind: 'ignored' }],
    ['企业名称', undefined, { kind: 'column', key: 'name' }],
    ['备注', undefined, { kind: 'ignored' }],
    ['备注', { column: 'A', field: 'capabilities' }, { kind: 'column', key: 'capabilities' }],
  ])('%s with %j → %j', (header, override, expected) => {
    expect(decideColumn(header, override)).toEqual(expected);
  });
});

describe('checkMapping: refused naming the entry, or accepted', () => {
  const uscc: ColumnMappingInput = { column: 'A', field: 'uscc' };
  const industry: ColumnMappingInput = { column: 'D', field: 'industryCode' };
  it.each<[string, ColumnMappingInput[], string | null, string]>([
    ['the missing USCC supplied (by key)', [uscc], null, ''],
    ['the missing USCC supplied (by Chinese name), lower-case column', [{ column: 'a', field: '统一社会信用代码' }], null, ''],
    ['an unknown field', [{ column: 'A', field: '税号' }], 'mapping.columns[0].field', '未知的导入字段'],
    ['a field name over 40 characters', [{ column: 'A', field: 'x'.repeat(41) }], 'mapping.columns[0].field', '未知的导入字段'],
    ['a column past the last one', [uscc, { column: 'K', field: 'revenue' }], 'mapping.columns[1].column', '不在文件中'],
    ['the last column (no header, has data)', [uscc, { column: 'J', field: 'capabilities' }], null, ''],
    ['not a column letter', [{ column: 'A1', field: 'uscc' }], 'mapping.columns[0].column', '不在文件中'],
    ['a column listed twice', [uscc, { column: 'A', ignore: true }], 'mapping.columns[1].column', '两次'],
    ['two columns to one field (the entry names the later column)', [uscc, { column: 'H', field: 'revenue' }], 'mapping.columns[1].field', '列 G 与列 H 都对应 营业收入'],
    ['two columns to one field, one of them ignored', [uscc, { column: 'H', field: 'revenue' }, { column: 'G', ignore: true }], null, ''],
    ['two entries to one field', [uscc, { column: 'B', field: 'uscc' }], 'mapping.columns[1].field', '都对应 统一社会信用代码'],
    ['a unit on a money column', [uscc, { column: 'G', unit: 'YUAN' }], null, ''],
    ['a unit on a column mapped to money', [uscc, { column: 'H', field: 'netProfit', unit: 'TEN_THOUSAND_YUAN' }], null, ''],
    ['a unit on a text column', [uscc, { column: 'B', unit: 'YUAN' }], 'mapping.columns[1].unit', '不是金额列'],
    ['a unit on an unknown column', [uscc, { column: 'H', unit: 'YUAN' }], 'mapping.columns[1].unit', '不是金额列'],
    ['a unit on an ignored column', [uscc, { column: 'G', ignore: true, unit: 'YUAN' }], 'mapping.columns[1].unit', '不是金额列'],
    ['ignore and a field at once', [uscc, { column: 'H', ignore: true, field: 'revenue' }], 'mapping.columns[1].ignore', '既忽略'],
    ['an entry that changes nothing', [uscc, { column: 'H' }], 'mapping.columns[1].field', 'field、unit 或 ignore'],
    ['a required field ignored', [uscc, { column: 'B', ignore: true }], 'mapping.columns', '企业名称'],
    ['the missing required field not supplied', [industry], 'mapping.columns', '统一社会信用代码'],
    ['no entries', [], 'mapping.columns', '1–100'],
    ['101 entries', Array.from({ length: 101 }, () => uscc), 'mapping.columns', '1–100'],
  ])('%s', (_what, columns, field, mention) => {
    const result = refusal(columns);
    if (field === null) expect(result).toBe('accepted');
    else expect(result).toEqual({ field, message: expect.stringContaining(mention) });
  });

  it('refuses a column mapped by hand whose header names a unit that is neither 元 nor 万元, until the mapping gives the unit', () => {
    const headers: HeaderCell[] = ['统一社会信用代码', '企业名称', '所属地区', '所属行业', '成立日期', '主营起始日期', '销售额（亿元）'].map((header, i) => ({ column: 'ABCDEFG'[i]!, header }));
    expect(() => checkMapping([{ column: 'G', field: 'revenue' }], headers)).toThrow('表头单位“亿元”无法识别');
    try {
      checkMapping([{ column: 'G', field: 'revenue' }], headers);
    } catch (err) {
      expect((err as { details: { field?: string } }).details.field).toBe('mapping.columns[0].unit');
    }
    expect(checkMapping([{ column: 'G', field: 'revenue', unit: 'TEN_THOUSAND_YUAN' }], headers)).toEqual([{ column: 'G', field: 'revenue', unit: 'TEN_THOUSAND_YUAN' }]);
  });

  it('returns the entries normalised (column upper-case, field as its key)', () => {
    expect(checkMapping([{ column: 'a', field: '统一社会信用代码' }, { column: 'g', unit: 'YUAN' }, { column: 'H', ignore: true }], HEADERS)).toEqual([
      { column: 'A', field: 'uscc' },
      { column: 'G', unit: 'YUAN' },
      { column: 'H', ignore: true },
    ]);
  });
});

describe('sheetOf under a mapping', () => {
  const table = [
    { row: 1, cells: ['纳税人识别号', '企业名称', '所属地区', '所属行业', '成立日期', '主营起始日期', '年度', '销售额（万元）', '营业收入'] },
    { row: 2, cells: ['X', '甲', '330212', 'C34', '2015-01-01', '2015-01-01', '2025', '1.5', '9'] },
  ];

  it('without one: the required USCC is missing (refused, or reported with allowMissing)', () => {
    expect(() => sheetOf(table)).toThrow(/uscc/);
    const sheet = sheetOf(table, { allowMissing: true });
    expect(sheet.missing).toEqual(['uscc']);
    expect(sheet.headers.map((h) => h.column).join('')).toBe('ABCDEFGHI');
    expect(sheet.rows[0]!.values.revenue).toBe('9');
  });

  it('with one: the mapped column feeds the field with its header’s unit; the column it replaces is ignored', () => {
    const sheet = sheetOf(table, { override: [{ column: 'A', field: 'uscc' }, { column: 'H', field: 'revenue' }, { column: 'I', ignore: true }] });
    expect(sheet.missing).toEqual([]);
    expect(sheet.rows[0]).toEqual({
      row: 2,
      values: { uscc: 'X', name: '甲', regionCode: '330212', industryCode: 'C34', foundedOn: '2015-01-01', mainBusinessSince: '2015-01-01', year: '2025', revenue: '1.5' },
      moneyUnits: { revenue: 'TEN_THOUSAND_YUAN' },
    });
  });
});
