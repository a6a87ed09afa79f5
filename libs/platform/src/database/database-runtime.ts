import pg from 'pg';
import type { DataSource } from 'typeorm';
import type { AppConfig } from '../config/config.js';
import { createDataSource, type DatabaseSchema } from './data-source.js';
import { startEmbeddedPostgres, type EmbeddedPostgresHandle } from './embedded-postgres.js';

export interface DatabaseRuntime {
  readonly url: string;
  readonly embedded: EmbeddedPostgresHandle | undefined;
  readonly dataSource: DataSource;
  /** For the boot log line: where the data lives, without credentials. */
  describe(): string;
  close(): Promise<void>;
}

const MIGRATION_LOCK = 7_340_001;

/**
 * Applies pending migrations under a session advisory lock, so an API and a worker booting
 * together do not both try to run them.
 */
export async function runMigrationsLocked(url: string, dataSource: DataSource): Promise<string[]> {
  const lock = new pg.Client({ connectionString: url, application_name: 'srdi-migrations' });
  await lock.connect();
  try {
    await lock.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    return applied.map((m) => m.name);
  } finally {
    await lock.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK]).catch(() => undefined);
    await lock.end();
  }
}

/** A DataSource on `url` for `schema` (the composition root's entities and migrations). */
export function buildDataSource(url: string, schema: DatabaseSchema, applicationName?: string): DataSource {
  return createDataSource({ url, entities: schema.entities, migrations: schema.migrations, applicationName });
}

/** Starts embedded PostgreSQL when no DATABASE_URL is set, connects, and migrates `schema`. */
export async function openDatabase(
  config: Pick<AppConfig, 'databaseUrl' | 'dataDir' | 'embeddedPgPort'>,
  schema: DatabaseSchema,
  log: (message: string) => void,
  applicationName?: string,
  options: { migrate?: boolean } = {},
): Promise<DatabaseRuntime> {
  const embedded = config.databaseUrl
    ? undefined
    : await startEmbeddedPostgres({ dataDir: config.dataDir, port: config.embeddedPgPort, log });
  const url = config.databaseUrl ?? embedded!.url;
  const dataSource = buildDataSource(url, schema, applicationName);
  try {
    await dataSource.initialize();
    if (options.migrate !== false) {
      const applied = await runMigrationsLocked(url, dataSource);
      if (applied.length > 0) log(`applied migrations: ${applied.join(', ')}`);
    }
  } catch (err) {
    await dataSource.destroy().catch(() => undefined);
    await embedded?.stop();
    throw err;
  }
  return {
    url,
    embedded,
    dataSource,
    describe() {
      const u = new URL(url);
      const socket = u.searchParams.get('host');
      return embedded
        ? `embedded PostgreSQL ${socket ? `over its Unix socket in ${socket} (TCP 127.0.0.1:${u.port} for tools)` : `127.0.0.1:${u.port}`} (data in ${embedded.dataDir})`
        : `PostgreSQL ${u.hostname}:${u.port || 5432}${u.pathname}`;
    },
    async close() {
      // The embedded server is stopped even if closing the pool failed: nothing is left running.
      try {
        if (dataSource.isInitialized) await dataSource.destroy();
      } finally {
        await embedded?.stop();
      }
    },
  };
}
