import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { AppError } from '../../libs/platform/src/errors/app-error.js';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import {
  EnterpriseImporter,
  parseEnterpriseFile,
  parseEnterpriseSheet,
  type ImportReport,
  type RawRow,
} from '../../libs/enterprises/src/import/enterprise-import.js';
import { openTestDataSource } from '../helpers/test-database.js';

const samples = join(dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
const SAMPLE_CSV = readFileSync(join(samples, 'enterprises-sample.csv'));
const SAMPLE_XLSX = readFileSync(join(samples, 'enterprises-sample.xlsx'));
/** Fixed so the sample's years and dates stay in the past whatever the clock says. */
const TODAY = '2026-06-30';

/** A fresh valid USCC in a Ningbo district. */
function uscc(regionCode = '330212'): string {
  const alphabet = '0123456789ABCDEFGHJKLMNPQRTUWXY';
  return makeUscc('91', regionCode, [...randomBytes(8)].map((b) => alphabet[b % alphabet.length]).join(''));
}

const HEAD = [
  'uscc', 'name', 'regionCode', 'industryCode', 'tier', 'tierCertifiedOn', 'foundedOn', 'mainBusinessSince', 'mainProducts',
  'capabilities', 'inventionPatents', 'year', 'revenue', 'mainBusinessRevenue', 'rdExpense', 'employees', 'rdEmployees',
] as const;
type Cells = Partial<Record<(typeof HEAD)[number], string | number>>;

let seq = 0;
/** A valid row for a new firm, overridable per column; '' leaves a cell blank. */
function firm(overrides: Cells = {}): Cells {
  seq += 1;
  return {
    uscc: uscc(),
    name: `宁波导入测试${seq}有限公司`,
    regionCode: '330212',
    industryCode: 'C3484',
    tier: 'SPECIALIZED_SME',
    tierCertifiedOn: '2024-03-01',
    foundedOn: '2012-05-01',
    mainBusinessSince: '2012-05-01',
    mainProducts: '液压阀；伺服泵',
    capabilities: '精密液压控制',
    inventionPatents: 4,
    year: 2025,
    revenue: 52_000_000,
    mainBusinessRevenue: 50_000_000,
    rdExpense: 2_400_000,
    employees: 120,
    rdEmployees: 20,
    ...overrides,
  };
}

function csv(rows: Cells[], head: readonly string[] = HEAD): Buffer {
  const quote = (v: unknown) => {
    const s = v === undefined || v === null ? '' : String(v);
    return /[",\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
  };
  const lines = [head.join(','), ...rows.map((r) => head.map((h) => quote((r as Record<string, unknown>)[h])).join(','))];
  return Buffer.from(`${lines.join('\r\n')}\r\n`, 'utf8');
}

async function parseError(work: Promise<unknown>): Promise<AppError> {
  try {
    await work;
  } catch (err) {
    if (err instanceof AppError) return err;
    throw err;
  }
  throw new Error('expected an AppError');
}

describe('enterprise bulk import (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let closeDb: () => Promise<void>;
  let importer: EnterpriseImporter;

  const run = async (file: Buffer, name = 'list.csv'): Promise<ImportReport> =>
    importer.import(await parseEnterpriseFile(file, name), { actorUserId: null, today: TODAY });

  const counts = async () => {
    const [row] = await dataSource.query(`SELECT
      (SELECT count(*)::int FROM organizations) AS organizations,
      (SELECT count(*)::int FROM enterprise_profiles) AS profiles,
      (SELECT count(*)::int FROM enterprise_financials) AS financials,
      (SELECT count(*)::int FROM outbox_events) AS events`);
    return row as { organizations: number; profiles: number; financials: number; events: number };
  };
  const orgByUscc = async (code: string) => dataSource.getRepository(OrganizationEntity).findOneBy({ uscc: code });

  beforeAll(async () => {
    const opened = await openTestDataSource();
    dataSource = opened.dataSource;
    closeDb = opened.close;
    importer = new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource));
  });

  afterAll(async () => {
    await closeDb?.();
  });

  describe('the sample file', () => {
    let first: ImportReport;

    it('creates the six good enterprises and rejects the deliberately bad row', async () => {
      const before = await counts();
      first = await run(SAMPLE_CSV, 'enterprises-sample.csv');
      expect(first).toMatchObject({ total: 13, created: 6, updated: 0, unchanged: 0, rejectedRows: 1 });
      expect(first.rejected).toEqual([
        { row: 14, uscc: '91330213FH2Q7N5H04', field: 'mainBusinessRevenue', reason: expect.stringContaining('主营业务收入') },
      ]);
      expect(first.firms.map((f) => f.outcome)).toEqual(Array(6).fill('CREATED'));
      expect(first.firms.every((f) => f.organizationCreated)).toBe(true);
      expect(first.firms[0]!.rows).toEqual([2, 3, 4]);

      const after = await counts();
      expect(after).toEqual({
        organizations: before.organizations + 6,
        profiles: before.profiles + 6,
        financials: before.financials + 12,
        // one organization.registered and one enterprise-profile.changed per firm
        events: before.events + 12,
      });
      expect(await orgByUscc('91330213FH2Q7N5H04')).toBeNull();
    });

    it('stores organizations verified, profiles as in the file and one financial year per row', async () => {
      const org = await orgByUscc('913302063M7QK2PA4N');
      expect(org).toMatchObject({ kind: 'ENTERPRISE', name: '宁波甬芯精密轴承有限公司', regionCode: '330206', verified: true });
      const profile = await new EnterpriseProfileService(dataSource).load(org!.id);
      expect(profile).toMatchObject({
        tier: 'LITTLE_GIANT',
        industryCode: 'C3451',
        tierCertifiedOn: '2024-07-15',
        foundedOn: '2006-03-18',
        mainProducts: ['精密圆锥滚子轴承', '新能源汽车轮毂轴承单元'],
        inventionPatents: 18,
        utilityModels: 46,
        certifications: [],
        serviceNeeds: [],
        version: 1,
      });
      expect(profile!.financials!.map((f) => [f.year, f.revenue, f.mainBusinessRevenue, f.employees])).toEqual([
        [2025, 196_300_000, 186_500_000, 381],
        [2024, 182_500_000, 173_400_000, 368],
        [2023, 168_000_000, 159_600_000, 356],
      ]);
      const software = await new EnterpriseProfileService(dataSource).load((await orgByUscc('91330212YG9K4T2F7L'))!.id);
      expect(software).toMatchObject({ tier: 'NONE', tierCertifiedOn: null, softwareCopyrights: 23 });
      expect(software!.financials![0]!.netProfit).toBe(-850_000);
      const events: Array<{ type: string; n: number }> = await dataSource.query(
        `SELECT type, count(*)::int AS n FROM outbox_events WHERE aggregate_id = $1 GROUP BY type ORDER BY type`,
        [org!.id],
      );
      expect(events).toEqual([
        { type: 'enterprise-profile.changed', n: 1 },
        { type: 'organization.registered', n: 1 },
      ]);
    });

    it('is idempotent: a re-run writes nothing, no new versions, no events, no duplicates', async () => {
      const before = await counts();
      const again = await run(SAMPLE_CSV, 'enterprises-sample.csv');
      expect(again).toMatchObject({ total: 13, created: 0, updated: 0, unchanged: 6, rejectedRows: 1 });
      expect(again.firms.map((f) => f.organizationId)).toEqual(first.firms.map((f) => f.organizationId));
      expect(await counts()).toEqual(before);
      const versions: Array<{ version: number }> = await dataSource.query('SELECT DISTINCT version FROM enterprise_profiles');
      expect(versions).toEqual([{ version: 1 }]);
    });

    it('reads the .xlsx sample into exactly the rows of the .csv, so importing it changes nothing', async () => {
      const fromCsv = await parseEnterpriseFile(SAMPLE_CSV, 'enterprises-sample.csv');
      const fromXlsx = await parseEnterpriseFile(SAMPLE_XLSX, 'enterprises-sample.xlsx');
      expect(fromXlsx).toEqual(fromCsv);
      const before = await counts();
      const report = await run(SAMPLE_XLSX, 'enterprises-sample.xlsx');
      expect(report).toMatchObject({ total: 13, created: 0, updated: 0, unchanged: 6, rejectedRows: 1 });
      expect(report.rejected).toEqual(first.rejected);
      expect(await counts()).toEqual(before);
    });

    it('updates a changed enterprise only, and keeps stored years the file does not mention', async () => {
      const before = await counts();
      const report = await run(
        csv(
          [{ uscc: '913302063M7QK2PA4N', name: '宁波甬芯精密轴承有限公司', regionCode: '330206', industryCode: 'C3451', tier: '小巨人', tierCertifiedOn: '2024-07-15', foundedOn: '2006-03-18', mainBusinessSince: '2006-03-18', mainProducts: '精密圆锥滚子轴承；新能源汽车轮毂轴承单元', capabilities: '超精研磨与真空热处理工艺, 轴承台架寿命试验平台', inventionPatents: 19, year: 2025, revenue: 199_000_000, mainBusinessRevenue: 188_000_000, rdExpense: 11_900_000, employees: 385, rdEmployees: 72 }],
          [...HEAD],
        ),
      );
      expect(report).toMatchObject({ created: 0, updated: 1, unchanged: 0, rejectedRows: 0 });
      const org = (await orgByUscc('913302063M7QK2PA4N'))!;
      const profile = (await new EnterpriseProfileService(dataSource).load(org.id))!;
      expect(profile).toMatchObject({ version: 2, inventionPatents: 19, utilityModels: 0 });
      expect(profile.financials!.map((f) => [f.year, f.revenue])).toEqual([
        [2025, 199_000_000],
        [2024, 182_500_000],
        [2023, 168_000_000],
      ]);
      expect(await counts()).toEqual({ ...before, events: before.events + 1 });
    });
  });

  it('imports 1,200 enterprises in one call: the multi-row statements stay within PostgreSQL\'s 65,535 parameters', async () => {
    const before = await counts();
    const rows = Array.from({ length: 1200 }, () => firm());
    const report = await run(csv(rows));
    expect(report).toMatchObject({ total: 1200, created: 1200, rejectedRows: 0 });
    expect(await counts()).toEqual({
      organizations: before.organizations + 1200,
      profiles: before.profiles + 1200,
      financials: before.financials + 1200,
      events: before.events + 2400,
    });
    // The same file again: nothing written.
    expect(await run(csv(rows))).toMatchObject({ created: 0, updated: 0, unchanged: 1200 });
    expect((await counts()).events).toBe(before.events + 2400);
  });

  describe('bad rows', () => {
    it('rejects each bad enterprise with its row and field and writes nothing for it', async () => {
      const bank = uscc('330203');
      await dataSource.getRepository(OrganizationEntity).save({ kind: 'BANK', name: '宁波测试银行', uscc: bank, regionCode: '330203', verified: true });
      const dup = uscc();
      const good = uscc('330281');
      const valid = uscc();
      const badUscc = valid.slice(0, 17) + (valid[17] === '0' ? '1' : '0'); // wrong check character
      const rows = [
        firm({ uscc: badUscc }), // row 2
        firm({ industryCode: 'C99' }), // row 3
        firm({ revenue: 10_000_000, mainBusinessRevenue: 12_000_000 }), // row 4
        firm({ year: 2099 }), // row 5
        firm({ uscc: dup, year: 2024 }), // row 6
        firm({ uscc: dup, year: 2024, name: '', regionCode: '', industryCode: '', tier: '', tierCertifiedOn: '', foundedOn: '', mainBusinessSince: '', mainProducts: '', capabilities: '', inventionPatents: '' }), // row 7
        firm({ uscc: bank }), // row 8
        firm({ uscc: good, regionCode: '330281' }), // row 9
        firm({ foundedOn: '2031-01-01', mainBusinessSince: '2031-01-01' }), // row 10
        firm({ rdEmployees: 500 }), // row 11
        firm({ revenue: '1234.5' }), // row 12
        firm({ regionCode: '330204' }), // row 13: retired 江东区
        firm({ tier: '金牌企业' }), // row 14
        firm({ foundedOn: '2019-02-30' }), // row 15
        firm({ uscc: '' }), // row 16
      ];
      const before = await counts();
      const report = await run(csv(rows));
      const at = (row: number) => report.rejected.filter((r) => r.row === row).map((r) => r.field);
      expect(at(2)).toEqual(['uscc']);
      expect(at(3)).toEqual(['industryCode']);
      expect(at(4)).toEqual(['mainBusinessRevenue']);
      expect(at(5)).toEqual(['year']);
      expect(at(7)).toEqual(['year']);
      expect(report.rejected.find((r) => r.row === 7)!.reason).toContain('重复');
      expect(at(6)).toEqual(['year']); // same enterprise as row 7, skipped with it
      expect(report.rejected.find((r) => r.row === 6)!.reason).toContain('row 7');
      expect(at(8)).toEqual(['uscc']);
      expect(report.rejected.find((r) => r.row === 8)!.reason).toContain('已注册为银行「宁波测试银行」');
      expect(report.rejected.find((r) => r.row === 8)!.notEnterprise).toBe(true);
      expect(at(10)).toEqual(['foundedOn']);
      expect(at(11)).toEqual(['rdEmployees']);
      expect(at(12)).toEqual(['revenue']);
      expect(at(13)).toEqual(['regionCode']);
      expect(report.rejected.find((r) => r.row === 13)!.reason).toContain('330212');
      expect(at(14)).toEqual(['tier']);
      expect(at(15)).toEqual(['foundedOn']);
      expect(at(16)).toEqual(['uscc']);
      expect(report.rejected.every((r) => r.reason.trim().length > 0)).toBe(true);
      expect(report).toMatchObject({ total: 15, created: 1, updated: 0, unchanged: 0, rejectedRows: 14 });
      expect(report.firms.map((f) => [f.uscc, f.rows])).toEqual([[good, [9]]]);

      expect(await counts()).toEqual({
        organizations: before.organizations + 1,
        profiles: before.profiles + 1,
        financials: before.financials + 1,
        events: before.events + 2,
      });
      expect(await orgByUscc(dup)).toBeNull();
      const bankProfile: unknown[] = await dataSource.query(
        'SELECT 1 FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE o.uscc = $1',
        [bank],
      );
      expect(bankProfile).toEqual([]);
    });

    it('keeps the good enterprises of a mixed file and reports the bad ones', async () => {
      const a = uscc('330203');
      const b = uscc('330205');
      const bad = uscc('330206');
      const rows = [
        firm({ uscc: a, year: 2024 }), // row 2
        firm({ uscc: bad, revenue: '五百万' }), // row 3
        firm({ uscc: a, year: 2025, name: '', regionCode: '' }), // row 4: a's second year
        firm({ uscc: b, mainProducts: '注塑模具|压铸模具, 检具' }), // row 5
        firm({ uscc: bad, year: 2024, name: '另一个名称有限公司' }), // row 6: conflicts with row 3
      ];
      const report = await run(csv(rows));
      expect(report).toMatchObject({ total: 5, created: 2, rejectedRows: 2 });
      expect(report.rejected.map((r) => [r.row, r.uscc, r.field])).toEqual([
        [3, bad, 'revenue'],
        [6, bad, 'name'],
      ]);
      expect(report.firms.map((f) => [f.uscc, f.rows, f.outcome])).toEqual([
        [a, [2, 4], 'CREATED'],
        [b, [5], 'CREATED'],
      ]);
      const profiles = new EnterpriseProfileService(dataSource);
      const pa = await profiles.load((await orgByUscc(a))!.id);
      expect(pa!.financials!.map((f) => f.year)).toEqual([2025, 2024]);
      const pb = await profiles.load((await orgByUscc(b))!.id);
      expect(pb!.mainProducts).toEqual(['注塑模具', '压铸模具', '检具']);
      expect(await orgByUscc(bad)).toBeNull();

      const rerun = await run(csv(rows));
      expect(rerun).toMatchObject({ created: 0, updated: 0, unchanged: 2, rejectedRows: 2 });
    });

    it('imports a profile-only row (no year) and imports into an existing VERIFIED ENTERPRISE organization without touching its identity', async () => {
      const code = uscc('330282');
      const repo = dataSource.getRepository(OrganizationEntity);
      const existing = await repo.save(repo.create({ kind: 'ENTERPRISE', name: '自行注册的名称有限公司', uscc: code, regionCode: '330282', verified: true }));
      const report = await run(csv([firm({ uscc: code, regionCode: '330282', year: '', revenue: '', mainBusinessRevenue: '', rdExpense: '', employees: '', rdEmployees: '' })]));
      expect(report).toMatchObject({ created: 1, rejectedRows: 0, claimConflicts: 0 });
      expect(report.firms[0]).toMatchObject({ organizationId: existing.id, organizationCreated: false, name: '自行注册的名称有限公司' });
      const org = await orgByUscc(code);
      expect(org).toMatchObject({ name: '自行注册的名称有限公司', verified: true, verificationState: 'VERIFIED' });
      const profile = await new EnterpriseProfileService(dataSource).load(existing.id);
      expect(profile!.financials).toEqual([]);
      expect(profile!.importedAt).toBeInstanceOf(Date);
    });

    it('attaches nothing to a USCC claimed by an unverified organization, flags the row and records the conflict', async () => {
      const code = uscc('330282');
      const repo = dataSource.getRepository(OrganizationEntity);
      const claimant = await repo.save(repo.create({ kind: 'ENTERPRISE', name: '抢注的名称有限公司', uscc: code, regionCode: '330282', verified: false }));
      expect(claimant.verificationState).toBe('PENDING');
      const events = async () => (await dataSource.query('SELECT count(*)::int AS n FROM outbox_events'))[0].n as number;
      const before = await events();
      const report = await run(csv([firm({ uscc: code, regionCode: '330282' })]));
      expect(report).toMatchObject({ created: 0, updated: 0, rejectedRows: 1, claimConflicts: 1, firms: [] });
      expect(report.rejected).toEqual([{ row: 2, uscc: code, field: 'uscc', reason: expect.stringContaining('尚未通过主管部门审核'), claimConflict: true }]);
      expect(await new EnterpriseProfileService(dataSource).load(claimant.id)).toBeNull();
      expect(await events()).toBe(before);
      const [conflict] = await dataSource.query('SELECT uscc, import_count FROM uscc_claim_conflicts WHERE organization_id = $1', [claimant.id]);
      expect(conflict).toEqual({ uscc: code, import_count: 1 });
      await run(csv([firm({ uscc: code, regionCode: '330282' })]));
      const [again] = await dataSource.query('SELECT import_count FROM uscc_claim_conflicts WHERE organization_id = $1', [claimant.id]);
      expect(again.import_count).toBe(2);
    });
  });

  describe('reading files', () => {
    it('accepts Chinese headers, Chinese tier names, units in headers, thousands separators and GB18030 encoding', async () => {
      const text =
        '统一社会信用代码,企业名称,行政区划代码,行业代码,梯度,成立日期,主营起始日期,年度,营业收入（元）,主营业务收入(元),研发费用,从业人数,研发人数,备注\n' +
        `${uscc()},宁波编码测试有限公司,330212,c34,专精特新“小巨人”,2015/3/8,2015年3月8日,2025年,"12,000,000",11000000,600000,80,12,任意说明\n`;
      const rows = await parseEnterpriseFile(Buffer.from(text, 'utf8'), 'list.CSV'); // UTF-8 first …
      expect(rows[0]!.values).toMatchObject({ tier: '专精特新“小巨人”', revenue: '12,000,000', foundedOn: '2015/3/8' });
      expect(rows[0]!.values).not.toHaveProperty('备注');
      const report = await importer.import(rows, { actorUserId: null, today: TODAY });
      expect(report).toMatchObject({ created: 1, rejectedRows: 0 });
      const p = await new EnterpriseProfileService(dataSource).load(report.firms[0]!.organizationId);
      expect(p).toMatchObject({ tier: 'LITTLE_GIANT', industryCode: 'C34', foundedOn: '2015-03-08', mainBusinessSince: '2015-03-08' });
      expect(p!.financials![0]).toMatchObject({ year: 2025, revenue: 12_000_000 });

      // … and the same sheet as saved by Chinese Excel ("CSV" in the GBK code page).
      const gb18030 = Buffer.from([0xcd, 0xb3, 0xd2, 0xbb, 0xc9, 0xe7, 0xbb, 0xe1, 0xd0, 0xc5, 0xd3, 0xc3, 0xb4, 0xfa, 0xc2, 0xeb]); // 统一社会信用代码
      const header = Buffer.concat([gb18030, Buffer.from(',name,regionCode,industryCode,foundedOn,mainBusinessSince\n')]);
      const parsed = await parseEnterpriseFile(Buffer.concat([header, Buffer.from(`${uscc()},GBK Co,330212,C34,2015-01-01,2015-01-01\n`)]), 'gbk.csv');
      expect(parsed[0]!.values.uscc).toHaveLength(18);
    });

    it.each([
      ['a missing required column', 'uscc,name,regionCode,foundedOn,mainBusinessSince\n', 'list.csv', 'industryCode'],
      ['amounts in 亿元', 'uscc,name,regionCode,industryCode,foundedOn,mainBusinessSince,营业收入（亿元）\n', 'list.csv', '亿元'],
      ['a sheet without a recognisable header', '名单\n甲,乙,丙\n', 'list.csv', '表头'],
      ['a duplicated column', 'uscc,统一社会信用代码,name,regionCode,industryCode,foundedOn,mainBusinessSince\n', 'list.csv', '重复'],
      ['an empty file', '\n\n', 'list.csv', '表头'],
      ['a .xls file', 'whatever', 'list.xls', '.xlsx'],
      ['an unknown extension', 'whatever', 'list.pdf', '.csv'],
      ['a broken workbook', 'PK not really a zip', 'list.xlsx', 'xlsx'],
    ])('refuses %s with BAD_USER_INPUT', async (_what, content, filename, mention) => {
      const err = await parseError(parseEnterpriseFile(Buffer.from(content), filename));
      expect(err.code).toBe('BAD_USER_INPUT');
      expect(err.message).toContain(mention);
    });

    it('imports a real bureau sheet: title row, synonyms, amounts in 万元 converted exactly, extra columns reported', async () => {
      const code = uscc();
      const text =
        '2025年度宁波市专精特新中小企业培育库名单,,,,,,,,,,,,,\n' +
        ',,,,,,,,,,,,,\n' +
        '序号,单位名称,信用代码,所属地区,所属行业,成立时间,主营业务起始日期,年份,营业收入（万元）,主营业务收入（万元）,研发投入（万元）,净利润（万元）,法定代表人,备注\n' +
        `1,宁波万元测试有限公司,${code},330212,C34,2015-03-08,2015-03-08,2025,"1,234.5678",1000.1,0.3,-12.5,张三,无\n` +
        ',,,,,,,,,,,,,\n' +
        `2,宁波万元测试有限公司,${code},,,,,2024,1.15,1.15,0.0001,,,\n` +
        `3,宁波小数过多有限公司,${uscc()},330212,C34,2015-03-08,2015-03-08,2025,1.23456,1,1,,,\n`;
      const sheet = await parseEnterpriseSheet(Buffer.from(text, 'utf8'), 'bureau.csv');
      expect(sheet.headerRow).toBe(3);
      expect(sheet.unknownColumns).toEqual([{ column: 'M', header: '法定代表人' }]);
      expect(sheet.rows.map((r) => r.row)).toEqual([4, 6, 7]);
      const before = await counts();
      const report = await importer.import(sheet.rows, { actorUserId: null, today: TODAY });
      expect(report).toMatchObject({ total: 3, created: 1, rejectedRows: 1 });
      expect(report.rejected).toEqual([{ row: 7, uscc: expect.any(String), field: 'revenue', reason: expect.stringContaining('4 位小数') }]);
      const p = await new EnterpriseProfileService(dataSource).load(report.firms[0]!.organizationId);
      expect(p!.financials).toEqual([
        expect.objectContaining({ year: 2025, revenue: 12_345_678, mainBusinessRevenue: 10_001_000, rdExpense: 3_000, netProfit: -125_000 }),
        expect.objectContaining({ year: 2024, revenue: 11_500, mainBusinessRevenue: 11_500, rdExpense: 1, netProfit: null }),
      ]);
      expect((await counts()).organizations).toBe(before.organizations + 1);
      // The same sheet again changes nothing: the converted figures equal the stored ones.
      expect(await importer.import(sheet.rows, { actorUserId: null, today: TODAY })).toMatchObject({ created: 0, unchanged: 1, updated: 0 });
    });

    it('numbers rows as the file does, skipping blank lines but counting them', async () => {
      const text = `${HEAD.join(',')}\n\n${csv([firm()]).toString('utf8').split('\r\n')[1]}\n,,,\n`;
      const rows: RawRow[] = await parseEnterpriseFile(Buffer.from(text), 'list.csv');
      expect(rows.map((r) => r.row)).toEqual([3]);
    });
  });

  describe('contact columns (联系人, 联系电话, 邮箱)', () => {
    const CONTACT_HEAD = [...HEAD, '联系人', '联系电话', '邮箱'];
    const withContact = (over: Record<string, string> = {}) => ({ ...firm(), 联系人: '王海燕', 联系电话: '0574-87654321', 邮箱: 'Wang.HY@yongxin.example', ...over }) as Cells;

    it('keeps a firm’s contact in the organization’s contact fields, e-mail normalised', async () => {
      const row = withContact();
      const report = await run(csv([row], CONTACT_HEAD));
      expect(report).toMatchObject({ created: 1, rejectedRows: 0 });
      expect(await orgByUscc(String(row.uscc))).toMatchObject({ contactName: '王海燕', contactPhone: '0574-87654321', contactEmail: 'wang.hy@yongxin.example' });
    });

    it('accepts the aliases 联系邮箱 and 手机 as headers', async () => {
      const row = { ...firm(), 联系邮箱: 'li@firm.example', 手机: '13800138000' } as Cells;
      await run(csv([row], [...HEAD, '联系邮箱', '手机']));
      expect(await orgByUscc(String(row.uscc))).toMatchObject({ contactEmail: 'li@firm.example', contactPhone: '13800138000' });
    });

    it.each([
      ['邮箱', 'not-an-address', 'contactEmail'],
      ['联系电话', 'call me maybe', 'contactPhone'],
      ['联系人', '很'.repeat(51), 'contactName'],
    ])('rejects a bad %s without echoing the value and writes nothing for that firm', async (column, value, field) => {
      const before = await counts();
      const row = withContact({ [column]: value });
      const report = await run(csv([row], CONTACT_HEAD));
      expect(report.rejected).toEqual([expect.objectContaining({ field, uscc: row.uscc })]);
      expect(report.rejected[0]!.reason).not.toContain(value);
      expect(await counts()).toEqual(before);
    });

    it('a re-import with a corrected 邮箱 updates it (UPDATED) while the firm has no account', async () => {
      const row = withContact();
      await run(csv([row], CONTACT_HEAD));
      const again = await run(csv([{ ...row, 邮箱: 'new@yongxin.example' } as Cells], CONTACT_HEAD));
      expect(again).toMatchObject({ updated: 1, unchanged: 0 });
      expect((await orgByUscc(String(row.uscc)))?.contactEmail).toBe('new@yongxin.example');
      const same = await run(csv([{ ...row, 邮箱: 'new@yongxin.example' } as Cells], CONTACT_HEAD));
      expect(same).toMatchObject({ updated: 0, unchanged: 1 });
    });

    it('once the firm has an account, its own contact details win over the sheet', async () => {
      const row = withContact();
      await run(csv([row], CONTACT_HEAD));
      const org = (await orgByUscc(String(row.uscc)))!;
      await dataSource.query(`INSERT INTO users (email, password_hash, display_name, organization_id, role) VALUES ($1, 'x', '负责人', $2, 'OWNER')`, [`owner-${org.id}@firm.example`, org.id]);
      await dataSource.query(`UPDATE organizations SET contact_email = 'self@firm.example' WHERE id = $1`, [org.id]);
      const again = await run(csv([{ ...row, 邮箱: 'bureau@firm.example' } as Cells], CONTACT_HEAD));
      expect(again).toMatchObject({ unchanged: 1 });
      expect((await orgByUscc(String(row.uscc)))?.contactEmail).toBe('self@firm.example');
    });
  });

  describe('title provenance (DOMAIN.md §8.10)', () => {
    const provenance = async (code: string) =>
      (await dataSource.query(`SELECT p.tier_provenance AS p FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE o.uscc = $1`, [code]))[0]?.p;

    it('an imported title is IMPORTED; re-importing the same row is unchanged and stays IMPORTED', async () => {
      const row = firm({ tier: 'LITTLE_GIANT', tierCertifiedOn: '2024-05-10' });
      expect(await run(csv([row]))).toMatchObject({ created: 1 });
      expect(await provenance(String(row.uscc))).toBe('IMPORTED');
      expect(await run(csv([row]))).toMatchObject({ unchanged: 1, updated: 0 });
      expect(await provenance(String(row.uscc))).toBe('IMPORTED');
    });

    it('the same figures under a title the firm only claims are written again: the list confirms the title (IMPORTED)', async () => {
      const row = firm({ tier: 'LITTLE_GIANT', tierCertifiedOn: '2024-05-10' });
      await run(csv([row]));
      // As after the firm re-entered its title itself (a claim), with every figure still equal to the list.
      await dataSource.query(
        `UPDATE enterprise_profiles p SET tier_provenance = 'CLAIMED' FROM organizations o WHERE o.id = p.organization_id AND o.uscc = $1`,
        [String(row.uscc)],
      );
      expect(await run(csv([row]))).toMatchObject({ updated: 1, unchanged: 0 });
      expect(await provenance(String(row.uscc))).toBe('IMPORTED');
    });

    it('a row without a title leaves no provenance', async () => {
      const row = firm({ tier: '', tierCertifiedOn: '' });
      await run(csv([row]));
      expect(await provenance(String(row.uscc))).toBeNull();
    });
  });
});
