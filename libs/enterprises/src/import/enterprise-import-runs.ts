/**
 * Asynchronous imports (issue 14 item 2): an upload becomes an `enterprise_imports` row (QUEUED);
 * the job `imports.parse-enterprises` reads it into rows and a preview (PREVIEW_READY, or FAILED
 * naming the bound the file crossed); `confirm` queues `imports.run-enterprises`, which imports the
 * enterprises in batches through {@link EnterpriseImporter}, each batch's writes, progress and
 * report rows in one transaction. A crash or a retry resumes after the last recorded batch; an
 * interrupted batch left nothing behind and is imported again.
 */
import { Inject, Injectable, Logger, Optional, type OnApplicationBootstrap } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import {
  AppError,
  badInput,
  filenameProblemMessage,
  conflict,
  notFound,
  recordEvent,
  checkPageSize,
  fetchKeysetPage,
  type KeysetPage,
  HandlesJob,
  type JobHandler,
  QueueRegistry,
  APP_CONFIG,
  type AppConfig,
  PUBSUB,
  type PubSub,
  ENTERPRISE_IMPORT_PROGRESS,
  type EnterpriseImportProgressMessage,
} from '../../../platform/src/index.js';
import type { JobPayloads } from '../../../platform/src/index.js';
import { SHEET_LIMITS } from './sheet-limits.js';
import { EnterpriseImportEntity, IMPORT_STATUS_LABELS, type ImportReportRow, type SheetSummary } from './enterprise-import.entity.js';
import { EnterpriseImporter, groupRows, importFileFormat, parseEnterpriseSheet, type ImportRejection, type ImportReport, type ParsedSheet, type RawRow, type UnknownColumn } from './enterprise-import.js';
import { checkGroups } from './import-rows.js';
import { COLUMN_BY_KEY, type ImportColumnKey } from './import-columns.js';
import { checkMapping, type ColumnMappingInput, type ColumnOverride, type HeaderCell } from './import-mapping.js';

/** Enterprises per batch: progress is recorded, and a cancel takes effect, after each batch. */
export const IMPORT_BATCH_SIZE = 100;
/** Parsed rows per statement when they are stored or read back. */
const ROWS_PER_WRITE = 500;
/** Enterprises checked between two turns of the event loop while the preview is built. */
const GROUPS_PER_SLICE = 250;
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));
const MAX_FILENAME = 255;

/**
 * Checks an upload before it is stored: name (.xlsx/.csv), size, and that the bytes are what the
 * name says — a zip container for .xlsx, text (no NUL bytes) for .csv. `field` names the argument.
 */
export function checkUpload(filename: string, content: Buffer, fields: { filename: string; content: string }): void {
  if (filename.length === 0 || filename.length > MAX_FILENAME) throw badInput(`文件名须为 1–${MAX_FILENAME} 个字符 (filename must be 1–${MAX_FILENAME} characters)`, fields.filename);
  const problem = filenameProblemMessage(filename);
  if (problem) throw badInput(problem, fields.filename);
  const format = importFileFormat(filename, fields.filename);
  if (content.length === 0) throw badInput('文件为空 (the file is empty)', fields.content);
  if (content.length > SHEET_LIMITS.maxFileBytes) {
    throw new AppError('BAD_USER_INPUT', `文件超过上限 ${SHEET_LIMITS.maxFileBytes / 1024 / 1024} MB，请拆分文件 (the file exceeds ${SHEET_LIMITS.maxFileBytes / 1024 / 1024} MB)`, {
      field: fields.content,
      limit: 'fileSize',
    });
  }
  const zip = content.length >= 4 && content.readUInt32LE(0) === 0x04034b50;
  if (format === 'xlsx' && !zip) {
    throw badInput('文件内容不是 .xlsx（应为 zip 容器；.xls 或加密文件请另存为 .xlsx）(the content is not an .xlsx workbook)', fields.content);
  }
  if (format === 'csv' && (zip || content.subarray(0, 64 * 1024).includes(0))) {
    throw badInput('文件内容不是文本 .csv（可能是工作簿，请使用 .xlsx 扩展名）(the content is not a text .csv)', fields.content);
  }
}

