/**
 * Entry of the all-in-one process's bulk-lane thread (bulk-lane.ts): a Nest application context
 * with only the modules the 'bulk' queue's jobs need (tier assessment, match sets), its own
 * database pool and a BullMQ worker on the 'bulk' queue alone. It adds no jobs and runs no relay:
 * the events its jobs write are relayed by the main thread, as every job's are.
 */
import 'reflect-metadata';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import { parentPort, workerData } from 'node:worker_threads';
import { Logger } from 'nestjs-pino';
import { BULK_JOB_NAMES, PlatformModule, RUNTIME, createLogger, startRuntime, type Runtime } from '../../../libs/platform/src/index.js';
import { TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { MatchingModule } from '../../../libs/matching/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import type { BulkLaneInit, BulkLaneMessage } from './bulk-lane.js';
import { createQueueWorkers, discoverHandlers } from './job-runner.js';

const port = parentPort!;
const send = (m: BulkLaneMessage) => port.postMessage(m);

@Injectable()
class BulkLaneRunner implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = discoverHandlers(this.discovery, this.reflector, BULK_JOB_NAMES);
    createQueueWorkers(this.runtime, handlers, ['bulk']);
    await this.runtime.queues.runWorkers();
  }
}

async function main(): Promise<void> {
  const init = workerData as BulkLaneInit;
  const config = { ...init.config, databaseUrl: init.databaseUrl };
  const logger = createLogger(config).child({ thread: 'bulk-lane' });
  const runtime = await startRuntime({ role: 'worker', config, schema: DATABASE_SCHEMA, logger, queueNamespace: init.queueNamespace, openQueues: false });
  @Module({ imports: [PlatformModule.forRuntime(runtime), DiscoveryModule, TierAssessmentsModule, MatchingModule], providers: [BulkLaneRunner] })
  class BulkLaneModule {}
  let app;
  try {
    app = await NestFactory.createApplicationContext(BulkLaneModule, { bufferLogs: true });
    app.useLogger(app.get(Logger));
  } catch (err) {
    await runtime.close().catch(() => undefined);
    throw err;
  }
  for (const w of runtime.queues.workers()) {
    w.on('completed', (job) => send({ type: 'job', name: job.name, ok: true, ms: (job.finishedOn ?? 0) - (job.processedOn ?? 0) }));
    w.on('failed', (job) => send({ type: 'job', name: job?.name ?? '?', ok: false, ms: 0 }));
  }
  const ctx = app;
  port.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    // Work first (the running job finishes), then Nest, then the pool.
    void (async () => {
      await runtime.stopWork().catch(() => undefined);
      await ctx.close().catch(() => undefined);
      await runtime.close().catch(() => undefined);
      send({ type: 'stopped' });
      port.close();
    })();
  });
  send({ type: 'ready' });
}

main().catch((err: Error) => {
  send({ type: 'failed-to-start', message: err.message });
  port.close();
});
