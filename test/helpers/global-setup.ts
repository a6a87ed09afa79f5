import { createHash } from 'node:crypto';
import { readFileSync, readdirSync } from 'node:fs';
import { join } from 'node:path';
import pg from 'pg';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { startEmbeddedPostgres } from '../../libs/platform/src/database/embedded-postgres.js';
import { freePort } from './free-port.js';
import { postgresReachable, redisReachable } from './probes.js';
import { ENV_ADMIN_URL, ENV_DB_SOURCE, ENV_REDIS_URL, ENV_TEMPLATE, inCi, withDatabase } from './test-env.js';

/** Migrations change the template's name, so a stale template is never reused. */
function migrationsHash(): string {
  const dir = join(process.cwd(), 'migrations');
  const h = createHash('sha256');
  for (const f of readdirSync(dir).sort()) h.update(f).update(readFileSync(join(dir, f)));
  return h.digest('hex').slice(0, 10);
}

/**
 * Picks the PostgreSQL server (TEST_DATABASE_URL, else 127.0.0.1:5432, else embedded), builds a
 * migrated template database that every test file clones, and looks for Redis: under CI (CI=true)
 * no Redis fails the run, since Redis is the production queue and pub/sub backend; locally its
 * tests are skipped, announced. Meilisearch may be missing anywhere (it is announced).
 */
export default async function globalSetup(): Promise<void> {
  let admin = process.env.TEST_DATABASE_URL;
  let source = 'TEST_DATABASE_URL';
  if (!admin) {
    const local = 'postgres://postgres@127.0.0.1:5432/postgres';
    if (await postgresReachable(local)) {
      admin = local;
      source = 'local PostgreSQL 127.0.0.1:5432';
    } else {
      const embedded = await startEmbeddedPostgres({ dataDir: join(process.cwd(), '.data', 'test'), port: await freePort(), database: 'postgres' });
      (globalThis as { __srdiEmbedded?: typeof embedded }).__srdiEmbedded = embedded;
      admin = embedded.url;
      source = 'embedded PostgreSQL (no server at 127.0.0.1:5432)';
    }
  }
  const template = `srdi_test_tpl_${migrationsHash()}`;
  const client = new pg.Client({ connectionString: admin });
  await client.connect();
  try {
    // One template per migration set; rebuilt when the migrations change.
    await client.query('SELECT pg_advisory_lock(hashtext($1))', ['srdi-test-template']);
    const exists = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [template]);
    if (!exists.rowCount) {
      const building = `${template}_building`;
      await client.query(`DROP DATABASE IF EXISTS "${building}" WITH (FORCE)`);
      await client.query(`CREATE DATABASE "${building}"`);
      const ds = buildDataSource(withDatabase(admin, building), DATABASE_SCHEMA, 'srdi-test-setup');
      await ds.initialize();
      await ds.runMigrations({ transaction: 'each' });
      await ds.destroy();
      await client.query(`ALTER DATABASE "${building}" RENAME TO "${template}"`);
    }
    await client.query('SELECT pg_advisory_unlock(hashtext($1))', ['srdi-test-template']);
  } finally {
    await client.end();
  }

  const redisCandidate = process.env.REDIS_URL ?? 'redis://127.0.0.1:6379';
  const redis = (await redisReachable(redisCandidate)) ? redisCandidate : '';
  if (!redis && inCi()) {
    throw new Error(
      `[test setup] CI=true and no Redis answered at ${redisCandidate}: Redis is the production queue and pub/sub backend, ` +
        'so CI does not skip its tests. Start Redis or set REDIS_URL (unset CI to run without Redis locally, its tests skipped).',
    );
  }
  process.env[ENV_ADMIN_URL] = admin;
  process.env[ENV_TEMPLATE] = template;
  process.env[ENV_REDIS_URL] = redis;
  process.env[ENV_DB_SOURCE] = source;
  console.log(`\n[test setup] database: ${source}; template ${template}; redis: ${redis || 'none reachable (Redis-backend tests are skipped)'}`);
  console.log(
    process.env.MEILI_URL
      ? `[test setup] meilisearch: ${new URL(process.env.MEILI_URL).host} (the Meilisearch contract suite runs)`
      : `[test setup] meilisearch: MEILI_URL is not set, so the Meilisearch contract suite is SKIPPED${inCi() ? ' (allowed in CI: no Meilisearch here)' : ''}`,
  );
}
