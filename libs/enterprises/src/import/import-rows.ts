/**
 * The rows of an enterprise import before the database: rows grouped into enterprises by
 * 统一社会信用代码, each group checked as a whole (identity columns, cells, profile columns equal
 * across an enterprise's rows, financial years) into what the importer writes, or rejects named by
 * row, column and reason. Pure: the preview and the importer share it.
 */
import { AppError, SINGLE_LINE_FIELDS, textProblem, textRefusal, type TextProblem } from '../../../platform/src/index.js';
import { describeRegionCodeProblem, normalizeUscc, validateUscc, checkDetail } from '../../../identity/src/index.js';
import type { AnnualFinancialsCommand, ProfileCommand } from '../profile-input.js';
import { COLUMN_BY_KEY, IMPORT_COLUMNS, type ImportColumnKey } from './import-columns.js';
import { CellError, parseDate, parseTier, parseWhole, splitList } from './import-cells.js';
import type { RawRow } from './enterprise-sheet.js';
import { parseMoney } from './money.js';


/** Columns whose values are personal data: never echoed into report texts or logs. */
export const CONTACT_KEYS = ['contactName', 'contactPhone', 'contactEmail'] as const;
export type ContactKey = (typeof CONTACT_KEYS)[number];
const isContactKey = (key: string): key is ContactKey => (CONTACT_KEYS as readonly string[]).includes(key);

/** Financial-year columns a row must fill when it gives a year. */
const REQUIRED_YEAR_FIELDS = ['revenue', 'mainBusinessRevenue', 'rdExpense'] as const;

// ------------------------------------------------------------------------------------ report

export interface ImportRejection {
  /** Row number in the file (header = row 1). */
  row: number;
  uscc: string | null;
  /** Column key (see IMPORT_COLUMNS), or `file`. */
  field: string;
  reason: string;
  /** Set when the enterprise was skipped because an unverified, self-registered organization claims its USCC. */
  claimConflict?: true;
  /** Set when the enterprise was skipped because its USCC belongs to an organization of another kind (a bank, a service institution …). */
  notEnterprise?: true;
}

export type ImportOutcome = 'CREATED' | 'UPDATED' | 'UNCHANGED';

export interface ImportedFirm {
  uscc: string;
  name: string;
  organizationId: string;
  outcome: ImportOutcome;
  /** True when the import created the organization itself (verified, no user yet). */
  organizationCreated: boolean;
  rows: number[];
}

export interface ImportReport {
  /** Data rows read (header and blank rows not counted). */
  total: number;
  /** Enterprises whose profile was created / changed / already identical. */
  created: number;
  updated: number;
  unchanged: number;
  /** Distinct rows not imported. */
  rejectedRows: number;
  /** One entry per problem: each row of a rejected enterprise appears at least once. */
  rejected: ImportRejection[];
  firms: ImportedFirm[];
  /** Enterprises not imported because their USCC is claimed by an organization that is not VERIFIED. */
  claimConflicts: number;
}

export interface ImportOptions {
  /** Recorded on outbox events and as the verifier of created organizations; null from the CLI. */
  actorUserId: string | null;
  /** yyyy-mm-dd bounding dates and years; default today in Beijing time. */
  today?: string;
}

// ------------------------------------------------------------------------------------ enterprises

export interface Prepared {
  uscc: string;
  name: string;
  regionCode: string;
  rows: RawRow[];
  profile: Omit<ProfileCommand, 'certifications' | 'serviceNeeds' | 'financingNeed' | 'spaceNeed' | 'tierFacts' | 'financials'>;
  /** One per file row with a year, in file order; yearRows[i] is the row of financials[i]. */
  financials: AnnualFinancialsCommand[];
  yearRows: number[];
  /** The contact columns the file filled (validated); absent keys leave the stored value. */
  contact: Partial<Record<ContactKey, string>>;
}

export type Rejected = { rejected: ImportRejection[]; claimConflict?: boolean; notEnterprise?: boolean };

/**
 * The rows of a file as the importer takes them, one list per enterprise (rows with the same USCC,
 * in the order of their first row); a row without a USCC is a list of its own. Batches of these
 * lists are independent imports.
 */
export function groupRows(rows: readonly RawRow[]): RawRow[][] {
  const groups = new Map<string, RawRow[]>();
  const out: RawRow[][] = [];
  for (const r of rows) {
    const raw = r.values.uscc;
    if (!raw) {
      out.push([r]);
      continue;
    }
    const key = normalizeUscc(raw);
    const list = groups.get(key);
    if (list) list.push(r);
    else {
      const fresh = [r];
      groups.set(key, fresh);
      out.push(fresh);
    }
  }
  return out;
}

