import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import ExcelJS from 'exceljs';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { SHEET_LIMITS } from '../../libs/enterprises/src/import/sheet-limits.js';
import type { GraphQLResponse } from '../helpers/graphql-client.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`;
const FIELDS = `id filename status cancelRequested error headerRow rowsTotal rowsDone firmsTotal firmsDone created updated unchanged rejectedRows claimConflicts
  columns { column header key moneyUnit } unknownColumns { column header }
  preview { wouldCreate wouldUpdate rejected { row uscc field reason } }
  report(first: 100) { totalCount pageInfo { hasNextPage endCursor } edges { node { row uscc outcome field reason } } }`;
const GET = `query($id: ID!) { enterpriseImport(id: $id) { ${FIELDS} } }`;
const LIST = `query($first: Int!, $after: String) { enterpriseImports(first: $first, after: $after) { totalCount pageInfo { hasNextPage endCursor } edges { cursor node { id status } } } }`;
const START = `mutation($i: EnterpriseImportInput!) { startEnterpriseImport(input: $i) { id status } }`;
const CONFIRM = `mutation($id: ID!) { confirmEnterpriseImport(id: $id) { id status } }`;
const CANCEL = `mutation($id: ID!) { cancelEnterpriseImport(id: $id) { id status cancelRequested } }`;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));

function expectError(res: GraphQLResponse, code: string) {
  expect(res.errors).toHaveLength(1);
  expect(res.errors![0]!.extensions?.code).toBe(code);
  // Nothing returned: no data, or the nullable field null.
  expect(Object.values(res.data ?? {}).every((v) => v === null)).toBe(true);
  return res.errors![0]!;
}

/** A bureau's sheet: a title row, a blank row, synonyms, amounts in 万元, 法定代表人 and 备注 columns, and one bad row. */
function bureauSheet(codes: [string, string, string]): Buffer {
  return Buffer.from(
    '2025年度宁波市专精特新中小企业培育库名单,,,,,,,,,,,,\n' +
      ',,,,,,,,,,,,\n' +
      '序号,单位名称,信用代码,所属地区,所属行业,成立时间,主营业务起始日期,年份,营业收入（万元）,主营业务收入（万元）,研发投入（万元）,法定代表人,备注\n' +
      `1,宁波异步导入甲有限公司,${codes[0]},330212,C34,2015-03-08,2015-03-08,2025,"1,234.5678",1000.1,0.3,张三,\n` +
      `2,宁波异步导入乙有限公司,${codes[1]},330212,C35,2016-01-01,2016-01-01,2025,1.15,1.15,0.0001,李四,\n` +
      `3,宁波异步导入丙有限公司,${codes[2]},330212,C35,2016-01-01,2016-01-01,2025,1.23456,1,1,王五,小数过多\n`,
    'utf8',
  );
}