export interface OutcomeCount {
  outcome: ImportReportRow['outcome'];
  rows: number;
}

export interface ImportPage extends KeysetPage<EnterpriseImportEntity> {
  totalCount: number;
}

/** The header cells of a parsed sheet; imports parsed before they were kept give the mapped and unknown columns. */
export function headersOf(sheet: SheetSummary | null): HeaderCell[] {
  if (!sheet) return [];
  if (sheet.headers) return sheet.headers;
  const cells = [...(sheet.columns as UnknownColumn[]), ...(sheet.unknownColumns as UnknownColumn[])].map((c) => ({ column: c.column, header: c.header }));
  return cells.sort((a, b) => a.column.length - b.column.length || a.column.localeCompare(b.column));
}

@Injectable()
export class EnterpriseImportRuns {
  private readonly logger = new Logger('EnterpriseImportRuns');

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly importer: EnterpriseImporter,
    @Optional() @Inject(PUBSUB) private readonly pubsub?: PubSub,
  ) {}

  /**
   * Tells every API process that import `id` changed (its subscribers read the row). Called after
   * the change is committed; fire-and-forget: a lost message delays a client's view, the row is
   * the truth, so a failed publish is logged and the work goes on.
   */
  async announce(id: string): Promise<void> {
    if (!this.pubsub) return;
    const message: EnterpriseImportProgressMessage = { importId: id };
    await this.pubsub.publish(ENTERPRISE_IMPORT_PROGRESS, message).catch((err: Error) => this.logger.warn(`import ${id}: progress not published (${err.message})`));
  }

  /**
   * Stores an upload (QUEUED) and queues its parsing. The caller checked it with {@link checkUpload}.
   * `actorUserId` null: the server's own CLI (`npm run import:enterprises`), which has no user.
   */
  async start(manager: EntityManager, actorUserId: string | null, filename: string, content: Buffer): Promise<EnterpriseImportEntity> {
    const row = await manager.save(
      manager.create(EnterpriseImportEntity, { status: 'QUEUED', filename, content, fileBytes: content.length, createdBy: actorUserId }),
    );
    await recordEvent(manager, { type: 'enterprise-import.queued', aggregateType: 'enterprise-import', aggregateId: row.id, data: { importId: row.id }, actorUserId });
    return this.load(manager, row.id);
  }

  async load(manager: EntityManager, id: string): Promise<EnterpriseImportEntity> {
    const row = await manager.findOneBy(EnterpriseImportEntity, { id });
    if (!row) throw notFound(`导入任务 ${id} 不存在 (no such import)`);
    return row;
  }

  async find(id: string): Promise<EnterpriseImportEntity | null> {
    return this.dataSource.getRepository(EnterpriseImportEntity).findOneBy({ id });
  }

  async page(first: number, after?: string | null): Promise<ImportPage> {
    checkPageSize(first);
    const repo = this.dataSource.getRepository(EnterpriseImportEntity);
    const totalCount = await repo.count();
    return { ...(await fetchKeysetPage(repo.createQueryBuilder('i'), 'i', 'enterprise_imports', first, after)), totalCount };
  }

  /** All report rows recorded so far, in file order (for the report download). */
  async reportRows(id: string): Promise<ImportReportRow[]> {
    const rows = await this.dataSource.query(
      `SELECT row, uscc, outcome, field, reason, organization_id AS "organizationId" FROM enterprise_import_rows WHERE import_id = $1 ORDER BY row`,
      [id],
    );
    return rows as ImportReportRow[];
  }

  /**
   * One page of the report in row order: at most `first` (1–100) rows after row `afterRow`,
   * optionally of one outcome, with the total count of rows matching.
   */
  async reportPage(id: string, first: number, afterRow: number | null, outcome: ImportReportRow['outcome'] | null): Promise<{ rows: ImportReportRow[]; hasNextPage: boolean; totalCount: number }> {
    checkPageSize(first);
    const rows = (await this.dataSource.query(
      `SELECT row, uscc, outcome, field, reason, organization_id AS "organizationId" FROM enterprise_import_rows
        WHERE import_id = $1 AND row > $2 AND ($3::text IS NULL OR outcome = $3) ORDER BY row LIMIT $4`,
      [id, afterRow ?? 0, outcome, first + 1],
    )) as ImportReportRow[];
    const [{ total }] = await this.dataSource.query(`SELECT count(*)::int AS total FROM enterprise_import_rows WHERE import_id = $1 AND ($2::text IS NULL OR outcome = $2)`, [id, outcome]);
    return { rows: rows.slice(0, first), hasNextPage: rows.length > first, totalCount: total as number };
  }

  /** Report rows so far by outcome (file rows, not enterprises); outcomes without rows are absent. */
  async outcomeCounts(id: string): Promise<OutcomeCount[]> {
    return (await this.outcomeCountsOf([id]))[0]!;
  }

  /** {@link outcomeCounts} of several imports in one statement, in the order of `ids`. */
  async outcomeCountsOf(ids: readonly string[]): Promise<OutcomeCount[][]> {
    const rows = (await this.dataSource.query(
      `SELECT import_id AS id, outcome, count(*)::int AS rows FROM enterprise_import_rows WHERE import_id = ANY($1::uuid[]) GROUP BY import_id, outcome ORDER BY outcome`,
      [ids],
    )) as Array<OutcomeCount & { id: string }>;
    const by = new Map<string, OutcomeCount[]>(ids.map((id) => [id, []]));
    for (const { id, outcome, rows: n } of rows) by.get(id)?.push({ outcome, rows: n });
    return ids.map((id) => by.get(id)!);
  }

  async content(id: string): Promise<Buffer | null> {
    const [row] = await this.dataSource.query(`SELECT content FROM enterprise_imports WHERE id = $1`, [id]);
    return (row?.content as Buffer | undefined) ?? null;
  }

  /**
   * Clears the uploaded file and the parsed rows of every import that ended (DONE, FAILED,
   * CANCELLED) more than `retentionDays` ago, and stamps `file_purged_at`; the report rows and the
   * preview stay. Idempotent; returns how many imports it purged. `now` is for tests.
   */
  async purgeFiles(retentionDays: number, now = new Date()): Promise<number> {
    const [, n] = (await this.dataSource.query(
      `UPDATE enterprise_imports SET content = NULL, parsed_rows = NULL, file_purged_at = $2
        WHERE status IN ('DONE', 'FAILED', 'CANCELLED') AND file_purged_at IS NULL
          AND finished_at < $2::timestamptz - make_interval(days => $1)`,
      [retentionDays, now],
    )) as [unknown, number];
    return n;
  }

  /**
   * PREVIEW_READY → RUNNING, and queues the run. `mapping` (checked here against the file's header,
   * BAD_USER_INPUT naming the entry) overrides the detected columns and units; the run reads the
   * file again under it. Without one, every required field must have a detected column.
   */
  async confirm(manager: EntityManager, id: string, actorUserId: string | null, mapping?: readonly ColumnMappingInput[] | null): Promise<EnterpriseImportEntity> {
    const row = await this.locked(manager, id);
    if (row.status !== 'PREVIEW_READY') throw conflict(`导入任务状态为“${IMPORT_STATUS_LABELS[row.status]}”，只有预览就绪的任务可以确认 (only a PREVIEW_READY import can be confirmed)`, 'id');
    let sheet = row.sheet;
    if (mapping) {
      const override: ColumnOverride[] = checkMapping(mapping, headersOf(row.sheet), 'mapping');
      sheet = { ...row.sheet!, override, remapped: false };
    } else if (row.sheet?.missing?.length) {
      throw badInput(
        `表头中找不到必填字段 ${row.sheet.missing.map((k) => `${COLUMN_BY_KEY.get(k as ImportColumnKey)?.zh ?? k}（${k}）`).join('、')}：请在 mapping 中指定对应的列 ` +
          `(required fields without a column: ${row.sheet.missing.join(', ')}; give them a column in mapping)`,
        'mapping',
      );
    }
    await manager.query(`UPDATE enterprise_imports SET status = 'RUNNING', sheet = $2, updated_at = now() WHERE id = $1`, [id, JSON.stringify(sheet)]);
    await recordEvent(manager, { type: 'enterprise-import.confirmed', aggregateType: 'enterprise-import', aggregateId: id, data: { importId: id }, actorUserId });
    return this.load(manager, id);
  }

  /** Before the run: CANCELLED at once. While RUNNING: the run stops after its current batch. */
  async cancel(manager: EntityManager, id: string): Promise<EnterpriseImportEntity> {
    const row = await this.locked(manager, id);
    if (row.status === 'RUNNING') await manager.update(EnterpriseImportEntity, { id }, { cancelRequested: true });
    else if (row.status === 'QUEUED' || row.status === 'PARSING' || row.status === 'PREVIEW_READY') {
      await manager.update(EnterpriseImportEntity, { id }, { status: 'CANCELLED', cancelRequested: true, finishedAt: new Date() });
    } else throw conflict(`导入任务已结束（${IMPORT_STATUS_LABELS[row.status]}），不能取消 (the import has ended; nothing to cancel)`, 'id');
    return this.load(manager, id);
  }

  private async locked(manager: EntityManager, id: string): Promise<EnterpriseImportEntity> {
    const row = await manager.findOne(EnterpriseImportEntity, { where: { id }, lock: { mode: 'pessimistic_write' } });
    if (!row) throw notFound(`导入任务 ${id} 不存在 (no such import)`);
    return row;
  }

  /**
   * Stores the parsed rows of import `id` (while `guard` holds) in slices of {@link ROWS_PER_WRITE}:
   * one 4 MB parameter would hold the event loop for hundreds of milliseconds while it is bound.
   * A retried job starts again from an empty list.
   */
  private async storeRows(id: string, rows: readonly RawRow[], guard: string): Promise<void> {
    await this.dataSource.query(`UPDATE enterprise_imports SET parsed_rows = '[]'::jsonb WHERE id = $1 AND ${guard}`, [id]);
    for (let at = 0; at < rows.length; at += ROWS_PER_WRITE) {
      await this.dataSource.query(`UPDATE enterprise_imports SET parsed_rows = parsed_rows || $2::jsonb WHERE id = $1 AND ${guard}`, [
        id,
        JSON.stringify(rows.slice(at, at + ROWS_PER_WRITE)),
      ]);
    }
  }

  /** The stored parsed rows of import `id`, read in slices of {@link ROWS_PER_WRITE} (as they were written). */
  private async storedRows(id: string): Promise<RawRow[]> {
    const [{ n }] = await this.dataSource.query(`SELECT coalesce(jsonb_array_length(parsed_rows), 0)::int AS n FROM enterprise_imports WHERE id = $1`, [id]);
    const rows: RawRow[] = [];
    for (let at = 0; at < (n as number); at += ROWS_PER_WRITE) {
      const [{ part }] = await this.dataSource.query(`SELECT jsonb_path_query_array(parsed_rows, $2::jsonpath) AS part FROM enterprise_imports WHERE id = $1`, [
        id,
        `$[${at} to ${Math.min(n as number, at + ROWS_PER_WRITE) - 1}]`,
      ]);
      rows.push(...(part as RawRow[]));
    }
    return rows;
  }

  /** The parse job: QUEUED → PARSING → PREVIEW_READY, or FAILED with the reader's message. */
  async parse(id: string): Promise<void> {
    const claimed = await this.dataSource.query(
      `UPDATE enterprise_imports SET status = 'PARSING', updated_at = now() WHERE id = $1 AND status IN ('QUEUED', 'PARSING') RETURNING filename, content`,
      [id],
    );
    const row = (claimed as [Array<{ filename: string; content: Buffer }>, number])[0]?.[0];
    if (!row) return; // cancelled, or parsed already (a retried job)
    await this.announce(id);
    let sheet;
    try {
      sheet = await parseEnterpriseSheet(row.content, row.filename, { allowMissing: true });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT') throw err;
      await this.fail(id, 'PARSING', err.message);
      return;
    }
    await this.storeRows(id, sheet.rows, `status = 'PARSING'`);
    await this.dataSource.query(
      `UPDATE enterprise_imports SET status = 'PREVIEW_READY', header_row = $2, sheet = $3, preview = $4,
         rows_total = $5, firms_total = $6, updated_at = now()
       WHERE id = $1 AND status = 'PARSING'`,
      [id, sheet.headerRow, JSON.stringify(summaryOf(sheet)), JSON.stringify(await this.previewOf(sheet)), sheet.rows.length, groupRows(sheet.rows).length],
    );
    await this.announce(id);
  }

  private async fail(id: string, from: 'PARSING' | 'RUNNING', message: string): Promise<void> {
    await this.dataSource.query(`UPDATE enterprise_imports SET status = 'FAILED', error = $3, finished_at = now(), updated_at = now() WHERE id = $1 AND status = $2`, [id, from, message]);
    await this.announce(id);
  }

  /**
   * What is known without writing. While a required field has no column, the rows are not checked
   * (each would be refused for it): the mapping given at confirm supplies it, and the run checks them.
   */
  private async previewOf(sheet: ParsedSheet): Promise<{ wouldCreate: number; wouldUpdate: number; rejected: unknown[] }> {
    if (sheet.missing.length > 0) return { wouldCreate: 0, wouldUpdate: 0, rejected: [] };
    // Checked in slices with a turn of the event loop between them: other requests are served meanwhile.
    const groups = groupRows(sheet.rows);
    const rejected: ImportRejection[] = [];
    const usccs: string[] = [];
    for (let at = 0; at < groups.length; at += GROUPS_PER_SLICE) {
      const part = checkGroups(groups.slice(at, at + GROUPS_PER_SLICE));
      rejected.push(...part.rejected);
      usccs.push(...part.usccs);
      await nextTurn();
    }
    rejected.sort((a, b) => a.row - b.row);
    const [{ existing }] = await this.dataSource.query(`SELECT count(*)::int AS existing FROM organizations WHERE uscc = ANY($1::text[])`, [usccs]);
    return { wouldCreate: usccs.length - (existing as number), wouldUpdate: existing as number, rejected };
  }

  /**
   * A run confirmed with a mapping reads the stored file again under it (in the worker, through the
   * isolated reader) before its first batch: rows, totals and the preview's rejects as the mapping
   * makes them. Guarded by firms_done = 0, so a retried run applies it once. False when the run must stop.
   */
  private async remap(id: string): Promise<boolean> {
    const [row] = await this.dataSource.query(`SELECT filename, content, sheet FROM enterprise_imports WHERE id = $1 AND status = 'RUNNING'`, [id]);
    if (!row) return false;
    const summary = row.sheet as SheetSummary;
    let sheet: ParsedSheet;
    try {
      sheet = await parseEnterpriseSheet(row.content as Buffer, row.filename as string, { override: summary.override as ColumnOverride[] });
    } catch (err) {
      if (!(err instanceof AppError) || err.code !== 'BAD_USER_INPUT') throw err;
      await this.fail(id, 'RUNNING', `按确认时的列映射读取文件失败：${err.message}`);
      return false;
    }
    await this.storeRows(id, sheet.rows, `status = 'RUNNING' AND firms_done = 0`);
    await this.dataSource.query(
      `UPDATE enterprise_imports SET sheet = $2, preview = $3, rows_total = $4, firms_total = $5, updated_at = now()
        WHERE id = $1 AND status = 'RUNNING' AND firms_done = 0`,
      [
        id,
        JSON.stringify({ ...summaryOf(sheet), override: summary.override, remapped: true }),
        JSON.stringify(await this.previewOf(sheet)),
        sheet.rows.length,
        groupRows(sheet.rows).length,
      ],
    );
    await this.announce(id);
    return true;
  }

  /**
   * The run job: imports the enterprises after `firms_done` in batches of {@link IMPORT_BATCH_SIZE}
   * and records each batch (counts, report rows, firms_done) in one statement guarded by the
   * expected firms_done, so two runs of one import never both record a batch. `stopAfterBatches`
   * lets tests stop between batches as a crash would.
   */
  async run(id: string, actorUserId: string | null, options: { batchSize?: number; stopAfterBatches?: number } = {}): Promise<void> {
    const batchSize = options.batchSize ?? IMPORT_BATCH_SIZE;
    const [pending] = await this.dataSource.query(`SELECT status, firms_done, sheet FROM enterprise_imports WHERE id = $1`, [id]);
    if (!pending || pending.status !== 'RUNNING') return;
    const summary = pending.sheet as SheetSummary | null;
    if (summary?.override && !summary.remapped && pending.firms_done === 0 && !(await this.remap(id))) return;
    const [row] = await this.dataSource.query(`SELECT status, firms_done FROM enterprise_imports WHERE id = $1`, [id]);
    if (!row || row.status !== 'RUNNING') return;
    const groups = groupRows(await this.storedRows(id));
    let done = row.firms_done as number;
    let batches = 0;
    while (done < groups.length) {
      const [state] = await this.dataSource.query(`SELECT status, cancel_requested FROM enterprise_imports WHERE id = $1`, [id]);
      if (state?.status !== 'RUNNING') return;
      if (state.cancel_requested) {
        await this.dataSource.query(`UPDATE enterprise_imports SET status = 'CANCELLED', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'RUNNING'`, [id]);
        await this.announce(id);
        return;
      }
      if (options.stopAfterBatches !== undefined && batches >= options.stopAfterBatches) return;
      const batch = groups.slice(done, done + batchSize);
      // The batch's enterprises, its progress and its report rows in ONE transaction: a crash leaves
      // the batch wholly written or not at all. Progress is guarded by the expected firms_done, so two
      // runs of one import never both record (and write) a batch; the loser's writes roll back.
      let recorded = 1;
      try {
        await this.importer.inTransaction(async (m) => {
          const report = await this.importer.importIn(m, batch.flat(), { actorUserId });
          const rows = reportRowsOf(report);
          const [, n] = (await m.query(
            `UPDATE enterprise_imports SET firms_done = $3, rows_done = rows_done + $4, created = created + $5, updated = updated + $6,
               unchanged = unchanged + $7, rejected_rows = rejected_rows + $8, claim_conflicts = claim_conflicts + $9, updated_at = now()
             WHERE id = $1 AND firms_done = $2 AND status = 'RUNNING'`,
            [id, done, done + batch.length, batch.reduce((k, g) => k + g.length, 0), report.created, report.updated, report.unchanged, report.rejectedRows, report.claimConflicts],
          )) as [unknown, number];
          if (n !== 1) throw new BatchNotRecorded();
          if (rows.length === 0) return;
          await m.query(
            `INSERT INTO enterprise_import_rows (import_id, row, outcome, uscc, field, reason, organization_id)
             SELECT $1, * FROM unnest($2::int[], $3::varchar[], $4::varchar[], $5::varchar[], $6::text[], $7::uuid[])
             ON CONFLICT (import_id, row) DO NOTHING`,
            [
              id,
              rows.map((r) => r.row),
              rows.map((r) => r.outcome),
              rows.map((r) => r.uscc),
              rows.map((r) => r.field),
              rows.map((r) => r.reason),
              rows.map((r) => r.organizationId ?? null),
            ],
          );
        });
      } catch (err) {
        if (!(err instanceof BatchNotRecorded)) throw err;
        recorded = 0;
      }
      if (recorded !== 1) return; // another run of this import recorded it (or it was cancelled meanwhile)
      await this.announce(id);
      done += batch.length;
      batches += 1;
    }
    await this.dataSource.query(`UPDATE enterprise_imports SET status = 'DONE', finished_at = now(), updated_at = now() WHERE id = $1 AND status = 'RUNNING'`, [id]);
    await this.announce(id);
  }
}

