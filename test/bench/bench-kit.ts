/** Helpers shared by the benchmarks (test/bench). */
import { randomBytes } from 'node:crypto';
import { dropDatabase, ensureDatabase } from '../../libs/platform/src/database/embedded-postgres.js';
import { withDatabase } from '../helpers/test-env.js';
import { loadConfig, type AppConfig } from '../../libs/platform/src/config/config.js';

/** The p-th percentile of an ascending array (nearest rank). */
export function pct(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** One GraphQL POST; throws on GraphQL errors so a benchmark never times failures. */
export async function post(url: string, query: string, variables: object, token?: string) {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify({ query, variables }),
  });
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const body = (await res.json()) as { data?: any; errors?: unknown[] };
  if (body.errors) throw new Error(JSON.stringify(body.errors));
  return body.data;
}

/** The PostgreSQL server the benchmarks create their scratch databases on. */
export const BENCH_ADMIN_URL = process.env.TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

/** A new empty database `<prefix>_<random>` on `adminUrl`, and a drop that closes its sessions. */
export async function scratchDatabase(prefix: string, adminUrl = BENCH_ADMIN_URL): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `${prefix}_${randomBytes(4).toString('hex')}`;
  await ensureDatabase(adminUrl, name);
  return { url: withDatabase(adminUrl, name), drop: () => dropDatabase(adminUrl, name) };
}

/**
 * The configuration an in-process bench app starts with: `databaseUrl`, a free port on 127.0.0.1,
 * no logs, no demo data, a fixed JWT secret; `extra` adds or overrides variables (the authority's
 * account, worker concurrency, RATE_LIMIT_MULTIPLIER for benches that register many organizations).
 */
export function benchAppConfig(databaseUrl: string, extra: Record<string, string> = {}): AppConfig {
  return loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: databaseUrl,
    PORT: '0',
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    DEMO_DATA: 'off',
    JWT_SECRET: 'bench-secret-bench-secret-bench-secret-00',
    ...extra,
  });
}
