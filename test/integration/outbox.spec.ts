import { spawn } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it, expect, beforeEach, afterEach, afterAll } from '@jest/globals';
import type { DataSource, EntityManager } from 'typeorm';
import { OutboxRelay, type OutboxRelayOptions } from '../../libs/platform/src/outbox/outbox-relay.js';
import { recordEvent } from '../../libs/platform/src/outbox/outbox.service.js';
import {
  EVENT_ROUTES,
  QUEUE_NAMES,
  eventJobId,
  type DomainEventType,
} from '../../libs/platform/src/queue/job-catalog.js';
import { QueueRegistry } from '../../libs/platform/src/queue/queue-registry.js';
import { openTestDataSource, type TestDatabase } from '../helpers/test-database.js';
import { testRedisUrl } from '../helpers/test-env.js';

const describeRedis = testRedisUrl() ? describe : describe.skip;
if (!testRedisUrl()) {
  console.warn('[outbox.spec] SKIPPING the Redis queue-backend outbox tests: no Redis answered (set REDIS_URL or run one on 127.0.0.1:6379)');
}

const CHILD = join(process.cwd(), 'dist/test/fixtures/outbox-relay-child.js');
const CHILD_APPLICATION_NAME = 'srdi-outbox-crash-child';
const JOB_STATES = ['waiting', 'active', 'delayed', 'prioritized', 'completed', 'failed'] as const;

interface WrittenEvent {
  id: string;
  type: DomainEventType;
}

interface QueuedJob {
  id: string;
  name: string;
  data: { eventId: string; eventType: string; data: unknown };
}

interface Harness {
  readonly db: TestDatabase;
  readonly dataSource: DataSource;
  readonly namespace: string;
  readonly queues: QueueRegistry;
  relay(options?: Partial<OutboxRelayOptions>): OutboxRelay;
  /** A second registry on the same queues, as another process would have. */
  otherRegistry(): Promise<QueueRegistry>;
  close(): Promise<void>;
}

async function openHarness(redisUrl: string | undefined): Promise<Harness> {
  const { db, dataSource, close } = await openTestDataSource();
  const namespace = `ob${randomBytes(5).toString('hex')}`;
  const registries: QueueRegistry[] = [];
  const registry = async () => {
    const r = new QueueRegistry({ redisUrl, databaseUrl: db.url, namespace });
    registries.push(r);
    await r.ready();
    return r;
  };
  const queues = await registry();
  return {
    db,
    dataSource,
    namespace,
    queues,
    relay: (options = {}) => new OutboxRelay(dataSource, queues, { databaseUrl: db.url, ...options }),
    otherRegistry: registry,
    async close() {
      // Redis keeps keys after the test; the PostgreSQL backend's schema goes with the database.
      if (redisUrl) for (const name of QUEUE_NAMES) await queues.queue(name).obliterate({ force: true });
      for (const r of registries) await r.close();
      await close();
    },
  };
}

function record(manager: EntityManager, type: DomainEventType): Promise<string> {
  const organizationId = randomUUID();
  return type === 'organization.registered'
    ? recordEvent(manager, { type, aggregateType: 'organization', aggregateId: organizationId, data: { organizationId } })
    : recordEvent(manager, {
        type,
        aggregateType: 'organization',
        aggregateId: organizationId,
        data: { organizationId, verifiedByUserId: randomUUID() },
      });
}

/** Commits `n` events of alternating types in one transaction. */
function writeEvents(dataSource: DataSource, n: number): Promise<WrittenEvent[]> {
  const types: DomainEventType[] = ['organization.registered', 'organization.verified'];
  return dataSource.transaction(async (manager) => {
    const written: WrittenEvent[] = [];
    for (let i = 0; i < n; i += 1) {
      const type = types[i % types.length]!;
      written.push({ id: await record(manager, type), type });
    }
    return written;
  });
}

function expectedJobIds(events: readonly WrittenEvent[]): string[] {
  return events.flatMap((e) => EVENT_ROUTES[e.type].map((name) => eventJobId(name, e.id))).sort();
}

async function allJobs(queues: QueueRegistry): Promise<QueuedJob[]> {
  const jobs: QueuedJob[] = [];
  for (const name of QUEUE_NAMES) {
    for (const job of await queues.queue(name).getJobs([...JOB_STATES])) {
      if (job) jobs.push({ id: String(job.id), name: job.name, data: job.data });
    }
  }
  return jobs;
}

async function jobCount(queues: QueueRegistry): Promise<number> {
  const counts = await queues.counts();
  return JOB_STATES.reduce((sum, s) => sum + (counts[s] ?? 0), 0);
}

const sortedIds = (jobs: readonly QueuedJob[]) => jobs.map((j) => j.id).sort();

