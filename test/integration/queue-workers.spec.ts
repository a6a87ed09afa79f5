import { randomBytes } from 'node:crypto';
import { afterEach, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { createTestDatabase, type TestDatabase } from '../helpers/test-database.js';

/**
 * ADR 0024. BullMQ's PostgreSQL backend memoizes a failed connection bootstrap; a worker loop that
 * was already running then re-failed every fetch at once and never yielded to the event loop (the
 * all-in-one process ignored Ctrl-C at 100 % CPU). The registry starts a worker's loop only once
 * its connection is ready, so such a failure fails `runWorkers` (the boot) instead.
 */
async function until(check: () => Promise<boolean>, what: string): Promise<void> {
  for (let i = 0; !(await check()); i++) {
    if (i > 800) throw new Error(`gave up waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 25));
  }
}

const cleanups: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  for (const c of cleanups.splice(0).reverse()) await c().catch(() => undefined);
});

describe('QueueRegistry.runWorkers on the PostgreSQL backend', () => {
  it('starts no worker loop before its connection is ready, and rejects (the loop never starting) when that connection fails', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const namespace = `rw${randomBytes(5).toString('hex')}`;
    const registry = new QueueRegistry({ redisUrl: undefined, databaseUrl: db.url, namespace });
    cleanups.push(() => registry.close(0));
    await registry.ready(); // the queues create BullMQ's schema

    // Another session holds BullMQ's schema ledger, so the worker's connection check waits on it.
    const locker = new pg.Client({ connectionString: db.url });
    await locker.connect();
    cleanups.push(() => locker.end());
    await locker.query('BEGIN');
    await locker.query(`LOCK TABLE ${pg.escapeIdentifier(`bullmq_${namespace}`)}.migration IN ACCESS EXCLUSIVE MODE`);
    cleanups.push(() => locker.query('ROLLBACK'));

    const errors: string[] = [];
    const worker = registry.createWorker('notify', async () => undefined, 1);
    worker.on('error', (err) => errors.push(err.message));
    const running = registry.runWorkers();
    // Observed from a third session: inside the locker's transaction pg_stat_activity is a snapshot.
    const observer = new pg.Client({ connectionString: db.url });
    await observer.connect();
    cleanups.push(() => observer.end());
    const blocked = async () =>
      (
        await observer.query<{ pid: number }>(
          `SELECT pid FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
        )
      ).rows;
    await until(async () => (await blocked()).length > 0, "the worker's connection check to wait on the lock");
    expect(worker.isRunning()).toBe(false);

    // The server ends that session (57P01, as on a shutdown): the bootstrap fails and stays failed.
    for (const { pid } of await blocked()) await observer.query('SELECT pg_terminate_backend($1)', [pid]);
    await expect(running).rejects.toThrow(/terminating connection due to administrator command/);
    expect(worker.isRunning()).toBe(false);
    // The event loop still turns: a loop re-failing on the memoized bootstrap would never let this resolve.
    await new Promise((r) => setImmediate(r));
    await new Promise((r) => setTimeout(r, 0));
    expect(worker.isRunning()).toBe(false);
    // (errors: the pool may report the terminated session once; that is all.)
    expect(errors.filter((e) => !/terminat/.test(e))).toEqual([]);
  });

  it('runs the workers once their connections are ready', async () => {
    const db: TestDatabase = await createTestDatabase();
    cleanups.push(() => db.drop());
    const namespace = `rw${randomBytes(5).toString('hex')}`;
    const registry = new QueueRegistry({ redisUrl: undefined, databaseUrl: db.url, namespace });
    cleanups.push(() => registry.close(0));
    await registry.ready();
    const done = new Promise<unknown>((resolve) => {
      const worker = registry.createWorker('notify', async (job) => resolve(job.data), 1);
      expect(worker.isRunning()).toBe(false);
    });
    await registry.runWorkers();
    await registry.queue('notify').add('notifications.deliver', { probe: 1 });
    await expect(done).resolves.toEqual({ probe: 1 });
  });
});
