/**
 * ADR 0017: an ended import keeps its uploaded file IMPORT_FILE_RETENTION_DAYS, then the nightly
 * purge clears the file and the parsed rows; the report rows and the preview stay (real PostgreSQL).
 */
import { randomBytes, randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import type { DataSource } from 'typeorm';
import { makeUscc } from '../../libs/identity/src/uscc/uscc.js';
import { EnterpriseProfileService } from '../../libs/enterprises/src/enterprise-profile.service.js';
import { EnterpriseImporter } from '../../libs/enterprises/src/import/enterprise-import.js';
import { EnterpriseImportRuns, PurgeImportFilesHandler } from '../../libs/enterprises/src/import/enterprise-import-runs.js';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import { openTestDataSource } from '../helpers/test-database.js';

const ALPHABET = '0123456789ABCDEFGHJKLMNPQRTUWXY';
const uscc = () => makeUscc('91', '330212', [...randomBytes(8)].map((b) => ALPHABET[b % ALPHABET.length]).join(''));
const DAY = 24 * 3600 * 1000;

function list(n: number): Buffer {
  const head = 'uscc,name,regionCode,industryCode,foundedOn,mainBusinessSince,year,revenue,mainBusinessRevenue,rdExpense';
  const rows = Array.from({ length: n }, (_, i) => `${uscc()},宁波清除测试${i}有限公司,330212,C34,2015-01-01,2015-01-01,2025,1000000,900000,50000`);
  return Buffer.from([head, ...rows, `${uscc()},宁波清除测试坏行有限公司,330212,C34,2015-01-01,2015-01-01,2025,-5,900000,50000`].join('\n'));
}

interface Stored {
  status: string;
  has_content: boolean;
  has_rows: boolean;
  file_purged_at: Date | null;
  preview: unknown;
  report_rows: number;
}

describe('purge of stored import files after the retention (real PostgreSQL)', () => {
  let dataSource: DataSource;
  let close: () => Promise<void>;
  let runs: EnterpriseImportRuns;
  const now = new Date('2026-12-04T12:00:00Z');

  beforeAll(async () => {
    ({ dataSource, close } = await openTestDataSource());
    runs = new EnterpriseImportRuns(dataSource, new EnterpriseImporter(dataSource, new EnterpriseProfileService(dataSource)));
  });
  afterAll(async () => {
    await close?.();
  });

  /** An import taken to `status`, then dated as ended `endedDaysAgo` before `now`. */
  async function importEnded(status: 'DONE' | 'FAILED' | 'CANCELLED' | 'RUNNING' | 'PREVIEW_READY', endedDaysAgo: number | null): Promise<string> {
    const content = status === 'FAILED' ? Buffer.from('not,a,list\n1,2,3') : list(3);
    const row = await dataSource.transaction((m) => runs.start(m, randomUUID(), 'list.csv', content));
    await runs.parse(row.id);
    if (status === 'DONE' || status === 'RUNNING') {
      await dataSource.transaction((m) => runs.confirm(m, row.id, null));
      if (status === 'DONE') await runs.run(row.id, null);
    }
    if (status === 'CANCELLED') await dataSource.transaction((m) => runs.cancel(m, row.id));
    expect((await runs.find(row.id))!.status).toBe(status);
    if (endedDaysAgo !== null) await dataSource.query('UPDATE enterprise_imports SET finished_at = $2 WHERE id = $1', [row.id, new Date(now.getTime() - endedDaysAgo * DAY)]);
    return row.id;
  }

  async function stored(id: string): Promise<Stored> {
    const [r] = await dataSource.query(
      `SELECT status, content IS NOT NULL AS has_content, parsed_rows IS NOT NULL AS has_rows, file_purged_at, preview,
              (SELECT count(*)::int FROM enterprise_import_rows WHERE import_id = i.id) AS report_rows
         FROM enterprise_imports i WHERE id = $1`,
      [id],
    );
    return r as Stored;
  }

  it('clears file and parsed rows of imports ended longer ago than the retention, keeps the report, and is idempotent', async () => {
    const oldDone = await importEnded('DONE', 30 + 1 / 24);
    const oldFailed = await importEnded('FAILED', 45);
    const oldCancelled = await importEnded('CANCELLED', 31);
    const recentDone = await importEnded('DONE', 30 - 1 / 24);
    // Never ended: kept whatever its age (a stale finished_at cannot appear, but guard the status too).
    const running = await importEnded('RUNNING', null);
    const waiting = await importEnded('PREVIEW_READY', null);
    await dataSource.query('UPDATE enterprise_imports SET created_at = $2 WHERE id = ANY($1)', [[running, waiting], new Date(now.getTime() - 90 * DAY)]);

    const before = await stored(oldDone);
    expect(before).toMatchObject({ status: 'DONE', has_content: true, has_rows: true, file_purged_at: null, report_rows: 4 });

    expect(await runs.purgeFiles(30, now)).toBe(3);
    for (const id of [oldDone, oldFailed, oldCancelled]) {
      const s = await stored(id);
      expect(s).toMatchObject({ has_content: false, has_rows: false });
      expect(s.file_purged_at?.getTime()).toBe(now.getTime());
    }
    // The report and the preview stay: the XLSX download falls back to them.
    const after = await stored(oldDone);
    expect(after.report_rows).toBe(4);
    expect(after.preview).toEqual(before.preview);
    expect((await runs.reportRows(oldDone)).map((r) => r.outcome)).toEqual(['CREATED', 'CREATED', 'CREATED', 'REJECTED']);
    expect(await runs.content(oldDone)).toBeNull();
    expect((await runs.find(oldDone))!.filePurgedAt?.getTime()).toBe(now.getTime());

    for (const id of [recentDone, running, waiting]) expect(await stored(id)).toMatchObject({ has_content: true, has_rows: true, file_purged_at: null });

    // Again: nothing left to purge; a day later the recent one's turn has come.
    expect(await runs.purgeFiles(30, now)).toBe(0);
    expect(await runs.purgeFiles(30, new Date(now.getTime() + DAY))).toBe(1);
    expect(await stored(recentDone)).toMatchObject({ has_content: false, has_rows: false, report_rows: 4 });
    expect(await stored(running)).toMatchObject({ has_content: true, has_rows: true });
  });

  it('the nightly job purges with the configured retention', async () => {
    // The job purges as of the clock: date these two against it.
    const endedTenDaysAgo = await importEnded('DONE', null);
    const endedFiveDaysAgo = await importEnded('DONE', null);
    await dataSource.query(`UPDATE enterprise_imports SET finished_at = now() - interval '10 days' WHERE id = $1`, [endedTenDaysAgo]);
    await dataSource.query(`UPDATE enterprise_imports SET finished_at = now() - interval '5 days' WHERE id = $1`, [endedFiveDaysAgo]);
    const handler = new PurgeImportFilesHandler(runs, loadConfig({ IMPORT_FILE_RETENTION_DAYS: '7' }));
    expect(await handler.handle()).toEqual({ purged: 1, retentionDays: 7 });
    expect(await stored(endedTenDaysAgo)).toMatchObject({ has_content: false, has_rows: false });
    expect(await stored(endedFiveDaysAgo)).toMatchObject({ has_content: true, has_rows: true });
  });
});