async function unpublishedIds(dataSource: DataSource): Promise<string[]> {
  const rows: Array<{ id: string }> = await dataSource.query('SELECT id FROM outbox_events WHERE published_at IS NULL ORDER BY id');
  return rows.map((r) => String(r.id));
}

async function waitFor(what: string, condition: () => Promise<boolean>, timeoutMs = 20_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > until) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

function runCrashingRelay(h: Harness, redisUrl: string | undefined, env: Record<string, string>) {
  if (!existsSync(CHILD)) throw new Error(`${CHILD} is missing: run the suite with \`npm test\`, which builds first`);
  return new Promise<{ code: number | null; signal: NodeJS.Signals | null; stderr: string }>((resolve, reject) => {
    const child = spawn(process.execPath, [CHILD], {
      env: { ...process.env, DATABASE_URL: h.db.url, REDIS_URL: redisUrl ?? '', QUEUE_NAMESPACE: h.namespace, ...env },
      stdio: ['ignore', 'ignore', 'pipe'],
    });
    let stderr = '';
    child.stderr.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code, signal) => resolve({ code, signal, stderr }));
  });
}

function defineOutboxSuite(backend: 'postgres' | 'redis', redisUrl: string | undefined): void {
  let h: Harness | undefined;
  const open: Harness[] = [];

  beforeEach(async () => {
    h = await openHarness(redisUrl);
    open.push(h);
  });
  afterEach(async () => {
    await open.pop()?.close();
    h = undefined;
  });
  afterAll(async () => {
    for (const left of open.splice(0)) await left.close();
  });

  it(`uses the ${backend} queue backend`, () => {
    expect(h!.queues.backend).toBe(backend);
  });

  it('relays each committed event once, as one job per route with a deterministic id', async () => {
    const { dataSource, queues } = h!;
    const events = await writeEvents(dataSource, 7);

    expect(await h!.relay().drain()).toBe(events.length);

    const jobs = await allJobs(queues);
    expect(sortedIds(jobs)).toEqual(expectedJobIds(events));
    expect(await jobCount(queues)).toBe(expectedJobIds(events).length);
    for (const e of events) {
      for (const name of EVENT_ROUTES[e.type]) {
        const job = jobs.find((j) => j.id === eventJobId(name, e.id))!;
        expect(job.name).toBe(name);
        expect(job.data).toMatchObject({ eventId: e.id, eventType: e.type });
      }
    }
    expect(await unpublishedIds(dataSource)).toEqual([]);
    // Nothing left: a second drain relays nothing and adds no job.
    expect(await h!.relay().drain()).toBe(0);
    expect(await jobCount(queues)).toBe(expectedJobIds(events).length);
  });

  it('writes no outbox row and relays no job for a rolled-back transaction', async () => {
    const { dataSource, queues } = h!;
    let rolledBackId: string | undefined;
    await expect(
      dataSource.transaction(async (manager) => {
        rolledBackId = await record(manager, 'organization.registered');
        throw new Error('the domain change failed');
      }),
    ).rejects.toThrow('the domain change failed');
    const kept = await writeEvents(dataSource, 2);

    expect(rolledBackId).toBeDefined();
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM outbox_events WHERE id = $1', [rolledBackId]);
    expect(n).toBe(0);
    expect(await h!.relay().drain()).toBe(kept.length);
    const ids = sortedIds(await allJobs(queues));
    expect(ids).toEqual(expectedJobIds(kept));
    expect(ids.filter((id) => id.includes(`evt-${rolledBackId}-`))).toEqual([]);
  });

  it('refuses to record an event outside a transaction', async () => {
    const { dataSource } = h!;
    await expect(record(dataSource.manager, 'organization.registered')).rejects.toThrow(/inside the domain transaction/);
    const runner = dataSource.createQueryRunner();
    try {
      await expect(record(runner.manager, 'organization.verified')).rejects.toThrow(/inside the domain transaction/);
    } finally {
      await runner.release();
    }
    const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM outbox_events');
    expect(n).toBe(0);
  });

  it('creates no duplicate job when already-enqueued events are relayed again', async () => {
    const { dataSource, queues } = h!;
    const events = await writeEvents(dataSource, 5);
    await h!.relay().drain();
    const before = sortedIds(await allJobs(queues));

    // As if the relay had crashed after enqueueing but before stamping the rows.
    await dataSource.query('UPDATE outbox_events SET published_at = NULL');
    expect(await h!.relay().drain()).toBe(events.length);

    const after = await allJobs(queues);
    expect(sortedIds(after)).toEqual(before);
    expect(sortedIds(after)).toEqual(expectedJobIds(events));
    expect(await jobCount(queues)).toBe(expectedJobIds(events).length);
    expect(await unpublishedIds(dataSource)).toEqual([]);
  });

  it('marks an event of unknown type published without jobs, and says so', async () => {
    const { dataSource, queues } = h!;
    const [{ id }] = await dataSource.query(
      `INSERT INTO outbox_events (type, aggregate_type, aggregate_id, payload) VALUES ('no.such-event', 'x', 'y', '{}') RETURNING id`,
    );
    const logged: string[] = [];
    expect(await h!.relay({ log: (level, m) => logged.push(`${level}: ${m}`) }).drain()).toBe(1);
    expect(await jobCount(queues)).toBe(0);
    expect(await unpublishedIds(dataSource)).toEqual([]);
    expect(logged).toEqual([expect.stringMatching(new RegExp(`^warn: outbox event ${id} has unknown type no\\.such-event`))]);
  });

  it('survives a relay killed after enqueueing: nothing lost, nothing doubled, each job run once', async () => {
    const { dataSource, queues } = h!;
    const events = await writeEvents(dataSource, 7);
    const byId = [...events].sort((a, b) => Number(a.id) - Number(b.id));

    // Batches of 3: the first is committed, the child dies after enqueueing the second.
    const child = await runCrashingRelay(h!, redisUrl, { BATCH_SIZE: '3', KILL_ON_BATCH: '2' });
    expect({ signal: child.signal, code: child.code, stderr: child.stderr }).toMatchObject({ signal: 'SIGKILL', code: null });

    // The server rolls back the dead session's transaction once it sees the socket close.
    await waitFor('the killed relay session to end', async () => {
      const [{ n }] = await dataSource.query('SELECT count(*)::int AS n FROM pg_stat_activity WHERE application_name = $1', [
        CHILD_APPLICATION_NAME,
      ]);
      return n === 0;
    });

    const firstBatch = byId.slice(0, 3);
    const crashedBatch = byId.slice(3, 6);
    const neverClaimed = byId.slice(6);
    expect(await unpublishedIds(dataSource)).toEqual([...crashedBatch, ...neverClaimed].map((e) => e.id));
    // The crashed batch's jobs exist although its rows still say unpublished.
    expect(sortedIds(await allJobs(queues))).toEqual(expectedJobIds([...firstBatch, ...crashedBatch]));

    // A healthy relay picks up where the dead one stopped.
    expect(await h!.relay().drain()).toBe(crashedBatch.length + neverClaimed.length);
    expect(await unpublishedIds(dataSource)).toEqual([]);
    const expected = expectedJobIds(events);
    expect(sortedIds(await allJobs(queues))).toEqual(expected);
    expect(await jobCount(queues)).toBe(expected.length);

    // Workers run every job exactly once.
    const processed: string[] = [];
    for (const name of QUEUE_NAMES) {
      queues.createWorker(
        name,
        async (job) => {
          processed.push(String(job.id));
        },
        4,
      );
    }
    await queues.runWorkers();
    const settled = async () => {
      const c = await queues.counts();
      return (c.completed ?? 0) >= expected.length && (c.waiting ?? 0) + (c.active ?? 0) + (c.delayed ?? 0) + (c.prioritized ?? 0) === 0;
    };
    await waitFor('the workers to finish every job', settled);
    expect([...processed].sort()).toEqual(expected);
    expect((await queues.counts()).completed).toBe(expected.length);
    expect((await queues.counts()).failed ?? 0).toBe(0);

    // Replaying every event after the jobs completed still finds the kept jobs: nothing runs again.
    await dataSource.query('UPDATE outbox_events SET published_at = NULL');
    expect(await h!.relay().drain()).toBe(events.length);
    const c = await queues.counts();
    expect({ ...c, completed: c.completed ?? 0 }).toMatchObject({ completed: expected.length, waiting: 0, active: 0 });
    expect([...processed].sort()).toEqual(expected);
  });

  it('gives each job exactly once when two relays drain at the same time', async () => {
    const { dataSource, queues } = h!;
    const events = await writeEvents(dataSource, 40);
    const other = await h!.otherRegistry();
    const a = h!.relay({ batchSize: 4 });
    const b = new OutboxRelay(dataSource, other, { databaseUrl: h!.db.url, batchSize: 4 });

    const [relayedByA, relayedByB] = await Promise.all([a.drain(), b.drain()]);

    // SKIP LOCKED hands every row to exactly one of them.
    expect(relayedByA + relayedByB).toBe(events.length);
    expect(await unpublishedIds(dataSource)).toEqual([]);
    const expected = expectedJobIds(events);
    expect(sortedIds(await allJobs(queues))).toEqual(expected);
    expect(await jobCount(queues)).toBe(expected.length);
  });
}

describe('outbox relay on the PostgreSQL queue backend', () => {
  defineOutboxSuite('postgres', undefined);
});

describeRedis('outbox relay on the Redis queue backend', () => {
  defineOutboxSuite('redis', testRedisUrl());
});
