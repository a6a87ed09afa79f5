import {
  Controller,
  Get,
  Param,
  Post,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Request, Response } from 'express';
import ExcelJS from 'exceljs';
import { sendXlsx } from '../http/xlsx-download.js';
import type { DataSource } from 'typeorm';
import { AppError, badInput, todayInShanghai, inTransaction } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService } from '../../../../libs/identity/src/index.js';
import {
  EnterpriseImportRuns,
  checkUpload,
  SHEET_LIMITS,
  readSheetIsolated,
  importFileFormat,
  IMPORT_ROW_OUTCOME_LABELS,
  IMPORT_STATUS_LABELS,
  COLUMN_BY_KEY,
  type ImportColumnKey,
} from '../../../../libs/enterprises/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';
import { bearerUploadGuard, uploadErrorFilter, type UploadRequest } from '../http/upload-http.js';
import { requireImportReader } from './enterprise-import-runs.resolver.js';

/** A report's column key as people read it: 营业收入, not revenue (文件 for problems of the whole file). */
function fieldLabel(field: string | null): string {
  if (!field) return '';
  if (field === 'file') return '文件';
  return COLUMN_BY_KEY.get(field as ImportColumnKey)?.zh ?? field;
}

/** First line of the report of an import whose file the retention purge cleared. */
export function purgedFileNotice(purgedAt: Date): string {
  return `原始文件已于 ${todayInShanghai(purgedAt)} 按保留期限清除，本报告只含行号、统一社会信用代码、结果、列与原因，不含原始单元格 (the uploaded file was purged after the retention period: original cells are no longer available)`;
}

const MB = SHEET_LIMITS.maxFileBytes / 1024 / 1024;

/** Authenticates the bearer token before multer reads a byte of the body: strangers upload nothing. */
export const ImportUploaderGuard = bearerUploadGuard('startEnterpriseImport', '请先登录 (send "Authorization: Bearer <token>" of an AUTHORITY user)');

/** Errors as JSON; multer's own (size, fields) mapped to BAD_USER_INPUT naming the bound. */
const ImportErrorFilter = uploadErrorFilter({
  tooLarge: `文件超过上限 ${MB} MB，请拆分文件 (the file exceeds ${MB} MB)`,
  badShape: '上传须为 multipart/form-data，文件字段名为 file，仅一个文件 (multipart/form-data with one file in the field "file")',
});

/**
 * Uploads for asynchronous enterprise imports: `POST /imports/enterprises` (multipart/form-data,
 * field `file`, ≤ 20 MB enforced while the body streams) with an AUTHORITY bearer token → 202
 * `{ id, status }`; then `enterpriseImport(id)` / `confirmEnterpriseImport(id)` over GraphQL.
 * `GET /imports/enterprises/:id/report.xlsx`: the original rows plus outcome and reason columns.
 */
@Controller('imports/enterprises')
@UseFilters(ImportErrorFilter)
export class EnterpriseImportController {
  constructor(
    private readonly runs: EnterpriseImportRuns,
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
    @InjectDataSource() private readonly dataSource: DataSource,
  ) {}

  @Post()
  @UseGuards(ImportUploaderGuard)
  // Memory storage (the file goes to the database anyway); multer stops reading past fileSize.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: SHEET_LIMITS.maxFileBytes, files: 1, fields: 5, parts: 6 } }))
  async upload(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    if (!file) throw badInput('缺少文件：multipart 字段名须为 file (no file: send it in the multipart field "file")', 'file');
    // Busboy hands the name over as latin1 bytes; browsers send UTF-8.
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8');
    checkUpload(filename, file.buffer, { filename: 'filename', content: 'file' });
    const row = await inTransaction(this.dataSource, (m) => this.runs.start(m, req.uploadActor!.userId, filename, file.buffer));
    res.status(202).json({ id: row.id, status: row.status });
  }

  @Get(':id/report.xlsx')
  async report(@Param('id') id: string, @Req() req: Request, @Res() res: Response): Promise<void> {
    const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
    if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? '请先登录 (send "Authorization: Bearer <token>" of an AUTHORITY user)');
    requireImportReader(auth.actor, 'enterpriseImport');
    if (!/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i.test(id)) throw new AppError('NOT_FOUND', '导入任务不存在 (no such import)');
    const row = await this.runs.find(id);
    const content = row && !row.filePurgedAt ? await this.runs.content(id) : null;
    if (!row || (!content && !row.filePurgedAt)) throw new AppError('NOT_FOUND', '导入任务不存在 (no such import)');
    const outcomes = new Map((await this.runs.reportRows(id)).map((r) => [r.row, r]));
    const preview = new Map(((row.preview?.rejected ?? []) as Array<{ row: number; field: string; reason: string }>).map((r) => [r.row, r]));
    const book = new ExcelJS.Workbook();
    book.creator = 'srdi-match';
    const ws = book.addWorksheet('导入结果');
    if (row.filePurgedAt || !content) {
      // The original cells went with the file: what is left is the per-row report.
      ws.addRow([purgedFileNotice(row.filePurgedAt ?? new Date())]).font = { bold: true };
      ws.addRow(['行号', '统一社会信用代码', '结果', '出错的列', '原因']).font = { bold: true };
      if (row.status === 'FAILED') ws.addRow(['', '', '文件无法读取', '', row.error ?? '']);
      for (const r of outcomes.values()) ws.addRow([r.row, r.uscc ?? '', IMPORT_ROW_OUTCOME_LABELS[r.outcome], fieldLabel(r.field ?? null), r.reason ?? '']);
    } else if (row.status === 'FAILED' || row.headerRow === null) {
      ws.addRow(['结果', '原因']).font = { bold: true };
      ws.addRow([row.status === 'FAILED' ? '文件无法读取' : IMPORT_STATUS_LABELS[row.status], row.error ?? '']);
    } else {
      // The original rows, as read (title rows and blank rows left out), then outcome, column and reason.
      const table = await readSheetIsolated(content, importFileFormat(row.filename));
      let width = 0;
      for (const r of table) width = Math.max(width, r.cells.length);
      for (const r of table) {
        const cells = [...r.cells, ...Array<string>(width - r.cells.length).fill('')];
        if (r.row < row.headerRow) continue;
        if (r.row === row.headerRow) {
          ws.addRow(['行号', ...cells, '结果', '出错的列', '原因']).font = { bold: true };
          continue;
        }
        const o = outcomes.get(r.row);
        const p = preview.get(r.row);
        const outcome = o ? IMPORT_ROW_OUTCOME_LABELS[o.outcome] : p ? IMPORT_ROW_OUTCOME_LABELS.REJECTED : row.status === 'DONE' ? '' : '未处理';
        ws.addRow([r.row, ...cells, outcome, fieldLabel(o?.field ?? p?.field ?? null), o?.reason ?? p?.reason ?? '']);
      }
    }
    await sendXlsx(res, book, `import-${id}-report.xlsx`);
  }
}
