import {
  type ArgumentsHost,
  Catch,
  type CanActivate,
  type ExceptionFilter,
  type ExecutionContext,
  HttpException,
  Injectable,
  mixin,
  type Type,
} from '@nestjs/common';
import type { Request, Response } from 'express';
import { AppError, badInput } from '../../../../libs/platform/src/index.js';
import { IdentityService, TokenService, authorizeKind } from '../../../../libs/identity/src/index.js';
import type { Actor, MutationName } from '../../../../libs/identity/src/index.js';
import { authenticateHeader } from '../graphql/graphql.options.js';

/** A multipart upload request once its guard let it through: the authenticated caller. */
export type UploadRequest = Request & { uploadActor?: Actor };

const STATUS: Record<string, number> = { UNAUTHENTICATED: 401, FORBIDDEN: 403, BAD_USER_INPUT: 400, NOT_FOUND: 404, CONFLICT: 409 };

/**
 * A guard that authenticates the bearer token and applies `mutation`'s kind rule before multer reads
 * a byte of the body, so strangers upload nothing; the caller is left on `req.uploadActor`.
 */
export function bearerUploadGuard(mutation: MutationName, signInHint: string): Type<CanActivate> {
  @Injectable()
  class BearerUploadGuard implements CanActivate {
    constructor(
      private readonly identity: IdentityService,
      private readonly tokens: TokenService,
    ) {}

    async canActivate(context: ExecutionContext): Promise<boolean> {
      const req = context.switchToHttp().getRequest<UploadRequest>();
      const auth = await authenticateHeader(req.headers.authorization, this.identity, this.tokens);
      if (auth.problem || !auth.actor) throw new AppError('UNAUTHENTICATED', auth.problem ?? signInHint);
      authorizeKind(auth.actor, mutation);
      req.uploadActor = auth.actor;
      return true;
    }
  }
  return mixin(BearerUploadGuard);
}

/** What an upload endpoint says when multer refuses the body: too large (HTTP 413), or not the expected form (400). */
export interface UploadErrorTexts {
  tooLarge: string;
  badShape: string;
}

/**
 * Errors of an upload controller as JSON `{ error: { code, message, field?, limit? } }`, with the
 * HTTP status of the code; multer's size and shape errors become BAD_USER_INPUT naming the bound.
 * A response already streaming (a download) is cut instead.
 */
export function uploadErrorFilter(texts: UploadErrorTexts): Type<ExceptionFilter> {
  @Catch()
  class UploadErrorFilter implements ExceptionFilter {
    catch(err: unknown, host: ArgumentsHost): void {
      const res = host.switchToHttp().getResponse<Response>();
      let error: AppError;
      if (err instanceof AppError) error = err;
      else if (err instanceof HttpException && err.getStatus() === 413) error = new AppError('BAD_USER_INPUT', texts.tooLarge, { field: 'file', limit: 'fileSize' });
      else if (err instanceof HttpException && err.getStatus() === 400) error = badInput(`${texts.badShape}: ${err.message}`, 'file');
      else throw err;
      if (res.headersSent) return void res.destroy();
      res.status(STATUS[error.code] ?? 400).json({ error: { code: error.code, message: error.message, ...error.details } });
    }
  }
  return UploadErrorFilter;
}
