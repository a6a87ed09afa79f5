import {
  Controller,
  Get,
  Param,
  Post,
  Query,
  Req,
  Res,
  UploadedFile,
  UseFilters,
  UseGuards,
  UseInterceptors,
} from '@nestjs/common';
import { FileInterceptor } from '@nestjs/platform-express';
import type { Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AppError, badInput } from '../../../../libs/platform/src/index.js';
import { ATTACHMENT_MAX_BYTES, type CaseSubject, ConversationService } from '../../../../libs/conversations/src/index.js';
import { bearerUploadGuard, uploadErrorFilter, type UploadRequest } from '../http/upload-http.js';

const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const REFUSED_LINK = '下载链接无效或已过期，请在留言中重新打开附件获取新链接 (the link is invalid or has expired: open the attachment again for a new one)';

/** Authenticates before multer reads a byte: strangers upload nothing. */
export const AttachmentUploaderGuard = bearerUploadGuard('uploadCaseAttachment', '请先登录 (send "Authorization: Bearer <token>")');

/** Errors as JSON; multer's size and shape errors as BAD_USER_INPUT naming the bound. */
const AttachmentErrorFilter = uploadErrorFilter({
  tooLarge: `附件超过上限 ${MB} MB (the attachment exceeds ${MB} MB)`,
  badShape: '上传须为 multipart/form-data：字段 subject、caseId 和一个文件字段 file (multipart/form-data with fields subject, caseId and one file "file")',
});

/**
 * Attachments of conversations. `POST /attachments` (multipart/form-data: `subject` MATCH_REQUEST or
 * CHALLENGE_APPLICATION, `caseId`, one file in `file`, ≤ 10 MB enforced while the body streams;
 * PDF, PNG, JPEG, docx, xlsx, checked against the content) with a bearer token of a member of
 * either side → 201 `{ id, filename, contentType, sizeBytes }`; then `send…Message(id, { attachmentIds })`.
 * `GET /attachments/:id?expires=…&sig=…`: the file, for whoever holds a valid signed link (issued by
 * `CaseAttachment.link` to the two sides and the AUTHORITY); a tampered or expired link is 403,
 * the same answer whatever the id.
 */
@Controller('attachments')
@UseFilters(AttachmentErrorFilter)
export class AttachmentController {
  constructor(private readonly conversations: ConversationService) {}

  @Post()
  @UseGuards(AttachmentUploaderGuard)
  // Memory storage: at most 10 MB, checked (sniffed) before it is stored.
  @UseInterceptors(FileInterceptor('file', { limits: { fileSize: ATTACHMENT_MAX_BYTES, files: 1, fields: 4, parts: 5, fieldSize: 200 } }))
  async upload(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Req() req: UploadRequest, @Res() res: Response): Promise<void> {
    if (!file) throw badInput('缺少文件：multipart 字段名须为 file (no file: send it in the multipart field "file")', 'file');
    const body = (req.body ?? {}) as Record<string, unknown>;
    // Busboy hands the name over as latin1 bytes; browsers send UTF-8.
    const filename = Buffer.from(file.originalname, 'latin1').toString('utf8');
    const row = await this.conversations.upload(req.uploadActor, String(body.subject ?? '') as CaseSubject, String(body.caseId ?? ''), filename, file.buffer);
    res.status(201).json({ id: row.id, filename: row.filename, contentType: row.contentType, sizeBytes: row.sizeBytes });
  }

  @Get(':id')
  async download(@Param('id') id: string, @Query('expires') expires: string, @Query('sig') sig: string, @Res() res: Response): Promise<void> {
    const opened = await this.conversations.openByLink(id, expires, sig);
    if (opened === 'refused') throw new AppError('FORBIDDEN', REFUSED_LINK);
    if (!opened) throw new AppError('NOT_FOUND', '附件不存在 (no such attachment)');
    const { row, file } = opened;
    res.status(200);
    res.setHeader('Content-Type', row.contentType);
    res.setHeader('Content-Length', String(file.size));
    res.setHeader('Content-Disposition', `attachment; filename="attachment"; filename*=UTF-8''${encodeURIComponent(row.filename)}`);
    res.setHeader('X-Content-Type-Options', 'nosniff');
    res.setHeader('Cache-Control', 'private, no-store');
    await pipeline(file.body, res);
  }
}
