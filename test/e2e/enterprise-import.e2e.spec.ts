import { randomBytes } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { expectError } from '../helpers/expect-error.js';

const samples = join(dirname(fileURLToPath(import.meta.url)), '../../docs/samples');
const SAMPLE_CSV = readFileSync(join(samples, 'enterprises-sample.csv')).toString('base64');
const SAMPLE_XLSX = readFileSync(join(samples, 'enterprises-sample.xlsx')).toString('base64');

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`;
const IMPORT = `mutation($i: EnterpriseImportInput!) {
  importEnterprises(input: $i) {
    total created updated unchanged rejectedRows
    rejected { row uscc field reason }
    firms { uscc name organizationId outcome organizationCreated rows }
  }
}`;
const PROFILE = `query($id: ID!) { enterpriseProfile(organizationId: $id) { tier industryCode mainProducts financials { year revenue } organization { name uscc verified } } }`;


describe('importEnterprises over GraphQL', () => {
  let app: TestApp;
  let authority: string;
  let enterprise: string;

  beforeAll(async () => {
    app = await startTestApp({ withWorkers: false });
    const login = await app.gql(LOGIN, { i: TEST_AUTHORITY });
    expect(login.errors).toBeUndefined();
    authority = login.data!.login.accessToken;
    const tag = randomBytes(3).toString('hex');
    const reg = await app.gql(REGISTER, {
      i: {
        email: `import-${tag}@enterprise.test`,
        password: 'correct-horse-battery',
        displayName: '企业用户',
        organization: { kind: 'ENTERPRISE', name: `宁波导入测试企业 ${tag}`, uscc: makeUscc('91', '330212', randomBytes(4).toString('hex').toUpperCase()), regionCode: '330212' },
      },
    });
    expect(reg.errors).toBeUndefined();
    enterprise = reg.data!.register.accessToken;
  });

  afterAll(async () => {
    await app?.close();
  });

  it('lets the AUTHORITY import the sample CSV and reports per row', async () => {
    const res = await app.gql(IMPORT, { i: { filename: 'enterprises-sample.csv', contentBase64: SAMPLE_CSV } }, authority);
    expect(res.errors).toBeUndefined();
    const report = res.data!.importEnterprises;
    expect(report).toMatchObject({ total: 13, created: 6, updated: 0, unchanged: 0, rejectedRows: 1 });
    expect(report.rejected).toEqual([{ row: 14, uscc: '91330213FH2Q7N5H04', field: 'mainBusinessRevenue', reason: expect.any(String) }]);
    expect(report.firms).toHaveLength(6);
    expect(report.firms[0]).toMatchObject({ uscc: '913302063M7QK2PA4N', outcome: 'CREATED', organizationCreated: true, rows: [2, 3, 4] });

    const profile = await app.gql(PROFILE, { id: report.firms[0].organizationId }, authority);
    expect(profile.errors).toBeUndefined();
    expect(profile.data!.enterpriseProfile).toMatchObject({
      tier: 'LITTLE_GIANT',
      industryCode: 'C3451',
      mainProducts: ['精密圆锥滚子轴承', '新能源汽车轮毂轴承单元'],
      financials: [
        { year: 2025, revenue: 196_300_000 },
        { year: 2024, revenue: 182_500_000 },
        { year: 2023, revenue: 168_000_000 },
      ],
      organization: { name: '宁波甬芯精密轴承有限公司', uscc: '913302063M7QK2PA4N', verified: true },
    });
  });

  it('is idempotent: the same list again, as CSV or as XLSX, changes nothing', async () => {
    const events = async () => (await app.started.runtime.database.dataSource.query("SELECT count(*)::int AS n FROM outbox_events WHERE type NOT IN ('enterprise-assessment.changed', 'notification.created')"))[0].n as number;
    const before = await events();
    for (const [filename, contentBase64] of [['enterprises-sample.csv', SAMPLE_CSV], ['enterprises-sample.xlsx', SAMPLE_XLSX]]) {
      const res = await app.gql(IMPORT, { i: { filename, contentBase64 } }, authority);
      expect(res.errors).toBeUndefined();
      expect(res.data!.importEnterprises).toMatchObject({ total: 13, created: 0, updated: 0, unchanged: 6, rejectedRows: 1 });
    }
    expect(await events()).toBe(before);
  });

  it('is AUTHORITY only', async () => {
    const err = expectError(await app.gql(IMPORT, { i: { filename: 'list.csv', contentBase64: SAMPLE_CSV } }, enterprise), 'FORBIDDEN');
    expect(err.message).toContain('AUTHORITY');
    expectError(await app.gql(IMPORT, { i: { filename: 'list.csv', contentBase64: SAMPLE_CSV } }), 'UNAUTHENTICATED');
  });

  it.each([
    ['garbage base64', { filename: 'list.csv', contentBase64: '!!! this is not base64 !!!' }, 'input.contentBase64'],
    ['empty content', { filename: 'list.csv', contentBase64: '' }, 'input.contentBase64'],
    ['an unknown extension', { filename: 'list.pdf', contentBase64: SAMPLE_CSV }, 'input.filename'],
    ['a file that is not a workbook', { filename: 'list.xlsx', contentBase64: Buffer.from('hello, world').toString('base64') }, 'input.contentBase64'],
    ['a CSV without the required columns', { filename: 'list.csv', contentBase64: Buffer.from('a,b,c\n1,2,3\n').toString('base64') }, 'input.contentBase64'],
  ])('answers %s with BAD_USER_INPUT naming the field', async (_what, input, field) => {
    const err = expectError(await app.gql(IMPORT, { i: input }, authority), 'BAD_USER_INPUT');
    expect(err.extensions?.field).toBe(field);
  });
});
