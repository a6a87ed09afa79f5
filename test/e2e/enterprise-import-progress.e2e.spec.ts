import { randomBytes } from 'node:crypto';
import { afterAll, beforeAll, describe, expect } from '@jest/globals';
import ExcelJS from 'exceljs';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { ENTERPRISE_IMPORT_PROGRESS } from '../../libs/platform/src/pubsub/channels.js';
import { startTestApp, TEST_AUTHORITY, type TestApp } from '../helpers/test-app.js';
import { WsSubscriber, listening, wsUrl } from '../helpers/ws-subscriber.js';
import { testRedisUrl } from '../helpers/test-env.js';
import { itOn } from '../helpers/queue-backends.js';

if (!testRedisUrl()) console.warn('[enterprise-import-progress] SKIPPING the run on Redis (counted as skipped): no Redis answered (set REDIS_URL or run one on 127.0.0.1:6379)');

const LOGIN = `mutation($i: LoginInput!) { login(input: $i) { accessToken } }`;
const REGISTER = `mutation($i: RegisterInput!) { register(input: $i) { accessToken } }`;
const START = `mutation($i: EnterpriseImportInput!) { startEnterpriseImport(input: $i) { id status } }`;
const PREVIEW = `query($id: ID!) { enterpriseImport(id: $id) { status headerRow missingFields mappingOverridden columns { column header key label moneyUnit } unknownColumns { column header } preview { wouldCreate rejected { row } } } }`;
const CONFIRM = `mutation($id: ID!, $m: EnterpriseImportMappingInput) { confirmEnterpriseImport(id: $id, mapping: $m) { id status mappingOverridden } }`;
const REPORT = `query($id: ID!) { enterpriseImport(id: $id) { report(first: 100) { edges { node { row outcome organizationId } } } } }`;
const INVITE = `mutation($ids: [ID!]!) { inviteImportedOwners(organizationIds: $ids) { organizationId outcome reason invitation { email } } }`;
const PROGRESS = `subscription($id: ID!) { enterpriseImportProgress(id: $id) { id status updatedAt rowsTotal rowsDone firmsTotal firmsDone created updated unchanged rejectedRows mappingOverridden outcomeCounts { outcome rows } } }`;

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));

interface Progress {
  id: string;
  status: string;
  rowsTotal: number;
  rowsDone: number;
  firmsTotal: number;
  firmsDone: number;
  created: number;
  rejectedRows: number;
  mappingOverridden: boolean;
  outcomeCounts: Array<{ outcome: string; rows: number }>;
}

class ProgressSubscriber extends WsSubscriber<Progress> {
  constructor(app: TestApp, token: string, id: string) {
    super(wsUrl(app), { authorization: `Bearer ${token}` }, PROGRESS.replace('subscription($id: ID!)', 'subscription').replace('(id: $id)', `(id: "${id}")`), 'enterpriseImportProgress');
  }
}

/**
 * A bureau's sheet the synonyms do not fully know: 纳税人识别号 (the USCC), 销售收入 in 万元 with
 * no unit in its header, and 企业联系邮箱 (the contact the owner invitation goes to).
 */
function oddSheet(codes: string[], tag: string): Buffer {
  return Buffer.from(
    '纳税人识别号,企业名称,所属地区,所属行业,成立日期,主营起始日期,年度,销售收入,主营业务收入,研发费用,企业联系邮箱\n' +
      codes.map((c, i) => `${c},宁波进度测试${tag}${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,120.5,1000000,50000,owner${i}-${tag}@firm.example`).join('\n') +
      '\n',
  );
}

