import { randomBytes } from 'node:crypto';
import type { Logger as PinoLogger } from 'pino';
import { loadConfig } from '../../libs/platform/src/config/config.js';
import type { Clock } from '../../libs/platform/src/time/clock.js';
import { startApp, type StartedApp } from '../../apps/all-in-one/src/start.js';
import { createTestDatabase, type TestDatabase } from './test-database.js';
import { gql, type GraphQLResponse } from './graphql-client.js';
import { testRedisUrl } from './test-env.js';

/** OPERATOR_TOKEN of test servers: /health/ready details, /metrics, /admin/queues. */
export const TEST_OPERATOR_TOKEN = 'test-operator-token-test-operator-token-01';
export const TEST_AUTHORITY = { email: 'authority@test.srdi.example', password: 'authority-password-1' };

export interface TestApp {
  readonly started: StartedApp;
  readonly db: TestDatabase;
  readonly url: string;
  /** Queue (and pub/sub) namespace; a second process of the same test shares it. */
  readonly namespace: string;
  readonly queue: 'postgres' | 'redis';
  gql<T = Record<string, any>>(query: string, variables?: Record<string, unknown>, token?: string): Promise<GraphQLResponse<T>>;
  /** Waits until every outbox event is relayed and every queued job has run (45 s by default: a shared CI machine can be slow; a real hang still fails). */
  drain(timeoutMs?: number): Promise<void>;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Queue backend: 'postgres' (default) or 'redis' (needs a reachable Redis). */
  queue?: 'postgres' | 'redis';
  env?: Record<string, string>;
  withWorkers?: boolean;
  /**
   * Another process of the same deployment: same database, queue backend and namespace (e.g. an
   * API-only process next to an all-in-one one). Closing it leaves the shared database alone.
   */
  sharing?: TestApp;
  /** Deadline logic's clock (a SettableClock moves time without sleeping). */
  clock?: Clock;
  /** The process's logger (tests that read the log pass one writing to memory). */
  logger?: PinoLogger;
}

/** Boots the real app (HTTP on a free port, workers, relay) on a fresh cloned database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const shared = options.sharing;
  const queue = shared?.queue ?? options.queue ?? 'postgres';
  const db = shared?.db ?? (await createTestDatabase());
  const redisUrl = queue === 'redis' ? testRedisUrl() : undefined;
  if (queue === 'redis' && !redisUrl) throw new Error('Redis not reachable');
  const namespace = shared?.namespace ?? randomBytes(4).toString('hex');
  const config = loadConfig({
    NODE_ENV: 'test',
    DATABASE_URL: db.url,
    PORT: '0',
    HOST: '127.0.0.1',
    DEMO_DATA: 'off',
    LOG_LEVEL: 'silent',
    JWT_SECRET: 'test-secret-test-secret-test-secret-0123',
    AUTHORITY_EMAIL: TEST_AUTHORITY.email,
    AUTHORITY_PASSWORD: TEST_AUTHORITY.password,
    // Suites register many organizations from 127.0.0.1; throttle tests set it back to 1.
    RATE_LIMIT_MULTIPLIER: '1000',
    OPERATOR_TOKEN: TEST_OPERATOR_TOKEN,
    ...(redisUrl ? { REDIS_URL: redisUrl } : {}),
    ...options.env,
  });
  const started = await startApp({ config, withWorkers: options.withWorkers ?? true, queueNamespace: namespace, clock: options.clock, logger: options.logger });
  return {
    started,
    db,
    url: started.graphqlUrl,
    namespace,
    queue,
    gql: (query, variables, token) => gql(started.graphqlUrl, query, variables, token),
    async drain(timeoutMs = 45_000) {
      const until = Date.now() + timeoutMs;
      for (;;) {
        const [{ n }] = await started.runtime.database.dataSource.query(
          'SELECT count(*)::int AS n FROM outbox_events WHERE published_at IS NULL',
        );
        const pending = await started.runtime.queues.pendingJobs();
        if (n === 0 && pending === 0) return;
        if (Date.now() > until) throw new Error(`queues did not drain in ${timeoutMs} ms: outbox ${n}, jobs ${pending}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async close() {
      await started.close();
      if (!shared) await db.drop();
    },
  };
}
