import { randomBytes } from 'node:crypto';
import { describe, it, expect, beforeAll, afterAll } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { MIGRATIONS } from '../../migrations/index.js';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { adminUrl, withDatabase } from '../helpers/test-env.js';

/** An EMPTY database (not cloned from the migrated template), so the migrations start from nothing. */
async function createEmptyDatabase(): Promise<{ url: string; drop(): Promise<void> }> {
  const name = `srdi_mig_${randomBytes(6).toString('hex')}`;
  const admin = async (sql: string) => {
    const client = new pg.Client({ connectionString: adminUrl() });
    await client.connect();
    try {
      await client.query(sql);
    } finally {
      await client.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  return { url: withDatabase(adminUrl(), name), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}

/** Everything of ours in `public`, apart from TypeORM's own ledger. */
async function publicObjects(ds: DataSource) {
  const names = async (sql: string) => ((await ds.query(sql)) as Array<{ name: string }>).map((r) => r.name).sort();
  return {
    tables: await names(`SELECT table_name AS name FROM information_schema.tables WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'`),
    indexes: await names(`SELECT indexname AS name FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations'`),
    types: await names(`SELECT t.typname AS name FROM pg_type t JOIN pg_namespace n ON n.oid = t.typnamespace
                         WHERE n.nspname = 'public' AND t.typtype IN ('e', 'd', 'c') AND t.typrelid = 0`),
    functions: await names(`SELECT p.proname AS name FROM pg_proc p JOIN pg_namespace n ON n.oid = p.pronamespace WHERE n.nspname = 'public'`),
    triggers: await names(`SELECT tgname AS name FROM pg_trigger t JOIN pg_class c ON c.oid = t.tgrelid JOIN pg_namespace n ON n.oid = c.relnamespace
                            WHERE n.nspname = 'public' AND NOT t.tgisinternal`),
  };
}

/** Columns, constraints and index definitions: enough to tell two schemas apart. */
async function schemaSnapshot(ds: DataSource) {
  return {
    objects: await publicObjects(ds),
    columns: await ds.query(`SELECT table_name, column_name, data_type, is_nullable, column_default, is_identity
                               FROM information_schema.columns WHERE table_schema = 'public' AND table_name <> 'typeorm_migrations'
                              ORDER BY table_name, column_name`),
    constraints: await ds.query(`SELECT conrelid::regclass::text AS table_name, conname, pg_get_constraintdef(oid) AS def
                                   FROM pg_constraint WHERE connamespace = 'public'::regnamespace
                                    AND conrelid::regclass::text <> 'typeorm_migrations'
                                  ORDER BY 1, 2`),
    indexDefs: await ds.query(`SELECT indexname, indexdef FROM pg_indexes WHERE schemaname = 'public' AND tablename <> 'typeorm_migrations' ORDER BY 1`),
  };
}

async function executedMigrations(ds: DataSource): Promise<string[]> {
  const rows: Array<{ name: string }> = await ds.query('SELECT name FROM typeorm_migrations ORDER BY id');
  return rows.map((r) => r.name);
}

async function pendingSchemaChanges(ds: DataSource): Promise<string[]> {
  const sql = await ds.driver.createSchemaBuilder().log();
  return sql.upQueries.map((q) => q.query);
}

const migrationNames = MIGRATIONS.map((m) => (new (m as new () => { name?: string })()).name ?? m.name);

describe('migrations on an empty database', () => {
  let db: { url: string; drop(): Promise<void> };
  let ds: DataSource;
  let migrated: Awaited<ReturnType<typeof schemaSnapshot>>;

  beforeAll(async () => {
    db = await createEmptyDatabase();
    ds = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-migrations-spec');
    await ds.initialize();
  });

  afterAll(async () => {
    if (ds?.isInitialized) await ds.destroy();
    await db?.drop();
  });

  it('starts from nothing', async () => {
    expect((await publicObjects(ds)).tables).toEqual([]);
  });

  it('applies every migration, in order', async () => {
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrationNames);
    expect(await executedMigrations(ds)).toEqual(migrationNames);
    expect(await ds.showMigrations()).toBe(false);
  });

  it('creates a table for every entity', async () => {
    const { tables } = await publicObjects(ds);
    for (const meta of ds.entityMetadatas) expect(tables).toContain(meta.tableName);
  });

  it('leaves no drift between the entities and the migrated schema', async () => {
    expect(await pendingSchemaChanges(ds)).toEqual([]);
    migrated = await schemaSnapshot(ds);
  });

  it('undoes every migration, leaving only the migrations ledger', async () => {
    for (let left = migrationNames.length; left > 0; left -= 1) {
      await ds.undoLastMigration({ transaction: 'each' });
      expect(await executedMigrations(ds)).toEqual(migrationNames.slice(0, left - 1));
    }
    expect(await publicObjects(ds)).toEqual({ tables: [], indexes: [], types: [], functions: [], triggers: [] });
  });

  it('applies them all again to the same schema, still without drift', async () => {
    expect(migrated).toBeDefined();
    const applied = await ds.runMigrations({ transaction: 'each' });
    expect(applied.map((m) => m.name)).toEqual(migrationNames);
    expect(await schemaSnapshot(ds)).toEqual(migrated);
    expect(await pendingSchemaChanges(ds)).toEqual([]);
  });
});
