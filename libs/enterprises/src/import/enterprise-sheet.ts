/**
 * The sheet of an enterprise import: the file's format, its header row recognised (a title above
 * it, blank rows and unknown columns tolerated), columns mapped to fields with their money units,
 * and the data rows keyed by field. Reading the bytes is sheet-reader.ts (bounded, isolated).
 */
import { badInput, echoInput } from '../../../platform/src/index.js';
import { readSheetIsolated } from './read-sheet-isolated.js';
import type { Table } from './sheet-reader.js';
import { IMPORT_COLUMNS, findHeaderRow, type ImportColumnKey, type MoneyUnit } from './import-columns.js';
import { decideColumn, type ColumnOverride, type HeaderCell } from './import-mapping.js';
import { columnLetters } from './sheet-limits.js';

/** One data row of the file: its row number in the file (1-based) and its cells by column key, trimmed, non-empty. */
export interface RawRow {
  row: number;
  values: Partial<Record<ImportColumnKey, string>>;
  /** The unit of each money column (from its header); absent = 元. */
  moneyUnits?: Partial<Record<ImportColumnKey, MoneyUnit>>;
}

export type ImportFileFormat = 'xlsx' | 'csv';

/** The format a file name stands for; BAD_USER_INPUT for anything but .xlsx and .csv. */
export function importFileFormat(filename: string, field = 'filename'): ImportFileFormat {
  const ext = /\.([A-Za-z0-9]+)$/.exec(filename.trim())?.[1]?.toLowerCase();
  if (ext === 'xlsx' || ext === 'csv') return ext;
  if (ext === 'xls' || ext === 'et' || ext === 'ods' || ext === 'numbers') {
    throw badInput(`不支持 .${ext} 文件，请另存为 .xlsx 或 .csv（UTF-8）(.${ext} is not supported; save the sheet as .xlsx or .csv)`, field);
  }
  throw badInput(`文件名须以 .xlsx 或 .csv 结尾，实际为“${echoInput(filename)}” (the file name must end in .xlsx or .csv)`, field);
}

/** A header cell mapped to a column. */
export interface MappedColumn {
  /** Column letter in the sheet (A, B, …). */
  column: string;
  header: string;
  key: ImportColumnKey;
  /** Money columns: the unit read from the header (元 when it names none). */
  moneyUnit?: MoneyUnit;
}

/** A header cell that matches no column: reported, its cells ignored. */
export interface UnknownColumn {
  column: string;
  header: string;
}

/** A sheet read and its header recognised: what the preview shows and the import consumes. */
export interface ParsedSheet {
  /** Row number (in the file) of the detected header row; rows above it (titles) are skipped. */
  headerRow: number;
  columns: MappedColumn[];
  unknownColumns: UnknownColumn[];
  /** Every column of the sheet (A to the widest row) with its header text, empty when it has none. */
  headers: HeaderCell[];
  /** Required fields no column feeds (only with `allowMissing`; otherwise the file is refused). */
  missing: ImportColumnKey[];
  /** Data rows below the header; blank rows are skipped (row numbers keep counting them). */
  rows: RawRow[];
}

/**
 * Reads the first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GB18030 as
 * saved by Chinese Excel; comma, semicolon or tab separated), into rows keyed by column.
 * Throws BAD_USER_INPUT (`details.field` = `file`) when the file cannot be read or its header row
 * is unusable; problems in data cells are left to {@link EnterpriseImporter.import}.
 */
export async function parseEnterpriseFile(buffer: Buffer, filename: string): Promise<RawRow[]> {
  return (await parseEnterpriseSheet(buffer, filename)).rows;
}

/** {@link parseEnterpriseFile} with the header detection kept: header row, column mapping, units, unknown columns. */
export async function parseEnterpriseSheet(buffer: Buffer, filename: string, options: SheetOptions = {}): Promise<ParsedSheet> {
  const format = importFileFormat(filename);
  return sheetOf(await readSheetIsolated(buffer, format), options);
}

