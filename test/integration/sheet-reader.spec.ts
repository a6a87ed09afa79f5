import { describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { readSheetIsolated } from '../../libs/enterprises/src/import/read-sheet-isolated.js';
import { SHEET_LIMITS, columnLetters } from '../../libs/enterprises/src/import/sheet-limits.js';
import { readTable } from '../../libs/enterprises/src/import/sheet-reader.js';
import { parseEnterpriseFile } from '../../libs/enterprises/src/import/enterprise-import.js';

/**
 * The bounded sheet reader against hostile files (issue 14, item 1): each is refused with
 * BAD_USER_INPUT naming the bound, read in a worker thread with a capped heap, never in full.
 */
async function xlsx(fill: (ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb.addWorksheet('名单'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

async function refusal(work: Promise<unknown>): Promise<{ code: string; field: unknown; limit: unknown; message: string }> {
  try {
    await work;
  } catch (err) {
    // readSheetIsolated throws AppError (details.limit); readTable the bare SheetLimitError (limit).
    const e = err as { code: string; details?: Record<string, unknown>; limit?: string; message: string };
    return { code: e.code, field: e.details?.field, limit: e.details?.limit ?? e.limit, message: e.message };
  }
  throw new Error('expected a refusal');
}

/** A minimal workbook zip around `parts` (path → content). */
async function rawZip(parts: Record<string, string | Buffer>): Promise<Buffer> {
  const zip = new JSZip();
  zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
  for (const [path, content] of Object.entries(parts)) zip.file(path, content);
  return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
}

describe('columnLetters', () => {
  it.each([
    [1, 'A'],
    [26, 'Z'],
    [27, 'AA'],
    [100, 'CV'],
    [16_384, 'XFD'],
  ])('%i → %s', (n, letters) => expect(columnLetters(n)).toBe(letters));
});

describe('bounded sheet reading', () => {
  it('refuses a value in column XFD at once, without walking the empty cells before it', async () => {
    const file = await xlsx((ws) => {
      ws.getRow(1).values = ['统一社会信用代码', '企业名称'];
      for (let r = 2; r < 402; r++) ws.getCell(r, 16_384).value = 'x';
    });
    expect(await refusal(readSheetIsolated(file, 'xlsx'))).toMatchObject({
      code: 'BAD_USER_INPUT',
      field: 'file',
      limit: 'columns',
      message: expect.stringContaining('第 2 行 XFD 列有内容：最多读取 100 列（至 CV 列）'),
    });
  });

  it('accepts a value in the last allowed column and refuses one column further', async () => {
    const at = await xlsx((ws) => (ws.getCell(1, SHEET_LIMITS.maxColumn).value = 'x'));
    expect(await readSheetIsolated(at, 'xlsx')).toEqual([{ row: 1, cells: [...new Array(SHEET_LIMITS.maxColumn - 1).fill(''), 'x'] }]);
    const beyond = await xlsx((ws) => (ws.getCell(1, SHEET_LIMITS.maxColumn + 1).value = 'x'));
    expect((await refusal(readSheetIsolated(beyond, 'xlsx'))).limit).toBe('columns');
  });

  it('stops a million-row CSV at the row bound', async () => {
    const lines = ['统一社会信用代码,企业名称'];
    for (let i = 0; i < 1_000_000; i++) lines.push(`${i},x`);
    const file = Buffer.from(lines.join('\n'));
    expect(file.length).toBeLessThan(SHEET_LIMITS.maxFileBytes);
    expect(await refusal(readSheetIsolated(file, 'csv'))).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'rows', message: expect.stringContaining('20000 行') });
  });

  it('reads exactly the row bound and refuses one more (blank rows do not count)', async () => {
    const limits = { ...SHEET_LIMITS, maxRows: 3 };
    const ok = Buffer.from('a,b\n1,2\n\n,\n3,4\n');
    expect(await readTable(ok, 'csv', limits)).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
      { row: 5, cells: ['3', '4'] },
    ]);
    expect((await refusal(readTable(Buffer.from('a,b\n1,2\n3,4\n5,6\n'), 'csv', limits))).limit).toBe('rows');
  });

  it('refuses a cell over the length bound (xlsx and csv) and accepts one at it', async () => {
    const at = 'x'.repeat(SHEET_LIMITS.maxCellChars);
    expect(await readSheetIsolated(Buffer.from(`a\n${at}\n`), 'csv')).toHaveLength(2);
    expect((await refusal(readSheetIsolated(Buffer.from(`a\n${at}x\n`), 'csv'))).limit).toBe('cell');
    const file = await xlsx((ws) => (ws.getCell(2, 3).value = `${at}x`));
    expect(await refusal(readSheetIsolated(file, 'xlsx'))).toMatchObject({ limit: 'cell', message: expect.stringContaining('第 2 行 C 列') });
  });

  it('refuses an unclosed quote that would swallow the rest of a CSV', async () => {
    const file = Buffer.from(`a,b\n"never closed,${'y'.repeat(SHEET_LIMITS.maxColumn * SHEET_LIMITS.maxCellChars)}\n`);
    expect((await refusal(readSheetIsolated(file, 'csv'))).limit).toBe('cell');
  });

  it('refuses a zip bomb from its directory, before inflating it', async () => {
    const bomb = await rawZip({ 'xl/worksheets/sheet1.xml': Buffer.alloc(150 * 1024 * 1024, 0x20) });
    expect(bomb.length).toBeLessThan(1024 * 1024);
    expect(await refusal(readSheetIsolated(bomb, 'xlsx'))).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'compression' });
  });

  it('refuses a workbook whose parts unpack beyond the size bound', async () => {
    const limits = { ...SHEET_LIMITS, maxUncompressedBytes: 1024 };
    const file = await xlsx((ws) => (ws.getCell(1, 1).value = 'x'));
    expect((await refusal(readTable(file, 'xlsx', limits))).limit).toBe('size');
  });

  it('refuses a shared-strings table beyond its bound from the directory, and reads one at it', async () => {
    const file = await xlsx((ws) => {
      for (let r = 1; r <= 200; r++) ws.getCell(r, 1).value = `企业名称${r}号有限公司`;
    });
    const zip = await JSZip.loadAsync(file);
    const size = (await zip.file('xl/sharedStrings.xml')!.async('nodebuffer')).length;
    expect((await refusal(readTable(file, 'xlsx', { ...SHEET_LIMITS, maxSharedStringsBytes: size - 1 }))).limit).toBe('sharedStrings');
    expect(await readTable(file, 'xlsx', { ...SHEET_LIMITS, maxSharedStringsBytes: size })).toHaveLength(200);
  });

  it('refuses password-protected (OLE) files, macros, and files that are not workbooks', async () => {
    const ole = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]);
    expect(await refusal(readSheetIsolated(ole, 'xlsx'))).toMatchObject({ limit: 'format', message: expect.stringContaining('已加密') });
    const macro = await rawZip({ 'xl/vbaProject.bin': Buffer.alloc(100, 1) });
    expect(await refusal(readSheetIsolated(macro, 'xlsx'))).toMatchObject({ limit: 'format', message: expect.stringContaining('宏') });
    const png = Buffer.concat([Buffer.from('89504e470d0a1a0a', 'hex'), Buffer.alloc(2048, 7)]);
    expect(await refusal(readSheetIsolated(png, 'xlsx'))).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'format' });
  });

  it('refuses a file over the byte bound without reading it', async () => {
    const limits = { ...SHEET_LIMITS, maxFileBytes: 1000 };
    expect((await refusal(readSheetIsolated(Buffer.alloc(1001, 0x61), 'csv', limits))).limit).toBe('fileSize');
    expect(await readSheetIsolated(Buffer.from('a\n'), 'csv', limits)).toEqual([{ row: 1, cells: ['a'] }]);
  });

  it('gives up after the reader deadline (the thread is terminated, the caller gets BAD_USER_INPUT)', async () => {
    const limits = { ...SHEET_LIMITS, readerTimeoutMs: 1 };
    const file = await xlsx((ws) => {
      for (let r = 1; r <= 2000; r++) ws.getRow(r).values = [`r${r}`, r, 'text'];
    });
    expect(await refusal(readSheetIsolated(file, 'xlsx', limits))).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'time' });
  });

  it('reads values only: a formula gives its cached result, dates read as yyyy-mm-dd, a BOM is dropped', async () => {
    const file = await xlsx((ws) => {
      ws.getRow(1).values = ['a', 'b', 'c'];
      ws.getCell(2, 1).value = { formula: 'SUM(1,2)', result: 3 } as ExcelJS.CellFormulaValue;
      ws.getCell(2, 2).value = new Date(Date.UTC(2015, 2, 8));
      ws.getCell(2, 3).value = 'x';
    });
    expect(await readSheetIsolated(file, 'xlsx')).toEqual([
      { row: 1, cells: ['a', 'b', 'c'] },
      { row: 2, cells: ['3', '2015-03-08', 'x'] },
    ]);
    expect(await readSheetIsolated(Buffer.from('\uFEFFa,b\n1,2\n'), 'csv')).toEqual([
      { row: 1, cells: ['a', 'b'] },
      { row: 2, cells: ['1', '2'] },
    ]);
  });

  it('parseEnterpriseFile reports the bound as the mutation does (field file, limit)', async () => {
    const file = await xlsx((ws) => (ws.getCell(3, 200).value = 'x'));
    expect(await refusal(parseEnterpriseFile(file, '名单.xlsx'))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file', limit: 'columns' });
  });
});
