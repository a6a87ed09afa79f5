import { Queue, Worker, createPostgresBackend, type Processor } from 'bullmq';
import { Redis } from 'ioredis';
import { JOB_CATALOG, QUEUE_NAMES, type QueueName } from './job-catalog.js';
import { jobOptions } from './job-options.js';

export type QueueBackendKind = 'redis' | 'postgres';

// Queue and Worker are generic over their backend; this registry hides which one is in use.
/* eslint-disable @typescript-eslint/no-explicit-any */
type AnyQueue = Queue<any, any, string, any, any, string, any, any>;
type AnyWorker = Worker<any, any, string, any, any, any>;
/* eslint-enable @typescript-eslint/no-explicit-any */

export interface QueueRegistryOptions {
  /** Redis when set, else BullMQ's PostgreSQL backend in `databaseUrl`. */
  redisUrl: string | undefined;
  databaseUrl: string;
  /** Prefix (Redis) or schema (PostgreSQL) so tests can isolate their queues. */
  namespace?: string;
}

/**
 * Owns every BullMQ Queue and Worker of the process and hides which backend carries them.
 * Queues are created lazily; `close()` lets running jobs finish before disconnecting.
 */
export class QueueRegistry {
  readonly backend: QueueBackendKind;
  private readonly queues = new Map<QueueName, AnyQueue>();
  private readonly workerList: AnyWorker[] = [];
  private readonly redisConnections: Redis[] = [];
  private closed = false;

  constructor(private readonly options: QueueRegistryOptions) {
    this.backend = options.redisUrl ? 'redis' : 'postgres';
  }

  /** The tests' isolation namespace, if any (a thread running some of this process's queues needs it). */
  get namespace(): string | undefined {
    return this.options.namespace;
  }

  /** A human description for the boot log line, without credentials. */
  describe(): string {
    if (this.options.redisUrl) {
      const u = new URL(this.options.redisUrl);
      return `BullMQ on Redis ${u.hostname}:${u.port || 6379}`;
    }
    return `BullMQ on PostgreSQL (schema ${this.schema})`;
  }

  private get schema(): string {
    return this.options.namespace ? `bullmq_${this.options.namespace}` : 'bullmq';
  }

  private redis(forWorker: boolean): Redis {
    const connection = new Redis(this.options.redisUrl!, {
      maxRetriesPerRequest: forWorker ? null : 3,
      enableOfflineQueue: forWorker,
      lazyConnect: false,
    });
    connection.on('error', () => undefined); // reported through health checks and job failures
    this.redisConnections.push(connection);
    return connection;
  }

  queue(name: QueueName): AnyQueue {
    if (this.closed) throw new Error('queues are closed (shutting down)');
    let queue: AnyQueue | undefined = this.queues.get(name);
    if (!queue) {
      queue =
        this.backend === 'redis'
          ? new Queue(name, { connection: this.redis(false), prefix: this.prefix })
          : new Queue(name, { connection: this.pgConnection(true) }, createPostgresBackend);
      queue.on('error', () => undefined);
      this.queues.set(name, queue);
    }
    return queue;
  }

  private get prefix(): string {
    return this.options.namespace ? `srdi-${this.options.namespace}` : 'srdi';
  }

  /**
   * Each Queue and Worker has its own pool. Queues migrate BullMQ's schema on connecting (one
   * advisory-locked transaction each, in turn); workers, created after {@link ready}, only check it.
   */
  private pgConnection(migrate: boolean) {
    return { connectionString: this.options.databaseUrl, schema: this.schema, migrate, max: 4 };
  }

  /**
   * A worker for `name`, not yet fetching jobs: attach its listeners, then {@link runWorkers}.
   */
  createWorker(name: QueueName, processor: Processor, concurrency: number): AnyWorker {
    if (this.closed) throw new Error('queues are closed (shutting down)');
    const opts = { concurrency, autorun: false, lockDuration: 30_000, stalledInterval: 15_000 };
    const worker: AnyWorker =
      this.backend === 'redis'
        ? new Worker(name, processor, { ...opts, connection: this.redis(true), prefix: this.prefix })
        : new Worker(name, processor, { ...opts, connection: this.pgConnection(false) }, createPostgresBackend);
    this.workerList.push(worker);
    return worker;
  }

