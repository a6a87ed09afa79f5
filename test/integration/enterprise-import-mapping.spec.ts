import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { DataSource } from 'typeorm';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter } from '../../libs/enterprises/src/import/enterprise-import.js';
import { EnterpriseImportRuns } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import type { ColumnMappingInput } from '../../libs/enterprises/src/import/import-mapping.js';
import { openTestDataSource } from '../helpers/test-database.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));
const PNG = Buffer.from('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNk+M9QDwADhgGAWjR9awAAAABJRU5ErkJggg==', 'base64');

async function xlsx(fill: (wb: ExcelJS.Workbook, ws: ExcelJS.Worksheet) => void): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  fill(wb, wb.addWorksheet('名单'));
  return Buffer.from(await wb.xlsx.writeBuffer());
}

/**
 * Issue 14: the mapping and units a person corrects at confirm, and bad input through the
 * asynchronous pipeline (upload → parse → confirm → run), each ending in a clear state and report.
 */
describe('asynchronous imports: mapping at confirm, and bad input end to end (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let runs: EnterpriseImportRuns;
  const userId = randomUUID();

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
    runs = new EnterpriseImportRuns(dataSource, new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource)));
  });

  afterAll(async () => {
    await close?.();
  });

  const parsed = async (filename: string, content: Buffer) => {
    const row = await dataSource.transaction((m) => runs.start(m, userId, filename, content));
    await runs.parse(row.id);
    return (await runs.find(row.id))!;
  };
  const confirm = (id: string, mapping?: ColumnMappingInput[]) => dataSource.transaction((m) => runs.confirm(m, id, null, mapping));
  const refusal = async (work: Promise<unknown>) => {
    try {
      await work;
    } catch (err) {
      const e = err as { code: string; message: string; details: { field?: string } };
      return { code: e.code, field: e.details.field, message: e.message };
    }
    throw new Error('expected a refusal');
  };
  const revenueOf = async (code: string) =>
    (await dataSource.query(`SELECT f.revenue::text AS r FROM enterprise_financials f JOIN organizations o ON o.id = f.organization_id WHERE o.uscc = $1`, [code]))[0]?.r;
  const events = async (id: string) => (await dataSource.query(`SELECT count(*)::int AS n FROM outbox_events WHERE aggregate_id::text = $1 AND type = 'enterprise-import.confirmed'`, [id]))[0].n;

  describe('mapping and units at confirm', () => {
    // 纳税人识别号 is not a synonym of 统一社会信用代码; 销售额 is not one of 营业收入 and its header names 万元.
    const oddSheet = (codes: string[]) =>
      Buffer.from(
        '纳税人识别号,企业名称,所属地区,所属行业,成立日期,主营起始日期,年度,销售额（万元）,主营业务收入,研发费用,企业联系邮箱\n' +
          codes.map((c, i) => `${c},宁波映射测试${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,120.5,1000000,50000,m${i}@firm.example`).join('\n'),
      );

    it('a required column the synonyms do not know: previewed as missing, confirmed only with a mapping that supplies it', async () => {
      const codes = [uscc(), uscc()];
      const row = await parsed('odd.csv', oddSheet(codes));
      expect(row).toMatchObject({ status: 'PREVIEW_READY', rowsTotal: 2 });
      expect(row.sheet!.missing).toEqual(['uscc']);
      expect(row.sheet!.headers!.map((h) => h.column)).toEqual(['A', 'B', 'C', 'D', 'E', 'F', 'G', 'H', 'I', 'J', 'K']);
      // Rows are not checked while a required field has no column (each would be refused for it).
      expect(row.preview).toEqual({ wouldCreate: 0, wouldUpdate: 0, rejected: [] });

      // Without a mapping, and with each kind of bad mapping: refused naming the entry, nothing queued, still PREVIEW_READY.
      expect(await refusal(confirm(row.id))).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping', message: expect.stringContaining('统一社会信用代码（uscc）') });
      const bad: Array<[ColumnMappingInput[], string, string]> = [
        [[{ column: 'A', field: '税号' }], 'mapping.columns[0].field', '未知的导入字段'],
        [[{ column: 'A', field: 'uscc' }, { column: 'Z', field: 'revenue' }], 'mapping.columns[1].column', '不在文件中'],
        [[{ column: 'A', field: 'uscc' }, { column: 'a', ignore: true }], 'mapping.columns[1].column', '两次'],
        [[{ column: 'A', field: 'uscc' }, { column: 'H', field: 'mainBusinessRevenue' }], 'mapping.columns[1].field', '都对应 主营业务收入'],
        [[{ column: 'A', field: 'uscc' }, { column: 'B', field: 'uscc' }], 'mapping.columns[1].field', '都对应 统一社会信用代码'],
        [[{ column: 'A', field: 'uscc' }, { column: 'B', unit: 'TEN_THOUSAND_YUAN' }], 'mapping.columns[1].unit', '不是金额列'],
        [[{ column: 'A', field: 'uscc' }, { column: 'H', field: 'revenue', ignore: true }], 'mapping.columns[1].ignore', '既忽略'],
        [[{ column: 'A', field: 'uscc' }, { column: 'H' }], 'mapping.columns[1].field', 'field、unit 或 ignore'],
        [[{ column: 'A', field: 'uscc' }, { column: 'B', ignore: true }], 'mapping.columns', '企业名称'],
        [[{ column: 'H', field: 'revenue' }], 'mapping.columns', '统一社会信用代码'],
        [[], 'mapping.columns', '1–100'],
      ];
      for (const [mapping, field, mention] of bad) {
        expect({ mapping, ...(await refusal(confirm(row.id, mapping))) }).toMatchObject({ mapping, code: 'BAD_USER_INPUT', field, message: expect.stringContaining(mention) });
      }
      expect((await runs.find(row.id))!.status).toBe('PREVIEW_READY');
      expect(await events(row.id)).toBe(0);

      // A good one: A feeds the USCC (by its Chinese name), H the revenue (its header's 万元 kept), K the contact e-mail.
      const confirmed = await confirm(row.id, [
        { column: 'A', field: '统一社会信用代码' },
        { column: 'H', field: 'revenue' },
        { column: 'K', field: 'contactEmail' },
      ]);
      expect(confirmed.status).toBe('RUNNING');
      expect(await events(row.id)).toBe(1);
      await runs.run(row.id, null);
      const done = (await runs.find(row.id))!;
      expect(done).toMatchObject({ status: 'DONE', rowsTotal: 2, rowsDone: 2, created: 2, rejectedRows: 0 });
      expect(done.sheet).toMatchObject({ remapped: true, missing: [], unknownColumns: [] });
      expect(done.sheet!.columns).toContainEqual({ column: 'H', header: '销售额（万元）', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' });
      expect(await revenueOf(codes[0]!)).toBe('1205000');
      const org = await dataSource.getRepository(OrganizationEntity).findOneBy({ uscc: codes[1] });
      expect(org).toMatchObject({ name: '宁波映射测试1有限公司', contactEmail: 'm1@firm.example' });
      expect(await runs.outcomeCounts(row.id)).toEqual([{ outcome: 'CREATED', rows: 2 }]);
    });

    it('a unit declared at confirm overrides the header: a bare 营业收入 in 万元, and a 万元 header that is really 元', async () => {
      const [a, b] = [uscc(), uscc()];
      const file = Buffer.from(
        '统一社会信用代码,企业名称,行政区划代码,行业代码,成立日期,主营起始日期,年度,营业收入,主营业务收入（万元）,研发费用\n' +
          `${a},宁波单位测试甲有限公司,330212,C34,2015-01-01,2015-01-01,2025,1.15,11000,300\n` +
          `${b},宁波单位测试乙有限公司,330212,C34,2015-01-01,2015-01-01,2025,2,20000,300\n`,
      );
      const row = await parsed('units.csv', file);
      expect(row.sheet!.columns).toContainEqual({ column: 'H', header: '营业收入', key: 'revenue', moneyUnit: 'YUAN' });
      // As detected, 1.15 元 is refused (whole 元 only); 营业收入 2 元 < 主营业务收入 2 亿 would be refused by the profile check.
      expect((row.preview!.rejected as Array<{ row: number; field: string }>).map((r) => [r.row, r.field])).toEqual([[2, 'revenue']]);
      await confirm(row.id, [
        { column: 'H', unit: 'TEN_THOUSAND_YUAN' },
        { column: 'I', unit: 'YUAN' },
      ]);
      await runs.run(row.id, null);
      const done = (await runs.find(row.id))!;
      expect(done).toMatchObject({ status: 'DONE', created: 2, rejectedRows: 0 });
      // The preview shows the mapping's checks once applied.
      expect(done.preview!.rejected).toEqual([]);
      expect(await revenueOf(a)).toBe('11500');
      expect(await revenueOf(b)).toBe('20000');
      const main = await dataSource.query(`SELECT f.main_business_revenue::text AS m FROM enterprise_financials f JOIN organizations o ON o.id = f.organization_id WHERE o.uscc = $1`, [a]);
      expect(main[0].m).toBe('11000');
    });

    it('ignore drops a detected column; the run applies the mapping once even when retried', async () => {
      const code = uscc();
      const file = Buffer.from(
        '统一社会信用代码,企业名称,行政区划代码,行业代码,成立日期,主营起始日期,核心技术\n' + `${code},宁波忽略测试有限公司,330212,C34,2015-01-01,2015-01-01,不应导入的说明\n`,
      );
      const row = await parsed('ignore.csv', file);
      await confirm(row.id, [{ column: 'G', ignore: true }]);
      await runs.run(row.id, null, { stopAfterBatches: 0 });
      expect((await runs.find(row.id))!.sheet).toMatchObject({ remapped: true });
      await runs.run(row.id, null);
      expect(await runs.find(row.id)).toMatchObject({ status: 'DONE', created: 1 });
      const [profile] = await dataSource.query(`SELECT p.capabilities FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE o.uscc = $1`, [code]);
      expect(profile.capabilities).toBe('');
    });
  });

  // A million rows: refused at the row bound by the reader (sheet-reader.spec) and through upload → FAILED (enterprise-imports-async.e2e).
  describe('bad input: each ends in a clear state and a report', () => {
    const head = '统一社会信用代码,企业名称,行政区划代码,行业代码,成立日期,主营起始日期,年度,营业收入,主营业务收入,研发费用';

    it.each<[string, string, () => Promise<Buffer>, string]>([
      ['a zip bomb', 'bomb.xlsx', async () => {
        const zip = new JSZip();
        zip.file('[Content_Types].xml', '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>');
        zip.file('xl/worksheets/sheet1.xml', Buffer.alloc(20 * 1024 * 1024, 0x20)); // ≈ 1000:1, far past the ratio bound
        return zip.generateAsync({ type: 'nodebuffer', compression: 'DEFLATE', compressionOptions: { level: 9 } });
      }, '压缩炸弹'],
      ['a password-protected workbook', 'locked.xlsx', async () => Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(4096)]), '密码'],
      ['a workbook with macros', 'macro.xlsx', async () => {
        const zip = await JSZip.loadAsync(await xlsx((_wb, ws) => (ws.getRow(1).values = head.split(','))));
        zip.file('xl/vbaProject.bin', Buffer.alloc(512, 1));
        return zip.generateAsync({ type: 'nodebuffer' });
      }, '宏'],
      ['a sheet of images and no cells', 'images.xlsx', () => xlsx((wb, ws) => {
        const image = wb.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' });
        ws.addImage(image, 'A1:D8');
        ws.addImage(image, 'F1:H8');
      }), '文件为空'],
      ['a wide sheet', 'wide.xlsx', () => xlsx((_wb, ws) => {
        ws.getRow(1).values = head.split(',');
        ws.getCell(2, 16_384).value = 'x';
      }), 'XFD'],
    ])('%s: FAILED at parse with the reason, no rows, a report saying so', async (_what, filename, make, mention) => {
      const row = await parsed(filename, await make());
      expect(row).toMatchObject({ status: 'FAILED', rowsTotal: 0, rowsDone: 0, preview: null });
      expect(row.error).toContain(mention);
      expect(row.finishedAt).not.toBeNull();
      expect(await refusal(confirm(row.id))).toMatchObject({ code: 'CONFLICT' });
      expect(await runs.reportRows(row.id)).toEqual([]);
    });

    it('a GBK (GB18030) CSV as saved by Chinese Excel, and a UTF-8 one with a BOM, import the same names', async () => {
      const [a, b] = [uscc(), uscc()];
      const body = (code: string, name: string) => `${head}\n${code},${name},330212,C34,2015-01-01,2015-01-01,2025,1000000,900000,50000\n`;
      // GBK bytes of 宁波编码甲有限公司 (TextEncoder has no GBK: the header is recognised from the same bytes).
      const gbk = new TextDecoder('gb18030');
      const name = '宁波编码甲有限公司';
      const gbkBytes = gbkEncode(name);
      expect(gbk.decode(gbkBytes)).toBe(name);
      const gbkFile = Buffer.concat([gbkEncode(head), Buffer.from(`\n${a},`), gbkBytes, Buffer.from(',330212,C34,2015-01-01,2015-01-01,2025,1000000,900000,50000\n')]);
      const bomFile = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(body(b, '宁波编码乙有限公司'))]);
      for (const [file, code, expected] of [[gbkFile, a, name], [bomFile, b, '宁波编码乙有限公司']] as const) {
        const row = await parsed('list.csv', file);
        expect(row).toMatchObject({ status: 'PREVIEW_READY', headerRow: 1 });
        expect(row.sheet!.missing).toEqual([]);
        await confirm(row.id);
        await runs.run(row.id, null);
        expect(await runs.find(row.id)).toMatchObject({ status: 'DONE', created: 1 });
        expect((await dataSource.getRepository(OrganizationEntity).findOneBy({ uscc: code }))!.name).toBe(expected);
      }
    });

    it('formulas: the cached values are imported, never the formula text', async () => {
      const code = uscc();
      const file = await xlsx((_wb, ws) => {
        ws.getRow(1).values = head.split(',');
        ws.getRow(2).values = [code, '宁波公式测试有限公司', '330212', 'C34', '2015-01-01', '2015-01-01', 2025];
        ws.getCell('H2').value = { formula: 'I2+J2', result: 950000 } as ExcelJS.CellFormulaValue;
        ws.getCell('I2').value = 900000;
        ws.getCell('J2').value = { formula: '5*10000', result: 50000 } as ExcelJS.CellFormulaValue;
      });
      const row = await parsed('formulas.xlsx', file);
      await confirm(row.id);
      await runs.run(row.id, null);
      expect(await runs.find(row.id)).toMatchObject({ status: 'DONE', created: 1 });
      expect(await revenueOf(code)).toBe('950000');
    });

    it('duplicate USCCs within a file: the rows form one enterprise; a clash between them rejects all its rows, the batch keeps the others', async () => {
      const [dup, good] = [uscc(), uscc()];
      const line = (code: string, name: string, year: number) => `${code},${name},330212,C34,2015-01-01,2015-01-01,${year},1000000,900000,50000`;
      const file = Buffer.from(
        [head, line(dup, '宁波重复甲有限公司', 2024), line(good, '宁波重复乙有限公司', 2025), line(dup, '宁波重复丙有限公司', 2025), line(dup, '宁波重复甲有限公司', 2024)].join('\n'),
      );
      const row = await parsed('dup.csv', file);
      await confirm(row.id);
      await runs.run(row.id, null);
      expect(await runs.find(row.id)).toMatchObject({ status: 'DONE', firmsTotal: 2, created: 1, rejectedRows: 3 });
      const report = await runs.reportRows(row.id);
      expect(report.map((r) => [r.row, r.outcome, r.field])).toEqual([
        [2, 'REJECTED', 'name'],
        [3, 'CREATED', null],
        [4, 'REJECTED', 'name'],
        [5, 'REJECTED', 'name'],
      ]);
      expect(report.find((r) => r.row === 4)!.reason).toContain('不一致');
      expect(await dataSource.getRepository(OrganizationEntity).countBy({ uscc: dup })).toBe(0);
    });

    it('USCCs of another kind (a bank, a service institution): their own outcome NOT_ENTERPRISE, with the kind named in Chinese', async () => {
      const [bank, provider, fresh] = [uscc(), uscc(), uscc()];
      const repo = dataSource.getRepository(OrganizationEntity);
      await repo.save(repo.create({ kind: 'BANK', name: '宁波映射测试银行', uscc: bank, regionCode: '330212', verified: true }));
      await repo.save(repo.create({ kind: 'SERVICE_PROVIDER', name: '宁波映射测试服务中心', uscc: provider, regionCode: '330212', verified: false }));
      const line = (code: string, i: number) => `${code},宁波他类测试${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,1000000,900000,50000`;
      const row = await parsed('kinds.csv', Buffer.from([head, line(bank, 1), line(provider, 2), line(fresh, 3)].join('\n')));
      await confirm(row.id);
      await runs.run(row.id, null);
      expect(await runs.find(row.id)).toMatchObject({ status: 'DONE', created: 1, claimConflicts: 0, rejectedRows: 2 });
      const report = await runs.reportRows(row.id);
      expect(report.map((r) => [r.row, r.outcome, r.field])).toEqual([
        [2, 'NOT_ENTERPRISE', 'uscc'],
        [3, 'NOT_ENTERPRISE', 'uscc'],
        [4, 'CREATED', null],
      ]);
      expect(report[0]!.reason).toContain('已注册为银行「宁波映射测试银行」');
      expect(report[1]!.reason).toContain('已注册为服务机构');
      expect(report[0]!.reason).not.toMatch(/BANK|SERVICE_PROVIDER/);
      expect(await runs.outcomeCounts(row.id)).toEqual([
        { outcome: 'CREATED', rows: 1 },
        { outcome: 'NOT_ENTERPRISE', rows: 2 },
      ]);
      // Nothing was attached to the bank or the provider.
      expect(await dataSource.query(`SELECT count(*)::int AS n FROM enterprise_profiles p JOIN organizations o ON o.id = p.organization_id WHERE o.uscc = ANY($1)`, [[bank, provider]])).toEqual([{ n: 0 }]);
    });
  });
});

/** GBK bytes of a text, from Node's GB18030 decoder run backwards over the two-byte range (no encoder ships with Node). */
function gbkEncode(text: string): Buffer {
  const table = gbkTable();
  const out: number[] = [];
  for (const ch of text) {
    if (ch.charCodeAt(0) < 0x80) out.push(ch.charCodeAt(0));
    else {
      const code = table.get(ch);
      if (code === undefined) throw new Error(`no GBK code for ${ch}`);
      out.push(code >> 8, code & 0xff);
    }
  }
  return Buffer.from(out);
}

let gbkCache: Map<string, number> | undefined;
function gbkTable(): Map<string, number> {
  if (gbkCache) return gbkCache;
  const decoder = new TextDecoder('gb18030');
  const map = new Map<string, number>();
  for (let hi = 0x81; hi <= 0xfe; hi++) {
    for (let lo = 0x40; lo <= 0xfe; lo++) {
      if (lo === 0x7f) continue;
      const ch = decoder.decode(Buffer.from([hi, lo]));
      if (ch.length === 1 && !map.has(ch)) map.set(ch, (hi << 8) | lo);
    }
  }
  gbkCache = map;
  return map;
}