export interface SheetOptions {
  /** A mapping set at confirm (checked by checkMapping): per column, the field it feeds or that it is ignored, and the unit. */
  override?: readonly ColumnOverride[];
  /** Report required fields without a column in `missing` instead of refusing the file (the preview; a mapping may supply them). */
  allowMissing?: boolean;
}

/**
 * Recognises the header of a table: the row (among the first non-empty ones) with the most known
 * headers; a title above it, blank rows and unknown columns are tolerated, unknown columns reported.
 */
export function sheetOf(table: Table, options: SheetOptions = {}): ParsedSheet {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ''));
  if (nonEmpty.length === 0) throw badInput('文件为空：缺少表头行 (the file is empty; a header row is expected)', 'file');
  const at = findHeaderRow(nonEmpty.map((r) => r.cells));
  if (at < 0) {
    throw badInput(
      '前 10 行中找不到表头：表头须含 统一社会信用代码、企业名称 等列名，可用列见 README“Bulk import of enterprises” ' +
        '(no header row found among the first 10 non-empty rows; see the README for the column layout)',
      'file',
    );
  }
  const header = nonEmpty[at]!;
  const columns: MappedColumn[] = [];
  const unknownColumns: UnknownColumn[] = [];
  const byIndex: Array<ImportColumnKey | undefined> = [];
  const seen = new Map<ImportColumnKey, string>();
  const moneyUnits: Partial<Record<ImportColumnKey, MoneyUnit>> = {};
  const overrides = new Map((options.override ?? []).map((o) => [o.column, o]));
  let width = 0;
  for (const r of nonEmpty.slice(at)) width = Math.max(width, r.cells.length);
  const headers: HeaderCell[] = Array.from({ length: width }, (_, i) => ({ column: columnLetters(i + 1), header: (header.cells[i] ?? '').trim() }));
  headers.forEach(({ column, header: text }, i) => {
    const r = decideColumn(text, overrides.get(column));
    if (r.kind === 'ignored') return;
    if (r.kind === 'unknown') {
      unknownColumns.push({ column, header: text });
      return;
    }
    if (r.kind === 'badUnit') {
      throw badInput(
        `列“${echoInput(text)}”的单位“${echoInput(r.unit)}”无法识别：金额列的单位须为元或万元 (column '${echoInput(text)}': the unit '${echoInput(r.unit)}' is not supported; amounts are in 元 or 万元)`,
        'file',
      );
    }
    if (seen.has(r.key)) {
      throw badInput(`列“${echoInput(seen.get(r.key))}”与“${echoInput(text)}”重复 (columns '${echoInput(seen.get(r.key))}' and '${echoInput(text)}' are the same field ${r.key})`, 'file');
    }
    seen.set(r.key, text);
    byIndex[i] = r.key;
    columns.push({ column, header: text, key: r.key, ...(r.moneyUnit ? { moneyUnit: r.moneyUnit } : {}) });
    if (r.moneyUnit && r.moneyUnit !== 'YUAN') moneyUnits[r.key] = r.moneyUnit;
  });
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.key));
  if (missing.length > 0 && !options.allowMissing) {
    throw badInput(
      `第 ${header.row} 行表头缺少必填列：${missing.map((c) => `${c.zh}(${c.key})`).join('、')} (missing required column(s) in header row ${header.row}: ${missing.map((c) => c.key).join(', ')})`,
      'file',
    );
  }
  const withUnits = Object.keys(moneyUnits).length > 0;
  const rows = nonEmpty.slice(at + 1).flatMap(({ row, cells }) => {
    const values: RawRow['values'] = {};
    cells.forEach((cell, i) => {
      const key = byIndex[i];
      const v = cell.trim();
      if (key && v !== '') values[key] = v;
    });
    // A row with cells only in unknown or ignored columns (a footnote, a total) carries nothing to import.
    if (Object.keys(values).length === 0) return [];
    return [withUnits ? { row, values, moneyUnits } : { row, values }];
  });
  return { headerRow: header.row, columns, unknownColumns, headers, missing: missing.map((c) => c.key), rows };
}