import 'reflect-metadata';
import { Module, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { AddressInfo } from 'node:net';
import type { Logger as PinoLogger } from 'pino';
import type { AppConfig, Clock } from '../../../libs/platform/src/index.js';
import { PlatformModule, createLogger, nestLogger, startRuntime, type Runtime, installShutdown, runEveryStep } from '../../../libs/platform/src/index.js';
import { SearchModule } from '../../../libs/search/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import { ApiModule } from './api.module.js';
import { HardenedExpressAdapter, requestRateLimit, securityHeaders } from './http/http-hardening.js';
import { requestLogging } from './http/request-logging.js';
import { httpMetrics, metricsEndpoint, startMetricsServer } from './http/metrics-http.js';
import { QUEUE_BOARD_PATH, queueBoard } from './http/queue-board.js';
import { ensureAuthority, isFirstStart, seedDemoData } from './demo/seed-demo.js';

export interface StartedApp {
  readonly app: INestApplication;
  readonly runtime: Runtime;
  /** e.g. http://localhost:3000/graphql */
  readonly graphqlUrl: string;
  readonly baseUrl: string;
  /** The separate /metrics port (METRICS_PORT), when there is one. */
  readonly metricsPort?: number;
  /** Stops taking work, lets running jobs finish, closes HTTP, the database and embedded PostgreSQL. */
  close(): Promise<void>;
}

export interface StartApiOptions {
  config: AppConfig;
  /**
   * The worker's Nest module, to run the queue workers and the outbox relay in this process too.
   * Only the all-in-one entry (`apps/all-in-one`) passes it: the API itself never imports the worker.
   */
  workerModule?: Type<unknown>;
  logger?: PinoLogger;
  queueNamespace?: string;
  /** Deadline logic's clock (tests inject a settable one). */
  clock?: Clock;
}

/** Boots the API (and, given the worker module, the workers): the one path used by `npm start`, `start:api` and the e2e tests. */
export async function startApi(options: StartApiOptions): Promise<StartedApp> {
  const { config } = options;
  const runtime = await startRuntime({
    role: options.workerModule ? 'all' : 'api',
    config,
    schema: DATABASE_SCHEMA,
    logger: options.logger,
    queueNamespace: options.queueNamespace,
    clock: options.clock,
  });
  try {
    const ds = runtime.database.dataSource;
    await ensureAuthority(ds, runtime.config, runtime.logger);
    if (runtime.config.demoData && (await isFirstStart(ds))) await seedDemoData(ds, runtime.logger);

    @Module({ imports: [PlatformModule.forRuntime(runtime), SearchModule, ApiModule, ...(options.workerModule ? [options.workerModule] : [])] })
    class AppModule {}

    const app = await NestFactory.create<NestExpressApplication>(AppModule, new HardenedExpressAdapter(config.http), { bufferLogs: true, bodyParser: false });
    app.useLogger(nestLogger(runtime.logger));
    app.use(requestLogging(runtime.logger));
    app.use(securityHeaders(config.production));
    const metrics = runtime.metrics;
    app.use(httpMetrics(metrics));
    if (config.metrics.token) app.use(metricsEndpoint(metrics, config.metrics.token));
    // Operators' queue board; without an operator token there is none (404).
    if (config.operatorToken) app.use(QUEUE_BOARD_PATH, ...queueBoard(runtime.queues, { token: config.operatorToken, write: config.queueBoard.write }));
    if (config.http.rateLimitPerMinute > 0) app.use(requestRateLimit(config.http.rateLimitPerMinute));
    // GraphQL needs JSON only; larger bodies are refused with 413 before any parsing work.
    app.useBodyParser('json', { limit: '1mb' });
    // Behind a proxy the throttles need the client's address (req.ip from X-Forwarded-For), not the proxy's.
    if (config.trustProxy !== undefined) app.set('trust proxy', config.trustProxy);
    await app.listen(config.port, config.host);
    const { port } = app.getHttpServer().address() as AddressInfo;
    const host = config.host === '0.0.0.0' || config.host === '::' ? 'localhost' : config.host;
    const baseUrl = `http://${host}:${port}`;
    const metricsServer = config.metrics.port !== undefined ? await startMetricsServer(metrics, config.metrics.port, config.metrics.host) : undefined;
    let closing: Promise<void> | undefined;
    return {
      app,
      runtime,
      baseUrl,
      graphqlUrl: `${baseUrl}/graphql`,
      metricsPort: metricsServer?.port,
      // Work first, then HTTP, then pub/sub and the database; embedded PostgreSQL is stopped last.
      close: () =>
        (closing ??= runEveryStep([
          () => runtime.stopWork(),
          () => app.close(),
          () => new Promise<void>((resolve) => (metricsServer ? metricsServer.server.close(() => resolve()) : resolve())),
          () => runtime.close(),
        ])),
    };
  } catch (err) {
    await runtime.close().catch(() => undefined);
    throw err;
  }
}

/**
 * Runs a server process (`start:api`, or the all-in-one with `workerModule`): boots, installs the
 * graceful shutdown, logs how it runs and prints the GraphQL sandbox URL.
 */
export async function serve(config: AppConfig, workerModule?: Type<unknown>): Promise<void> {
  const logger = createLogger(config);
  const started = await startApi({ config, workerModule, logger });
  installShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, steps: [() => started.close()] });
  logger.info(describeStart(started));
  if (process.stdout.isTTY || !config.production) console.log(`\n  GraphQL sandbox: ${started.graphqlUrl}\n`);
}

/** The one line that says how this process runs. */
export function describeStart(started: StartedApp): string {
  const { runtime } = started;
  const mode = runtime.role === 'all' ? 'all-in-one' : 'api';
  const search = runtime.config.meiliUrl ? `Meilisearch ${new URL(runtime.config.meiliUrl).host}` : 'embedded (in-process)';
  const smtp = runtime.config.mail.smtpUrl;
  const mail = smtp
    ? `SMTP ${new URL(smtp).host}`
    : runtime.config.production
      ? 'kept in the database (no SMTP_URL: nothing is delivered)'
      : `kept in the database (no SMTP_URL): read them at ${started.baseUrl}/dev/mails`;
  return (
    `srdi-match started: mode=${mode} env=${runtime.config.env} database=${runtime.database.describe()} ` +
    `queue=${runtime.queues.describe()} pubsub=${runtime.pubsub.describe()} search=${search} files=${runtime.files.describe()} mail=${mail} graphql=${started.graphqlUrl}`
  );
}
