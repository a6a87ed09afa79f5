import { Inject, Injectable, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { DiscoveryService, Reflector } from '@nestjs/core';
import { UnrecoverableError, type Job } from 'bullmq';
import {
  APP_CONFIG,
  type AppConfig,
  QUEUE_NAMES,
  isJobName,
  JOB_HANDLER_METADATA,
  type JobName,
  assembleHandlerMap,
  type HandlerMap,
  QueueRegistry,
  type QueueName,
  RUNTIME,
} from '../../../libs/platform/src/index.js';
import type { Runtime } from '../../../libs/platform/src/index.js';
import { BACKGROUND_QUEUES, BackgroundThread, backgroundThreadFile } from './background-thread.js';

/** The handlers Nest discovered in this context, checked against the catalog (boot fails on a gap). */
export function discoverHandlers(discovery: DiscoveryService, reflector: Reflector, required?: readonly JobName[]): HandlerMap {
  const found = discovery
    .getProviders()
    .filter((w) => w.metatype && w.instance)
    .map((w) => ({ name: reflector.get<string>(JOB_HANDLER_METADATA, w.metatype as Function), handler: w.instance, owner: w.name }))
    .filter((f): f is { name: string; handler: unknown; owner: string } => typeof f.name === 'string');
  return assembleHandlerMap(found, required);
}

/** Creates a (not yet running) BullMQ worker per queue, each job given to its catalog handler. */
export function createQueueWorkers(runtime: Runtime, handlers: HandlerMap, queues: readonly QueueName[]): void {
  const { config } = runtime;
  for (const queue of queues) {
    // The bulk lane runs few jobs at once: interactive queues keep their workers and the CPU.
    const concurrency = queue === 'bulk' ? config.workerBulkConcurrency : config.workerConcurrency;
    const worker = runtime.queues.createWorker(queue, (job) => runJob(runtime, handlers, job), concurrency);
    worker.on('failed', (job, err) => {
      runtime.metrics.jobFailures.inc({ queue, job: isJobName(job?.name ?? '') ? job!.name : 'unknown' });
      runtime.logger.warn({ jobId: job?.id, job: job?.name, attempts: job?.attemptsMade, err: err.message }, 'job failed');
    });
    worker.on('error', (err) => runtime.logger.error({ err: err.message, queue }, 'worker error'));
  }
}

async function runJob(runtime: Runtime, handlers: HandlerMap, job: Job): Promise<unknown> {
  if (!isJobName(job.name)) {
    throw new UnrecoverableError(`unknown job ${job.name}`);
  }
  // Durations by queue and job: the match-set and tier-assessment jobs among them (GET /metrics;
  // the background thread's jobs are counted by srdi_background_thread_jobs, not timed here).
  const end = runtime.metrics.jobDuration.startTimer({ queue: job.queueName, job: job.name });
  try {
    const result = await handlers.get(job.name)!.handle(job.data, { jobId: String(job.id), attemptsMade: job.attemptsMade });
    end({ outcome: 'ok' });
    return result;
  } catch (err) {
    end({ outcome: 'failed' });
    throw err;
  }
}

/**
 * Finds the one handler of every catalog job (boot fails otherwise), starts a BullMQ worker per
 * queue once all of them are connected, and starts the outbox relay that feeds them. In the
 * all-in-one process the imports and the bulk lane run in a worker thread of its own (ADR 0038),
 * so an import's parsing and fan-out never take the API's event loop.
 */
@Injectable()
export class JobRunner implements OnApplicationBootstrap, OnApplicationShutdown {
  private background: BackgroundThread | undefined;

  constructor(
    private readonly discovery: DiscoveryService,
    private readonly reflector: Reflector,
    private readonly queues: QueueRegistry,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    @Inject(RUNTIME) private readonly runtime: Runtime,
  ) {}

  discoverHandlers(): HandlerMap {
    return discoverHandlers(this.discovery, this.reflector);
  }

  /** The background thread, where this process runs one (tests read its counters). */
  get backgroundThread(): BackgroundThread | undefined {
    return this.background;
  }

  async onApplicationBootstrap(): Promise<void> {
    const handlers = this.discoverHandlers();
    const wanted = this.runtime.role === 'all' && this.config.backgroundThread;
    const file = wanted ? backgroundThreadFile() : undefined;
    if (wanted && !file) this.runtime.logger.warn('background thread: no compiled entry found (run npm run build); imports and the bulk lane run on the main thread');
    createQueueWorkers(this.runtime, handlers, file ? QUEUE_NAMES.filter((q) => !BACKGROUND_QUEUES.includes(q)) : QUEUE_NAMES);
    if (file) {
      this.background = await BackgroundThread.start({
        file,
        config: this.config,
        databaseUrl: this.runtime.database.url,
        queueNamespace: this.queues.namespace,
        logger: this.runtime.logger,
        stopTimeoutMs: this.config.shutdownTimeoutMs,
      });
      const thread = this.background;
      this.runtime.metrics.gauge('srdi_background_thread_jobs', 'Jobs the all-in-one process\'s background thread (imports, bulk lane) finished since start', () => Object.values(thread.stats().jobs).reduce((a, b) => a + b, 0));
      this.runtime.metrics.gauge('srdi_background_thread_failed_jobs', 'Failed job attempts in the background thread since start', () => thread.stats().failed);
    }
    await this.queues.runWorkers();
    await this.runtime.relay?.start();
  }

  /** Runs within app.close(): before the database (and embedded PostgreSQL) closes. */
  async onApplicationShutdown(): Promise<void> {
    await this.background?.stop();
  }
}
