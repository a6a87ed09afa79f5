import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import type { Response } from 'express';
import { sendXlsx } from '../../../apps/api/src/http/xlsx-download.js';

/** What sendXlsx sent, read back the way a spreadsheet program would. */
async function exported(rows: unknown[][]): Promise<unknown[][]> {
  const book = new ExcelJS.Workbook();
  book.addWorksheet('报表').addRows(rows);
  let sent: Buffer | undefined;
  const res = { status: () => res, set: () => res, send: (b: Buffer) => ((sent = b), res) } as unknown as Response;
  await sendXlsx(res, book, 'r.xlsx');
  const back = new ExcelJS.Workbook();
  await back.xlsx.load(sent! as unknown as ArrayBuffer);
  const out: unknown[][] = [];
  back.getWorksheet('报表')!.eachRow((row) => out.push((row.values as unknown[]).slice(1)));
  return out;
}

describe('XLSX exports neutralise formula-like cells (OWASP CSV injection)', () => {
  it.each([
    ['=HYPERLINK("http://evil.example","点击")', `'=HYPERLINK("http://evil.example","点击")`],
    ['+cmd|\' /C calc\'!A0', `'+cmd|' /C calc'!A0`],
    ['-2+3', "'-2+3"],
    ['@SUM(A1:A9)', "'@SUM(A1:A9)"],
    ['\t=1+1', "'\t=1+1"],
    ['余姚市精密制造有限公司', '余姚市精密制造有限公司'],
    ['a=b', 'a=b'],
    ['', ''],
  ])('%j is read back as %j', async (text, expected) => {
    const [row] = await exported([[text, 42]]);
    expect(row![0]).toEqual(expected);
  });

  it('a carriage return before a formula is neutralised too (the file stores it as a line break)', async () => {
    const [row] = await exported([['\r=1+1']]);
    expect(String(row![0])).toMatch(/^'\s=1\+1$/);
  });

  it('leaves numbers (negative ones too) and dates as they are', async () => {
    const when = new Date(Date.UTC(2026, 0, 2));
    const [row] = await exported([[-5000, 0.25, when]]);
    expect(row).toEqual([-5000, 0.25, when]);
  });
});
