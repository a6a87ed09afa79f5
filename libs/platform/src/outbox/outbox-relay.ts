import pg from 'pg';
import type { DataSource } from 'typeorm';
import {
  EVENT_ROUTES,
  eventJobId,
  routesFor,
  type DomainEventType,
  type EventJob,
  type EventLane,
  type JobName,
  type QueueName,
} from '../queue/job-catalog.js';
import { jobOptions } from '../queue/job-options.js';
import type { QueueRegistry } from '../queue/queue-registry.js';

/** The channel the outbox trigger notifies on commit (see the migration that creates it). */
export const OUTBOX_CHANNEL = 'outbox_events';

export interface OutboxRelayOptions {
  databaseUrl: string;
  batchSize?: number;
  /** Fallback poll for notifications missed while the LISTEN connection was down. */
  pollIntervalMs?: number;
  log?: (level: 'info' | 'warn' | 'error', message: string) => void;
  /** Test hook: runs after a batch was enqueued and before it is marked published. */
  afterEnqueue?: (eventIds: string[]) => void | Promise<void>;
}

interface OutboxRow {
  id: string;
  type: string;
  payload: Record<string, unknown>;
  created_at: Date;
  actor_user_id: string | null;
  lane: EventLane;
}

/**
 * Moves committed outbox events onto BullMQ. Each batch is claimed with `FOR UPDATE SKIP LOCKED`,
 * enqueued with deterministic job ids, then stamped published in the same transaction. A crash
 * after enqueueing and before the commit leaves the rows unpublished; the next run enqueues them
 * again under the same ids, which BullMQ collapses into the existing jobs: nothing lost, nothing doubled.
 */
export class OutboxRelay {
  private listener: pg.Client | undefined;
  private timer: NodeJS.Timeout | undefined;
  private running: Promise<void> | undefined;
  private again = false;
  private stopped = false;
  private readonly batchSize: number;

  constructor(
    private readonly dataSource: DataSource,
    private readonly queues: QueueRegistry,
    private readonly options: OutboxRelayOptions,
  ) {
    this.batchSize = options.batchSize ?? 200;
  }

  /** Listens for commits and polls as a fallback; drains what is pending at once. */
  async start(): Promise<void> {
    this.stopped = false;
    await this.listen();
    this.timer = setInterval(() => this.kick(), this.options.pollIntervalMs ?? 2_000);
    this.timer.unref();
    this.kick();
  }

  private async listen(): Promise<void> {
    if (this.stopped) return;
    const client = new pg.Client({ connectionString: this.options.databaseUrl, application_name: 'srdi-outbox-listener' });
    client.on('notification', () => this.kick());
    client.on('error', (err) => {
      this.options.log?.('warn', `outbox listener lost its connection (${err.message}); polling until it is back`);
      this.listener = undefined;
      client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    });
    try {
      await client.connect();
      await client.query(`LISTEN ${OUTBOX_CHANNEL}`);
      if (this.stopped) {
        await client.end();
        return;
      }
      this.listener = client;
    } catch (err) {
      this.options.log?.('warn', `outbox listener could not connect (${(err as Error).message}); retrying`);
      await client.end().catch(() => undefined);
      setTimeout(() => void this.listen().catch(() => undefined), 1_000).unref();
    }
  }

  /** Asks for a drain; coalesces with one already running. */
  kick(): void {
    if (this.stopped) return;
    if (this.running) {
      this.again = true;
      return;
    }
    this.running = this.drain()
      .then(() => undefined)
      .catch((err: Error) => this.options.log?.('error', `outbox relay failed: ${err.message}`))
      .finally(() => {
        this.running = undefined;
        if (this.again && !this.stopped) {
          this.again = false;
          this.kick();
        }
      });
  }

  /** Relays until no unpublished event is left; returns how many were relayed. */
  async drain(): Promise<number> {
    let total = 0;
    for (;;) {
      const n = await this.relayBatch();
      total += n;
      if (n < this.batchSize || this.stopped) return total;
    }
  }

  /** Claims, enqueues and marks one batch. */
  async relayBatch(): Promise<number> {
    return this.dataSource.transaction(async (manager) => {
      const rows: OutboxRow[] = await manager.query(
        `SELECT id, type, payload, created_at, actor_user_id, lane FROM outbox_events
          WHERE published_at IS NULL ORDER BY id LIMIT $1 FOR UPDATE SKIP LOCKED`,
        [this.batchSize],
      );
      if (rows.length === 0) return 0;
      const byQueue = new Map<QueueName, Array<{ name: JobName; data: EventJob<DomainEventType>; opts: object }>>();
      for (const row of rows) {
        if (!Object.hasOwn(EVENT_ROUTES, row.type)) {
          this.options.log?.('warn', `outbox event ${row.id} has unknown type ${row.type}; marking it published without jobs`);
          continue;
        }
        const bulk = row.lane === 'bulk';
        // A bulk event's jobs go to the bulk lane (BULK_ROUTES): same deterministic ids, own workers.
        for (const { name, queue } of routesFor(row.type as DomainEventType, bulk ? 'bulk' : 'interactive', row.payload)) {
          const data: EventJob<DomainEventType> = {
            eventId: String(row.id),
            eventType: row.type as DomainEventType,
            occurredAt: new Date(row.created_at).toISOString(),
            actorUserId: row.actor_user_id ?? null,
            ...(bulk ? { lane: 'bulk' as const } : {}),
            data: row.payload as never,
          };
          const list = byQueue.get(queue) ?? [];
          list.push({
            name,
            data,
            opts: jobOptions(name, 'event', { jobId: eventJobId(name, String(row.id)) }),
          });
          byQueue.set(queue, list);
        }
      }
      for (const [queue, jobs] of byQueue) await this.queues.queue(queue).addBulk(jobs);
      const ids = rows.map((r) => String(r.id));
      await this.options.afterEnqueue?.(ids);
      await manager.query('UPDATE outbox_events SET published_at = now() WHERE id = ANY($1::bigint[])', [ids]);
      return rows.length;
    });
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearInterval(this.timer);
    await this.running;
    const l = this.listener;
    this.listener = undefined;
    await l?.end().catch(() => undefined);
  }
}
