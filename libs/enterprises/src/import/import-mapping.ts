/**
 * The column mapping a person sets at confirm (issue 14): which column of the file feeds which
 * import field, and the unit (元/万元) of money columns, overriding what the header detection
 * found. Checked against the file's header before anything runs; applied by the run, which reads
 * the stored file again under it.
 */
import { badInput, echoInput } from '../../../platform/src/index.js';
import { COLUMN_BY_KEY, IMPORT_COLUMNS, MONEY_UNITS, fieldOf, headerMoneyUnit, headerUnitWord, recognizeHeader, type ImportColumnKey, type MoneyUnit } from './import-columns.js';
import { SHEET_LIMITS } from './sheet-limits.js';

/** One entry of a mapping as a client sends it (strings unchecked). */
export interface ColumnMappingInput {
  column: string;
  field?: string | null;
  ignore?: boolean | null;
  unit?: MoneyUnit | null;
}

/** One checked entry: the column feeds `field` (or, without it, the detected field), or is ignored; `unit` for money columns. */
export interface ColumnOverride {
  column: string;
  field?: ImportColumnKey;
  ignore?: true;
  unit?: MoneyUnit;
}

/** A cell of the header row: its column letter and text (empty for a column with data but no header). */
export interface HeaderCell {
  column: string;
  header: string;
}

/** What a header cell becomes under an override: a field (with its unit), ignored, unknown, or a unit the file names that we cannot read. */
export type ColumnDecision =
  | { kind: 'column'; key: ImportColumnKey; moneyUnit?: MoneyUnit }
  | { kind: 'ignored' }
  | { kind: 'unknown' }
  | { kind: 'badUnit'; key: ImportColumnKey; unit: string };

/** The header cell `text` under `override` (none: the detection alone). */
export function decideColumn(text: string, override: ColumnOverride | undefined): ColumnDecision {
  if (override?.ignore) return { kind: 'ignored' };
  const detected = recognizeHeader(text);
  const key = override?.field ?? (detected.kind === 'column' || detected.kind === 'badUnit' ? detected.key : undefined);
  if (!key) return detected.kind === 'ignored' ? { kind: 'ignored' } : { kind: 'unknown' };
  if (COLUMN_BY_KEY.get(key)!.kind !== 'money') return { kind: 'column', key };
  if (override?.unit) return { kind: 'column', key, moneyUnit: override.unit };
  if (!override?.field) return detected.kind === 'badUnit' ? detected : { kind: 'column', key, moneyUnit: detected.kind === 'column' ? (detected.moneyUnit ?? 'YUAN') : 'YUAN' };
  // A column mapped by hand takes the unit its own header names (营业额（万元）), else 元; a unit it
  // names that is neither (营业额（亿元）) is never guessed: the mapping must give it.
  const word = headerUnitWord(text);
  const moneyUnit = word === undefined ? 'YUAN' : headerMoneyUnit(text);
  return moneyUnit ? { kind: 'column', key, moneyUnit } : { kind: 'badUnit', key, unit: word! };
}

const labelOf = (key: ImportColumnKey) => `${COLUMN_BY_KEY.get(key)!.zh}（${key}）`;

/**
 * Checks a mapping against the file's header cells; throws BAD_USER_INPUT naming the entry
 * (`mapping.columns[i].column|field|unit|ignore`) for a column not in the file, an unknown field,
 * a unit on a column that is not money, two columns feeding one field, or a required field left
 * without a column. Returns the entries normalised.
 */
