import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Module } from '@nestjs/common';
import { ConfigError, loadConfig, PlatformModule, createLogger, nestLogger, startRuntime, installShutdown } from '../../../libs/platform/src/index.js';
import { WorkerModule } from './worker.module.js';
import { SearchModule } from '../../../libs/search/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';

/** The worker alone: a Nest application context with no HTTP server. */
async function main() {
  const config = loadConfig();
  if (!config.databaseUrl) {
    throw new ConfigError('DATABASE_URL', 'is required for a standalone worker (embedded PostgreSQL belongs to the all-in-one `npm start`)');
  }
  const logger = createLogger(config);
  const runtime = await startRuntime({ role: 'worker', config, schema: DATABASE_SCHEMA, logger });
  @Module({ imports: [PlatformModule.forRuntime(runtime), SearchModule, WorkerModule] })
  class WorkerAppModule {}
  const app = await NestFactory.createApplicationContext(WorkerAppModule, { bufferLogs: true });
  app.useLogger(nestLogger(logger));
  installShutdown({ logger, timeoutMs: config.shutdownTimeoutMs, steps: [() => runtime.stopWork(), () => app.close(), () => runtime.close()] });
  logger.info(`srdi-match worker started: mode=worker database=${runtime.database.describe()} queue=${runtime.queues.describe()} pubsub=${runtime.pubsub.describe()}`);
}

main().catch((err: Error) => {
  console.error(err instanceof ConfigError ? err.message : err);
  process.exit(1);
});
