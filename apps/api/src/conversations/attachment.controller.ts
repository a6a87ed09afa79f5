import {
  type ArgumentsHost,
  Catch,
  type CanActivate,
  Controller,
  type ExceptionFilter,
  type ExecutionContext,
  Get,
  HttpException,
  Injectable,
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
import type { Request, Response } from 'express';
import { pipeline } from 'node:stream/promises';
import { AppError, badInput } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService, authorizeKind } from '../../../../libs/identity/src/index.js';
import type { Actor } from '../../../../libs/identity/src/index.js';
import { ATTACHMENT_MAX_BYTES, type CaseSubject, ConversationService } from '../../../../libs/conversations/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };
const MB = ATTACHMENT_MAX_BYTES / 1024 / 1024;
const REFUSED_LINK = '下载链接无效或已过期，请在留言中重新打开附件获取新链接 (the link is invalid or has expired: open the attachment again for a new one)';

type AuthedRequest = Request & { uploadActor?: Actor };

/** Authenticates before multer reads a byte: strangers upload nothing. */
@Injectable()
export class AttachmentUploaderGuard implements CanActivate {
  constructor(
    private readonly identity: IdentityService,
    private readonly tokens: TokenService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthedRequest>();
    const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
    if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? '请先登录 (send "Authorization: Bearer <token>")');
    authorizeKind(auth.actor, 'uploadCaseAttachment');
    req.uploadActor = auth.actor;
    return true;
  }
}

/** Errors as JSON `{ error: { code, message, field?, limit? } }`; multer's size and shape errors as BAD_USER_INPUT naming the bound. */
@Catch()
export class AttachmentErrorFilter implements ExceptionFilter {
  catch(err: unknown, host: ArgumentsHost): void {
    const res = host.switchToHttp().getResponse<Response>();
    let error: AppError;
    if (err instanceof AppError) error = err;
    else if (err instanceof HttpException && err.getStatus() === 413) {
      error = new AppError('BAD_USER_INPUT', `附件超过上限 ${MB} MB (the attachment exceeds ${MB} MB)`, { field: 'file', limit: 'fileSize' });
    } else if (err instanceof HttpException && err.getStatus() === 400) {
      error = badInput(`上传须为 multipart/form-data：字段 subject、caseId 和一个文件字段 file (multipart/form-data with fields subject, caseId and one file "file"): ${err.message}`, 'file');
    } else throw err;
    if (res.headersSent) return void res.destroy();
    res.status(STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message, ...error.details } });
  }
}

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
  async upload(@UploadedFile() file: { originalname: string; buffer: Buffer } | undefined, @Req() req: AuthedRequest, @Res() res: Response): Promise<void> {
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
