import { Readable } from 'node:stream';
import ExcelJS from 'exceljs';
import { parse as parseCsv } from 'csv-parse';
import { SheetLimitError, columnLetters, type SheetLimits } from './sheet-limits.js';
import { precheckXlsx } from './zip-precheck.js';

export type SheetFormat = 'xlsx' | 'csv';
/** Non-empty rows of a sheet: the row number in the file (1-based) and the cells' texts. */
export type Table = Array<{ row: number; cells: string[] }>;

/**
 * Reads the first worksheet of an .xlsx, or a .csv, as a stream, keeping only non-empty rows and
 * stopping at the first bound crossed (SheetLimitError). Never materialises empty cells: memory
 * follows the cells that hold something, not the sheet's dimensions.
 */
export async function readTable(buffer: Buffer, format: SheetFormat, limits: SheetLimits): Promise<Table> {
  if (buffer.length > limits.maxFileBytes) {
    const mb = (x: number) => (x / 1024 / 1024).toFixed(1);
    throw new SheetLimitError('fileSize', `文件 ${mb(buffer.length)} MB，超过上限 ${mb(limits.maxFileBytes)} MB，请拆分文件 (the file is ${mb(buffer.length)} MB; at most ${mb(limits.maxFileBytes)} MB)`);
  }
  const table = new TableBuilder(limits);
  if (format === 'xlsx') await readXlsx(buffer, limits, table);
  else await readCsv(buffer, limits, table);
  return table.rows;
}

class TableBuilder {
  readonly rows: Table = [];
  constructor(private readonly limits: SheetLimits) {}

  /** Adds a row from its sparse cells (column → text); empty rows are dropped. */
  add(row: number, sparse: Array<[number, string]>): void {
    const filled = sparse.filter(([, text]) => text.trim() !== '');
    if (filled.length === 0) return;
    for (const [col, text] of filled) {
      if (col > this.limits.maxColumn) {
        throw new SheetLimitError(
          'columns',
          `第 ${row} 行 ${columnLetters(col)} 列有内容：最多读取 ${this.limits.maxColumn} 列（至 ${columnLetters(this.limits.maxColumn)} 列），请删除多余的列 (row ${row} has a value in column ${columnLetters(col)}; at most ${this.limits.maxColumn} columns are read)`,
        );
      }
      if (text.length > this.limits.maxCellChars) {
        throw new SheetLimitError(
          'cell',
          `第 ${row} 行 ${columnLetters(col)} 列的内容有 ${text.length} 个字符，上限 ${this.limits.maxCellChars} (row ${row}, column ${columnLetters(col)}: ${text.length} characters; at most ${this.limits.maxCellChars})`,
        );
      }
    }
    if (this.rows.length >= this.limits.maxRows) {
      throw new SheetLimitError(
        'rows',
        `文件超过 ${this.limits.maxRows - 1} 行数据的上限（第 ${row} 行起），请拆分文件 (more than ${this.limits.maxRows - 1} data rows; split the file)`,
      );
    }
    const width = Math.max(...filled.map(([col]) => col));
    const cells = new Array<string>(width).fill('');
    for (const [col, text] of filled) cells[col - 1] = text;
    this.rows.push({ row, cells });
  }
}

async function readXlsx(buffer: Buffer, limits: SheetLimits, table: TableBuilder): Promise<void> {
  precheckXlsx(buffer, limits);
  const input = Readable.from([buffer]);
  // styles: 'cache' is needed to tell date cells from numbers; hyperlinks and other parts are skipped.
  const reader = new ExcelJS.stream.xlsx.WorkbookReader(input, { sharedStrings: 'cache', styles: 'cache', hyperlinks: 'ignore', worksheets: 'emit', entries: 'ignore' });
  try {
    for await (const sheet of reader) {
      for await (const row of sheet as AsyncIterable<ExcelJS.Row>) {
        const sparse: Array<[number, string]> = [];
        row.eachCell({ includeEmpty: false }, (cell, col) => {
          sparse.push([col, cellText(cell.value)]);
        });
        table.add(row.number, sparse);
      }
      break; // the first worksheet only
    }
  } catch (err) {
    if (err instanceof SheetLimitError) throw err;
    throw new SheetLimitError('format', `无法读取 .xlsx 文件 (the file is not a readable .xlsx workbook: ${String((err as Error).message).slice(0, 200)})`);
  } finally {
    input.destroy();
  }
}

/** Text of an exceljs cell value: dates as yyyy-mm-dd, formulas by their cached result, rich text joined. */
export function cellText(value: ExcelJS.CellValue): string {
  if (value === null || value === undefined) return '';
  if (value instanceof Date) {
    // exceljs gives date cells as UTC midnight of the calendar date.
    return Number.isNaN(value.getTime()) ? '' : value.toISOString().slice(0, 10);
  }
  if (typeof value === 'number') return Number.isInteger(value) ? value.toFixed(0) : String(value);
  if (typeof value === 'string' || typeof value === 'boolean') return String(value);
  if (typeof value === 'object') {
    const v = value as unknown as Record<string, unknown>;
    if (Array.isArray(v.richText)) return (v.richText as Array<{ text: string }>).map((t) => t.text).join('');
    if ('result' in v) return cellText(v.result as ExcelJS.CellValue);
    if ('formula' in v || 'sharedFormula' in v) return '';
    if (typeof v.text === 'string') return v.text; // hyperlink
    if ('error' in v) return String(v.error);
  }
  return String(value);
}

function decodeText(buffer: Buffer): string {
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(buffer);
  } catch {
    // Not UTF-8: Excel on Chinese Windows saves "CSV" in the ANSI code page, GBK.
    return new TextDecoder('gb18030').decode(buffer);
  }
}

async function readCsv(buffer: Buffer, limits: SheetLimits, table: TableBuilder): Promise<void> {
  const text = decodeText(buffer).replace(/^\uFEFF/, '');
  const firstLine = text.slice(0, Math.min(text.search(/\r?\n|$/), 100_000));
  const delimiter = [',', ';', '\t'].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',');
  const parser = parseCsv({
    delimiter,
    relax_column_count: true,
    skip_empty_lines: false,
    bom: true,
    // A record longer than every cell at its bound cannot be a sheet row.
    max_record_size: limits.maxColumn * limits.maxCellChars,
  });
  const input = Readable.from([text]);
  input.pipe(parser);
  let row = 0;
  try {
    for await (const record of parser as AsyncIterable<string[]>) {
      row += 1;
      table.add(row, record.map((cell, i) => [i + 1, cell] as [number, string]));
    }
  } catch (err) {
    if (err instanceof SheetLimitError) throw err;
    const code = (err as { code?: string }).code;
    if (code === 'CSV_MAX_RECORD_SIZE') {
      throw new SheetLimitError('cell', `第 ${row + 1} 行过长（超过 ${limits.maxColumn * limits.maxCellChars} 个字符），请检查引号是否成对 (row ${row + 1} is too long; check for an unclosed quote)`);
    }
    throw new SheetLimitError('format', `无法解析 CSV 文件 (the CSV file cannot be parsed: ${String((err as Error).message).slice(0, 200)})`);
  } finally {
    input.destroy();
    parser.destroy();
  }
}
