/**
 * How the suite reaches its services, decided once by global-setup and handed to the test
 * workers through environment variables.
 */
export const ENV_ADMIN_URL = 'SRDI_TEST_ADMIN_URL';
export const ENV_TEMPLATE = 'SRDI_TEST_TEMPLATE_DB';
export const ENV_REDIS_URL = 'SRDI_TEST_REDIS_URL';
export const ENV_DB_SOURCE = 'SRDI_TEST_DB_SOURCE';

export function adminUrl(): string {
  const url = process.env[ENV_ADMIN_URL];
  if (!url) throw new Error('test database not configured: run the suite with `npm test` (global-setup sets it up)');
  return url;
}

export function templateDatabase(): string {
  return process.env[ENV_TEMPLATE]!;
}

/** The Redis URL for tests, or undefined when no Redis answered (Redis-backend tests then skip). */
export function testRedisUrl(): string | undefined {
  return process.env[ENV_REDIS_URL] || undefined;
}

/** Replaces the database name of a PostgreSQL URL. */
export function withDatabase(url: string, database: string): string {
  const u = new URL(url);
  u.pathname = `/${database}`;
  return u.toString();
}

/**
 * True under CI (CI=true, as .ci/run sets it; any value but '', '0' or 'false'). In CI a missing
 * backend the suite expects (Redis, the fault suite's server binaries) fails the run instead of
 * skipping its tests; locally the skip stays, announced.
 */
export function inCi(): boolean {
  const ci = (process.env.CI ?? '').trim().toLowerCase();
  return ci !== '' && ci !== '0' && ci !== 'false';
}