export function checkMapping(columns: readonly ColumnMappingInput[], headers: readonly HeaderCell[], path = 'mapping'): ColumnOverride[] {
  if (columns.length === 0 || columns.length > SHEET_LIMITS.maxColumn) {
    throw badInput(`mapping.columns 须有 1–${SHEET_LIMITS.maxColumn} 项 (a mapping lists 1–${SHEET_LIMITS.maxColumn} columns)`, `${path}.columns`);
  }
  const byColumn = new Map(headers.map((h) => [h.column, h]));
  const range = headers.length > 0 ? `${headers[0]!.column}–${headers[headers.length - 1]!.column}` : '无';
  const out: ColumnOverride[] = [];
  const entryOf = new Map<string, number>();
  columns.forEach((c, i) => {
    const at = `${path}.columns[${i}]`;
    const column = c.column.trim().toUpperCase();
    if (!/^[A-Z]{1,3}$/.test(column) || !byColumn.has(column)) {
      throw badInput(`列“${echoInput(c.column)}”不在文件中：表头所在行有 ${range} 列 (column '${echoInput(c.column)}' is not in the file; its header row has columns ${range})`, `${at}.column`);
    }
    if (entryOf.has(column)) throw badInput(`列 ${column} 在 mapping 中出现两次 (column ${column} is listed twice)`, `${at}.column`);
    entryOf.set(column, i);
    let field: ImportColumnKey | undefined;
    if (c.field !== undefined && c.field !== null) {
      field = c.field.length <= 40 ? fieldOf(c.field) : undefined;
      if (!field) {
        throw badInput(
          `未知的导入字段“${echoInput(c.field)}”：须为导入列键（如 revenue）或其中文列名（如 营业收入），见 README“Bulk import of enterprises” (unknown field; use a column key or its Chinese header)`,
          `${at}.field`,
        );
      }
    }
    if (c.ignore && field) throw badInput(`列 ${column} 不能既忽略又对应字段 ${labelOf(field)} (a column is either ignored or mapped)`, `${at}.ignore`);
    if (!c.ignore && !field && !c.unit) throw badInput(`列 ${column}：须给出 field、unit 或 ignore (give a field, a unit or ignore)`, `${at}.field`);
    if (c.unit) {
      const detected = recognizeHeader(byColumn.get(column)!.header);
      const key = field ?? (c.ignore ? undefined : detected.kind === 'column' || detected.kind === 'badUnit' ? detected.key : undefined);
      if (!key || COLUMN_BY_KEY.get(key)!.kind !== 'money') {
        throw badInput(
          `列 ${column}${key ? `（${labelOf(key)}）` : ''}不是金额列，不能指定单位${MONEY_UNITS[c.unit].zh} (a unit applies to money columns only)`,
          `${at}.unit`,
        );
      }
    }
    out.push({ column, ...(field ? { field } : {}), ...(c.ignore ? { ignore: true as const } : {}), ...(c.unit ? { unit: c.unit } : {}) });
  });

  // The mapping as a whole: every header cell under its override.
  const overrides = new Map(out.map((o) => [o.column, o]));
  const fedBy = new Map<ImportColumnKey, string>();
  for (const h of headers) {
    const d = decideColumn(h.header, overrides.get(h.column));
    if (d.kind === 'badUnit') {
      const i = entryOf.get(h.column);
      throw badInput(
        `列 ${h.column}（${labelOf(d.key)}）的表头单位“${echoInput(d.unit)}”无法识别：请在 mapping 中为该列给出 unit（元 或 万元） ` +
          `(column ${h.column}: its header names the unit '${echoInput(d.unit)}'; give the column's unit, YUAN or TEN_THOUSAND_YUAN)`,
        i === undefined ? `${path}.columns` : `${path}.columns[${i}].unit`,
      );
    }
    if (d.kind !== 'column') continue;
    const other = fedBy.get(d.key);
    if (other) {
      // Name an entry the client sent: the later column's if it has one, else the earlier's.
      const i = entryOf.get(h.column) ?? entryOf.get(other)!;
      throw badInput(
        `列 ${other} 与列 ${h.column} 都对应 ${labelOf(d.key)}：一个字段只能来自一列，请忽略其一 (columns ${other} and ${h.column} both feed ${d.key})`,
        `${path}.columns[${i}].field`,
      );
    }
    fedBy.set(d.key, h.column);
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !fedBy.has(c.key));
  if (missing.length > 0) {
    throw badInput(`映射后仍缺少必填字段：${missing.map((c) => labelOf(c.key)).join('、')}，请指定对应的列 (required fields without a column: ${missing.map((c) => c.key).join(', ')})`, `${path}.columns`);
  }
  return out;
}
