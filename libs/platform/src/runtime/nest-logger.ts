/**
 * Nest's own logs (bootstrap, module errors, `new Logger(...)` in a provider) through the process's
 * pino logger, with nestjs-pino's adapter. Built directly instead of through `LoggerModule`: the
 * module's request middleware runs every request inside an AsyncLocalStorage, which turns on
 * Node's promise hooks for the whole process (every promise of every request and job paid for
 * them: ~4 % of a listings page's CPU). Nothing here reads the request-bound logger: request logs
 * come from the API's pino-http middleware (apps/api/src/http/request-logging.ts) and errors carry
 * the request id explicitly.
 */
import type { LoggerService } from '@nestjs/common';
import { Logger, PinoLogger } from 'nestjs-pino';
import type { Logger as Pino } from 'pino';

export function nestLogger(logger: Pino): LoggerService {
  return new Logger(new PinoLogger({ pinoHttp: { logger } }), {});
}