describe('asynchronous enterprise imports over HTTP', () => {
  let app: TestApp;
  let base: string;
  let authority: string;
  let enterprise: string;
  const sql = <T = Record<string, unknown>>(text: string, params: unknown[] = []) => app.started.runtime.database.dataSource.query(text, params) as Promise<T[]>;

  const upload = (content: Buffer, filename: string, token: string | null = authority) => {
    const form = new FormData();
    form.append('file', new Blob([content]), filename);
    return fetch(`${base}/imports/enterprises`, { method: 'POST', body: form, headers: token ? { authorization: `Bearer ${token}` } : {} });
  };
  const read = async (id: string) => {
    const res = await app.gql(GET, { id }, authority);
    expect(res.errors).toBeUndefined();
    return res.data!.enterpriseImport;
  };

  beforeAll(async () => {
    app = await startTestApp();
    base = app.url.replace(/\/graphql$/, '');
    authority = (await app.gql(LOGIN, { i: TEST_AUTHORITY })).data!.login.accessToken;
    const tag = randomBytes(3).toString('hex');
    const reg = await app.gql(REGISTER, {
      i: {
        email: `async-import-${tag}@enterprise.test`,
        password: 'correct-horse-battery',
        displayName: '企业用户',
        organization: { kind: 'ENTERPRISE', name: `宁波异步导入测试 ${tag}`, uscc: uscc(), regionCode: '330212' },
      },
    });
    expect(reg.errors).toBeUndefined();
    enterprise = reg.data!.register.accessToken;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('upload → preview → confirm → DONE: a bureau sheet with a title row, 万元 and extra columns, figures converted exactly', async () => {
    const codes: [string, string, string] = [uscc(), uscc(), uscc()];
    const res = await upload(bureauSheet(codes), '培育库名单.csv');
    expect(res.status).toBe(202);
    const { id, status } = (await res.json()) as { id: string; status: string };
    expect(status).toBe('QUEUED');
    expect((await sql('SELECT count(*)::int AS n FROM organizations WHERE uscc = ANY($1)', [codes]))[0]!.n).toBe(0);

    await app.drain();
    const preview = await read(id);
    expect(preview).toMatchObject({
      filename: '培育库名单.csv',
      status: 'PREVIEW_READY',
      headerRow: 3,
      rowsTotal: 3,
      firmsTotal: 3,
      rowsDone: 0,
      unknownColumns: [{ column: 'L', header: '法定代表人' }],
      preview: { wouldCreate: 2, wouldUpdate: 0, rejected: [{ row: 6, uscc: codes[2], field: 'revenue' }] },
    });
    expect(preview.columns).toContainEqual({ column: 'I', header: '营业收入（万元）', key: 'revenue', moneyUnit: 'TEN_THOUSAND_YUAN' });
    expect(preview.preview.rejected[0].reason).toContain('4 位小数');
    // The preview wrote nothing.
    expect((await sql('SELECT count(*)::int AS n FROM organizations WHERE uscc = ANY($1)', [codes]))[0]!.n).toBe(0);

    const confirmed = await app.gql(CONFIRM, { id }, authority);
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmEnterpriseImport.status).toBe('RUNNING');
    await app.drain();
    const done = await read(id);
    expect(done).toMatchObject({ status: 'DONE', rowsTotal: 3, rowsDone: 3, firmsDone: 3, created: 2, updated: 0, unchanged: 0, rejectedRows: 1, claimConflicts: 0 });
    expect(done.report.totalCount).toBe(3);
    expect(done.report.pageInfo.hasNextPage).toBe(false);
    expect(done.report.edges.map((e: { node: unknown }) => e.node)).toEqual([
      { row: 4, uscc: codes[0], outcome: 'CREATED', field: null, reason: null },
      { row: 5, uscc: codes[1], outcome: 'CREATED', field: null, reason: null },
      { row: 6, uscc: codes[2], outcome: 'REJECTED', field: 'revenue', reason: expect.stringContaining('4 位小数') },
    ]);
    // One page of one outcome, and the bound on the page size (nothing is read past it).
    const REPORT = `query($id: ID!, $first: Int!, $after: String, $outcome: EnterpriseImportRowOutcome) { enterpriseImport(id: $id) { report(first: $first, after: $after, outcome: $outcome) { totalCount pageInfo { hasNextPage endCursor } edges { node { row outcome } } } } }`;
    const first = await app.gql(REPORT, { id, first: 1, outcome: 'CREATED' }, authority);
    expect(first.data!.enterpriseImport.report).toMatchObject({ totalCount: 2, pageInfo: { hasNextPage: true }, edges: [{ node: { row: 4, outcome: 'CREATED' } }] });
    const second = await app.gql(REPORT, { id, first: 1, outcome: 'CREATED', after: first.data!.enterpriseImport.report.pageInfo.endCursor }, authority);
    expect(second.data!.enterpriseImport.report).toMatchObject({ pageInfo: { hasNextPage: false }, edges: [{ node: { row: 5 } }] });
    expect(expectError(await app.gql(REPORT, { id, first: 101 }, authority), 'BAD_USER_INPUT').extensions?.field).toBe('first');
    expect(expectError(await app.gql(REPORT, { id, first: 10, after: 'not-a-cursor' }, authority), 'BAD_USER_INPUT').extensions?.field).toBe('after');
    const figures = await sql<{ uscc: string; revenue: string; main: string; rd: string }>(
      `SELECT o.uscc, f.revenue::text, f.main_business_revenue::text AS main, f.rd_expense::text AS rd
         FROM enterprise_financials f JOIN organizations o ON o.id = f.organization_id WHERE o.uscc = ANY($1) ORDER BY o.uscc = $2 DESC`,
      [codes, codes[0]],
    );
    expect(figures).toEqual([
      { uscc: codes[0], revenue: '12345678', main: '10001000', rd: '3000' },
      { uscc: codes[1], revenue: '11500', main: '11500', rd: '1' },
    ]);

    // Confirming again, or cancelling a finished import, is a CONFLICT that changes nothing.
    expectError(await app.gql(CONFIRM, { id }, authority), 'CONFLICT');
    expectError(await app.gql(CANCEL, { id }, authority), 'CONFLICT');
    expect((await read(id)).status).toBe('DONE');

    // The report as XLSX: the original rows from the header down, with outcome, column and reason.
    const xlsx = await fetch(`${base}/imports/enterprises/${id}/report.xlsx`, { headers: { authorization: `Bearer ${authority}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const ws = book.worksheets[0]!;
    const rows: string[][] = [];
    ws.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => (v === null || v === undefined ? '' : String(v)))));
    // For people: outcomes and columns by their Chinese names (GraphQL keeps the codes).
    expect(rows[0]!.slice(0, 3)).toEqual(['行号', '序号', '单位名称']);
    expect(rows[0]!.slice(-3)).toEqual(['结果', '出错的列', '原因']);
    expect(rows.slice(1).map((r) => [r[0], r[2], r.at(-3), r.at(-2)])).toEqual([
      ['4', '宁波异步导入甲有限公司', '新建', ''],
      ['5', '宁波异步导入乙有限公司', '新建', ''],
      ['6', '宁波异步导入丙有限公司', '未导入', '营业收入'],
    ]);
    expect((await fetch(`${base}/imports/enterprises/${id}/report.xlsx`, { headers: { authorization: `Bearer ${enterprise}` } })).status).toBe(403);

    // Listed newest first.
    const list = await app.gql(LIST, { first: 100 }, authority);
    expect(list.errors).toBeUndefined();
    expect(list.data!.enterpriseImports.edges.map((e: { node: { id: string } }) => e.node.id)).toContain(id);
  });

  it('startEnterpriseImport (base64) → cancel before confirming: CANCELLED, nothing written, no run possible', async () => {
    const codes: [string, string, string] = [uscc(), uscc(), uscc()];
    const started = await app.gql(START, { i: { filename: 'list.csv', contentBase64: bureauSheet(codes).toString('base64') } }, authority);
    expect(started.errors).toBeUndefined();
    const id = started.data!.startEnterpriseImport.id as string;
    await app.drain();
    expect((await read(id)).status).toBe('PREVIEW_READY');
    const cancelled = await app.gql(CANCEL, { id }, authority);
    expect(cancelled.errors).toBeUndefined();
    expect(cancelled.data!.cancelEnterpriseImport).toMatchObject({ status: 'CANCELLED', cancelRequested: true });
    expectError(await app.gql(CONFIRM, { id }, authority), 'CONFLICT');
    await app.drain();
    expect(await read(id)).toMatchObject({ status: 'CANCELLED', rowsDone: 0, created: 0 });
    expect((await sql('SELECT count(*)::int AS n FROM organizations WHERE uscc = ANY($1)', [codes]))[0]!.n).toBe(0);
  });

  it('refuses bad files with the bound named, storing nothing; a hostile sheet ends FAILED naming its bound', async () => {
    const count = async () => (await sql<{ n: number }>('SELECT count(*)::int AS n FROM enterprise_imports'))[0]!.n;
    const before = await count();
    const refusal = async (res: Response, status: number, code: string) => {
      void code;
      expect(res.status).toBe(status);
      return ((await res.json()) as { error: { code: string; message: string; field?: string; limit?: string } }).error;
    };
    const tooBig = await refusal(await upload(Buffer.alloc(SHEET_LIMITS.maxFileBytes + 1, 0x41), 'big.csv'), 400, 'BAD_USER_INPUT');
    expect(tooBig).toMatchObject({ code: 'BAD_USER_INPUT', limit: 'fileSize' });
    expect(tooBig.message).toContain('20 MB');
    expect(await refusal(await upload(Buffer.from('uscc,name\n'), 'list.xlsx'), 400, 'BAD_USER_INPUT')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(await refusal(await upload(Buffer.from('PK\u0003\u0004whatever'), 'list.csv'), 400, 'BAD_USER_INPUT')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(await refusal(await upload(Buffer.from('x'), 'list.xls'), 400, 'BAD_USER_INPUT')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'filename' });
    expect(await refusal(await upload(Buffer.from('uscc\n'), 'list.csv', null), 401, 'UNAUTHENTICATED')).toMatchObject({ code: 'UNAUTHENTICATED' });
    expect(await refusal(await upload(Buffer.from('uscc\n'), 'list.csv', enterprise), 403, 'FORBIDDEN')).toMatchObject({ code: 'FORBIDDEN' });
    const noFile = await fetch(`${base}/imports/enterprises`, { method: 'POST', body: new FormData(), headers: { authorization: `Bearer ${authority}` } });
    expect(await refusal(noFile, 400, 'BAD_USER_INPUT')).toMatchObject({ code: 'BAD_USER_INPUT', field: 'file' });
    expect(await count()).toBe(before);

    // A wide sheet (a value in column XFD, the reader fixture of item 1) is accepted as bytes and refused by the reader.
    const wb = new ExcelJS.Workbook();
    const ws = wb.addWorksheet('名单');
    ws.getCell('A1').value = '统一社会信用代码';
    ws.getCell('XFD1').value = 'x';
    const wide = await upload(Buffer.from(await wb.xlsx.writeBuffer()), 'wide.xlsx');
    expect(wide.status).toBe(202);
    const { id } = (await wide.json()) as { id: string };
    await app.drain();
    const failed = await read(id);
    expect(failed).toMatchObject({ status: 'FAILED', rowsTotal: 0, preview: null });
    expect(failed.error).toContain('XFD');
    expectError(await app.gql(CONFIRM, { id }, authority), 'CONFLICT');

    // A list longer than the row bound (the sheet-reader fixture of item 1) ends FAILED naming it.
    const long = await upload(Buffer.from(`统一社会信用代码,企业名称\n${'x,y\n'.repeat(SHEET_LIMITS.maxRows)}`), 'long.csv');
    expect(long.status).toBe(202);
    const longId = ((await long.json()) as { id: string }).id;
    await app.drain();
    const tooLong = await read(longId);
    expect(tooLong).toMatchObject({ status: 'FAILED', rowsTotal: 0 });
    expect(tooLong.error).toContain(String(SHEET_LIMITS.maxRows - 1));
  });

  it('checks arguments before any work', async () => {
    expectError(await app.gql(GET, { id: 'not-a-uuid' }, authority), 'BAD_USER_INPUT');
    expectError(await app.gql(LIST, { first: 101 }, authority), 'BAD_USER_INPUT');
    expectError(await app.gql(LIST, { first: 10, after: 'garbage' }, authority), 'BAD_USER_INPUT');
    expectError(await app.gql(CONFIRM, { id: '00000000-0000-4000-8000-000000000000' }, authority), 'NOT_FOUND');
    expectError(await app.gql(START, { i: { filename: 'list.xlsx', contentBase64: Buffer.from('uscc\n').toString('base64') } }, authority), 'BAD_USER_INPUT');
  });
});
