/**
 * One log line per HTTP request (pino-http), with a request id: the caller's `x-request-id` when it
 * is safe to echo, else a new UUID, sent back in the response header and read by the error log and
 * the audit plugin as `req.id`. Health probes are not logged. The query string is dropped (a
 * refused GET may carry credentials in it) and the response is logged by its status alone (no
 * headers: they cost serialising on every request and say nothing an operator needs).
 */
import { randomUUID } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import type { Logger } from 'pino';
import { pinoHttp } from 'pino-http';

export function requestLogging(logger: Logger) {
  return pinoHttp({
    logger,
    genReqId: (req: IncomingMessage, res: ServerResponse) => {
      const given = req.headers['x-request-id'];
      const id = typeof given === 'string' && /^[\w.-]{1,100}$/.test(given) ? given : randomUUID();
      res.setHeader('x-request-id', id);
      return id;
    },
    autoLogging: { ignore: (req: IncomingMessage) => req.url?.startsWith('/health') ?? false },
    serializers: {
      req: (req: { id: unknown; method: unknown; url?: string }) => ({ id: req.id, method: req.method, url: req.url?.split('?')[0] }),
      res: (res: { statusCode: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
