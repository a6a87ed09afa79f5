/**
 * Bulk import of enterprises (培育库名单) from .xlsx or .csv: one engine for the
 * `npm run import:enterprises` CLI and the AUTHORITY-only `importEnterprises` mutation.
 *
 * A file has a header row and one row per enterprise and financial year. Rows with the same
 * 统一社会信用代码 form one enterprise: its profile columns come from its first row (later rows
 * leave them blank or repeat them), every row with a year adds one financial year. Each enterprise
 * is validated as a whole and written in its own transaction; a bad enterprise is reported row by
 * row and skipped, the good ones are kept. Re-running the same file changes nothing.
 */
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { AppError, badInput, isUniqueViolation } from '../../../platform/src/errors/app-error.js';
import { recordEvent } from '../../../platform/src/outbox/outbox.service.js';
import { OrganizationEntity } from '../../../identity/src/organizations/organization.entity.js';
import { ORGANIZATION_KIND_LABELS } from '../../../identity/src/organizations/organization-kind.js';
import { describeRegionCodeProblem } from '../../../identity/src/regions/region-codes.js';
import { normalizeUscc, validateUscc } from '../../../identity/src/uscc/uscc.js';
import { VERIFICATION_STATE_LABELS } from '../../../identity/src/verification/verification-state.js';
import { checkDetail } from '../../../identity/src/organizations/organization-details.js';
import { UserEntity } from '../../../identity/src/users/user.entity.js';
import { EnterpriseFinancialsEntity } from '../enterprise-financials.entity.js';
import { EnterpriseProfileEntity, ipAssetsOf } from '../enterprise-profile.entity.js';
import { EnterpriseProfileService } from '../enterprise-profile.service.js';
import { titleCounts } from '../title-provenance.js';
import { todayInShanghai } from '../../../platform/src/time/beijing-date.js';
import type { EnterpriseTier } from '../enterprise-tier.js';
import { validateProfile, type AnnualFinancialsCommand, type ProfileCommand } from '../profile-input.js';
import { readSheetIsolated } from './read-sheet-isolated.js';
import type { Table } from './sheet-reader.js';
import { COLUMN_BY_KEY, IMPORT_COLUMNS, findHeaderRow, type ImportColumnKey, type MoneyUnit } from './import-columns.js';
import { decideColumn, type ColumnOverride, type HeaderCell } from './import-mapping.js';
import { parseMoney } from './money.js';
import { columnLetters } from './sheet-limits.js';

// ------------------------------------------------------------------------------------ columns

export { IMPORT_COLUMNS, type ImportColumn, type ImportColumnKey } from './import-columns.js';

/** Columns whose values are personal data: never echoed into report texts or logs. */
const CONTACT_KEYS = ['contactName', 'contactPhone', 'contactEmail'] as const;
type ContactKey = (typeof CONTACT_KEYS)[number];
const isContactKey = (key: string): key is ContactKey => (CONTACT_KEYS as readonly string[]).includes(key);

/** Financial-year columns a row must fill when it gives a year. */
const REQUIRED_YEAR_FIELDS = ['revenue', 'mainBusinessRevenue', 'rdExpense'] as const;

