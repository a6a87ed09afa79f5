import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { OrganizationEntity } from '../../libs/identity/src/organizations/organization.entity.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter, parseEnterpriseFile } from '../../libs/enterprises/src/import/enterprise-import.js';
import { EnterpriseImportRuns } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import { openTestDataSource, type TestDatabase } from '../helpers/test-database.js';
import { createPubSub } from '../../libs/platform/src/pubsub/create-pubsub.js';
import { ENTERPRISE_IMPORT_PROGRESS, type EnterpriseImportProgressMessage } from '../../libs/platform/src/pubsub/channels.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));

/** n firms, two rows (years) each. */
function list(codes: string[]): Buffer {
  const head = 'uscc,name,regionCode,industryCode,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense';
  const rows = codes.flatMap((c, i) => [
    `${c},宁波续跑测试${i}有限公司,330212,C34,2015-01-01,2015-01-01,2024,1000000,900000,50000`,
    `${c},,,,,,2025,1200000,1000000,60000`,
  ]);
  return Buffer.from([head, ...rows].join('\n'));
}

describe('asynchronous import runs: batches, crash and resume, cancel (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let db: TestDatabase;
  let close: () => Promise<void>;
  let runs: EnterpriseImportRuns;
  let importer: EnterpriseImporter;
  /** The uploader (created_by); the run itself acts as the CLI does (no user). */
  const userId = randomUUID();

  beforeAll(async () => {
    ({ dataSource, close, db } = await openTestDataSource());
    importer = new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource));
    runs = new EnterpriseImportRuns(dataSource, importer);
  });

  afterAll(async () => {
    await close?.();
  });

  const prepared = async (codes: string[]) => {
    const row = await dataSource.transaction((m) => runs.start(m, userId, 'list.csv', list(codes)));
    await runs.parse(row.id);
    expect((await runs.find(row.id))!.status).toBe('PREVIEW_READY');
    await dataSource.transaction((m) => runs.confirm(m, row.id, null));
    return row.id;
  };
  const counts = async (codes: string[]) => {
    const [r] = await dataSource.query(
      `SELECT (SELECT count(*)::int FROM organizations WHERE uscc = ANY($1)) AS orgs,
              (SELECT count(*)::int FROM enterprise_financials f JOIN organizations o ON o.id = f.organization_id WHERE o.uscc = ANY($1)) AS years,
              (SELECT count(*)::int FROM outbox_events e JOIN organizations o ON o.id::text = e.aggregate_id::text
                 WHERE o.uscc = ANY($1) AND e.type = 'enterprise-profile.changed') AS profileEvents`,
      [codes],
    );
    return r as { orgs: number; years: number; profileevents: number };
  };

  it('stopped between batches (a crash), resumed by a second run: every firm once, counts exact', async () => {
    const codes = Array.from({ length: 5 }, uscc);
    const id = await prepared(codes);
    await runs.run(id, null, { batchSize: 2, stopAfterBatches: 1 });
    expect(await runs.find(id)).toMatchObject({ status: 'RUNNING', firmsDone: 2, rowsDone: 4, created: 2 });
    expect((await counts(codes)).orgs).toBe(2);

    await runs.run(id, null, { batchSize: 2 });
    expect(await runs.find(id)).toMatchObject({ status: 'DONE', firmsTotal: 5, firmsDone: 5, rowsTotal: 10, rowsDone: 10, created: 5, updated: 0, unchanged: 0, rejectedRows: 0 });
    expect(await counts(codes)).toEqual({ orgs: 5, years: 10, profileevents: 5 });
    expect((await runs.reportRows(id)).map((r) => r.outcome)).toEqual(Array(10).fill('CREATED'));
    expect((await runs.reportRows(id)).map((r) => r.row)).toEqual([2, 3, 4, 5, 6, 7, 8, 9, 10, 11]);
    expect((await runs.reportRows(id)).every((r) => typeof r.organizationId === 'string')).toBe(true);

    // A third run (a retried job after DONE) does nothing.
    await runs.run(id, null, { batchSize: 2 });
    expect(await counts(codes)).toEqual({ orgs: 5, years: 10, profileevents: 5 });
    expect((await runs.reportRows(id)).length).toBe(10);
  });

  it('a crash inside a batch (firms written, progress not recorded): the batch is redone without duplicates', async () => {
    const codes = Array.from({ length: 4 }, uscc);
    const id = await prepared(codes);
    // What a killed run leaves: the first two firms committed, progress still at 0.
    await importer.import((await parseEnterpriseFile(list(codes.slice(0, 2)), 'part.csv')), { actorUserId: null });
    // …and, as if its report rows had been written while its progress had not, the first batch's rows.
    await dataSource.query(`INSERT INTO enterprise_import_rows (import_id, row, outcome) VALUES ($1, 2, 'CREATED'), ($1, 3, 'CREATED')`, [id]);
    await runs.run(id, null, { batchSize: 3 });
    expect(await runs.find(id)).toMatchObject({ status: 'DONE', firmsDone: 4, rowsDone: 8, created: 2, unchanged: 2 });
    expect(await counts(codes)).toEqual({ orgs: 4, years: 8, profileevents: 4 });
    // Each file row is reported once: the redone batch did not duplicate rows 2 and 3.
    const [{ n, distinct }] = await dataSource.query(`SELECT count(*)::int AS n, count(DISTINCT row)::int AS distinct FROM enterprise_import_rows WHERE import_id = $1`, [id]);
    expect({ n, distinct }).toEqual({ n: 8, distinct: 8 });
  });

  it('a batch is one transaction: a failure while recording its report rolls its enterprises back, and a rerun writes them once', async () => {
    const codes = Array.from({ length: 4 }, uscc);
    const id = await prepared(codes);
    // A fault in the last statement of the second batch (its report rows): a real trigger, raised once.
    await dataSource.query(`CREATE TABLE fault_once (fired boolean)`);
    await dataSource.query(`CREATE FUNCTION fail_report_row() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN
        IF NEW.row >= 6 AND NOT EXISTS (SELECT 1 FROM fault_once) THEN
          INSERT INTO fault_once VALUES (true);
          RAISE EXCEPTION 'injected fault';
        END IF;
        RETURN NEW;
      END $$`);
    await dataSource.query(`CREATE TRIGGER fail_report_row BEFORE INSERT ON enterprise_import_rows FOR EACH ROW EXECUTE FUNCTION fail_report_row()`);
    try {
      await expect(runs.run(id, null, { batchSize: 2 })).rejects.toThrow('injected fault');
      // The first batch is recorded; nothing of the second is left (no organization, no event, no progress).
      expect(await runs.find(id)).toMatchObject({ status: 'RUNNING', firmsDone: 2, rowsDone: 4, created: 2 });
      expect(await counts(codes)).toEqual({ orgs: 2, years: 4, profileevents: 2 });
    } finally {
      await dataSource.query(`DROP TRIGGER fail_report_row ON enterprise_import_rows`);
      await dataSource.query(`DROP FUNCTION fail_report_row(); DROP TABLE fault_once`);
    }
    await runs.run(id, null, { batchSize: 2 });
    expect(await runs.find(id)).toMatchObject({ status: 'DONE', firmsDone: 4, rowsDone: 8, created: 4, unchanged: 0 });
    expect(await counts(codes)).toEqual({ orgs: 4, years: 8, profileevents: 4 });
  });

  it('stores and reads back the parsed rows in slices: 1,200 rows (three slices of 500) import in file order', async () => {
    const codes = Array.from({ length: 600 }, uscc);
    const id = await prepared(codes);
    expect(await runs.find(id)).toMatchObject({ rowsTotal: 1200, firmsTotal: 600 });
    const [{ n }] = await dataSource.query(`SELECT jsonb_array_length(parsed_rows) AS n FROM enterprise_imports WHERE id = $1`, [id]);
    expect(n).toBe(1200);
    await runs.run(id, null);
    expect(await runs.find(id)).toMatchObject({ status: 'DONE', firmsDone: 600, rowsDone: 1200, created: 600 });
    expect((await runs.reportRows(id)).map((r) => r.row)).toEqual(Array.from({ length: 1200 }, (_, i) => i + 2));
    expect(await counts(codes)).toEqual({ orgs: 600, years: 1200, profileevents: 600 });
  });

  it('two runs of one import at once record each batch once', async () => {
    const codes = Array.from({ length: 6 }, uscc);
    const id = await prepared(codes);
    await Promise.all([runs.run(id, null, { batchSize: 2 }), runs.run(id, null, { batchSize: 2 })]);
    const row = await runs.find(id);
    expect(row).toMatchObject({ status: 'DONE', firmsDone: 6, rowsDone: 12 });
    expect(row!.created + row!.unchanged + row!.updated).toBe(6);
    expect((await runs.reportRows(id)).length).toBe(12);
    expect(await counts(codes)).toEqual({ orgs: 6, years: 12, profileevents: 6 });
  });

  it('reports a USCC claimed by an unverified organization as CLAIM_CONFLICT, its own outcome', async () => {
    const codes = Array.from({ length: 2 }, uscc);
    const repo = dataSource.getRepository(OrganizationEntity);
    await repo.save(repo.create({ kind: 'ENTERPRISE', name: '抢注的名称有限公司', uscc: codes[1], regionCode: '330212', verified: false }));
    const id = await prepared(codes);
    expect((await runs.find(id))!.preview).toMatchObject({ wouldCreate: 1, wouldUpdate: 1 });
    await runs.run(id, null);
    expect(await runs.find(id)).toMatchObject({ status: 'DONE', created: 1, claimConflicts: 1, rejectedRows: 2 });
    expect((await runs.reportRows(id)).map((r) => [r.row, r.outcome, r.field])).toEqual([
      [2, 'CREATED', null],
      [3, 'CREATED', null],
      [4, 'CLAIM_CONFLICT', 'uscc'],
      [5, 'CLAIM_CONFLICT', 'uscc'],
    ]);
  });

  it('pages the report by row number, filtered by outcome, at most 100 a page', async () => {
    const codes = Array.from({ length: 3 }, uscc);
    const repo = dataSource.getRepository(OrganizationEntity);
    await repo.save(repo.create({ kind: 'ENTERPRISE', name: '抢注的名称有限公司', uscc: codes[1], regionCode: '330212', verified: false }));
    const id = await prepared(codes);
    await runs.run(id, null, { batchSize: 1 });
    const p1 = await runs.reportPage(id, 4, null, null);
    expect(p1.rows.map((r) => r.row)).toEqual([2, 3, 4, 5]);
    expect(p1).toMatchObject({ hasNextPage: true, totalCount: 6 });
    const p2 = await runs.reportPage(id, 4, 5, null);
    expect(p2.rows.map((r) => r.row)).toEqual([6, 7]);
    expect(p2.hasNextPage).toBe(false);
    const conflicts = await runs.reportPage(id, 100, null, 'CLAIM_CONFLICT');
    expect(conflicts.rows.map((r) => [r.row, r.outcome, r.organizationId])).toEqual([
      [4, 'CLAIM_CONFLICT', null],
      [5, 'CLAIM_CONFLICT', null],
    ]);
    expect(conflicts.totalCount).toBe(2);
    await expect(runs.reportPage(id, 101, null, null)).rejects.toMatchObject({ code: 'BAD_USER_INPUT' });
  });

  it('announces every status change and every recorded batch on the progress channel (PostgreSQL LISTEN/NOTIFY)', async () => {
    const pubsub = createPubSub({ redisUrl: undefined, databaseUrl: db.url, namespace: randomBytes(4).toString('hex') });
    await pubsub.start();
    try {
      const live = new EnterpriseImportRuns(dataSource, importer, pubsub);
      const source = pubsub.subscribe<EnterpriseImportProgressMessage>(ENTERPRISE_IMPORT_PROGRESS);
      await source.ready;
      const codes = Array.from({ length: 5 }, uscc);
      const row = await dataSource.transaction((m) => live.start(m, userId, 'list.csv', list(codes)));
      await live.parse(row.id); // PARSING, PREVIEW_READY
      await dataSource.transaction((m) => live.confirm(m, row.id, null));
      await live.announce(row.id); // as the resolver does after the commit
      await live.run(row.id, null, { batchSize: 2 }); // three batches, DONE
      const messages: EnterpriseImportProgressMessage[] = [];
      while (messages.length < 7) messages.push((await source.next()).value!);
      expect(messages).toEqual(Array(7).fill({ importId: row.id }));
      await source.return();
    } finally {
      await pubsub.close();
    }
  });

  it('cancel while RUNNING stops after the current batch; the rest is never written', async () => {
    const codes = Array.from({ length: 5 }, uscc);
    const id = await prepared(codes);
    await runs.run(id, null, { batchSize: 2, stopAfterBatches: 1 });
    const cancelled = await dataSource.transaction((m) => runs.cancel(m, id));
    expect(cancelled).toMatchObject({ status: 'RUNNING', cancelRequested: true });
    await runs.run(id, null, { batchSize: 2 });
    expect(await runs.find(id)).toMatchObject({ status: 'CANCELLED', firmsDone: 2, created: 2 });
    expect((await counts(codes)).orgs).toBe(2);
    await runs.run(id, null, { batchSize: 2 });
    expect((await counts(codes)).orgs).toBe(2);
  });
});