/** Thrown inside a batch's transaction when another run of the import recorded the batch (or it ended): rolls the batch back. */
class BatchNotRecorded extends Error {}

/** What the row keeps of a parsed sheet besides its rows. */
function summaryOf(sheet: ParsedSheet): SheetSummary {
  return { columns: sheet.columns, unknownColumns: sheet.unknownColumns, headers: sheet.headers, missing: sheet.missing };
}

/** One report row per file row of a batch. */
function reportRowsOf(report: ImportReport): ImportReportRow[] {
  const out: ImportReportRow[] = [];
  for (const f of report.firms) for (const row of f.rows) out.push({ row, uscc: f.uscc, outcome: f.outcome, field: null, reason: null, organizationId: f.organizationId });
  const seen = new Set<number>();
  for (const r of report.rejected) {
    // One entry per row: the first problem named (the rest are in the same enterprise's other rows).
    if (seen.has(r.row)) continue;
    seen.add(r.row);
    out.push({ row: r.row, uscc: r.uscc, outcome: r.claimConflict ? 'CLAIM_CONFLICT' : r.notEnterprise ? 'NOT_ENTERPRISE' : 'REJECTED', field: r.field, reason: r.reason, organizationId: null });
  }
  return out.sort((a, b) => a.row - b.row);
}

