/**
 * Mutations run READ COMMITTED whatever the server's default: the connections set it once at
 * connect (`options` in createDataSource), so `inTransaction` needs no `SET TRANSACTION` of its own.
 */
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import type { DataSource } from 'typeorm';
import { buildDataSource } from '../../libs/platform/src/database/database-runtime.js';
import { inTransaction } from '../../libs/platform/src/database/data-source.js';
import { DATABASE_SCHEMA } from '../../apps/composition/src/database-schema.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

let db: TestDatabase;
let ds: DataSource;

beforeAll(async () => {
  db = await createTestDatabase();
  // A server (here: a database) whose own default is SERIALIZABLE.
  const c = new pg.Client({ connectionString: db.url });
  await c.connect();
  await c.query(`ALTER DATABASE "${db.name}" SET default_transaction_isolation = 'serializable'`);
  expect((await c.query('SHOW transaction_isolation')).rows[0].transaction_isolation).toBe('read committed'); // this session predates the ALTER
  await c.end();
  const plain = new pg.Client({ connectionString: db.url });
  await plain.connect();
  expect((await plain.query('SHOW transaction_isolation')).rows[0].transaction_isolation).toBe('serializable');
  await plain.end();
  ds = buildDataSource(db.url, DATABASE_SCHEMA, 'srdi-test');
  await ds.initialize();
});

afterAll(async () => {
  await ds?.destroy();
  await db?.drop();
});

describe('transaction isolation', () => {
  it('inTransaction runs READ COMMITTED on a server whose default is SERIALIZABLE', async () => {
    const level = await inTransaction(ds, async (m) => (await m.query('SHOW transaction_isolation'))[0].transaction_isolation as string);
    expect(level).toBe('read committed');
  });

  it('so do the transactions services open themselves', async () => {
    const level = await ds.transaction(async (m) => (await m.query('SHOW transaction_isolation'))[0].transaction_isolation as string);
    expect(level).toBe('read committed');
  });
});
