import { describe, expect, it } from '@jest/globals';
import { checkRows } from '../../../libs/enterprises/src/import/import-rows.js';
import type { RawRow } from '../../../libs/enterprises/src/import/enterprise-sheet.js';
import { makeUscc } from '../../../libs/identity/src/uscc/uscc.js';
import { checkUpload } from '../../../libs/enterprises/src/import/enterprise-import-runs.js';
import { AppError } from '../../../libs/platform/src/errors/app-error.js';

// Text hygiene (ADR 0037) applies to sheet cells as to GraphQL input: a firm's name with a bidi
// override or an ANSI escape must not enter the database through a bureau's spreadsheet.
const uscc = makeUscc('91', '330203', 'HYG10001');
const row = (values: Record<string, string>): RawRow => ({
  row: 2,
  values: { uscc, name: '宁波测试精密制造有限公司', regionCode: '330203', industryCode: 'C3484', foundedOn: '2015-03-01', mainBusinessSince: '2015-03-01', ...values },
});

describe('sheet cells: control, bidi and ANSI characters refused, naming the column', () => {
  it.each([
    ['a clean row', {}, undefined, undefined],
    ['a bidi override in the name', { name: '宁波\u202e司公限有造制' }, 'name', /企业名称：单元格不能包含双向文字控制符/],
    ['an isolate in the contact name', { contactName: '张\u2066三' }, 'contactName', /联系人：单元格不能包含双向文字控制符/],
    ['an ANSI escape in 核心技术', { capabilities: '精密\u001b[31m加工' }, 'capabilities', /核心技术：单元格不能包含终端控制序列/],
    ['a C1 control in 主导产品', { mainProducts: '轴承\u0085' }, 'mainProducts', /主导产品：单元格不能包含控制字符/],
    ['a NUL in the name', { name: '宁波\u0000精密' }, 'name', /企业名称：单元格不能包含控制字符/],
    ['a line break inside the name cell', { name: '宁波测试\n精密制造有限公司' }, 'name', /企业名称：单元格只能是一行文本/],
    ['a line break in 主导产品 (a wrapped list)', { mainProducts: '轴承\n齿轮' }, undefined, undefined],
    ['a line break in 核心技术 (a long text)', { capabilities: '精密加工\r\n热处理' }, undefined, undefined],
  ] as const)('%s', (_label, values, field, reason) => {
    const { rejected, usccs } = checkRows([row(values)]);
    if (field === undefined) {
      expect(rejected).toEqual([]);
      expect(usccs).toEqual([uscc]);
    } else {
      expect(rejected).toEqual([expect.objectContaining({ row: 2, field, reason: expect.stringMatching(reason!) })]);
      expect(usccs).toEqual([]);
      // The value is never echoed back (it may hold what the check refuses).
      expect(rejected[0]!.reason).not.toContain(String((values as Record<string, string>)[field]));
    }
  });
});

describe("checkUpload: the sheet's file name", () => {
  const csv = Buffer.from('uscc,name\n', 'utf8');
  it('refuses a bidi override in the name, naming the argument', () => {
    try {
      checkUpload('名单\u202evsc.xlsx', csv, { filename: 'filename', content: 'file' });
      throw new Error('not refused');
    } catch (err) {
      expect(err).toBeInstanceOf(AppError);
      expect((err as AppError).details).toEqual(expect.objectContaining({ field: 'filename' }));
      expect((err as AppError).message).toMatch(/^文件名不能包含双向文字控制符/);
    }
  });
  it('accepts an ordinary name', () => {
    expect(() => checkUpload('2025年宁波市专精特新名单.csv', csv, { filename: 'filename', content: 'file' })).not.toThrow();
  });
});