@Injectable()
@HandlesJob('imports.parse-enterprises')
export class ParseEnterpriseImportHandler implements JobHandler<'imports.parse-enterprises'> {
  constructor(private readonly runs: EnterpriseImportRuns) {}

  handle(job: JobPayloads['imports.parse-enterprises']): Promise<void> {
    return this.runs.parse(job.data.importId);
  }
}

/** Nightly at 04:30 Beijing time: clears the files of imports ended IMPORT_FILE_RETENTION_DAYS ago. */
export const NIGHTLY_IMPORT_PURGE_PATTERN = '30 4 * * *';

@Injectable()
@HandlesJob('imports.purge-files')
export class PurgeImportFilesHandler implements JobHandler<'imports.purge-files'> {
  constructor(
    private readonly runs: EnterpriseImportRuns,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  /** Resolves to the number of imports purged (kept as the job's return value). */
  async handle(): Promise<{ purged: number; retentionDays: number }> {
    const retentionDays = this.config.importFileRetentionDays;
    return { purged: await this.runs.purgeFiles(retentionDays), retentionDays };
  }
}

/** Registers the nightly purge with BullMQ's job scheduler (idempotent across restarts and workers). */
@Injectable()
export class NightlyImportPurgeScheduler implements OnApplicationBootstrap {
  constructor(private readonly queues: QueueRegistry) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.queues.schedule('imports.purge-files', NIGHTLY_IMPORT_PURGE_PATTERN);
  }
}

@Injectable()
@HandlesJob('imports.run-enterprises')
export class RunEnterpriseImportHandler implements JobHandler<'imports.run-enterprises'> {
  constructor(private readonly runs: EnterpriseImportRuns) {}

  handle(job: JobPayloads['imports.run-enterprises']): Promise<void> {
    return this.runs.run(job.data.importId, job.actorUserId ?? null);
  }
}