describe.each([
  ['PostgreSQL queue and LISTEN/NOTIFY', 'postgres' as const],
  ['Redis queue and pub/sub', 'redis' as const],
])('asynchronous import progress over the websocket, across two processes (%s)', (_name, queue) => {
  let allInOne: TestApp;
  let apiOnly: TestApp;
  let authority: string;
  let enterprise: string;

  beforeAll(async () => {
    allInOne = await startTestApp({ queue });
    // Serves the API only: the parse and run jobs happen in the other process, whose worker publishes.
    apiOnly = await startTestApp({ sharing: allInOne, withWorkers: false });
    authority = (await apiOnly.gql(LOGIN, { i: TEST_AUTHORITY })).data!.login.accessToken;
    const tag = randomBytes(3).toString('hex');
    const reg = await apiOnly.gql(REGISTER, {
      i: {
        email: `progress-${tag}@enterprise.test`,
        password: 'correct-horse-battery',
        displayName: '企业用户',
        organization: { kind: 'ENTERPRISE', name: `宁波进度测试企业 ${tag}`, uscc: uscc(), regionCode: '330212' },
      },
    });
    expect(reg.errors).toBeUndefined();
    enterprise = reg.data!.register.accessToken;
  });

  afterAll(async () => {
    await apiOnly?.close();
    await allInOne?.close();
  });

  itOn(queue)('odd headers mapped and a 万元 column declared at confirm; progress pushed to a subscriber on the other process until DONE; invitations go to the imported 邮箱', async () => {
    const tag = randomBytes(2).toString('hex');
    const codes = [uscc(), uscc(), uscc()];
    const started = await apiOnly.gql(START, { i: { filename: '培育库名单.csv', contentBase64: oddSheet(codes, tag).toString('base64') } }, authority);
    expect(started.errors).toBeUndefined();
    const id = started.data!.startEnterpriseImport.id as string;
    await allInOne.drain();

    // The preview exposes the detection, so a client can send a corrected mapping.
    const preview = (await apiOnly.gql(PREVIEW, { id }, authority)).data!.enterpriseImport;
    expect(preview).toMatchObject({ status: 'PREVIEW_READY', headerRow: 1, missingFields: ['uscc'], mappingOverridden: false, preview: { wouldCreate: 0, rejected: [] } });
    expect(preview.unknownColumns).toEqual([
      { column: 'A', header: '纳税人识别号' },
      { column: 'H', header: '销售收入' },
      { column: 'K', header: '企业联系邮箱' },
    ]);
    expect(preview.columns).toContainEqual({ column: 'B', header: '企业名称', key: 'name', label: '企业名称', moneyUnit: null });

    // A bad mapping is refused naming the entry, before anything runs.
    const bad = await apiOnly.gql(CONFIRM, { id, m: { columns: [{ column: 'A', field: '纳税人识别号' }] } }, authority);
    expect(bad.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping.columns[0].field' });
    const twice = await apiOnly.gql(CONFIRM, { id, m: { columns: [{ column: 'A', field: 'uscc' }, { column: 'H', field: 'mainBusinessRevenue' }] } }, authority);
    expect(twice.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping.columns[1].field' });
    expect(twice.errors?.[0]?.message).toContain('列 H 与列 I 都对应 主营业务收入');
    const missing = await apiOnly.gql(CONFIRM, { id }, authority);
    expect(missing.errors?.[0]?.extensions).toMatchObject({ code: 'BAD_USER_INPUT', field: 'mapping' });

    // Subscribed on the API-only process: the current state first.
    const s = new ProgressSubscriber(apiOnly, authority, id);
    await listening(apiOnly, ENTERPRISE_IMPORT_PROGRESS, 1);
    await s.until(() => s.received.length > 0, 'the state at subscribe');
    expect(s.received[0]).toMatchObject({ id, status: 'PREVIEW_READY', firmsDone: 0, outcomeCounts: [] });

    const confirmed = await apiOnly.gql(
      CONFIRM,
      { id, m: { columns: [{ column: 'A', field: '统一社会信用代码' }, { column: 'H', field: 'revenue', unit: 'TEN_THOUSAND_YUAN' }, { column: 'K', field: 'contactEmail' }] } },
      authority,
    );
    expect(confirmed.errors).toBeUndefined();
    expect(confirmed.data!.confirmEnterpriseImport).toMatchObject({ status: 'RUNNING', mappingOverridden: true });

    const done = await s.until(() => s.received.find((p) => p.status === 'DONE'), 'DONE', 60_000);
    expect(done).toMatchObject({ rowsTotal: 3, rowsDone: 3, firmsTotal: 3, firmsDone: 3, created: 3, rejectedRows: 0, mappingOverridden: true, outcomeCounts: [{ outcome: 'CREATED', rows: 3 }] });
    // In order, each state once (updatedAt tells states apart: applying the mapping changes no counter), ending with DONE; then the subscription completes.
    const dones = s.received.map((p) => p.firmsDone);
    expect(dones).toEqual([...dones].sort((a, b) => a - b));
    expect(s.received.at(-1)).toBe(done);
    expect(new Set(s.received.map((p) => JSON.stringify(p))).size).toBe(s.received.length);
    await s.until(() => apiOnly.started.runtime.pubsub.listenerCount(ENTERPRISE_IMPORT_PROGRESS) === 0, 'the subscription to end');
    await s.dispose();

    // The list answers the counts too (one statement for the page).
    const list = await apiOnly.gql(`{ enterpriseImports(first: 20) { edges { node { id outcomeCounts { outcome rows } } } } }`, {}, authority);
    expect(list.errors).toBeUndefined();
    expect(list.data!.enterpriseImports.edges.find((e: { node: { id: string } }) => e.node.id === id).node.outcomeCounts).toEqual([{ outcome: 'CREATED', rows: 3 }]);

    // 120.5 万元 → 1,205,000 元.
    const [fig] = await allInOne.started.runtime.database.dataSource.query(
      `SELECT f.revenue::text AS revenue FROM enterprise_financials f JOIN organizations o ON o.id = f.organization_id WHERE o.uscc = $1`,
      [codes[0]],
    );
    expect(fig.revenue).toBe('1205000');

    // The imported 企业联系邮箱 is where the owner activation goes.
    const report = (await apiOnly.gql(REPORT, { id }, authority)).data!.enterpriseImport.report.edges.map((e: { node: { organizationId: string } }) => e.node.organizationId);
    const invited = await apiOnly.gql(INVITE, { ids: report }, authority);
    expect(invited.errors).toBeUndefined();
    expect(invited.data!.inviteImportedOwners.map((r: { outcome: string; invitation: { email: string } | null }) => [r.outcome, r.invitation?.email]).sort()).toEqual(
      [0, 1, 2].map((i) => ['INVITED', `owner${i}-${tag}@firm.example`]).sort(),
    );
  });

  itOn(queue)('checks who subscribes, and to what, at subscribe; an ended import gives its state and completes', async () => {
    const started = await apiOnly.gql(START, { i: { filename: 'bad.csv', contentBase64: Buffer.from('名单\n甲,乙\n').toString('base64') } }, authority);
    const id = started.data!.startEnterpriseImport.id as string;
    await allInOne.drain();

    const cases: Array<[string, string, string]> = [
      [enterprise, id, 'FORBIDDEN'],
      [authority, 'not-a-uuid', 'BAD_USER_INPUT'],
      [authority, '00000000-0000-4000-8000-000000000000', 'NOT_FOUND'],
    ];
    for (const [token, target, code] of cases) {
      const s = new ProgressSubscriber(apiOnly, token, target);
      await s.until(() => s.errors.length > 0, `${code} for ${target}`);
      expect(s.errors[0]).toMatchObject({ extensions: { code } });
      expect(s.received).toEqual([]);
      await s.dispose();
    }

    const ended = new ProgressSubscriber(apiOnly, authority, id);
    const failed = await ended.until(() => ended.received[0], 'the ended state');
    expect(failed).toMatchObject({ status: 'FAILED', rowsTotal: 0 });
    await ended.until(() => apiOnly.started.runtime.pubsub.listenerCount(ENTERPRISE_IMPORT_PROGRESS) === 0, 'the subscription to end');
    await ended.dispose();

    // Its report, for people: the state and the reason in Chinese.
    const base = apiOnly.url.replace(/\/graphql$/, '');
    const xlsx = await fetch(`${base}/imports/enterprises/${id}/report.xlsx`, { headers: { authorization: `Bearer ${authority}` } });
    expect(xlsx.status).toBe(200);
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(await xlsx.arrayBuffer());
    const rows: string[][] = [];
    book.worksheets[0]!.eachRow((r) => rows.push((r.values as unknown[]).slice(1).map((v) => String(v ?? ''))));
    expect(rows[0]).toEqual(['结果', '原因']);
    expect(rows[1]![0]).toBe('文件无法读取');
    expect(rows[1]![1]).toContain('找不到表头');
  });
});
