import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import type { DataSource } from 'typeorm';
import { QUEUE_NAMES } from '../queue/job-catalog.js';
import type { QueueRegistry } from '../queue/queue-registry.js';

/** Distinct GraphQL operation names one process labels; later ones count as `other` (bounded cardinality). */
export const MAX_OPERATION_NAMES = 200;
const OPERATION_NAME = /^[_A-Za-z][_0-9A-Za-z]{0,63}$/;

const SECONDS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10];
const JOB_SECONDS = [0.01, 0.05, 0.1, 0.5, 1, 5, 15, 60, 300, 1800];

/** Paths the HTTP metrics label as they are; anything else is `other` (no ids or probes in labels). */
const ROUTES: ReadonlyArray<[RegExp, string]> = [
  [/^\/graphql\/?$/, '/graphql'],
  [/^\/health\//, '/health'],
  [/^\/metrics$/, '/metrics'],
  [/^\/admin\/queues/, '/admin/queues'],
  [/^\/insights\/export\//, '/insights/export'],
  [/^\/enterprise-imports/, '/enterprise-imports'],
  [/^\/attachments/, '/attachments'],
  [/^\/dev\//, '/dev'],
];

export function routeLabel(path: string): string {
  return ROUTES.find(([re]) => re.test(path))?.[1] ?? 'other';
}

/**
 * The process's Prometheus metrics (prom-client, one registry per process so tests can boot several
 * apps in one): HTTP and GraphQL counts and latencies, job durations and failures, and gauges read
 * at scrape time — database pool, queue depth and age, outbox backlog and lag — plus Node's defaults
 * (event-loop lag, heap, GC, handles).
 */
export class Metrics {
  readonly registry = new Registry();
  private readonly operationNames = new Set<string>();

  readonly httpRequests = new Counter({ name: 'srdi_http_requests_total', help: 'HTTP requests by method, route and status code', labelNames: ['method', 'route', 'status'], registers: [this.registry] });
  readonly httpDuration = new Histogram({ name: 'srdi_http_request_duration_seconds', help: 'HTTP request latency', labelNames: ['method', 'route', 'status'], buckets: SECONDS, registers: [this.registry] });
  readonly graphqlOperations = new Counter({
    name: 'srdi_graphql_operations_total',
    help: 'GraphQL operations by name (anonymous/other collapsed), type and outcome (OK or the first error code)',
    labelNames: ['operation', 'type', 'outcome'],
    registers: [this.registry],
  });
  readonly graphqlDuration = new Histogram({ name: 'srdi_graphql_operation_duration_seconds', help: 'GraphQL operation latency', labelNames: ['operation', 'type', 'outcome'], buckets: SECONDS, registers: [this.registry] });
  readonly jobDuration = new Histogram({
    name: 'srdi_job_duration_seconds',
    help: 'Job run time by queue, job name (match-set and tier-assessment jobs among them) and outcome',
    labelNames: ['queue', 'job', 'outcome'],
    buckets: JOB_SECONDS,
    registers: [this.registry],
  });
  readonly jobFailures = new Counter({ name: 'srdi_job_failures_total', help: 'Failed job attempts by queue and job name', labelNames: ['queue', 'job'], registers: [this.registry] });

  constructor(sources: { dataSource: DataSource; queues: QueueRegistry }) {
    collectDefaultMetrics({ register: this.registry, prefix: 'srdi_' });
    const { dataSource, queues } = sources;
    const registers = [this.registry];
    new Gauge({
      name: 'srdi_db_pool_connections',
      help: 'Connections of the application database pool by state (total, idle, waiting = requests queued for a connection)',
      labelNames: ['state'],
      registers,
      collect() {
        const pool = (dataSource.driver as unknown as { master?: { totalCount: number; idleCount: number; waitingCount: number } }).master;
        if (!pool) return;
        this.set({ state: 'total' }, pool.totalCount);
        this.set({ state: 'idle' }, pool.idleCount);
        this.set({ state: 'waiting' }, pool.waitingCount);
      },
    });
    // One read of all queues per scrape, shared by both gauges.
    let reading: Promise<void> | undefined;
    const readQueues = () =>
      (reading ??= (async () => {
        try {
          for (const name of QUEUE_NAMES) {
            const queue = queues.queue(name);
            const counts = await queue.getJobCounts('waiting', 'active', 'delayed', 'prioritized', 'failed', 'completed');
            for (const [state, n] of Object.entries(counts)) depth.set({ queue: name, state }, n);
            const [oldest] = await queue.getJobs(['waiting'], 0, 0, true);
            age.set({ queue: name }, oldest ? Math.max(0, (Date.now() - oldest.timestamp) / 1000) : 0);
          }
        } finally {
          reading = undefined;
        }
      })());
    const depth: Gauge = new Gauge({ name: 'srdi_queue_jobs', help: 'Jobs per queue and state', labelNames: ['queue', 'state'], registers, collect: readQueues });
    const age: Gauge = new Gauge({ name: 'srdi_queue_oldest_waiting_seconds', help: 'Age of the oldest waiting job per queue (0 when none waits)', labelNames: ['queue'], registers, collect: readQueues });
    new Gauge({
      name: 'srdi_outbox_backlog',
      help: 'Outbox events not yet relayed to the queues',
      registers,
      async collect() {
        const [row] = await dataSource.query('SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL');
        this.set(row?.n ?? 0);
      },
    });
    new Gauge({
      name: 'srdi_outbox_lag_seconds',
      help: 'Age of the oldest outbox event not yet relayed (0 when none waits)',
      registers,
      async collect() {
        const [row] = await dataSource.query('SELECT COALESCE(EXTRACT(EPOCH FROM now() - min(created_at)), 0)::float AS s FROM outbox_events WHERE published_at IS NULL');
        this.set(Math.max(0, row?.s ?? 0));
      },
    });
  }

  /** A gauge read at scrape time from `read` (figures other libraries own, e.g. the search replica's lag); undefined leaves it unset. */
  gauge(name: string, help: string, read: () => number | undefined): void {
    if (this.registry.getSingleMetric(name)) this.registry.removeSingleMetric(name);
    new Gauge({
      name,
      help,
      registers: [this.registry],
      collect() {
        const v = read();
        if (v !== undefined) this.set(v);
      },
    });
  }

  /** The label of a GraphQL operation name: `anonymous`, the name while fewer than MAX_OPERATION_NAMES are known, else `other`. */
  operationLabel(name: string | null | undefined): string {
    if (!name) return 'anonymous';
    if (!OPERATION_NAME.test(name)) return 'other';
    if (this.operationNames.has(name)) return name;
    if (this.operationNames.size >= MAX_OPERATION_NAMES) return 'other';
    this.operationNames.add(name);
    return name;
  }

  /** The text exposition (Content-Type {@link contentType}). */
  scrape(): Promise<string> {
    return this.registry.metrics();
  }

  get contentType(): string {
    return this.registry.contentType;
  }
}
