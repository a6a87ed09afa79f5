/**
 * Bulk import of enterprises (培育库名单) from .xlsx or .csv: one engine for the
 * `npm run import:enterprises` CLI, the AUTHORITY-only `importEnterprises` mutation and the
 * asynchronous runs (enterprise-import-runs.ts). This file is the folder's surface; the parts:
 *
 * - import-columns.ts, import-mapping.ts: the column dictionary, header synonyms, units, a mapping set at confirm;
 * - sheet-reader.ts (and read-sheet-isolated.ts, zip-precheck.ts, sheet-limits.ts): the bounded reader;
 * - enterprise-sheet.ts: the header row recognised, rows keyed by field;
 * - import-cells.ts, money.ts: cell values; import-rows.ts: rows grouped into enterprises and checked;
 * - enterprise-importer.service.ts: the set-based writer.
 *
 * A file has a header row and one row per enterprise and financial year. Rows with the same
 * 统一社会信用代码 form one enterprise: its profile columns come from its first row (later rows
 * leave them blank or repeat them), every row with a year adds one financial year. Each enterprise
 * is validated as a whole; a bad enterprise is reported row by row and skipped, the good ones are
 * kept. Re-running the same file changes nothing.
 */
export { IMPORT_COLUMNS, type ImportColumn, type ImportColumnKey } from './import-columns.js';
export {
  importFileFormat,
  parseEnterpriseFile,
  parseEnterpriseSheet,
  sheetOf,
  type ImportFileFormat,
  type MappedColumn,
  type ParsedSheet,
  type RawRow,
  type SheetOptions,
  type UnknownColumn,
} from './enterprise-sheet.js';
export { checkRows, groupRows, type ImportedFirm, type ImportOptions, type ImportOutcome, type ImportRejection, type ImportReport } from './import-rows.js';
export { EnterpriseImporter } from './enterprise-importer.service.js';
