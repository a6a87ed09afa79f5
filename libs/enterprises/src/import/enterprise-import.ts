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
import { describeRegionCodeProblem } from '../../../identity/src/regions/region-codes.js';
import { normalizeUscc, validateUscc } from '../../../identity/src/uscc/uscc.js';
import { VERIFICATION_STATE_LABELS } from '../../../identity/src/verification/verification-state.js';
import { checkDetail } from '../../../identity/src/organizations/organization-details.js';
import { UserEntity } from '../../../identity/src/users/user.entity.js';
import { EnterpriseFinancialsEntity } from '../enterprise-financials.entity.js';
import { EnterpriseProfileEntity, ipAssetsOf } from '../enterprise-profile.entity.js';
import { EnterpriseProfileService } from '../enterprise-profile.service.js';
import { todayInShanghai } from '../../../platform/src/time/beijing-date.js';
import type { EnterpriseTier } from '../enterprise-tier.js';
import { validateProfile, type AnnualFinancialsCommand, type ProfileCommand } from '../profile-input.js';
import { readSheetIsolated } from './read-sheet-isolated.js';
import type { Table } from './sheet-reader.js';

// ------------------------------------------------------------------------------------ columns

export type ImportColumnKey =
  | 'uscc'
  | 'name'
  | 'regionCode'
  | 'industryCode'
  | 'tier'
  | 'tierCertifiedOn'
  | 'foundedOn'
  | 'mainBusinessSince'
  | 'mainProducts'
  | 'capabilities'
  | 'inventionPatents'
  | 'utilityModels'
  | 'designPatents'
  | 'softwareCopyrights'
  | 'trademarks'
  | 'year'
  | 'revenue'
  | 'mainBusinessRevenue'
  | 'rdExpense'
  | 'netProfit'
  | 'totalAssets'
  | 'totalLiabilities'
  | 'employees'
  | 'rdEmployees'
  | 'contactName'
  | 'contactPhone'
  | 'contactEmail';

export interface ImportColumn {
  key: ImportColumnKey;
  /** The Chinese header accepted instead of the key. */
  zh: string;
  /** profile: read from an enterprise's first row; year: one value per row (financial year). */
  scope: 'profile' | 'year';
  kind: 'text' | 'date' | 'money' | 'count' | 'year' | 'tier' | 'list';
  required: boolean;
  /** Other Chinese headers bureau sheets use for the same column. */
  aliases?: readonly string[];
}