  /** The workers created so far (to attach listeners). */
  workers(): readonly AnyWorker[] {
    return this.workerList;
  }

  /**
   * Starts every created worker's job loop once all their connections are ready, and rejects if one
   * cannot get ready. BullMQ's PostgreSQL backend memoizes a failed connection bootstrap (its schema
   * migration, run per pool): a worker loop already running then re-fails every fetch at once, with
   * an error it does not count as a connection error, so it retries without a delay and starves the
   * event loop — no signal handler or timer runs again (ADR 0024). A bootstrap that fails here fails
   * the boot instead.
   */
  async runWorkers(): Promise<void> {
    await Promise.all(this.workerList.map((w) => w.waitUntilReady()));
    if (this.closed) return;
    for (const worker of this.workerList) {
      if (!worker.isRunning()) worker.run().catch((err: Error) => worker.emit('error', err));
    }
  }

  /**
   * Registers a repeatable catalog job with BullMQ's job scheduler on a cron `pattern` in Beijing
   * time. Idempotent: every process may call it at every start; one schedule exists per job name.
   */
  async schedule(name: 'tiers.reassess-all' | 'search.reconcile' | 'matching.reconcile' | 'imports.purge-files' | 'consent.purge-access-log' | 'conversations.purge-abandoned-uploads' | 'deadlines.sweep' | 'vouchers.expire' | 'vouchers.reconcile' | 'recommendations.digest' | 'rewards.evaluate-all', pattern: string): Promise<void> {
    const spec = JOB_CATALOG[name];
    await this.queue(spec.queue).upsertJobScheduler(
      name,
      { pattern, tz: 'Asia/Shanghai' },
      { name, data: {}, opts: jobOptions(name, 'scheduled') },
    );
  }

  /** Ensures every queue is reachable (PostgreSQL backend: runs its schema migrations). */
  async ready(): Promise<void> {
    await Promise.all(QUEUE_NAMES.map((n) => this.queue(n).waitUntilReady()));
  }

  /** Counts across all queues, for health and for tests that wait for the queues to drain. */
  async counts(): Promise<Record<string, number>> {
    const total: Record<string, number> = {};
    for (const name of QUEUE_NAMES) {
      const c = await this.queue(name).getJobCounts('waiting', 'active', 'delayed', 'completed', 'failed', 'prioritized');
      for (const [k, v] of Object.entries(c)) total[k] = (total[k] ?? 0) + v;
    }
    return total;
  }

  /**
   * Jobs still to run across all queues: waiting, active, prioritized, and delayed ones except the
   * next occurrence a job scheduler keeps parked (a nightly job is not pending work).
   */
  async pendingJobs(): Promise<number> {
    let pending = 0;
    for (const name of QUEUE_NAMES) {
      const queue = this.queue(name);
      const c = await queue.getJobCounts('waiting', 'active', 'prioritized', 'delayed');
      pending += (c.waiting ?? 0) + (c.active ?? 0) + (c.prioritized ?? 0);
      if (c.delayed) {
        const delayed = await queue.getDelayed(0, c.delayed);
        pending += delayed.filter((job: { repeatJobKey?: string }) => !job.repeatJobKey).length;
      }
    }
    return pending;
  }

  /**
   * Lets running jobs finish for up to `graceMs`, then closes workers without waiting (a job stuck on
   * a database that went away, e.g. after Ctrl-C, is left to the stalled-job recovery of the next
   * start), then queues and connections.
   */
  async close(graceMs = 5_000): Promise<void> {
    this.closed = true;
    const graceful = Promise.all(this.workerList.map((w) => w.close())).then(() => true);
    const inTime = await Promise.race([graceful, new Promise<false>((r) => setTimeout(() => r(false), graceMs).unref())]);
    if (!inTime) await Promise.all(this.workerList.map((w) => w.close(true).catch(() => undefined)));
    await Promise.all([...this.queues.values()].map((q) => Promise.race([q.close(), new Promise((r) => setTimeout(r, 1_000).unref())])));
    await Promise.all(this.redisConnections.map((c) => c.quit().catch(() => c.disconnect())));
    this.workerList.length = 0;
    this.queues.clear();
    this.redisConnections.length = 0;
  }
}

