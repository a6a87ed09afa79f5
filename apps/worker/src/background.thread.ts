/**
 * Entry of the all-in-one process's background thread (background-thread.ts): a Nest application
 * context with only the modules its queues' jobs need (imports, tier assessment, match sets, policy
 * rewards, the upload purge), its own database pool, and BullMQ workers on those queues alone. It runs no relay:
 * the events its jobs write are relayed by the main thread, as every job's are; import progress
 * reaches the API's websockets through the pub/sub port (PostgreSQL NOTIFY or Redis), across threads.
 */
import 'reflect-metadata';
import { Inject, Injectable, Module, type OnApplicationBootstrap } from '@nestjs/common';
import { DiscoveryModule, DiscoveryService, NestFactory, Reflector } from '@nestjs/core';
import { parentPort, workerData } from 'node:worker_threads';
import { PlatformModule, RUNTIME, createLogger, nestLogger, startRuntime, type Runtime } from '../../../libs/platform/src/index.js';
import { TierAssessmentsModule } from '../../../libs/tier-assessments/src/index.js';
import { MatchingModule } from '../../../libs/matching/src/index.js';
import { EnterprisesModule } from '../../../libs/enterprises/src/index.js';
import { ConversationsModule } from '../../../libs/conversations/src/index.js';
import { RewardsModule } from '../../../libs/rewards/src/index.js';
import { DATABASE_SCHEMA } from '../../composition/src/database-schema.js';
import { BACKGROUND_JOB_NAMES, BACKGROUND_QUEUES, type BackgroundThreadInit, type BackgroundThreadMessage } from './background-thread.js';
import { createQueueWorkers, discoverHandlers } from './job-runner.js';

const port = parentPort!;
const send = (m: BackgroundThreadMessage) => port.postMessage(m);

@Injectable()
class BackgroundRunner implements OnApplicationBootstrap {
  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const handlers = discoverHandlers(this.discovery, this.reflector, BACKGROUND_JOB_NAMES);
    createQueueWorkers(this.runtime, handlers, BACKGROUND_QUEUES);
    for (const w of this.runtime.queues.workers()) {
      w.on('completed', () => send({ type: 'job', queue: w.name, ok: true }));
      w.on('failed', () => send({ type: 'job', queue: w.name, ok: false }));
    }
    await this.runtime.queues.runWorkers();
  }
}

async function main(): Promise<void> {
  const init = workerData as BackgroundThreadInit;
  const config = { ...init.config, databaseUrl: init.databaseUrl };
  const logger = createLogger(config).child({ thread: 'background' });
  // openQueues false: the main thread has opened (and migrated) every queue; this one only works.
  const runtime = await startRuntime({ role: 'worker', config, schema: DATABASE_SCHEMA, logger, queueNamespace: init.queueNamespace, openQueues: false });
  @Module({ imports: [PlatformModule.forRuntime(runtime), DiscoveryModule, EnterprisesModule, TierAssessmentsModule, MatchingModule, ConversationsModule, RewardsModule], providers: [BackgroundRunner] })
  class BackgroundModule {}
  let app;
  try {
    app = await NestFactory.createApplicationContext(BackgroundModule, { bufferLogs: true });
    app.useLogger(nestLogger(logger));
  } catch (err) {
    await runtime.close().catch(() => undefined);
    throw err;
  }
  const ctx = app;
  port.on('message', (m: { type: string }) => {
    if (m.type !== 'stop') return;
    // Work first (running jobs finish), then Nest, then the pool.
    void (async () => {
      await runtime.stopWork().catch(() => undefined);
      await ctx.close().catch(() => undefined);
      await runtime.close().catch(() => undefined);
      port.close(); // the thread exits: the main thread waits for that, not for a message
    })();
  });
  send({ type: 'ready' });
}

main().catch((err: Error) => {
  send({ type: 'failed-to-start', message: err.message });
  port.close();
});