/** The column layout, in the order of the sample file and the README table. */
export const IMPORT_COLUMNS: readonly ImportColumn[] = [
  { key: 'uscc', zh: '统一社会信用代码', scope: 'profile', kind: 'text', required: true },
  { key: 'name', zh: '企业名称', scope: 'profile', kind: 'text', required: true },
  { key: 'regionCode', zh: '行政区划代码', scope: 'profile', kind: 'text', required: true },
  { key: 'industryCode', zh: '行业代码', scope: 'profile', kind: 'text', required: true },
  { key: 'tier', zh: '梯度', scope: 'profile', kind: 'tier', required: false },
  { key: 'tierCertifiedOn', zh: '认定日期', scope: 'profile', kind: 'date', required: false },
  { key: 'foundedOn', zh: '成立日期', scope: 'profile', kind: 'date', required: true },
  { key: 'mainBusinessSince', zh: '主营起始日期', scope: 'profile', kind: 'date', required: true },
  { key: 'mainProducts', zh: '主导产品', scope: 'profile', kind: 'list', required: false },
  { key: 'capabilities', zh: '核心技术', scope: 'profile', kind: 'text', required: false },
  { key: 'inventionPatents', zh: '发明专利', scope: 'profile', kind: 'count', required: false },
  { key: 'utilityModels', zh: '实用新型', scope: 'profile', kind: 'count', required: false },
  { key: 'designPatents', zh: '外观设计', scope: 'profile', kind: 'count', required: false },
  { key: 'softwareCopyrights', zh: '软件著作权', scope: 'profile', kind: 'count', required: false },
  { key: 'trademarks', zh: '商标', scope: 'profile', kind: 'count', required: false },
  { key: 'year', zh: '年度', scope: 'year', kind: 'year', required: false },
  { key: 'revenue', zh: '营业收入', scope: 'year', kind: 'money', required: false },
  { key: 'mainBusinessRevenue', zh: '主营业务收入', scope: 'year', kind: 'money', required: false },
  { key: 'rdExpense', zh: '研发费用', scope: 'year', kind: 'money', required: false },
  { key: 'netProfit', zh: '净利润', scope: 'year', kind: 'money', required: false },
  { key: 'totalAssets', zh: '资产总额', scope: 'year', kind: 'money', required: false },
  { key: 'totalLiabilities', zh: '负债总额', scope: 'year', kind: 'money', required: false },
  { key: 'employees', zh: '从业人数', scope: 'year', kind: 'count', required: false },
  { key: 'rdEmployees', zh: '研发人数', scope: 'year', kind: 'count', required: false },
  // The firm's contact (organizations.contact_*): where the AUTHORITY's activation invitation goes.
  { key: 'contactName', zh: '联系人', scope: 'profile', kind: 'text', required: false, aliases: ['联系人姓名'] },
  { key: 'contactPhone', zh: '联系电话', scope: 'profile', kind: 'text', required: false, aliases: ['联系方式', '手机', '手机号码', '电话'] },
  { key: 'contactEmail', zh: '邮箱', scope: 'profile', kind: 'text', required: false, aliases: ['联系邮箱', '电子邮箱', '电子邮件', 'email'] },
];

/** Columns whose values are personal data: never echoed into report texts or logs. */
const CONTACT_KEYS = ['contactName', 'contactPhone', 'contactEmail'] as const;
type ContactKey = (typeof CONTACT_KEYS)[number];
const isContactKey = (key: string): key is ContactKey => (CONTACT_KEYS as readonly string[]).includes(key);

const COLUMN_BY_KEY = new Map(IMPORT_COLUMNS.map((c) => [c.key, c]));
/** Financial-year columns a row must fill when it gives a year. */
const REQUIRED_YEAR_FIELDS = ['revenue', 'mainBusinessRevenue', 'rdExpense'] as const;
/** Headers of bookkeeping columns spreadsheets often carry; their cells are ignored. */
const IGNORED_HEADERS = new Set(['#', 'no', 'no.', '序号', '备注', 'note', 'notes', 'remark', 'remarks', 'comment', 'comments']);

/** Header text → column: the English key (any case) or the Chinese header; a trailing unit in brackets is allowed. */
function headerKey(header: string): { key?: ImportColumnKey; ignored?: boolean; unit?: string } {
  const compact = header.replace(/[\s\u3000]+/g, '');
  const m = /^(.*?)[(（]([^()（）]*)[)）]$/.exec(compact);
  const base = (m ? m[1]! : compact).toLowerCase();
  const unit = m?.[2];
  if (base === '' || IGNORED_HEADERS.has(base)) return { ignored: true };
  const col = IMPORT_COLUMNS.find((c) => c.key.toLowerCase() === base || c.zh === base || (c.aliases?.includes(base) ?? false));
  return { key: col?.key, unit };
}

// ------------------------------------------------------------------------------------ parsing

