import { isMainThread } from 'node:worker_threads';
import { randomBytes } from 'node:crypto';
import { existsSync } from 'node:fs';
import { chmod, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { pino, type Logger } from 'pino';
import type { AppConfig, ProcessRole } from '../config/config.js';
import type { DatabaseSchema } from '../database/data-source.js';
import { openDatabase, type DatabaseRuntime } from '../database/database-runtime.js';
import { OutboxRelay } from '../outbox/outbox-relay.js';
import { QueueRegistry } from '../queue/queue-registry.js';
import { createPubSub } from '../pubsub/create-pubsub.js';
import { runEveryStep } from './shutdown.js';
import type { PubSub } from '../pubsub/pubsub.js';
import { systemClock, type Clock } from '../time/clock.js';
import { createFileStore } from '../files/create-file-store.js';
import type { FileStore } from '../files/file-store.js';
import { Metrics } from '../metrics/metrics.js';

/** The infrastructure a process runs on, started before Nest and stopped after it. */
export interface Runtime {
  readonly role: ProcessRole;
  readonly config: AppConfig;
  readonly logger: Logger;
  readonly database: DatabaseRuntime;
  readonly queues: QueueRegistry;
  /** Present where workers run (worker and all-in-one processes). */
  readonly relay: OutboxRelay | undefined;
  /** Live updates between processes (Redis pub/sub with REDIS_URL, else PostgreSQL LISTEN/NOTIFY). */
  readonly pubsub: PubSub;
  /** What time it is for deadline logic (tests inject a settable one). */
  readonly clock: Clock;
  /** Uploaded files (attachments): DATA_DIR/files, or the S3-compatible bucket of S3_URL. */
  readonly files: FileStore;
  /** Prometheus metrics of this process (GET /metrics, ADR 0037). */
  readonly metrics: Metrics;
  /** Stops the relay and the queues, letting running jobs finish. */
  stopWork(): Promise<void>;
  /** {@link stopWork}, then closes pub/sub and the database (and stops embedded PostgreSQL). */
  close(): Promise<void>;
}

/**
 * The process's logger: JSON lines on stdout. On the main thread the lines are written in batches
 * (up to 4 KB, or every 200 ms when fewer come): one write per request line cost ~4 % of a
 * listings page's CPU under load. pino flushes what is buffered when the process exits (a crash
 * included; not a SIGKILL); the loggers of a process share one destination. A worker thread writes each line at once (no exit hook there).
 */
export function createLogger(config: Pick<AppConfig, 'logLevel'>): Logger {
  return pino(
    {
      level: config.logLevel,
      base: { service: 'srdi-match' },
      redact: { paths: ['req.headers.authorization', 'req.headers.cookie', '*.password', '*.accessToken'], censor: '[redacted]' },
    },
    isMainThread ? (stdoutBatches ??= pino.destination({ dest: 1, sync: false, minLength: 4096, periodicFlush: 200 })) : pino.destination({ dest: 1, sync: false }),
  );
}
/** One batching stdout destination per process, shared by every logger created in it (one timer). */
let stdoutBatches: ReturnType<typeof pino.destination> | undefined;

/**
 * Outside production a missing JWT_SECRET is generated once and kept in DATA_DIR, so tokens
 * survive restarts of the zero-setup default. Production refuses to start without one (config).
 */
export async function resolveJwtSecret(config: AppConfig): Promise<string> {
  if (config.jwtSecret) return config.jwtSecret;
  const dir = resolve(config.dataDir);
  const file = join(dir, 'jwt-secret');
  if (existsSync(file)) {
    const saved = (await readFile(file, 'utf8')).trim();
    // A crash during the first write can leave it empty; never sign with a short key.
    if (saved.length >= 32) return saved;
  }
  await mkdir(dir, { recursive: true });
  const secret = randomBytes(48).toString('base64url');
  await writeFile(file, secret, { mode: 0o600 });
  await chmod(file, 0o600);
  return secret;
}

export interface StartRuntimeOptions {
  role: ProcessRole;
  config: AppConfig;
  /** The product's entities and migrations, from the composition root. */
  schema: DatabaseSchema;
  logger?: Logger;
  /** Isolates queue names (tests). */
  queueNamespace?: string;
  /** Deadline logic's clock; the system clock unless a test injects one. */
  clock?: Clock;
  /**
   * false: do not open every queue at boot (a process that only runs workers on queues another
   * process has already migrated and that adds no jobs itself: the all-in-one's background thread).
   */
  openQueues?: boolean;
}

export async function startRuntime(options: StartRuntimeOptions): Promise<Runtime> {
  const jwtSecret = await resolveJwtSecret(options.config);
  const config: AppConfig = { ...options.config, jwtSecret };
  const logger = options.logger ?? createLogger(config);
  const database = await openDatabase(config, options.schema, (m) => logger.info(m), `srdi-${options.role}`);
  const queues = new QueueRegistry({ redisUrl: config.redisUrl, databaseUrl: database.url, namespace: options.queueNamespace });
  try {
    if (options.openQueues !== false) await queues.ready();
  } catch (err) {
    await queues.close().catch(() => undefined);
    await database.close();
    throw new Error(`queue backend unreachable (${queues.describe()}): ${(err as Error).message}`, { cause: err });
  }
  // Never fails the boot: without its connection the API serves everything but live updates, and reconnects.
  const pubsub = createPubSub({
    redisUrl: config.redisUrl,
    databaseUrl: database.url,
    namespace: options.queueNamespace,
    log: (level, message) => logger[level](message),
  });
  await pubsub.start();
  const files = createFileStore(config);
  const relay =
    options.role === 'api'
      ? undefined
      : new OutboxRelay(database.dataSource, queues, {
          databaseUrl: database.url,
          log: (level, message) => logger[level](message),
        });
  let stopped: Promise<void> | undefined;
  let closed: Promise<void> | undefined;
  const stopWork = () =>
    (stopped ??= (async () => {
      await relay?.stop();
      await queues.close();
    })());
  return {
    role: options.role,
    config,
    logger,
    database,
    queues,
    relay,
    pubsub,
    clock: options.clock ?? systemClock,
    files,
    metrics: new Metrics({ dataSource: database.dataSource, queues }),
    stopWork,
    close() {
      // The database (and embedded PostgreSQL) last, and even when an earlier step failed.
      closed ??= runEveryStep([
        stopWork,
        () => pubsub.close().catch((err: Error) => logger.warn(`closing pub/sub failed: ${err.message}`)),
        () => files.close().catch(() => undefined),
        () => database.close(),
      ]);
      return closed;
    },
  };
}
