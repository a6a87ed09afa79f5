import type { ApolloServerPlugin } from '@apollo/server';
import { unwrapResolverError } from '@apollo/server/errors';
import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import { BaseExceptionFilter, type HttpAdapterHost } from '@nestjs/core';
import type { GraphQLError } from 'graphql';
import type { Logger } from 'pino';
import { AppError, type Metrics } from '../../../../libs/platform/src/index.js';
import type { RequestContext } from './request-context.js';
import { REQUEST_ERROR_CODES } from './format-error.js';

/** A caller's mistake: logged at info (warn for the access ones), without a stack or the message. */
const CLIENT_CODES = new Set<string>(['BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', ...REQUEST_ERROR_CODES]);
/** Refused access and throttles: worth a look when they pile up (warn), still no stack. */
const ACCESS_CODES = new Set(['FORBIDDEN', 'UNAUTHENTICATED', 'RATE_LIMITED']);

/** The code an error reached the client with: an AppError's own, else GraphQL's extensions.code. */
export function errorCode(error: GraphQLError): string {
  const original = unwrapResolverError(error);
  if (original instanceof AppError) return original.code;
  const code = error.extensions?.code;
  return typeof code === 'string' ? code : 'INTERNAL_SERVER_ERROR';
}

/** How an error is logged: its level, or 'error' for anything unexpected. */
export function logLevelOf(code: string): 'info' | 'warn' | 'error' {
  if (CLIENT_CODES.has(code)) return 'info';
  if (ACCESS_CODES.has(code)) return 'warn';
  return 'error';
}

/**
 * An unexpected error as logged (under `error`, not pino's `err`, whose serializer copies every property): type, message, code and stack only. Never the whole object: a
 * TypeORM QueryFailedError carries the statement's parameters and PostgreSQL's `detail` repeats the
 * offending values (an e-mail, a figure).
 */
export function loggableError(err: unknown): Record<string, unknown> {
  if (!(err instanceof Error)) return { type: typeof err };
  const code = (err as { code?: unknown }).code;
  const type = err.constructor?.name && err.constructor.name !== 'Object' ? err.constructor.name : err.name;
  return { type, message: err.message, ...(typeof code === 'string' ? { code } : {}), stack: err.stack };
}

/** Operation names are the caller's text: bounded in the log. */
const operationName = (name: string | null | undefined) => (name && /^[_A-Za-z][_0-9A-Za-z]{0,99}$/.test(name) ? name : null);

/**
 * The one place GraphQL errors are logged (ADR 0037). A caller's mistake (BAD_USER_INPUT, NOT_FOUND,
 * CONFLICT, request errors) at info and refused access (FORBIDDEN, UNAUTHENTICATED, RATE_LIMITED) at
 * warn, with the code, field, path and request id — never the message, which may quote the caller's
 * figures or personal data; anything unexpected at error with the request id and the stack.
 */
export function errorLogPlugin(logger: Logger): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      return {
        async didEncounterErrors({ errors, contextValue, request, operationName: resolved }) {
          const requestId = (contextValue?.req?.id as string | undefined) ?? null;
          // Unknown or anonymous operations log null (the name is the caller's text).
          const operation = operationName(resolved ?? request.operationName);
          for (const error of errors) {
            const code = errorCode(error);
            const level = logLevelOf(code);
            const where = { requestId, operation, code, path: error.path?.join('.') ?? null };
            if (level === 'error') {
              logger.error({ ...where, error: loggableError(unwrapResolverError(error)) }, 'unexpected error in a GraphQL operation');
            } else {
              const original = unwrapResolverError(error);
              const field = original instanceof AppError ? original.details.field : error.extensions?.field;
              logger[level]({ ...where, ...(typeof field === 'string' ? { field } : {}) }, 'GraphQL request refused');
            }
          }
        },
      };
    },
  };
}

/**
 * Nest logs every exception a resolver throws at error with its stack (its ExceptionsHandler),
 * AppErrors included. GraphQL errors are logged by {@link errorLogPlugin}: this filter hands them
 * on untouched; HTTP controllers keep Nest's default handling.
 */
@Catch()
export class GraphqlErrorPassThrough implements ExceptionFilter {
  private readonly http: BaseExceptionFilter;

  constructor(adapterHost: HttpAdapterHost) {
    this.http = new BaseExceptionFilter(adapterHost.httpAdapter);
  }

  catch(exception: unknown, host: ArgumentsHost): unknown {
    if (host.getType<string>() === 'graphql') throw exception;
    return this.http.catch(exception, host);
  }
}

/** Counts and times GraphQL operations by name (bounded: anonymous/other collapse), type and outcome (OK or the first error's code). */
export function metricsPlugin(metrics: Metrics): ApolloServerPlugin<RequestContext> {
  return {
    async requestDidStart() {
      const started = process.hrtime.bigint();
      return {
        async willSendResponse({ operationName, request, operation, errors }) {
          const labels = {
            operation: metrics.operationLabel(operationName ?? request.operationName),
            type: operation?.operation ?? 'unknown',
            outcome: errors?.length ? errorCode(errors[0]!) : 'OK',
          };
          metrics.graphqlOperations.inc(labels);
          metrics.graphqlDuration.observe(labels, Number(process.hrtime.bigint() - started) / 1e9);
        },
      };
    },
  };
}