/** What can be known without the database: per-row rejects, and the USCCs of the enterprises that would be written. */
export function checkRows(rows: readonly RawRow[]): { rejected: ImportRejection[]; usccs: string[] } {
  const checked = checkGroups(groupRows(rows));
  checked.rejected.sort((a, b) => a.row - b.row);
  return checked;
}

/** {@link checkRows} of rows already grouped into enterprises (rejects in group order). */
export function checkGroups(groups: readonly RawRow[][]): { rejected: ImportRejection[]; usccs: string[] } {
  const { rejected, prepared } = prepareGroups(groups);
  return { rejected, usccs: prepared.map((p) => p.uscc) };
}

/** Each enterprise (a group of rows) checked without the database: what the importer writes, or its rows' rejects. */
export function prepareGroups(groups: readonly RawRow[][]): { rejected: ImportRejection[]; prepared: Prepared[] } {
  const rejected: ImportRejection[] = [];
  const prepared: Prepared[] = [];
  for (const group of groups) {
    const raw = group[0]!.values.uscc;
    if (!raw) {
      rejected.push({ row: group[0]!.row, uscc: null, field: 'uscc', reason: '缺少统一社会信用代码 (uscc is required)' });
      continue;
    }
    const p = prepare(normalizeUscc(raw), group);
    if ('rejected' in p) rejected.push(...p.rejected);
    else prepared.push(p);
  }
  return { rejected, prepared };
}

/** Upserts enterprises by USCC from parsed rows; see the module comment. */

export function rejectGroup(rows: readonly RawRow[], uscc: string | null, culprit: number, field: string, reason: string): Rejected {
  return {
    rejected: rows.map((r) => ({
      row: r.row,
      uscc,
      field,
      reason: r.row === culprit ? reason : `同一企业第 ${culprit} 行有误，该企业未导入 (enterprise skipped because of row ${culprit}): ${reason}`,
    })),
  };
}

/** A sheet cell's text problem, naming the column in Chinese (a bureau reads the column header, not a field name). */
function sheetTextProblem(column: string, problem: TextProblem): string {
  return textRefusal(problem, { zh: `${column}：单元格`, en: 'the cell' });
}

