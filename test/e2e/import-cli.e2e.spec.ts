/**
 * `npm run import:enterprises` beside a running server (ADR 0017): the CLI hands the file to the
 * running app's database as an asynchronous import, the app's workers parse and run it, the CLI
 * confirms (--yes) and follows it to DONE. Then the retention purge, and the report of a purged
 * import over HTTP and GraphQL.
 */
import { spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { EnterpriseImportRuns } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';

const CLI = join(process.cwd(), 'dist/apps/api/src/import-enterprises.cli.js');
const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const GET = `query($id: ID!) { enterpriseImport(id: $id) { id status filePurgedAt created rejectedRows report(first: 10) { totalCount } } }`;
const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));

function sheet(codes: readonly string[]): string {
  return [
    '2025年度专精特新企业名单,,,,,,,,,',
    'uscc,name,regionCode,industryCode,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense',
    ...codes.map((c, i) => `${c},宁波命令行导入${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,1000000,900000,50000`),
    `${uscc()},宁波命令行导入坏行有限公司,330212,C34,2015-01-01,2015-01-01,2025,-1,900000,50000`,
  ].join('\n');
}

function runCli(args: string[], env: Record<string, string>): Promise<{ code: number | null; stdout: string; stderr: string }> {
  return new Promise((resolve, reject) => {
    // stdin is not a terminal here, as in a script or CI.
    const child = spawn(process.execPath, [CLI, ...args], { env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (c: Buffer) => (stdout += c.toString()));
    child.stderr.on('data', (c: Buffer) => (stderr += c.toString()));
    child.on('error', reject);
    child.on('exit', (code) => resolve({ code, stdout, stderr }));
  });
}

describe('npm run import:enterprises beside a running server', () => {
  let app: TestApp;
  let dir: string;
  let env: Record<string, string>;
  let authority: string;
  let base: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => app.started.runtime.database.dataSource.query(text, params) as Promise<T[]>;

  beforeAll(async () => {
    app = await startTestApp();
    base = app.url.replace(/\/graphql$/, '');
    dir = await mkdtemp(join(tmpdir(), 'srdi-import-cli-'));
    // The CLI finds the server through its database, as `npm run reindex` does.
    env = { NODE_ENV: 'test', DATABASE_URL: app.db.url, REDIS_URL: '', PUBLIC_BASE_URL: base, INIT_CWD: dir, LOG_LEVEL: 'silent' };
    authority = (await app.gql(LOGIN, { i: TEST_AUTHORITY })).data!.login.accessToken;
  });

  afterAll(async () => {
    await app?.close();
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('--yes: submits, confirms and follows the import to DONE with the counts and the report location; rows are in the database', async () => {
    const codes = [uscc(), uscc(), uscc()];
    await writeFile(join(dir, 'list.csv'), sheet(codes));

    const run = await runCli(['list.csv', '--yes', '--json'], env);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 0 });
    const summary = JSON.parse(run.stdout) as Record<string, unknown>;
    expect(summary).toMatchObject({ status: 'DONE', firmsTotal: 4, firmsDone: 4, created: 3, updated: 0, unchanged: 0, rejectedRows: 1 });
    const id = summary.id as string;
    expect(summary.reportUrl).toBe(`${base}/imports/enterprises/${id}/report.xlsx`);
    expect(run.stderr).toContain('预览：将新建 4 家');
    expect(run.stderr).toMatch(/DONE 完成：4 家企业，新建 3，更新 0，无变化 0；拒绝 1 行/);
    expect(run.stderr).toContain(`/imports/enterprises/${id}/report.xlsx`);

    const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM organizations o JOIN enterprise_profiles p ON p.organization_id = o.id WHERE o.uscc = ANY($1)', [codes]);
    expect(n).toBe(3);
    const [stored] = await sql<{ created_by: string | null; filename: string }>('SELECT created_by, filename FROM enterprise_imports WHERE id = $1', [id]);
    expect(stored).toEqual({ created_by: null, filename: 'list.csv' });

    // Seen by the AUTHORITY like any upload.
    const res = await app.gql(GET, { id }, authority);
    expect(res.errors).toBeUndefined();
    expect(res.data!.enterpriseImport).toMatchObject({ status: 'DONE', filePurgedAt: null, created: 3, rejectedRows: 1, report: { totalCount: 4 } });

    // After the retention the file goes; the report still downloads, without the original cells, and says so.
    const runs = app.started.app.get(EnterpriseImportRuns);
    expect(await runs.purgeFiles(30, new Date(Date.now() + 31 * 24 * 3600 * 1000))).toBeGreaterThanOrEqual(1);
    const purged = await app.gql(GET, { id }, authority);
    expect(purged.data!.enterpriseImport.filePurgedAt).toEqual(expect.any(String));
    expect(purged.data!.enterpriseImport.report.totalCount).toBe(4);
    const xlsx = await fetch(`${base}/imports/enterprises/${id}/report.xlsx`, { headers: { authorization: `Bearer ${authority}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    expect(rows[0]![0]).toMatch(/^原始文件已于 \d{4}-\d{2}-\d{2} 按保留期限清除/);
    expect(rows[1]).toEqual(['行号', '统一社会信用代码', '结果', '出错的列', '原因']);
    expect(rows.slice(2).map((r) => [r[0], r[2], r[3]])).toEqual([
      ['3', '新建', ''],
      ['4', '新建', ''],
      ['5', '新建', ''],
      ['6', '未导入', '营业收入'],
    ]);
    expect(rows.slice(2, 5).map((r) => r[1])).toEqual(codes);
  });

  it('without --yes and without a terminal: prints the preview, leaves it PREVIEW_READY, writes nothing, exit code 3', async () => {
    const codes = [uscc(), uscc()];
    await writeFile(join(dir, 'unconfirmed.csv'), sheet(codes));
    const run = await runCli(['unconfirmed.csv'], env);
    expect({ code: run.code, stderr: run.stderr }).toMatchObject({ code: 3 });
    expect(run.stderr).toContain('预览：将新建 3 家');
    expect(run.stderr).toContain('非交互模式须加 --yes');
    const [row] = await sql<{ status: string }>(`SELECT status FROM enterprise_imports WHERE filename = 'unconfirmed.csv'`);
    expect(row!.status).toBe('PREVIEW_READY');
    const [{ n }] = await sql<{ n: number }>('SELECT count(*)::int AS n FROM organizations WHERE uscc = ANY($1)', [codes]);
    expect(n).toBe(0);
  });

  it('refuses a file that is not a list before submitting anything (exit 1), and wrong usage (exit 2)', async () => {
    await writeFile(join(dir, 'fake.xlsx'), 'not a workbook');
    const before = (await sql<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_imports'))[0]!.n;
    const bad = await runCli(['fake.xlsx', '--yes'], env);
    expect(bad.code).toBe(1);
    expect(bad.stderr).toContain('文件内容不是 .xlsx');
    expect((await sql<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_imports'))[0]!.n).toBe(before);
    const usage = await runCli(['a.csv', 'b.csv'], env);
    expect(usage.code).toBe(2);
    expect(usage.stderr).toContain('--yes');
  });
});