// ------------------------------------------------------------------------------------ parsing

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
  throw badInput(`文件名须以 .xlsx 或 .csv 结尾，实际为“${filename}” (the file name must end in .xlsx or .csv)`, field);
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
        `列“${text}”的单位“${r.unit}”无法识别：金额列的单位须为元或万元 (column '${text}': the unit '${r.unit}' is not supported; amounts are in 元 or 万元)`,
        'file',
      );
    }
    if (seen.has(r.key)) {
      throw badInput(`列“${seen.get(r.key)}”与“${text}”重复 (columns '${seen.get(r.key)}' and '${text}' are the same field ${r.key})`, 'file');
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

// ------------------------------------------------------------------------------------ cell values

class CellError extends Error {
  constructor(
    readonly field: string,
    message: string,
  ) {
    super(message);
  }
}

const TIER_ALIASES: Record<string, EnterpriseTier> = {
  NONE: 'NONE',
  无: 'NONE',
  否: 'NONE',
  未认定: 'NONE',
  INNOVATIVE_SME: 'INNOVATIVE_SME',
  创新型: 'INNOVATIVE_SME',
  创新型中小企业: 'INNOVATIVE_SME',
  SPECIALIZED_SME: 'SPECIALIZED_SME',
  专精特新: 'SPECIALIZED_SME',
  专精特新中小企业: 'SPECIALIZED_SME',
  LITTLE_GIANT: 'LITTLE_GIANT',
  小巨人: 'LITTLE_GIANT',
  专精特新小巨人: 'LITTLE_GIANT',
  专精特新小巨人企业: 'LITTLE_GIANT',
  KEY_LITTLE_GIANT: 'KEY_LITTLE_GIANT',
  重点小巨人: 'KEY_LITTLE_GIANT',
  国家重点小巨人: 'KEY_LITTLE_GIANT',
  国家级重点小巨人: 'KEY_LITTLE_GIANT',
  重点小巨人企业: 'KEY_LITTLE_GIANT',
};

function parseTier(v: string): EnterpriseTier {
  const key = v.replace(/[\s"'“”‘’「」『』]/g, '');
  const tier = TIER_ALIASES[key.toUpperCase()] ?? TIER_ALIASES[key];
  if (!tier) {
    throw new CellError(
      'tier',
      `梯度“${v}”无法识别，可填 无/创新型/专精特新/小巨人/重点小巨人 或 NONE、INNOVATIVE_SME、SPECIALIZED_SME、LITTLE_GIANT、KEY_LITTLE_GIANT (unknown tier '${v}')`,
    );
  }
  return tier;
}

const DATE_FORMS = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?(?:[ T]00:00(?::00(?:\.0+)?)?)?$/;

function parseDate(v: string, field: string): string {
  const m = DATE_FORMS.exec(v);
  const fail = () => new CellError(field, `“${v}”不是有效日期，请填 yyyy-mm-dd，如 2019-03-15 (not a valid date; use yyyy-mm-dd)`);
  if (!m) throw fail();
  const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
  const date = new Date(Date.UTC(y, mo - 1, d));
  if (date.getUTCFullYear() !== y || date.getUTCMonth() !== mo - 1 || date.getUTCDate() !== d) throw fail();
  return `${m[1]}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}`;
}

const INT_MAX = 2_147_483_647;

function parseWhole(v: string, field: string, kind: 'count' | 'year'): number {
  let s = v.replace(/[\s\u3000]/g, '');
  if (kind === 'year') s = s.replace(/年$/, '');
  if (kind === 'count') s = s.replace(/[人件个项]$/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.0+)?$/.test(s)) s = s.replace(/,/g, '');
  if (/^-?\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  if (!/^-?\d+$/.test(s)) {
    throw new CellError(field, `“${v}”无效：须为整数 (must be a whole number)`);
  }
  const n = Number(s);
  if (!Number.isSafeInteger(n)) throw new CellError(field, `“${v}”超出可表示的范围 (number too large)`);
  if (kind === 'count' && n > INT_MAX) throw new CellError(field, `“${v}”过大 (count too large)`);
  if (kind === 'year' && (n < 1900 || n > 9999)) throw new CellError(field, `年度“${v}”无效，应为四位年份 (year must be a 4-digit year)`);
  return n;
}

function splitList(v: string): string[] {
  return v
    .split(/[；;,，|\n]/)
    .map((s) => s.trim())
    .filter((s) => s.length > 0);
}

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

// ------------------------------------------------------------------------------------ importer

interface Prepared {
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

type Rejected = { rejected: ImportRejection[]; claimConflict?: boolean; notEnterprise?: boolean };

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
  const rejected: ImportRejection[] = [];
  const usccs: string[] = [];
  for (const group of groupRows(rows)) {
    const raw = group[0]!.values.uscc;
    if (!raw) {
      rejected.push({ row: group[0]!.row, uscc: null, field: 'uscc', reason: '缺少统一社会信用代码 (uscc is required)' });
      continue;
    }
    const prepared = prepare(normalizeUscc(raw), group);
    if ('rejected' in prepared) rejected.push(...prepared.rejected);
    else usccs.push(prepared.uscc);
  }
  rejected.sort((a, b) => a.row - b.row);
  return { rejected, usccs };
}

/** Upserts enterprises by USCC from parsed rows; see the module comment. */
@Injectable()
export class EnterpriseImporter {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly profiles: EnterpriseProfileService,
  ) {}

  async import(rows: readonly RawRow[], options: ImportOptions): Promise<ImportReport> {
    const today = options.today ?? todayInShanghai();
    const report: ImportReport = { total: rows.length, created: 0, updated: 0, unchanged: 0, rejectedRows: 0, rejected: [], firms: [], claimConflicts: 0 };

    const groups = new Map<string, RawRow[]>();
    for (const r of rows) {
      const raw = r.values.uscc;
      if (!raw) {
        report.rejected.push({ row: r.row, uscc: null, field: 'uscc', reason: '缺少统一社会信用代码 (uscc is required)' });
        continue;
      }
      const key = normalizeUscc(raw);
      const list = groups.get(key);
      if (list) list.push(r);
      else groups.set(key, [r]);
    }

    for (const [uscc, group] of groups) {
      const prepared = prepare(uscc, group);
      if ('rejected' in prepared) {
        report.rejected.push(...prepared.rejected);
        continue;
      }
      let result: ImportedFirm | Rejected;
      try {
        result = await this.dataSource.transaction('READ COMMITTED', (m) => this.upsert(m, prepared, today, options.actorUserId));
      } catch (err) {
        // Two imports creating the same organization at once: the loser retries and finds it.
        if (!isUniqueViolation(err)) throw err;
        result = await this.dataSource.transaction('READ COMMITTED', (m) => this.upsert(m, prepared, today, options.actorUserId));
      }
      if ('rejected' in result) {
        const mark = result.claimConflict ? { claimConflict: true as const } : result.notEnterprise ? { notEnterprise: true as const } : null;
        report.rejected.push(...(mark ? result.rejected.map((r) => ({ ...r, ...mark })) : result.rejected));
        if (result.claimConflict) report.claimConflicts += 1;
        continue;
      }
      report.firms.push(result);
      if (result.outcome === 'CREATED') report.created += 1;
      else if (result.outcome === 'UPDATED') report.updated += 1;
      else report.unchanged += 1;
    }
    report.rejected.sort((a, b) => a.row - b.row);
    report.rejectedRows = new Set(report.rejected.map((r) => r.row)).size;
    return report;
  }

  private async upsert(manager: EntityManager, p: Prepared, today: string, actorUserId: string | null): Promise<ImportedFirm | Rejected> {
    const rowNumbers = p.rows.map((r) => r.row);
    let org = await manager.findOne(OrganizationEntity, { where: { uscc: p.uscc }, lock: { mode: 'pessimistic_write' } });
    if (org && org.kind !== 'ENTERPRISE') {
      return {
        ...rejectGroup(
          p.rows,
          p.uscc,
          p.rows[0]!.row,
          'uscc',
          `该统一社会信用代码已注册为${ORGANIZATION_KIND_LABELS[org.kind]}「${org.name}」，不是企业，不能导入企业档案；请核对代码 ` +
            `(this USCC belongs to a registered organization of another kind (${ORGANIZATION_KIND_LABELS[org.kind]}), not an enterprise)`,
        ),
        notEnterprise: true,
      };
    }
    if (org && org.verificationState !== 'VERIFIED') {
      // A USCC is a claim until the AUTHORITY verifies it: the bureau's figures never go to an
      // unverified claimant. The second claim is recorded for the verification desk (a decided
      // conflict of this claimant is opened again: the claimant is not VERIFIED now).
      await manager.query(
        `INSERT INTO uscc_claim_conflicts (organization_id, uscc, imported_name, imported_by) VALUES ($1, $2, $3, $4)
         ON CONFLICT (organization_id) DO UPDATE
           SET uscc = EXCLUDED.uscc, imported_name = EXCLUDED.imported_name, imported_by = EXCLUDED.imported_by,
               last_seen_at = now(), import_count = uscc_claim_conflicts.import_count + 1,
               outcome = NULL, reason = NULL, decided_by = NULL, decided_at = NULL`,
        [org.id, p.uscc, p.name, actorUserId],
      );
      return {
        ...rejectGroup(
          p.rows,
          p.uscc,
          p.rows[0]!.row,
          'uscc',
          `该统一社会信用代码已被自行注册的机构「${org.name}」申领，该机构尚未通过主管部门审核（${VERIFICATION_STATE_LABELS[org.verificationState]}），` +
            `为防止冒用，本企业数据未导入；已在机构审核台标记该冲突，请先核实该机构 ` +
            `(this USCC is claimed by a registered organization that is not verified (${org.verificationState}); nothing was attached; the conflict is flagged on the verification desk)`,
        ),
        claimConflict: true,
      };
    }
    const existing = org
      ? await manager.findOne(EnterpriseProfileEntity, { where: { organizationId: org.id }, lock: { mode: 'pessimistic_write' } })
      : null;
    const stored = existing
      ? await manager.find(EnterpriseFinancialsEntity, { where: { organizationId: existing.organizationId }, order: { year: 'DESC' } })
      : [];

    // Years in the file replace the stored ones; stored years the file does not mention are kept.
    const fileYears = new Set(p.financials.map((f) => f.year));
    const kept = stored.filter((s) => !fileYears.has(s.year)).map(financialsOf);
    const storedByYear = new Map(stored.map((s) => [s.year, s]));
    const financials = [
      ...p.financials.map((f) => ({ ...f, equityFinancing: storedByYear.get(f.year)?.equityFinancing ?? null })),
      ...kept,
    ];
    const command: ProfileCommand = {
      ...p.profile,
      // Not in the file: kept from the stored profile, empty for a new one.
      certifications: existing?.certifications ?? [],
      serviceNeeds: existing?.serviceNeeds ?? [],
      financingNeed: existing?.financingNeed ?? null,
      spaceNeed: existing?.spaceNeed ?? null,
      tierFacts: existing?.tierFacts ?? {},
      financials,
    };
    let valid: ProfileCommand;
    try {
      valid = validateProfile(command, today, 'profile');
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT') throw err;
      const path = String(err.details.field ?? 'profile');
      const fin = /^profile\.financials\[(\d+)\]\.(\w+)$/.exec(path);
      if (fin) {
        const i = Number(fin[1]);
        const row = p.yearRows[i];
        if (row !== undefined) return rejectGroup(p.rows, p.uscc, row, fin[2]!, err.message);
        const year = financials[i]?.year;
        return rejectGroup(p.rows, p.uscc, p.rows[0]!.row, fin[2]!, `已存储的 ${year} 年度数据与本次导入冲突：${err.message} (stored year ${year} conflicts with the file)`);
      }
      const field = path.replace(/^profile\./, '').replace(/^ipAssets\./, '');
      return rejectGroup(p.rows, p.uscc, p.rows[0]!.row, field, err.message);
    }

    // Contact columns fill the organization's contact details only while it has no account: once the
    // firm manages itself (an OWNER exists), its own details win over the bureau's sheet.
    const contactChanges = org && !(await manager.existsBy(UserEntity, { organizationId: org.id })) ? diffContact(org, p.contact) : org ? {} : p.contact;
    const contactChanged = Object.keys(contactChanges).length > 0;
    // The same figures under a title the firm only claims are not unchanged: the list confirms it (IMPORTED, DOMAIN.md §8.10).
    const titleSettled = existing !== null && (existing.tier === 'NONE' || titleCounts(existing.tierProvenance));
    if (existing && titleSettled && canonical(valid) === canonical(snapshot(existing, stored))) {
      if (!contactChanged) return { uscc: p.uscc, name: org!.name, organizationId: org!.id, outcome: 'UNCHANGED', organizationCreated: false, rows: rowNumbers };
      await manager.update(OrganizationEntity, { id: org!.id }, contactChanges);
      return { uscc: p.uscc, name: org!.name, organizationId: org!.id, outcome: 'UPDATED', organizationCreated: false, rows: rowNumbers };
    }
    if (org && contactChanged) await manager.update(OrganizationEntity, { id: org.id }, contactChanges);
    let organizationCreated = false;
    if (!org) {
      org = await manager.save(
        manager.create(OrganizationEntity, {
          kind: 'ENTERPRISE',
          name: p.name,
          uscc: p.uscc,
          regionCode: p.regionCode,
          // The authority vouches for its own cultivation list.
          verified: true,
          verifiedAt: new Date(),
          verifiedBy: actorUserId,
          ...p.contact,
        }),
      );
      await recordEvent(manager, {
        type: 'organization.registered',
        aggregateType: 'organization',
        aggregateId: org.id,
        data: { organizationId: org.id },
        actorUserId,
        lane: 'bulk',
      });
      organizationCreated = true;
    }
    // The organization and its profile are locked above (or were created in this transaction).
    await this.profiles.write(manager, org.id, valid, actorUserId, { existing, imported: true });
    return {
      uscc: p.uscc,
      name: org.name,
      organizationId: org.id,
      outcome: existing ? 'UPDATED' : 'CREATED',
      organizationCreated,
      rows: rowNumbers,
    };
  }
}

/** The contact fields of `contact` that differ from the organization's. */
function diffContact(org: OrganizationEntity, contact: Prepared['contact']): Prepared['contact'] {
  return Object.fromEntries(Object.entries(contact).filter(([k, v]) => org[k as ContactKey] !== v));
}

function financialsOf(f: EnterpriseFinancialsEntity): AnnualFinancialsCommand {
  return {
    year: f.year,
    revenue: f.revenue,
    mainBusinessRevenue: f.mainBusinessRevenue,
    rdExpense: f.rdExpense,
    netProfit: f.netProfit,
    totalAssets: f.totalAssets,
    totalLiabilities: f.totalLiabilities,
    employees: f.employees,
    rdEmployees: f.rdEmployees,
    equityFinancing: f.equityFinancing,
  };
}

/** The stored profile as the command that would have written it. */
function snapshot(p: EnterpriseProfileEntity, financials: EnterpriseFinancialsEntity[]): ProfileCommand {
  return {
    industryCode: p.industryCode,
    tier: p.tier,
    tierCertifiedOn: p.tierCertifiedOn,
    foundedOn: p.foundedOn,
    mainBusinessSince: p.mainBusinessSince,
    mainProducts: p.mainProducts,
    capabilities: p.capabilities,
    certifications: p.certifications,
    financials: financials.map(financialsOf),
    ipAssets: ipAssetsOf(p),
    financingNeed: p.financingNeed,
    serviceNeeds: p.serviceNeeds,
    spaceNeed: p.spaceNeed,
    tierFacts: p.tierFacts,
  };
}

/** A stable text form of a command: keys sorted, undefined as null, years newest first. */
function canonical(c: ProfileCommand): string {
  const norm = (v: unknown): unknown => {
    if (v === undefined || v === null) return null;
    if (v instanceof Date) return v.toISOString();
    if (Array.isArray(v)) return v.map(norm);
    if (typeof v === 'object') {
      return Object.fromEntries(
        Object.keys(v as object)
          .sort()
          .map((k) => [k, norm((v as Record<string, unknown>)[k])])
          .filter(([, x]) => x !== null),
      );
    }
    return v;
  };
  const financials = [...c.financials].sort((a, b) => b.year - a.year);
  return JSON.stringify(norm({ ...c, tierCertifiedOn: c.tierCertifiedOn ?? null, financials }));
}

function rejectGroup(rows: readonly RawRow[], uscc: string | null, culprit: number, field: string, reason: string): Rejected {
  return {
    rejected: rows.map((r) => ({
      row: r.row,
      uscc,
      field,
      reason: r.row === culprit ? reason : `同一企业第 ${culprit} 行有误，该企业未导入 (enterprise skipped because of row ${culprit}): ${reason}`,
    })),
  };
}

/** Checks everything that needs no database: identity columns, cells, profile consistency across rows. */
function prepare(uscc: string, rows: RawRow[]): Prepared | Rejected {
  const first = rows[0]!;
  const usccCheck = validateUscc(uscc);
  if (!usccCheck.ok) return rejectGroup(rows, uscc, first.row, 'uscc', usccCheck.reason);

  const errors: ImportRejection[] = [];
  const fail = (row: number, field: string, reason: string) => errors.push({ row, uscc, field, reason });
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
