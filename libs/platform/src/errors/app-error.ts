/** Error codes a client can act on; they become `extensions.code` in GraphQL responses. */
export const APP_ERROR_CODES = ['UNAUTHENTICATED', 'FORBIDDEN', 'BAD_USER_INPUT', 'NOT_FOUND', 'CONFLICT', 'SERVICE_UNAVAILABLE', 'RATE_LIMITED'] as const;
export type AppErrorCode = (typeof APP_ERROR_CODES)[number];

/**
 * A failure whose message is meant for the person calling the API. Anything else that escapes a
 * resolver is reported as INTERNAL_SERVER_ERROR with a generic message.
 */
export class AppError extends Error {
  constructor(
    readonly code: AppErrorCode,
    message: string,
    /** Extra fields for `extensions`, e.g. `{ field: 'input.uscc' }`. */
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.name = 'AppError';
  }
}

export const badInput = (message: string, field?: string) =>
  new AppError('BAD_USER_INPUT', message, field ? { field } : {});
export const forbidden = (message: string) => new AppError('FORBIDDEN', message);
export const notFound = (message: string) => new AppError('NOT_FOUND', message);
export const conflict = (message: string, field?: string) => new AppError('CONFLICT', message, field ? { field } : {});
export const unauthenticated = (message: string) => new AppError('UNAUTHENTICATED', message);

/** True for PostgreSQL unique_violation, optionally on a given constraint. */
export function isUniqueViolation(err: unknown, constraint?: string): boolean {
  const e = err as { code?: string; constraint?: string; driverError?: { code?: string; constraint?: string } };
  const code = e?.driverError?.code ?? e?.code;
  const name = e?.driverError?.constraint ?? e?.constraint;
  return code === '23505' && (constraint === undefined || name === constraint);
}