/** Checks everything that needs no database: identity columns, cells, profile consistency across rows. */
export function prepare(uscc: string, rows: RawRow[]): Prepared | Rejected {
  const first = rows[0]!;
  const usccCheck = validateUscc(uscc);
  if (!usccCheck.ok) return rejectGroup(rows, uscc, first.row, 'uscc', usccCheck.reason);

  const errors: ImportRejection[] = [];
  const fail = (row: number, field: string, reason: string) => errors.push({ row, uscc, field, reason });
  // Text hygiene (ADR 0037) for sheet cells as for GraphQL input: no control, bidi or ANSI characters;
  // line breaks only where a list may wrap (主导产品) or a long text (核心技术). The column is named, never the value.
  for (const r of rows) {
    for (const [key, v] of Object.entries(r.values) as Array<[ImportColumnKey, string]>) {
      const problem = textProblem(v, !SINGLE_LINE_FIELDS.has(key) && key !== 'uscc');
      if (problem) fail(r.row, key, sheetTextProblem(COLUMN_BY_KEY.get(key)!.zh, problem));
    }
  }
  const cell = <T>(row: RawRow, key: ImportColumnKey, read: (v: string) => T): T | undefined => {
    const v = row.values[key];
    if (v === undefined) return undefined;
    try {
      return read(v);
    } catch (err) {
      if (!(err instanceof CellError)) throw err;
      fail(row.row, err.field, err.message);
      return undefined;
    }
  };

  // Identity and profile columns: from the first row; later rows may repeat them but not differ.
  const profileKeys = IMPORT_COLUMNS.filter((c) => c.scope === 'profile').map((c) => c.key);
  for (const r of rows.slice(1)) {
    for (const key of profileKeys) {
      const v = r.values[key];
      const expected = first.values[key];
      if (key === 'uscc' || v === undefined || v === expected) continue;
      if (isContactKey(key)) {
        fail(r.row, key, `与该企业第 ${first.row} 行的${COLUMN_BY_KEY.get(key)!.zh}不一致；企业信息以首行为准，后续行可留空 (differs from row ${first.row}; profile columns come from an enterprise's first row)`);
        continue;
      }
      fail(r.row, key, `与该企业第 ${first.row} 行的“${expected ?? ''}”不一致；企业信息以首行为准，后续行可留空 (differs from row ${first.row}; profile columns come from an enterprise's first row)`);
    }
  }
  const required = (key: ImportColumnKey) => {
    if (first.values[key] === undefined) fail(first.row, key, `缺少必填项 ${COLUMN_BY_KEY.get(key)!.zh} (${key} is required)`);
  };
  for (const c of IMPORT_COLUMNS) if (c.required) required(c.key);

  const name = first.values.name ?? '';
  if (name && (name.length < 2 || name.length > 200)) fail(first.row, 'name', '企业名称需 2–200 个字符 (name must be 2–200 characters)');
  const regionCode = first.values.regionCode ?? '';
  if (regionCode) {
    const problem = describeRegionCodeProblem(regionCode);
    if (problem) fail(first.row, 'regionCode', problem);
  }
  const contact: Prepared['contact'] = {};
  for (const key of CONTACT_KEYS) {
    const v = first.values[key];
    if (v === undefined) continue;
    try {
      const checked = checkDetail(key, v, key);
      if (checked) contact[key] = checked;
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      // checkDetail's messages name the rule, never the value.
      fail(first.row, key, err.message);
    }
  }
  const tier = cell(first, 'tier', parseTier) ?? 'NONE';
  const date = (key: ImportColumnKey) => cell(first, key, (v) => parseDate(v, key));
  const tierCertifiedOn = date('tierCertifiedOn') ?? null;
  const foundedOn = date('foundedOn');
  const mainBusinessSince = date('mainBusinessSince');
  const count = (r: RawRow, key: ImportColumnKey) => cell(r, key, (v) => parseWhole(v, key, 'count'));
  const ipAssets = {
    inventionPatents: count(first, 'inventionPatents') ?? 0,
    utilityModels: count(first, 'utilityModels') ?? 0,
    designPatents: count(first, 'designPatents') ?? 0,
    softwareCopyrights: count(first, 'softwareCopyrights') ?? 0,
    trademarks: count(first, 'trademarks') ?? 0,
  };

  const financials: AnnualFinancialsCommand[] = [];
  const yearRows: number[] = [];
  const yearKeys = IMPORT_COLUMNS.filter((c) => c.scope === 'year').map((c) => c.key);
  for (const r of rows) {
    if (!yearKeys.some((k) => r.values[k] !== undefined)) continue;
    const before = errors.length;
    const money = (key: ImportColumnKey) =>
      cell(r, key, (v) => {
        const parsed = parseMoney(v, r.moneyUnits?.[key] ?? 'YUAN');
        if (!parsed.ok) throw new CellError(key, parsed.reason);
        return parsed.yuan;
      });
    const year = cell(r, 'year', (v) => parseWhole(v, 'year', 'year'));
    if (r.values.year === undefined) fail(r.row, 'year', '填写了财务数据但缺少年度 (financial figures given without a year)');
    for (const key of REQUIRED_YEAR_FIELDS) {
      if (r.values.year !== undefined && r.values[key] === undefined) {
        fail(r.row, key, `缺少 ${COLUMN_BY_KEY.get(key)!.zh}：填写年度时必填营业收入、主营业务收入、研发费用 (${key} is required for a financial year)`);
      }
    }
    const y: AnnualFinancialsCommand = {
      year: year ?? 0,
      revenue: money('revenue') ?? 0,
      mainBusinessRevenue: money('mainBusinessRevenue') ?? 0,
      rdExpense: money('rdExpense') ?? 0,
      netProfit: money('netProfit') ?? null,
      totalAssets: money('totalAssets') ?? null,
      totalLiabilities: money('totalLiabilities') ?? null,
      employees: count(r, 'employees') ?? null,
      rdEmployees: count(r, 'rdEmployees') ?? null,
    };
    if (errors.length === before) {
      financials.push(y);
      yearRows.push(r.row);
    }
  }

  if (errors.length > 0) {
    const bad = new Set(errors.map((e) => e.row));
    const firstError = errors[0]!;
    for (const r of rows) {
      if (!bad.has(r.row)) {
        errors.push({
          row: r.row,
          uscc,
          field: firstError.field,
          reason: `同一企业第 ${firstError.row} 行有误，该企业未导入 (enterprise skipped because of row ${firstError.row}): ${firstError.reason}`,
        });
      }
    }
    return { rejected: errors };
  }
  return {
    uscc,
    name,
    regionCode,
    rows,
    profile: {
      industryCode: first.values.industryCode!,
      tier,
      tierCertifiedOn,
      foundedOn: foundedOn!,
      mainBusinessSince: mainBusinessSince!,
      mainProducts: splitList(first.values.mainProducts ?? ''),
      capabilities: first.values.capabilities ?? '',
      ipAssets,
    },
    financials,
    yearRows,
    contact,
  };
}