/** One data row of the file: its row number (header = row 1) and its cells by column key, trimmed, non-empty. */
export interface RawRow {
  row: number;
  values: Partial<Record<ImportColumnKey, string>>;
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

/**
 * Reads the first worksheet of an .xlsx, or a .csv (UTF-8 with or without BOM, or GB18030 as
 * saved by Chinese Excel; comma, semicolon or tab separated), into rows keyed by column.
 * Throws BAD_USER_INPUT (`details.field` = `file`) when the file cannot be read or its header row
 * is unusable; problems in data cells are left to {@link EnterpriseImporter.import}.
 */
export async function parseEnterpriseFile(buffer: Buffer, filename: string): Promise<RawRow[]> {
  const format = importFileFormat(filename);
  return toRawRows(await readSheetIsolated(buffer, format));
}

function toRawRows(table: Table): RawRow[] {
  const nonEmpty = table.filter((r) => r.cells.some((c) => c.trim() !== ''));
  const header = nonEmpty[0];
  if (!header) throw badInput('文件为空：缺少表头行 (the file is empty; a header row is expected)', 'file');
  const columns: Array<ImportColumnKey | undefined> = [];
  const seen = new Map<ImportColumnKey, string>();
  const unknown: string[] = [];
  header.cells.forEach((raw, i) => {
    const text = raw.trim();
    const { key, ignored, unit } = headerKey(text);
    if (ignored) return;
    if (!key) {
      unknown.push(text);
      return;
    }
    if (unit && /万/.test(unit)) {
      throw badInput(`列“${text}”以万元计：金额须以元为单位填写整数 (column '${text}' is in 万元; amounts must be whole yuan)`, 'file');
    }
    if (seen.has(key)) {
      throw badInput(`列“${seen.get(key)}”与“${text}”重复 (columns '${seen.get(key)}' and '${text}' are the same field ${key})`, 'file');
    }
    seen.set(key, text);
    columns[i] = key;
  });
  if (unknown.length > 0) {
    throw badInput(
      `表头含无法识别的列：${unknown.join('、')}。可用列见 README“Bulk import of enterprises” ` +
        `(unknown column(s) ${unknown.map((u) => `'${u}'`).join(', ')}; see the README for the column layout)`,
      'file',
    );
  }
  const missing = IMPORT_COLUMNS.filter((c) => c.required && !seen.has(c.key));
  if (missing.length > 0) {
    throw badInput(
      `表头缺少必填列：${missing.map((c) => `${c.zh}(${c.key})`).join('、')} (missing required column(s): ${missing.map((c) => c.key).join(', ')})`,
      'file',
    );
  }
  return nonEmpty.slice(1).map(({ row, cells }) => {
    const values: RawRow['values'] = {};
    cells.forEach((cell, i) => {
      const key = columns[i];
      const v = cell.trim();
      if (key && v !== '') values[key] = v;
    });
    return { row, values };
  });
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

function parseWhole(v: string, field: string, kind: 'money' | 'count' | 'year'): number {
  let s = v.replace(/[\s\u3000]/g, '');
  if (kind === 'year') s = s.replace(/年$/, '');
  if (kind === 'money') s = s.replace(/^[¥￥]/, '').replace(/元$/, '');
  if (kind === 'count') s = s.replace(/[人件个项]$/, '');
  if (/^-?\d{1,3}(,\d{3})+(\.0+)?$/.test(s)) s = s.replace(/,/g, '');
  if (/^-?\d+\.0+$/.test(s)) s = s.replace(/\.0+$/, '');
  if (!/^-?\d+$/.test(s)) {
    const what = kind === 'money' ? '金额须为以元计的整数 (amounts are whole yuan, no decimals)' : '须为整数 (must be a whole number)';
    throw new CellError(field, `“${v}”无效：${what}`);
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

type Rejected = { rejected: ImportRejection[]; claimConflict?: boolean };

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
        report.rejected.push(...result.rejected);
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
      return rejectGroup(p.rows, p.uscc, p.rows[0]!.row, 'uscc', `该统一社会信用代码已注册为非企业机构（${org.kind}），不能导入企业档案 (this USCC belongs to a ${org.kind} organization, not an ENTERPRISE)`);
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
    if (existing && canonical(valid) === canonical(snapshot(existing, stored))) {
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
    const money = (key: ImportColumnKey) => cell(r, key, (v) => parseWhole(v, key, 'money'));
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
