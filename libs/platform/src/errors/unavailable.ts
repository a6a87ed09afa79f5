/**
 * Recognises failures that mean "a backing service is unreachable right now" rather than a bug:
 * PostgreSQL shutting down, restarting or refusing connections, a dropped socket, a pool that could
 * not connect in time. Clients get SERVICE_UNAVAILABLE (retry later) for these instead of
 * INTERNAL_SERVER_ERROR, which would send them to a bug tracker for an outage.
 */

/** SQLSTATE classes/codes of an unreachable or unavailable server (PostgreSQL appendix A). */
const PG_UNAVAILABLE = /^(08...|57P01|57P02|57P03|53300|53100)$/;
const NODE_UNAVAILABLE = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN']);
/** node-postgres reports a lost or never-made connection with these messages and no code. */
const MESSAGES = [
  /^Connection terminated/,
  /timeout exceeded when trying to connect/,
  /Client has encountered a connection error and is not queryable/,
  /Client was closed and is not queryable/,
  /^Connection is closed\.?$/, // ioredis, when Redis is down and the command is not queued
  /Reached the max retries per request limit/, // ioredis MaxRetriesPerRequestError
];

interface ErrorLike {
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  originalError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

export function isServiceUnavailable(err: unknown, depth = 0): boolean {
  if (!err || typeof err !== 'object' || depth > 5) return false;
  const e = err as ErrorLike;
  if (typeof e.code === 'string' && (PG_UNAVAILABLE.test(e.code) || NODE_UNAVAILABLE.has(e.code))) return true;
  if (typeof e.message === 'string' && MESSAGES.some((m) => m.test(e.message as string))) return true;
  // TypeORM releases a transaction's query runner when its connection dies; the transaction's next
  // query then fails with this instead of the connection error (seen when PostgreSQL restarts).
  if ((err as Error).name === 'QueryRunnerAlreadyReleasedError') return true;
  // TypeORM wraps the driver's error, GraphQL the original (e.g. "Context creation failed: …" when the
  // actor cannot be loaded), Node its causes; AggregateError (every address refused) lists them.
  if ([e.driverError, e.originalError, e.cause].some((x) => isServiceUnavailable(x, depth + 1))) return true;
  return Array.isArray(e.errors) && e.errors.length > 0 && e.errors.every((x) => isServiceUnavailable(x, depth + 1));
}
